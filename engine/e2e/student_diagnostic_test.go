package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// openCheckin opens Ada's playlist, then the unit's check-in from it.
func openCheckin(t *testing.T, c course, p *browsertest.Page, day string) {
	t.Helper()
	c.openStudent(t, p, "Ada L.", day)
	p.ExpectLoad(func() {
		p.ByRole("region", "Already know some of this?").ByRole("link", "Take the check-in: Numbers").Click()
	})
	waitForClient(p, "diagnostic")
}

// shown counts the check-in's questions for a competency: in the page, and
// shown now.
func shown(p *browsertest.Page, competency string) (all, visible int) {
	n := browsertest.Eval[[]int](p, `(() => {
		const f = [...document.querySelectorAll('.diag-competency[data-competency=`+competency+`] form.check')];
		return [f.length, f.filter(x => !x.hidden && x.offsetParent !== null).length];
	})()`)
	return n[0], n[1]
}

// The check-in asks a competency's questions one at a time, at most three
// of its four, and places it out when every one asked is right.
func TestDiagnosticAsksOneAtATimeAndPlacesOutWhatTheStudentKnows(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	const day = "2026-09-07"
	openCheckin(t, c, p, day)
	if all, visible := shown(p, "adding"); all != 3 || visible != 1 {
		t.Fatalf("adding has %d questions, %d shown; want 3 (of its 4 checks), one at a time", all, visible)
	}
	sec := p.ByRole("region", "Adding")
	answer(p, question(p, "How many blocks in all?"), "single", "5")
	question(p, "How many blocks in all?").ByRole("status", "").WaitText("Answer saved.")
	answer(p, sec.ByCSS(`form.check[data-kind="short"]`), "short", "8")
	answer(p, question(p, "What is 2 + 3?"), "single", "5")
	if _, visible := shown(p, "adding"); visible != 3 {
		t.Errorf("%d of adding's answered questions shown, want all 3", visible)
	}
	sec.WaitText("You know this one: it is marked as placed.")
	result := p.ByCSS("#pacer-diag-result")
	result.WaitText("You placed out of: Adding")
	p.ExpectLoad(func() { result.ByRole("link", "Back to my playlist").Click() })
	waitForClient(p, "student")
	waitStatus(t, p, "Adding", "Placed out")
	card(p, "Adding").WaitText("You showed you already know this in a check-in.")
	// placed: no choice board to pick from, only what goes deeper
	boards := browsertest.Eval[int](p, `[...document.querySelectorAll("#step-adding .board, #step-adding .required")].filter(b => b.offsetParent !== null).length`)
	if boards != 0 {
		t.Errorf("the placed step still shows %d choice boards", boards)
	}
	p.ByRole("region", "Next up").WaitText("Doubling practice")
	noneOffHost(t, p)
}

// Answer wrong, read the answer, try again: the check-in shows no answer
// or explanation, takes no second answer, and stops the competency at its
// first wrong answer, so nothing is placed out.
func TestDiagnosticCannotBeGamedByRetrying(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	const day = "2026-09-07"
	openCheckin(t, c, p, day)
	if n := p.ByRole("group", "Show answer").Count() + p.ByCSS(".check-solution").Count(); n != 0 {
		t.Errorf("the check-in offers %d ways to see the answers", n)
	}
	q := question(p, "How many blocks in all?")
	answer(p, q, "single", "6")
	q.ByRole("status", "").WaitText("Answer saved.")
	p.ByRole("region", "Adding").WaitText("This one stays on your playlist")
	if txt := p.ByCSS("main").Text(); strings.Contains(txt, "3 blocks and 2 more make 5") || strings.Contains(txt, "Not quite") {
		t.Errorf("a wrong answer revealed the explanation or asked for a retry: %q", txt)
	}
	if !q.ByRole("button", "Check").State().Disabled {
		t.Error("the answered question can be checked again")
	}
	// A second answer sent anyway (a script, a stale tab) changes nothing.
	browsertest.Eval[bool](p, `(() => {
		const f = [...document.querySelectorAll("form.check")].find(f => f.textContent.includes("How many blocks"));
		f.querySelector("fieldset").disabled = false;
		f.querySelector("input[value='1']").checked = true;
		f.requestSubmit();
		return true;
	})()`)
	if _, visible := shown(p, "adding"); visible != 1 {
		t.Errorf("%d adding questions shown after the first wrong answer, want it alone", visible)
	}
	result := p.ByCSS("#pacer-diag-result")
	result.WaitText("Nothing placed out this time")
	p.ExpectLoad(func() { result.ByRole("link", "Back to my playlist").Click() })
	waitForClient(p, "student")
	// a check-in answer is not a quick-check attempt: nothing counts against Ada
	waitStatus(t, p, "Adding", "Not started")
	noneOffHost(t, p)
}

// The example unit's check-in is short: at most three questions for each
// of its competencies, fifteen in all (every check of the unit was 38).
func TestExampleCheckInIsShort(t *testing.T) {
	ex := buildExample(t)
	b, err := os.ReadFile(filepath.Join(ex.out, "units", "ratios", "diagnostic", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	sections := strings.Split(html, `class="diag-competency`)[1:]
	if len(sections) == 0 {
		t.Fatal("the check-in has no competencies")
	}
	total := 0
	for _, s := range sections {
		n := strings.Count(s, `<form class="check"`)
		if n == 0 || n > 3 {
			t.Errorf("a competency asks %d questions, want 1 to 3: %.80s", n, s)
		}
		total += n
	}
	if total > 15 {
		t.Errorf("the check-in has %d questions, want at most 15", total)
	}
}
