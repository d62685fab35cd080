package teacherpage

import (
	"bytes"
	"html"
	"strings"
	"testing"
)

// A page's head allows its own inline style (and script) by their hashes
// and nothing else, and escapes what the page puts in it.
func TestTheHeadAllowsOnlyThePagesOwnStyleAndScript(t *testing.T) {
	tmpl, err := Parse("p", `{{template "head" .}}<body></body>`, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := NewHead("es", `Report: <Period 2>`, "p{color:red}", "x()", "media-src blob:")
	var b bytes.Buffer
	if err := tmpl.Execute(&b, h); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<Period") {
		t.Errorf("the title is not escaped:\n%s", b.String())
	}
	got := html.UnescapeString(b.String())
	for _, want := range []string{
		`<html lang="es">`,
		`<meta name="robots" content="noindex">`,
		`<title>Report: <Period 2></title>`,
		`<style>p{color:red}</style>`,
		"script-src " + Hash("x()"),
		"style-src " + Hash("p{color:red}"),
		"media-src blob:",
		"img-src data:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the head lacks %s:\n%s", want, got)
		}
	}
	if n := NewHead("en", "t", "s", ""); strings.Contains(n.CSP, "script-src") || !strings.HasPrefix(n.CSP, "default-src 'none'") {
		t.Errorf("a page without script: CSP %q", n.CSP)
	}
	if n := NewHead("en", "t", "s", "", "img-src data: blob:"); strings.Count(n.CSP, "img-src") != 1 || !strings.Contains(n.CSP, "img-src data: blob:") {
		t.Errorf("img-src replaced: CSP %q", n.CSP)
	}
}
