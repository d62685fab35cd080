// Package plan owns the playlist: for one student, the ordered steps
// (targets, transitive prerequisites, placement), the ranked choices of
// activities in each step, and target dates laid over school days. It is
// pure computation on a loaded course: no I/O, no rendering.
package plan

import "github.com/pacer-edu/pacer/engine/config"

// Version is the playlist JSON format version.
const Version = 1

// Playlist is one student's plan, embedded as JSON in the student's page.
// It holds only what is the student's own; titles and links of activities
// and competencies live in the shared course data.
type Playlist struct {
	V             int      `json:"v"`
	Units         []string `json:"units"`
	Start         string   `json:"start"` // YYYY-MM-DD
	End           string   `json:"end"`
	MinutesPerDay int      `json:"minutesPerDay"`
	TimeFactor    float64  `json:"timeFactor"`
	// Pace is how the target dates were laid: "even" or "asap".
	Pace      string   `json:"pace"`
	Prefers   []string `json:"prefers,omitempty"`
	Interests []string `json:"interests,omitempty"`
	Goals     []string `json:"goals,omitempty"`
	// SchoolDays is the number of school days between start and end.
	SchoolDays int `json:"schoolDays"`
	// NeededDays is the number of school days the plan needs at the
	// student's minutes a day (minutesPerDay x timeFactor).
	NeededDays int `json:"neededDays"`
	// Shortfall is NeededDays - SchoolDays when positive, else 0.
	Shortfall int    `json:"shortfall"`
	Steps     []Step `json:"steps"`
	// ReadAloud: the student's activity pages offer speech synthesis
	// (accommodations.read-aloud).
	ReadAloud bool `json:"readAloud,omitempty"`
}

// Step is one competency in a playlist.
type Step struct {
	Competency string `json:"c"`
	// Unit is the unit that brought the competency in: for a target, the
	// first of the student's units listing it; for a prerequisite, the unit
	// of the nearest target that needs it.
	Unit string `json:"unit,omitempty"`
	// Prereq marks a competency added because a target requires it.
	Prereq bool `json:"prereq,omitempty"`
	// Placed marks a competency the teacher placed the student out of.
	Placed bool `json:"placed,omitempty"`
	// Requires lists the competency's prerequisites that are in this
	// playlist and not placed (the client shows a soft lock until mastered).
	Requires []string `json:"requires,omitempty"`
	// Choices holds one entry per required choice group, in order; each
	// lists activity ids ranked for the student (do one of them).
	Choices []Choice `json:"choices"`
	// Support and Extension list activity ids ranked for the student.
	Support   []string `json:"support,omitempty"`
	Extension []string `json:"extension,omitempty"`
	// Minutes is the estimated time for the step (first-ranked option of
	// each choice group), times the student's time factor, rounded up.
	Minutes int `json:"minutes"`
	// Target is the school day by which the step should be done
	// (YYYY-MM-DD); "" for a placed step.
	Target string `json:"target,omitempty"`
	// Rule is the student's own mastery rule (accommodations.rule) over
	// the competency's; nil when the student has none.
	Rule *config.Rule `json:"rule,omitempty"`
	// Confirmed is mastery the teacher confirmed (confirmed:): it counts
	// as mastered. The teacher's note stays on the page, not here.
	Confirmed *Confirmed `json:"confirmed,omitempty"`
}

// Confirmed is the teacher's confirmation of a step's mastery.
type Confirmed struct {
	Date  string `json:"date,omitempty"`
	Level int    `json:"level"`
}

// Choice is one required choice group: do one of Options.
type Choice struct {
	Key     string   `json:"key,omitempty"`
	Options []string `json:"options"`
}
