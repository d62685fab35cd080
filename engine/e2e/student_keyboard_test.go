package e2e

import (
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// tabTo presses Tab until the focus is on an element with this role and
// name, and fails after 60 presses.
func tabTo(t *testing.T, p *browsertest.Page, role, name string) {
	t.Helper()
	for range 60 {
		p.Press("Tab")
		if f := p.Focused(); f != nil && f.Role == role && (name == "" || f.Name == name) {
			if outline := browsertest.Eval[string](p, `getComputedStyle(document.activeElement).outlineStyle`); outline == "none" {
				t.Errorf("the focused %s %q shows no focus outline", role, name)
			}
			return
		}
	}
	t.Fatalf("Tab never reached the %s %q", role, name)
}

// Scenario 8: quick checks of every kind answered with the keyboard alone,
// and the activity marked done from the keyboard too.
func TestChecksCanBeAnsweredWithTheKeyboardAlone(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	const day = "2026-09-07"
	c.openStudent(t, p, "Ada L.", day)
	c.open(p, c.activity("adding-video"), day, "activity")

	// One answer: Tab into the radio group, Space picks, an arrow moves
	// the pick, Tab reaches Check, Enter submits.
	tabTo(t, p, "radio", "4")
	p.Press("Space", "ArrowDown")
	if f := p.Focused(); f == nil || f.Name != "5" || !f.Checked {
		t.Fatalf("the arrow key left the focus on %+v, want the checked radio 5", f)
	}
	p.Press("Tab")
	if f := p.Focused(); f == nil || f.Role != "button" || f.Name != "Check" {
		t.Fatalf("Tab after the choices focused %+v, want the Check button", f)
	}
	p.Press("Enter")
	one := question(p, "What is 2 + 3?")
	one.ByRole("status", "").WaitText("Right!")
	one.WaitText("jump 3 steps to 5")

	// Several answers: Space toggles each checkbox.
	tabTo(t, p, "checkbox", "4 + 6")
	p.Press("Space", "Tab", "Tab", "Space")
	if f := p.Focused(); f == nil || f.Name != "7 + 3" || !f.Checked {
		t.Fatalf("focus is on %+v, want the checked 7 + 3", f)
	}
	p.Press("Tab", "Enter")
	question(p, "Which sums make 10?").ByRole("status", "").WaitText("Right!")

	// Mark the activity done from the bar.
	p.Press("Home")
	p.ByRole("navigation", "Your playlist").ByRole("link", "Back to my playlist").Focus()
	tabTo(t, p, "button", "Mark done")
	p.Press("Enter")
	p.WaitFor(`document.querySelector("#pacer-activity-bar [aria-pressed=true]")`)

	// A short answer: type, then Enter submits the form.
	c.open(p, c.activity("adding-reading"), day, "activity")
	tabTo(t, p, "textbox", "")
	p.Type("eight")
	p.Press("Enter")
	question(p, "What is 4 + 4?").ByRole("status", "").WaitText("Right!")

	c.openStudent(t, p, "Ada L.", day)
	// three right answers: only the self-rating is missing
	card(p, "Adding").WaitText("To master this: rate yourself at least “Got it”")
	noneOffHost(t, p)
}
