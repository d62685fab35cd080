package site

import (
	"hash/maphash"
	"html/template"

	"github.com/pacer-edu/pacer/engine/depend"
)

// What a page reads while it renders is recorded for the dev server's
// rebuilds (engine/depend): each page job of a Session has its own set,
// and a change re-renders exactly the pages that read something that
// changed. A cold build records nothing: its builder has no read set.

// read records a read on the page b renders (nothing in a cold build).
func (b *builder) read(k depend.Kind, id string, f depend.Facet) { b.reads.Add(k, id, f) }

// planned is a student page's plan as the session keeps it: what planning
// read, and a hash of the playlist it made.
type planned struct {
	student string
	reads   *depend.Set
	hash    uint64
}

var planSeed = maphash.MakeSeed()

func planHash(playlist template.JS) uint64 { return maphash.String(planSeed, string(playlist)) }

// dependState is what the pages of b read besides files on disk, for
// depend.Diff.
func (b *builder) dependState() depend.State {
	return depend.State{Course: b.course, Receipts: b.receipts, Pages: b.links.pages}
}
