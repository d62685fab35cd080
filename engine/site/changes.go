package site

import (
	"slices"

	"github.com/pacer-edu/pacer/engine/content"
)

// changes lists what differs between the course of ob (the last good
// build) and nb's, in the keys and facets pages record reading (reads.go).
// It knows nothing about pages: which ones the changes touch is what each
// page recorded.
func changes(ob, nb *builder) map[readKey]facet {
	oc, nc := ob.course, nb.course
	ch := map[readKey]facet{}
	mark := func(k readKind, id string, f facet) {
		if f != 0 {
			ch[readKey{k, id}] |= f
		}
	}
	items(ch, rActivity, oc.Activity, nc.Activity, activityFacets)
	items(ch, rCompetency, oc.Competency, nc.Competency, competencyFacets)
	items(ch, rUnit, oc.Unit, nc.Unit, unitFacets)
	items(ch, rGroup, oc.Group, nc.Group, groupFacets)
	items(ch, rStudent, oc.Student, nc.Student, studentFacets)

	// What is worked out from several items.
	board := func(refs []content.Ref) {
		for _, r := range refs {
			mark(rBoard, r.ID, fAll)
		}
	}
	var ranked []string // activities whose ranking inputs changed
	for k, f := range ch {
		if k.kind == rActivity && f&(fPlan|fFor) != 0 {
			ranked = append(ranked, k.id)
		}
	}
	for _, id := range ranked {
		for _, a := range []*content.Activity{oc.Activity[id], nc.Activity[id]} {
			if a != nil {
				board(a.For)
			}
		}
	}
	for id := range union(oc.Competency, nc.Competency) {
		if !sameIDs(oc.ActivitiesFor[id], nc.ActivitiesFor[id], func(a *content.Activity) string { return a.ID }) {
			mark(rActsFor, id, fAll)
			mark(rBoard, id, fAll)
		}
	}
	ob2, nb2 := requiredBy(oc), requiredBy(nc)
	for id := range union(oc.Competency, nc.Competency) {
		if !slices.Equal(ob2[id], nb2[id]) {
			mark(rRequiredBy, id, fAll)
		}
	}
	oh, nh := unitsHolding(oc), unitsHolding(nc)
	for id := range union2(oh, nh) {
		if !slices.Equal(oh[id], nh[id]) {
			mark(rUnitsOf, id, fAll)
		}
	}
	if !sameIDs(ob.unitOrder(), nb.unitOrder(), func(u *content.Unit) string { return u.ID + "\x00" + u.Title }) {
		mark(rMenu, "", fAll)
	}
	if !sameIDs(oc.Competencies, nc.Competencies, func(k *content.Competency) string { return k.ID }) {
		mark(rCompetencies, "", fAll)
	}
	if !sameIDs(oc.Activities, nc.Activities, func(a *content.Activity) string { return a.ID }) {
		mark(rActivities, "", fAll)
	}
	if !sameIDs(oc.Units, nc.Units, func(u *content.Unit) string { return u.ID }) {
		mark(rUnits, "", fAll)
	}
	for tok := range union2(ob.receipts, nb.receipts) {
		if ob.receipts[tok] != nb.receipts[tok] {
			mark(rReceipt, tok, fAll)
		}
	}
	op, np := ob.links.pages, nb.links.pages
	for f, u := range np {
		if op[f] != u {
			mark(rPageOf, f, fAll)
		}
	}
	for f := range op {
		if _, ok := np[f]; !ok {
			mark(rPageOf, f, fAll)
		}
	}
	return ch
}

// items marks the items of one kind that were added, removed (every
// facet) or changed (the facets diff reports).
func items[T any](ch map[readKey]facet, k readKind, old, now map[string]*T, diff func(o, n *T) facet) {
	for id, n := range now {
		o := old[id]
		var f facet
		switch {
		case o == nil:
			f = fAll
		case o != n:
			f = diff(o, n)
		}
		if f != 0 {
			ch[readKey{k, id}] |= f
		}
	}
	for id := range old {
		if now[id] == nil {
			ch[readKey{k, id}] = fAll
		}
	}
}

func union[T any](a, b map[string]*T) map[string]bool {
	out := make(map[string]bool, len(b))
	for id := range a {
		out[id] = true
	}
	for id := range b {
		out[id] = true
	}
	return out
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

// union2 is the keys of two maps of values.
func union2[T any](a, b map[string]T) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
