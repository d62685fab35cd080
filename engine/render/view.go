package render

import (
	"html/template"
	"strings"
)

// Page is what a layout receives. URLs inside are relative to the site
// root; layouts prefix them with Root so every link is relative.
type Page struct {
	Kind  string
	Lang  string
	Title string
	// Root is the relative path from this page to the site root: "" for the
	// index, "../../" for competencies/<id>/index.html.
	Root    string
	NoIndex bool
	// CSP is the Content-Security-Policy of the page.
	CSP  string
	Site *Site
	// T holds the UI strings of Lang.
	T map[string]string
	// Assets is what the page loads: the site's script, course data and
	// stylesheet, and the script of the client's UI strings in Lang.
	Assets Assets

	Index      *Index
	Unit       *Unit
	Competency *Competency
	Activity   *Activity
	Student    *Student
	Diagnostic *Diagnostic
}

// Diagnostic is a unit's pre-assessment page: a few quick checks of each
// of the unit's competencies (engine/mastery.Sample), grouped by competency.
type Diagnostic struct {
	Unit         Link
	Competencies []DiagnosticCompetency
}

// DiagnosticCompetency is one competency's items on a diagnostic page.
type DiagnosticCompetency struct {
	Link
	Checks []template.HTML
}

// Site is shared by every page.
type Site struct {
	Title string
	// Key identifies the site in the browser's storage.
	Key string
	// Script, Course and Style are asset paths relative to the root.
	Script, Course, Style string
	// HandIn is the QR hand-in module's path, "" when the theme has none.
	HandIn string
	// Panels is the student page's panels module's path, "" when the
	// theme has none.
	Panels string
	// BaseURL is site.yaml's baseURL ("" when links are relative only):
	// the paper plan's QR codes point under it.
	BaseURL string
	// Units are the units the header names: every unit in the order
	// students meet them, or none when there are more than MenuUnits
	// (MoreUnits), when the header links the home page's list instead
	// and a page's weight does not grow with the course's units.
	Units     []Link
	MoreUnits bool
	// Worker is the service worker's path relative to the root ("sw.js"),
	// "" when the site has none (the dev server).
	Worker string
}

// MenuUnits is how many units the site header names at most.
const MenuUnits = 8

// Link is a titled link, URL relative to the site root.
type Link struct {
	ID    string
	Title string
	URL   string
	// Note is a short line shown with the link ("I can ..." or minutes).
	Note string
	// Modality and Minutes are an activity's, for layouts that print
	// them as labels a client can translate (Note in pieces).
	Modality string
	Minutes  int
}

// Index is the course home page.
type Index struct {
	Units        []UnitSummary
	Competencies []Link
	Map          template.HTML // inline SVG competency map
}

// UnitSummary is a unit on the index page.
type UnitSummary struct {
	Link
	Competencies []Link
}

// Unit is a unit page.
type Unit struct {
	ID string
	// DiagnosticURL is the unit's pre-assessment page, "" when it has none.
	DiagnosticURL string
	Body          template.HTML
	Diagnostic    bool
	Checks        int
	Competencies  []Link
}

// Competency is a competency page.
type Competency struct {
	ID         string
	Can        string
	Codes      []string
	Body       template.HTML
	Requires   []Link
	RequiredBy []Link
	Units      []Link
	Rule       string
	// RuleArgs are Rule's values for a client that rewords it in another
	// language: "M|N|self" (self, a level of the mastery scale).
	RuleArgs string
	// Board groups core activities by modality.
	Board     []BoardColumn
	Support   []Link
	Extension []Link
}

// BoardColumn is one modality of a choice board.
type BoardColumn struct {
	Modality   string
	Label      string
	Activities []Link
}

// Activity is an activity page.
type Activity struct {
	ID       string
	Modality string
	Label    string // modality in the page's language
	Minutes  int
	Level    string
	For      []Link
	Media    template.HTML
	Body     template.HTML
	Checks   int
}

// Student is a student's own playlist page.
type Student struct {
	Token    string
	Name     string
	Goals    []string
	Units    []StudentUnit
	Steps    []StudentStep
	Playlist template.JS // the playlist JSON
	// Snapshot is the student's progress from their newest receipt, in
	// the progress export format; empty when there is none.
	Snapshot template.JS
	Start    string
	End      string
	// Shortfall is how many school days the plan is short, 0 if it fits.
	Shortfall int
	// Teacher holds the teacher's feedback and confirmed mastery, one entry
	// a competency, in plan order: this student's page only.
	Teacher []TeacherNote
}

// Mastered counts the steps the student is placed out of: what the page
// knows of their mastery before the script adds their own progress.
func (s *Student) Mastered() int {
	n := 0
	for _, st := range s.Steps {
		if st.Placed {
			n++
		}
	}
	return n
}

// TeacherNote is what the teacher said about one competency: feedback,
// confirmed mastery (Level is the scale's label), or both.
type TeacherNote struct {
	Competency                 Link
	FeedbackDate, Feedback     string
	ConfirmedDate, Level, Note string
}

// StudentUnit is a unit of the student's plan with its "why".
type StudentUnit struct {
	Link
	Why template.HTML
}

// StudentStep is the readable form of a playlist step.
type StudentStep struct {
	Competency Link
	Placed     bool
	Prereq     bool
	Target     string
	Minutes    int
	// Due is Placed, Target and Minutes together, for a cached part.
	Due      StepDue
	Requires []Link
	// Ways are the step's activities by id; Choices, Support and
	// Extension link them when a layout asks.
	Ways StepWays
}

// StepWays are a step's activities by id, ranked for the student, and
// how to link one. A student page has hundreds of them, and the default
// theme shows only the suggested ones, so they are linked on demand.
type StepWays struct {
	Choices            [][]string
	Support, Extension []string
	Link               func(id string) (Link, bool)
}

// Choices are the options of each choice group, ranked for the student.
func (s StudentStep) Choices() [][]Link {
	out := make([][]Link, len(s.Ways.Choices))
	for i, ids := range s.Ways.Choices {
		out[i] = s.Ways.links(ids)
	}
	return out
}

// Suggested is the first-ranked option of each choice group: what the
// student does unless they pick another way. The default theme lists only
// these without JavaScript (the script shows every option from the course
// data), with a link to the competency page for the rest. Linked when a
// layout asks, like the rest of Ways: the dev server re-renders a page
// when an activity it linked changes, and a placed step links none.
func (s StudentStep) Suggested() []Link {
	out := make([]Link, 0, len(s.Ways.Choices))
	for _, ids := range s.Ways.Choices {
		if l, ok := s.Ways.first(ids); ok {
			out = append(out, l)
		}
	}
	return out
}

// Support are the step's support activities, ranked for the student.
func (s StudentStep) Support() []Link { return s.Ways.links(s.Ways.Support) }

// Extension are the step's extension activities, ranked for the student.
func (s StudentStep) Extension() []Link { return s.Ways.links(s.Ways.Extension) }

// first is the first of ids that links.
func (w StepWays) first(ids []string) (Link, bool) {
	for _, id := range ids {
		if l, ok := w.Link(id); ok {
			return l, true
		}
	}
	return Link{}, false
}

func (w StepWays) links(ids []string) []Link {
	out := make([]Link, 0, len(ids))
	for _, id := range ids {
		if l, ok := w.Link(id); ok {
			out = append(out, l)
		}
	}
	return out
}

// StepDue is what a step's due line shows: placed out, or its target date
// and minutes.
type StepDue struct {
	Placed  bool
	Target  string
	Minutes int
}

// Assets are the paths, relative to the root, of what a page loads.
// Course is the head of the course data, Chunks the parts of it about
// what the page shows, loaded after it.
type Assets struct {
	Style, Strings, Course, Script string
	// chunks are Chunks joined by newlines: a string keeps Assets
	// comparable, so its part is cached like any other (pages of one
	// unit load the same chunks).
	chunks string
}

// Chunks are the paths of the course data's parts the page loads.
func (a Assets) Chunks() []string {
	if a.chunks == "" {
		return nil
	}
	return strings.Split(a.chunks, "\n")
}

// WithChunks is a with Chunks set to paths.
func (a Assets) WithChunks(paths []string) Assets {
	a.chunks = strings.Join(paths, "\n")
	return a
}
