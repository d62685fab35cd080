package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// With JavaScript off, a student's page is their plan to read and print:
// each step with its dates, the way suggested for this student in each
// choice (ranked by their preferences), and a link to the competency page
// that lists every way, support and extension.
func TestStudentPageWithoutJavaScriptIsAReadablePlan(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	p.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	for _, tc := range []struct{ name, suggested, other string }{
		{"Ada L.", "Adding on a number line", "Reading about sums"}, // prefers video
		{"Ben K.", "Reading about sums", "Adding on a number line"}, // prefers reading
	} {
		p.Navigate(c.url(c.students[tc.name], ""))
		p.ByRole("heading", "Hello, "+tc.name).Wait()
		if js := browsertest.Eval[bool](p, `document.documentElement.classList.contains("js")`); js {
			t.Fatal("the page's script ran; this test needs it off")
		}
		plan := p.ByRole("region", "My playlist")
		adding := plan.ByRole("listitem", "").WithText("I can do adding.").First()
		adding.ByRole("heading", "Adding").Wait()
		if got := adding.ByRole("list", "").ByRole("link", "").State().Name; got != tc.suggested {
			t.Errorf("%s: suggested %q, want %q", tc.name, got, tc.suggested)
		}
		text := adding.Text()
		for _, want := range []string{"Suggested for you:", "Aim to finish by"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s's Adding step lacks %q:\n%s", tc.name, want, text)
			}
		}
		if strings.Contains(text, tc.other) {
			t.Errorf("%s's Adding step lists %q, which is not suggested for them:\n%s", tc.name, tc.other, text)
		}
		// Halving has one activity: it is the one to do.
		halving := plan.ByRole("listitem", "").WithText("I can do halving.").First()
		if got := halving.ByRole("list", "").ByRole("link", "").State().Name; got != "Halving game" {
			t.Errorf("%s: Halving suggests %q", tc.name, got)
		}
	}

	// The competency page lists every way in, with support and extension.
	ways := p.ByRole("link", "Every way to learn, with support and extension: Adding")
	p.ExpectLoad(ways.Click)
	p.ByRole("heading", "Adding").Wait()
	// (the test server answers .../index.html from the folder's URL)
	if u := p.URL(); !strings.HasSuffix(u, "/competencies/adding/index.html") && !strings.HasSuffix(u, "/competencies/adding/") {
		t.Fatalf("the link led to %s", p.URL())
	}
	page := p.Text()
	for _, a := range []string{"Adding on a number line", "Reading about sums", "Build sums with blocks", "Design an adding game"} {
		if !strings.Contains(page, a) {
			t.Errorf("the competency page does not list %q", a)
		}
	}
}
