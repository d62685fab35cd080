package report

import (
	"fmt"
	"time"

	"github.com/pacer-edu/pacer/engine/render"
)

// words are the report's texts in one language: the report is the
// teacher's page, in the site's language.
type words struct {
	Lang                                      string
	Title, Made, Private                      string
	Glance, HandedIn, NotYet, AllHandedIn     string
	BehindSome, BehindNone                    string
	SupportSome, SupportNone                  string
	CalibSome, CalibNone                      string
	Stale, ProblemsSome                       string
	On                                        string
	Map, MapIntro, MapCaption, Legend         string
	SelfShort, SelfLong, NotOnPlan, NoReceipt string
	Student, Group, Pace, Latest              string
	OnTrack, Ahead, BehindBy, NotHandedIn     string
	Behind, BehindIntro, DaysBehind, AsOf     string
	WorkingOn, Target, AllDone                string
	Support, SupportIntro, Competency         string
	Checks, SelfRating, Note                  string
	RecentRight, AllRight, NoChecks, NoSelf   string
	Calib, CalibIntro, Reading, OverText      string
	UnderText                                 string
	Reflections, ReflectionsNone              string
	Goals, GoalsNone                          string
	Receipts, ReceiptsIntro, Count, File      string
	Problems, ProblemsIntro, Problem          string
	Suspect, SuspectIntro, SuspectSome        string
	SuspectWhy, IgnoredSome, SuspectMark      string
	SortedBy, Ascending, Descending           string
	Groups, GroupsIntro, GroupsNone, Students string
	SupportLeft, NoneLeft, NoSupport          string
	Ready, ReadyIntro, ReadyNone              string
	YAML, YAMLIntro, YAMLFor                  string
	YAMLComments                              [3]string
	Answers, AnswersIntro, AnswersNone        string
	FirstTries, LaterTries, PracticeAnswers   string
	FromYou, ConfirmedItem, FeedbackItem      string
	Status                                    map[string]string
	// s are all the language's strings: counted nouns and date names.
	s map[string]string
}

// Words gives a language's UI strings ("es", "es-MX") and the language they
// are in: English, where the theme has none. It is the theme's lookup
// (render.Theme.Lookup), passed in: the report's words live in the theme's
// i18n files (keys report.*), like every other page's.
type Words func(lang string) (string, map[string]string)

// wordsFor returns the report's words in lang.
func wordsFor(lookup Words, lang string) *words {
	if lookup == nil {
		th, err := render.Builtin()
		if err != nil {
			panic(err) // the embedded theme is tested
		}
		lookup = th.Lookup
	}
	l, s := lookup(lang)
	w := &words{
		Lang: l, s: s,
		Title:           s["report.title"],
		Made:            s["report.made"],
		Private:         s["report.private"],
		Glance:          s["report.glance"],
		HandedIn:        s["report.handedIn"],
		NotYet:          s["report.notYet"],
		AllHandedIn:     s["report.allHandedIn"],
		BehindSome:      s["report.behindSome"],
		BehindNone:      s["report.behindNone"],
		SupportSome:     s["report.supportSome"],
		SupportNone:     s["report.supportNone"],
		CalibSome:       s["report.calibSome"],
		CalibNone:       s["report.calibNone"],
		Stale:           s["report.stale"],
		ProblemsSome:    s["report.problemsSome"],
		On:              s["report.on"],
		Map:             s["report.map"],
		MapIntro:        s["report.mapIntro"],
		MapCaption:      s["report.mapCaption"],
		Legend:          s["report.legend"],
		SelfShort:       s["report.selfShort"],
		SelfLong:        s["report.selfLong"],
		NotOnPlan:       s["report.notOnPlan"],
		NoReceipt:       s["report.noReceipt"],
		Student:         s["report.student"],
		Group:           s["report.group"],
		Pace:            s["report.pace"],
		Latest:          s["report.latest"],
		OnTrack:         s["report.onTrack"],
		Ahead:           s["report.ahead"],
		BehindBy:        s["report.behindBy"],
		NotHandedIn:     s["report.notHandedIn"],
		Behind:          s["report.behind"],
		BehindIntro:     s["report.behindIntro"],
		DaysBehind:      s["report.daysBehind"],
		AsOf:            s["report.asOf"],
		WorkingOn:       s["report.workingOn"],
		Target:          s["report.target"],
		AllDone:         s["report.allDone"],
		Support:         s["report.support"],
		SupportIntro:    s["report.supportIntro"],
		Competency:      s["report.competency"],
		Checks:          s["report.checks"],
		SelfRating:      s["report.selfRating"],
		Note:            s["report.note"],
		RecentRight:     s["report.recentRight"],
		AllRight:        s["report.allRight"],
		NoChecks:        s["report.noChecks"],
		NoSelf:          s["report.noSelf"],
		Calib:           s["report.calib"],
		CalibIntro:      s["report.calibIntro"],
		Reading:         s["report.reading"],
		OverText:        s["report.overText"],
		UnderText:       s["report.underText"],
		Reflections:     s["report.reflections"],
		ReflectionsNone: s["report.reflectionsNone"],
		Goals:           s["report.goals"],
		GoalsNone:       s["report.goalsNone"],
		Receipts:        s["report.receipts"],
		ReceiptsIntro:   s["report.receiptsIntro"],
		Count:           s["report.count"],
		File:            s["report.file"],
		Problems:        s["report.problems"],
		ProblemsIntro:   s["report.problemsIntro"],
		Problem:         s["report.problem"],
		Suspect:         s["report.suspect"],
		SuspectIntro:    s["report.suspectIntro"],
		SuspectSome:     s["report.suspectSome"],
		SuspectWhy:      s["report.suspectWhy"],
		IgnoredSome:     s["report.ignoredSome"],
		SuspectMark:     s["report.suspectMark"],
		SortedBy:        s["report.sortedBy"],
		Ascending:       s["report.ascending"],
		Descending:      s["report.descending"],
		Groups:          s["report.groups"],
		GroupsIntro:     s["report.groupsIntro"],
		GroupsNone:      s["report.groupsNone"],
		Students:        s["report.students"],
		SupportLeft:     s["report.supportLeft"],
		NoneLeft:        s["report.noneLeft"],
		NoSupport:       s["report.noSupport"],
		Ready:           s["report.ready"],
		ReadyIntro:      s["report.readyIntro"],
		ReadyNone:       s["report.readyNone"],
		YAML:            s["report.yaml"],
		YAMLIntro:       s["report.yamlIntro"],
		YAMLFor:         s["report.yamlFor"],
		YAMLComments:    [3]string{s["report.yaml.feedback"], s["report.yaml.confirmed"], s["report.yaml.mastered"]},
		Answers:         s["report.answers"],
		AnswersIntro:    s["report.answersIntro"],
		AnswersNone:     s["report.answersNone"],
		FirstTries:      s["report.firstTries"],
		LaterTries:      s["report.laterTries"],
		PracticeAnswers: s["report.practiceAnswers"],
		FromYou:         s["report.fromYou"],
		ConfirmedItem:   s["report.confirmedItem"],
		FeedbackItem:    s["report.feedbackItem"],
		Status: map[string]string{
			"not-started": s["report.status.not-started"], "practicing": s["report.status.practicing"],
			"needs-support": s["report.status.needs-support"], "mastered": s["report.status.mastered"],
			"placed": s["report.status.placed"],
		},
	}
	return w
}

// nouns are the keys of the counted nouns: "%d receipts", and a ".one"
// form for 1.
var nouns = map[string]string{
	"receipt": "report.n.receipt", "school day": "report.n.schoolDay",
	"day": "report.n.day", "self-rating": "report.n.selfRating",
	"step": "report.n.step", "receipt is": "report.n.receiptIs",
}

// n counts a noun: "1 receipt", "3 receipts".
func (w *words) n(count int, noun string) string {
	k := nouns[noun]
	if count == 1 {
		if one, ok := w.s[k+".one"]; ok {
			return one
		}
	}
	return fmt.Sprintf(w.s[k], count)
}

// date formats d as "Tue 3 Nov 2026".
func (w *words) date(d time.Time) string { return render.FormatDate(w.s, d) }

// dateTime formats t as "Tue 3 Nov 2026, 14:05".
func (w *words) dateTime(t time.Time) string {
	return w.date(t) + t.Format(", 15:04")
}

// civil formats a YYYY-MM-DD date; anything else is shown as it is.
func (w *words) civil(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return w.date(d)
}
