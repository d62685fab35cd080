package report

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"

	"github.com/pacer-edu/pacer/engine/privfile"
	"github.com/pacer-edu/pacer/engine/teacherpage"
)

var (
	//go:embed report.html
	pageHTML string
	//go:embed report.css
	pageCSS string
	//go:embed report.js
	pageJS string
)

var page = template.Must(teacherpage.Parse("report", pageHTML, template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}))

// WriteHTML writes the report as one self-contained page: inline CSS and
// a small inline script (sorting), nothing fetched, a Content-Security-
// Policy that allows exactly those two and nothing else (so text from a
// receipt can never run as script even if it got past escaping).
func (r *Report) WriteHTML(w io.Writer) error {
	v := r.view()
	return page.Execute(w, struct {
		*view
		Head teacherpage.Head
		JS   template.JS
	}{v, teacherpage.NewHead(v.W.Lang, v.W.Title+": "+v.Title, pageCSS, pageJS), template.JS(pageJS)})
}

// Write writes the report to path through a temporary file renamed into
// place; the file is private to its owner.
func Write(path string, r *Report) error {
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		return err
	}
	return privfile.Write(path, b.Bytes())
}
