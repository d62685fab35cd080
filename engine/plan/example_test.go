package plan

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
)

// The example course's plans are spread over each student's school days:
// the last step is due on their last school day, none after their end, and
// the work is not all due at the start (a plan of a few weeks of work over
// a term once had every target in its first weeks, so from October every
// student read "behind"). Priya, who joins late, is the one plan that does
// not fit, and its warning points at her start: line.
func TestExampleCoursePlansSpreadToEachStudentsEnd(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	var diags diag.List
	cfg := config.Load(root, &diags)
	c := content.Load(root, cfg, &diags)
	if diags.HasErrors() {
		t.Fatalf("example course: %v", diags.Items())
	}
	cal := calendar.New(cfg.Term.Days, cfg.Term.Breaks)
	p := New(c)
	for _, s := range c.Students {
		pl, warns := p.Build(s)
		start, end := date(pl.Start), date(pl.End)
		var last calendar.Date
		for d := range cal.Days(end.AddDays(-14)) {
			if d.After(end) {
				break
			}
			last = d
		}
		var first, final calendar.Date
		for _, st := range pl.Steps {
			if st.Target == "" {
				continue
			}
			d := date(st.Target)
			if first.IsZero() {
				first = d
			}
			final = d
			if d.After(end) || d.Before(start) {
				t.Errorf("%s: %s is due %s, outside %s..%s", s.ID, st.Competency, st.Target, start, end)
			}
		}
		if final != last {
			t.Errorf("%s: the last step is due %s, want the last school day %s", s.ID, final, last)
		}
		// The first half of the steps is not due in the first quarter of the plan.
		half := 0
		dated := 0
		quarter := start.AddDays(int(end.Time().Sub(start.Time()).Hours()/24) / 4)
		for _, st := range pl.Steps {
			if st.Target != "" {
				dated++
				if !date(st.Target).After(quarter) {
					half++
				}
			}
		}
		if dated > 0 && half*2 >= dated {
			t.Errorf("%s: %d of %d steps are due by %s, a quarter into the plan", s.ID, half, dated, quarter)
		}
		wantWarn := s.ID == "priya-s"
		if got := len(warns) > 0; got != wantWarn {
			t.Errorf("%s: warnings %+v", s.ID, warns)
		}
		if wantWarn && (warns[0].Kind != KindTooMuch || warns[0].Pos.File != "content/students/priya-s.yaml" || warns[0].Pos.Line != 8) {
			t.Errorf("%s: warning %+v, want one at her start: line", s.ID, warns[0])
		}
	}
}
