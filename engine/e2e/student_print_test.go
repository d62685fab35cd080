package e2e

import (
	"bytes"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// pdfText is the text of a PDF by poppler's pdftotext ("" and a skip when
// it is missing outside CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return pdfToText(t, pdf, "-layout")
}

// pdfToText is the text of a PDF by pdftotext in a mode: -layout keeps
// columns side by side, -raw keeps the order the page drew its text in
// (a line that wraps reads on).
func pdfToText(t *testing.T, pdf []byte, mode string) string {
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
	out, err := exec.Command(bin, mode, f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// stubPrint replaces window.print, which a test cannot wait on, with a
// count of its calls and of the QR codes in the paper plan at the time.
const stubPrint = `(() => { window.printed = []; window.print = () => window.printed.push(document.querySelectorAll("#pacer-print svg.qr").length); return true; })()`

// pdfImages renders each page of a PDF at dpi with poppler's pdftoppm.
func pdfImages(t *testing.T, pdf []byte, dpi int) []image.Image {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftoppm is missing (Debian: apt-get install poppler-utils)")
		}
		t.Skip("pdftoppm is missing (Debian: apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "p.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-png", "-gray", "-r", strconv.Itoa(dpi), f, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	sort.Strings(pngs)
	var imgs []image.Image
	for _, name := range pngs {
		r, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		imgs = append(imgs, img)
	}
	return imgs
}

// printedCodes reads every QR code on the printed pages with an
// independent decoder (gozxing, a port of ZXing).
func printedCodes(t *testing.T, pdf []byte) []string {
	t.Helper()
	var texts []string
	for _, img := range pdfImages(t, pdf, 200) {
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			t.Fatal(err)
		}
		res, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
		if err != nil {
			continue // a page with no code
		}
		for _, r := range res {
			texts = append(texts, r.GetText())
		}
	}
	sort.Strings(texts)
	return texts
}

// activityURLs maps each activity's title to its page's address, from
// the built pages.
func activityURLs(t *testing.T, c course) map[string]string {
	t.Helper()
	m := map[string]string{}
	dirs, _ := filepath.Glob(filepath.Join(c.out, "activities", "*", "index.html"))
	h1 := regexp.MustCompile(`<h1>([^<]*)</h1>`)
	for _, f := range dirs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if x := h1.FindSubmatch(b); x != nil {
			rel, _ := filepath.Rel(c.out, f)
			m[html.UnescapeString(string(x[1]))] = c.url(filepath.ToSlash(rel), "")
		}
	}
	return m
}

// Every student of the example course prints, with "Print my plan", a
// paper plan a family can follow on at most 3 Letter pages: each step's
// title and target date, the activities with tick boxes and a QR code to
// each activity's page (read back from the printed pages), the rating
// scale to circle and lines for notes; none of the page's controls or
// empty headings.
func TestExamplePlansPrintOnThreePagesWithAQRCodeToEachActivity(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	if len(c.students) == 0 {
		t.Fatal("the example course has no students")
	}
	urls := activityURLs(t, c)
	for name := range c.students {
		t.Run(name, func(t *testing.T) {
			p := browsertest.NewPage(t)
			c.openStudent(t, p, name, "2026-09-15")
			p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
			words := browsertest.Eval[map[string]string](p, `PacerStrings`)
			browsertest.Eval[bool](p, stubPrint)
			tap(p, p.ByRole("button", words["print.button"]))
			p.WaitFor(`window.printed.length > 0`)
			if n := browsertest.Eval[[]int](p, `window.printed`); n[0] == 0 {
				t.Fatal("the plan was printed before its QR codes were drawn")
			}
			steps := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pacer-steps article h3")].map((h) => h.textContent)`)
			acts := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pacer-print .print-acts li")].map((li) => li.childNodes[2].textContent)`)
			scale := browsertest.Eval[[]string](p, `PacerCourse.scale`)
			pdf := p.PrintPDF(browsertest.LetterWidth, browsertest.LetterHeight)
			n := browsertest.PDFPages(t, pdf)
			if n > 3 {
				t.Errorf("%d steps print on %d Letter pages, want at most 3", len(steps), n)
			}
			text := pdfText(t, pdf)
			t.Logf("%d steps, %d activities on %d Letter pages", len(steps), len(acts), n)
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
			if len(acts) == 0 {
				t.Fatal("the paper plan lists no activities")
			}
			var want []string
			for _, a := range acts {
				u, ok := urls[a]
				if !ok {
					t.Fatalf("the paper plan lists %q, not an activity of the course", a)
				}
				want = append(want, u)
			}
			sort.Strings(want)
			if got := printedCodes(t, pdf); !slices.Equal(got, want) {
				t.Errorf("the printed codes read\n%q\nwant one to each listed activity\n%q", got, want)
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

// Ctrl+P on the student's page loads the QR module before the browser
// prints, so the plan on paper has its codes.
func TestCtrlPPrintsThePlanWithItsCodes(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Maya T.", "2026-09-15")
	p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
	browsertest.Eval[bool](p, stubPrint)
	p.Press("Control+p")
	p.WaitFor(`window.printed.length > 0`)
	if n := browsertest.Eval[[]int](p, `window.printed`); n[0] == 0 {
		t.Error("Ctrl+P printed the plan without its QR codes")
	}
	p.AssertClean(t)
}

// A print from the browser's menu when the QR module cannot load (a
// filter, a dropped connection) still prints the whole paper plan (steps,
// tick boxes, scale, note lines), never the page's controls or a blank
// page, with each activity's address in print where its code would be.
func TestThePrintMenuWithoutTheQRModulePrintsAddresses(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	p.Block("*://*:*/assets/pacer-handin.*")
	c.openStudent(t, p, "Maya T.", "2026-09-15")
	p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
	// the page tried to fetch the module once every card was in
	p.WaitFor(`performance.getEntriesByType("resource").some((e) => e.name.includes("/assets/pacer-handin."))`)
	words := browsertest.Eval[map[string]string](p, `PacerStrings`)
	steps := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pacer-steps article h3")].map((h) => h.textContent)`)
	pdf := p.PrintPDF(browsertest.LetterWidth, browsertest.LetterHeight)
	flat := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	if len(steps) == 0 {
		t.Fatal("the page has no steps")
	}
	for _, s := range steps {
		if !strings.Contains(flat, strings.Join(strings.Fields(s), " ")) {
			t.Errorf("the printed plan lacks the step %q:\n%s", s, flat)
		}
	}
	for _, want := range []string{words["print.title"], words["print.notes"]} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed plan lacks %q", want)
		}
	}
	if strings.Contains(flat, words["print.button"]) {
		t.Error("the printed plan shows the Print my plan button")
	}
	if n := browsertest.PDFPages(t, pdf); n > 3 {
		t.Errorf("the plan prints on %d Letter pages, want at most 3", n)
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-print .tick").length`); n == 0 {
		t.Error("the plan printed without tick boxes")
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-print svg.qr").length`); n != 0 {
		t.Errorf("%d codes without the QR module", n)
	}
	addrs := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pacer-print [data-qr]")].map((li) => li.dataset.qr.replace(/^https?:\/\//, ""))`)
	if len(addrs) == 0 {
		t.Fatal("no activity of the plan has an address")
	}
	raw := strings.Join(strings.Fields(pdfToText(t, pdf, "-raw")), "")
	for _, a := range addrs {
		if !strings.Contains(raw, a) {
			t.Errorf("the printed plan lacks the address %s:\n%s", a, raw)
		}
	}
	// the only problem is the module the test kept from loading
	for _, pr := range p.Problems() {
		if !strings.Contains(pr.String(), "/assets/pacer-handin.") {
			t.Errorf("a problem besides the blocked module: %s", pr)
		}
	}
	p.Reset()
}

// A print from the browser's menu, with no "Print my plan", hand-in or
// Ctrl+P before it, has every activity's code: the page fetches the QR
// module once it is idle after drawing the plan.
func TestThePrintMenuPrintsTheCodes(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Maya T.", "2026-09-15")
	p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
	p.WaitFor(`"PacerHandIn" in window`)
	pdf := p.PrintPDF(browsertest.LetterWidth, browsertest.LetterHeight)
	acts := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-print .print-acts li").length`)
	if got := len(printedCodes(t, pdf)); got == 0 || got != acts {
		t.Errorf("the menu's print has %d readable codes for %d activities", got, acts)
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-print .print-url").length`); n != 0 {
		t.Errorf("%d addresses printed beside the codes", n)
	}
	p.AssertClean(t)
}

// With a baseURL in site.yaml the paper plan's codes point at the
// published site, wherever the page was opened from.
func TestPaperPlanCodesPointUnderTheBaseURL(t *testing.T) {
	root := writeFiles(t, tinyCourse())
	yaml := filepath.Join(root, "site.yaml")
	b, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, append(b, "\nbaseURL: https://school.example/math\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	c := buildCourse(t, root)
	for name := range c.students {
		p := browsertest.NewPage(t)
		c.openStudent(t, p, name, "")
		p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
		browsertest.Eval[bool](p, stubPrint)
		tap(p, p.ByRole("button", "Print my plan"))
		p.WaitFor(`window.printed.length > 0`)
		type shown struct{ Size, D, Label string }
		codes := browsertest.Eval[[]shown](p, `[...document.querySelectorAll("#pacer-print svg.qr")].map((s) => ({
			Size: s.getAttribute("viewBox").split(" ")[2], D: s.querySelector("path").getAttribute("d"), Label: s.getAttribute("aria-label")}))`)
		if len(codes) == 0 {
			t.Fatalf("%s: no codes on the paper plan", name)
		}
		for _, code := range codes {
			size, _ := strconv.Atoi(code.Size)
			got := readCode(t, size, code.D)
			if !regexp.MustCompile(`^https://school\.example/math/activities/[a-z0-9-]+/index\.html$`).MatchString(got) {
				t.Errorf("%s: a code reads %q, want an activity page under the base URL", name, got)
			}
			if !strings.HasPrefix(code.Label, "QR code to ") {
				t.Errorf("%s: a code is named %q", name, code.Label)
			}
		}
		break
	}
}
