package e2e

// The teacher's side of the loop, as a teacher meets it: students hand in
// from their own browsers, the teacher makes the report from what they
// handed in (the same engine calls as `pacer report`) and reads it from
// disk; before that, the teacher prints the link cards (the same engine
// calls as `pacer links`).

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/links"
	"github.com/pacer-edu/pacer/engine/receipt"
	"github.com/pacer-edu/pacer/engine/report"
	"github.com/pacer-edu/pacer/engine/site"
)

// handIn presses the page's "Hand in" control and returns the receipt as
// the code shown on the page and as the file it offers to download.
func handIn(t *testing.T, p *browsertest.Page) (code, file string) {
	t.Helper()
	hand := p.ByRole("region", "Hand in to my teacher")
	tap(p, hand.ByRole("button", "Make my receipt"))
	code = hand.ByRole("textbox", "Receipt code").State().Value
	if !strings.HasPrefix(code, receipt.CodePrefix) {
		t.Fatalf("the receipt code reads %.40q…, want it to start with %s", code, receipt.CodePrefix)
	}
	file = downloaded(t, p, hand.ByRole("link", "Download the receipt"))
	return code, file
}

// tableRow returns the cells of the row of a report table whose header
// cell is a student's name, keyed by their column's label (the label of
// the column's sort button, or the header's text).
func tableRow(t *testing.T, p *browsertest.Page, table, name string) map[string]string {
	t.Helper()
	return browsertest.Eval[map[string]string](p, `(() => {
		const table = document.getElementById(`+jsString(table)+`);
		if (!table) return null;
		const cols = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
		const row = [...table.querySelectorAll("tbody tr")].find(tr => tr.querySelector("th").textContent.trim() === `+jsString(name)+`);
		if (!row) return null;
		const out = {};
		[...row.children].forEach((c, i) => { out[cols[i]] = c.textContent.replace(/\s+/g, " ").trim(); });
		return out;
	})()`)
}

// Two students work in their own browsers, hand in (one as a code, one as
// the downloaded file), and the report made from the receipts shows both,
// the step one of them needs support on, and the self-ratings; it passes
// axe-core when opened from disk.
func TestHandInReachesTheTeacherReport(t *testing.T) {
	root := moduleRoot(t)
	c := buildCourse(t, root) // sets PACER_SECRET for the build and the report
	const day = "2026-09-21"
	const maya, jonah = "Maya T.", "Jonah B."

	// Maya does her next step's activity and rates herself "Got it".
	m := browsertest.NewPage(t)
	c.openStudent(t, m, maya, day)
	act := m.ByRole("region", "Next up").ByRole("link", "").State().Name
	mayaComp := browsertest.Eval[string](m, `document.querySelector("#pacer-next .next-step").textContent`)
	mstep := card(m, mayaComp)
	tap(m, mstep.ByRole("button", "Mark done: "+act))
	tap(m, mstep.ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	waitStatus(t, m, mayaComp, "Practicing")

	// Jonah, in another profile, answers two quick checks about
	// equivalent fractions wrong, and still rates himself "Can teach it".
	j := browsertest.NewPage(t)
	c.openStudent(t, j, jonah, day) // remembers him on this device
	c.open(j, c.activity("fraction-strip-folding"), day, "activity")
	const q1, q2 = "Which fraction is equivalent to 3/4?", "2/3 = ?/12"
	answer(j, question(j, q1), "single", "4/5")
	question(j, q1).ByRole("status", "").WaitText("Not quite.")
	answer(j, question(j, q2), "short", "6")
	question(j, q2).ByRole("status", "").WaitText("Not quite.")
	j.ExpectLoad(func() { j.ByRole("navigation", "Your playlist").ByRole("link", "Back to my playlist").Click() })
	waitForClient(j, "student")
	const support = "Equivalent fractions"
	waitStatus(t, j, support, "Needs support")
	tap(j, card(j, support).ByRole("group", "How well can you do this now?").ByRole("radio", "Can teach it"))
	waitStatus(t, j, support, "Needs support")

	// Both hand in; the code and the file are the same receipt.
	dir := t.TempDir()
	for _, s := range []struct {
		name, file string
		p          *browsertest.Page
		useFile    bool
	}{{maya, "maya.txt", m, false}, {jonah, "jonah.json", j, true}} {
		code, file := handIn(t, s.p)
		fromCode, err := receipt.Decode([]byte(code), c.key)
		if err != nil {
			t.Fatalf("%s's receipt code: %v", s.name, err)
		}
		fromFile, err := receipt.Decode([]byte(file), c.key)
		if err != nil {
			t.Fatalf("%s's receipt file: %v", s.name, err)
		}
		if a, b := fmt.Sprintf("%+v", *fromCode), fmt.Sprintf("%+v", *fromFile); a != b {
			t.Errorf("%s's receipt code and file differ:\ncode %s\nfile %s", s.name, a, b)
		}
		if fromCode.Name != s.name || fromCode.Today != day {
			t.Errorf("%s's receipt: name %q, today %q", s.name, fromCode.Name, fromCode.Today)
		}
		data := code + "\n"
		if s.useFile {
			data = file
		}
		if err := os.WriteFile(filepath.Join(dir, s.file), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The teacher's report, made as `pacer report DIR -o FILE` makes it.
	res := site.Inspect(site.Options{Root: root})
	if res.Diags.HasErrors() {
		t.Fatalf("inspecting the example course: %v", res.Diags)
	}
	srcs, probs, err := report.Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	r := report.Make(report.RosterOf(res), srcs, probs, time.Now())
	if r.Read != 2 || len(r.Problems) != 0 || r.HandedIn() != 2 {
		t.Fatalf("the report read %d receipts (%d students) with problems %v; want both students' and none", r.Read, r.HandedIn(), r.Problems)
	}
	out := filepath.Join(t.TempDir(), "report.html")
	if err := report.Write(out, r); err != nil {
		t.Fatal(err)
	}

	// The teacher opens it from disk.
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, out))
	p.ByRole("heading", "Class report: Grade 6 Math — Ratios and Rates").Wait()
	p.AssertAxe(t)

	glance := p.ByRole("region", "At a glance")
	glance.WaitText("2 of 6 students handed in a receipt.")
	glance.WaitText("Needs support: " + jonah + " on " + support)

	// The heat map names both, with their status and latest self-rating.
	p.ByRole("region", "Status and latest self-rating of each student in each competency").Wait()
	for _, want := range []struct{ name, comp, status, self string }{
		{maya, mayaComp, "Practicing", "latest self-rating 3 of 4 (Got it)"},
		{jonah, support, "Needs support", "latest self-rating 4 of 4 (Can teach it)"},
	} {
		row := tableRow(t, p, "map-table", want.name)
		if row == nil {
			t.Errorf("the heat map has no row for %s", want.name)
			continue
		}
		if got := row[want.comp]; !strings.HasPrefix(got, want.status) || !strings.Contains(got, want.self) {
			t.Errorf("heat map, %s, %s: %q, want %s with the %s", want.name, want.comp, got, want.status, want.self)
		}
		if got := row["Latest receipt"]; got == "" || strings.Contains(got, "not handed in") {
			t.Errorf("heat map, %s: latest receipt %q", want.name, got)
		}
	}
	if row := tableRow(t, p, "map-table", "Leo K."); row == nil || row["Latest receipt"] != "not handed in" {
		t.Errorf("heat map, Leo K. (handed in nothing): %v", row)
	}

	// Who needs support on what: Jonah on equivalent fractions, with his
	// checks and his self-rating; Maya nowhere.
	p.ByRole("heading", "Needs support").Wait()
	row := tableRow(t, p, "support-table", jonah)
	if row == nil {
		t.Fatalf("the needs-support table has no row for %s: %q", jonah, p.ByCSS("#support").Text())
	}
	if row["Competency"] != support || row["Checks"] != "0 of the last 2 right" || !strings.Contains(row["Latest self-rating"], "Can teach it") {
		t.Errorf("needs support, %s: %v; want %s, 0 of the last 2 right, Can teach it", jonah, row, support)
	}
	if tableRow(t, p, "support-table", maya) != nil {
		t.Errorf("%s is listed as needing support", maya)
	}
	// A self-rating above what the checks show is flagged.
	if row := tableRow(t, p, "calibration-table", jonah); row == nil || row["Competency"] != support || row["Reading"] != "rates higher than the checks show" {
		t.Errorf("calibration, %s: %v", jonah, row)
	}
	// His answers rode along with the receipt: two first tries, both
	// wrong, no practice; Maya answered none.
	if row := tableRow(t, p, "answers-table", jonah); row == nil || row["Competency"] != support || row["First tries"] != "0 of 2 right" || row["Practice answers"] != "0" {
		t.Errorf("answers, %s: %v; want %s, 0 of 2 right, no practice", jonah, row, support)
	}
	if tableRow(t, p, "answers-table", maya) != nil {
		t.Errorf("%s answered no quick check, yet has answers listed", maya)
	}
	// What each student's file already says to them sits beside their row.
	if row := tableRow(t, p, "map-table", maya); row == nil || !strings.Contains(row["In the student's file"], "Confirmed: Ratio language") {
		t.Errorf("heat map, %s: the teacher's confirmation is not beside the row: %v", maya, row)
	}
	if row := tableRow(t, p, "map-table", jonah); row == nil || !strings.Contains(row["In the student's file"], "Feedback on Ratio language: “Your tape diagram") {
		t.Errorf("heat map, %s: the teacher's feedback is not beside the row: %v", jonah, row)
	}
	noneOffHost(t, m, j, p)
}

// The printable page of link cards is self-contained, accessible at a
// desktop and a phone width, shows each student's name, link and QR code,
// and keeps each card whole when printed.
func TestLinkCardsAreAccessibleAndScannable(t *testing.T) {
	root := moduleRoot(t)
	t.Setenv("PACER_SECRET", "teacher-flow")
	res := site.Inspect(site.Options{Root: root})
	if res.Diags.HasErrors() {
		t.Fatalf("inspecting the example course: %v", res.Diags)
	}
	const base = "https://school.example/math/"
	roster := links.RosterOf(res, base)
	_, cards, err := links.Write(filepath.Join(t.TempDir(), "links"), roster)
	if err != nil {
		t.Fatal(err)
	}
	if len(roster.Students) != 6 {
		t.Fatalf("the roster has %d students, want the example course's 6", len(roster.Students))
	}

	p := browsertest.NewPage(t)
	url := browsertest.FileURL(t, cards)
	for _, width := range []int64{1280, 320} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			p := p.For(t)
			p.Viewport(width, 800)
			p.Navigate(url)
			p.ByRole("heading", "Student links: Grade 6 Math — Ratios and Rates").Wait()
			p.AssertAxe(t)
			if w := browsertest.Eval[int](p, `document.documentElement.scrollWidth`); w > int(width) {
				t.Errorf("at %d px the page is %d px wide: it scrolls sideways", width, w)
			}
			for _, s := range roster.Students {
				if !strings.HasPrefix(s.Link, base+"s/") || strings.HasSuffix(s.Link, "index.html") {
					t.Errorf("%s's link is %q", s.Name, s.Link)
				}
				cardOf := p.ByCSS("article.card").WithText(s.Name)
				cardOf.ByRole("heading", s.Name).Wait()
				if href := cardOf.ByRole("link", s.Link).State().HTML; !strings.Contains(href, `href="`+s.Link+`"`) {
					t.Errorf("%s's card links elsewhere: %s", s.Name, href)
				}
				cardOf.ByRoleContaining("img", s.Name).Wait() // the QR code, named for the student
			}
			if n := p.ByCSS("article.card").Count(); n != len(roster.Students) {
				t.Errorf("%d cards shown, want %d", n, len(roster.Students))
			}
			p.AssertClean(t)
			for _, u := range p.Requests() {
				if u != url {
					t.Errorf("the page requested %s: it must be self-contained", u)
				}
			}
		})
	}

	// Printed on A4 or Letter (about 718 px of printable width), no card
	// is split across pages: every card asks not to be, and fits on one.
	p.Viewport(718, 980)
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("emulating print: %v", err)
	}
	type box struct {
		Name, Break, Legacy string
		Height              float64
	}
	printed := browsertest.Eval[struct {
		About string
		Cards []box
	}](p, `({
		about: getComputedStyle(document.querySelector(".about")).display,
		cards: [...document.querySelectorAll("article.card")].map(c => ({
			name: c.querySelector("h2").textContent,
			break: getComputedStyle(c).breakInside,
			legacy: getComputedStyle(c).pageBreakInside,
			height: c.getBoundingClientRect().height,
		})),
	})`)
	if printed.About != "none" {
		t.Errorf("print styles are not applied: the teacher's notes show (display %q)", printed.About)
	}
	// The printable height of a Letter page with 10 mm margins, in CSS px.
	const pageHeight = (279.4 - 20) / 25.4 * 96
	for _, c := range printed.Cards {
		if c.Break != "avoid" || c.Legacy != "avoid" {
			t.Errorf("%s's card may split across printed pages: break-inside %q, page-break-inside %q", c.Name, c.Break, c.Legacy)
		}
		if c.Height <= 0 || c.Height > pageHeight {
			t.Errorf("%s's card is %.0f px tall in print: it does not fit one page (%.0f px)", c.Name, c.Height, pageHeight)
		}
	}
	if len(printed.Cards) != len(roster.Students) {
		t.Errorf("%d cards in print, want %d", len(printed.Cards), len(roster.Students))
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatalf("ending print emulation: %v", err)
	}
	p.AssertClean(t)
}
