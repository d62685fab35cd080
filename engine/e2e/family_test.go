package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// Issue 15 as a new user would try it: Sofía, who reads Spanish, on a
// slow phone (4x CPU throttling) with flaky Wi-Fi, goes offline in the
// middle of an activity, marks it done, comes back to her playlist with no
// network and then online again, and has lost nothing; her family prints a
// plan they can follow on paper, in Spanish, on at most 3 pages.
func TestASpanishStudentOnASlowPhoneGoesOfflineAndHerFamilyPrintsThePlan(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	net, base := serveSwitchable(t, c.out)
	c.base = base
	p := browsertest.NewPage(t)
	throttle(t, p, 4)
	const day = "2026-09-21"
	c.openStudent(t, p, "Sofía M.", day)
	offlineReady(p)
	p.ByRole("heading", "Lo siguiente").Wait()
	act := p.ByRole("region", "Lo siguiente").ByRole("link", "").State().Name
	if act == "" {
		t.Fatal("Lo siguiente has no activity link")
	}
	p.ExpectLoad(func() { tap(p, p.ByRole("region", "Lo siguiente").ByRole("link", act)) })
	waitForClient(p, "activity")

	// Mid-activity, the Wi-Fi drops.
	p.Offline(true)
	net.down.Store(true)
	tap(p, p.ByRole("button", "Marcar como hecho"))
	settle(p)
	p.ExpectLoad(func() { p.ByRole("link", "Volver a mi lista").Click() })
	waitForClient(p, "student")
	p.ByRole("heading", "Lo siguiente").Wait()
	markedDone(t, p, act)

	// Back online: still done.
	net.down.Store(false)
	p.Offline(false)
	c.openStudent(t, p, "Sofía M.", day)
	markedDone(t, p, act)

	// Her family prints her plan.
	throttle(t, p, 1)
	p.ByRole("button", "Imprimir mi plan").Wait()
	pdf := p.PrintPDF(browsertest.LetterWidth, browsertest.LetterHeight)
	if n := browsertest.PDFPages(t, pdf); n > 3 {
		t.Errorf("her plan prints on %d Letter pages, want at most 3", n)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Todavía no", "Puedo enseñarlo", act} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the printed plan lacks %q:\n%.1500s", want, text)
		}
	}
	for _, english := range []string{"Mark done", "Next up", "Not yet"} {
		if strings.Contains(text, english) {
			t.Errorf("the printed plan has the English %q", english)
		}
	}
	noneOffHost(t, p)
}

// throttle slows the page's CPU down rate times (1: full speed).
func throttle(t *testing.T, p *browsertest.Page, rate float64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate}); err != nil {
		t.Fatal(err)
	}
}

// markedDone waits for the step card's button of the activity named act
// to show it done.
func markedDone(t *testing.T, p *browsertest.Page, act string) {
	t.Helper()
	p.ByRole("button", "Marcar como hecho: "+act).Wait()
	if got := p.ByRole("button", "Marcar como hecho: "+act).State().HTML; !strings.Contains(got, `aria-pressed="true"`) {
		t.Errorf("%q is not marked done on her page: %s", act, got)
	}
}
