package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// A student page grows with the student's steps, not with the ways the
// course offers each step. Issue 16's wide shape at its own size (5,000
// activities, 20 a competency, units of 20 competencies, two units a
// student): a page of up to 40 steps stays under 40 KB (40,000 bytes) of
// HTML, JSON included, and a longer one in proportion.
func TestFortyStepStudentPageIsUnderFortyKB(t *testing.T) {
	o, err := gencourse.ShapeOptions("wide", 5000, 24)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gencourse.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PACER_SECRET", "weight")
	res, err := Build(Options{Root: dir})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	forty := 0
	for _, s := range res.Students {
		b, err := os.ReadFile(filepath.Join(res.Out, s.Path))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		steps := strings.Count(page, "<li class=\"card")
		if steps >= 40 {
			forty++
		}
		if limit := 40000 * max(steps, 40) / 40; len(b) > limit {
			t.Errorf("%s: %d bytes for %d steps, want at most %d (40 KB for 40 steps)", s.Path, len(b), steps, limit)
		}
		// Each step links its competency page, where every other way is.
		if n := strings.Count(page, "/activities/"); n > 2*steps {
			t.Errorf("%s links %d activities for %d steps: the no-JavaScript plan lists only each step's suggested activity", s.Path, n, steps)
		}
	}
	if forty < len(res.Students)/2 {
		t.Fatalf("%d of %d students have 40 steps or more: the course is not the shape this test is about", forty, len(res.Students))
	}
}
