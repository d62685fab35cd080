package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// pdfText is the text of a PDF by poppler's pdftotext ("" and a skip when
// it is missing outside CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (Debian: apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is missing (Debian: apt-get install poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Every student of the example course prints a paper plan a family can
// follow on at most 3 Letter pages: each step's title and target date,
// the activities with tick boxes, the rating scale to circle and lines
// for notes; none of the page's controls or empty headings.
func TestExamplePlansPrintOnThreePagesWithStepsDatesAndScale(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	if len(c.students) == 0 {
		t.Fatal("the example course has no students")
	}
	for name := range c.students {
		t.Run(name, func(t *testing.T) {
			p := browsertest.NewPage(t)
			c.openStudent(t, p, name, "2026-09-15")
			p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
			words := browsertest.Eval[map[string]string](p, `PacerStrings`)
			p.ByRole("button", words["print.button"]).Wait()
			steps := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pacer-steps article h3")].map((h) => h.textContent)`)
			scale := browsertest.Eval[[]string](p, `PacerCourse.scale`)
			pdf := p.PrintPDF(browsertest.LetterWidth, browsertest.LetterHeight)
			n := browsertest.PDFPages(t, pdf)
			if n > 3 {
				t.Errorf("%d steps print on %d Letter pages, want at most 3", len(steps), n)
			}
			text := pdfText(t, pdf)
			t.Logf("%d steps on %d Letter pages", len(steps), n)
			if os.Getenv("PACER_PRINT_TEXT") != "" {
				t.Log(text)
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, s := range steps {
				if !strings.Contains(flat, strings.Join(strings.Fields(s), " ")) {
					t.Errorf("the printed plan lacks the step %q", s)
				}
			}
			if target := strings.TrimSpace(strings.Split(words["step.target"], "{")[0]); target == "" || !strings.Contains(text, target) {
				t.Errorf("the printed plan has no target dates:\n%s", text)
			}
			for _, s := range scale {
				if !strings.Contains(flat, s) {
					t.Errorf("the printed plan lacks %q of the rating scale", s)
				}
			}
			for _, not := range []string{words["step.support"], words["print.button"], words["act.markDone"], words["note.summary"]} {
				if strings.Contains(text, not) {
					t.Errorf("the printed plan shows %q", not)
				}
			}
			boxes := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-print .tick").length`)
			lines := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-print .print-lines").length`)
			if boxes == 0 || lines == 0 {
				t.Errorf("the paper plan has %d tick boxes and %d note lines", boxes, lines)
			}
		})
	}
}

// An activity page prints its content without the site's navigation.
func TestActivityPagePrintsWithoutNavigation(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	var act string
	filepath.WalkDir(filepath.Join(c.out, "activities"), func(path string, d os.DirEntry, err error) error {
		if err == nil && act == "" && d.Name() == "index.html" {
			act, _ = filepath.Rel(c.out, path)
		}
		return err
	})
	p := browsertest.NewPage(t)
	p.Navigate(c.url(filepath.ToSlash(act), ""))
	p.ByRole("heading", "").First().Wait()
	nav := browsertest.Eval[[]string](p, `[...document.querySelectorAll("header nav a, footer a")].map((a) => a.textContent.trim()).filter((s) => s)`)
	if len(nav) == 0 {
		t.Fatal("the activity page has no navigation to leave out")
	}
	h1 := browsertest.Eval[string](p, `document.querySelector("h1").textContent`)
	text := pdfText(t, p.PrintPDF(browsertest.LetterWidth, browsertest.LetterHeight))
	flat := strings.Join(strings.Fields(text), " ")
	if !strings.Contains(flat, strings.Join(strings.Fields(h1), " ")) {
		t.Errorf("the printed activity lacks its title %q", h1)
	}
	for _, s := range nav {
		if bytes.Contains([]byte(flat), []byte(strings.Join(strings.Fields(s), " "))) && s != h1 {
			t.Errorf("the printed activity shows the navigation link %q", s)
		}
	}
}
