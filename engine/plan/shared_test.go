package plan

import (
	"fmt"
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/internal/cases"
)

// pacePlans is engine/testdata/cases/pace.json: plans built here, whose
// pace on given days the theme's TypeScript tests check.
type pacePlans struct {
	About string                `json:"about"`
	Terms map[string]cases.Term `json:"terms"`
	Plans []struct {
		Name, Term, Pace, Start, End string
		MinutesPerDay                int     `json:"minutesPerDay"`
		TimeFactor                   float64 `json:"timeFactor"`
		Steps                        []struct {
			C                 string `json:"c"`
			Activity, Minutes int
			Target            string
		}
		On []map[string]any `json:"on"` // for the browser
	} `json:"plans"`
}

func TestSharedPacePlans(t *testing.T) {
	var f pacePlans
	cases.Load(t, "pace.json", &f)
	for _, p := range f.Plans {
		t.Run(p.Name, func(t *testing.T) {
			cfg := config.Default()
			tm := f.Terms[p.Term]
			cfg.Term.Days, cfg.Term.Breaks = tm.Weekdays(t), tm.BreakList(t)
			cfg.Term.Start, cfg.Term.End = cases.Date(t, p.Start), cases.Date(t, p.End)
			cfg.Term.MinutesPerDay, cfg.Term.Pace = p.MinutesPerDay, p.Pace
			fx := course{cfg: cfg}
			unit := "u:"
			for i, st := range p.Steps {
				fx.comps += " " + st.C
				unit += map[bool]string{true: "", false: ","}[i == 0] + st.C
				fx.acts = append(fx.acts, act(st.C, fmt.Sprintf("%s1 video %d", st.C, st.Activity)))
			}
			fx.units = unit
			pl, warns := New(fx.build()).Build(&content.Student{ID: "x", Units: refs("u"), TimeFactor: p.TimeFactor})
			if len(warns) > 0 {
				t.Errorf("warnings: %+v", warns)
			}
			if len(pl.Steps) != len(p.Steps) {
				t.Fatalf("%d steps, want %d", len(pl.Steps), len(p.Steps))
			}
			for i, st := range p.Steps {
				got := pl.Steps[i]
				if got.Competency != st.C || got.Minutes != st.Minutes || got.Target != st.Target {
					t.Errorf("step %d = %s %d min due %s; want %s %d min due %s", i, got.Competency, got.Minutes, got.Target, st.C, st.Minutes, st.Target)
				}
			}
		})
	}
}
