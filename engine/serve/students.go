package serve

import (
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/site"
)

// The teacher's preview index: every student's page in the preview, at
// /_pacer/students/, made from the last good build on each request, so
// students added while the server runs are there at once. It is the dev
// server's own page: a build never writes it, so it is never published.

const (
	studentsPath = "/_pacer/students/"
	// studentsPage is the index as a page path in reload messages.
	studentsPage = "_pacer/students/index.html"
)

// roster is what the index shows.
type roster struct {
	lang     string
	words    map[string]string
	students []site.Student
}

func rosterOf(up *site.Update) roster {
	r := roster{lang: "en", students: slices.Clone(up.Students)}
	if up.Course != nil && up.Course.Config != nil {
		r.lang = up.Course.Config.Language
	}
	if up.Words != nil {
		r.lang, r.words = up.Words(r.lang)
	}
	return r
}

// same reports whether two rosters list the same students, links and
// merged progress.
func (r roster) same(o roster) bool {
	return slices.Equal(r.students, o.students)
}

func (r roster) t(key, def string) string {
	if w, ok := r.words[key]; ok && w != "" {
		return w
	}
	return def
}

// printNewStudents prints the links of the students a rebuild added.
func (s *Server) printNewStudents(was, now roster) {
	old := map[string]bool{}
	for _, st := range was.students {
		old[st.Token] = true
	}
	for _, st := range now.students {
		if !old[st.Token] {
			s.opts.Log.Write([]byte("new student page: " + st.Name + " " + s.url + strings.TrimSuffix(st.Path, "index.html") + mergedMark(st) + "\n"))
		}
	}
}

var studentsTmpl = template.Must(template.New("students").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Intro}}</p>
{{- if .Students}}
<ul>
{{- range .Students}}
<li><a href="{{.Link}}">{{.Name}}</a>{{if .Group}} ({{.Group}}){{end}}{{if .Merged}} · {{$.Merged}}{{end}}</li>
{{- end}}
</ul>
{{- else}}
<p>{{.None}}</p>
{{- end}}
</main>
</body>
</html>
`))

// studentsIndex answers /_pacer/students/.
func (s *Server) studentsIndex(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != studentsPath {
		http.Redirect(w, r, studentsPath, http.StatusMovedPermanently)
		return
	}
	s.mu.RLock()
	ro := s.roster
	s.mu.RUnlock()
	type row struct {
		Name, Group, Link string
		Merged            bool
	}
	view := struct {
		Lang, Title, Intro, None, Merged string
		Students                         []row
	}{
		Lang:   ro.lang,
		Title:  ro.t("serve.students.title", "Students' pages in this preview"),
		Intro:  ro.t("serve.students.intro", "For you only: pacer serve shows this list on this computer, and a build never publishes it. Each link opens a student's page in the preview."),
		None:   ro.t("serve.students.none", "No students yet."),
		Merged: ro.t("serve.students.merged", "carries progress from a receipt"),
	}
	for _, st := range ro.students {
		view.Students = append(view.Students, row{Name: st.Name, Group: st.Group, Link: "/" + strings.TrimSuffix(st.Path, "index.html"), Merged: st.Merged})
	}
	var b strings.Builder
	if err := studentsTmpl.Execute(&b, view); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(s.inject([]byte(b.String())))
}
