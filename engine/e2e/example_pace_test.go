package e2e

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// The example course opened on a fresh browser on any school day of the
// term, and after it, reads a believable pace for every student (issue 11:
// it once said "57 school days behind" for 255 minutes of work, and "107
// school days behind" after the term, more than the term has): on track,
// ahead, behind by no more school days than the term has had, with a
// catch-up that fits or sends the student to the teacher, or the plan's
// end passed; before a student's own start, when their plan starts.
func TestExamplePaceIsBelievableAcrossTheTerm(t *testing.T) {
	root := moduleRoot(t)
	cfg := config.Load(root, &diag.List{})
	cal := calendar.New(cfg.Term.Days, cfg.Term.Breaks)
	start, end := cfg.Term.Start, cfg.Term.End
	if start.IsZero() || end.IsZero() {
		t.Fatalf("the example's term has no start or end: %+v", cfg.Term)
	}
	c := buildCourse(t, root)
	p := browsertest.NewPage(t)

	var days []calendar.Date
	for d := start.Time(); !d.After(end.Time().AddDate(0, 0, 21)); d = d.AddDate(0, 0, 10) {
		days = append(days, calendar.Of(d))
	}
	status := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`^(On track|Your plan starts on .+\.|\d+ school days? ahead|(\d+) school days? behind: about \d+ min of work is due|Your plan ended on .+, with work left\.)`),
		"es": regexp.MustCompile(`^(Al día|Tu plan empieza el .+\.|1 día de clase de adelanto|\d+ días de clase de adelanto|(\d+) días? de clase de retraso: hay unos \d+ min de trabajo pendientes|Tu plan terminó el .+ y queda trabajo por hacer\.)`),
	}
	help := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`^(|To catch up, start with “.+”(: \d+ extra minutes (a day for the next \d+ school days|on the next school day) fits in your time\. Your teacher can help you plan\.|\. Catching up before your plan ends would take more minutes a day than you have: talk with your teacher about your plan\.)|About \d+ min of work is left\. Talk with your teacher about what comes next\.)( ?Your plan needs \d+ more school days? than your dates allow: talk with your teacher\.)?$`),
		"es": regexp.MustCompile(`^(|Para ponerte al día, empieza con «.+»(: \d+ minutos más (al día durante los próximos \d+ días de clase|el próximo día de clase) caben en tu tiempo\. Tu docente te puede ayudar a planearlo\.|\. Ponerte al día antes del final de tu plan pide más minutos al día de los que tienes: habla con tu docente sobre tu plan\.)|Quedan unos \d+ min de trabajo\. Habla con tu docente sobre cómo seguir\.)( ?Tu plan necesita \d+ días? de clase más de los que dan tus fechas: habla con tu docente\.)?$`),
	}
	seen := map[string]bool{}
	for name := range c.students {
		lang := "en"
		if name == "Sofía M." {
			lang = "es"
		}
		for _, day := range days {
			c.openStudent(t, p, name, day.Time().Format(time.DateOnly))
			pace := p.ByCSS("#pacer-app .pace-status")
			got := pace.Text()
			m := status[lang].FindStringSubmatch(got)
			if m == nil {
				t.Errorf("%s on %s: the pace reads %q", name, day.Time().Format(time.DateOnly), got)
				continue
			}
			seen[m[1][:4]] = true
			// Priya joins on Mon 30 Nov: before that her plan has not
			// started (it once read "On track").
			if name == "Priya S." && day.Time().Before(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) && got != "Your plan starts on Mon, Nov 30." {
				t.Errorf("Priya on %s, before she joins: %q", day.Time().Format(time.DateOnly), got)
			}
			if m[2] != "" {
				behind, _ := strconv.Atoi(m[2])
				if had := cal.SchoolDays(start, day); behind > had {
					t.Errorf("%s on %s: %d school days behind, after %d school days of term", name, day.Time().Format(time.DateOnly), behind, had)
				}
			}
			if h, ok := paceHelp(help[lang], p); !ok {
				t.Errorf("%s on %s: the pace's help does not read as a plan: %q", name, day.Time().Format(time.DateOnly), h)
			}
		}
	}
	if len(seen) < 3 {
		t.Errorf("over the term the example's students only ever read %v", seen)
	}
}

// paceHelp returns the page's pace help ("" when there is none) and
// whether it matches re.
func paceHelp(re *regexp.Regexp, p *browsertest.Page) (string, bool) {
	h := browsertest.Eval[string](p, `(document.querySelector("#pacer-app .pace-help") || {textContent: ""}).textContent.trim()`)
	return h, re.MatchString(h)
}
