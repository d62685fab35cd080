package config

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/diag"
)

func TestDefaultsFillWhatSiteYamlLeavesOut(t *testing.T) {
	cfg := Default()
	var d diag.List
	Decode([]byte("title: T\nterm:\n  start: 2026-09-08\n  end: 2027-01-29\n"), cfg, &d)
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %v", d.Items())
	}
	if cfg.Title != "T" || cfg.Language != "en" || cfg.Theme != "default" || cfg.Term.MinutesPerDay != 45 {
		t.Errorf("got %+v", cfg)
	}
	if len(cfg.Term.Days) != 5 || cfg.Term.Days[0] != time.Monday {
		t.Errorf("days = %v", cfg.Term.Days)
	}
	if cfg.Mastery.Rule != (Rule{Self: 3, M: 2, N: 3}) {
		t.Errorf("rule = %+v", cfg.Mastery.Rule)
	}
}

func TestFullSiteYaml(t *testing.T) {
	cfg := Default()
	var d diag.List
	Decode([]byte(`title: G6
language: es
baseURL: https://school.example/math
term:
  start: 2026-09-08
  end: 2027-01-29
  days: [mon, wed, fri]
  breaks:
    - {from: 2026-11-23, to: 2026-11-27, name: Thanksgiving}
    - {from: 2026-10-12}
  minutesPerDay: 30
mastery:
  scale: [a, b, c, d, e]
  rule: {self: 4, checks: 3 of 4}
students: {secretEnv: MY_SECRET, dir: ../roster}
markdown: {unsafe: true}
params: {color: teal}
`), cfg, &d)
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %v", d.Items())
	}
	if cfg.BaseURL != "https://school.example/math/" {
		t.Errorf("baseURL = %q", cfg.BaseURL)
	}
	if len(cfg.Term.Breaks) != 2 || cfg.Term.Breaks[1].To != cfg.Term.Breaks[1].From {
		t.Errorf("breaks = %+v (a one-day break ends where it starts)", cfg.Term.Breaks)
	}
	if cfg.Mastery.Rule != (Rule{Self: 4, M: 3, N: 4}) || len(cfg.Mastery.Scale) != 5 {
		t.Errorf("mastery = %+v", cfg.Mastery)
	}
	if cfg.Students.Dir != "../roster" || cfg.Students.SecretEnv != "MY_SECRET" || !cfg.Markdown.Unsafe {
		t.Errorf("students/markdown = %+v %+v", cfg.Students, cfg.Markdown)
	}
	if cfg.Params["color"] != "teal" {
		t.Errorf("params = %v", cfg.Params)
	}
}

func TestRuleAbovePlainScaleIsAnError(t *testing.T) {
	var d diag.List
	Decode([]byte("mastery:\n  rule: {self: 5}\n"), Default(), &d)
	items := d.Items()
	if len(items) != 1 || !strings.Contains(items[0].Message, "above the top of the 4-level scale") || items[0].Pos.Line != 2 {
		t.Errorf("got %v", items)
	}
}

func TestRuleApply(t *testing.T) {
	def := Rule{Self: 3, M: 2, N: 3}
	if got := (Rule{}).Apply(def); got != def {
		t.Errorf("empty rule = %+v", got)
	}
	if got := (Rule{M: 3, N: 4}).Apply(def); got != (Rule{Self: 3, M: 3, N: 4}) {
		t.Errorf("checks only = %+v", got)
	}
}

func TestScaleMayBeGivenPerLanguage(t *testing.T) {
	cfg := Default()
	var d diag.List
	Decode([]byte("language: en\nmastery:\n  scale:\n    en: [Not yet, Got it, Can teach it]\n    es: [Todavía no, Lo logré, Puedo enseñarlo]\n  rule: {self: 3}\n"), cfg, &d)
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %v", d.Items())
	}
	m := cfg.Mastery
	if m.Levels != 3 || m.Scale != nil || len(m.Scales) != 2 {
		t.Fatalf("mastery = %+v", m)
	}
	words := map[string]string{"scale.1": "theme 1"}
	for _, tc := range []struct{ lang, want string }{
		{"es", "Todavía no"}, {"es-MX", "Todavía no"}, {"en", "Not yet"},
		// a language the scale lacks gets the site's language's
		{"fr", "Not yet"},
	} {
		if got := m.ScaleIn(tc.lang, "en", words); len(got) != 3 || got[0] != tc.want {
			t.Errorf("ScaleIn(%q) = %q, want %q first", tc.lang, got, tc.want)
		}
	}
}

func TestScaleAsAListIsEveryLanguages(t *testing.T) {
	cfg := Default()
	var d diag.List
	Decode([]byte("mastery:\n  scale: [a, b, c]\n"), cfg, &d)
	if got := cfg.Mastery.ScaleIn("es", "en", map[string]string{"scale.1": "x"}); d.Len() != 0 || strings.Join(got, ",") != "a,b,c" {
		t.Errorf("got %q %v", got, d.Items())
	}
}

func TestWithoutAScaleTheThemesWordsAreUsed(t *testing.T) {
	cfg := Default()
	words := map[string]string{"scale.1": "Todavía no", "scale.2": "Voy avanzando", "scale.3": "Lo logré", "scale.4": "Puedo enseñarlo"}
	if got := cfg.Mastery.ScaleIn("es", "en", words); strings.Join(got, ",") != "Todavía no,Voy avanzando,Lo logré,Puedo enseñarlo" {
		t.Errorf("got %q", got)
	}
	// a theme without the words still numbers the levels
	if got := cfg.Mastery.ScaleIn("es", "en", nil); strings.Join(got, ",") != "1,2,3,4" {
		t.Errorf("got %q", got)
	}
}

func TestScalePerLanguageErrorsHavePositions(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"levels differ", "mastery:\n  scale:\n    en: [a, b, c]\n    es: [x, y]\n",
			"site.yaml:4:9: mastery.scale: es has 2 levels but en has 3"},
		{"site language missing", "language: en\nmastery:\n  scale:\n    es: [x, y]\n    fr: [p, q]\n",
			"site.yaml:4:5: mastery.scale has no en scale, the site's language"},
		{"not a language", "mastery:\n  scale:\n    en: [a, b]\n    Spanish: [x, y]\n",
			`site.yaml:4:5: mastery.scale: "Spanish" is not a language code`},
		{"too few levels", "mastery:\n  scale:\n    en: [a, b]\n    es: [x]\n",
			"site.yaml:4:9: mastery.scale.es needs at least two levels"},
		{"rule above the scale", "mastery:\n  scale: {en: [a, b], es: [x, y]}\n  rule: {self: 3}\n",
			"site.yaml:3:3: mastery.rule self: 3 is above the top of the 2-level scale"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.List
			Decode([]byte(tc.src), Default(), &d)
			var got []string
			for _, it := range d.Items() {
				got = append(got, it.Pos.String()+": "+it.Message)
			}
			if !slices.Contains(got, tc.want) {
				t.Errorf("got %q\nwant %q among them", got, tc.want)
			}
		})
	}
}

func TestTermPaceIsEvenUnlessSetToASAP(t *testing.T) {
	for _, tc := range []struct {
		yaml, want, err string
	}{
		{"term: {start: 2026-09-08}\n", PaceEven, ""},
		{"term: {pace: asap}\n", PaceASAP, ""},
		{"term: {pace: even}\n", PaceEven, ""},
		{"term: {pace: evn}\n", PaceEven, `site.yaml:1:14: term.pace "evn" is not one of even, asap` + "\n\thint: did you mean \"even\"?"},
	} {
		cfg := Default()
		var d diag.List
		Decode([]byte(tc.yaml), cfg, &d)
		var got []string
		for _, x := range d.Items() {
			got = append(got, x.String())
		}
		if cfg.Term.Pace != tc.want || strings.Join(got, "\n") != tc.err {
			t.Errorf("%q: pace %q, diagnostics %q; want %q, %q", tc.yaml, cfg.Term.Pace, got, tc.want, tc.err)
		}
	}
}

func TestStudentsReceiptsIsOffUnlessSetAndKeepsItsPosition(t *testing.T) {
	cfg := Default()
	var d diag.List
	Decode([]byte("title: T\n"), cfg, &d)
	if cfg.Students.Receipts != "" {
		t.Errorf("receipts on by default: %q", cfg.Students.Receipts)
	}
	cfg = Default()
	Decode([]byte("title: T\nstudents:\n  receipts: ../handins\n"), cfg, &d)
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %v", d.Items())
	}
	if cfg.Students.Receipts != "../handins" || cfg.Students.ReceiptsPos.Line != 3 || cfg.Students.ReceiptsPos.Col != 13 {
		t.Errorf("receipts = %q at %+v", cfg.Students.Receipts, cfg.Students.ReceiptsPos)
	}
	for _, bad := range []string{"students:\n  receipts: \"\"\n", "students:\n  receipts: [a]\n"} {
		var d diag.List
		Decode([]byte(bad), Default(), &d)
		items := d.Items()
		if len(items) != 1 || items[0].Pos.Line != 2 || !strings.Contains(items[0].Message, "students.receipts") {
			t.Errorf("%q: got %v", bad, items)
		}
	}
}
