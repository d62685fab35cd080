package site

import (
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
)

// dirt is what a new load of the course changed since the last good build:
// the pages that can differ, whether the shared course data can, or that
// the change is too wide to follow (a competency's prerequisites, a unit's
// title or competencies, a group's units: the menu or every plan moves).
type dirt struct {
	pages      map[string]bool
	full       bool
	courseData bool
}

// dirtyPages compares the new course of nb with old's. The rules follow
// what each page shows (generate.go): an activity's own page shows all of
// it; its title, minutes, modality, level, choice, interests and
// competencies also appear on its competencies' pages, in their units'
// check counts and in the plans of students who have those competencies;
// its checks appear on their units' diagnostic pages.
func dirtyPages(old *snapshot, nb *builder, deps map[string]studentDeps, changed []string, s *Session) dirt {
	oc, nc := old.b.course, nb.course
	d := &dirtier{dirt: dirt{pages: map[string]bool{}}, old: old, nb: nb, deps: deps, studentPath: map[string]string{}}
	for _, st := range nb.res.Students {
		d.studentPath[st.ID] = st.Path
	}

	for id, na := range nc.Activity {
		oa := oc.Activity[id]
		switch {
		case oa == nil:
			d.competencies(refIDs(na.For), true)
		case reflect.DeepEqual(oa, na):
		case !reflect.DeepEqual(activityMeta(oa), activityMeta(na)):
			d.page(activityURL(id))
			d.competencies(append(refIDs(oa.For), refIDs(na.For)...), true)
		default:
			d.page(activityURL(id))
			if !reflect.DeepEqual(checksOf(oa), checksOf(na)) {
				d.checks(append(refIDs(oa.For), refIDs(na.For)...), len(oa.Checks) != len(na.Checks))
			}
		}
	}
	for id, oa := range oc.Activity {
		if nc.Activity[id] == nil {
			d.competencies(refIDs(oa.For), true)
		}
	}

	for id, nk := range nc.Competency {
		ok := oc.Competency[id]
		switch {
		case ok == nil || !slices.Equal(refIDs(ok.Requires), refIDs(nk.Requires)):
			d.full = true
		case reflect.DeepEqual(ok, nk):
		case ok.Title != nk.Title || ok.Can != nk.Can || ok.Rule != nk.Rule || !slices.Equal(ok.Codes, nk.Codes):
			d.linkedCompetency(id)
		default:
			d.page(competencyURL(id))
		}
	}
	for id := range oc.Competency {
		if nc.Competency[id] == nil {
			d.full = true
		}
	}

	for id, nu := range nc.Unit {
		ou := oc.Unit[id]
		switch {
		case ou == nil || ou.Title != nu.Title || ou.Diagnostic != nu.Diagnostic ||
			!slices.Equal(refIDs(ou.Competencies), refIDs(nu.Competencies)):
			d.full = true
		case reflect.DeepEqual(ou, nu):
		default: // its introduction: the unit page and the "why" on students' pages
			d.page(unitURL(id))
			d.students(func(dep studentDeps) bool { return dep.units[id] })
		}
	}
	for id := range oc.Unit {
		if nc.Unit[id] == nil {
			d.full = true
		}
	}

	for id, ng := range nc.Group {
		og := oc.Group[id]
		switch {
		case og == nil || !slices.Equal(refIDs(og.Units), refIDs(ng.Units)):
			d.full = true // unit order, and so every page's menu
		case !reflect.DeepEqual(og, ng):
			for _, c := range []*content.Course{oc, nc} {
				for _, st := range c.Students {
					if st.Group != nil && st.Group.ID == id {
						d.page(d.studentPath[st.ID])
					}
				}
			}
		}
	}
	for id := range oc.Group {
		if nc.Group[id] == nil {
			d.full = true
		}
	}

	for id, ns := range nc.Student {
		if os := oc.Student[id]; os == nil || !reflect.DeepEqual(os, ns) {
			d.page(d.studentPath[id])
		}
	}

	// Files that are not course items: media and captions beside
	// activities, files that links copy or point at.
	for _, p := range changed {
		rel := s.rel(p)
		dir := path.Dir(rel)
		for _, a := range nc.Activities {
			if a.Media != "" && path.Dir(a.File) == dir {
				d.page(activityURL(a.ID))
			}
		}
		for pp, pg := range old.pages {
			for _, src := range pg.copies {
				if s.rel(src) == rel {
					d.page(pp)
				}
			}
			for _, m := range pg.diags {
				if strings.Contains(m.Message, rel) || strings.Contains(m.Message, path.Base(rel)) {
					d.page(pp)
				}
			}
		}
	}
	return d.dirt
}

type dirtier struct {
	dirt
	old         *snapshot
	nb          *builder
	deps        map[string]studentDeps
	studentPath map[string]string
}

func (d *dirtier) page(p string) {
	if p != "" {
		d.pages[p] = true
	}
}

// students marks the pages of students who have (or had) what match tests.
func (d *dirtier) students(match func(studentDeps) bool) {
	for id, dep := range d.deps {
		if match(dep) {
			d.page(d.studentPath[id])
		}
	}
	for id, dep := range d.old.deps {
		if match(dep) {
			d.page(d.studentPath[id])
		}
	}
}

// units calls f for every unit, old or new, listing one of comps.
func (d *dirtier) units(comps map[string]bool, f func(*content.Unit)) {
	for _, c := range []*content.Course{d.old.b.course, d.nb.course} {
		for _, u := range c.Units {
			for _, r := range u.Competencies {
				if comps[r.ID] {
					f(u)
					break
				}
			}
		}
	}
}

// competencies marks what shows the activities of comps: their pages,
// their units' pages, and (with plans) the pages of students who have them.
func (d *dirtier) competencies(ids []string, plans bool) {
	comps := set(ids)
	for id := range comps {
		d.page(competencyURL(id))
	}
	d.units(comps, func(u *content.Unit) {
		d.page(unitURL(u.ID))
		if u.Diagnostic {
			d.page(diagnosticURL(u.ID))
		}
	})
	if plans {
		d.students(func(dep studentDeps) bool { return overlaps(dep.comps, comps) })
	}
	d.courseData = true
}

// checks marks what shows the checks of comps' activities: diagnostic
// pages, and, when the number changed, unit pages and the course data.
func (d *dirtier) checks(ids []string, count bool) {
	comps := set(ids)
	d.units(comps, func(u *content.Unit) {
		if u.Diagnostic {
			d.page(diagnosticURL(u.ID))
		}
		if count {
			d.page(unitURL(u.ID))
		}
	})
	if count {
		d.courseData = true
	}
}

// linkedCompetency marks every page showing competency id's title or "I
// can" line: the home page, its neighbours in the graph, its units, its
// activities and the plans that include it.
func (d *dirtier) linkedCompetency(id string) {
	d.page("index.html")
	d.competencies([]string{id}, true)
	for _, c := range []*content.Course{d.old.b.course, d.nb.course} {
		if k := c.Competency[id]; k != nil {
			for _, r := range k.Requires {
				d.page(competencyURL(r.ID))
			}
		}
		for _, k := range c.Competencies {
			for _, r := range k.Requires {
				if r.ID == id {
					d.page(competencyURL(k.ID))
				}
			}
		}
		for _, a := range c.ActivitiesFor[id] {
			d.page(activityURL(a.ID))
		}
	}
}

// activityMeta is what of a shows beyond its own page.
func activityMeta(a *content.Activity) content.Activity {
	m := *a
	m.Source, m.Body, m.BodyLine, m.MediaPos, m.Checks = content.Source{}, nil, 0, diag.Pos{}, nil
	m.For = make([]content.Ref, len(a.For))
	for i, r := range a.For {
		m.For[i] = content.Ref{ID: r.ID}
	}
	return m
}

// checksOf is a's checks without their positions.
func checksOf(a *content.Activity) []check.Check {
	out := make([]check.Check, len(a.Checks))
	for i, c := range a.Checks {
		c.Pos = diag.Pos{}
		out[i] = c
	}
	return out
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func overlaps(a, b map[string]bool) bool {
	if len(b) < len(a) {
		a, b = b, a
	}
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
