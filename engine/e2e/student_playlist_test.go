package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// Scenario 1: a student opens their link and Next up shows the first step
// of their playlist; a second student on the same browser sees only their
// own data and no other student's name (SPEC 5.1, shared devices).
func TestStudentSeesTheirFirstStepAndOnlyTheirOwnProgress(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	var names []string
	for n := range c.students {
		names = append(names, n)
	}
	slices.Sort(names)
	first, second, third := names[0], names[1], names[2]
	const day = "2026-09-14"
	p := browsertest.NewPage(t)

	c.openStudent(t, p, first, day)
	p.ByRole("heading", "Hello, "+first).Wait()
	firstStep := browsertest.Eval[string](p, `(() => {
		const s = JSON.parse(document.getElementById("pacer-playlist").textContent).steps.find(s => !s.placed);
		return PacerCourse.competencies[s.c].t;
	})()`)
	next := p.ByRole("region", "Next up")
	next.WaitText(firstStep)
	act := next.ByRole("link", "").State().Name
	if act == "" {
		t.Fatalf("Next up has no activity link: %q", next.Text())
	}
	if n := p.ByRole("navigation", "Students on this device").Count(); n != 0 {
		t.Errorf("the first student on this device sees a switcher")
	}
	// Mark the Next up activity done on its card.
	tap(p, card(p, firstStep).ByRole("button", "Mark done: "+act))
	waitStatus(t, p, firstStep, "Practicing")
	if pressed := card(p, firstStep).ByRole("button", "Mark done: "+act).State().HTML; !strings.Contains(pressed, `aria-pressed="true"`) {
		t.Errorf("the Mark done button is not pressed: %s", pressed)
	}

	// A second student opens their link in the same browser.
	c.openStudent(t, p, second, day)
	p.ByRole("heading", "Hello, "+second).Wait()
	steps := p.ByRole("region", "My steps").Text()
	for _, s := range []string{"Practicing", "Mastered", "Needs support"} {
		if strings.Contains(steps, s) {
			t.Errorf("%s's steps show %q, though they did nothing:\n%s", second, s, steps)
		}
	}
	secondStep := browsertest.Eval[string](p, `(() => {
		const s = JSON.parse(document.getElementById("pacer-playlist").textContent).steps.find(s => !s.placed);
		return PacerCourse.competencies[s.c].t;
	})()`)
	p.ByRole("region", "Next up").WaitText(secondStep)
	if n := p.ByRole("navigation", "Students on this device").Count(); n != 0 {
		t.Errorf("the second student sees a list of students on this device")
	}
	if strings.Contains(p.Text(), first) || strings.Contains(p.Text(), third) {
		t.Errorf("%s's page names another student: %q", second, p.Text())
	}

	// The first student opens their link again: their progress is intact.
	c.openStudent(t, p, first, day)
	waitStatus(t, p, firstStep, "Practicing")
	noneOffHost(t, p)
}

// Scenario 2: the pick on a choice board is remembered. A row has one
// action, its link: the way in a student opens (or marks done) is their
// pick, with no control of its own to set.
func TestChoiceBoardPickIsRemembered(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	next := p.ByRole("region", "Next up")
	next.WaitText("Adding on a number line") // Ada prefers video
	board := card(p, "Adding").ByRole("group", "Pick one way to learn it:")
	if n := board.ByCSS(".mine:not([hidden])").Count(); n != 0 {
		t.Fatalf("%d picks shown before the student made one", n)
	}
	p.ExpectLoad(func() { board.ByRole("link", "Reading about sums").Click() })
	waitForClient(p, "activity")
	settle(p)
	p.ExpectLoad(func() { p.ByRole("navigation", "Your playlist").ByRole("link", "Back to my playlist").Click() })
	waitForClient(p, "student")
	next.WaitText("Reading about sums")
	if got := picked(p, "adding"); len(got) != 1 || got[0] != "Reading about sums" {
		t.Errorf("after opening it, the rows marked as the pick are %q", got)
	}
	card(p, "Adding").ByRole("group", "Pick one way to learn it:").WaitText("Your pick")

	settle(p)
	p.Reload()
	waitForClient(p, "student")
	p.ByRole("region", "Next up").WaitText("Reading about sums")
	if got := picked(p, "adding"); len(got) != 1 || got[0] != "Reading about sums" {
		t.Errorf("after a reload, the rows marked as the pick are %q", got)
	}
	if p.ByRole("link", "Save a copy now").Count() != 0 {
		t.Error("a pick made today brings up the save-a-copy nudge")
	}
	// marking the other way in done makes it the pick
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	settle(p)
	if got := picked(p, "adding"); len(got) != 1 || got[0] != "Adding on a number line" {
		t.Errorf("after marking it done, the rows marked as the pick are %q", got)
	}
	noneOffHost(t, p)
}

// Scenario 4: two self-ratings on different days both show, with dates.
func TestSelfRatingsOnTwoDaysShowAsHistory(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	rate := card(p, "Adding").ByRole("group", "How well can you do this now?")
	tap(p, rate.ByRole("radio", "Not yet"))
	// changing one's mind the same day replaces that day's rating
	tap(p, rate.ByRole("radio", "Getting there"))
	history := card(p, "Adding").ByRole("list", "My ratings so far:")
	history.WaitText("Getting there")

	c.openStudent(t, p, "Ada L.", "2026-09-10")
	rate = card(p, "Adding").ByRole("group", "How well can you do this now?")
	if !rate.ByRole("radio", "Getting there").State().Checked {
		t.Error("the latest rating is not shown as chosen")
	}
	tap(p, rate.ByRole("radio", "Got it"))
	history.WaitText("Got it")
	items := history.ByRole("listitem", "")
	if n := items.Count(); n != 2 {
		t.Fatalf("history has %d ratings, want 2: %q", n, history.Text())
	}
	if got := items.Nth(0).Text(); !strings.Contains(got, "Getting there") || !strings.Contains(got, "Sep 7") {
		t.Errorf("first rating reads %q, want Getting there on Sep 7", got)
	}
	if got := items.Nth(1).Text(); !strings.Contains(got, "Got it") || !strings.Contains(got, "Sep 10") {
		t.Errorf("second rating reads %q, want Got it on Sep 10", got)
	}
	noneOffHost(t, p)
}

// The README's picture of a student's page: PACER_DOCS=1 writes it to
// docs/student-page.png.
func TestStudentPageScreenshot(t *testing.T) {
	if os.Getenv("PACER_DOCS") == "" {
		t.Skip("set PACER_DOCS=1 to refresh docs/student-page.png")
	}
	// Maya, from the example course, on the second day of term.
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	p.Viewport(760, 1500)
	c.openStudent(t, p, "Maya T.", "2026-09-08")
	tap(p, card(p, "Multiplication and division facts").ByRole("group", "How well can you do this now?").ByRole("radio", "Getting there"))
	c.openStudent(t, p, "Maya T.", "2026-09-09")
	tap(p, card(p, "Multiplication and division facts").ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	waitStatus(t, p, "Multiplication and division facts", "Practicing")
	// The top of the page, as a phone-sized tablet shows it.
	browsertest.Eval[bool](p, "window.scrollTo(0, 0), true")
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(moduleRoot(t), "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "student-page.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
