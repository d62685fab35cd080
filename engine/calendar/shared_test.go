package calendar_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/internal/cases"
)

// The school-day and pacing cases are shared with the theme's TypeScript
// (engine/testdata/cases).

func TestSharedSchoolDays(t *testing.T) {
	var f struct {
		About string                `json:"about"`
		Terms map[string]cases.Term `json:"terms"`
		Days  []struct {
			Term, Day, Why string
			School         bool
		} `json:"days"`
		Counts []struct {
			Name, Term, From, To string
			Count                int
		} `json:"counts"`
	}
	cases.Load(t, "schooldays.json", &f)
	cal := func(name string) *calendar.Calendar {
		tm, ok := f.Terms[name]
		if !ok {
			t.Fatalf("no term %q", name)
		}
		return tm.Calendar(t)
	}
	for _, c := range f.Days {
		t.Run(fmt.Sprintf("%s %s", c.Term, c.Day), func(t *testing.T) {
			if got := cal(c.Term).IsSchoolDay(cases.Date(t, c.Day)); got != c.School {
				t.Errorf("IsSchoolDay(%s) = %v, want %v (%s)", c.Day, got, c.School, c.Why)
			}
		})
	}
	for _, c := range f.Counts {
		t.Run(c.Name, func(t *testing.T) {
			cl := cal(c.Term)
			from, to := cases.Date(t, c.From), cases.Date(t, c.To)
			if got := cl.SchoolDays(from, to); got != c.Count {
				t.Errorf("SchoolDays(%s, %s) = %d, want %d", c.From, c.To, got, c.Count)
			}
			n := 0
			for x := from; !x.After(to); x = x.AddDays(1) {
				if cl.IsSchoolDay(x) {
					n++
				}
			}
			if n != c.Count {
				t.Errorf("day by day: %d, want %d: the case is wrong", n, c.Count)
			}
		})
	}
}

func TestSharedPacing(t *testing.T) {
	var f struct {
		About string                `json:"about"`
		Terms map[string]cases.Term `json:"terms"`
		Cases []struct {
			Name, Pace, Term, Start, End string
			PerDay                       int `json:"perDay"`
			Minutes                      []int
			Targets                      []string
			Available, Needed, Shortfall int
		} `json:"cases"`
	}
	cases.Load(t, "pacing.json", &f)
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			cl := f.Terms[c.Term].Calendar(t)
			lay := cl.Spread
			if c.Pace == "asap" {
				lay = cl.Pace
			}
			p, err := lay(cases.Date(t, c.Start), cases.Date(t, c.End), c.PerDay, c.Minutes)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, x := range p.Targets {
				got = append(got, x.String())
			}
			if !slices.Equal(got, c.Targets) {
				t.Errorf("targets = %v, want %v", got, c.Targets)
			}
			if p.Available != c.Available || p.Needed != c.Needed || p.Shortfall != c.Shortfall {
				t.Errorf("available %d, needed %d, short %d; want %d, %d, %d", p.Available, p.Needed, p.Shortfall, c.Available, c.Needed, c.Shortfall)
			}
			if end := cases.Date(t, c.End); !end.IsZero() {
				for _, x := range p.Targets {
					if x.After(end) {
						t.Errorf("target %s is after the end %s", x, end)
					}
				}
			}
		})
	}
}
