package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// sizeCourse writes a course with two units of one competency each:
// students work on unit one; extra activities go to unit two.
func sizeCourse(t *testing.T, students, extra int) string {
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":                     "title: Size\n",
		"content/units/one.md":          "---\ntitle: One\ncompetencies: [a]\n---\n",
		"content/units/two.md":          "---\ntitle: Two\ncompetencies: [b]\n---\n",
		"content/competencies/a.md":     "---\ntitle: A\ncan: I can A.\n---\n",
		"content/competencies/b.md":     "---\ntitle: B\ncan: I can B.\n---\n",
		"content/activities/a1.md":      "---\ntitle: A1\nfor: [a]\nmodality: reading\nminutes: 5\n---\n```check\nq: Q?\nchoices: [x, y]\nanswer: 1\n```\n",
		"content/activities/b-check.md": "---\ntitle: B check\nfor: [b]\nmodality: reading\nminutes: 5\n---\n```check\nq: Q?\nchoices: [x, y]\nanswer: 1\n```\n",
	}
	for i := 0; i < extra; i++ {
		files[fmt.Sprintf("content/activities/b%03d.md", i)] = fmt.Sprintf("---\ntitle: B activity %d\nfor: [b]\nmodality: video\nminutes: 5\nchoice: learn\n---\nBody %d.\n", i, i)
	}
	for i := 0; i < students; i++ {
		files[fmt.Sprintf("content/students/s%03d.yaml", i)] = fmt.Sprintf("name: Student %d\nunits: [one]\n", i)
	}
	write(t, dir, files)
	return dir
}

// outputBytes builds dir and returns the bytes of all student pages and of
// the whole output.
func outputBytes(t *testing.T, dir string) (studentPages, total int64) {
	t.Setenv("PACER_SECRET", "size")
	res, err := Build(Options{Root: dir})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	for _, s := range res.Students {
		fi, err := os.Stat(filepath.Join(res.Out, s.Path))
		if err != nil {
			t.Fatal(err)
		}
		studentPages += fi.Size()
	}
	filepath.Walk(res.Out, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
		}
		return err
	})
	return studentPages, total
}

func TestOutputGrowsWithStudentsPlusActivities(t *testing.T) {
	base, baseTotal := outputBytes(t, sizeCourse(t, 10, 0))
	moreActs, moreActsTotal := outputBytes(t, sizeCourse(t, 10, 100))
	if moreActs != base {
		t.Errorf("student pages grew from %d to %d bytes when activities outside their plans were added", base, moreActs)
	}
	moreStudents, moreStudentsTotal := outputBytes(t, sizeCourse(t, 20, 100))
	perStudent := base / 10
	if grow := moreStudents - moreActs; grow > 11*perStudent {
		t.Errorf("10 more students added %d bytes of student pages, want about %d", grow, 10*perStudent)
	}
	// Adding 10 students must cost no more than their own pages: nothing
	// shared is repeated per student.
	if extra := moreStudentsTotal - moreActsTotal; extra > moreStudents-moreActs+1024 {
		t.Errorf("10 more students added %d bytes in all but only %d in their pages", extra, moreStudents-moreActs)
	}
	if moreActsTotal <= baseTotal {
		t.Errorf("100 more activities did not add pages (%d -> %d bytes)", baseTotal, moreActsTotal)
	}
}

// unitsCourse writes a course of n units with one competency and one
// activity each.
func unitsCourse(t *testing.T, n int) string {
	dir := t.TempDir()
	files := map[string]string{"site.yaml": "title: Units\n"}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("content/units/u%03d.md", i)] = fmt.Sprintf("---\ntitle: Unit number %d of the course\ncompetencies: [c%03d]\n---\n", i, i)
		files[fmt.Sprintf("content/competencies/c%03d.md", i)] = fmt.Sprintf("---\ntitle: C%d\ncan: I can C%d.\n---\n", i, i)
		files[fmt.Sprintf("content/activities/a%03d.md", i)] = fmt.Sprintf("---\ntitle: A%d\nfor: [c%03d]\nmodality: reading\nminutes: 5\n---\nBody.\n", i, i)
	}
	write(t, dir, files)
	return dir
}

// A page's weight does not grow with the number of units in the course:
// past a few units the site header links the home page's list of them
// instead of every unit, so output stays linear in activities.
func TestPagesDoNotGrowWithTheNumberOfUnits(t *testing.T) {
	t.Setenv("PACER_SECRET", "size")
	size := func(units int) (activity, competency int) {
		res, err := Build(Options{Root: unitsCourse(t, units)})
		if err != nil || res.Diags.HasErrors() {
			t.Fatalf("build: %v %v", err, res.Diags.Items())
		}
		a, err := os.ReadFile(filepath.Join(res.Out, activityURL("a000")))
		if err != nil {
			t.Fatal(err)
		}
		c, err := os.ReadFile(filepath.Join(res.Out, competencyURL("c000")))
		if err != nil {
			t.Fatal(err)
		}
		return len(a), len(c)
	}
	a10, c10 := size(10)
	a100, c100 := size(100)
	if a100-a10 > 64 || c100-c10 > 64 {
		t.Errorf("90 more units made an activity page %d bytes heavier and a competency page %d; want no more than 64", a100-a10, c100-c10)
	}
}
