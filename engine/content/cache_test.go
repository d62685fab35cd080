package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// The cache reuses its list of files while only listed files change, and
// walks the folders again when a path it is told about is new, gone or a
// folder. Its loads give what a fresh Load gives.
func TestCacheListsFilesAgainOnlyWhenTheyMayHaveChanged(t *testing.T) {
	c, err := gencourse.Write(t.TempDir(), gencourse.Options{Activities: 20, Competencies: 4, Students: 3, UnitSize: 2, ClassSize: 3, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var cfgDiags diag.List
	cfg := config.Load(c.Root, &cfgDiags)
	if cfgDiags.HasErrors() {
		t.Fatal(cfgDiags.Items())
	}
	cc := &Cache{}
	load := func() *Course {
		t.Helper()
		var d diag.List
		got := cc.Load(c.Root, cfg, &d)
		var fd diag.List
		fresh := Load(c.Root, cfg, &fd)
		if len(got.Activities) != len(fresh.Activities) || d.Len() != fd.Len() {
			t.Fatalf("cached load: %d activities, %d problems; fresh: %d, %d", len(got.Activities), d.Len(), len(fresh.Activities), fd.Len())
		}
		return got
	}
	title := func(co *Course, id string) string {
		if a := co.Activity[id]; a != nil {
			return a.Title
		}
		return ""
	}
	load()
	if !cc.valid {
		t.Fatal("the first load kept no listing")
	}

	// An edit to a listed file: decoded again, listing kept.
	p := filepath.Join(c.Root, filepath.FromSlash(c.Activities[0]))
	src, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "title: ", "title: Edited ", 1)), 0o644)
	cc.Forget(p)
	if !cc.valid {
		t.Error("an edit to a listed file dropped the listing")
	}
	if got := title(load(), gencourse.ActivityID(0)); !strings.HasPrefix(got, "Edited ") {
		t.Errorf("after the edit the title is %q", got)
	}

	// A file that is not content (an image beside activities): listing kept.
	img := filepath.Join(filepath.Dir(p), "diagram.png")
	os.WriteFile(img, []byte("png"), 0o644)
	cc.Forget(img)
	if !cc.valid {
		t.Error("a new image dropped the listing")
	}

	// A new activity: the folders are walked again and it is found.
	np := filepath.Join(filepath.Dir(p), "new-one.md")
	os.WriteFile(np, []byte("---\ntitle: New one\nfor: ["+gencourse.CompetencyID(0)+"]\nmodality: reading\nminutes: 5\nlevel: support\n---\nRead.\n"), 0o644)
	cc.Forget(np)
	if cc.valid {
		t.Error("a new content file kept the old listing")
	}
	if got := title(load(), "new-one"); got != "New one" {
		t.Errorf("the new activity was not loaded (title %q)", got)
	}

	// A removed activity: walked again, and it is gone.
	os.Remove(np)
	cc.Forget(np)
	if cc.valid {
		t.Error("a removed file kept the old listing")
	}
	if got := title(load(), "new-one"); got != "" {
		t.Error("the removed activity is still loaded")
	}

	// A folder: walked again.
	dir := filepath.Join(filepath.Dir(p), "more")
	os.Mkdir(dir, 0o755)
	cc.Forget(dir)
	if cc.valid {
		t.Error("a new folder kept the old listing")
	}
	load()
}
