package browsertest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout bounds each step of a test (a navigation, a query that
// waits for its element, an axe run).
const DefaultTimeout = 15 * time.Second

// Page is one browser tab. Its methods fail the test (t.Fatal) when the
// browser does not do what was asked; they must be called from the test's
// goroutine (in a subtest, use [Page.For]). A Page records what the tab
// does: see [Page.AssertClean].
type Page struct {
	t   testing.TB
	ctx context.Context // the tab's context, without a deadline
	rec *recorder
	// Timeout bounds each step; DefaultTimeout unless changed.
	Timeout time.Duration
}

// NewPage opens a tab in a new, empty profile (a browser context of its
// own: localStorage, cookies and cache are not shared with other pages).
// The tab and the profile are closed when the test ends, after a last
// [Page.AssertClean].
func NewPage(t testing.TB) *Page {
	t.Helper()
	return openTab(t, browser(t), chromedp.WithNewBrowserContext())
}

// NewTab opens another tab in p's profile: it shares p's localStorage, as
// a second tab of the same person's browser would.
func (p *Page) NewTab(t testing.TB) *Page {
	t.Helper()
	return openTab(t, p.ctx)
}

func openTab(t testing.TB, parent context.Context, opts ...chromedp.ContextOption) *Page {
	t.Helper()
	rec := newRecorder()
	opts = append(opts, chromedp.WithListener(rec.listen))
	ctx, cancel := chromedp.NewContext(parent, opts...)
	p := &Page{t: t, ctx: ctx, rec: rec, Timeout: DefaultTimeout}
	t.Cleanup(cancel)
	// The first Run attaches the tab and binds its event loop to the
	// context it gets: it must have no deadline. Bound the wait instead.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("opening a tab: %v", err)
		}
	case <-time.After(p.Timeout):
		t.Fatalf("opening a tab: no answer after %v", p.Timeout)
	}
	t.Cleanup(func() {
		if t.Failed() {
			p.saveFailureScreenshot(t)
		}
		p.AssertClean(t)
	})
	return p
}

// For returns p bound to another test, such as a subtest (t.Run), so that
// its failures stop that test and not the one that opened the tab. The
// tab and its records are shared.
func (p *Page) For(t testing.TB) *Page {
	c := *p
	c.t = t
	return &c
}

// Context returns the tab's chromedp context, for actions this package has
// no helper for. Derive a timeout from it for each call; never cancel it.
func (p *Page) Context() context.Context { return p.ctx }

// do runs actions with the page's timeout and names what failed.
func (p *Page) do(what string, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		return errTimeout(what, p.Timeout, err)
	}
	return nil
}

// Run runs chromedp actions with the page's timeout, failing the test on
// an error.
func (p *Page) Run(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := p.do("running actions", actions...); err != nil {
		p.t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// into T. Promises are awaited. The page's Content-Security-Policy does not
// apply to it.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	v, err := eval[T](p, expr)
	if err != nil {
		p.t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

func eval[T any](p *Page, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return v, errTimeout("evaluate", p.Timeout, err)
	}
	return v, nil
}

// Navigate opens url in the tab and waits for its load event.
func (p *Page) Navigate(url string) {
	p.t.Helper()
	if err := p.do("navigating to "+url, chromedp.Navigate(url)); err != nil {
		p.t.Fatal(err)
	}
}

// Reload reloads the page and waits for its load event.
func (p *Page) Reload() {
	p.t.Helper()
	if err := p.do("reloading", chromedp.Reload()); err != nil {
		p.t.Fatal(err)
	}
}

// ExpectLoad runs fn (a click on a link, a key press) and waits for the
// page load it causes.
func (p *Page) ExpectLoad(fn func()) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	loads := chromedp.Events(ctx, page.LoadEventFired) // subscribed before fn runs
	fn()
	next, stop := iter.Pull2(loads)
	defer stop()
	_, err, ok := next()
	if !ok {
		err = errors.New("the event stream ended")
	}
	if err != nil {
		p.t.Fatal(errTimeout("waiting for a page load", p.Timeout, err))
	}
}

// URL returns the tab's current address.
func (p *Page) URL() string {
	p.t.Helper()
	return Eval[string](p, "location.href")
}

// WaitFor polls a JavaScript expression until it is truthy.
func (p *Page) WaitFor(expr string) {
	p.t.Helper()
	if err := p.waitFor(expr); err != nil {
		p.t.Fatalf("waiting for %s: %v", expr, err)
	}
}

func (p *Page) waitFor(expr string) error {
	deadline := time.Now().Add(p.Timeout)
	for {
		ok, err := eval[bool](p, "!!("+expr+")")
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still false after %v", p.Timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Text returns the visible text of the page (document.body.innerText).
func (p *Page) Text() string {
	p.t.Helper()
	return Eval[string](p, "document.body ? document.body.innerText : ''")
}

// WaitText waits until the page's visible text contains s.
func (p *Page) WaitText(s string) {
	p.t.Helper()
	js, _ := json.Marshal(s)
	if err := p.waitFor(fmt.Sprintf("document.body && document.body.innerText.replace(/\\s+/g, ' ').includes(%s)", js)); err != nil {
		p.t.Fatalf("waiting for the text %q: %v\npage text:\n%s", s, err, p.Text())
	}
}

// LocalStorage returns the page origin's localStorage.
func (p *Page) LocalStorage() map[string]string {
	p.t.Helper()
	return Eval[map[string]string](p, "Object.fromEntries(Object.entries(localStorage))")
}

// Screenshot writes a PNG of the whole page to path, creating its folder.
func (p *Page) Screenshot(path string) {
	p.t.Helper()
	png, err := p.screenshot()
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *Page) screenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		return nil, errTimeout("screenshot", p.Timeout, err)
	}
	return png, nil
}

// shots numbers failure screenshots.
var shots atomic.Int64

// saveFailureScreenshot keeps a picture of a failed test's page when
// artifacts are kept (go test -artifacts -outputdir=DIR).
func (p *Page) saveFailureScreenshot(t testing.TB) {
	if f := flag.Lookup("test.artifacts"); f == nil || f.Value.String() != "true" {
		return
	}
	png, err := p.screenshot()
	if err != nil {
		t.Logf("no failure screenshot: %v", err)
		return
	}
	name := filepath.Join(t.ArtifactDir(), fmt.Sprintf("page-%d.png", shots.Add(1)))
	if err := os.WriteFile(name, png, 0o644); err != nil {
		t.Logf("no failure screenshot: %v", err)
		return
	}
	t.Logf("screenshot of the page at failure: %s", name)
}

// Viewport sets the page's viewport size in CSS pixels (320 for the
// narrowest phones).
func (p *Page) Viewport(width, height int64) {
	p.t.Helper()
	if err := p.do("setting the viewport", chromedp.EmulateViewport(width, height)); err != nil {
		p.t.Fatal(err)
	}
}

// Requests returns the URL of every request the page made so far, in order.
func (p *Page) Requests() []string { return p.rec.requestURLs() }

// OffHost returns the requests that went anywhere but 127.0.0.1 (data:,
// about:, blob: and file: URLs do not leave the machine and are not
// listed).
func (p *Page) OffHost() []string { return p.rec.offHost() }

// AllowHost lets the page reach host (such as a video embed the content
// chose) without a problem being recorded: requests to it, and their
// failures, are not problems. They are still listed by [Page.Requests]
// and [Page.OffHost]. The browser cannot reach any host but 127.0.0.1, so
// such requests fail.
func (p *Page) AllowHost(host string) { p.rec.allowHost(host) }

// Problems returns what went wrong in the page since the last
// [Page.AssertClean] or [Page.Reset].
func (p *Page) Problems() []Problem { return p.rec.problemList() }

// Reset forgets the problems recorded so far (after a test asserted the
// ones it caused on purpose).
func (p *Page) Reset() { p.rec.reset() }

// AssertClean fails t (without stopping it) for each problem recorded
// since the last AssertClean or Reset: a JavaScript exception, a console
// error, a failed request (a network error or an HTTP status of 400 or
// more) or a request off 127.0.0.1. It then forgets them. It also runs when
// the test ends.
func (p *Page) AssertClean(t testing.TB) {
	t.Helper()
	probs := p.rec.problemList()
	p.rec.reset()
	if len(probs) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s) in the browser:", len(probs))
	page := "\x00"
	for _, pr := range probs {
		if pr.Page != page {
			page = pr.Page
			fmt.Fprintf(&b, "\n\ton %s:", cmp.Or(page, "(no page yet)"))
		}
		fmt.Fprintf(&b, "\n\t\t%s", pr)
	}
	t.Error(b.String())
}
