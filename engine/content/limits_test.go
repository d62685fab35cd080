package content

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/diag"
)

func limitSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files["site.yaml"] = "title: Limits\n"
	files["content/competencies/k.md"] = "---\ntitle: K\ncan: I can k.\n---\n"
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func loadLimits(t *testing.T, root string) (*Course, []string) {
	t.Helper()
	var d diag.List
	cfg := config.Load(root, &d)
	c := Load(root, cfg, &d)
	var out []string
	for _, x := range d.Items() {
		if x.Severity == diag.Error {
			out = append(out, x.Pos.String()+": "+x.Message)
		}
	}
	return c, out
}

const front = "---\ntitle: Deep\nfor: [k]\nmodality: reading\nminutes: 5\n---\n"

// A body nested 10,000 levels deep is refused where it passes the limit,
// and its body is dropped, so no Markdown parser ever sees it.
func TestMarkdownNestedPastTheLimitIsADiagnosticNotAHang(t *testing.T) {
	root := limitSite(t, map[string]string{
		"content/activities/deep.md":  front + "Intro.\n\n" + strings.Repeat("- ", 10000) + "x\n",
		"content/activities/quote.md": strings.Replace(front, "Deep", "Quote", 1) + strings.Repeat("> ", 5000) + "x\n",
	})
	c, errs := loadLimits(t, root)
	want := []string{
		"content/activities/deep.md:9:201: Markdown nested deeper than 100 levels (lists or block quotes)",
		"content/activities/quote.md:7:201: Markdown nested deeper than 100 levels (lists or block quotes)",
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	for _, id := range []string{"deep", "quote"} {
		if a := c.Activity[id]; a == nil || a.Body != nil {
			t.Errorf("activity %s: loaded %v; want it loaded with its body dropped", id, a != nil)
		}
	}
}

// A content file over the limit is refused before it is read whole: a
// sparse file of 256 MB costs a load a few megabytes at most.
func TestAContentFileOverTheLimitIsRefusedBeforeItIsRead(t *testing.T) {
	root := limitSite(t, map[string]string{
		"content/activities/huge.md": front,
		"content/students/ana.yaml":  "name: Ana\nunits: [u]\n",
	})
	for _, name := range []string{"content/activities/huge.md", "content/students/ana.yaml"} {
		if err := os.Truncate(filepath.Join(root, filepath.FromSlash(name)), 256<<20); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, errs := loadLimits(t, root)
	runtime.ReadMemStats(&after)
	want := []string{
		"content/activities/huge.md:1:1: file is too large: 256.0 MB, and a content file may have at most 4 MB",
		"content/students/ana.yaml:1:1: file is too large: 256.0 MB, and a content file may have at most 4 MB",
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 32<<20 {
		t.Errorf("loading allocated %d MB", n>>20)
	}
	if len(c.Activities) != 0 || len(c.Students) != 0 {
		t.Errorf("the huge files were loaded")
	}
}

func TestCaptionsFileIsTheVTTBesideTheMedia(t *testing.T) {
	for in, want := range map[string]string{"media/clip.mp4": "media/clip.vtt", "activities/a/song.v2.mp3": "activities/a/song.v2.vtt", "noext": "noext.vtt"} {
		if got := CaptionsFile(in); got != want {
			t.Errorf("CaptionsFile(%q) = %q, want %q", in, got, want)
		}
	}
}
