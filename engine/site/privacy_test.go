package site

import (
	"bytes"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"testing"
)

// moduleRoot is the repository root, where the example course lives.
func moduleRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// scanPrivacy fails t when a student's name, id, notes or token appears in
// any output file other than that student's own page.
func scanPrivacy(t *testing.T, res *Result) {
	t.Helper()
	if len(res.Students) == 0 {
		t.Fatal("no students to scan for")
	}
	type secret struct{ what, text string }
	owner := map[string]string{} // own page path -> student id
	needles := map[string][]secret{}
	for _, s := range res.Students {
		owner[s.Path] = s.ID
		st := res.Course.Student[s.ID]
		list := []secret{{"id", s.ID}, {"token", s.Token}, {"name", s.Name}, {"escaped name", html.EscapeString(s.Name)}}
		if st.Notes != "" {
			list = append(list, secret{"notes", st.Notes})
		}
		// The teacher's words to the student: their own page only.
		for _, f := range st.Feedback {
			list = append(list, secret{"feedback", f.Text}, secret{"escaped feedback", html.EscapeString(f.Text)})
		}
		for _, k := range st.Confirmed {
			if k.Note != "" {
				list = append(list, secret{"confirmed note", k.Note}, secret{"escaped confirmed note", html.EscapeString(k.Note)})
			}
		}
		needles[s.ID] = list
	}
	files := 0
	err := filepath.WalkDir(res.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(res.Out, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for id, list := range needles {
			for _, n := range list {
				if owner[rel] == id && n.what != "notes" {
					continue // a student's own page may name them
				}
				if bytes.Contains(data, []byte(n.text)) {
					t.Errorf("%s contains the %s of student %q", rel, n.what, id)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < len(res.Students)+3 {
		t.Fatalf("scanned only %d files", files)
	}
	// A static server that lists folders without an index.html must find
	// one in every folder that holds students' folders.
	for _, s := range res.Students {
		dir := path.Dir(path.Dir(s.Path))
		index, err := os.ReadFile(filepath.Join(res.Out, filepath.FromSlash(dir), "index.html"))
		if err != nil {
			t.Errorf("%s/ has no index.html, so a server listing folders lists every student's token: %v", dir, err)
			continue
		}
		if !bytes.Contains(index, []byte(`<meta name="robots" content="noindex">`)) {
			t.Errorf("%s/index.html is not noindex", dir)
		}
	}
}

func TestExampleCourseLeaksNoStudentData(t *testing.T) {
	t.Setenv("PACER_SECRET", "privacy-test")
	res, err := Build(Options{Root: moduleRoot(t), Out: filepath.Join(t.TempDir(), "public"), Secret: []byte("privacy-test")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("example course has errors:\n%v", res.Diags.Items())
	}
	scanPrivacy(t, res)
	// Each student's own page does show their name.
	for _, s := range res.Students {
		page, _ := os.ReadFile(filepath.Join(res.Out, s.Path))
		if !bytes.Contains(page, []byte(html.EscapeString(s.Name))) {
			t.Errorf("%s's page does not greet them by name", s.ID)
		}
	}
}

func TestRosterOutsideTheCourseAndEscapedNames(t *testing.T) {
	t.Setenv("PACER_SECRET", "privacy-test")
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"course/site.yaml":                 "title: Open course\nstudents: {dir: ../roster}\n",
		"course/content/competencies/a.md": "---\ntitle: A\ncan: I can A.\n---\n",
		"course/content/activities/a1.md":  "---\ntitle: A1\nfor: [a]\nmodality: reading\nminutes: 5\n---\n```check\nq: Right?\nchoices: [yes, no]\nanswer: 1\n```\n",
		"course/content/units/u.md":        "---\ntitle: U\ncompetencies: [a]\n---\n",
		"roster/groups/class.yaml":         "units: [u]\n",
		"roster/students/zoe-a.yaml":       "name: <b>Zoë & \"Al\"</b>\ngroup: class\nnotes: Private note about Zoë.\n",
		"roster/students/kim-b.yaml":       "name: Kim B.\ngroup: class\nnotes: Another private note.\n",
	})
	res, err := Build(Options{Root: filepath.Join(dir, "course")})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	if len(res.Students) != 2 {
		t.Fatalf("want 2 students from ../roster, got %d", len(res.Students))
	}
	scanPrivacy(t, res)
	for _, s := range res.Students {
		page, _ := os.ReadFile(filepath.Join(res.Out, s.Path))
		if s.ID == "zoe-a" {
			if bytes.Contains(page, []byte("<b>Zoë")) {
				t.Error("a student's name must be HTML-escaped")
			}
			if !bytes.Contains(page, []byte("&lt;b&gt;Zoë &amp; &#34;Al&#34;&lt;/b&gt;")) {
				t.Errorf("escaped name missing from Zoë's page")
			}
		}
	}
}

// A teacher's feedback and confirmed mastery show on the student's own
// page, server-rendered (no script needed), and on no other page.
func TestFeedbackAndConfirmedShowOnlyOnTheStudentsOwnPage(t *testing.T) {
	t.Setenv("PACER_SECRET", "privacy-test")
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"site.yaml":                 "title: Course\nmastery:\n  scale: [Not yet, Getting there, Got it, Can teach it]\n",
		"content/competencies/a.md": "---\ntitle: Alpha\ncan: I can A.\n---\n",
		"content/competencies/b.md": "---\ntitle: Beta\ncan: I can B.\n---\n",
		"content/activities/a1.md":  "---\ntitle: A1\nfor: [a, b]\nmodality: reading\nminutes: 5\n---\n```check\nq: Right?\nchoices: [yes, no]\nanswer: 1\n```\n",
		"content/units/u.md":        "---\ntitle: U\ncompetencies: [a, b]\n---\n",
		"content/students/zoe.yaml": "name: Zoë A.\nunits: [u]\nfeedback:\n  b: {date: 2026-10-02, text: \"Your <tape> diagrams & tables are clear.\"}\n" +
			"confirmed:\n  a: {date: 2026-10-09, level: 3, note: \"Explained unit price at the store project.\"}\n",
		"content/students/kim.yaml": "name: Kim B.\nunits: [u]\n",
	})
	res, err := Build(Options{Root: dir})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	scanPrivacy(t, res)
	for _, s := range res.Students {
		page, _ := os.ReadFile(filepath.Join(res.Out, s.Path))
		has := bytes.Contains(page, []byte("Your &lt;tape&gt; diagrams &amp; tables are clear.")) &&
			bytes.Contains(page, []byte("Explained unit price at the store project.")) &&
			bytes.Contains(page, []byte("Your teacher saw you master this: <strong>Got it</strong>"))
		if s.ID == "zoe" && !has {
			t.Errorf("Zoë's page does not show her teacher's feedback and confirmation:\n%s", page)
		}
		if s.ID == "kim" && bytes.Contains(page, []byte("teacher-notes")) {
			t.Error("Kim's page has a teacher's notes section without notes")
		}
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
