package report

import (
	"fmt"
	"time"
)

// words are the report's texts in one language: the report is the
// teacher's page, in the site's language. English and Spanish ship.
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
	Status                                    map[string]string
	// Nouns are counted nouns: singular and plural.
	Nouns        map[string][2]string
	Days, Months []string
}

var texts = map[string]*words{
	"en": {
		Lang:  "en",
		Title: "Class report", Made: "Made %s from %s.",
		Private:  "Private: this page holds students' names, notes and progress. Keep it on your own device; never publish it or put it in the site's output folder.",
		Glance:   "At a glance",
		HandedIn: "%d of %d students handed in a receipt.", NotYet: "Not yet:", AllHandedIn: "Every student handed in a receipt.",
		BehindSome: "Behind pace:", BehindNone: "Nobody is behind pace.",
		SupportSome: "Needs support:", SupportNone: "Nobody needs support.",
		CalibSome: "%s above what the checks show, %d below.", CalibNone: "Self-ratings agree with the checks.",
		Stale:        "Receipts more than a week old:",
		ProblemsSome: "%s could not be used.",
		On:           "%s on %s",
		Map:          "Students and competencies",
		MapIntro:     "Each cell shows the step's status and the student's latest self-rating, as of their newest receipt.",
		MapCaption:   "Status and latest self-rating of each student in each competency",
		Legend:       "Self-rating scale:",
		SelfShort:    "self %d/%d", SelfLong: ", latest self-rating %d of %d (%s)",
		NotOnPlan: "not on this student's plan", NoReceipt: "no receipt",
		Student: "Student", Group: "Group", Pace: "Pace", Latest: "Latest receipt",
		OnTrack: "on track", Ahead: "%s ahead", BehindBy: "%s behind", NotHandedIn: "not handed in",
		Behind:      "Behind pace",
		BehindIntro: "School days behind the student's target dates, on the date their page used.",
		DaysBehind:  "School days behind", AsOf: "As of",
		WorkingOn: "Working on", Target: "Target date", AllDone: "every step done",
		Support:      "Needs support",
		SupportIntro: "Two of the student's last three check answers were wrong: their page now offers another way in first.",
		Competency:   "Competency",
		Checks:       "Checks", SelfRating: "Latest self-rating", Note: "Reflection",
		RecentRight: "%d of the last %d right", AllRight: "%d of %d right", NoChecks: "no checks yet", NoSelf: "none",
		Calib:      "Self-rating and checks",
		CalibIntro: "Where a student's latest self-rating and their check results disagree, under the competency's mastery rule.",
		Reading:    "Reading",
		OverText:   "rates higher than the checks show", UnderText: "rates lower than the checks show",
		Reflections: "Reflections", ReflectionsNone: "No reflections yet.",
		Goals: "Goals", GoalsNone: "No goals yet.",
		Receipts:      "Receipts",
		ReceiptsIntro: "The newest receipt of each student is used; older ones are replaced.",
		Count:         "Receipts read", File: "File",
		Problems:      "Receipts that could not be used",
		ProblemsIntro: "Ask the students concerned to hand in again. A receipt made with another link secret, or of a student not on the roster, may belong to another class, an old roster, or pages built on another computer.",
		Problem:       "Problem",
		Suspect:       "Receipts dated in the future",
		SuspectIntro:  "A receipt dated after this report was made comes from a device with a wrong clock, or was edited. It never replaces another receipt of its student; it is used only when the student has no other. Check the student's device clock and ask them to hand in again.",
		SuspectSome:   "%s dated after this report was made.",
		SuspectWhy:    "dated %s, after this report was made: the device's clock is wrong or the receipt was edited; it never replaces another receipt of the student",
		IgnoredSome:   "%s of competencies this course does not have were ignored.",
		SuspectMark:   "(suspect: after this report)",
		SortedBy:      "Sorted by %s, %s", Ascending: "ascending", Descending: "descending",
		Status: map[string]string{
			"not-started": "Not started", "practicing": "Practicing", "needs-support": "Needs support",
			"mastered": "Mastered", "placed": "Placed out",
		},
		Nouns: map[string][2]string{
			"receipt": {"receipt", "receipts"}, "school day": {"school day", "school days"},
			"day": {"day", "days"}, "self-rating": {"self-rating", "self-ratings"},
			"step": {"step", "steps"}, "receipt is": {"receipt is", "receipts are"},
		},
		Days:   []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		Months: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	},
	"es": {
		Lang:  "es",
		Title: "Informe de la clase", Made: "Hecho el %s a partir de %s.",
		Private:  "Privado: esta página contiene nombres, notas y progreso de estudiantes. Guárdala en tu propio dispositivo; nunca la publiques ni la pongas en la carpeta de salida del sitio.",
		Glance:   "De un vistazo",
		HandedIn: "%d de %d estudiantes entregaron un recibo.", NotYet: "Aún no:", AllHandedIn: "Todos los estudiantes entregaron un recibo.",
		BehindSome: "Atrasados:", BehindNone: "Nadie va atrasado.",
		SupportSome: "Necesitan apoyo:", SupportNone: "Nadie necesita apoyo.",
		CalibSome: "%s por encima de lo que muestran las pruebas, %d por debajo.", CalibNone: "Las autoevaluaciones coinciden con las pruebas.",
		Stale:        "Recibos de hace más de una semana:",
		ProblemsSome: "No se pudieron usar %s.",
		On:           "%s en %s",
		Map:          "Estudiantes y competencias",
		MapIntro:     "Cada celda muestra el estado del paso y la última autoevaluación del estudiante, según su recibo más reciente.",
		MapCaption:   "Estado y última autoevaluación de cada estudiante en cada competencia",
		Legend:       "Escala de autoevaluación:",
		SelfShort:    "auto %d/%d", SelfLong: ", última autoevaluación %d de %d (%s)",
		NotOnPlan: "no está en el plan de este estudiante", NoReceipt: "sin recibo",
		Student: "Estudiante", Group: "Grupo", Pace: "Ritmo", Latest: "Último recibo",
		OnTrack: "al día", Ahead: "%s de adelanto", BehindBy: "%s de atraso", NotHandedIn: "sin entregar",
		Behind:      "Atrasados",
		BehindIntro: "Días de clase de atraso respecto a las fechas meta del estudiante, en la fecha que usó su página.",
		DaysBehind:  "Días de clase de atraso", AsOf: "Fecha",
		WorkingOn: "Trabajando en", Target: "Fecha meta", AllDone: "todos los pasos hechos",
		Support:      "Necesitan apoyo",
		SupportIntro: "Dos de las tres últimas respuestas del estudiante en las pruebas fueron incorrectas: su página le ofrece ahora primero otra forma de entrarle.",
		Competency:   "Competencia",
		Checks:       "Pruebas", SelfRating: "Última autoevaluación", Note: "Reflexión",
		RecentRight: "%d de las últimas %d correctas", AllRight: "%d de %d correctas", NoChecks: "aún sin pruebas", NoSelf: "ninguna",
		Calib:      "Autoevaluación y pruebas",
		CalibIntro: "Dónde la última autoevaluación de un estudiante y sus resultados en las pruebas no coinciden, según la regla de dominio de la competencia.",
		Reading:    "Lectura",
		OverText:   "se califica más alto de lo que muestran las pruebas", UnderText: "se califica más bajo de lo que muestran las pruebas",
		Reflections: "Reflexiones", ReflectionsNone: "Aún no hay reflexiones.",
		Goals: "Metas", GoalsNone: "Aún no hay metas.",
		Receipts:      "Recibos",
		ReceiptsIntro: "Se usa el recibo más reciente de cada estudiante; los anteriores quedan reemplazados.",
		Count:         "Recibos leídos", File: "Archivo",
		Problems:      "Recibos que no se pudieron usar",
		ProblemsIntro: "Pide a los estudiantes afectados que vuelvan a entregar. Un recibo hecho con otro secreto de enlaces, o de un estudiante que no está en la lista, puede ser de otra clase, de una lista antigua o de páginas generadas en otra computadora.",
		Problem:       "Problema",
		Suspect:       "Recibos con fecha futura",
		SuspectIntro:  "Un recibo con fecha posterior a este informe viene de un dispositivo con la hora mal puesta, o fue editado. Nunca reemplaza otro recibo del estudiante; solo se usa si el estudiante no tiene otro. Revisa la hora de su dispositivo y pídele que vuelva a entregar.",
		SuspectSome:   "%s con fecha posterior a este informe.",
		SuspectWhy:    "con fecha %s, posterior a este informe: la hora del dispositivo está mal o el recibo fue editado; nunca reemplaza otro recibo del estudiante",
		IgnoredSome:   "Se ignoraron %s de competencias que este curso no tiene.",
		SuspectMark:   "(dudoso: posterior a este informe)",
		SortedBy:      "Ordenado por %s, %s", Ascending: "ascendente", Descending: "descendente",
		Status: map[string]string{
			"not-started": "Sin empezar", "practicing": "Practicando", "needs-support": "Necesita apoyo",
			"mastered": "Dominado", "placed": "Acreditado",
		},
		Nouns: map[string][2]string{
			"receipt": {"recibo", "recibos"}, "school day": {"día de clase", "días de clase"},
			"day": {"día", "días"}, "self-rating": {"autoevaluación", "autoevaluaciones"},
			"step": {"paso", "pasos"}, "receipt is": {"recibo", "recibos"},
		},
		Days:   []string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		Months: []string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
	},
}

// wordsFor returns the report's words in lang ("es", "es-MX"), English
// when it has none.
func wordsFor(lang string) *words {
	if w, ok := texts[lang]; ok {
		return w
	}
	for i := range lang {
		if lang[i] == '-' {
			if w, ok := texts[lang[:i]]; ok {
				return w
			}
		}
	}
	return texts["en"]
}

// n counts a noun: "1 receipt", "3 receipts".
func (w *words) n(count int, noun string) string {
	f := w.Nouns[noun]
	if count == 1 {
		return "1 " + f[0]
	}
	return fmt.Sprintf("%d %s", count, f[1])
}

// date formats d as "Tue 3 Nov 2026".
func (w *words) date(d time.Time) string {
	return fmt.Sprintf("%s %d %s %d", w.Days[d.Weekday()], d.Day(), w.Months[d.Month()-1], d.Year())
}

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
