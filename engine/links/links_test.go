package links

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

func roster() *Roster {
	return &Roster{
		Title:    "Grade 6 <Ratios> & Rates",
		Language: "en",
		Students: []Student{
			{ID: "ana-r", Name: "Ana R.", GroupID: "p2", Group: "Period 2", Link: Link("https://school.example/math/6b/", "s/xxhvblo4altduj4fgdvr/index.html")},
			{ID: "sofia-m", Name: "Sofía M.", GroupID: "p5", Group: "Period 5", Language: "es", Link: Link("https://school.example/math/6b", "s/abcdefghijklmnopqrst/index.html")},
			{ID: "odd", Name: `Tom "<b>" O'Neil, Jr.`, Link: "http://localhost:8080/a/very/long/subpath/that/makes/the/code/larger/than/usual/s/aaaaaaaaaaaaaaaaaaaa/"},
		},
	}
}

func TestLinkLeavesOffIndexHTMLAndJoinsOneSlash(t *testing.T) {
	for _, base := range []string{"https://x.example/m", "https://x.example/m/"} {
		if got := Link(base, "s/tok/index.html"); got != "https://x.example/m/s/tok/" {
			t.Errorf("Link(%q) = %q", base, got)
		}
	}
}

func TestCSVHasOneRowPerStudentAndReadsBack(t *testing.T) {
	var b bytes.Buffer
	r := roster()
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	data, ok := bytes.CutPrefix(b.Bytes(), []byte("\uFEFF"))
	if !ok {
		t.Fatal("the CSV does not start with a byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"id", "name", "group", "link"}}
	for _, s := range r.Students {
		want = append(want, []string{s.ID, s.Name, s.GroupID, s.Link})
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows = %q\nwant %q", rows, want)
	}
}

var (
	svgRE   = regexp.MustCompile(`<svg class="qr" viewBox="0 0 (\d+) (\d+)"[^>]*aria-label="([^"]*)"[^>]*>.*?<path fill="#000" d="([^"]*)"/></svg>`)
	runRE   = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
	hrefRE  = regexp.MustCompile(`<a href="([^"]*)">`)
	cardsRE = regexp.MustCompile(`(?s)<article class="card"[^>]*>.*?</article>`)
)

// rasterize draws the SVG path of a code the way a printer would, scale
// pixels a module, light around it: what a phone's camera sees.
func rasterize(t *testing.T, size int, path string, scale int) image.Image {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, size*scale, size*scale))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	runs := runRE.FindAllStringSubmatch(path, -1)
	if len(runs) == 0 || strings.Join(runRE.FindAllString(path, -1), "") != path {
		t.Fatalf("the path is not made of runs: %.80q", path)
	}
	for _, m := range runs {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		if m[3] != m[4] {
			t.Fatalf("run %q does not close", m[0])
		}
		if x < Quiet || y < Quiet || x+n > size-Quiet || y >= size-Quiet {
			t.Fatalf("run %q is in the quiet zone of a %d-module image", m[0], size)
		}
		draw.Draw(img, image.Rect(x*scale, y*scale, (x+n)*scale, (y+1)*scale), image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	return img
}

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: false})
	if err != nil {
		t.Fatalf("gozxing cannot read the code: %v", err)
	}
	return res.GetText()
}

// TestEveryCardsQRCodeDecodesToItsLink reads each printed code back with an
// independent decoder (gozxing, a port of ZXing), from the SVG as written.
func TestEveryCardsQRCodeDecodesToItsLink(t *testing.T) {
	var b bytes.Buffer
	r := roster()
	if err := r.WriteCards(&b); err != nil {
		t.Fatal(err)
	}
	cards := cardsRE.FindAllString(b.String(), -1)
	if len(cards) != len(r.Students) {
		t.Fatalf("%d cards for %d students", len(cards), len(r.Students))
	}
	for i, card := range cards {
		s := r.Students[i]
		m := svgRE.FindStringSubmatch(card)
		if m == nil {
			t.Fatalf("card %d has no QR code:\n%s", i, card)
		}
		if m[1] != m[2] {
			t.Errorf("card %d: the code is not square: %s×%s", i, m[1], m[2])
		}
		size, _ := strconv.Atoi(m[1])
		for _, scale := range []int{3, 8} {
			if got := decode(t, rasterize(t, size, m[4], scale)); got != s.Link {
				t.Errorf("card %d (%s) at %d px a module: the code reads %q, want %q", i, s.ID, scale, got, s.Link)
			}
		}
		if h := hrefRE.FindStringSubmatch(card); h == nil || html.UnescapeString(h[1]) != s.Link {
			t.Errorf("card %d links to %v, want %q", i, h, s.Link)
		}
		if !strings.Contains(html.UnescapeString(m[3]), s.Name) {
			t.Errorf("card %d: the code's accessible name %q does not name %q", i, m[3], s.Name)
		}
	}
}

func TestCardsSpeakTheStudentsLanguageAndEscapeNames(t *testing.T) {
	var b bytes.Buffer
	if err := roster().WriteCards(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<html lang="en">`,
		`<article class="card" lang="es">`,
		"Para tu familia", "Código QR del enlace a la lista de Sofía M.",
		"For your family", "Group: Period 2",
		"Grade 6 &lt;Ratios&gt; &amp; Rates",
		"Tom &#34;&lt;b&gt;&#34; O&#39;Neil, Jr.",
		"break-inside: avoid",
		"Content-Security-Policy",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the cards page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "<b>", "http-equiv=\"refresh\"", "src=\"http"} {
		if strings.Contains(page, bad) {
			t.Errorf("the cards page contains %q", bad)
		}
	}
	if n := strings.Count(page, `lang="es"`); n != 1 {
		t.Errorf("%d Spanish cards, want 1", n)
	}
}

func TestWriteReplacesItsFilesAndKeepsThemPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "links")
	for range 2 {
		c, h, err := Write(dir, roster())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{c, h, filepath.Join(dir, ScanFile)} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %v, want 0600", p, fi.Mode().Perm())
			}
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("the folder holds %d files, want 3 (no temporary files left)", len(ents))
	}
}

func TestCSVSaysWhichPagesCarryMergedProgressWhenReceiptsAreOn(t *testing.T) {
	r := roster()
	r.Receipts = true
	r.Students[0].Merged = true
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(r.Students)+1 || rows[0][4] != "merged progress" || rows[1][4] != "yes" || rows[2][4] != "no" {
		t.Errorf("rows = %q", rows)
	}
}
