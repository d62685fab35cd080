package site

import (
	"slices"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/coursedata"
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/internal/work"
	"github.com/pacer-edu/pacer/engine/render"
)

// The shared course data comes in parts (SPEC 10: no page loads data about
// activities it does not show): a head every page loads (the site's key,
// scale, rule and term) and one chunk per unit, holding the unit, its
// competencies and every activity for any of them; the competencies in no
// unit, and their activities, are the rest chunk. A page loads the chunks
// of what it shows: an activity page those of its competencies' units, a
// competency page its units', a unit page and its diagnostic their own, a
// student page those of its steps' competencies and of its units.
//
// Per unit rather than per competency, by the sizes measured on the
// generated courses (BENCHMARKS.md): a unit's chunk is 2-11 KB gzipped at
// 5,000 activities, so an activity page stays within its 40 KB, while a
// student page of 40 to 200 steps loads 2 to 10 files instead of 40 to 200.

// restChunk names the chunk of what is in no unit; "_" is never a unit id.
const restChunk = "_"

// sessionChunkPath is where a dev session serves chunk id: without a hash,
// so that a change to a unit's data leaves its pages' script tags alone.
func sessionChunkPath(id string) string { return "assets/course." + id + ".js" }

// chunkPathOf is where pages load chunk id from.
func (b *builder) chunkPathOf(id string) string {
	if p, ok := b.chunkPath[id]; ok {
		return p
	}
	return sessionChunkPath(id)
}

// chunksOf lists the chunks holding competency k: its units', or the rest.
func (b *builder) chunksOf(k string) []string {
	b.read(depend.UnitsOf, k, depend.All)
	if l := b.holding()[k]; len(l) > 0 {
		return l
	}
	return []string{restChunk}
}

// holding is UnitsHolding of the build's course, made before pages render
// (jobs) or chunks are made, never by several goroutines at once.
func (b *builder) holding() map[string][]string {
	if b.held == nil {
		b.held = b.course.UnitsHolding()
	}
	return b.held
}

// actChunks lists the chunks holding activity a.
func (b *builder) actChunks(a *content.Activity) []string {
	b.read(depend.Activity, a.ID, depend.For)
	if len(a.For) == 0 {
		return []string{restChunk}
	}
	var out []string
	for _, r := range a.For {
		out = append(out, b.chunksOf(r.ID)...)
	}
	return out
}

// chunkIDs lists every chunk of the course: each unit's, then the rest
// chunk when a competency is in no unit or an activity is for none.
func (b *builder) chunkIDs() []string {
	var ids []string
	for _, u := range b.course.Units {
		ids = append(ids, u.ID)
	}
	held := b.holding()
	rest := false
	for _, k := range b.course.Competencies {
		rest = rest || len(held[k.ID]) == 0
	}
	for _, a := range b.course.Activities {
		rest = rest || len(a.For) == 0
	}
	if rest {
		ids = append(ids, restChunk)
	}
	return ids
}

// courseHead is the script every page loads first: what is not about any
// competency or activity.
func (b *builder) courseHead() []byte {
	d := &coursedata.Data{
		V: coursedata.Version, Site: b.res.SiteKey, Scale: b.scale(b.cfg.Language), Rule: wireRule(b.cfg.Mastery.Rule),
		Term: coursedata.Term{Start: b.cfg.Term.Start.String(), End: b.cfg.Term.End.String(), Days: weekdayNames(b.cfg), Breaks: breaks(b.cfg)},
	}
	return d.Script()
}

func wireRule(r config.Rule) coursedata.Rule { return coursedata.Rule{Self: r.Self, M: r.M, N: r.N} }

// courseChunk is the script of chunk id, recording what it reads.
func (b *builder) courseChunk(id string) []byte {
	c := &coursedata.Chunk{Competencies: map[string]coursedata.Competency{}, Activities: map[string]coursedata.Activity{}}
	var comps []string
	if id == restChunk {
		b.read(depend.Competencies, "", depend.All)
		b.read(depend.Activities, "", depend.All)
		for _, k := range b.course.Competencies {
			if b.chunksOf(k.ID)[0] == restChunk {
				comps = append(comps, k.ID)
			}
		}
		for _, a := range b.course.Activities {
			if b.read(depend.Activity, a.ID, depend.For); len(a.For) == 0 {
				c.Activities[a.ID] = b.wireActivity(a)
			}
		}
	} else {
		u := b.course.Unit[id]
		b.read(depend.Unit, id, depend.Title|depend.Comps|depend.Diagnostic)
		if u == nil {
			return nil
		}
		x := coursedata.Unit{T: u.Title, U: unitURL(u.ID), C: []string{}}
		for _, r := range u.Competencies {
			x.C = append(x.C, r.ID)
			comps = append(comps, r.ID)
		}
		if u.Diagnostic {
			x.Diag = diagnosticURL(u.ID)
		}
		c.Units = map[string]coursedata.Unit{id: x}
	}
	for _, id := range comps {
		b.read(depend.Competency, id, depend.Title|depend.Can|depend.Requires|depend.Rule)
		k := b.course.Competency[id]
		if k == nil {
			continue
		}
		x := coursedata.Competency{T: k.Title, Can: k.Can, U: competencyURL(k.ID), Rule: wireRule(k.Rule)}
		for _, r := range k.Requires {
			x.R = append(x.R, r.ID)
		}
		c.Competencies[id] = x
		b.read(depend.ActsFor, id, depend.All)
		for _, a := range b.course.ActivitiesFor[id] {
			c.Activities[a.ID] = b.wireActivity(a)
		}
	}
	return c.Script()
}

func (b *builder) wireActivity(a *content.Activity) coursedata.Activity {
	b.read(depend.Activity, a.ID, depend.Title|depend.Modality|depend.Minutes|depend.Level|depend.Choice|depend.CheckCount|depend.Aliases|depend.For)
	x := coursedata.Activity{T: a.Title, U: activityURL(a.ID), Mod: a.Modality, Min: a.Minutes, Lvl: a.Level, Ch: a.Choice, N: len(a.Checks), Al: a.Aliases}
	for _, r := range a.For {
		x.F = append(x.F, r.ID)
	}
	return x
}

// hashedChunks makes every chunk of a build, named by its content, and
// records where pages load each from.
func (b *builder) hashedChunks() map[string][]byte {
	ids := b.chunkIDs() // makes b.held before the workers read it
	made := make([][]byte, len(ids))
	work.Each(len(ids), func() func(int) error {
		return func(i int) error { made[i] = b.courseChunk(ids[i]); return nil }
	})
	files := make(map[string][]byte, len(ids))
	b.chunkPath = make(map[string]string, len(ids))
	for i, id := range ids {
		p := "assets/course." + id + "." + assets.Hash(made[i]) + ".js"
		b.chunkPath[id] = p
		files[p] = made[i]
	}
	return files
}

// chunked gives page p the chunks of what it shows (see the top of this
// file); the index loads none.
func (b *builder) chunked(p *render.Page, err error) (*render.Page, error) {
	if p == nil || err != nil {
		return p, err
	}
	var ids []string
	switch {
	case p.Activity != nil:
		if a := b.course.Activity[p.Activity.ID]; a != nil {
			ids = b.actChunks(a)
		}
	case p.Competency != nil:
		ids = b.chunksOf(p.Competency.ID)
	case p.Unit != nil:
		ids = []string{p.Unit.ID}
	case p.Diagnostic != nil:
		ids = []string{p.Diagnostic.Unit.ID}
	case p.Student != nil:
		for _, u := range p.Student.Units {
			ids = append(ids, u.ID)
		}
		for _, st := range p.Student.Steps {
			ids = append(ids, b.chunksOf(st.Competency.ID)...)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	paths := make([]string, len(ids))
	for i, id := range ids {
		paths[i] = b.chunkPathOf(id)
	}
	p.Assets = p.Assets.WithChunks(paths)
	return p, nil
}
