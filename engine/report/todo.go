package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/receipt"
)

// What the report suggests the teacher do next: small groups for the
// students who need support on the same competency, who is ready to have
// mastery confirmed or to place out, and the YAML for each student's file
// that records it. It only suggests: the teacher edits the files.

// Activity is a support activity of a competency.
type Activity struct{ ID, Title string }

// MaxGroup is the largest suggested group: a bigger set of students who
// need support on one competency is split into groups of about even size.
const MaxGroup = 5

// Group is a suggested small group: students who need support on one
// competency, and that competency's support activities none of them has
// done.
type Group struct {
	Competency Competency
	Students   []*Entry
	Activities []Activity
}

// Groups returns the suggested small groups: the competency most
// students need support on first.
func (r *Report) Groups() []Group {
	by := map[string][]*Entry{}
	var comps []string
	for _, s := range r.Steps(NeedsSupport) {
		if by[s.Step.C] == nil {
			comps = append(comps, s.Step.C)
		}
		by[s.Step.C] = append(by[s.Step.C], s.Entry)
	}
	slices.SortStableFunc(comps, func(a, b string) int {
		return cmp.Or(len(by[b])-len(by[a]), strings.Compare(strings.ToLower(r.title(a)), strings.ToLower(r.title(b))), strings.Compare(a, b))
	})
	var out []Group
	for _, c := range comps {
		es := by[c]
		comp := r.Roster.Competencies[c]
		n := (len(es) + MaxGroup - 1) / MaxGroup
		for i := range n {
			part := es[i*len(es)/n : (i+1)*len(es)/n]
			g := Group{Competency: comp, Students: part}
			for _, a := range comp.Support {
				if !slices.ContainsFunc(part, func(e *Entry) bool { return did(e, a.ID) }) {
					g.Activities = append(g.Activities, a)
				}
			}
			out = append(out, g)
		}
	}
	return out
}

// did says the student's receipt marks an activity done, on any step.
func did(e *Entry, activity string) bool {
	for _, s := range e.Receipt.Steps {
		if slices.Contains(s.Done, activity) {
			return true
		}
	}
	return false
}

// Ready is a competency a student has mastered by the page's rule that the
// teacher has not yet recorded (placed out or confirmed).
type Ready struct {
	Entry *Entry
	Step  receipt.Step
}

// Ready lists, by student, who is ready to have mastery confirmed or to
// place out.
func (r *Report) Ready() []Ready {
	var out []Ready
	for _, s := range r.Steps(func(s receipt.Step) bool { return s.Status == "mastered" }) {
		st := s.Entry.Student
		if slices.Contains(st.Mastered, s.Step.C) || slices.Contains(st.Confirmed, s.Step.C) {
			continue
		}
		out = append(out, Ready{s.Entry, s.Step})
	}
	return out
}

// Snippet is the YAML for a student's file that records what the report
// suggests, dated day: a feedback entry for each step that needs support
// or has a reflection (the text left for the teacher to write), a
// confirmed entry for each competency the student is ready to have
// confirmed (at their latest self-rating, else the rule's level), and the
// student's placements (mastered), where one of those may be moved instead.
// The feedback and confirmed entries the file already has are kept as they
// are, so the snippet can replace those keys whole.
// comments are the three keys' comments, in the report's language.
func (r *Report) Snippet(e *Entry, day time.Time, comments [3]string) string {
	var b strings.Builder
	date := day.Format(time.DateOnly)
	fmt.Fprintf(&b, "# %s: %s\n", e.Student.Name, e.Student.File)
	fb := map[string]string{}
	cf := map[string]string{}
	var fbOrder, cfOrder []string
	put := func(m map[string]string, order *[]string, c, v string) {
		if _, ok := m[c]; !ok {
			*order = append(*order, c)
			m[c] = v
		}
	}
	if e.Receipt != nil {
		for _, s := range e.Receipt.Steps {
			if NeedsSupport(s) || strings.TrimSpace(s.Note) != "" {
				put(fb, &fbOrder, s.C, fmt.Sprintf("{date: %s, text: \"\"}", date))
			}
		}
		for _, rd := range r.Ready() {
			if rd.Entry != e {
				continue
			}
			level := Latest(rd.Step).Level
			if level == 0 {
				level = r.Roster.RuleOf(rd.Step.C).Self
			}
			put(cf, &cfOrder, rd.Step.C, fmt.Sprintf("{date: %s, level: %d, note: \"\"}", date, level))
		}
	}
	// What the file already says stays, in place of a suggestion.
	for _, c := range slices.Sorted(maps.Keys(e.Student.KeptFeedback)) {
		put(fb, &fbOrder, c, "")
		fb[c] = e.Student.KeptFeedback[c]
	}
	for _, c := range slices.Sorted(maps.Keys(e.Student.KeptConfirmed)) {
		put(cf, &cfOrder, c, "")
		cf[c] = e.Student.KeptConfirmed[c]
	}
	if len(fbOrder) > 0 {
		fmt.Fprintf(&b, "feedback:    # %s\n", comments[0])
		for _, c := range fbOrder {
			fmt.Fprintf(&b, "  %s: %s\n", c, fb[c])
		}
	}
	if len(cfOrder) > 0 {
		fmt.Fprintf(&b, "confirmed:   # %s\n", comments[1])
		for _, c := range cfOrder {
			fmt.Fprintf(&b, "  %s: %s\n", c, cf[c])
		}
	}
	fmt.Fprintf(&b, "mastered: [%s]    # %s\n", strings.Join(e.Student.Mastered, ", "), comments[2])
	return b.String()
}

// yamlString quotes s for YAML: a JSON string is a YAML double-quoted one.
func yamlString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
