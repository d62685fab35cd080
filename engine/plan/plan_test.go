package plan

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
)

func date(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func refs(ids ...string) []content.Ref {
	out := make([]content.Ref, len(ids))
	for i, id := range ids {
		out[i] = content.Ref{ID: id}
	}
	return out
}

// site is a term of school weeks, Monday to Friday, with Thanksgiving off.
func site() *config.Config {
	cfg := config.Default()
	cfg.Term.Start = date("2026-11-16")
	cfg.Term.End = date("2026-12-04")
	cfg.Term.Breaks = []calendar.Break{{From: date("2026-11-23"), To: date("2026-11-27"), Name: "Thanksgiving"}}
	cfg.Term.MinutesPerDay = 30
	return cfg
}

// course is a fixture written compactly:
//
//	comps:  "a:p,q p q" — a requires p and q
//	units:  "u1:a,b u2:c"
//	acts:   activities as built by act
type course struct {
	cfg    *config.Config
	comps  string
	units  string
	acts   []*content.Activity
	groups []*content.Group
}

func (f course) build() *content.Course {
	c := &content.Course{
		Config:        f.cfg,
		Competency:    map[string]*content.Competency{},
		Activity:      map[string]*content.Activity{},
		Unit:          map[string]*content.Unit{},
		Group:         map[string]*content.Group{},
		Student:       map[string]*content.Student{},
		ActivitiesFor: map[string][]*content.Activity{},
	}
	for _, f := range strings.Fields(f.comps) {
		id, req, _ := strings.Cut(f, ":")
		comp := &content.Competency{ID: id}
		if req != "" {
			comp.Requires = refs(strings.Split(req, ",")...)
		}
		c.Competencies = append(c.Competencies, comp)
		c.Competency[id] = comp
	}
	for _, f := range strings.Fields(f.units) {
		id, comps, _ := strings.Cut(f, ":")
		u := &content.Unit{ID: id, Competencies: refs(strings.Split(comps, ",")...)}
		c.Units = append(c.Units, u)
		c.Unit[id] = u
	}
	for _, a := range f.acts {
		c.Activities = append(c.Activities, a)
		c.Activity[a.ID] = a
		for _, r := range a.For {
			c.ActivitiesFor[r.ID] = append(c.ActivitiesFor[r.ID], a)
		}
	}
	for _, g := range f.groups {
		c.Groups = append(c.Groups, g)
		c.Group[g.ID] = g
	}
	return c
}

// act is an activity for comp: "id modality minutes [level] [choice=key] [#interest...]".
func act(comp, spec string) *content.Activity {
	f := strings.Fields(spec)
	a := &content.Activity{ID: f[0], For: refs(comp), Modality: f[1], Level: "core"}
	fmt.Sscan(f[2], &a.Minutes)
	for _, x := range f[3:] {
		switch {
		case strings.HasPrefix(x, "choice="):
			a.Choice = strings.TrimPrefix(x, "choice=")
		case strings.HasPrefix(x, "#"):
			a.Interests = append(a.Interests, x[1:])
		default:
			a.Level = x
		}
	}
	return a
}

func TestResolve(t *testing.T) {
	group := &content.Group{ID: "p2", Units: refs("u1", "u2"), Start: date("2026-11-18"), End: date("2026-12-02")}
	f := course{cfg: site(), comps: "a b", units: "u1:a u2:b u3:a", groups: []*content.Group{group}}
	for _, tc := range []struct {
		name    string
		cfg     *config.Config
		student content.Student
		want    Settings
	}{
		{
			name:    "student overrides group and term",
			student: content.Student{Group: &content.Ref{ID: "p2"}, Units: refs("u3"), Start: date("2026-11-19"), End: date("2026-11-30"), MinutesPerDay: 20, TimeFactor: 1.5},
			want:    Settings{Units: []string{"u3"}, Start: date("2026-11-19"), End: date("2026-11-30"), MinutesPerDay: 20, TimeFactor: 1.5},
		},
		{
			name:    "group fills what the student leaves out",
			student: content.Student{Group: &content.Ref{ID: "p2"}},
			want:    Settings{Units: []string{"u1", "u2"}, Start: date("2026-11-18"), End: date("2026-12-02"), MinutesPerDay: 30, TimeFactor: 1},
		},
		{
			name:    "student start, group end",
			student: content.Student{Group: &content.Ref{ID: "p2"}, Start: date("2026-11-20")},
			want:    Settings{Units: []string{"u1", "u2"}, Start: date("2026-11-20"), End: date("2026-12-02"), MinutesPerDay: 30, TimeFactor: 1},
		},
		{
			name:    "no group: the term",
			student: content.Student{Units: refs("u2")},
			want:    Settings{Units: []string{"u2"}, Start: date("2026-11-16"), End: date("2026-12-04"), MinutesPerDay: 30, TimeFactor: 1},
		},
		{
			name:    "unknown group is skipped",
			student: content.Student{Group: &content.Ref{ID: "nope"}, Units: refs("u1")},
			want:    Settings{Units: []string{"u1"}, Start: date("2026-11-16"), End: date("2026-12-04"), MinutesPerDay: 30, TimeFactor: 1},
		},
		{
			name:    "unknown and repeated units dropped",
			student: content.Student{Units: refs("u2", "zzz", "u1", "u2")},
			want:    Settings{Units: []string{"u2", "u1"}, Start: date("2026-11-16"), End: date("2026-12-04"), MinutesPerDay: 30, TimeFactor: 1},
		},
		{
			name:    "no configuration: defaults",
			cfg:     &config.Config{},
			student: content.Student{},
			want:    Settings{Units: []string{}, MinutesPerDay: 45, TimeFactor: 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := f.build()
			if tc.cfg != nil {
				c.Config = tc.cfg
			}
			if got := Resolve(c, &tc.student); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Resolve = %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// short is a step without its activities, for comparing order.
type short struct {
	C, Unit        string
	Prereq, Placed bool
	Requires       []string
}

func shorten(steps []Step) []short {
	out := make([]short, len(steps))
	for i, s := range steps {
		out[i] = short{s.Competency, s.Unit, s.Prereq, s.Placed, s.Requires}
	}
	return out
}

func TestBuildSteps(t *testing.T) {
	for _, tc := range []struct {
		name    string
		comps   string
		units   string
		student content.Student
		want    []short
	}{
		{
			name:  "prerequisites before targets, unit order breaks ties",
			comps: "a:p b c:b,r p:q q r",
			units: "u1:a,b u2:c",
			want: []short{
				{"q", "u1", true, false, nil},
				{"p", "u1", true, false, []string{"q"}},
				{"a", "u1", false, false, []string{"p"}},
				{"b", "u1", false, false, nil},
				{"r", "u2", true, false, nil},
				{"c", "u2", false, false, []string{"b", "r"}},
			},
		},
		{
			name:    "student's unit order, not the course's",
			comps:   "a b",
			units:   "u1:a u2:b",
			student: content.Student{Units: refs("u2", "u1")},
			want:    []short{{"b", "u2", false, false, nil}, {"a", "u1", false, false, nil}},
		},
		{
			name:  "a prerequisite belongs to the nearest target's unit",
			comps: "x:y y:p p",
			units: "u1:x u2:y",
			want: []short{
				{"p", "u2", true, false, nil},
				{"y", "u2", false, false, []string{"p"}},
				{"x", "u1", false, false, []string{"y"}},
			},
		},
		{
			name:  "a target listed by two units belongs to the first",
			comps: "a b",
			units: "u1:a,b u2:b",
			want:  []short{{"a", "u1", false, false, nil}, {"b", "u1", false, false, nil}},
		},
		{
			name:    "placement",
			comps:   "a:p,b b p:q q",
			units:   "u1:a,b",
			student: content.Student{Mastered: refs("b", "p")},
			want: []short{
				{"b", "u1", false, true, nil},
				{"a", "u1", false, false, nil},
			},
		},
		{
			name:    "placed target keeps its place but pulls in nothing",
			comps:   "a:p p b",
			units:   "u1:a,b",
			student: content.Student{Mastered: refs("a")},
			want:    []short{{"a", "u1", false, true, nil}, {"b", "u1", false, false, nil}},
		},
		{
			name:    "mastered outside the plan changes nothing",
			comps:   "a z",
			units:   "u1:a",
			student: content.Student{Mastered: refs("z")},
			want:    []short{{"a", "u1", false, false, nil}},
		},
		{
			name:  "a cycle does not hang the planner",
			comps: "a:b b:c c:a",
			units: "u1:a",
			want: []short{
				{"c", "u1", true, false, []string{"a"}},
				{"b", "u1", true, false, []string{"c"}},
				{"a", "u1", false, false, []string{"b"}},
			},
		},
		{
			name:  "unknown competencies in a unit are skipped",
			comps: "a",
			units: "u1:zzz,a",
			want:  []short{{"a", "u1", false, false, nil}},
		},
		{
			name:    "no units: the loader reports it",
			comps:   "a",
			units:   "u1:a",
			student: content.Student{Units: refs("zzz")},
			want:    []short{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := course{cfg: site(), comps: tc.comps, units: tc.units}.build()
			s := tc.student
			s.ID = "ana-r"
			if s.Units == nil {
				for _, u := range c.Units {
					s.Units = append(s.Units, content.Ref{ID: u.ID})
				}
			}
			pl, warns := New(c).Build(&s)
			if got := shorten(pl.Steps); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("steps:\n got %+v\nwant %+v", got, tc.want)
			}
			if len(warns) != 0 {
				t.Errorf("warnings = %+v, want none", warns)
			}
		})
	}
}

func TestBuildRanksChoicesByPrefersThenInterests(t *testing.T) {
	acts := []*content.Activity{
		act("a", "01-read reading 10 choice=learn"),
		act("a", "02-video-plain video 10 choice=learn"),
		act("a", "03-video-soccer video 15 choice=learn #soccer"),
		act("a", "04-build hands-on 20 choice=learn #music #soccer"),
		act("a", "05-game game 5 choice=learn"),
		act("a", "06-sheet practice 10 choice=practice"),
		act("a", "07-sheet-music practice 12 choice=practice #Music"),
		act("a", "08-quiz practice 8"),
		act("a", "09-exit-ticket practice 3"),
		act("a", "10-reteach-read reading 10 support"),
		act("a", "11-reteach-video video 10 support"),
		act("a", "12-deeper project 40 extension #soccer"),
		act("a", "13-deeper-game game 20 extension"),
		act("a", "14-deeper-video video 30 extension"),
	}
	c := course{cfg: site(), comps: "a", units: "u:a", acts: acts}.build()
	s := &content.Student{ID: "ana-r", Units: refs("u"), Prefers: []string{"video", "hands-on"}, Interests: []string{"soccer", "music"}}
	pl, _ := New(c).Build(s)
	st := pl.Steps[0]
	want := []Choice{
		{Key: "learn", Options: []string{"03-video-soccer", "02-video-plain", "04-build", "05-game", "01-read"}},
		{Key: "practice", Options: []string{"07-sheet-music", "06-sheet"}},
		{Options: []string{"08-quiz"}},
		{Options: []string{"09-exit-ticket"}},
	}
	if !reflect.DeepEqual(st.Choices, want) {
		t.Errorf("choices:\n got %+v\nwant %+v", st.Choices, want)
	}
	if want := []string{"11-reteach-video", "10-reteach-read"}; !slices.Equal(st.Support, want) {
		t.Errorf("support = %v, want %v", st.Support, want)
	}
	if want := []string{"14-deeper-video", "12-deeper", "13-deeper-game"}; !slices.Equal(st.Extension, want) {
		t.Errorf("extension = %v, want %v", st.Extension, want)
	}
	if st.Minutes != 15+12+8+3 {
		t.Errorf("minutes = %d, want the first options' sum %d", st.Minutes, 15+12+8+3)
	}

	// With no preferences, fewer minutes then id decide.
	pl, _ = New(c).Build(&content.Student{ID: "bo", Units: refs("u")})
	if got, want := pl.Steps[0].Choices[0].Options, []string{"05-game", "01-read", "02-video-plain", "03-video-soccer", "04-build"}; !slices.Equal(got, want) {
		t.Errorf("no preferences: %v, want %v", got, want)
	}
}

func TestBuildGroupsInOrderOfFirstActivityID(t *testing.T) {
	c := course{cfg: site(), comps: "a", units: "u:a", acts: []*content.Activity{
		act("a", "c-practice practice 5 choice=practice"),
		act("a", "a-practice practice 5 choice=practice"),
		act("a", "b-watch video 5 choice=learn"),
		act("a", "d-solo reading 5"),
	}}.build()
	pl, _ := New(c).Build(&content.Student{ID: "x", Units: refs("u")})
	var keys []string
	for _, ch := range pl.Steps[0].Choices {
		keys = append(keys, ch.Key+"="+strings.Join(ch.Options, ","))
	}
	if want := []string{"practice=a-practice,c-practice", "learn=b-watch", "=d-solo"}; !slices.Equal(keys, want) {
		t.Errorf("groups = %v, want %v", keys, want)
	}
}

func TestBuildAppliesTimeFactor(t *testing.T) {
	for _, tc := range []struct {
		factor  float64
		minutes []int
		want    int
	}{
		{0, []int{25}, 25}, // unset means 1
		{1, []int{25}, 25},
		{1.5, []int{25}, 38},    // 37.5 rounds up
		{1.1, []int{30}, 33},    // not 34 from 33.000000000000004
		{1.5, []int{10, 5}, 23}, // the step's sum is scaled, then rounded
		{2, []int{}, 0},
	} {
		var acts []*content.Activity
		for i, m := range tc.minutes {
			acts = append(acts, act("a", fmt.Sprintf("act-%d video %d", i, m)))
		}
		c := course{cfg: site(), comps: "a", units: "u:a", acts: acts}.build()
		pl, _ := New(c).Build(&content.Student{ID: "x", Units: refs("u"), TimeFactor: tc.factor})
		if got := pl.Steps[0].Minutes; got != tc.want {
			t.Errorf("factor %v on %v: minutes = %d, want %d", tc.factor, tc.minutes, got, tc.want)
		}
	}
}

func TestBuildTargetDates(t *testing.T) {
	// Term from Mon 16 Nov to Fri 4 Dec 2026, Thanksgiving week off; the
	// student starts Thu 19 Nov: 7 school days, 30 minutes a day.
	for _, tc := range []struct {
		pace string
		want []string
	}{
		{"", []string{ // even, the default: the last step on the last school day
			"p 30 2026-11-20", // 30 of 120 minutes: 1.75 of 7 days, so day 2
			"a 45 2026-12-02", // 75 minutes: day 5, after the break
			"b 0 ",            // placed: no minutes, no date
			"c 45 2026-12-04",
		}},
		{config.PaceASAP, []string{ // 30 minutes a day from the start
			"p 30 2026-11-19",
			"a 45 2026-11-30", // 75 minutes: third school day, after the break
			"b 0 ",
			"c 45 2026-12-01", // 120 minutes: fourth school day
		}},
	} {
		t.Run("pace "+tc.pace, func(t *testing.T) {
			cfg := site()
			if tc.pace != "" {
				cfg.Term.Pace = tc.pace
			}
			c := course{cfg: cfg, comps: "a:p b c p", units: "u:a,b,c", acts: []*content.Activity{
				act("p", "p1 video 30"),
				act("a", "a1 video 45"),
				act("b", "b1 video 60"),
				act("c", "c1 video 45"),
			}}.build()
			s := &content.Student{ID: "ana-r", Units: refs("u"), Mastered: refs("b"), Start: date("2026-11-19")}
			pl, warns := New(c).Build(s)
			var got []string
			for _, st := range pl.Steps {
				got = append(got, fmt.Sprintf("%s %d %s", st.Competency, st.Minutes, st.Target))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("steps:\n got %q\nwant %q", got, tc.want)
			}
			if pl.SchoolDays != 7 || pl.NeededDays != 4 || pl.Shortfall != 0 || len(warns) != 0 {
				t.Errorf("days %d, needed %d, short %d, warnings %v", pl.SchoolDays, pl.NeededDays, pl.Shortfall, warns)
			}
			wantPace := cmp.Or(tc.pace, config.PaceEven)
			if pl.Start != "2026-11-19" || pl.End != "2026-12-04" || pl.MinutesPerDay != 30 || pl.TimeFactor != 1 || pl.V != Version || pl.Pace != wantPace {
				t.Errorf("header = %+v", pl)
			}
		})
	}
}

// A plan that needs more minutes a day than the student has is a warning
// that names the student, says the minutes a day it needs, and points at
// the line that decides it; its targets still end by the student's end.
func TestBuildWarnsWhenThePlanDoesNotFit(t *testing.T) {
	acts := []*content.Activity{act("a", "a1 video 300"), act("b", "b1 video 150")}
	pos := func(file string, line int) diag.Pos { return diag.Pos{File: file, Line: line, Col: 1} }
	stu, grp := "content/students/ana-r.yaml", "content/groups/p2.yaml"
	for _, tc := range []struct {
		name    string
		pace    string
		student content.Student
		group   *content.Group
		message string
		at      diag.Pos
		hint    string
		targets []string
	}{
		{
			name:    "a late start decides",
			student: content.Student{Start: date("2026-11-30"), Keys: content.PlanKeys{Units: pos(stu, 2), Start: pos(stu, 3)}},
			message: `plan for "ana-r" needs 90 minutes a day but the student has 30: 450 minutes of work over 5 school days from 2026-11-30 to 2026-12-04`,
			at:      pos(stu, 3),
			hint:    "move this start earlier, raise minutesPerDay, or drop a unit",
			targets: []string{"2026-12-03", "2026-12-04"},
		},
		{
			name:    "the same in asap: due on the last school day, not after",
			pace:    config.PaceASAP,
			student: content.Student{Start: date("2026-11-30"), Keys: content.PlanKeys{Units: pos(stu, 2), Start: pos(stu, 3)}},
			message: `plan for "ana-r" needs 90 minutes a day but the student has 30: 450 minutes of work over 5 school days from 2026-11-30 to 2026-12-04`,
			at:      pos(stu, 3),
			hint:    "move this start earlier, raise minutesPerDay, or drop a unit",
			targets: []string{"2026-12-04", "2026-12-04"},
		},
		{
			name:    "a group's early end decides",
			student: content.Student{Group: &content.Ref{ID: "p2"}},
			group:   &content.Group{ID: "p2", Units: refs("u"), End: date("2026-11-20"), Keys: content.PlanKeys{Units: pos(grp, 1), End: pos(grp, 3)}},
			message: `plan for "ana-r" needs 90 minutes a day but the student has 30: 450 minutes of work over 5 school days from 2026-11-16 to 2026-11-20`,
			at:      pos(grp, 3),
			hint:    "move this end later, raise minutesPerDay, or drop a unit",
			targets: []string{"2026-11-19", "2026-11-20"},
		},
		{
			name:    "the student's own late start decides before the group's early end",
			student: content.Student{Group: &content.Ref{ID: "p2"}, Start: date("2026-11-30"), Keys: content.PlanKeys{Start: pos(stu, 3)}},
			group:   &content.Group{ID: "p2", Units: refs("u"), End: date("2026-12-03"), Keys: content.PlanKeys{Units: pos(grp, 1), End: pos(grp, 3)}},
			message: `plan for "ana-r" needs 113 minutes a day but the student has 30: 450 minutes of work over 4 school days from 2026-11-30 to 2026-12-03`,
			at:      pos(stu, 3),
			hint:    "move this start earlier, raise minutesPerDay, or drop a unit",
			targets: []string{"2026-12-02", "2026-12-03"},
		},
		{
			name:    "the whole term is too short: the units decide",
			student: content.Student{MinutesPerDay: 20, TimeFactor: 1.2, Keys: content.PlanKeys{Units: pos(stu, 2)}},
			message: `plan for "ana-r" needs 54 minutes a day but the student has 24 (minutesPerDay 20 x accommodations.time 1.2): 540 minutes of work over 10 school days from 2026-11-16 to 2026-12-04`,
			at:      pos(stu, 2),
			hint:    "drop a unit, place the student out of competencies they know (mastered:), or raise minutesPerDay",
			targets: []string{"2026-12-01", "2026-12-04"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := site()
			cfg.Term.Pace = cmp.Or(tc.pace, cfg.Term.Pace)
			f := course{cfg: cfg, comps: "a b", units: "u:a,b", acts: acts}
			if tc.group != nil {
				f.groups = []*content.Group{tc.group}
			}
			s := tc.student
			s.ID = "ana-r"
			if s.Group == nil {
				s.Units = refs("u")
			}
			pl, warns := New(f.build()).Build(&s)
			if len(warns) != 1 || warns[0].Message != tc.message || warns[0].Hint != tc.hint || warns[0].Pos != tc.at || warns[0].Kind != KindTooMuch {
				t.Fatalf("warnings = %+v\nwant %q at %v (%s)", warns, tc.message, tc.at, tc.hint)
			}
			if pl.Shortfall != pl.NeededDays-pl.SchoolDays {
				t.Errorf("shortfall %d != %d - %d", pl.Shortfall, pl.NeededDays, pl.SchoolDays)
			}
			got := []string{pl.Steps[0].Target, pl.Steps[1].Target}
			if !slices.Equal(got, tc.targets) {
				t.Errorf("targets = %v, want %v", got, tc.targets)
			}
		})
	}
}

func TestBuildWithNoSchoolDayBetweenStartAndEnd(t *testing.T) {
	c := course{cfg: site(), comps: "a", units: "u:a", acts: []*content.Activity{act("a", "a1 video 30")}}.build()
	end := diag.Pos{File: "content/students/x.yaml", Line: 4, Col: 1}
	s := &content.Student{ID: "x", Units: refs("u"), Start: date("2026-11-23"), End: date("2026-11-27"), Keys: content.PlanKeys{End: end}}
	pl, warns := New(c).Build(s)
	want := `plan for "x" has no school day between 2026-11-23 and 2026-11-27, so its steps have no target dates`
	if len(warns) != 1 || warns[0].Message != want || warns[0].Pos != end || warns[0].Kind != KindNoDays {
		t.Fatalf("warnings = %+v", warns)
	}
	if pl.Steps[0].Target != "" {
		t.Errorf("target %q, want none", pl.Steps[0].Target)
	}
}

func TestBuildWithoutDates(t *testing.T) {
	for _, tc := range []struct {
		name     string
		term     func(*config.Term)
		warnings []string
		end      string
	}{
		{
			name:     "no start anywhere",
			term:     func(t *config.Term) { t.Start = calendar.Date{} },
			warnings: []string{`plan for "x" has no start date, so its steps have no target dates`},
			end:      "2026-12-04",
		},
		{
			name: "no end: open-ended, never short",
			term: func(t *config.Term) { t.End = calendar.Date{} },
		},
		{
			name: "no school weekday: config reports it, not each student",
			term: func(t *config.Term) { t.Days = nil },
			end:  "2026-12-04",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := site()
			tc.term(&cfg.Term)
			c := course{cfg: cfg, comps: "a", units: "u:a", acts: []*content.Activity{act("a", "a1 video 900")}}.build()
			pl, warns := New(c).Build(&content.Student{ID: "x", Units: refs("u")})
			var msgs []string
			for _, w := range warns {
				msgs = append(msgs, w.Message)
			}
			if !slices.Equal(msgs, tc.warnings) {
				t.Errorf("warnings = %q, want %q", msgs, tc.warnings)
			}
			if pl.End != tc.end {
				t.Errorf("end %q, want %q", pl.End, tc.end)
			}
			if tc.name == "no end: open-ended, never short" {
				if pl.Steps[0].Target != "2027-01-01" {
					t.Errorf("target = %q, want the 30th school day", pl.Steps[0].Target)
				}
			} else if pl.Steps[0].Target != "" {
				t.Errorf("target = %q, want none", pl.Steps[0].Target)
			}
		})
	}
}

func TestPlaylistJSONHasNoNulls(t *testing.T) {
	c := course{cfg: site(), comps: "a b", units: "u:a", acts: []*content.Activity{act("b", "b1 video 5")}}.build()
	for _, s := range []*content.Student{
		{ID: "x", Units: refs("u")},
		{ID: "y"},
	} {
		pl, _ := Build(c, s)
		js, err := json.Marshal(pl)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(js), "null") {
			t.Errorf("JSON has a null: %s", js)
		}
	}
}

func TestBuildIsDeterministicAndSafeInParallel(t *testing.T) {
	c, students := bigCourse(200, 2000, 50)
	p := New(c)
	want := make([][]byte, len(students))
	for i, s := range students {
		pl, _ := p.Build(s)
		want[i], _ = json.Marshal(pl)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(students); i += 4 {
				pl, _ := New(c).Build(students[i])
				if got, _ := json.Marshal(pl); string(got) != string(want[i]) {
					t.Errorf("student %s: plan differs between builds", students[i].ID)
				}
				pl, _ = p.Build(students[i])
				if got, _ := json.Marshal(pl); string(got) != string(want[i]) {
					t.Errorf("student %s: plan differs in parallel", students[i].ID)
				}
			}
		})
	}
	wg.Wait()
}

// bigCourse makes comps competencies in 20-competency units, each requiring
// up to two earlier ones in its unit and a unit's first requiring the
// previous unit's last in runs of four units, with acts activities spread
// over them, and students of two units each.
func bigCourse(comps, acts, students int) (*content.Course, []*content.Student) {
	cfg := config.Default()
	cfg.Term.Start, cfg.Term.End = date("2026-09-08"), date("2027-06-18")
	cfg.Term.Breaks = []calendar.Break{{From: date("2026-12-19"), To: date("2027-01-03")}}
	var b strings.Builder
	for i := range comps {
		fmt.Fprintf(&b, "c%05d", i)
		var req []string
		for _, d := range []int{1, 3} {
			if i%20 >= d && (i+d)%3 != 0 {
				req = append(req, fmt.Sprintf("c%05d", i-d))
			}
		}
		if i%20 == 0 && i/20%4 != 0 {
			req = append(req, fmt.Sprintf("c%05d", i-1))
		}
		if len(req) > 0 {
			b.WriteString(":" + strings.Join(req, ","))
		}
		b.WriteString(" ")
	}
	var u strings.Builder
	for i := 0; i < comps; i += 20 {
		var cs []string
		for j := i; j < min(i+20, comps); j++ {
			cs = append(cs, fmt.Sprintf("c%05d", j))
		}
		fmt.Fprintf(&u, "u%03d:%s ", i/20, strings.Join(cs, ","))
	}
	levels := []string{"core", "core", "core", "support", "extension"}
	choices := []string{"choice=learn", "choice=practice", ""}
	interests := []string{"#soccer", "#music", "#art", ""}
	var as []*content.Activity
	for i := range acts {
		comp := fmt.Sprintf("c%05d", i%comps)
		spec := fmt.Sprintf("a%06d %s %d %s %s %s", i, content.Modalities[i%len(content.Modalities)], 5+i%37,
			levels[i%len(levels)], choices[i/7%len(choices)], interests[i/3%len(interests)])
		as = append(as, act(comp, spec))
	}
	c := course{cfg: cfg, comps: b.String(), units: u.String(), acts: as}.build()
	ss := make([]*content.Student, students)
	nu := len(c.Units)
	for i := range ss {
		ss[i] = &content.Student{
			ID:        fmt.Sprintf("s%05d", i),
			Units:     refs(fmt.Sprintf("u%03d", i%nu), fmt.Sprintf("u%03d", (i*7+3)%nu)),
			Prefers:   []string{content.Modalities[i%9], content.Modalities[(i+4)%9]},
			Interests: []string{"soccer", "art"}[:i%3%2+1],
			Mastered:  refs(fmt.Sprintf("c%05d", (i*13)%comps), fmt.Sprintf("c%05d", (i*17)%comps)),
		}
		if i%5 == 0 {
			ss[i].TimeFactor = 1.5
		}
	}
	return c, ss
}

func BenchmarkNew(b *testing.B) {
	c, _ := bigCourse(2000, 20000, 0)
	for b.Loop() {
		New(c)
	}
}

// BenchmarkBuild is one student's plan in a course of 20,000 activities.
func BenchmarkBuild(b *testing.B) {
	c, students := bigCourse(2000, 20000, 1000)
	p := New(c)
	steps := 0
	for _, s := range students {
		pl, _ := p.Build(s)
		steps += len(pl.Steps)
	}
	i := 0
	for b.Loop() {
		p.Build(students[i%len(students)])
		i++
	}
	b.ReportMetric(float64(steps)/float64(len(students)), "steps/plan")
}
