package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/receipt"
)

// The view is the report worked out into tables of text; the template
// only lays it out.

type column struct {
	Label string
	// Sort says the rows are sorted by this column as written:
	// "ascending" or "descending" (its aria-sort), else "".
	Sort string
}

type cell struct {
	// Head makes the cell the row's header (the student).
	Head bool
	Text string
	// Mark is a visual sign, hidden from screen readers; SR is text for
	// them only; Sub is a visual second line, hidden from screen readers
	// (SR says it in words).
	Mark, SR, Sub string
	List          []string
	Class         string
	// Key orders the column (numbers compare as numbers); "" sorts last.
	Key string
}

type table struct {
	ID, Caption string
	// Wide tables scroll sideways in their own region on small screens.
	Wide  bool
	Cols  []column
	Rows  [][]cell
	Empty string
}

type glanceItem struct {
	Text       string
	Names      []string
	Href, Link string
}

type section struct {
	ID, Heading, Intro string
	Legend             []legendItem
	Scale              []string
	Table              table
	// Snippets, when there are any, are shown instead of the table.
	Snippets []snippet
}

// snippet is text to copy, in a labelled read-only box.
type snippet struct {
	ID, Label, Text string
	Lines           int
}

type legendItem struct{ Class, Label string }

type view struct {
	W           *words
	Title, Made string
	Glance      []glanceItem
	Sections    []section
}

var statusRank = map[string]int{"needs-support": 1, "not-started": 2, "practicing": 3, "mastered": 4, "placed": 5}

func (r *Report) view() *view {
	w := wordsFor(r.Roster.Words, r.Roster.Language)
	v := &view{W: w, Title: r.Roster.Title}
	v.Made = fmt.Sprintf(w.Made, w.dateTime(r.Made), w.n(r.Read, "receipt"))
	comps := r.columns()

	v.Glance = r.glance(w)
	v.Sections = []section{
		r.mapSection(w, comps),
		r.behindSection(w),
		r.supportSection(w),
		r.groupSection(w),
		r.readySection(w),
		r.calibSection(w),
		r.answersSection(w),
		r.reflectionSection(w),
		r.goalSection(w),
	}
	if y := r.yamlSection(w); len(y.Snippets) > 0 {
		v.Sections = append(v.Sections, y)
	}
	v.Sections = append(v.Sections, r.receiptSection(w))
	if len(r.Suspect) > 0 {
		v.Sections = append(v.Sections, listSection(w, "suspect", w.Suspect, w.SuspectIntro, r.Suspect))
	}
	if len(r.Problems) > 0 {
		v.Sections = append(v.Sections, listSection(w, "problems", w.Problems, w.ProblemsIntro, r.Problems))
	}
	return v
}

// columns returns the competencies of the heat map: every one that is on
// some student's playlist, merged in playlist order (longest playlist
// first), so that prerequisites come before what builds on them. A
// competency new to the merge goes just before the next one of its
// playlist already placed, else at the end.
func (r *Report) columns() []string {
	var lists [][]string
	for _, e := range r.Entries {
		if e.Receipt == nil {
			continue
		}
		var ids []string
		for _, s := range e.Receipt.Steps {
			ids = append(ids, s.C)
		}
		lists = append(lists, ids)
	}
	slices.SortStableFunc(lists, func(a, b []string) int { return len(b) - len(a) })
	var order []string
	for _, ids := range lists {
		for i, id := range ids {
			if slices.Contains(order, id) {
				continue
			}
			at := len(order)
			for _, next := range ids[i+1:] {
				if j := slices.Index(order, next); j >= 0 {
					at = j
					break
				}
			}
			order = slices.Insert(order, at, id)
		}
	}
	return order
}

func (r *Report) title(id string) string {
	if k, ok := r.Roster.Competencies[id]; ok && k.Title != "" {
		return k.Title
	}
	return id
}

func studentCell(e *Entry) cell {
	return cell{Head: true, Text: e.Student.Name, Key: strings.ToLower(e.Student.Name)}
}

func text(s string) cell { return cell{Text: s, Key: strings.ToLower(s)} }

func num(n int) cell { return cell{Text: strconv.Itoa(n), Key: strconv.Itoa(n)} }

func (r *Report) glance(w *words) []glanceItem {
	var g []glanceItem
	var missing []string
	for _, e := range r.Entries {
		if e.Receipt == nil {
			missing = append(missing, e.Student.Name)
		}
	}
	if len(missing) == 0 {
		g = append(g, glanceItem{Text: w.AllHandedIn})
	} else {
		g = append(g, glanceItem{Text: fmt.Sprintf(w.HandedIn, r.HandedIn(), len(r.Entries)) + " " + w.NotYet, Names: missing})
	}
	if b := r.Behind(); len(b) == 0 {
		g = append(g, glanceItem{Text: w.BehindNone})
	} else {
		var names []string
		for _, e := range b {
			names = append(names, fmt.Sprintf("%s (%s)", e.Student.Name, w.n(e.Receipt.Pace.Days, "school day")))
		}
		g = append(g, glanceItem{Text: w.BehindSome, Names: names, Href: "#behind", Link: w.Behind})
	}
	if ss := r.Steps(NeedsSupport); len(ss) == 0 {
		g = append(g, glanceItem{Text: w.SupportNone})
	} else {
		var names []string
		for _, s := range ss {
			names = append(names, fmt.Sprintf(w.On, s.Entry.Student.Name, r.title(s.Step.C)))
		}
		g = append(g, glanceItem{Text: w.SupportSome, Names: names, Href: "#support", Link: w.Support})
	}
	over, under := 0, 0
	for _, s := range r.calibrated() {
		if Calibrate(s.Step, r.Roster.RuleOf(s.Step.C)) == Over {
			over++
		} else {
			under++
		}
	}
	if over+under == 0 {
		g = append(g, glanceItem{Text: w.CalibNone})
	} else {
		g = append(g, glanceItem{Text: fmt.Sprintf(w.CalibSome, w.n(over, "self-rating"), under),
			Href: "#calibration", Link: w.Calib})
	}
	var stale []string
	for _, e := range r.Entries {
		if e.Receipt == nil {
			continue
		}
		if d := int(r.Made.Sub(e.Receipt.At).Hours() / 24); d > 7 {
			stale = append(stale, fmt.Sprintf("%s (%s)", e.Student.Name, w.n(d, "day")))
		}
	}
	if len(stale) > 0 {
		g = append(g, glanceItem{Text: w.Stale, Names: stale, Href: "#receipts", Link: w.Receipts})
	}
	if len(r.Suspect) > 0 {
		g = append(g, glanceItem{Text: fmt.Sprintf(w.SuspectSome, w.n(len(r.Suspect), "receipt is")), Href: "#suspect", Link: w.Suspect})
	}
	if len(r.Problems) > 0 {
		g = append(g, glanceItem{Text: fmt.Sprintf(w.ProblemsSome, w.n(len(r.Problems), "receipt")), Href: "#problems", Link: w.Problems})
	}
	if r.Ignored > 0 {
		g = append(g, glanceItem{Text: fmt.Sprintf(w.IgnoredSome, w.n(r.Ignored, "step"))})
	}
	return g
}

func (r *Report) calibrated() []StepOf {
	return r.Steps(func(s receipt.Step) bool {
		c := Calibrate(s, r.Roster.RuleOf(s.C))
		return c == Over || c == Under
	})
}

func paceCell(w *words, rc *receipt.Receipt) cell {
	if rc == nil {
		return cell{Mark: "–", SR: w.NoReceipt}
	}
	days := w.n(rc.Pace.Days, "school day")
	switch rc.Pace.Status {
	case "behind":
		return cell{Text: fmt.Sprintf(w.BehindBy, days), Key: strconv.Itoa(-rc.Pace.Days), Class: "behind"}
	case "ahead":
		return cell{Text: fmt.Sprintf(w.Ahead, days), Key: strconv.Itoa(rc.Pace.Days)}
	case "on-track":
		return cell{Text: w.OnTrack, Key: "0"}
	}
	return cell{Mark: "–", SR: w.NoReceipt}
}

func latestCell(w *words, e *Entry, loc *time.Location) cell {
	if e.Receipt == nil {
		return cell{Text: w.NotHandedIn}
	}
	c := cell{Text: w.dateTime(e.Receipt.At.In(loc)), Key: e.Receipt.At.UTC().Format("2006-01-02T15:04:05")}
	if e.Suspect {
		c.Text += " " + w.SuspectMark
	}
	return c
}

func (r *Report) selfText(w *words, level int) string {
	if level == 0 {
		return w.NoSelf
	}
	n := len(r.Roster.Scale)
	if level <= n {
		return fmt.Sprintf("%s (%d/%d)", r.Roster.Scale[level-1], level, n)
	}
	return strconv.Itoa(level)
}

func (r *Report) mapSection(w *words, comps []string) section {
	t := table{ID: "map-table", Caption: w.MapCaption, Wide: true,
		Cols: []column{{w.Student, "ascending"}, {w.Group, ""}, {w.Pace, ""}, {w.Latest, ""}}}
	for _, id := range comps {
		t.Cols = append(t.Cols, column{Label: r.title(id)})
	}
	t.Cols = append(t.Cols, column{Label: w.FromYou})
	n := len(r.Roster.Scale)
	for _, e := range r.Entries {
		row := []cell{studentCell(e), text(e.Student.Group), paceCell(w, e.Receipt), latestCell(w, e, r.Made.Location())}
		steps := map[string]receipt.Step{}
		if e.Receipt != nil {
			for _, s := range e.Receipt.Steps {
				steps[s.C] = s
			}
		}
		for _, id := range comps {
			s, ok := steps[id]
			if !ok {
				sr := w.NotOnPlan
				if e.Receipt == nil {
					sr = w.NoReceipt
				}
				row = append(row, cell{Mark: "·", SR: sr, Class: "s-none"})
				continue
			}
			c := cell{Text: w.Status[s.Status], Class: "s-" + s.Status}
			lvl := Latest(s).Level
			c.Key = strconv.Itoa(statusRank[s.Status]*100 + lvl)
			if lvl > 0 && s.Status != "placed" {
				c.Sub = fmt.Sprintf(w.SelfShort, lvl, n)
				label := ""
				if lvl <= n {
					label = r.Roster.Scale[lvl-1]
				}
				c.SR = fmt.Sprintf(w.SelfLong, lvl, n, label)
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, append(row, r.fromYouCell(w, e.Student)))
	}
	s := section{ID: "map", Heading: w.Map, Intro: w.MapIntro, Table: t, Scale: r.Roster.Scale}
	for _, st := range receipt.Statuses {
		s.Legend = append(s.Legend, legendItem{"s-" + st, w.Status[st]})
	}
	return s
}

// workingOn is the first step of the playlist that is not done.
func workingOn(rc *receipt.Receipt) (receipt.Step, bool) {
	for _, s := range rc.Steps {
		if s.Status != "mastered" && s.Status != "placed" {
			return s, true
		}
	}
	return receipt.Step{}, false
}

func (r *Report) behindSection(w *words) section {
	t := table{ID: "behind-table", Caption: w.Behind, Empty: w.BehindNone,
		Cols: []column{{w.Student, ""}, {w.Group, ""}, {w.DaysBehind, "descending"}, {w.AsOf, ""}, {w.WorkingOn, ""}, {w.Target, ""}}}
	for _, e := range r.Behind() {
		rc := e.Receipt
		row := []cell{studentCell(e), text(e.Student.Group), num(rc.Pace.Days), {Text: w.civil(rc.Today), Key: rc.Today}}
		if s, ok := workingOn(rc); ok {
			row = append(row, text(r.title(s.C)), cell{Text: w.civil(s.Target), Key: s.Target})
		} else {
			row = append(row, text(w.AllDone), cell{})
		}
		t.Rows = append(t.Rows, row)
	}
	return section{ID: "behind", Heading: w.Behind, Intro: w.BehindIntro, Table: t}
}

func checksCell(w *words, s receipt.Step) cell {
	right, total, recent := Answers(s)
	switch {
	case total == 0:
		return cell{Text: w.NoChecks}
	case recent:
		return cell{Text: fmt.Sprintf(w.RecentRight, right, total), Key: strconv.FormatFloat(float64(right)/float64(total), 'f', 3, 64)}
	}
	return cell{Text: fmt.Sprintf(w.AllRight, right, total), Key: strconv.FormatFloat(float64(right)/float64(total), 'f', 3, 64)}
}

func (r *Report) selfCell(w *words, s receipt.Step) cell {
	l := Latest(s).Level
	c := cell{Text: r.selfText(w, l)}
	if l > 0 {
		c.Key = strconv.Itoa(l)
	}
	return c
}

func (r *Report) supportSection(w *words) section {
	t := table{ID: "support-table", Caption: w.Support, Empty: w.SupportNone,
		Cols: []column{{w.Student, "ascending"}, {w.Group, ""}, {w.Competency, ""}, {w.Checks, ""}, {w.SelfRating, ""}, {w.Note, ""}}}
	for _, s := range r.Steps(NeedsSupport) {
		t.Rows = append(t.Rows, []cell{studentCell(s.Entry), text(s.Entry.Student.Group), text(r.title(s.Step.C)),
			checksCell(w, s.Step), r.selfCell(w, s.Step), text(s.Step.Note)})
	}
	return section{ID: "support", Heading: w.Support, Intro: w.SupportIntro, Table: t}
}

func (r *Report) calibSection(w *words) section {
	t := table{ID: "calibration-table", Caption: w.Calib, Empty: w.CalibNone,
		Cols: []column{{w.Student, "ascending"}, {w.Competency, ""}, {w.SelfRating, ""}, {w.Checks, ""}, {w.Reading, ""}}}
	for _, s := range r.calibrated() {
		reading, class := w.OverText, "over"
		if Calibrate(s.Step, r.Roster.RuleOf(s.Step.C)) == Under {
			reading, class = w.UnderText, "under"
		}
		rc := text(reading)
		rc.Class = class
		t.Rows = append(t.Rows, []cell{studentCell(s.Entry), text(r.title(s.Step.C)), r.selfCell(w, s.Step), checksCell(w, s.Step), rc})
	}
	return section{ID: "calibration", Heading: w.Calib, Intro: w.CalibIntro, Table: t}
}

func (r *Report) reflectionSection(w *words) section {
	t := table{ID: "reflections-table", Caption: w.Reflections, Empty: w.ReflectionsNone,
		Cols: []column{{w.Student, "ascending"}, {w.Competency, ""}, {w.Note, ""}}}
	for _, s := range r.Steps(func(s receipt.Step) bool { return strings.TrimSpace(s.Note) != "" }) {
		t.Rows = append(t.Rows, []cell{studentCell(s.Entry), text(r.title(s.Step.C)), text(s.Step.Note)})
	}
	return section{ID: "reflections", Heading: w.Reflections, Table: t}
}

func (r *Report) goalSection(w *words) section {
	t := table{ID: "goals-table", Caption: w.Goals, Empty: w.GoalsNone,
		Cols: []column{{w.Student, "ascending"}, {w.Goals, ""}}}
	for _, e := range r.Entries {
		if e.Receipt == nil || len(e.Receipt.Goals) == 0 {
			continue
		}
		t.Rows = append(t.Rows, []cell{studentCell(e), {List: e.Receipt.Goals, Key: strings.ToLower(e.Receipt.Goals[0])}})
	}
	return section{ID: "goals", Heading: w.Goals, Table: t}
}

func (r *Report) receiptSection(w *words) section {
	t := table{ID: "receipts-table", Caption: w.Receipts,
		Cols: []column{{w.Student, "ascending"}, {w.Group, ""}, {w.Latest, ""}, {w.Count, ""}, {w.File, ""}}}
	for _, e := range r.Entries {
		t.Rows = append(t.Rows, []cell{studentCell(e), text(e.Student.Group), latestCell(w, e, r.Made.Location()), num(e.Receipts), text(e.File)})
	}
	return section{ID: "receipts", Heading: w.Receipts, Intro: w.ReceiptsIntro, Table: t}
}

// listSection lists receipts with what is wrong with each.
func listSection(w *words, id, heading, intro string, ps []Problem) section {
	t := table{ID: id + "-table", Caption: heading,
		Cols: []column{{w.File, "ascending"}, {w.Problem, ""}}}
	for _, p := range ps {
		f := text(p.File)
		f.Head = true
		t.Rows = append(t.Rows, []cell{f, text(p.Reason)})
	}
	return section{ID: id, Heading: heading, Intro: intro, Table: t}
}

func (r *Report) groupSection(w *words) section {
	t := table{ID: "groups-table", Caption: w.Groups, Empty: w.GroupsNone,
		Cols: []column{{w.Competency, ""}, {w.Students, ""}, {w.SupportLeft, ""}}}
	for _, g := range r.Groups() {
		var names, acts []string
		for _, e := range g.Students {
			names = append(names, e.Student.Name)
		}
		for _, a := range g.Activities {
			acts = append(acts, a.Title)
		}
		left := cell{List: acts, Key: strings.ToLower(strings.Join(acts, " "))}
		switch {
		case len(g.Competency.Support) == 0:
			left = text(w.NoSupport)
		case len(acts) == 0:
			left = text(w.NoneLeft)
		}
		t.Rows = append(t.Rows, []cell{{Head: true, Text: g.Competency.Title, Key: strings.ToLower(g.Competency.Title)},
			{List: names, Key: strconv.Itoa(len(names))}, left})
	}
	return section{ID: "groups", Heading: w.Groups, Intro: w.GroupsIntro, Table: t}
}

func (r *Report) readySection(w *words) section {
	t := table{ID: "ready-table", Caption: w.Ready, Empty: w.ReadyNone,
		Cols: []column{{w.Student, "ascending"}, {w.Group, ""}, {w.Competency, ""}, {w.SelfRating, ""}, {w.Checks, ""}}}
	for _, rd := range r.Ready() {
		t.Rows = append(t.Rows, []cell{studentCell(rd.Entry), text(rd.Entry.Student.Group), text(r.title(rd.Step.C)),
			r.selfCell(w, rd.Step), checksCell(w, rd.Step)})
	}
	return section{ID: "ready", Heading: w.Ready, Intro: w.ReadyIntro, Table: t}
}

// yamlSection gives, for each student who handed in, the YAML for their
// file, dated the day the report is made.
func (r *Report) yamlSection(w *words) section {
	sec := section{ID: "yaml", Heading: w.YAML, Intro: w.YAMLIntro}
	for _, e := range r.Entries {
		if e.Receipt == nil {
			continue
		}
		s := r.Snippet(e, r.Made, w.YAMLComments)
		sec.Snippets = append(sec.Snippets, snippet{ID: "yaml-" + e.Student.ID, Label: fmt.Sprintf(w.YAMLFor, e.Student.Name, e.Student.File),
			Text: s, Lines: strings.Count(s, "\n")})
	}
	return sec
}

// fromYouCell lists what the student's file already says to them: the
// competencies confirmed, and the feedback.
func (r *Report) fromYouCell(w *words, st Student) cell {
	var said []string
	for _, id := range st.Confirmed {
		said = append(said, fmt.Sprintf(w.ConfirmedItem, r.title(id)))
	}
	for _, f := range st.Feedback {
		said = append(said, fmt.Sprintf(w.FeedbackItem, r.title(f.Competency), f.Text))
	}
	if len(said) == 0 {
		return cell{}
	}
	return cell{List: said, Key: strconv.Itoa(len(said))}
}

// answersSection shows each step's quick-check answers from receipts that
// carry them: first tries apart from later ones and from practice.
func (r *Report) answersSection(w *words) section {
	t := table{ID: "answers-table", Caption: w.Answers, Empty: w.AnswersNone,
		Cols: []column{{w.Student, "ascending"}, {w.Group, ""}, {w.Competency, ""}, {w.FirstTries, ""}, {w.LaterTries, ""}, {w.PracticeAnswers, ""}}}
	right := func(ok, n int) cell {
		if n == 0 {
			return cell{Text: "–", Key: ""}
		}
		return cell{Text: fmt.Sprintf(w.AllRight, ok, n), Key: strconv.FormatFloat(float64(ok)/float64(n), 'f', 3, 64)}
	}
	for _, s := range r.Steps(func(s receipt.Step) bool { return len(s.Tries) > 0 }) {
		n := Tries(s.Step)
		t.Rows = append(t.Rows, []cell{studentCell(s.Entry), text(s.Entry.Student.Group), text(r.title(s.Step.C)),
			right(n.FirstRight, n.First), right(n.LaterRight, n.Later), num(n.Practice)})
	}
	return section{ID: "answers", Heading: w.Answers, Intro: w.AnswersIntro, Table: t}
}
