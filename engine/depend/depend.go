// Package depend owns the dev server's rebuild bookkeeping: what a page
// read while it rendered (a Set of keys, each with the facets of the item
// it looked at: an activity's title, a competency's prerequisites, a
// unit's body, whether a file is on disk), what differs between two loads
// of a course (Diff), and so whether a page must render again
// (Set.Touches). It knows nothing about pages: a page records what it
// reads, and a change re-renders exactly the pages that read something
// that changed. A cold build records nothing: its pages have no Set.
package depend

import (
	"html/template"
	"slices"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/plan"
)

// Kind is the kind of thing read.
type Kind uint8

const (
	Activity   Kind = iota + 1 // id: activity id
	Competency                 // id: competency id
	Unit                       // id: unit id
	Group                      // id: group id
	Student                    // id: student id
	// ActsFor is the ids of a competency's activities, in order.
	ActsFor
	// RequiredBy is the ids of the competencies that require one.
	RequiredBy
	// Menu is the units in the order students meet them, with their
	// titles (id "").
	Menu
	// Competencies is the ids of every competency (id "").
	Competencies
	// Activities and Units are the ids of every activity and every
	// unit (id "").
	Activities
	Units
	// PageOf is which page a course file is, if any (id: the file,
	// relative to the site root).
	PageOf
	// Board is what ranking uses of a competency's activities: which
	// they are and their Plan facets.
	Board
	// Disk is a file on disk (id: relative to the site root): whether it
	// is there and a file. Its bytes are served as they are, not read.
	Disk
	// Receipt is the snapshot of a student's newest receipt (id: the
	// student's token, engine/site/receipts.go).
	Receipt
	// UnitsOf is the ids of the units that hold a competency (id), which
	// say what chunks of the course data hold it (engine/site/chunks.go).
	UnitsOf
	// UnitOrder is the ids of the units in the order students meet them,
	// without their titles (id "").
	UnitOrder
)

// Key names one thing read.
type Key struct {
	Kind Kind
	ID   string
}

// Facet is a set of parts of an item; a key read or changed with facets
// that share a bit means the page saw the change.
type Facet uint32

const (
	Title Facet = 1 << iota
	Minutes
	Modality
	Level
	Choice
	Interests
	For
	Aliases
	Checks     // the checks, in full
	CheckCount // how many checks
	Body       // body, its first line, the file it is in
	Media
	Can
	Codes
	Requires
	Rule
	Comps // a unit's competencies
	Diagnostic
	GroupUnits // a group's units
	Dates      // a group's start and end
	Other      // anything else (positions of things pages do not show)

	All Facet = ^Facet(0)
)

// Facets of an activity that ranking and a step's minutes use.
const Plan = Minutes | Modality | Interests | Level | Choice

// PlanReads is what planning student s read of course c, given the plan
// it made: the student, their group, their units' competencies, and for
// every competency the plan walked, its prerequisites and what ranking
// uses of each of its activities. A student page keeps these apart from
// its other reads: when only they changed, the session plans again and
// re-renders the page only if the plan did change (an edit to an
// activity's minutes moves only the plans where it is ranked first or
// its rank changes).
func PlanReads(t *Table, c *content.Course, s *content.Student, pl plan.Playlist) *Set {
	r := NewSet(t)
	r.Add(Student, s.ID, All)
	units := s.Units
	if s.Group != nil {
		r.Add(Group, s.Group.ID, GroupUnits|Dates)
		if g := c.Group[s.Group.ID]; g != nil && len(units) == 0 {
			units = g.Units
		}
	}
	for _, u := range units {
		r.Add(Unit, u.ID, Comps)
		if unit := c.Unit[u.ID]; unit != nil {
			for _, k := range unit.Competencies {
				r.Add(Competency, k.ID, Requires)
			}
		}
	}
	for _, m := range s.Mastered {
		r.Add(Competency, m.ID, Requires)
	}
	for _, st := range pl.Steps {
		r.Add(Competency, st.Competency, Requires)
		r.Add(Board, st.Competency, All)
	}
	r.Freeze()
	return r
}

// activityFacets says which parts of an activity differ between o and n.
// Every field of content.Activity is compared here
// (TestFacetsCoverEveryField), so an activity's own page, which reads
// All, sees any change.
func activityFacets(o, n *content.Activity) Facet {
	var f Facet
	f |= bit(o.Title != n.Title, Title)
	f |= bit(o.Minutes != n.Minutes, Minutes)
	f |= bit(o.Modality != n.Modality, Modality)
	f |= bit(o.Level != n.Level, Level)
	f |= bit(o.Choice != n.Choice, Choice)
	f |= bit(!slices.Equal(o.Interests, n.Interests), Interests)
	f |= bit(!slices.Equal(o.For, n.For), For)
	f |= bit(!slices.Equal(o.Aliases, n.Aliases), Aliases)
	if len(o.Checks) != len(n.Checks) {
		f |= CheckCount | Checks
	} else if !checksEqual(o.Checks, n.Checks) {
		f |= Checks
	}
	f |= bit(!slices.Equal(o.Body, n.Body) || o.BodyLine != n.BodyLine || o.Dir != n.Dir, Body)
	f |= bit(o.Media != n.Media || o.MediaPos != n.MediaPos, Media)
	f |= bit(o.Source != n.Source || !paramsEqual(o.Params, n.Params), Other)
	return f
}

// bit is x when the condition holds.
func bit(changed bool, x Facet) Facet {
	if changed {
		return x
	}
	return 0
}

func checksEqual(a, b []check.Check) bool {
	for i := range a {
		x, y := a[i], b[i]
		if x.Pos != y.Pos || x.Q != y.Q || x.Explain != y.Explain || x.Multi != y.Multi ||
			!slices.Equal(x.Answer, y.Answer) || !slices.Equal(x.Choices, y.Choices) || !slices.Equal(x.Accept, y.Accept) {
			return false
		}
	}
	return true
}

// paramsEqual compares decoded YAML values (strings, numbers, booleans,
// lists and maps of them).
func paramsEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !valueEqual(v, w) {
			return false
		}
	}
	return true
}

func valueEqual(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && paramsEqual(x, y)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !valueEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	default:
		// Scalars; anything else decoded from YAML compares as unequal
		// unless it is the same value, which errs towards re-rendering.
		defer func() { recover() }()
		return a == b
	}
}

func competencyFacets(o, n *content.Competency) Facet {
	var f Facet
	f |= bit(o.Title != n.Title, Title)
	f |= bit(o.Can != n.Can, Can)
	f |= bit(!slices.Equal(o.Codes, n.Codes), Codes)
	f |= bit(o.Case != n.Case, Other) // no page shows it: the cartridge export reads it
	f |= bit(!slices.Equal(o.Requires, n.Requires), Requires)
	f |= bit(o.Rule != n.Rule, Rule)
	f |= bit(!slices.Equal(o.Body, n.Body) || o.BodyLine != n.BodyLine || o.Source != n.Source, Body)
	return f
}

func unitFacets(o, n *content.Unit) Facet {
	var f Facet
	f |= bit(o.Title != n.Title, Title)
	f |= bit(!slices.Equal(o.Competencies, n.Competencies), Comps)
	f |= bit(o.Diagnostic != n.Diagnostic, Diagnostic)
	f |= bit(!slices.Equal(o.Body, n.Body) || o.BodyLine != n.BodyLine || o.Source != n.Source, Body)
	return f
}

func groupFacets(o, n *content.Group) Facet {
	var f Facet
	f |= bit(o.Title != n.Title, Title)
	f |= bit(!slices.Equal(o.Units, n.Units), GroupUnits)
	f |= bit(o.Start != n.Start || o.End != n.End, Dates)
	f |= bit(o.Source != n.Source || o.Keys != n.Keys, Other) // Keys: where plan warnings point
	return f
}

// studentFacets: a student's page and plan read all of the student, so
// any difference is All.
func studentFacets(o, n *content.Student) Facet {
	same := o.Source == n.Source && o.Name == n.Name && o.Start == n.Start && o.End == n.End &&
		o.TimeFactor == n.TimeFactor && o.MinutesPerDay == n.MinutesPerDay && o.Language == n.Language && o.Notes == n.Notes &&
		(o.Group == nil) == (n.Group == nil) && (o.Group == nil || *o.Group == *n.Group) &&
		slices.Equal(o.Units, n.Units) && slices.Equal(o.Prefers, n.Prefers) && slices.Equal(o.Interests, n.Interests) &&
		slices.Equal(o.Mastered, n.Mastered) && slices.Equal(o.Goals, n.Goals) && o.Keys == n.Keys &&
		slices.Equal(o.Feedback, n.Feedback) && slices.Equal(o.Confirmed, n.Confirmed) && o.Rule == n.Rule && o.ReadAloud == n.ReadAloud
	if same {
		return 0
	}
	return All
}

// State is what pages read of a build besides files on disk: the course,
// each student's receipt snapshot by token, and which page each course
// file is (by path relative to the site root).
type State struct {
	Course   *content.Course
	Receipts map[string]template.JS
	Pages    map[string]string
}

// Diff lists what differs between old (the last good build) and now, in
// the keys and facets pages record reading. Which pages that touches is
// what each page recorded.
func Diff(old, now State) map[Key]Facet {
	oc, nc := old.Course, now.Course
	ch := map[Key]Facet{}
	mark := func(k Kind, id string, f Facet) {
		if f != 0 {
			ch[Key{k, id}] |= f
		}
	}
	items(ch, Activity, oc.Activity, nc.Activity, activityFacets)
	items(ch, Competency, oc.Competency, nc.Competency, competencyFacets)
	items(ch, Unit, oc.Unit, nc.Unit, unitFacets)
	items(ch, Group, oc.Group, nc.Group, groupFacets)
	items(ch, Student, oc.Student, nc.Student, studentFacets)

	// What is worked out from several items.
	board := func(refs []content.Ref) {
		for _, r := range refs {
			mark(Board, r.ID, All)
		}
	}
	var ranked []string // activities whose ranking inputs changed
	for k, f := range ch {
		if k.Kind == Activity && f&(Plan|For) != 0 {
			ranked = append(ranked, k.ID)
		}
	}
	for _, id := range ranked {
		for _, a := range []*content.Activity{oc.Activity[id], nc.Activity[id]} {
			if a != nil {
				board(a.For)
			}
		}
	}
	ob2, nb2 := requiredBy(oc), requiredBy(nc)
	for id := range union(oc.Competency, nc.Competency) {
		if !sameIDs(oc.ActivitiesFor[id], nc.ActivitiesFor[id], func(a *content.Activity) string { return a.ID }) {
			mark(ActsFor, id, All)
			mark(Board, id, All)
		}
		if !slices.Equal(ob2[id], nb2[id]) {
			mark(RequiredBy, id, All)
		}
	}
	oh, nh := oc.UnitsHolding(), nc.UnitsHolding()
	for id := range union(oh, nh) {
		if !slices.Equal(oh[id], nh[id]) {
			mark(UnitsOf, id, All)
		}
	}
	ou, nu := oc.UnitOrder(), nc.UnitOrder()
	if !sameIDs(ou, nu, func(u *content.Unit) string { return u.ID + "\x00" + u.Title }) {
		mark(Menu, "", All)
	}
	if !sameIDs(ou, nu, func(u *content.Unit) string { return u.ID }) {
		mark(UnitOrder, "", All)
	}
	if !sameIDs(oc.Competencies, nc.Competencies, func(k *content.Competency) string { return k.ID }) {
		mark(Competencies, "", All)
	}
	if !sameIDs(oc.Activities, nc.Activities, func(a *content.Activity) string { return a.ID }) {
		mark(Activities, "", All)
	}
	if !sameIDs(oc.Units, nc.Units, func(u *content.Unit) string { return u.ID }) {
		mark(Units, "", All)
	}
	for tok := range union(old.Receipts, now.Receipts) {
		if old.Receipts[tok] != now.Receipts[tok] {
			mark(Receipt, tok, All)
		}
	}
	op, np := old.Pages, now.Pages
	for f, u := range np {
		if op[f] != u {
			mark(PageOf, f, All)
		}
	}
	for f := range op {
		if _, ok := np[f]; !ok {
			mark(PageOf, f, All)
		}
	}
	return ch
}

// items marks the items of one kind that were added, removed (every
// Facet) or changed (the facets diff reports).
func items[T any](ch map[Key]Facet, k Kind, old, now map[string]*T, diff func(o, n *T) Facet) {
	for id, n := range now {
		o := old[id]
		var f Facet
		switch {
		case o == nil:
			f = All
		case o != n:
			f = diff(o, n)
		}
		if f != 0 {
			ch[Key{k, id}] |= f
		}
	}
	for id := range old {
		if now[id] == nil {
			ch[Key{k, id}] = All
		}
	}
}

func sameIDs[T any](a, b []T, id func(T) string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if id(a[i]) != id(b[i]) {
			return false
		}
	}
	return true
}

// requiredBy lists, per competency, the competencies that require it, in
// the order competency pages show them.
func requiredBy(c *content.Course) map[string][]string {
	out := map[string][]string{}
	for _, k := range c.Competencies {
		for _, r := range k.Requires {
			out[r.ID] = append(out[r.ID], k.ID)
		}
	}
	return out
}

// union is the keys of two maps.
func union[T any](a, b map[string]T) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
