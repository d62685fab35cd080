package gencourse

import (
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/plan"
)

// Each shape gives the plans it names: at 1,000 activities (a fifth of
// the benchmarks' size), a wide student has two units of 4 competencies,
// a long one ten, a few-shaped one a unit of 10 with 5 activities each;
// prerequisites from an earlier unit can add as many steps again.
func TestShapesGiveTheirPlans(t *testing.T) {
	for _, c := range []struct {
		shape              string
		comps, perComp     int
		minSteps, maxSteps int
	}{
		{"default", 50, 20, 30, 30},
		{"few", 200, 5, 10, 20},
		{"wide", 50, 20, 8, 16},
		{"long", 50, 20, 40, 45},
	} {
		t.Run(c.shape, func(t *testing.T) {
			o, err := ShapeOptions(c.shape, 1000, 30)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			if _, err := Write(root, o); err != nil {
				t.Fatal(err)
			}
			diags := &diag.List{}
			cfg := config.Load(root, diags)
			course := content.Load(root, cfg, diags)
			if diags.HasErrors() {
				t.Fatal(diags.Items())
			}
			if len(course.Competencies) != c.comps {
				t.Errorf("%d competencies, want %d", len(course.Competencies), c.comps)
			}
			if n := len(course.ActivitiesFor[CompetencyID(0)]); n != c.perComp {
				t.Errorf("%d activities for a competency, want %d", n, c.perComp)
			}
			p := plan.New(course)
			for _, s := range course.Students {
				pl, _ := p.Build(s)
				if n := len(pl.Steps); n < c.minSteps || n > c.maxSteps {
					t.Errorf("%s: %d steps, want %d to %d", s.ID, n, c.minSteps, c.maxSteps)
				}
			}
		})
	}
	if _, err := ShapeOptions("round", 10, 1); err == nil {
		t.Error("an unknown shape gave options")
	}
}
