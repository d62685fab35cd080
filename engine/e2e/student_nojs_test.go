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
// each step with its dates, the activity to start with (ranked by their
// preferences), and its heading a link to the competency page that lists
// every way, support and extension (said once, above the steps).
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
		if !strings.Contains(plan.Text(), "A step's title opens every way to learn it.") {
			t.Errorf("%s: the plan does not say where the other ways are:\n%s", tc.name, plan.Text())
		}
		adding := plan.ByRole("listitem", "").WithText("I can do adding.").First()
		adding.ByRole("heading", "Adding").Wait()
		if n := adding.ByRole("link", tc.suggested).Count(); n != 1 {
			t.Errorf("%s: %d links to %q, the suggested way in, want 1:\n%s", tc.name, n, tc.suggested, adding.Text())
		}
		text := adding.Text()
		for _, want := range []string{"Start with:", "Aim to finish by"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s's Adding step lacks %q:\n%s", tc.name, want, text)
			}
		}
		if strings.Contains(text, tc.other) {
			t.Errorf("%s's Adding step lists %q, which is not suggested for them:\n%s", tc.name, tc.other, text)
		}
		// Halving has one activity: it is the one to do.
		halving := plan.ByRole("listitem", "").WithText("I can do halving.").First()
		if n := halving.ByRole("link", "Halving game").Count(); n != 1 {
			t.Errorf("%s: Halving does not suggest its one activity:\n%s", tc.name, halving.Text())
		}
	}

	// The competency page lists every way in, with support and extension.
	ways := p.ByRole("region", "My playlist").ByRole("heading", "Adding").ByRole("link", "Adding")
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
