package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/report"
	"github.com/pacer-edu/pacer/engine/site"
)

// Issue 17 as a new user tries it, end to end: students hand in from
// their pages, the teacher makes the report, writes feedback for two and
// confirms one, builds with --receipts; each student on a fresh browser
// profile sees their own work, the feedback and the confirmation, and no
// one else's. (The QR leg, ten students through the scan page's camera
// into one file that makes the same report, is
// TestTenStudentsHandInByQRAndTheScanPageMakesTheSameReport.)
func TestTheLoopBackToTheTeacherAndBackToTheStudent(t *testing.T) {
	dir, _ := classOfTen(t)
	c := buildCourse(t, dir)
	const day = "2026-09-21"
	const maya, jonah = "Maya T.", "Jonah B."

	// Friday: two students work and hand in, each in their own browser.
	rdir := t.TempDir()
	did := map[string]string{}
	for _, name := range []string{maya, jonah} {
		p := browsertest.NewPage(t)
		c.openStudent(t, p, name, day)
		act := p.ByRole("region", "Next up").ByRole("link", "").State().Name
		comp := browsertest.Eval[string](p, `document.querySelector("#pacer-next .next-step").textContent`)
		tap(p, card(p, comp).ByRole("button", "Mark done: "+act))
		settle(p)
		did[name] = act
		_, file := handIn(t, p)
		if err := os.WriteFile(filepath.Join(rdir, strings.Fields(name)[0]+".json"), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Monday: the report reads both.
	res := site.Inspect(site.Options{Root: dir, Secret: []byte("student-tests")})
	srcs, probs, err := report.Collect([]string{rdir})
	if err != nil {
		t.Fatal(err)
	}
	if r := report.Make(report.RosterOf(res), srcs, probs, time.Now()); r.HandedIn() != 2 || len(r.Problems) != 0 {
		t.Fatalf("the report took %d students' receipts, problems %v", r.HandedIn(), r.Problems)
	}

	// The teacher writes feedback for both and confirms one of Jonah's
	// competencies, in their files.
	const toMaya, toJonah = "Your ratio tables are tidy: try the graph next.", "Keep asking for help after two wrong checks: it works."
	appendTo := func(id, yaml string) {
		f, err := os.OpenFile(filepath.Join(dir, "content", "students", id+".yaml"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(yaml); err != nil {
			t.Fatal(err)
		}
	}
	appendTo("maya-t", "feedback:\n  ratio-language: {date: 2026-09-21, text: \""+toMaya+"\"}\n")
	jb := filepath.Join(dir, "content", "students", "jonah-b.yaml")
	data, err := os.ReadFile(jb)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "feedback:\n", "feedback:\n  multiplication-facts: {date: 2026-09-21, text: \""+toJonah+"\"}\n", 1))
	if err := os.WriteFile(jb, data, 0o644); err != nil {
		t.Fatal(err)
	}
	appendTo("jonah-b", "confirmed:\n  multiplication-facts: {date: 2026-09-21, level: 3, note: \"Fluent at the board.\"}\n")

	// …and builds with the receipts, into the same site.
	out, err := site.Build(site.Options{Root: dir, Out: c.out, Secret: []byte("student-tests"), Receipts: rdir})
	if err != nil || out.Diags.HasErrors() {
		t.Fatalf("build with receipts: %v %v", err, out.Diags)
	}

	// Each student, on a fresh browser profile, finds their own work and
	// their teacher's words.
	for _, s := range []struct{ name, said string }{{maya, toMaya}, {jonah, toJonah}} {
		f := browsertest.NewPage(t)
		c.openStudent(t, f, s.name, day)
		f.ByRole("button", "Mark done: "+did[s.name]).Wait()
		if !pressed(f.ByRole("button", "Mark done: "+did[s.name])) {
			t.Errorf("%s, on a fresh profile, does not find %q done", s.name, did[s.name])
		}
		f.ByRole("region", "From your teacher").WaitText(s.said)
		if s.name == jonah {
			f.ByRole("region", "From your teacher").WaitText("Fluent at the board.")
			waitStatus(t, f, "Multiplication and division facts", "Mastered")
		}
	}

	// No one else's: each text is in its student's page only.
	pages := map[string]string{}
	for name, path := range c.students {
		pages[name] = path
	}
	err = filepath.WalkDir(c.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(c.out, p)
		for owner, text := range map[string]string{maya: toMaya, jonah: toJonah} {
			if strings.Contains(string(b), text) && filepath.ToSlash(rel) != pages[owner] {
				t.Errorf("%s's feedback is in %s", owner, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
