package site

import (
	"hash/maphash"
	"html/template"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/plan"
)

// What a page read while it rendered, for the dev server's rebuilds: each
// page job of a Session records the parts of the course it looked at (an
// activity's title, a competency's prerequisites, a unit's body, whether a
// file exists on disk), and a change re-renders exactly the pages that
// read something that changed (see changes.go). A cold build records
// nothing: its builder has no read set.

// readKind is the kind of thing read.
type readKind uint8

const (
	rActivity   readKind = iota + 1 // id: activity id
	rCompetency                     // id: competency id
	rUnit                           // id: unit id
	rGroup                          // id: group id
	rStudent                        // id: student id
	// rActsFor is the ids of a competency's activities, in order.
	rActsFor
	// rRequiredBy is the ids of the competencies that require one.
	rRequiredBy
	// rMenu is the units in the order students meet them, with their
	// titles (id "").
	rMenu
	// rCompetencies is the ids of every competency (id "").
	rCompetencies
	// rActivities and rUnits are the ids of every activity and every
	// unit (id "").
	rActivities
	rUnits
	// rPageOf is which page a course file is, if any (id: the file,
	// relative to the site root).
	rPageOf
	// rBoard is what ranking uses of a competency's activities: which
	// they are and their fPlan facets.
	rBoard
	// rDisk is a file on disk (id: relative to the site root): whether it
	// is there and a file. Its bytes are served as they are, not read.
	rDisk
	// rReceipt is the snapshot of a student's newest receipt (id: the
	// student's token; receipts.go).
	rReceipt
	// rUnitsOf is the ids of the units that hold a competency (id), which
	// say what chunks of the course data hold it (chunks.go).
	rUnitsOf
)

// readKey names one thing read.
type readKey struct {
	kind readKind
	id   string
}

// facet is a set of parts of an item; a key read or changed with facets
// that share a bit means the page saw the change.
type facet uint32

const (
	fTitle facet = 1 << iota
	fMinutes
	fModality
	fLevel
	fChoice
	fInterests
	fFor
	fAliases
	fChecks     // the checks, in full
	fCheckCount // how many checks
	fBody       // body, its first line, the file it is in
	fMedia
	fCan
	fCodes
	fRequires
	fRule
	fComps // a unit's competencies
	fDiagnostic
	fUnits // a group's units
	fDates // a group's start and end
	fOther // anything else (positions of things pages do not show)

	fAll facet = ^facet(0)
)

// Facets of an activity that ranking and a step's minutes use.
const fPlan = fMinutes | fModality | fInterests | fLevel | fChoice

// readSet is what one page read: a map while the page renders, then a
// list (freeze), smaller to keep for thousands of pages. A nil set records
// nothing, so a cold build pays only a nil check.
type readSet struct {
	m    map[readKey]facet
	list []readEntry
}

type readEntry struct {
	key readKey
	f   facet
	h   uint64 // keyHash(key)
}

var keySeed = maphash.MakeSeed()

// keyHash hashes a key once, when a set is frozen, so that looking a
// page's reads up in the few keys a save changed compares numbers.
func keyHash(k readKey) uint64 {
	var h maphash.Hash
	h.SetSeed(keySeed)
	h.WriteByte(byte(k.kind))
	h.WriteString(k.id)
	return h.Sum64()
}

func newReadSet() *readSet { return &readSet{m: map[readKey]facet{}} }

func (r *readSet) add(k readKind, id string, f facet) {
	if r == nil || r.m == nil {
		return
	}
	r.m[readKey{k, id}] |= f
}

// freeze ends recording.
func (r *readSet) freeze() {
	if r == nil || r.m == nil {
		return
	}
	r.list = make([]readEntry, 0, len(r.m))
	for k, f := range r.m {
		r.list = append(r.list, readEntry{k, f, keyHash(k)})
	}
	r.m = nil
}

// changeSet is what changed since the last build, as pages look it up:
// the keys and facets changed (changes.go), their hashes, and the files
// on disk at the paths saved.
type changeSet struct {
	m map[readKey]facet
	// hashes of the keys in m: few (a save), or many in hash.
	few  []uint64
	hash map[uint64]bool
	disk []string
}

func newChangeSet(ch map[readKey]facet, disk []string) *changeSet {
	cs := &changeSet{m: ch, disk: disk}
	if len(ch) > 8 {
		cs.hash = make(map[uint64]bool, len(ch))
	}
	for k := range ch {
		if cs.hash != nil {
			cs.hash[keyHash(k)] = true
		} else {
			cs.few = append(cs.few, keyHash(k))
		}
	}
	return cs
}

// has says whether a key with hash h may be in the set.
func (cs *changeSet) has(h uint64) bool {
	if cs.hash != nil {
		return cs.hash[h]
	}
	for _, x := range cs.few {
		if x == h {
			return true
		}
	}
	return false
}

// touches says whether the (frozen) set read anything in cs.
func (r *readSet) touches(cs *changeSet) bool {
	if r == nil {
		return false
	}
	for i := range r.list {
		e := &r.list[i]
		if cs.has(e.h) && cs.m[e.key]&e.f != 0 || e.key.kind == rDisk && under(e.key.id, cs.disk) {
			return true
		}
	}
	return false
}

// under says whether p is one of paths or inside one of them.
func under(p string, paths []string) bool {
	for _, q := range paths {
		if p == q || strings.HasPrefix(p, q+"/") {
			return true
		}
	}
	return false
}

// read records a read on the page b renders (nothing in a cold build).
func (b *builder) read(k readKind, id string, f facet) { b.reads.add(k, id, f) }

// planned is a student page's plan as the session keeps it: what planning
// read, and a hash of the playlist it made.
type planned struct {
	student string
	reads   *readSet
	hash    uint64
}

var planSeed = maphash.MakeSeed()

func planHash(playlist template.JS) uint64 { return maphash.String(planSeed, string(playlist)) }

// planReads is what planning student s read of course c, given the plan
// it made: the student, their group, their units' competencies, and for
// every competency the plan walked, its prerequisites and what ranking
// uses of each of its activities. A student page keeps these apart from
// its other reads: when only they changed, the session plans again and
// re-renders the page only if the plan did change (an edit to an
// activity's minutes moves only the plans where it is ranked first or
// its rank changes).
func planReads(c *content.Course, s *content.Student, pl plan.Playlist) *readSet {
	r := newReadSet()
	r.add(rStudent, s.ID, fAll)
	units := s.Units
	if s.Group != nil {
		r.add(rGroup, s.Group.ID, fUnits|fDates)
		if g := c.Group[s.Group.ID]; g != nil && len(units) == 0 {
			units = g.Units
		}
	}
	for _, u := range units {
		r.add(rUnit, u.ID, fComps)
		if unit := c.Unit[u.ID]; unit != nil {
			for _, k := range unit.Competencies {
				r.add(rCompetency, k.ID, fRequires)
			}
		}
	}
	for _, m := range s.Mastered {
		r.add(rCompetency, m.ID, fRequires)
	}
	for _, st := range pl.Steps {
		r.add(rCompetency, st.Competency, fRequires)
		r.add(rBoard, st.Competency, fAll)
	}
	r.freeze()
	return r
}

// activityFacets says which parts of an activity differ between o and n.
// Every field of content.Activity is compared here
// (TestFacetsCoverEveryField), so an activity's own page, which reads
// fAll, sees any change.
func activityFacets(o, n *content.Activity) facet {
	var f facet
	if o.Title != n.Title {
		f |= fTitle
	}
	if o.Minutes != n.Minutes {
		f |= fMinutes
	}
	if o.Modality != n.Modality {
		f |= fModality
	}
	if o.Level != n.Level {
		f |= fLevel
	}
	if o.Choice != n.Choice {
		f |= fChoice
	}
	if !slices.Equal(o.Interests, n.Interests) {
		f |= fInterests
	}
	if !slices.Equal(o.For, n.For) {
		f |= fFor
	}
	if !slices.Equal(o.Aliases, n.Aliases) {
		f |= fAliases
	}
	if len(o.Checks) != len(n.Checks) {
		f |= fCheckCount | fChecks
	} else if !checksEqual(o.Checks, n.Checks) {
		f |= fChecks
	}
	if !slices.Equal(o.Body, n.Body) || o.BodyLine != n.BodyLine || o.Dir != n.Dir {
		f |= fBody
	}
	if o.Media != n.Media || o.MediaPos != n.MediaPos {
		f |= fMedia
	}
	if o.Source != n.Source || !paramsEqual(o.Params, n.Params) {
		f |= fOther
	}
	return f
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

func competencyFacets(o, n *content.Competency) facet {
	var f facet
	if o.Title != n.Title {
		f |= fTitle
	}
	if o.Can != n.Can {
		f |= fCan
	}
	if !slices.Equal(o.Codes, n.Codes) {
		f |= fCodes
	}
	if o.Case != n.Case {
		f |= fOther // no page shows it: the cartridge export reads it
	}
	if !slices.Equal(o.Requires, n.Requires) {
		f |= fRequires
	}
	if o.Rule != n.Rule {
		f |= fRule
	}
	if !slices.Equal(o.Body, n.Body) || o.BodyLine != n.BodyLine || o.Source != n.Source {
		f |= fBody
	}
	return f
}

func unitFacets(o, n *content.Unit) facet {
	var f facet
	if o.Title != n.Title {
		f |= fTitle
	}
	if !slices.Equal(o.Competencies, n.Competencies) {
		f |= fComps
	}
	if o.Diagnostic != n.Diagnostic {
		f |= fDiagnostic
	}
	if !slices.Equal(o.Body, n.Body) || o.BodyLine != n.BodyLine || o.Source != n.Source {
		f |= fBody
	}
	return f
}

func groupFacets(o, n *content.Group) facet {
	var f facet
	if o.Title != n.Title {
		f |= fTitle
	}
	if !slices.Equal(o.Units, n.Units) {
		f |= fUnits
	}
	if o.Start != n.Start || o.End != n.End {
		f |= fDates
	}
	if o.Source != n.Source || o.Keys != n.Keys {
		f |= fOther // Keys: where plan warnings point
	}
	return f
}

// studentFacets: a student's page and plan read all of the student, so
// any difference is fAll.
func studentFacets(o, n *content.Student) facet {
	same := o.Source == n.Source && o.Name == n.Name && o.Start == n.Start && o.End == n.End &&
		o.TimeFactor == n.TimeFactor && o.MinutesPerDay == n.MinutesPerDay && o.Language == n.Language && o.Notes == n.Notes &&
		(o.Group == nil) == (n.Group == nil) && (o.Group == nil || *o.Group == *n.Group) &&
		slices.Equal(o.Units, n.Units) && slices.Equal(o.Prefers, n.Prefers) && slices.Equal(o.Interests, n.Interests) &&
		slices.Equal(o.Mastered, n.Mastered) && slices.Equal(o.Goals, n.Goals) && o.Keys == n.Keys &&
		slices.Equal(o.Feedback, n.Feedback) && slices.Equal(o.Confirmed, n.Confirmed) && o.Rule == n.Rule && o.ReadAloud == n.ReadAloud
	if same {
		return 0
	}
	return fAll
}
