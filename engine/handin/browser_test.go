package handin

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/receipt"
	"github.com/pacer-edu/pacer/themes"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// codecPage opens a page with the theme's TypeScript codec (global H) and
// the QR hand-in module (global PacerHandIn), as the browser runs them.
func codecPage(t *testing.T) *browsertest.Page {
	t.Helper()
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, entry := range map[string]string{"H": "assets/handin.ts", "PacerHandIn": "assets/qrhandin.ts"} {
		js, err := assets.Script(theme, entry, name)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name+".js"), js, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>codec</title><link rel="icon" href="data:,">`+
		`<script src="H.js"></script><script src="PacerHandIn.js"></script></head><body><main><h1>codec</h1><div id="out"></div></main></body></html>`), 0o644)
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, filepath.Join(dir, "index.html")))
	return p
}

func readCases(t *testing.T, dir ...string) []Case {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", append(dir, "cases")[0], "*.json"))
	var out []Case
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c Case
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		t.Fatal("no case files")
	}
	return out
}

// TestTheBrowserWritesWhatGoReadsAndReadsWhatGoWrote runs the shared cases
// through the TypeScript codec, with the browser's CompressionStream and
// with the bundled deflate that browsers without it use.
func TestTheBrowserWritesWhatGoReadsAndReadsWhatGoWrote(t *testing.T) {
	p := codecPage(t)
	for _, mode := range []string{"native", "bundled"} {
		if mode == "bundled" {
			browsertest.Eval[bool](p, `delete window.CompressionStream, delete window.DecompressionStream, typeof CompressionStream === "undefined"`)
		}
		for _, c := range readCases(t) {
			in, _ := json.Marshal(c.Receipt)
			frames := browsertest.Eval[[]string](p, `H.frames(`+string(in)+`)`)
			if c.Name == "forty" && len(frames) > 2 {
				t.Errorf("the browser (%s) puts a 40-step receipt with its answers in %d codes, want 2 at most", mode, len(frames))
			}
			got, err := Decode(frames, c.Receipt.Site)
			if err != nil {
				t.Errorf("%s (%s): Go cannot read the browser's frames: %v", c.Name, mode, err)
				continue
			}
			same(t, c.Name+" from the browser ("+mode+")", got, c.Decoded)

			fj, _ := json.Marshal(c.Frames)
			js := browsertest.Eval[json.RawMessage](p, `(async () => {
				const col = new H.Collector(`+jsonString(c.Receipt.Site)+`);
				let last;
				for (const f of `+string(fj)+`.reverse()) last = await col.add(f);
				return last.kind === "done" ? last.receipt : last;
			})()`)
			var back receipt.Receipt
			if err := json.Unmarshal(js, &back); err != nil || back.Pacer != "receipt" {
				t.Errorf("%s (%s): the browser cannot read Go's frames: %s", c.Name, mode, js)
				continue
			}
			same(t, c.Name+" read by the browser ("+mode+")", &back, c.Decoded)
		}
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestTheBrowserIgnoresOtherSitesDuplicatesAndDamage(t *testing.T) {
	p := codecPage(t)
	long, _ := Encode(realistic(150))
	short, _ := Encode(realistic(3))
	other := realistic(3)
	other.Site = "aaaaaaaaaa"
	otherFrames, _ := Encode(other)
	texts := []string{"hello", "https://example.com/", otherFrames[0], "PQ3.X.Y", short[0][:len(short[0])-9], long[1], long[1], long[0], short[0], short[0]}
	texts = append(texts, long[2:]...)
	tj, _ := json.Marshal(texts)
	kinds := browsertest.Eval[[]string](p, `(async () => {
		const col = new H.Collector("x57lfqi7z2");
		const out = [];
		for (const f of `+string(tj)+`) {
			const a = await col.add(f);
			out.push(a.kind + (a.kind === "part" ? " " + a.have + "/" + a.n : "") + ("fresh" in a ? (a.fresh ? " new" : " again") : ""));
		}
		return out;
	})()`)
	want := []string{"not", "not", "site", "newer", "damaged", "part 1/" + itoa(len(long)) + " new", "part 1/" + itoa(len(long)) + " again", "part 2/" + itoa(len(long)) + " new", "done new", "done again"}
	for i := 2; i < len(long); i++ {
		if i == len(long)-1 {
			want = append(want, "done new")
		} else {
			want = append(want, "part "+itoa(i+1)+"/"+itoa(len(long))+" new")
		}
	}
	if len(kinds) != len(want) {
		t.Fatalf("got %q\nwant %q", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("text %d: %q, want %q", i, kinds[i], want[i])
		}
	}
}

// The browser reads the version 1 frames pages showed before answers rode
// along.
func TestTheBrowserReadsVersion1Frames(t *testing.T) {
	p := codecPage(t)
	for _, c := range readCases(t, "cases-v1") {
		fj, _ := json.Marshal(c.Frames)
		js := browsertest.Eval[json.RawMessage](p, `(async () => {
			const col = new H.Collector(`+jsonString(c.Receipt.Site)+`);
			let last;
			for (const f of `+string(fj)+`) last = await col.add(f);
			return last.kind === "done" ? last.receipt : last;
		})()`)
		var back receipt.Receipt
		if err := json.Unmarshal(js, &back); err != nil || back.Pacer != "receipt" || back.V != 1 {
			t.Errorf("%s: the browser cannot read version 1 frames: %.200s", c.Name, js)
			continue
		}
		same(t, c.Name+" (version 1) read by the browser", &back, c.Decoded)
	}
}
