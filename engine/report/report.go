// Package report owns the teacher report (SPEC 7): it reads students'
// hand-in receipts (files, folders, codes), keeps the newest per student,
// matches each to the roster by its token, and writes one self-contained
// HTML page that tells the teacher who is behind pace, who needs support
// on what, how self-ratings compare with check results, and what students
// wrote. Receipts it cannot use (malformed, cut off, newer, over 1 MB,
// made with another link secret, of a student not on the roster) are
// listed with their file and reason, and the rest still make the report.
// A receipt is a record, not a proof, so what a forged one can do is
// bounded: one dated after the report is suspect and never replaces
// another, and steps of competencies the course does not have are dropped
// and counted.
//
// The report holds names and notes: it is the teacher's private page, never
// part of a build's output. report reads receipts and the roster; it never
// writes anywhere but the file it is given.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/receipt"
	"github.com/pacer-edu/pacer/engine/site"
)

// Student is one student of the roster.
type Student struct {
	Token, ID, Name string
	// Group is what a person reads: the group's title, else its id.
	Group string
	// File is the student's file, relative to the site root.
	File string
	// Mastered are the competencies the teacher placed the student out
	// of; Confirmed those whose mastery the teacher confirmed.
	Mastered, Confirmed []string
	// Feedback is the teacher's feedback in the student's file, in the
	// file's order.
	Feedback []Feedback
	// Kept are the student file's feedback and confirmed entries, as YAML
	// lines ("  unit-rate: {...}"), so a snippet pasted in place of those
	// keys loses none of them.
	KeptFeedback, KeptConfirmed map[string]string
}

// Feedback is the teacher's word to a student on a competency.
type Feedback struct {
	Competency, Date, Text string
}

// Competency is what the report needs of a competency.
type Competency struct {
	ID, Title string
	Rule      config.Rule
	// Support are the competency's support activities (level: support),
	// by id.
	Support []Activity
}

// Roster is the site as the report sees it.
type Roster struct {
	Title    string
	Language string
	SiteKey  string
	// Scale is the self-assessment scale, level 1 first.
	Scale []string
	// Rule is the site's mastery rule, for competencies no longer in the
	// course.
	Rule         config.Rule
	Students     []Student
	Competencies map[string]Competency
	// Words are the theme's UI strings; nil means the built-in theme's.
	Words Words
}

// RosterOf takes the roster from an inspected site.
func RosterOf(res *site.Result) *Roster {
	c := res.Course
	ro := &Roster{SiteKey: res.SiteKey, Competencies: map[string]Competency{}, Words: res.Words}
	if c.Config != nil {
		ro.Title, ro.Language = c.Config.Title, c.Config.Language
		ro.Rule = c.Config.Mastery.Rule
		if res.Words != nil {
			_, words := res.Words(ro.Language)
			ro.Scale = c.Config.Mastery.ScaleIn(ro.Language, ro.Language, words)
		}
	}
	for _, k := range c.Competencies {
		ro.Competencies[k.ID] = Competency{ID: k.ID, Title: k.Title, Rule: k.Rule}
	}
	for _, a := range c.Activities {
		if a.Level != "support" {
			continue
		}
		for _, f := range a.For {
			if k, ok := ro.Competencies[f.ID]; ok {
				k.Support = append(k.Support, Activity{a.ID, a.Title})
				ro.Competencies[f.ID] = k
			}
		}
	}
	for _, s := range res.Students {
		g := s.Group
		if grp := c.Group[g]; grp != nil && grp.Title != "" {
			g = grp.Title
		}
		st := Student{Token: s.Token, ID: s.ID, Name: s.Name, Group: g}
		if cs := c.Student[s.ID]; cs != nil {
			st.File = cs.File
			for _, m := range cs.Mastered {
				st.Mastered = append(st.Mastered, m.ID)
			}
			st.KeptFeedback, st.KeptConfirmed = map[string]string{}, map[string]string{}
			for _, f := range cs.Feedback {
				st.KeptFeedback[f.Competency.ID] = fmt.Sprintf("{date: %s, text: %s}", f.Date, yamlString(f.Text))
				st.Feedback = append(st.Feedback, Feedback{f.Competency.ID, f.Date.String(), f.Text})
			}
			for _, k := range cs.Confirmed {
				st.Confirmed = append(st.Confirmed, k.Competency.ID)
				st.KeptConfirmed[k.Competency.ID] = fmt.Sprintf("{date: %s, level: %d, note: %s}", k.Date, k.Level, yamlString(k.Note))
			}
		}
		ro.Students = append(ro.Students, st)
	}
	return ro
}

// Problem is a receipt the report could not use (or, among Suspect, used
// only for want of another), and why.
type Problem struct {
	File, Reason string
}

func (p Problem) String() string { return p.File + ": " + p.Reason }

// Entry is one student of the report, with their newest receipt.
type Entry struct {
	Student Student
	// Receipt is nil when the student handed in none.
	Receipt *receipt.Receipt
	// File is where Receipt came from.
	File string
	// Receipts counts the student's receipts read (older ones are
	// replaced by the newest).
	Receipts int
	// Suspect says Receipt is dated after the report was made: it is used
	// only because the student has no other.
	Suspect bool
	// Ignored counts the steps of the student's receipts that name a
	// competency the course does not have.
	Ignored int
}

// Report is the merged receipts of a class.
type Report struct {
	Roster *Roster
	// Made is when the report was made.
	Made time.Time
	// Entries holds every student of the roster, by name.
	Entries  []*Entry
	Problems []Problem
	// Suspect lists the receipts dated after the report was made: a device
	// with a wrong clock, or an edited receipt. One never replaces another
	// receipt of its student.
	Suspect []Problem
	// Read counts the receipts that were read and matched a student.
	Read int
	// Ignored counts the steps, over every receipt read, that name a
	// competency the course does not have; they are left out of the report.
	Ignored int
}

// Make reads every source against the roster and keeps the newest
// receipt of each student (by its time, "at"), made being the report's
// time: a receipt dated after it is suspect and is kept only when the
// student has no other. Steps of competencies the course does not have are
// dropped and counted. probs are problems found while collecting the
// sources.
func Make(ro *Roster, srcs []Source, probs []Problem, made time.Time) *Report {
	w := wordsFor(ro.Words, ro.Language)
	r := &Report{Roster: ro, Made: made, Problems: slices.Clone(probs)}
	byToken := map[string]*Entry{}
	for _, s := range ro.Students {
		e := &Entry{Student: s}
		r.Entries = append(r.Entries, e)
		byToken[s.Token] = e
	}
	for _, src := range srcs {
		rc, err := receipt.Decode(src.Data, ro.SiteKey)
		if err != nil {
			r.Problems = append(r.Problems, Problem{src.Name, err.Error()})
			continue
		}
		e := byToken[rc.Student]
		if e == nil {
			who := rc.Student
			if rc.Name != "" {
				who = fmt.Sprintf("%s (%q on the receipt)", rc.Student, rc.Name)
			}
			r.Problems = append(r.Problems, Problem{src.Name, "unknown student " + who + ": not on the roster; the student may have been removed, or their id changed"})
			continue
		}
		r.Read++
		e.Receipts++
		n := len(rc.Steps)
		rc.Steps = slices.DeleteFunc(rc.Steps, func(s receipt.Step) bool {
			_, ok := ro.Competencies[s.C]
			return !ok
		})
		e.Ignored += n - len(rc.Steps)
		r.Ignored += n - len(rc.Steps)
		suspect := rc.At.After(made)
		if suspect {
			r.Suspect = append(r.Suspect, Problem{src.Name, fmt.Sprintf(w.SuspectWhy, w.dateTime(rc.At.In(made.Location())))})
		}
		switch {
		case e.Receipt == nil,
			e.Suspect && !suspect,
			e.Suspect == suspect && (rc.At.After(e.Receipt.At) || rc.At.Equal(e.Receipt.At) && src.Name > e.File):
			e.Receipt, e.File, e.Suspect = rc, src.Name, suspect
		}
	}
	sortProblems(r.Problems)
	sortProblems(r.Suspect)
	slices.SortStableFunc(r.Entries, func(a, b *Entry) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Student.Name), strings.ToLower(b.Student.Name)), strings.Compare(a.Student.ID, b.Student.ID))
	})
	return r
}

// HandedIn counts the students with a receipt.
func (r *Report) HandedIn() int {
	n := 0
	for _, e := range r.Entries {
		if e.Receipt != nil {
			n++
		}
	}
	return n
}

// Behind returns the students behind pace, most days behind first.
func (r *Report) Behind() []*Entry {
	var out []*Entry
	for _, e := range r.Entries {
		if e.Receipt != nil && e.Receipt.Pace.Status == "behind" && e.Receipt.Pace.Days > 0 {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b *Entry) int { return b.Receipt.Pace.Days - a.Receipt.Pace.Days })
	return out
}

// StepOf is one step of one student's newest receipt.
type StepOf struct {
	Entry *Entry
	Step  receipt.Step
}

// Steps returns the steps of every newest receipt that pass keep, in the
// order of the entries and of each playlist.
func (r *Report) Steps(keep func(receipt.Step) bool) []StepOf {
	var out []StepOf
	for _, e := range r.Entries {
		if e.Receipt == nil {
			continue
		}
		for _, s := range e.Receipt.Steps {
			if keep(s) {
				out = append(out, StepOf{e, s})
			}
		}
	}
	return out
}

// NeedsSupport reports a step whose status is needs-support.
func NeedsSupport(s receipt.Step) bool { return s.Status == "needs-support" }

// Calibration says how a student's latest self-rating of a competency
// compares with their quick-check results.
type Calibration int

const (
	// Unknown: no self-rating, too few check answers, or placed out.
	Unknown Calibration = iota
	// Matches: the rating and the checks agree.
	Matches
	// Over: the student rates themselves at the mastery level, but the
	// checks are below the mastery rule.
	Over
	// Under: the checks meet the mastery rule, but the student rates
	// themselves below it.
	Under
)

// minAnswers is the fewest check answers that say anything about
// calibration.
const minAnswers = 2

// Latest returns the step's latest self-rating (0 when none).
func Latest(s receipt.Step) receipt.Rating {
	var best receipt.Rating
	for _, r := range s.Self {
		if best.Level == 0 || !r.At.Before(best.At) {
			best = r
		}
	}
	return best
}

// Answers returns the check answers calibration uses: the recent ones
// when there are enough, else all of them.
func Answers(s receipt.Step) (right, total int, recent bool) {
	if len(s.Checks.Recent) >= minAnswers {
		for _, ok := range s.Checks.Recent {
			if ok {
				right++
			}
		}
		return right, len(s.Checks.Recent), true
	}
	return s.Checks.Right, s.Checks.Total, false
}

// Calibrate compares a step's latest self-rating with its check answers
// under the competency's mastery rule: "confident" is a rating of at least
// rule.Self; the checks "say yes" when at least M of N answers are right.
func Calibrate(s receipt.Step, rule config.Rule) Calibration {
	level := Latest(s).Level
	right, total, _ := Answers(s)
	if s.Status == "placed" || level == 0 || total < minAnswers || rule.N == 0 {
		return Unknown
	}
	confident := level >= rule.Self
	checksSayYes := right*rule.N >= rule.M*total
	switch {
	case confident && !checksSayYes:
		return Over
	case !confident && checksSayYes:
		return Under
	}
	return Matches
}

// RuleOf returns the mastery rule of competency id (the default one when the
// competency is not in the course any more).
func (ro *Roster) RuleOf(id string) config.Rule {
	if k, ok := ro.Competencies[id]; ok && k.Rule.N > 0 {
		return k.Rule
	}
	if ro.Rule.N > 0 {
		return ro.Rule
	}
	return config.Default().Mastery.Rule
}

// TryCount sorts a step's quick-check answers (receipt version 2): the
// first answer to each check, answers given again later (they count
// toward mastery), and practice (after the explanation was shown that day;
// it does not count). A version 1 receipt has none.
type TryCount struct {
	First, FirstRight, Later, LaterRight, Practice int
}

// Tries counts s's answers.
func Tries(s receipt.Step) TryCount {
	var n TryCount
	seen := map[string]bool{}
	for _, t := range s.Tries {
		k := t.Activity + "#" + strconv.Itoa(t.Check)
		switch {
		case t.Practice:
			n.Practice++
		case !seen[k]:
			n.First++
			if t.Right {
				n.FirstRight++
			}
		default:
			n.Later++
			if t.Right {
				n.LaterRight++
			}
		}
		seen[k] = true
	}
	return n
}
