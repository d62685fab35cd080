package serve

import (
	"context"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// The error overlay is readable on every page kind, in light and dark
// mode: the theme's own styles (a pale box behind pre, say) never reach
// into it, and axe-core finds no contrast problem.
func TestErrorOverlayIsReadableOverTheTheme(t *testing.T) {
	clk := newFakeClock()
	ts := startServerWith(t, 0, false, WatchOptions{Clock: clk})
	rel := ts.course.Activities[1]
	src, _ := os.ReadFile(ts.file(rel))
	write(t, ts.file(rel), regexp.MustCompile(`(?m)^for:.*$`).ReplaceAllString(string(src), "for: [no-such-thing]"))
	if ev := ts.drive(t, clk); ev.name != "errors" {
		t.Fatalf("got %s, want errors", ev.name)
	}

	p := browsertest.NewPage(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			p := p.For(t)
			ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			for _, page := range []string{"", "activities/" + gencourse.ActivityID(1) + "/"} {
				p.Navigate(ts.URL() + page)
				p.WaitFor(`document.getElementById("pacer-overlay") !== null`)
				colors := browsertest.Eval[struct{ Overlay, Pre, PreColor, Text string }](p, `(() => {
					const o = document.getElementById("pacer-overlay"), pre = o.querySelector("pre");
					return {overlay: getComputedStyle(o).backgroundColor, pre: getComputedStyle(pre).backgroundColor,
						preColor: getComputedStyle(pre).color, text: o.textContent};
				})()`)
				if colors.Pre != "rgba(0, 0, 0, 0)" && colors.Pre != colors.Overlay {
					t.Errorf("%q: the overlay's error text sits on %s inside the overlay's %s", page, colors.Pre, colors.Overlay)
				}
				p.AssertAxe(t)
			}
		})
	}
}
