package e2e

import (
	"net/url"
	"slices"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

func assertAxe(t *testing.T, p *browsertest.Page, what string) {
	t.Helper()
	// Cards away from the screen are not laid out (content-visibility):
	// their placeholders overlap what they hold, which axe would measure
	// as targets covering each other. Lay them all out, as scrolling does.
	browsertest.Eval[bool](p, `(() => { for (const li of document.querySelectorAll(".steps > li")) li.style.contentVisibility = "visible"; return true; })()`)
	if vs := p.Axe(t); len(vs) > 0 {
		t.Errorf("axe-core on %s (%s):%s", what, p.URL(), browsertest.FormatViolations(vs))
	}
}

// Scenario 9: axe-core finds nothing on the playlist (in the states a
// student brings it to), activity, competency, unit, diagnostic and index
// pages of the example course, in English and Spanish.
func TestStudentPagesPassAxeInEveryState(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	hosts := embedHosts(t, c.out)
	for _, h := range hosts {
		p.AllowHost(h)
	}
	const day = "2026-09-21"
	var name string
	for n := range c.students {
		if n != "Sofía M." && (name == "" || n < name) {
			name = n
		}
	}

	c.open(p, "index.html", day, "index")
	assertAxe(t, p, "the index page")

	// The playlist, worked on: a pick, a rating, a note, a copy saved, an
	// import summary shown, the goals being edited.
	c.openStudent(t, p, name, day)
	next := p.ByRole("region", "Next up")
	act := next.ByRole("link", "").State().Name
	comp := browsertest.Eval[string](p, `document.querySelector("#pacer-next .next-step").textContent`)
	step := card(p, comp)
	tap(p, step.ByRole("button", "Mark done: "+act))
	tap(p, step.ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	tap(p, step.ByRole("button", "My notes"))
	step.ByRole("textbox", "What helped? What was hard?").Type("Saying it aloud.")
	tap(p, step.ByRole("button", "Save note"))
	save := p.ByRole("region", "Keep my progress safe")
	tap(p, save.ByRole("button", "Save a copy"))
	code := save.ByRole("textbox", "Your progress code (copy it somewhere safe)").State().Value
	save.ByRole("textbox", "Paste a progress code or link").Type(code[:len(code)-20])
	tap(p, save.ByRole("button", "Check the code"))
	save.WaitText("This is not a Pacer progress code")
	tap(p, p.ByRole("region", "Hand in to my teacher").ByRole("button", "Make my receipt"))
	tap(p, p.ByRole("region", "My goals").ByRole("button", "Edit my goals"))
	assertAxe(t, p, "the student's page")

	// An activity page for the remembered student, a check answered.
	c.open(p, c.activity("ratio-sentences-practice"), day, "activity")
	p.ByRole("navigation", "Your playlist").ByRole("link", "Back to my playlist").Wait()
	form := p.ByCSS("form.check").First()
	tap(p, form.ByRole("button", "Check"))
	form.ByRole("status", "").WaitText("Answer first")
	assertAxe(t, p, "an activity page")

	c.open(p, "competencies/ratio-language/index.html", day, "competency")
	assertAxe(t, p, "a competency page")
	c.open(p, "units/ratios/index.html", day, "unit")
	assertAxe(t, p, "a unit page")

	// The diagnostic, finished.
	c.open(p, "units/ratios/diagnostic/index.html", day, "diagnostic")
	tap(p, p.ByRole("button", "Finish the check-in"))
	p.ByCSS("#pacer-diag-result").WaitText("Still to learn")
	assertAxe(t, p, "a diagnostic page")

	// Spanish.
	c.openStudent(t, p, "Sofía M.", day)
	p.ByRole("region", "Lo siguiente").Wait()
	assertAxe(t, p, "a Spanish student's page")

	for _, u := range p.OffHost() {
		if h, _ := url.Parse(u); !slices.Contains(hosts, h.Hostname()) {
			t.Errorf("request off 127.0.0.1 to a host no page declares: %s", u)
		}
	}
}
