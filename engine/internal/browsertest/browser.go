// Package browsertest drives a real Chromium for Pacer's browser tests.
//
// One headless browser starts per test binary, on first use. Each call of
// [NewPage] opens a tab in a fresh browser context (a profile: its own
// localStorage, cookies and cache), so every simulated student starts clean;
// [Page.NewTab] opens another tab in the same profile. Every page records
// its requests, JavaScript exceptions, console errors and failed requests,
// and [Page.AssertClean] (also run when the test ends) fails the test on any
// of them, or on any request that leaves 127.0.0.1.
//
// Elements are found the way a person finds them, by role and accessible
// name ([Page.ByRole]); keys are real key events ([Page.Press]). [Page.Axe]
// runs axe-core against the page.
//
// When Chromium is missing the tests skip, or fail when CI=true. Set
// PACER_CHROMIUM to use another binary. A package's TestMain may call
// [Main] so the browser and its profile folder are removed when the tests
// end; without it the browser dies with the test binary.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultChromium is where Debian's chromium package installs the browser.
const DefaultChromium = "/usr/bin/chromium"

// startTimeout bounds the browser's start; the browser itself must be
// started with a context that has no deadline (a deadline on the first
// chromedp.Run stops the browser when it expires).
const startTimeout = 60 * time.Second

var shared struct {
	once    sync.Once
	ctx     context.Context // the first tab's context: the browser lives as long as it
	cancel  context.CancelFunc
	err     error
	started bool
}

// inCI reports whether missing tools must fail the tests rather than skip them.
func inCI() bool { return os.Getenv("CI") == "true" }

// ChromiumPath returns the browser to use: $PACER_CHROMIUM, else
// /usr/bin/chromium; ok is false when that file is missing.
func ChromiumPath() (path string, ok bool) {
	path = os.Getenv("PACER_CHROMIUM")
	if path == "" {
		path = DefaultChromium
	}
	if _, err := exec.LookPath(path); err != nil {
		return path, false
	}
	return path, true
}

// RequireChromium skips the test when no browser is installed, or fails it
// under CI=true, and returns the browser's path.
func RequireChromium(t testing.TB) string {
	t.Helper()
	path, ok := ChromiumPath()
	if ok {
		return path
	}
	if inCI() {
		t.Fatalf("chromium not found at %s (CI=true, so browser tests must run): install it with `apt-get install chromium` (Debian) or set PACER_CHROMIUM", path)
	}
	t.Skip("chromium not found: install it with `apt-get install chromium` (Debian) or set PACER_CHROMIUM to run browser tests")
	return ""
}

// allocatorOptions are the flags every test browser starts with, extra
// flags (a fake camera) added.
func allocatorOptions(path string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// Nothing may leave the machine: every host name but 127.0.0.1
		// fails at once (the recorder still sees the attempt).
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 800),
	)
	return append(opts, extra...)
}

// browser returns the context of the shared browser, starting it on first use.
func browser(t testing.TB) context.Context {
	t.Helper()
	path := RequireChromium(t)
	shared.once.Do(func() {
		opts := allocatorOptions(path)
		allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		shared.ctx = ctx
		shared.cancel = func() { cancel(); allocCancel() }

		// Start with no deadline, but do not wait for ever.
		done := make(chan error, 1)
		go func() { done <- chromedp.Do(ctx) }()
		select {
		case err := <-done:
			shared.err = err
		case <-time.After(startTimeout):
			shared.err = fmt.Errorf("no answer after %v", startTimeout)
		}
		if shared.err != nil {
			shared.cancel()
			shared.err = fmt.Errorf("starting %s: %w", path, shared.err)
			return
		}
		shared.started = true
	})
	if shared.err != nil {
		t.Fatalf("browsertest: %v", shared.err)
	}
	return shared.ctx
}

// Main runs the tests and then stops the shared browser, removing its
// profile folder. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	Shutdown()
	return code
}

// Shutdown stops the shared browser if it was started. Tests that run after
// it start a new one.
func Shutdown() {
	if shared.cancel != nil {
		shared.cancel()
	}
	shared.once = sync.Once{}
	shared.ctx, shared.cancel, shared.err, shared.started = nil, nil, nil, false
}

// errTimeout makes a deadline error read as what the test waited for.
func errTimeout(what string, timeout time.Duration, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: timed out after %v", what, timeout)
	}
	return fmt.Errorf("%s: %w", what, err)
}
