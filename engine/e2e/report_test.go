package e2e

// The teacher report, as a teacher uses it: opened from disk (file://),
// read with a screen reader or eyes (axe-core clean), sorted by any column
// with the mouse or the keyboard.

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/receipt"
	"github.com/pacer-edu/pacer/engine/report"
	"github.com/pacer-edu/pacer/engine/site"
)

// classReport writes the example course's report from a week of receipts
// (one student handed in nothing, one file is cut off) and returns its path.
func classReport(t *testing.T) string {
	t.Helper()
	t.Setenv("PACER_SECRET", "e2e-secret")
	res := site.Inspect(site.Options{Root: moduleRoot(t)})
	if res.Diags.HasErrors() {
		t.Fatalf("inspecting the example course: %v", res.Diags)
	}
	tokens := map[string]string{}
	for _, s := range res.Students {
		tokens[s.ID] = s.Token
	}
	day := func(d int) time.Time { return time.Date(2026, 11, d, 14, 0, 0, 0, time.UTC) }
	self := func(level int) []receipt.Rating { return []receipt.Rating{{Level: level, At: day(18)}} }
	recent := func(r ...bool) receipt.Checks {
		n := 0
		for _, ok := range r {
			if ok {
				n++
			}
		}
		return receipt.Checks{Right: n, Total: len(r), Recent: r}
	}
	mk := func(id string, at time.Time, pace receipt.Pace, steps ...receipt.Step) *receipt.Receipt {
		return &receipt.Receipt{Pacer: "receipt", V: 1, Site: res.SiteKey, Student: tokens[id], At: at, Today: at.Format(time.DateOnly), Pace: pace, Steps: steps}
	}
	class := map[string]*receipt.Receipt{
		"jonah.json": mk("jonah-b", day(20), receipt.Pace{Status: "behind", Days: 4},
			receipt.Step{C: "multiplication-facts", Status: "mastered", Self: self(3), Checks: recent(true, true, true)},
			receipt.Step{C: "equivalent-fractions", Status: "needs-support", Self: self(3), Checks: recent(false, true, false), Note: "The strips confused me."},
			receipt.Step{C: "ratio-language", Status: "not-started"}),
		"maya.json": mk("maya-t", day(22), receipt.Pace{Status: "on-track"},
			receipt.Step{C: "ratio-language", Status: "practicing", Self: self(2), Checks: recent(true, true, true)},
			receipt.Step{C: "equivalent-ratios", Status: "not-started"}),
		"sofia.json": mk("sofia-m", day(21), receipt.Pace{Status: "ahead", Days: 2},
			receipt.Step{C: "ratio-language", Status: "mastered", Self: self(4), Checks: recent(true, true, false), Note: "Me ayudó el video."}),
		"theo.json": mk("theo-w", day(23), receipt.Pace{Status: "behind", Days: 1},
			receipt.Step{C: "unit-rate", Status: "practicing", Self: self(3), Checks: recent(true, false)}),
		"leo.json": mk("leo-k", day(24), receipt.Pace{Status: "ahead", Days: 5},
			receipt.Step{C: "ratio-language", Status: "placed"},
			receipt.Step{C: "equivalent-ratios", Status: "mastered", Self: self(4), Checks: recent(true, true, true)}),
	}
	class["jonah.json"].Goals = []string{"Ask for help when two checks in a row are wrong."}
	dir := t.TempDir()
	for name, r := range class {
		b, err := receipt.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "cut.json"), []byte(`{"pacer": "receipt", "v": 1, "site": "`), 0o644)

	srcs, probs, err := report.Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	r := report.Make(report.RosterOf(res), srcs, probs, day(25))
	if r.Read != 5 || len(r.Problems) != 1 {
		t.Fatalf("read %d receipts with problems %v; want 5 and the cut-off one", r.Read, r.Problems)
	}
	out := filepath.Join(t.TempDir(), "report.html")
	if err := report.Write(out, r); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReportIsAccessibleAndSortsByAnyColumnWithMouseOrKeyboard(t *testing.T) {
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, classReport(t)))
	p.ByRole("heading", "Class report: Grade 6 Math — Ratios and Rates").Wait()
	p.AssertAxe(t)

	heatMap := p.ByRole("region", "Status and latest self-rating of each student in each competency")
	rows := func() []string {
		return browsertest.Eval[[]string](p, `[...document.querySelectorAll("#map-table tbody th")].map(th => th.textContent)`)
	}
	sortState := func() []string {
		return browsertest.Eval[[]string](p, `[...document.querySelectorAll("#map-table thead th[aria-sort]")].map(th => th.textContent + " " + th.getAttribute("aria-sort"))`)
	}
	check := func(what string, wantRows []string, wantSort string) {
		t.Helper()
		if got := rows(); !slices.Equal(got, wantRows) {
			t.Errorf("%s: rows %q, want %q", what, got, wantRows)
		}
		if got := sortState(); !slices.Equal(got, []string{wantSort}) {
			t.Errorf("%s: aria-sort on %q, want only %q", what, got, wantSort)
		}
	}
	check("as written", []string{"Jonah B.", "Leo K.", "Maya T.", "Priya S.", "Sofía M.", "Theo W."}, "Student ascending")

	// Pace sorts by school days, most behind first; no receipt goes last.
	heatMap.ByRole("button", "Pace").Click()
	check("Pace clicked", []string{"Jonah B.", "Theo W.", "Maya T.", "Sofía M.", "Leo K.", "Priya S."}, "Pace ascending")
	p.ByRole("status", "").WaitText("Sorted by Pace, ascending")

	// Enter on the same button reverses it.
	heatMap.ByRole("button", "Pace").Press("Enter")
	check("Enter on Pace", []string{"Leo K.", "Sofía M.", "Maya T.", "Theo W.", "Jonah B.", "Priya S."}, "Pace descending")

	// Tab reaches the next header's button; Space sorts by it.
	heatMap.ByRole("button", "Pace").Focus()
	p.Press("Tab")
	if f := p.Focused(); f == nil || f.Role != "button" || f.Name != "Latest receipt" {
		t.Fatalf("Tab from Pace focused %+v, want the Latest receipt button", f)
	}
	p.Press("Space")
	check("Space on Latest receipt", []string{"Jonah B.", "Sofía M.", "Maya T.", "Theo W.", "Leo K.", "Priya S."}, "Latest receipt ascending")

	// A competency column sorts by status: needs support first.
	heatMap.ByRole("button", "Equivalent fractions").Click()
	if got := rows(); got[0] != "Jonah B." {
		t.Errorf("sorted by Equivalent fractions, the first row is %q, want Jonah B. (needs support)", got[0])
	}
	heatMap.ByRole("button", "Student").Press("Enter")
	check("Enter on Student", []string{"Jonah B.", "Leo K.", "Maya T.", "Priya S.", "Sofía M.", "Theo W."}, "Student ascending")

	// The other tables sort too.
	p.ByRole("button", "School days behind").Click()
	if got := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#behind-table tbody th")].map(th => th.textContent)`); !slices.Equal(got, []string{"Theo W.", "Jonah B."}) {
		t.Errorf("behind pace, sorted ascending: %q", got)
	}
	p.AssertAxe(t)
}
