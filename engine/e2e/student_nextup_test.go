package e2e

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// Next up does not skip a step whose activities are done: it prompts the
// quick checks still unanswered, then the missing self-rating, and moves
// on only once the step is mastered.
func TestNextUpPromptsTheMissingChecksThenTheRating(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	const day = "2026-09-07"
	c.openStudent(t, p, "Ada L.", day)
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	next := p.ByRole("region", "Next up")
	next.WaitText("Answer its quick checks to finish this step.")
	next.ByRole("link", "Adding on a number line").Wait()

	c.open(p, c.activity("adding-video"), day, "activity")
	answer(p, question(p, "What is 2 + 3?"), "single", "5")
	question(p, "What is 2 + 3?").ByRole("status", "").WaitText("Right!")
	answer(p, question(p, "Which sums make 10?"), "multiple", "4 + 6", "7 + 3")
	question(p, "Which sums make 10?").ByRole("status", "").WaitText("Right!")
	c.openStudent(t, p, "Ada L.", day)
	next = p.ByRole("region", "Next up")
	next.WaitText("Rate yourself on this step to finish it.")
	if txt := next.Text(); !strings.Contains(txt, "Adding") {
		t.Errorf("Next up moved on before the rating: %q", txt)
	}
	tap(p, card(p, "Adding").ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	waitStatus(t, p, "Adding", "Mastered")
	p.ByRole("region", "Next up").WaitText("Doubling practice")
	noneOffHost(t, p)
}
