package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/themes"
)

// A theme changes a student page's steps by overriding the step parts:
// the steps function writes them for every step, in plan order, a lock
// only where a step has prerequisites and a start only where it is not
// placed.
func TestAThemeShapesTheStepsThroughTheStepParts(t *testing.T) {
	mine := `
{{define "step-open"}}[open {{.V}}]{{end}}
{{define "step-head"}}[head {{.ID}}]{{end}}
{{define "step-due"}}[due {{.V.Target}}]{{end}}
{{define "step-lock"}}[lock{{range .V}} {{.ID}}{{end}}]{{end}}
{{define "step-start"}}[start {{.V.ID}}]{{end}}
{{define "step-ways"}}[ways {{.ID}}]{{end}}
{{define "step-close"}}[close]{{end}}
`
	th := siteTheme(t, map[string]string{"steps.html": mine})
	p := leanPages(th)[0]
	var b bytes.Buffer
	if err := th.Render(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i, j := strings.Index(out, `<ol class="steps">`), strings.Index(out, "</ol>")
	if i < 0 || j < i {
		t.Fatalf("no steps list:\n%s", out)
	}
	var want strings.Builder
	for _, s := range p.Student.Steps {
		want.WriteString("[open " + map[bool]string{true: "true", false: "false"}[s.Placed] + "][head " + s.Competency.ID + "][due " + s.Target + "]")
		if len(s.Requires) > 0 {
			want.WriteString("[lock " + s.Requires[0].ID + "]")
		}
		if !s.Placed {
			l, _ := s.Start()
			want.WriteString("[start " + l.ID + "]")
		}
		want.WriteString("[ways " + s.Competency.ID + "][close]")
	}
	if got := strings.TrimSpace(out[i+len(`<ol class="steps">`) : j]); got != want.String() {
		t.Errorf("the steps are\n%s\nwant\n%s", got, want.String())
	}
}

// A site that overrides partials.html with a copy made before the steps
// function still gets its students' steps: the step parts have a file of
// their own (layouts/steps.html), read first, and a part partials.html
// defines (step-head, in those copies) wins.
func TestAnOlderPartialsOverrideKeepsTheSteps(t *testing.T) {
	src, err := fs.ReadFile(themes.FS, "default/layouts/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), `{{define "step-`) {
		t.Fatal("the default partials.html defines step parts: they belong in steps.html")
	}
	old := string(src) + "\n" + `{{define "step-head"}}<h3>{{.Title}} (mine)</h3>{{end}}` + "\n"
	th := siteTheme(t, map[string]string{"partials.html": old})
	p := leanPages(th)[0]
	var b bytes.Buffer
	if err := th.Render(&b, p); err != nil {
		t.Fatalf("a student page with an older partials.html: %v", err)
	}
	out := b.String()
	if n := strings.Count(out, `<li class="card`); n != len(p.Student.Steps) {
		t.Errorf("%d steps on the page, want %d", n, len(p.Student.Steps))
	}
	if n := strings.Count(out, "(mine)</h3>"); n != len(p.Student.Steps) {
		t.Errorf("%d steps use the site's step-head, want %d", n, len(p.Student.Steps))
	}
}

// steps on a page that is not a student's is a theme error that says so,
// not a crash.
func TestStepsOnAnotherPageSaysWhatItNeeds(t *testing.T) {
	th := siteTheme(t, map[string]string{"activity.html": `{{define "main"}}{{steps $}}{{end}}`})
	err := th.Render(&bytes.Buffer{}, leanPages(th)[1])
	if err == nil || !strings.Contains(err.Error(), "give the student's page ($)") {
		t.Errorf("steps on an activity page: %v", err)
	}
}

// siteTheme loads the default theme under a site that overrides the
// given layout files (name: text).
func siteTheme(t *testing.T, layouts map[string]string) *Theme {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "themes", "default", "layouts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range layouts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	th, err := Load(root, "default")
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// A step's prerequisites are cached as one list: lists that differ in any
// field of any link, or in length, each come out as they are, the first
// time and from the cache.
func TestStepLockListsAreKeyedByEveryLink(t *testing.T) {
	tm := partTemplate(t, `{{define "lock"}}{{range .V}}[{{.ID}}|{{.Title}}|{{.URL}}|{{.Note}}|{{.Modality}}|{{.Minutes}}]{{end}}{{end}}`)
	ps := newParts(tm)
	a := Link{ID: "a", Title: "A", URL: "a/", Note: "n", Modality: "video", Minutes: 5}
	b := Link{ID: "b", Title: "B", URL: "b/"}
	with := func(l Link, f func(*Link)) Link { f(&l); return l }
	lists := [][]Link{
		{a}, {b}, {a, b}, {b, a}, {a, b, a}, {a, b, b},
		{with(a, func(l *Link) { l.ID = "x" })},
		{with(a, func(l *Link) { l.Title = "x" })},
		{with(a, func(l *Link) { l.URL = "x/" })},
		{with(a, func(l *Link) { l.Note = "x" })},
		{with(a, func(l *Link) { l.Modality = "x" })},
		{with(a, func(l *Link) { l.Minutes = 6 })},
		{a, with(b, func(l *Link) { l.Title = "x" })},
		{a, b, with(a, func(l *Link) { l.Minutes = 6 })},
	}
	page := &Page{}
	for round := range 2 {
		for _, ls := range lists {
			var want strings.Builder
			for _, l := range ls {
				fmt.Fprintf(&want, "[%s|%s|%s|%s|%s|%d]", l.ID, l.Title, l.URL, l.Note, l.Modality, l.Minutes)
			}
			got, err := ps.list("lock", page, ls)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("round %d: %v gave %s, want %s", round, ls, got, want.String())
			}
		}
	}
}
