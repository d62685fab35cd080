package e2e

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// Scenario 3: quick-check answers drive the status by the m-of-n rule (2 of
// the last 3 here); two wrong answers of the last three turn the step to
// "Needs support" and offer a support activity of another modality first;
// mastering a prerequisite lifts the soft lock on the next step.
func TestChecksDriveStatusSupportAndSoftLocks(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	const day = "2026-09-07"
	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Not started")
	card(p, "Doubling").WaitText("Recommended after: Adding")

	// Next up opens the activity in one tap.
	p.ExpectLoad(func() { p.ByRole("region", "Next up").ByRole("link", "Adding on a number line").Click() })
	waitForClient(p, "activity")
	bar := p.ByRole("navigation", "Your playlist")
	bar.ByRole("link", "Back to my playlist").Wait()
	answer(p, question(p, "What is 2 + 3?"), "single", "4")
	question(p, "What is 2 + 3?").ByRole("status", "").WaitText("Not quite. Try again.")
	// the explanation shows after an answer
	question(p, "What is 2 + 3?").WaitText("jump 3 steps to 5")
	answer(p, question(p, "Which sums make 10?"), "multiple", "4 + 6", "5 + 4")
	question(p, "Which sums make 10?").ByRole("status", "").WaitText("Not quite.")

	p.ExpectLoad(func() { bar.ByRole("link", "Back to my playlist").Click() })
	waitForClient(p, "student")
	waitStatus(t, p, "Adding", "Needs support")
	offer := card(p, "Adding").ByCSS(".offer")
	offer.WaitText("Try another way:")
	if got := offer.Text(); !strings.Contains(got, "Build sums with blocks") || !strings.Contains(got, "Hands-on") {
		t.Errorf("the support offer reads %q, want the hands-on blocks (not another video)", got)
	}
	next := p.ByRole("region", "Next up")
	next.WaitText("Build sums with blocks")

	// Doing the video and rating "Got it" is not enough while the checks fail.
	a := card(p, "Adding")
	tap(p, a.ByRole("button", "Mark done: Adding on a number line"))
	tap(p, a.ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	waitStatus(t, p, "Adding", "Needs support")

	// The support activity, right: W W R is still two wrong of the last three.
	p.ExpectLoad(func() { next.ByRole("link", "Build sums with blocks").Click() })
	waitForClient(p, "activity")
	answer(p, question(p, "How many blocks in all?"), "single", "5")
	question(p, "How many blocks in all?").ByRole("status", "").WaitText("Right!")
	// Retry the first video question, right: W R R meets 2 of 3.
	c.open(p, c.activity("adding-video"), day, "activity")
	answer(p, question(p, "What is 2 + 3?"), "single", "5")
	question(p, "What is 2 + 3?").ByRole("status", "").WaitText("Right!")

	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Mastered")
	if n := card(p, "Doubling").ByCSS(".soft-lock").Count(); n != 0 {
		t.Errorf("Doubling still shows a soft lock after Adding was mastered: %q", card(p, "Doubling").Text())
	}
	card(p, "Adding").WaitText("Go deeper:")
	card(p, "Adding").ByRole("link", "Design an adding game").Wait()
	p.ByRole("region", "Next up").WaitText("Doubling practice")
	noneOffHost(t, p)
}
