package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// A student page grows with the student's steps, not with the ways the
// course offers each step: on a course of 20 activities a competency and
// 40 steps a student (gencourse's wide shape, at 2,000 activities), every
// student page stays under 40 KB of HTML, JSON included.
func TestFortyStepStudentPageIsUnderFortyKB(t *testing.T) {
	o, err := gencourse.ShapeOptions("wide", 2000, 4)
	if err != nil {
		t.Fatal(err)
	}
	o.Competencies, o.UnitSize = 100, 20 // two units of 20: 40 steps and more
	dir := t.TempDir()
	if _, err := gencourse.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PACER_SECRET", "weight")
	res, err := Build(Options{Root: dir})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	if len(res.Students) == 0 {
		t.Fatal("no student pages")
	}
	for _, s := range res.Students {
		b, err := os.ReadFile(filepath.Join(res.Out, s.Path))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		steps := strings.Count(page, "<li class=\"card")
		if steps < 40 {
			t.Fatalf("%s has %d steps, want 40 or more", s.Path, steps)
		}
		if limit := 40 * 1024 * steps / 40; len(b) > limit {
			t.Errorf("%s: %d bytes for %d steps, want at most %d (40 KB for 40 steps)", s.Path, len(b), steps, limit)
		}
		// Each step links its competency page, where every other way is.
		if n := strings.Count(page, "/activities/"); n > 2*steps {
			t.Errorf("%s links %d activities for %d steps: the no-JavaScript plan lists only each step's suggested activity", s.Path, n, steps)
		}
	}
}
