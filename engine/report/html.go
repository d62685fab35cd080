package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"

	"github.com/pacer-edu/pacer/engine/privfile"
)

var (
	//go:embed report.html
	pageHTML string
	//go:embed report.css
	pageCSS string
	//go:embed report.js
	pageJS string
)

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).Parse(pageHTML))

// WriteHTML writes the report as one self-contained page: inline CSS and
// a small inline script (sorting), nothing fetched, a Content-Security-
// Policy that allows exactly those two and nothing else (so text from a
// receipt can never run as script even if it got past escaping).
func (r *Report) WriteHTML(w io.Writer) error {
	v := r.view()
	return page.Execute(w, struct {
		*view
		CSS template.CSS
		JS  template.JS
		CSP string
	}{v, template.CSS(pageCSS), template.JS(pageJS),
		"default-src 'none'; style-src " + hash(pageCSS) + "; script-src " + hash(pageJS) + "; img-src data:; base-uri 'none'; form-action 'none'"})
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
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
