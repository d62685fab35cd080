package render

import (
	"html/template"
	"strings"
	"testing"
)

func TestDatesUseTheThemesDayAndMonthNames(t *testing.T) {
	th, err := Load(t.TempDir(), "default")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, lang, want string }{
		{"2026-10-06", "en", "Tue 6 Oct 2026"},
		{"2026-10-06", "es", "mar 6 oct 2026"},
		{"2026-10-06", "es-MX", "mar 6 oct 2026"},
		{"2026-10-06", "fr", "Tue 6 Oct 2026"},
		{"", "en", ""},
		{"soon", "en", "soon"},
	} {
		if got := th.date(tc.in, tc.lang); got != tc.want {
			t.Errorf("date(%q, %q) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}

func TestMapPlacesPrerequisitesAboveWhatNeedsThem(t *testing.T) {
	svg := string(Map([]MapNode{
		{ID: "b", Title: "B & co", URL: "competencies/b/index.html", Requires: []string{"a"}},
		{ID: "a", Title: "A", URL: "competencies/a/index.html"},
		{ID: "c", Title: "C", URL: "competencies/c/index.html", Requires: []string{"b", "a"}},
	}, "../", "Map"))
	for _, want := range []string{`href="../competencies/a/index.html"`, `B &amp; co`, `class="edge"`, `aria-label="Map"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("map lacks %s", want)
		}
	}
	// a is in row 0, b in row 1, c in row 2: y grows with depth.
	for _, row := range []string{`y="10" width`, `y="102" width`, `y="194" width`} {
		if strings.Count(svg, row) != 1 {
			t.Errorf("rows not laid out by depth: want one box at %s:\n%s", row, svg)
		}
	}
	if got := string(Map(nil, "", "Map")); got != "" {
		t.Errorf("empty map = %q", got)
	}
}

func TestMapSurvivesACycle(t *testing.T) {
	svg := Map([]MapNode{{ID: "a", Requires: []string{"b"}}, {ID: "b", Requires: []string{"a"}}}, "", "Map")
	if !strings.Contains(string(svg), "<svg") {
		t.Fatal("no svg for a cyclic graph")
	}
}

func TestWrapEllipsis(t *testing.T) {
	got := wrap("one two three four five six seven eight nine ten eleven twelve", 10, 2)
	if len(got) != 2 || !strings.HasSuffix(got[1], "…") {
		t.Errorf("wrap = %q", got)
	}
}

func TestStepWaysAreLinkedWhenALayoutAsks(t *testing.T) {
	linked := 0
	step := StudentStep{Ways: StepWays{
		Choices: [][]string{{"a1", "gone", "a2"}, {"a3"}}, Support: []string{"s1"}, Extension: []string{"gone"},
		Link: func(id string) (Link, bool) {
			linked++
			if id == "gone" {
				return Link{}, false
			}
			return Link{ID: id, Title: strings.ToUpper(id), URL: "activities/" + id + "/index.html"}, true
		},
	}}
	if linked != 0 {
		t.Fatal("linked before asked")
	}
	tm := template.Must(template.New("t").Parse(`{{range .Choices}}[{{range .}}{{.Title}} {{end}}]{{end}} support: {{range .Support}}{{.Title}}{{end}} extension: {{len .Extension}}`))
	var b strings.Builder
	if err := tm.Execute(&b, step); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "[A1 A2 ][A3 ] support: S1 extension: 0"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
