package assets

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pacer-edu/pacer/themes"
)

func theme(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

func tiny() map[string]string {
	return map[string]string{
		"assets/main.ts":   "const greeting: string = 'hello from pacer';\nconsole.log(greeting);\n",
		"assets/style.css": "body {\n  color: #111111;\n  margin: 0px;\n}\n",
	}
}

func build(t *testing.T, files map[string]string) *Result {
	t.Helper()
	r, err := Build(theme(files))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

func TestTinyThemeBuildsIntoHashedFiles(t *testing.T) {
	r := build(t, tiny())
	js, css := string(r.Files[r.Script]), string(r.Files[r.Style])
	if !strings.HasPrefix(r.Script, "assets/pacer.") || !strings.HasSuffix(r.Script, ".js") {
		t.Errorf("Script = %q", r.Script)
	}
	if !strings.HasPrefix(r.Style, "assets/pacer.") || !strings.HasSuffix(r.Style, ".css") {
		t.Errorf("Style = %q", r.Style)
	}
	if want := "assets/pacer." + Hash(r.Files[r.Script]) + ".js"; r.Script != want {
		t.Errorf("Script = %q, want the hash of its contents %q", r.Script, want)
	}
	if !strings.Contains(js, "hello from pacer") || strings.Contains(js, "string") {
		t.Errorf("script not compiled from TypeScript:\n%s", js)
	}
	if !strings.HasPrefix(js, "(()=>{") {
		t.Errorf("script is not an IIFE:\n%s", js)
	}
	if strings.Contains(js, "sourceMappingURL") || strings.Contains(css, "sourceMappingURL") {
		t.Error("output refers to a source map")
	}
	if strings.Contains(css, "\n  ") || !strings.Contains(css, "color:#111") {
		t.Errorf("stylesheet not minified:\n%s", css)
	}
	if len(r.Files) != 2 {
		t.Errorf("Files has %d entries, want 2: %v", len(r.Files), keys(r.Files))
	}
}

func TestRelativeImportsResolveInsideTheTheme(t *testing.T) {
	files := map[string]string{
		"assets/main.ts":         "import {twice} from './lib/math';\nimport {name} from './lib/name.ts';\nimport data from './data.json';\nconsole.log(twice(21), name, data.k);\n",
		"assets/lib/math.ts":     "export function twice(n: number): number { return n * 2 }\n",
		"assets/lib/name.ts":     "import {suffix} from '../suffix';\nexport const name = 'imported-name' + suffix;\n",
		"assets/suffix.ts":       "export const suffix = '-with-suffix';\n",
		"assets/data.json":       `{"k": "json-value"}`,
		"assets/style.css":       "@import './parts/base.css';\n.logo { background: url(./img/logo.svg); }\n",
		"assets/parts/base.css":  ".imported-rule { color: red }\n",
		"assets/img/logo.svg":    "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"assets/unused/never.ts": "this is not typescript (",
	}
	r := build(t, files)
	js, css := string(r.Files[r.Script]), string(r.Files[r.Style])
	for _, want := range []string{"imported-name", "-with-suffix", "json-value"} {
		if !strings.Contains(js, want) {
			t.Errorf("script lacks %q:\n%s", want, js)
		}
	}
	if !strings.Contains(css, ".imported-rule") {
		t.Errorf("stylesheet lacks the @imported rule:\n%s", css)
	}
	var logo string
	for name := range r.Files {
		if strings.HasPrefix(name, "assets/logo.") && strings.HasSuffix(name, ".svg") {
			logo = name
		}
	}
	if logo == "" {
		t.Fatalf("no logo file in %v", keys(r.Files))
	}
	if !strings.Contains(css, `url("./`+strings.TrimPrefix(logo, "assets/")+`")`) {
		t.Errorf("stylesheet does not refer to %s beside it:\n%s", logo, css)
	}
}

func TestSyntaxErrorReportsFileLineCol(t *testing.T) {
	files := tiny()
	files["assets/main.ts"] = "import {x} from './broken';\nconsole.log(x);\n"
	files["assets/broken.ts"] = "export const ok = 1;\nexport const x = (1 + ;\n"
	_, err := Build(theme(files))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "assets/broken.ts:2:23: Unexpected \";\"") {
		t.Errorf("error = %q, want assets/broken.ts:2:23: Unexpected \";\"", msg)
	}
}

func TestCSSErrorsReportFileLineCol(t *testing.T) {
	for css, want := range map[string]string{
		"body { color: red;\n  margin: 0 }}\n":              `assets/style.css:2:14: Unexpected "}"`,
		"body { color: red }\n@import './late.css';\n":      `assets/style.css:2:1: All "@import" rules must come first`,
		"body {\n  color: \"red;\n}\n":                      `assets/style.css:2:15: Unterminated string token`,
		"@import './missing.css';\n":                        `assets/style.css:1:9: cannot import "./missing.css": no such file in the theme`,
		"a {\n  background: url(https://x.example/a.png) }": `assets/style.css:2:15: cannot import "https://x.example/a.png"`,
	} {
		files := tiny()
		files["assets/style.css"] = css
		files["assets/late.css"] = "p {}"
		_, err := Build(theme(files))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q:\n got %v\nwant %s", css, err, want)
		}
	}
}

func TestTypeScriptOnlyErrorIsReported(t *testing.T) {
	files := tiny()
	files["assets/main.ts"] = "\n\nlet n: = 3;\n"
	_, err := Build(theme(files))
	if err == nil || !strings.HasPrefix(err.Error(), "assets/main.ts:3:8: ") {
		t.Errorf("error = %v", err)
	}
}

func TestImportsThatLeaveTheThemeAreRefused(t *testing.T) {
	for name, imp := range map[string]string{
		"package":   "left-pad",
		"absolute":  "/etc/passwd",
		"escape":    "../../outside",
		"missing":   "./nothing-here",
		"css in js": "./style.css",
	} {
		t.Run(name, func(t *testing.T) {
			files := tiny()
			files["assets/main.ts"] = "import x from '" + imp + "';\nconsole.log(x);\n"
			_, err := Build(theme(files))
			if err == nil {
				t.Fatalf("import %q built", imp)
			}
			if !strings.HasPrefix(err.Error(), "assets/main.ts:1:15: cannot import") {
				t.Errorf("error = %q", err)
			}
		})
	}
}

func TestMissingEntryIsAnError(t *testing.T) {
	files := tiny()
	delete(files, "assets/style.css")
	_, err := Build(theme(files))
	if err == nil || !strings.Contains(err.Error(), "assets/style.css") {
		t.Errorf("error = %v", err)
	}
}

func TestOutputNameFollowsContent(t *testing.T) {
	a := build(t, tiny())
	b := build(t, tiny())
	if a.Script != b.Script || a.Style != b.Style {
		t.Errorf("same input, different names: %s %s vs %s %s", a.Script, a.Style, b.Script, b.Style)
	}
	files := tiny()
	files["assets/main.ts"] += "console.log('changed');\n"
	c := build(t, files)
	if c.Script == a.Script {
		t.Errorf("script changed but its name did not: %s", c.Script)
	}
	if c.Style != a.Style {
		t.Errorf("style unchanged but its name changed: %s -> %s", a.Style, c.Style)
	}
}

func TestHash(t *testing.T) {
	// sha256("abc") = ba7816bf8f01cfea...
	if h := Hash([]byte("abc")); h != "ba7816bf8f" {
		t.Errorf("Hash(abc) = %q", h)
	}
}

func TestDefaultThemeBuildsWithinBudget(t *testing.T) {
	def, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(def)
	if err != nil {
		t.Fatalf("default theme: %v", err)
	}
	for _, w := range r.Warnings {
		t.Errorf("warning: %s", w)
	}
	const kb = 1024
	for _, c := range []struct {
		name  string
		limit int
	}{{r.Script, 20 * kb}, {r.Style, 10 * kb}} {
		raw := r.Files[c.name]
		n := gzipSize(t, raw)
		t.Logf("%s: %d bytes, %d gzipped (budget %d)", c.name, len(raw), n, c.limit)
		if n > c.limit {
			t.Errorf("%s is %d bytes gzipped, over the budget of %d", c.name, n, c.limit)
		}
		if len(raw) == 0 {
			t.Errorf("%s is empty", c.name)
		}
	}
}

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDefaultThemeLoadsItsPanelsAsAModuleOfTheirOwn(t *testing.T) {
	def, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(def)
	if err != nil {
		t.Fatalf("default theme: %v", err)
	}
	if !strings.HasPrefix(r.Panels, "assets/pacer-panels.") || r.Files[r.Panels] == nil {
		t.Fatalf("Panels = %q, not among %v", r.Panels, keys(r.Files))
	}
	// the saving panel's strings are looked up only by the panels module
	main, panels := string(r.Files[r.Script]), string(r.Files[r.Panels])
	if strings.Contains(main, "io.heading") || !strings.Contains(panels, "io.heading") || !strings.Contains(panels, "PacerPanels") {
		t.Error("the saving panel is in the main script, or not in the panels module")
	}
}
