package e2e

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// A student whose file sets accommodations.read-aloud finds "Read aloud" on
// the activity pages of their tab; it reads the text and the question, never
// the explanation. Another student, on another profile, has no such button.
func TestReadAloudIsOfferedToTheStudentWhoNeedsIt(t *testing.T) {
	files := tinyCourse()
	files["content/students/cy.yaml"] = "name: Cy R.\nunits: [numbers]\naccommodations: {read-aloud: true}\n"
	c := buildCourse(t, writeFiles(t, files))
	const day = "2026-09-07"

	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Cy R.", day)
	c.open(p, c.activity("adding-video"), day, "activity")
	bar := p.ByRole("navigation", "Your playlist")
	read := bar.ByRole("button", "Read aloud").Wait()
	said := browsertest.Eval[bool](p, `(() => { window.__said = []; speechSynthesis.speak = (u) => window.__said.push(u.text); return true; })()`)
	if !said {
		t.Fatal("could not listen to the page's speech")
	}
	tap(p, read)
	text := browsertest.Eval[string](p, `window.__said.join(" / ")`)
	if !strings.Contains(text, "What is 2 + 3?") || !strings.Contains(text, "Jump along a number line.") {
		t.Errorf("read aloud: %q, want the text and the question", text)
	}
	if strings.Contains(text, "jump 3 steps to 5") {
		t.Errorf("read aloud gives the explanation away: %q", text)
	}

	other := browsertest.NewPage(t)
	c.openStudent(t, other, "Ada L.", day)
	c.open(other, c.activity("adding-video"), day, "activity")
	obar := other.ByRole("navigation", "Your playlist")
	obar.ByRole("link", "Back to my playlist").Wait()
	if n := obar.ByRole("button", "Read aloud").Count(); n != 0 {
		t.Errorf("Ada's bar offers read aloud (%d buttons); her file does not ask for it", n)
	}
}
