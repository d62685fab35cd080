// Package mastery owns the learner model's rules (SPEC 5.3 and 5.1): which
// check answers count, when a competency is mastered or needs support, and
// what a diagnostic places a student out of. Pure functions over attempts,
// with no I/O: the theme's mastery.ts and placement.ts hold the same rules
// and both are tested on engine/testdata/cases (mastery.json,
// diagnostic.json).
package mastery

import (
	"slices"

	"github.com/pacer-edu/pacer/engine/config"
)

// Statuses of a step, from the least to the most done.
const (
	NotStarted   = "not-started"
	Practicing   = "practicing"
	NeedsSupport = "needs-support"
	Mastered     = "mastered"
	Placed       = "placed"
)

// Attempt is one answer to one quick-check item. Every answer is kept: a
// retry adds an attempt and never replaces one.
type Attempt struct {
	// Item names the check: "<activity>#<n>".
	Item   string `json:"item"`
	Answer any    `json:"answer,omitempty"`
	Right  bool   `json:"right"`
	// At is when it was answered (RFC 3339).
	At string `json:"at"`
	// Explained: the item's explanation had been shown before this answer.
	Explained bool `json:"explained,omitempty"`
}

// Day is the calendar day of an attempt: the date part of its stamp.
func Day(at string) string {
	if len(at) < 10 {
		return at
	}
	return at[:10]
}

// Sorted returns the attempts in time order; attempts at the same time keep
// their order.
func Sorted(atts []Attempt) []Attempt {
	out := slices.Clone(atts)
	slices.SortStableFunc(out, func(a, b Attempt) int {
		switch {
		case a.At < b.At:
			return -1
		case a.At > b.At:
			return 1
		}
		return 0
	})
	return out
}

// Practice reports, for each of atts (in time order), whether it is
// practice: given after the item's explanation was shown, on the day it
// was shown. An explanation is shown by answering, so it was shown on the
// day of the item's previous attempt; with none (the answer was looked up
// before any try) the attempt is practice too. Practice is kept and shown
// but does not count.
func Practice(atts []Attempt) []bool {
	out := make([]bool, len(atts))
	last := map[string]string{} // item -> day of its latest attempt
	for i, a := range atts {
		d, seen := last[a.Item]
		out[i] = a.Explained && (!seen || d == Day(a.At))
		last[a.Item] = Day(a.At)
	}
	return out
}

// Counted returns the attempts that count toward mastery and "needs
// support", in time order.
func Counted(atts []Attempt) []Attempt {
	s := Sorted(atts)
	p := Practice(s)
	var out []Attempt
	for i, a := range s {
		if !p[i] {
			out = append(out, a)
		}
	}
	return out
}

// Checks is how a competency's check answers stand against its rule.
type Checks struct {
	// Need right answers among the most recent Of counted ones.
	Need, Of, Right int
}

// Met reports whether the checks part of the rule holds.
func (c Checks) Met() bool { return c.Right >= c.Need }

// CheckCount measures counted answers against rule for a competency with
// items quick checks: at least m of the most recent n, or all of them when
// it has fewer than n items. ok is false when it has no items (nothing to
// check: the checks part holds).
func CheckCount(counted []Attempt, rule config.Rule, items int) (c Checks, ok bool) {
	if items <= 0 {
		return Checks{}, false
	}
	c.Of, c.Need = rule.N, rule.M
	if items < rule.N {
		c.Of, c.Need = items, items
	}
	from := max(0, len(counted)-c.Of)
	for _, a := range counted[from:] {
		if a.Right {
			c.Right++
		}
	}
	return c, true
}

// NeedsSupportFrom reports whether two of the last three counted answers
// are wrong.
func NeedsSupportFrom(counted []Attempt) bool {
	wrong := 0
	for _, a := range counted[max(0, len(counted)-3):] {
		if !a.Right {
			wrong++
		}
	}
	return wrong >= 2
}

// Input is what the status of one step depends on.
type Input struct {
	// Placed: the teacher (mastered:) or a diagnostic placed the student out.
	Placed bool
	// Confirmed: the teacher confirmed mastery (confirmed:).
	Confirmed bool
	// RequiredDone: one activity of each required choice group is done.
	RequiredDone bool
	// Started: an activity of the step is done or it has a self-rating.
	Started  bool
	Attempts []Attempt
	// Rating is the latest self-rating, 0 for none.
	Rating int
	Rule   config.Rule
	// Items is how many quick checks build the competency.
	Items int
}

// Status is a step's status. The teacher's word (placement, confirmed
// mastery) wins over everything; then the mastery rule; then "needs
// support" from counted answers.
func Status(in Input) string {
	if in.Placed {
		return Placed
	}
	if in.Confirmed {
		return Mastered
	}
	counted := Counted(in.Attempts)
	c, ok := CheckCount(counted, in.Rule, in.Items)
	if in.RequiredDone && (!ok || c.Met()) && in.Rating >= in.Rule.Self {
		return Mastered
	}
	if NeedsSupportFrom(counted) {
		return NeedsSupport
	}
	if in.Started || len(in.Attempts) > 0 {
		return Practicing
	}
	return NotStarted
}
