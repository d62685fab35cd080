package plan

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/graph"
)

// Warning is a problem with one student's plan that does not stop a build.
type Warning struct {
	// Kind groups warnings of one sort, so a course of many students can
	// print a few of each and a count.
	Kind    string
	Message string
	Hint    string
	// Pos is the line that decides the problem; zero means the student's
	// file, which the caller knows.
	Pos diag.Pos
}

// Kinds of plan warnings.
const (
	KindNoStart = "plans without a start date"
	KindTooMuch = "plans that need more minutes a day than the student has"
	KindNoDays  = "plans with no school day between start and end"
)

// Settings are a student's effective plan settings: the student's own
// value, else the group's, else the site's term.
type Settings struct {
	// Units are the ids of the student's units that exist, in the order
	// listed, without duplicates.
	Units         []string
	Start, End    calendar.Date
	MinutesPerDay int
	// TimeFactor multiplies estimated minutes (accommodations.time); 1 when
	// the student sets none.
	TimeFactor float64
	// Keys are the lines units, start and end came from (the student's
	// file or the group's); zero when they came from the site's term.
	Keys content.PlanKeys
}

// Capacity is the minutes of work a day the student has: minutes per day
// times the time factor, rounded up.
func (s Settings) Capacity() int { return scale(s.MinutesPerDay, s.TimeFactor) }

// Resolve returns s's effective settings in course c. Units, start and end
// come from the student, else the student's group, else (start and end) the
// site's term; minutes per day from the student, else the term. A missing
// group or unit is skipped: the loader reports it.
func Resolve(c *content.Course, s *content.Student) Settings {
	term := termOf(c)
	var g *content.Group
	if s.Group != nil {
		g = c.Group[s.Group.ID]
	}
	units := s.Units
	set := Settings{Start: s.Start, End: s.End, MinutesPerDay: s.MinutesPerDay, TimeFactor: s.TimeFactor}
	if len(units) > 0 {
		set.Keys.Units = s.Keys.Units
	}
	if !s.Start.IsZero() {
		set.Keys.Start = s.Keys.Start
	}
	if !s.End.IsZero() {
		set.Keys.End = s.Keys.End
	}
	if g != nil {
		if len(units) == 0 {
			units, set.Keys.Units = g.Units, g.Keys.Units
		}
		if set.Start.IsZero() && !g.Start.IsZero() {
			set.Start, set.Keys.Start = g.Start, g.Keys.Start
		}
		if set.End.IsZero() && !g.End.IsZero() {
			set.End, set.Keys.End = g.End, g.Keys.End
		}
	}
	set.Start = or(set.Start, term.Start)
	set.End = or(set.End, term.End)
	if set.MinutesPerDay <= 0 {
		set.MinutesPerDay = term.MinutesPerDay
	}
	if set.TimeFactor <= 0 {
		set.TimeFactor = 1
	}
	set.Units = make([]string, 0, len(units))
	for _, u := range units {
		if c.Unit[u.ID] != nil && !slices.Contains(set.Units, u.ID) {
			set.Units = append(set.Units, u.ID)
		}
	}
	return set
}

func or(d, def calendar.Date) calendar.Date {
	if d.IsZero() {
		return def
	}
	return d
}

// termOf returns the site's term, defaults filled in for a course built
// without a configuration (tests) or with an unset minutes per day.
func termOf(c *content.Course) config.Term {
	def := config.Default().Term
	if c.Config == nil {
		return def
	}
	t := c.Config.Term
	if t.MinutesPerDay <= 0 {
		t.MinutesPerDay = def.MinutesPerDay
	}
	if t.Pace == "" {
		t.Pace = def.Pace
	}
	return t
}

// Build computes one playlist with a fresh Planner. It does the shared work
// of New on every call: to plan a roster, call New once and Planner.Build
// per student.
func Build(c *content.Course, s *content.Student) (Playlist, []Warning) {
	return New(c).Build(s)
}

// Planner builds playlists for the students of one course. New does the
// work every student shares (the prerequisite graph, the calendar, each
// competency's activities grouped by level and choice) once, so Build
// touches only the student's own competencies. A Planner is read-only
// after New: Build may run for many students in parallel.
type Planner struct {
	course *content.Course
	term   config.Term
	graph  *graph.Graph
	cal    *calendar.Calendar
	boards map[string]*board
}

// board is one competency's activities, grouped but not yet ranked.
type board struct {
	requires  []string
	groups    []group // core, one per choice key, in order of first activity id
	support   []option
	extension []option
	options   int // in all of the above
}

type group struct {
	key     string
	options []option
}

// option is an activity as ranking sees it.
type option struct {
	id        string
	minutes   int
	modality  int      // index in content.Modalities, len(content.Modalities) if unknown
	interests []string // lower case
}

// New prepares a planner for c.
func New(c *content.Course) *Planner {
	p := &Planner{course: c, boards: make(map[string]*board, len(c.Competency))}
	ids := make([]string, 0, len(c.Competency))
	requires := make(map[string][]string, len(c.Competency))
	for id, comp := range c.Competency {
		ids = append(ids, id)
		for _, r := range comp.Requires {
			requires[id] = append(requires[id], r.ID)
		}
	}
	p.graph = graph.New(ids, requires)
	p.term = termOf(c)
	p.cal = calendar.New(p.term.Days, p.term.Breaks)
	modality := make(map[string]int, len(content.Modalities))
	for i, m := range content.Modalities {
		modality[m] = i
	}
	for _, id := range p.graph.IDs() {
		p.boards[id] = newBoard(p.graph.Requires(id), c.ActivitiesFor[id], modality)
	}
	return p
}

// newBoard groups a competency's activities. Core activities sharing a
// choice key form one group; a core activity without a key is a group of
// its own. Groups come in the order of their first activity by id, so a
// teacher orders them by naming files (01-watch, 02-practice, ...).
func newBoard(requires []string, acts []*content.Activity, modality map[string]int) *board {
	b := &board{requires: requires, options: len(acts)}
	acts = slices.SortedFunc(slices.Values(acts), func(x, y *content.Activity) int { return strings.Compare(x.ID, y.ID) })
	keyed := map[string]int{}
	for _, a := range acts {
		o := option{id: a.ID, minutes: a.Minutes, modality: len(content.Modalities)}
		if i, ok := modality[a.Modality]; ok {
			o.modality = i
		}
		for _, x := range a.Interests {
			o.interests = append(o.interests, strings.ToLower(x))
		}
		switch a.Level {
		case "support":
			b.support = append(b.support, o)
		case "extension":
			b.extension = append(b.extension, o)
		default: // "core", and "" left unset
			if i, ok := keyed[a.Choice]; ok && a.Choice != "" {
				b.groups[i].options = append(b.groups[i].options, o)
				continue
			}
			keyed[a.Choice] = len(b.groups)
			b.groups = append(b.groups, group{key: a.Choice, options: []option{o}})
		}
	}
	return b
}

// Build computes s's playlist, following SPEC section 4:
//
//   - Targets are the competencies of the student's units, in unit order,
//     each once; a target belongs to the first unit that lists it.
//   - Prerequisites not placed out are added transitively before what
//     needs them (graph.Walk); a prerequisite belongs to the unit of the
//     nearest target that needs it.
//   - Competencies in mastered are placed: listed when they are targets, as
//     done, with no minutes or target date; a placed prerequisite that is
//     not a target is left out, and so are prerequisites reached only
//     through placed competencies.
//   - Options in each choice group, and the support and extension lists,
//     are ranked for the student: modality by prefers, then interests
//     shared, then fewer minutes, then id.
//   - A step's minutes are the sum over its choice groups of the first
//     option's minutes, times the time factor, rounded up.
//   - Target dates lay the steps' minutes over school days (see date).
//
// Warnings name the student: a plan without a start date, one with no
// school day between start and end, or one that needs more minutes a day
// than the student has.
func (p *Planner) Build(s *content.Student) (Playlist, []Warning) {
	c := p.course
	set := Resolve(c, s)
	pl := Playlist{
		V:             Version,
		Units:         set.Units,
		Start:         set.Start.String(),
		End:           set.End.String(),
		MinutesPerDay: set.MinutesPerDay,
		TimeFactor:    set.TimeFactor,
		Prefers:       s.Prefers,
		Interests:     s.Interests,
		Goals:         s.Goals,
		Steps:         []Step{},
	}
	if len(set.Units) == 0 {
		return pl, nil // the loader reports a student without units
	}
	var warns []Warning

	var targets []string
	unitOf := map[string]string{}
	for _, u := range set.Units {
		for _, r := range c.Unit[u].Competencies {
			if _, dup := unitOf[r.ID]; !dup && p.graph.Has(r.ID) {
				unitOf[r.ID] = u
				targets = append(targets, r.ID)
			}
		}
	}
	placed := make(map[string]bool, len(s.Mastered))
	for _, r := range s.Mastered {
		placed[r.ID] = true
	}
	walk := p.graph.Walk(targets, func(id string) bool { return placed[id] })

	// A prerequisite's unit is its nearest target's: the walk lists each
	// competency before the one that brought it in, so go backwards.
	unit := make(map[string]string, len(walk))
	for i := len(walk) - 1; i >= 0; i-- {
		e := walk[i]
		if u, ok := unitOf[e.ID]; ok {
			unit[e.ID] = u
		} else {
			unit[e.ID] = unit[e.By]
		}
	}

	// One backing array each for the plan's option ids, choices and
	// requires: a few allocations per student, not a few per step.
	var nOptions, nChoices, nRequires int
	for _, e := range walk {
		b := p.boards[e.ID]
		nOptions += b.options
		nChoices += len(b.groups)
		nRequires += len(b.requires)
	}
	optionIDs := make([]string, 0, nOptions)
	choices := make([]Choice, 0, nChoices)
	requires := make([]string, 0, nRequires)
	cut := func(ids []string, from int) []string { return ids[from:len(ids):len(ids)] }

	confirmed := make(map[string]*Confirmed, len(s.Confirmed))
	for _, k := range s.Confirmed {
		confirmed[k.Competency.ID] = &Confirmed{Date: k.Date.String(), Level: k.Level}
	}
	ownRule := s.Rule != config.Rule{}
	pl.ReadAloud = s.ReadAloud

	r := newRanker(s)
	pl.Steps = make([]Step, len(walk))
	var minutes []int
	for i, e := range walk {
		_, target := unitOf[e.ID]
		st := Step{Competency: e.ID, Unit: unit[e.ID], Prereq: !target, Placed: placed[e.ID], Confirmed: confirmed[e.ID]}
		if k := c.Competency[e.ID]; ownRule && k != nil {
			rule := s.Rule.Apply(k.Rule)
			st.Rule = &rule
		}
		b := p.boards[e.ID]
		sum, from := 0, len(choices)
		for _, g := range b.groups {
			at := len(optionIDs)
			var best int
			optionIDs, best = r.rank(optionIDs, g.options)
			choices = append(choices, Choice{Key: g.key, Options: cut(optionIDs, at)})
			sum += best
		}
		st.Choices = choices[from:len(choices):len(choices)]
		at := len(optionIDs)
		optionIDs, _ = r.rank(optionIDs, b.support)
		st.Support = cut(optionIDs, at)
		at = len(optionIDs)
		optionIDs, _ = r.rank(optionIDs, b.extension)
		st.Extension = cut(optionIDs, at)
		if !st.Placed {
			at = len(requires)
			for _, req := range b.requires {
				if _, in := unit[req]; in && !placed[req] {
					requires = append(requires, req)
				}
			}
			if len(requires) > at {
				st.Requires = cut(requires, at)
			}
			st.Minutes = scale(sum, set.TimeFactor)
			minutes = append(minutes, st.Minutes)
		}
		pl.Steps[i] = st
	}

	warns = p.date(&pl, s, set, minutes)
	return pl, warns
}

// date lays the plan's minutes over the student's school days and sets
// the steps' targets (SPEC 4.5): evenly up to the end (term.pace: even, or
// any plan with an end), or at the student's capacity from the start
// (term.pace: asap, or an open-ended plan). No target falls after the end.
func (p *Planner) date(pl *Playlist, s *content.Student, set Settings, minutes []int) []Warning {
	capacity := set.Capacity()
	lay := p.cal.Spread
	if p.term.Pace == config.PaceASAP || set.End.IsZero() {
		lay = p.cal.Pace
	}
	pace, err := lay(set.Start, set.End, capacity, minutes)
	pl.Pace = p.term.Pace
	pl.SchoolDays, pl.NeededDays, pl.Shortfall = pace.Available, pace.Needed, pace.Shortfall
	switch {
	case err == nil:
	case errors.Is(err, calendar.ErrNoStart):
		return []Warning{{
			Kind:    KindNoStart,
			Message: fmt.Sprintf("plan for %q has no start date, so its steps have no target dates", s.ID),
			Hint:    "set term.start in site.yaml, or start: in the student's or group's file",
		}}
	default:
		// No school weekday or no minutes per day: config reports these
		// once for the site, not once per student.
		return nil
	}
	total := 0
	for _, m := range minutes {
		total += m
	}
	if !set.End.IsZero() && pace.Available == 0 && len(minutes) > 0 {
		w := Warning{
			Kind:    KindNoDays,
			Message: fmt.Sprintf("plan for %q has no school day between %s and %s, so its steps have no target dates", s.ID, set.Start, set.End),
			Hint:    "move end: later or start: earlier",
			Pos:     set.Keys.End,
		}
		if set.End.Before(set.Start) {
			w.Hint = fmt.Sprintf("its end (%s) is before its start (%s)", set.End, set.Start)
		}
		return []Warning{w}
	}
	k := 0
	var last calendar.Date
	var lastStr string
	var buf [10]byte
	for i := range pl.Steps {
		if pl.Steps[i].Placed {
			continue
		}
		if d := pace.Targets[k]; d != last {
			b, _ := d.AppendText(buf[:0])
			last, lastStr = d, string(b)
		}
		pl.Steps[i].Target = lastStr
		k++
	}
	if pl.Shortfall == 0 {
		return nil
	}
	need := (total + pace.Available - 1) / pace.Available
	what := fmt.Sprintf("%d", capacity)
	if set.TimeFactor != 1 {
		what = fmt.Sprintf("%d (minutesPerDay %d x accommodations.time %g)", capacity, set.MinutesPerDay, set.TimeFactor)
	}
	w := Warning{
		Kind: KindTooMuch,
		Message: fmt.Sprintf("plan for %q needs %d minutes a day but the student has %s: %d minutes of work over %s from %s to %s",
			s.ID, need, what, total, days(pace.Available), set.Start, set.End),
	}
	w.Pos, w.Hint = p.decider(s, set)
	return []Warning{w}
}

// decider returns the line that makes a plan too big for its student, and
// a hint to fix it: an end earlier than the term's or a start later than
// the term's, the student's own before the group's, else the units (the
// work itself).
func (p *Planner) decider(s *content.Student, set Settings) (diag.Pos, string) {
	t := p.term
	early := !set.End.IsZero() && (t.End.IsZero() || set.End.Before(t.End))
	late := !set.Start.IsZero() && (t.Start.IsZero() || t.Start.Before(set.Start))
	const end, start = "move this end later, raise minutesPerDay, or drop a unit", "move this start earlier, raise minutesPerDay, or drop a unit"
	switch {
	case early && s.Keys.End.File != "" && set.Keys.End == s.Keys.End:
		return set.Keys.End, end
	case late && s.Keys.Start.File != "" && set.Keys.Start == s.Keys.Start:
		return set.Keys.Start, start
	case early && set.Keys.End.File != "":
		return set.Keys.End, end
	case late && set.Keys.Start.File != "":
		return set.Keys.Start, start
	}
	return set.Keys.Units, "drop a unit, place the student out of competencies they know (mastered:), or raise minutesPerDay"
}

func days(n int) string {
	if n == 1 {
		return "1 school day"
	}
	return fmt.Sprintf("%d school days", n)
}

// scale multiplies minutes by a time factor and rounds up, forgiving the
// float error that would turn 30 x 1.1 into 34.
func scale(minutes int, factor float64) int {
	if factor == 1 {
		return minutes
	}
	return int(math.Ceil(float64(minutes)*factor - 1e-9))
}

// ranker orders activities for one student.
type ranker struct {
	pref      []int    // per modality index: its place in prefers, len(prefers) if absent
	interests []string // lower case
	buf       []scored
}

type scored struct {
	o      *option
	pref   int
	shared int // interests in common
}

func newRanker(s *content.Student) *ranker {
	r := &ranker{pref: make([]int, len(content.Modalities)+1)}
	for i := range r.pref {
		r.pref[i] = len(s.Prefers)
	}
	for i := len(s.Prefers) - 1; i >= 0; i-- {
		if m := slices.Index(content.Modalities, s.Prefers[i]); m >= 0 {
			r.pref[m] = i
		}
	}
	for _, x := range s.Interests {
		r.interests = append(r.interests, strings.ToLower(x))
	}
	return r
}

// rank appends the ids of opts to out ordered for the student, and returns
// out and the minutes of the first. The order: preferred modality first (in
// the order of prefers, unlisted modalities after all listed ones), then
// more interests shared with the student (ignoring case), then fewer
// minutes, then id.
func (r *ranker) rank(out []string, opts []option) ([]string, int) {
	switch len(opts) {
	case 0:
		return out, 0
	case 1:
		return append(out, opts[0].id), opts[0].minutes
	}
	r.buf = r.buf[:0]
	for i := range opts {
		o := &opts[i]
		sc := scored{o: o, pref: r.pref[o.modality]}
		for _, x := range o.interests {
			if slices.Contains(r.interests, x) {
				sc.shared++
			}
		}
		r.buf = append(r.buf, sc)
	}
	slices.SortFunc(r.buf, func(x, y scored) int {
		if x.pref != y.pref {
			return cmp.Compare(x.pref, y.pref)
		}
		if x.shared != y.shared {
			return cmp.Compare(y.shared, x.shared)
		}
		if x.o.minutes != y.o.minutes {
			return cmp.Compare(x.o.minutes, y.o.minutes)
		}
		return strings.Compare(x.o.id, y.o.id)
	})
	for _, sc := range r.buf {
		out = append(out, sc.o.id)
	}
	return out, r.buf[0].o.minutes
}
