package e2e

// The QR hand-in as a class uses it: ten students' receipts shown as QR
// codes by the theme's hand-in module, a camera (Chromium's fake one,
// playing a video made of those codes) pointed at the teacher's scan page,
// and the file the page saves made into the same report as the receipts'
// own files.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/handin"
	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/links"
	"github.com/pacer-edu/pacer/engine/receipt"
	"github.com/pacer-edu/pacer/engine/report"
	"github.com/pacer-edu/pacer/engine/site"
	"github.com/pacer-edu/pacer/themes"
)

// classOfTen copies the example course's site.yaml and content into a new
// folder with four more students, and inspects it.
func classOfTen(t *testing.T) (string, *site.Result) {
	t.Helper()
	t.Setenv("PACER_SECRET", "scan-secret")
	root := moduleRoot(t)
	dir := t.TempDir()
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	yml, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "site.yaml"), yml, 0o644)
	for id, name := range map[string]string{"ana-r": "Ana R.", "bo-c": "Bo C.", "dani-o": "Dani O.", "eli-v": "Elí V."} {
		os.WriteFile(filepath.Join(dir, "content", "students", id+".yaml"), []byte("name: "+name+"\ngroup: period-2\n"), 0o644)
	}
	res := site.Inspect(site.Options{Root: dir})
	if res.Diags.HasErrors() {
		t.Fatalf("inspecting the class: %v", res.Diags)
	}
	if len(res.Students) != 10 {
		t.Fatalf("%d students, want 10", len(res.Students))
	}
	return dir, res
}

// classReceipts makes a receipt for each student, as their pages would,
// at whole minutes (what a QR code keeps of a rating's time). The last
// student wrote long reflections: their receipt takes several codes.
func classReceipts(res *site.Result) []*receipt.Receipt {
	rnd := rand.New(rand.NewPCG(7, 17))
	var comps []string
	for _, c := range res.Course.Competencies {
		comps = append(comps, c.ID)
	}
	statuses := []string{"mastered", "practicing", "needs-support", "not-started", "placed"}
	var out []*receipt.Receipt
	for i, s := range res.Students {
		at := time.Date(2026, 11, 20+i%5, 9+i, 15, 0, 0, time.UTC)
		r := &receipt.Receipt{Pacer: "receipt", V: 1, Site: res.SiteKey, Student: s.Token, Name: s.Name, At: at,
			Today: at.Format(time.DateOnly), Pace: receipt.Pace{Status: []string{"on-track", "ahead", "behind"}[i%3], Days: i % 4},
			Goals: []string{fmt.Sprintf("Goal %d: finish the unit", i)}}
		for j, c := range comps {
			st := receipt.Step{C: c, Status: statuses[(i+j)%len(statuses)], Target: at.AddDate(0, 0, 7*j-10).Format(time.DateOnly)}
			if st.Status != "not-started" && st.Status != "placed" {
				st.Self = []receipt.Rating{{Level: 1 + (i+j)%4, At: at.Add(-time.Duration(j+1) * 26 * time.Hour)}}
				st.Checks = receipt.Checks{Right: (i + j) % 4, Total: 3 + (i+j)%2, Recent: []bool{j%2 == 0, i%2 == 0, true}}
				st.Done = []string{"garden-ratios-video"}
			}
			if i == len(res.Students)-1 {
				var b strings.Builder
				for b.Len() < 500 {
					b.WriteString(strconv.FormatUint(rnd.Uint64(), 36) + " ")
				}
				st.Note = b.String()
			} else if j == 1 {
				st.Note = "The tape diagram helped."
			}
			r.Steps = append(r.Steps, st)
		}
		out = append(out, r)
	}
	return out
}

var runRE = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// shownCodes renders each receipt with the theme's hand-in module, as a
// student's page does, and returns each code as a picture: scale pixels a
// module, on a frame of w×h.
func shownCodes(t *testing.T, receipts []*receipt.Receipt, w, h int) (frames []*image.Gray, parts []int) {
	t.Helper()
	theme, _ := fs.Sub(themes.FS, "default")
	_, js, err := assets.HandIn(theme)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{
		"index.html": htmlPage("Hand in", `<div id="out"></div>`),
		"app.js":     string(js),
	})
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.Serve(t, dir) + "/index.html")
	type code struct{ Size, D string }
	for _, r := range receipts {
		in, _ := json.Marshal(r)
		codes := browsertest.Eval[[]code](p, `PacerHandIn.render(`+string(in)+`).then((el) => [...el.querySelectorAll("svg")].map((s) => ({
			Size: s.getAttribute("viewBox").split(" ")[2], D: s.querySelector("path").getAttribute("d")})))`)
		parts = append(parts, len(codes))
		for _, c := range codes {
			size, _ := strconv.Atoi(c.Size)
			scale := min(w, h) / size
			if scale < 3 {
				t.Fatalf("a code of %d modules gets %d pixels a module in a %dx%d frame", size, scale, w, h)
			}
			img := image.NewGray(image.Rect(0, 0, w, h))
			draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{200}), image.Point{}, draw.Src) // a desk around the screen
			ox, oy := (w-size*scale)/2, (h-size*scale)/2
			draw.Draw(img, image.Rect(ox, oy, ox+size*scale, oy+size*scale), image.White, image.Point{}, draw.Src)
			for _, m := range runRE.FindAllStringSubmatch(c.D, -1) {
				x, _ := strconv.Atoi(m[1])
				y, _ := strconv.Atoi(m[2])
				n, _ := strconv.Atoi(m[3])
				draw.Draw(img, image.Rect(ox+x*scale, oy+y*scale, ox+(x+n)*scale, oy+(y+1)*scale), image.Black, image.Point{}, draw.Src)
			}
			frames = append(frames, img)
		}
	}
	return frames, parts
}

// writeScanPage writes the class's links, cards and scan page.
func writeScanPage(t *testing.T, res *site.Result) string {
	t.Helper()
	out := t.TempDir()
	if _, _, err := links.Write(out, links.RosterOf(res, "https://school.example/6/")); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(out, links.ScanFile)
}

func TestTenStudentsHandInByQRAndTheScanPageMakesTheSameReport(t *testing.T) {
	_, res := classOfTen(t)
	receipts := classReceipts(res)

	// The ten receipt files, as students download them.
	files := t.TempDir()
	for i, r := range receipts {
		b, err := receipt.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(files, fmt.Sprintf("receipt-%d.json", i)), b, 0o644)
	}

	// The same receipts as the codes their pages show, filmed one after
	// another: each code for three frames, and an empty desk between
	// students.
	const w, h = 640, 480
	codes, parts := shownCodes(t, receipts, w, h)
	if n := parts[len(parts)-1]; n < 2 {
		t.Fatalf("the long receipt took %d code, want several", n)
	}
	for i, n := range parts[:len(parts)-1] {
		if n != 1 {
			t.Fatalf("receipt %d took %d codes, want 1", i, n)
		}
	}
	empty := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(empty, empty.Bounds(), image.NewUniform(color.Gray{200}), image.Point{}, draw.Src)
	var video []*image.Gray
	for _, c := range codes {
		video = append(video, c, c, c, empty)
	}
	y4m := filepath.Join(t.TempDir(), "class.y4m")
	if err := browsertest.WriteY4M(y4m, 10, video); err != nil {
		t.Fatal(err)
	}

	// Another course's code and a student's link card code would be
	// ignored; the page is tested on them in TestScanPageIgnores….
	scan := writeScanPage(t, res)
	p := browsertest.NewCameraPage(t, y4m)
	p.Navigate(browsertest.FileURL(t, scan))
	p.ByRole("button", "Start the camera").Click()
	p.ByRole("button", "Stop the camera").Wait()

	// Every student comes in; the video loops, so a frame the decoder
	// missed under load comes round again.
	p.Timeout = 3 * time.Minute
	p.WaitText("Everyone handed in.")
	p.Timeout = browsertest.DefaultTimeout
	in := p.ByRole("heading", "Handed in (10 of 10)")
	if !in.Exists() {
		t.Errorf("no heading says 10 of 10 handed in:\n%s", p.Text())
	}
	text := p.Text()
	for _, s := range res.Students {
		if !strings.Contains(text, s.Name+" — ") {
			t.Errorf("the page does not list %s as handed in:\n%s", s.Name, text)
		}
	}
	screenshot(t, p, "scan")
	p.ByRole("button", "Stop the camera").Click()
	p.WaitText("The camera is off.")

	// Save: a real download.
	saved := p.Download(t.TempDir(), "pacer-receipts-*.txt", func() {
		p.ByRole("button", "Save the receipts file").Click()
	})

	data, _ := os.ReadFile(saved)
	t.Logf("the long receipt took %d codes; the saved file:\n%.300s", parts[len(parts)-1], data)

	// The saved file makes the same report as the ten files.
	made := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	ro := report.RosterOf(res)
	html := func(paths ...string) (*report.Report, string) {
		srcs, probs, err := report.Collect(paths)
		if err != nil {
			t.Fatal(err)
		}
		r := report.Make(ro, srcs, probs, made)
		for _, e := range r.Entries {
			e.File = "" // where it came from is all that differs
		}
		var b bytes.Buffer
		if err := r.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		return r, b.String()
	}
	fromFiles, want := html(files)
	fromScan, got := html(saved)
	if fromScan.HandedIn() != 10 || len(fromScan.Problems) != 0 {
		t.Errorf("the saved file: %d handed in, problems %v", fromScan.HandedIn(), fromScan.Problems)
	}
	if fromFiles.HandedIn() != 10 {
		t.Fatalf("the files: %d handed in", fromFiles.HandedIn())
	}
	if got != want {
		for i, e := range fromFiles.Entries {
			a, _ := json.Marshal(e.Receipt)
			b, _ := json.Marshal(fromScan.Entries[i].Receipt)
			if string(a) != string(b) {
				t.Errorf("%s: from the files\n%s\nfrom the scan\n%s", e.Student.Name, a, b)
			}
		}
		t.Error("the report from the saved file differs from the report from the receipt files")
	}
}

// codePhoto writes a photo of a QR code of text (4 pixels a module, on
// white), as a phone's camera app would save one, and returns its path.
// With no text, the photo shows no code.
func codePhoto(t *testing.T, dir, name, text string) string {
	t.Helper()
	c, err := links.Encode(text)
	if err != nil {
		t.Fatal(err)
	}
	dark := c.Dark
	if text == "" {
		dark = func(x, y int) bool { return false }
	}
	const scale, margin = 4, 8
	n := c.Size + 2*margin
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if dark(x, y) {
				draw.Draw(img, image.Rect((x+margin)*scale, (y+margin)*scale, (x+margin+1)*scale, (y+margin+1)*scale), image.Black, image.Point{}, draw.Src)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	os.WriteFile(path, b.Bytes(), 0o644)
	return path
}

// TestScanPageSaysWhatEachCodeIsAndIgnoresOthers reads photos of codes (the
// page's way in where there is no camera) and checks what it says of each,
// axe-clean throughout.
func TestScanPageSaysWhatEachCodeIsAndIgnoresOthers(t *testing.T) {
	_, res := classOfTen(t)
	receipts := classReceipts(res)
	scan := writeScanPage(t, res)
	photos := t.TempDir()
	frames := func(r *receipt.Receipt) []string {
		f, err := handin.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	first, long := receipts[0], receipts[len(receipts)-1]
	longFrames := frames(long)
	other := *first
	other.Site = "aaaaaaaaaa"
	stranger := *first
	stranger.Student, stranger.Name = "zzzzzzzzzzzzzzzzzzzz", "Someone Else"
	newer := *first
	newer.At = first.At.Add(time.Hour)

	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, scan))
	p.AssertAxe(t)
	if !p.ByRole("heading", "Handed in (0 of 10)").Exists() {
		t.Fatalf("no count of nobody:\n%s", p.Text())
	}
	if !p.ByRole("button", "Save the receipts file").State().Disabled {
		t.Error("saving is offered with nothing to save")
	}

	read := func(name, text, want string) {
		t.Helper()
		path := codePhoto(t, photos, name, text)
		p.Run(chromedp.SetUploadFiles(chromedp.CSS("#photo"), []string{path}))
		p.ByRole("status", "").WaitText(want)
	}
	read("link", "https://school.example/6/s/abcdefghij/", "That is not a hand-in code.")
	read("other", frames(&other)[0], "That code is from another course: ignored.")
	read("first", frames(first)[0], first.Name+" handed in (")
	read("again", frames(first)[0], first.Name+" is already in.")
	read("part2", longFrames[1], long.Name+": code 1 of "+strconv.Itoa(len(longFrames))+" read. Show the next one.")
	read("part2again", longFrames[1], long.Name+": that code was already read (1 of "+strconv.Itoa(len(longFrames))+")")
	for i, f := range longFrames {
		if i != 1 {
			read(fmt.Sprintf("part%d", i+1), f, map[bool]string{true: long.Name + " handed in (", false: long.Name + ": code"}[i == len(longFrames)-1])
		}
	}
	read("stranger", frames(&stranger)[0], "Someone Else handed in (")
	read("newer", frames(&newer)[0], first.Name+" handed in again: the newer receipt is kept.")
	read("older", frames(first)[0], first.Name+" is already in with a newer receipt.")
	read("blank", "", "No code was found in that photo.")

	if !p.ByRole("heading", "Handed in (2 of 10)").Exists() {
		t.Errorf("the count is not 2 of 10:\n%s", p.Text())
	}
	if !p.ByRole("heading", "Not on this roster").Exists() || !strings.Contains(p.Text(), "Someone Else (not on this roster)") {
		t.Errorf("the stranger is not listed apart:\n%s", p.Text())
	}
	missing := p.ByCSS("#missing").Text()
	for _, s := range res.Students {
		if got := strings.Contains(missing, s.Name); got == (s.Token == first.Student || s.Token == long.Student) {
			t.Errorf("%s in the missing list: %v\n%s", s.Name, got, missing)
		}
	}
	p.AssertAxe(t)

	// With the keyboard: a browser with no camera says so and what to do.
	p.ByRole("button", "Start the camera").Press("Enter")
	p.ByRole("status", "").WaitText("or read a photo of each code")

	// A reload keeps what was read.
	p.Reload()
	if !p.ByRole("heading", "Handed in (2 of 10)").Exists() {
		t.Errorf("a reload lost what was read:\n%s", p.Text())
	}

	// As a student comes in, what their file already says to them shows
	// beside their name: Jonah's feedback, Maya's confirmed mastery.
	for _, r := range receipts {
		switch r.Name {
		case "Jonah B.", "Maya T.":
			read(r.Name, frames(r)[0], r.Name+" handed in (")
		}
	}
	in := p.ByCSS("#in").Text()
	for _, want := range []string{"Your feedback on Ratio language: “Your tape diagram of the animal shelter", "Confirmed by you: Ratio language"} {
		if !strings.Contains(in, want) {
			t.Errorf("the handed-in list lacks %q:\n%s", want, in)
		}
	}
	if strings.Contains(p.ByCSS("#missing").Text(), "Confirmed by you") {
		t.Error("what a student's file says shows before they hand in")
	}
	p.AssertAxe(t)
}

// TestScanPageSpeaksTheSitesLanguage writes the page of a Spanish site.
func TestScanPageSpeaksTheSitesLanguage(t *testing.T) {
	dir, _ := classOfTen(t)
	yml, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	os.WriteFile(filepath.Join(dir, "site.yaml"), regexp.MustCompile(`(?m)^language: .*$`).ReplaceAll(yml, []byte("language: es")), 0o644)
	res := site.Inspect(site.Options{Root: dir})
	if res.Course.Config.Language != "es" {
		t.Fatalf("the site's language is %q", res.Course.Config.Language)
	}
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, writeScanPage(t, res)))
	if lang := browsertest.Eval[string](p, "document.documentElement.lang"); lang != "es" {
		t.Errorf("lang=%q", lang)
	}
	for _, name := range []string{"Encender la cámara", "Guardar el archivo de comprobantes"} {
		if !p.ByRole("button", name).Exists() {
			t.Errorf("no button %q:\n%s", name, p.Text())
		}
	}
	p.WaitText("Entregaron (0 de 10)")
	p.AssertAxe(t)
}

// TestScanPageUsesTheBrowsersOwnReaderWhereItHasOne gives the page a
// BarcodeDetector (Linux Chromium has none) that finds a hand-in code in
// any picture: the page must take what it finds, not its own decoder's.
func TestScanPageUsesTheBrowsersOwnReaderWhereItHasOne(t *testing.T) {
	_, res := classOfTen(t)
	first := classReceipts(res)[0]
	frames, err := handin.Encode(first)
	if err != nil {
		t.Fatal(err)
	}
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, writeScanPage(t, res)))
	js, _ := json.Marshal(frames[0])
	browsertest.Eval[bool](p, `window.BarcodeDetector = class {
		static async getSupportedFormats() { return ["qr_code", "ean_13"]; }
		constructor(o) { window.detectorFormats = o.formats; }
		async detect() { window.detected = (window.detected || 0) + 1; return [{ rawValue: `+string(js)+` }]; }
	}, true`)
	path := codePhoto(t, t.TempDir(), "blank", "") // no code a decoder could find
	p.Run(chromedp.SetUploadFiles(chromedp.CSS("#photo"), []string{path}))
	p.ByRole("status", "").WaitText(first.Name + " handed in (")
	if n := browsertest.Eval[int](p, "window.detected"); n != 1 {
		t.Errorf("the detector ran %d times, want 1", n)
	}
	if f := browsertest.Eval[[]string](p, "window.detectorFormats"); len(f) != 1 || f[0] != "qr_code" {
		t.Errorf("the detector was made for %v, want [qr_code]", f)
	}
}
