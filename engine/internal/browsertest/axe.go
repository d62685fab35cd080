package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the rule sets every page must pass: WCAG 2.2 A and AA and
// axe's best practices.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"}

// Violation is one axe-core rule that failed, with the elements that
// failed it.
type Violation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []AxeNode `json:"nodes"`
}

// AxeNode is one element that failed a rule.
type AxeNode struct {
	// Target is the element's CSS selector (joined with " >>> " across
	// frames and shadow roots).
	Target  string `json:"target"`
	HTML    string `json:"html"`
	Summary string `json:"summary"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t\t%s  %s", n.Target, n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n\t\t\t%s", strings.ReplaceAll(n.Summary, "\n", "\n\t\t\t"))
		}
	}
	return b.String()
}

// FormatViolations lists violations one per line, for a test failure.
func FormatViolations(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n\t%s", v)
	}
	return b.String()
}

var axeSource struct {
	once sync.Once
	src  string
	path string
	err  error
}

// AxePath finds node_modules/axe-core/axe.min.js in the module root (the
// nearest folder above the working directory holding go.mod) or any
// folder between.
func AxePath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", fmt.Errorf("%s not found", p)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("node_modules/axe-core/axe.min.js not found above the working directory")
		}
		dir = parent
	}
}

// RequireAxe returns axe-core's source; it skips the test when axe-core is
// not installed, or fails it under CI=true.
func RequireAxe(t testing.TB) string {
	t.Helper()
	axeSource.once.Do(func() {
		axeSource.path, axeSource.err = AxePath()
		if axeSource.err != nil {
			return
		}
		b, err := os.ReadFile(axeSource.path)
		axeSource.src, axeSource.err = string(b), err
	})
	if axeSource.err == nil {
		return axeSource.src
	}
	msg := fmt.Sprintf("axe-core not found (%v): run `npm install --ignore-scripts --no-save axe-core` in the module root to run accessibility checks", axeSource.err)
	if inCI() {
		t.Fatal(msg + " (CI=true, so they must run)")
	}
	t.Skip(msg)
	return ""
}

// axeRun is evaluated after axe.min.js: it runs the rules on the whole
// document and keeps what a failure message needs.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" >>> "),
      html: (h => h.length > 200 ? h.slice(0, 200) + "…" : h)(n.html.replace(/\s+/g, " ")),
      summary: n.failureSummary || "",
    })),
  })))`

// Axe runs axe-core on the page as it is now and returns the violations
// of [AxeTags] (an empty slice when there are none).
func (p *Page) Axe(t testing.TB) []Violation {
	t.Helper()
	return Axe(t, p.ctx)
}

// Axe runs axe-core in the tab of a chromedp context (one that has run
// once) and returns the violations of [AxeTags].
func Axe(t testing.TB, ctx context.Context) []Violation {
	t.Helper()
	src := RequireAxe(t)
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	// Runtime.evaluate is not subject to the page's Content-Security-Policy,
	// so injecting works on any page.
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("typeof window.axe === 'object'"))
	if err == nil && !loaded {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src))
	}
	if err != nil {
		t.Fatal(errTimeout("injecting axe-core", DefaultTimeout, err))
	}
	tags, _ := json.Marshal(AxeTags)
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(errTimeout("running axe-core", DefaultTimeout, err))
	}
	if vs == nil {
		vs = []Violation{}
	}
	return vs
}

// AssertAxe fails t (without stopping it) when axe-core finds violations.
func (p *Page) AssertAxe(t testing.TB) {
	t.Helper()
	if vs := p.Axe(t); len(vs) > 0 {
		t.Errorf("axe-core: %d violation(s) on %s:%s", len(vs), p.URL(), FormatViolations(vs))
	}
}
