package links

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/teacherpage"
	"github.com/pacer-edu/pacer/themes"
)

// ScanFile is the teacher's scan page, beside the cards.
const ScanFile = "scan.html"

// scanEntry is the default theme's script of the scan page.
const scanEntry = "assets/scan.ts"

//go:embed scan.html
var scanHTML string

//go:embed scan.css
var scanCSS string

var scanTmpl = template.Must(teacherpage.Parse("scan", scanHTML, nil))

// scanScript is the scan page's script, bundled once per process: it is
// the built-in theme's, the same for every site.
var scanScript = sync.OnceValues(func() ([]byte, error) {
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		return nil, err
	}
	js, err := assets.Script(theme, scanEntry, "")
	if err != nil {
		return nil, err
	}
	if bytes.Contains(bytes.ToLower(js), []byte("</script")) {
		return nil, fmt.Errorf("links: the scan page's script holds </script")
	}
	return js, nil
})

// scanData is what the page's script reads: the site key, the roster (the
// page names each student as their receipt comes in) and its messages.
type scanData struct {
	Site     string            `json:"site"`
	Title    string            `json:"title"`
	Students []scanStudent     `json:"students"`
	Msg      map[string]string `json:"msg"`
	Lang     string            `json:"lang"`
}

type scanStudent struct {
	Token string `json:"t"`
	Name  string `json:"n"`
	// Said is what the student's file says to them (confirmed mastery,
	// feedback), in words, shown beside their name once they are in.
	Said []string `json:"s,omitempty"`
}

// WriteScan writes the scan page: one self-contained HTML file (inline
// script and style allowed by their hashes, nothing fetched) that reads
// hand-in QR codes with the camera, shows who is in and who is missing,
// and saves the receipts as one file for pacer report. It holds the
// students' names and tokens: it is as private as the cards.
func (r *Roster) WriteScan(w io.Writer) error {
	js, err := scanScript()
	if err != nil {
		return err
	}
	t, lang := r.scanTextFor(r.Language)
	d := scanData{Site: r.SiteKey, Title: r.Title, Msg: t.Msg, Lang: lang}
	_, words := r.words(lang)
	for _, s := range r.Students {
		st := scanStudent{Token: s.Token, Name: s.Name}
		for _, c := range s.Confirmed {
			st.Said = append(st.Said, strings.ReplaceAll(words["scan.confirmed"], "{competency}", c))
		}
		for _, f := range s.Feedback {
			st.Said = append(st.Said, strings.NewReplacer("{competency}", f.Competency, "{text}", f.Text).Replace(words["scan.feedback"]))
		}
		d.Students = append(d.Students, st)
	}
	// its own inline script, and the camera's frames as blob: and
	// mediastream: URLs
	view := struct {
		Head     teacherpage.Head
		Title    string
		T        scanText
		Students []Student
		Data     scanData // html/template writes it as JSON, escaped for a script element
		Script   template.HTML
	}{Head: teacherpage.NewHead(lang, t.Title+": "+r.Title, scanCSS, string(js), "img-src data: blob:", "media-src blob: mediastream:"),
		Title: r.Title, T: t, Students: r.Students, Data: d, Script: template.HTML("<script>" + string(js) + "</script>")}
	return scanTmpl.Execute(w, view)
}
