package config

import (
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
