package clienttest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

type result struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// bundle builds every ts/*.test.ts, with the harness, into one classic
// script, as the theme's own bundle is built (IIFE, ES2019).
func bundle(t *testing.T) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("ts", "*.test.ts"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no ts/*.test.ts: %v", err)
	}
	slices.Sort(files)
	var entry strings.Builder
	entry.WriteString("import \"./harness\";\n")
	for _, f := range files {
		entry.WriteString("import \"./" + strings.TrimSuffix(filepath.Base(f), ".ts") + "\";\n")
	}
	dir, err := filepath.Abs("ts")
	if err != nil {
		t.Fatal(err)
	}
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: entry.String(), ResolveDir: dir, Sourcefile: "tests.ts", Loader: api.LoaderTS},
		Bundle:   true,
		Format:   api.FormatIIFE,
		Target:   api.ES2019,
		Write:    false,
		LogLevel: api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		loc := ""
		if m.Location != nil {
			loc = m.Location.File + ":" + itoa(m.Location.Line) + ":" + itoa(m.Location.Column) + ": "
		}
		t.Errorf("esbuild: %s%s", loc, m.Text)
	}
	if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
		t.FailNow()
	}
	return res.OutputFiles[0].Contents
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

// TestClient runs the TypeScript tests in Chromium, one subtest each.
func TestClient(t *testing.T) {
	browsertest.RequireChromium(t)
	js := bundle(t)
	dir := t.TempDir()
	page := "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Client tests</title><script src=\"tests.js\"></script></html>\n"
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tests.js"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.Serve(t, dir) + "/index.html")
	results := browsertest.Eval[[]result](p, `window.pacerTests ? window.pacerTests() : Promise.reject(new Error("the bundle did not load"))`)
	if len(results) == 0 {
		t.Fatal("no TypeScript tests ran")
	}
	seen := map[string]bool{}
	for _, r := range results {
		if seen[r.Name] {
			t.Errorf("two tests are named %q", r.Name)
		}
		seen[r.Name] = true
		t.Run(r.Name, func(t *testing.T) {
			if r.Error != "" {
				t.Error(r.Error)
			}
		})
	}
	for _, kind := range []string{"schooldays: ", "pacing: ", "pace: ", "mastery: ", "diagnostic: ", "next up: ", "read aloud: "} {
		n := 0
		for name := range seen {
			if strings.HasPrefix(name, kind) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no %stests ran", kind)
		}
	}
}
