package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// TestREADMEScreenshots takes the README's pictures of a student's page
// in headless Chromium, at a phone's 390 px and a laptop's 1280 px, when
// PACER_SCREENSHOTS names the folder to write them to (docs/):
//
//	PACER_SCREENSHOTS=$PWD/docs go test ./engine/e2e -run READMEScreenshots
func TestREADMEScreenshots(t *testing.T) {
	dir := os.Getenv("PACER_SCREENSHOTS")
	if dir == "" {
		t.Skip("PACER_SCREENSHOTS is not set")
	}
	c := buildCourse(t, moduleRoot(t))
	for _, s := range []struct {
		file          string
		width, height int64
		dark          bool
		at            string // what the picture starts at
	}{
		{"student-page.png", 1280, 1200, false, ""},
		{"student-page-390.png", 390, 1500, false, ""},
		{"student-page-390-dark.png", 390, 1500, true, ""},
		{"student-steps-390.png", 390, 1500, false, "#pacer-steps"},
		{"student-steps.png", 1280, 1200, false, "#pacer-steps"},
	} {
		p := browsertest.NewPage(t)
		if s.dark {
			p.Media(map[string]string{"prefers-color-scheme": "dark"})
		}
		p.Viewport(s.width, s.height)
		// a rating from the week before, and one today: growth
		c.openStudent(t, p, "Leo K.", "2026-10-07")
		tap(p, card(p, "Equivalent ratios and ratio tables").ByRole("group", "How well can you do this now?").ByRole("radio", "Not yet"))
		c.openStudent(t, p, "Leo K.", "2026-10-14")
		tap(p, card(p, "Equivalent ratios and ratio tables").ByRole("group", "How well can you do this now?").ByRole("radio", "Getting there"))
		settle(p)
		browsertest.Eval[bool](p, `(() => { const s = `+jsString(s.at)+`, at = s && document.querySelector(s); scrollTo(0, at ? at.getBoundingClientRect().top + scrollY : 0); return true; })()`)
		ctx, cancel := context.WithTimeout(p.Context(), p.Timeout)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
