// Package content owns the course model: competencies, activities, units,
// groups and students read from Markdown and YAML files, strictly decoded
// with positions, cross-checked (ids, references, prerequisite cycles), and
// reported as diagnostics. It renders nothing and plans nothing.
package content

import (
	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/diag"
)

// Modalities an activity may have, in the order boards show them.
var Modalities = []string{"video", "reading", "audio", "hands-on", "interactive", "practice", "project", "discussion", "game"}

// Levels an activity may have.
var Levels = []string{"core", "support", "extension"}

// Ref is a reference to another item by id, with where it was written.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Source is where an item came from.
type Source struct {
	// File is the path relative to the site root, with forward slashes.
	File string
	// IDPos is where the id was given: the id key, or the file itself.
	IDPos diag.Pos
}

// Competency is something a student can learn to do.
type Competency struct {
	Source
	ID       string
	Title    string
	Can      string
	Codes    []string
	Requires []Ref
	// Rule is the mastery rule, the site default applied.
	Rule     config.Rule
	Body     []byte
	BodyLine int

	// Case is the identifier of the CASE item it was imported from.
	Case string
}

// Activity is one way to work on one or more competencies.
type Activity struct {
	Source
	ID        string
	Title     string
	For       []Ref
	Modality  string
	Minutes   int
	Level     string
	Choice    string
	Interests []string
	Media     string
	MediaPos  diag.Pos
	Aliases   []string
	Params    map[string]any
	Body      []byte
	BodyLine  int
	Checks    []check.Check
	// Dir is the folder under content/activities (for URLs), "" at the top.
	Dir string
}

// Unit is an ordered set of competencies with an introduction.
type Unit struct {
	Source
	ID           string
	Title        string
	Competencies []Ref
	Diagnostic   bool
	Body         []byte
	BodyLine     int
}

// Group holds defaults shared by a class.
type Group struct {
	Source
	ID         string
	Title      string
	Units      []Ref
	Start, End calendar.Date
	// Keys is where units, start and end were written.
	Keys PlanKeys
}

// PlanKeys are the positions of the keys that decide a plan's size and
// span, for warnings about a plan that does not fit; a zero Pos means the
// key is not in the file.
type PlanKeys struct {
	Units, Start, End diag.Pos
}

// Student is one learner's plan. Name, ID and Notes are private: they may
// appear only on the student's own page (Notes never).
type Student struct {
	Source
	ID            string
	Name          string
	Group         *Ref
	Units         []Ref
	Start, End    calendar.Date
	Prefers       []string
	Interests     []string
	Mastered      []Ref
	Goals         []string
	TimeFactor    float64
	MinutesPerDay int
	Language      string
	Notes         string
	// Keys is where units, start and end were written.
	Keys PlanKeys
	// Feedback and Confirmed are the teacher's words and confirmed mastery,
	// in file order; private like Name (the student's own page only).
	Feedback  []Feedback
	Confirmed []Confirmed
	// Rule is the student's own mastery rule (accommodations.rule); zero
	// fields keep the competency's.
	Rule config.Rule
	// ReadAloud: activity pages offer speech synthesis
	// (accommodations.read-aloud).
	ReadAloud bool
}

// Feedback is the teacher's words to a student about one competency.
type Feedback struct {
	Competency Ref
	Date       calendar.Date
	Text       string
}

// Confirmed is mastery the teacher saw (a conference, a project), at a
// level of the site's scale.
type Confirmed struct {
	Competency Ref
	Date       calendar.Date
	Level      int
	Note       string
}

// Course is a loaded, cross-checked course.
type Course struct {
	Config       *config.Config
	Root         string
	Competencies []*Competency // sorted by id
	Activities   []*Activity   // sorted by id
	Units        []*Unit       // sorted by id
	Groups       []*Group      // sorted by id
	Students     []*Student    // sorted by id

	Competency map[string]*Competency
	Activity   map[string]*Activity
	Unit       map[string]*Unit
	Group      map[string]*Group
	Student    map[string]*Student
	// ActivitiesFor lists, per competency id, its activities sorted by id.
	ActivitiesFor map[string][]*Activity

	// unreadable holds the files whose YAML could not be parsed.
	unreadable map[unreadable]bool
}
