package e2e

import (
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// A competency the teacher confirmed counts as mastered on the student's
// page, whatever the checks say, and the teacher's words show there.
func TestConfirmedMasteryCountsAndFeedbackShows(t *testing.T) {
	files := tinyCourse()
	files["content/students/cy.yaml"] = "name: Cy D.\nunits: [numbers]\n" +
		"confirmed:\n  adding: {date: 2026-09-04, level: 3, note: Showed it at our conference.}\n" +
		"feedback:\n  doubling: {date: 2026-09-04, text: Try the doubling game next.}\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Cy D.", "2026-09-07")
	waitStatus(t, p, "Adding", "Mastered")
	p.ByRole("region", "Next up").WaitText("Doubling practice")
	notes := p.ByRole("region", "From your teacher")
	notes.WaitText("Showed it at our conference.")
	notes.WaitText("Try the doubling game next.")
	notes.WaitText("Your teacher saw you master this: Got it")
	noneOffHost(t, p)
}

// A student's own rule (accommodations.rule) is the one their page
// measures them by: what is missing for mastery says so.
func TestStudentsOwnRuleIsTheOneTheirPageUses(t *testing.T) {
	files := tinyCourse()
	files["content/students/di.yaml"] = "name: Di E.\nunits: [numbers]\naccommodations: {rule: {self: 2, checks: 3 of 4}}\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Di E.", "2026-09-07")
	missing := card(p, "Adding").ByCSS(".missing")
	missing.WaitText("get 3 of your last 4 quick-check answers right (now 0)")
	missing.WaitText("rate yourself at least “Getting there”")
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	card(p, "Adding").ByCSS(".missing").WaitText("get 2 of your last 3 quick-check answers right (now 0)")
	noneOffHost(t, p)
}
