package handin

import (
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"go.yaml.in/yaml/v3"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/themes"
)

var runRE = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// rasterize draws a code's SVG path (runs of dark modules) at scale
// pixels a module on white: what a camera sees of a screen.
func rasterize(t testing.TB, size int, path string, scale int) *image.Gray {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, size*scale, size*scale))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	if strings.Join(runRE.FindAllString(path, -1), "") != path {
		t.Fatalf("the path is not made of runs: %.80q", path)
	}
	for _, m := range runRE.FindAllStringSubmatch(path, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		draw.Draw(img, image.Rect(x*scale, y*scale, (x+n)*scale, (y+1)*scale), image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	return img
}

func zxing(t testing.TB, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("gozxing cannot read the code: %v", err)
	}
	return res.GetText()
}

// clientStrings returns the theme's client strings of a language, as the
// student page hands them to its scripts.
func clientStrings(t *testing.T, lang string) string {
	t.Helper()
	data, err := os.ReadFile("../../themes/default/i18n/" + lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]string
	if err := yaml.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range all {
		if s, ok := strings.CutPrefix(k, "client."); ok {
			out[s] = v
		}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

type shownCode struct {
	Label, Caption, Size, D string
}

// TestTheHandInShowsNumberedCodesThatReadBackAsTheReceipt renders a long
// receipt as a student's page would and reads each code back with an
// independent decoder (gozxing).
func TestTheHandInShowsNumberedCodesThatReadBackAsTheReceipt(t *testing.T) {
	p := codecPage(t)
	for _, tt := range []struct {
		lang  string
		steps int
		help  string
		label string
		cap   string
	}{
		{"en", 150, "Or show these {n} codes", "QR code {i} of {n} of your receipt", "Code {i} of {n}"},
		{"es", 20, "O muestra este código", "Código QR de tu comprobante", ""},
	} {
		r := realistic(tt.steps)
		frames, err := Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		n := len(frames)
		// the middle code's number, and how many the receipt takes
		count := strings.NewReplacer("{i}", strconv.Itoa(n/2+1), "{n}", strconv.Itoa(n))
		tt.help, tt.label, tt.cap = count.Replace(tt.help), count.Replace(tt.label), count.Replace(tt.cap)
		in, _ := json.Marshal(r)
		shown := browsertest.Eval[[]shownCode](p, `(async () => {
			window.PacerStrings = `+clientStrings(t, tt.lang)+`;
			document.querySelector("#out").textContent = "";
			const el = await PacerHandIn.render(`+string(in)+`);
			document.querySelector("#out").append(el);
			window.help = el.querySelector("p").textContent;
			return [...el.querySelectorAll("li")].map((li) => ({
				Label: li.querySelector("svg").getAttribute("aria-label"),
				Caption: (li.querySelector("figcaption") || {}).textContent || "",
				Size: li.querySelector("svg").getAttribute("viewBox").split(" ")[2],
				D: li.querySelector("path").getAttribute("d"),
			}));
		})()`)
		if help := browsertest.Eval[string](p, "window.help"); !strings.HasPrefix(help, tt.help) {
			t.Errorf("%s: the help says %q, want %q", tt.lang, help, tt.help)
		}
		var texts []string
		for i, c := range shown {
			size, _ := strconv.Atoi(c.Size)
			texts = append(texts, zxing(t, rasterize(t, size, c.D, 3)))
			if i == len(shown)/2 && (c.Label != tt.label || c.Caption != tt.cap) {
				t.Errorf("%s: code %d is named %q with caption %q, want %q and %q", tt.lang, i+1, c.Label, c.Caption, tt.label, tt.cap)
			}
		}
		got, err := Decode(texts, r.Site)
		if err != nil {
			t.Fatalf("%s: the codes shown do not read back: %v", tt.lang, err)
		}
		same(t, tt.lang, got, r)
	}
	if v := p.Axe(t); len(v) > 0 {
		t.Errorf("axe: %v", v)
	}
}

// TestTheHandInModuleLoadsOnlyWhenAsked is the student page's way to the
// codes: its own script has none of the QR code; handinload.ts loads the
// module once, on the first hand-in.
func TestTheHandInModuleLoadsOnlyWhenAsked(t *testing.T) {
	theme, _ := fs.Sub(themes.FS, "default")
	loader, err := assets.Script(theme, "assets/handinload.ts", "L")
	if err != nil {
		t.Fatal(err)
	}
	path, mod, err := assets.HandIn(theme)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "assets"), 0o755)
	os.WriteFile(filepath.Join(dir, "L.js"), loader, 0o644)
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(path)), mod, 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hand in</title><link rel="icon" href="data:,">`+
		`<script src="L.js"></script></head><body><main><h1>Hand in</h1><div id="box"></div></main></body></html>`), 0o644)
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, filepath.Join(dir, "index.html")))
	if browsertest.Eval[bool](p, `"PacerHandIn" in window`) {
		t.Fatal("the module is loaded before a hand-in")
	}
	in, _ := json.Marshal(realistic(150))
	shown := browsertest.Eval[[]int](p, `(async () => {
		const box = document.getElementById("box");
		const a = await L.showCodes(box, `+string(in)+`, "`+path+`");
		const n1 = box.querySelectorAll("svg").length;
		const b = await L.showCodes(box, `+string(in)+`, "`+path+`");
		return [+a, +b, n1, box.querySelectorAll("svg").length, document.querySelectorAll("script[src*=handin]").length];
	})()`)
	if len(shown) != 5 || shown[0] != 1 || shown[1] != 1 || shown[2] < 2 || shown[3] != shown[2] || shown[4] != 1 {
		t.Errorf("[shown, shown again, codes, codes again, module scripts] = %v, want [1 1 n n 1] with n > 1", shown)
	}
}
