package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestLinksRendersAsInPlace checks that the cached links function gives
// exactly what the same item template gives when ranged over in place,
// with the characters html/template must escape in text, attributes and
// URLs, and that a link seen twice is served from the cache unchanged.
func TestLinksRendersAsInPlace(t *testing.T) {
	const item = `{{define "item"}}<li><a href="{{.Root}}{{.URL}}" title="{{.Title}}">{{.Title}}</a>{{with .Note}} <span>{{.}}</span>{{end}}</li>{{end}}`
	const inPlace = `{{define "in-place"}}<ul>{{range .Links}}<li><a href="{{$.Root}}{{.URL}}" title="{{.Title}}">{{.Title}}</a>{{with .Note}} <span>{{.}}</span>{{end}}</li>{{end}}</ul>{{end}}`
	const viaFunc = `{{define "via-func"}}<ul>{{links "item" .Root .Links}}</ul>{{end}}`
	tm := template.Must(template.New("t").Funcs(funcs).Parse(item + inPlace + viaFunc))
	tm.Funcs(template.FuncMap{"links": newLinkList(tm).render})

	links := []Link{
		{ID: "a", Title: `Fish & "chips" <b>`, URL: "activities/a b/index.html", Note: "Video · 10 min"},
		{ID: "j", Title: "It's", URL: "javascript:alert(1)"},
		{ID: "q", Title: "Ñandú ☃", URL: "activities/x?y=1&z=<2>/index.html", Note: "<i>"},
		{ID: "a", Title: `Fish & "chips" <b>`, URL: "activities/a b/index.html", Note: "Video · 10 min"},
	}
	data := struct {
		Root  string
		Links []Link
	}{"../../", links}
	var want, got bytes.Buffer
	if err := tm.ExecuteTemplate(&want, "in-place", data); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time every item comes from the cache
		got.Reset()
		if err := tm.ExecuteTemplate(&got, "via-func", data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("links gave\n%s\nin place gives\n%s", got.String(), want.String())
		}
	}
	for _, bad := range []string{"<b>", `"chips"`, "javascript:", "<i>"} {
		if strings.Contains(got.String(), bad) {
			t.Errorf("output contains unescaped %q:\n%s", bad, got.String())
		}
	}
}

func TestLinksNamesAMissingTemplate(t *testing.T) {
	tm := template.Must(template.New("t").Funcs(funcs).Parse(`{{links "nope" "" .}}`))
	tm.Funcs(template.FuncMap{"links": newLinkList(tm).render})
	err := tm.Execute(&bytes.Buffer{}, []Link{{ID: "a"}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v, want one naming the missing template", err)
	}
}

func TestLinksTakesOneLinkOrAList(t *testing.T) {
	tm := template.Must(template.New("t").Funcs(funcs).Parse(`{{define "i"}}[{{.Title}}]{{end}}{{links "i" "" .One}}{{links "i" "" .Many}}`))
	tm.Funcs(template.FuncMap{"links": newLinkList(tm).render})
	var b bytes.Buffer
	err := tm.Execute(&b, map[string]any{"One": Link{Title: "a"}, "Many": []Link{{Title: "b"}, {Title: "c"}}})
	if err != nil || b.String() != "[a][b][c]" {
		t.Fatalf("got %q, %v", b.String(), err)
	}
	err = tm.Execute(&bytes.Buffer{}, map[string]any{"One": "x", "Many": nil})
	if err == nil || !strings.Contains(err.Error(), "want a link or a list of links") {
		t.Fatalf("err = %v", err)
	}
}
