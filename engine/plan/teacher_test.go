package plan

import (
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
)

// What the teacher decided for one student travels in their playlist: a
// confirmed mastery on its step (without the note), the student's own
// rule over each competency's, and read-aloud.
func TestBuildCarriesConfirmedOwnRuleAndReadAloud(t *testing.T) {
	f := course{cfg: site(), comps: "a b", units: "u:a,b", acts: []*content.Activity{act("a", "a1 video 10"), act("b", "b1 video 10")}}
	c := f.build()
	c.Competency["a"].Rule = config.Rule{Self: 3, M: 2, N: 3}
	c.Competency["b"].Rule = config.Rule{Self: 4, M: 3, N: 4}
	s := &content.Student{ID: "x", Units: refs("u"), TimeFactor: 1, ReadAloud: true,
		Rule:      config.Rule{M: 2, N: 4},
		Confirmed: []content.Confirmed{{Competency: content.Ref{ID: "b"}, Date: date("2026-11-20"), Level: 3, Note: "At the store project."}},
	}
	pl, _ := New(c).Build(s)
	if !pl.ReadAloud {
		t.Error("readAloud is not in the playlist")
	}
	if got := pl.Steps[0]; got.Confirmed != nil || got.Rule == nil || *got.Rule != (config.Rule{Self: 3, M: 2, N: 4}) {
		t.Errorf("step a: confirmed %v, rule %v; want none and self 3, checks 2 of 4", got.Confirmed, got.Rule)
	}
	if got := pl.Steps[1]; got.Confirmed == nil || *got.Confirmed != (Confirmed{Date: "2026-11-20", Level: 3}) || *got.Rule != (config.Rule{Self: 4, M: 2, N: 4}) {
		t.Errorf("step b: confirmed %v, rule %v; want 2026-11-20 level 3 and self 4, checks 2 of 4", got.Confirmed, got.Rule)
	}
	plain, _ := New(c).Build(&content.Student{ID: "y", Units: refs("u"), TimeFactor: 1})
	for _, st := range plain.Steps {
		if st.Rule != nil || st.Confirmed != nil {
			t.Errorf("a student without them gets rule %v, confirmed %v", st.Rule, st.Confirmed)
		}
	}
}
