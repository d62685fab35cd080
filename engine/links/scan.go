package links

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/pacer-edu/pacer/engine/assets"
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

var scanTmpl = template.Must(template.New("scan").Parse(scanHTML))

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
	view := struct {
		Lang, Title, CSP string
		CSS              template.CSS
		T                scanText
		Students         []Student
		Data             scanData // html/template writes it as JSON, escaped for a script element
		Script           template.HTML
	}{Lang: lang, Title: r.Title, CSS: template.CSS(scanCSS), T: t, Students: r.Students,
		Data: d, Script: template.HTML("<script>" + string(js) + "</script>"), CSP: scanCSP(scanCSS, string(js))}
	return scanTmpl.Execute(w, view)
}

// scanCSP allows the page's own inline script and style sheet, the camera's
// stream and the photos it reads, and nothing from anywhere.
func scanCSP(style, script string) string {
	h := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return strings.Join([]string{"default-src 'none'", "script-src " + h(script), "style-src " + h(style),
		"img-src data: blob:", "media-src blob: mediastream:", "base-uri 'none'", "form-action 'none'"}, "; ")
}
