package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

func partTemplate(t *testing.T, src string) *template.Template {
	t.Helper()
	tm := template.Must(template.New("t").Funcs(funcs).Parse(src))
	tm.Funcs(template.FuncMap{"part": newParts(tm).call})
	return tm
}

// TestPartRendersAsInPlace checks that the cached part function gives
// exactly what the same markup gives when ranged over in place, with the
// characters html/template must escape in text, attributes and URLs, and
// that a value seen twice is served from the cache unchanged.
func TestPartRendersAsInPlace(t *testing.T) {
	const item = `{{define "item"}}<li><a href="{{.Root}}{{.URL}}" title="{{.Title}}">{{.Title}}</a>{{with .Note}} <span>{{.}}</span>{{end}} {{index .T "min"}}</li>{{end}}`
	const due = `{{define "due"}}<time datetime="{{.V.Target}}">{{date .V.Target .Lang}}</time> {{.V.Minutes}}{{end}}`
	const inPlace = `{{define "in-place"}}<ul>{{range .Links}}<li><a href="{{$.Root}}{{.URL}}" title="{{.Title}}">{{.Title}}</a>{{with .Note}} <span>{{.}}</span>{{end}} {{index $.T "min"}}</li>{{end}}</ul>` +
		`<time datetime="{{.Due.Target}}">{{date .Due.Target .Lang}}</time> {{.Due.Minutes}}{{end}}`
	const viaPart = `{{define "via-part"}}<ul>{{part "item" .Page .Links}}</ul>{{part "due" .Page .Due}}{{end}}`
	tm := partTemplate(t, item+due+inPlace+viaPart)

	links := []Link{
		{ID: "a", Title: `Fish & "chips" <b>`, URL: "activities/a b/index.html", Note: "Video · 10 min"},
		{ID: "j", Title: "It's", URL: "javascript:alert(1)"},
		{ID: "q", Title: "Ñandú ☃", URL: "activities/x?y=1&z=<2>/index.html", Note: "<i>"},
		{ID: "a", Title: `Fish & "chips" <b>`, URL: "activities/a b/index.html", Note: "Video · 10 min"},
	}
	page := &Page{Root: "../../", Lang: "es", T: map[string]string{"min": "<min>"}}
	data := map[string]any{"Root": page.Root, "Lang": page.Lang, "T": page.T, "Page": page, "Links": links,
		"Due": StepDue{Target: "2026-10-06\" onload=\"x", Minutes: 25}}
	var want, got bytes.Buffer
	if err := tm.ExecuteTemplate(&want, "in-place", data); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time every part comes from the cache
		got.Reset()
		if err := tm.ExecuteTemplate(&got, "via-part", data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("part gave\n%s\nin place gives\n%s", got.String(), want.String())
		}
	}
	for _, bad := range []string{"<b>", `"chips"`, "javascript:", "<i>", "<min>", `" onload`} {
		if strings.Contains(got.String(), bad) {
			t.Errorf("output contains unescaped %q:\n%s", bad, got.String())
		}
	}
}

// The cache is keyed by depth and language too: the same link on a page
// elsewhere or in another language is rendered for that page.
func TestPartIsKeyedByRootAndLanguage(t *testing.T) {
	tm := partTemplate(t, `{{define "i"}}{{.Root}}{{.Title}}{{index .T "x"}}{{end}}{{part "i" .P .L}}`)
	l := Link{Title: "a"}
	var out []string
	for _, p := range []*Page{
		{Root: "../", Lang: "en", T: map[string]string{"x": "!"}},
		{Root: "", Lang: "en", T: map[string]string{"x": "!"}},
		{Root: "", Lang: "es", T: map[string]string{"x": "¡"}},
	} {
		var b bytes.Buffer
		if err := tm.Execute(&b, map[string]any{"P": p, "L": l}); err != nil {
			t.Fatal(err)
		}
		out = append(out, b.String())
	}
	if want := []string{"../a!", "a!", "a¡"}; strings.Join(out, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestPartTakesAValueOrAListOfLinks(t *testing.T) {
	tm := partTemplate(t, `{{define "i"}}[{{.Title}}]{{end}}{{define "v"}}[{{.V}}]{{end}}{{part "i" .P .One}}{{part "i" .P .Many}}{{part "v" .P .Other}}`)
	var b bytes.Buffer
	err := tm.Execute(&b, map[string]any{"P": &Page{}, "One": Link{Title: "a"}, "Many": []Link{{Title: "b"}, {Title: "c"}}, "Other": []string{"x"}})
	if err != nil || b.String() != "[a][b][c][[x]]" {
		t.Fatalf("got %q, %v", b.String(), err)
	}
}

func TestPartNamesWhatIsMissing(t *testing.T) {
	tm := partTemplate(t, `{{part "nope" .P .L}}`)
	err := tm.Execute(&bytes.Buffer{}, map[string]any{"P": &Page{}, "L": []Link{{ID: "a"}}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v, want one naming the missing template", err)
	}
	tm = partTemplate(t, `{{define "i"}}x{{end}}{{part "i" .P .L}}`)
	err = tm.Execute(&bytes.Buffer{}, map[string]any{"P": (*Page)(nil), "L": Link{}})
	if err == nil || !strings.Contains(err.Error(), "give the page") {
		t.Fatalf("err = %v", err)
	}
}

// A part can use parts itself, passing its own data where a page goes.
func TestPartWithinAPart(t *testing.T) {
	tm := partTemplate(t, `{{define "outer"}}<ul>{{part "inner" . .V}}</ul>{{end}}{{define "inner"}}<li>{{.Root}}{{.Title}}{{index .T "x"}}</li>{{end}}{{part "outer" .P .L}}`)
	var b bytes.Buffer
	err := tm.Execute(&b, map[string]any{"P": &Page{Root: "../", Lang: "en", T: map[string]string{"x": "!"}}, "L": []Link{{Title: "a"}, {Title: "b"}}})
	// A list of links renders outer once per link.
	if want := "<ul><li>../a!</li></ul><ul><li>../b!</li></ul>"; err != nil || b.String() != want {
		t.Fatalf("got %q, %v; want %q", b.String(), err, want)
	}
}

// Links are cached under their URL, so two links to one URL that differ
// elsewhere (a title edited while serving) must each come out as they are.
func TestPartTellsApartLinksToTheSameURL(t *testing.T) {
	tm := partTemplate(t, `{{define "i"}}[{{.Title}}|{{.Note}}]{{end}}{{part "i" .P .L}}`)
	var out []string
	for _, l := range []Link{
		{URL: "a.html", Title: "One"}, {URL: "a.html", Title: "Two"}, {URL: "a.html", Title: "Two", Note: "n"}, {URL: "a.html", Title: "One"},
	} {
		var b bytes.Buffer
		if err := tm.Execute(&b, map[string]any{"P": &Page{}, "L": l}); err != nil {
			t.Fatal(err)
		}
		out = append(out, b.String())
	}
	if got, want := strings.Join(out, ""), "[One|][Two|][Two|n][One|]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A part that fails fails the page with text/template's message for a
// function's error, naming the part.
func TestPartErrorFailsThePage(t *testing.T) {
	tm := partTemplate(t, `{{define "item"}}{{.URL}}{{end}}{{define "bad"}}<p>{{part "item" "not the page" .}}</p>{{end}}{{define "missing"}}{{part "nope" . .}}{{end}}`)
	var b bytes.Buffer
	err := tm.ExecuteTemplate(&b, "bad", Link{URL: "x"})
	if err == nil || !strings.Contains(err.Error(), `error calling part: part "item": give the page ($) as the second argument`) {
		t.Errorf("got %v", err)
	}
	err = tm.ExecuteTemplate(&b, "missing", &Page{})
	if err == nil || !strings.Contains(err.Error(), `error calling part:`) || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("got %v", err)
	}
}
