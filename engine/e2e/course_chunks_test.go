package e2e

// SPEC 10: a page loads the course data of what it shows (a chunk per
// unit), and still shows every title it needs: a support activity that is
// also for a competency of another unit, and on an activity page the next
// step of the student's plan, which may be in another unit.

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// twoUnitCourse is the tiny course with tripling in a unit of its own,
// "Count in threes" a support activity of halving (unit numbers) and
// tripling, Cy studying stories only (so adding, doubling and halving are
// prerequisite steps) and Di too, having mastered halving (so tripling is
// her only step).
func twoUnitCourse(t *testing.T) course {
	files := tinyCourse()
	files["content/units/numbers.md"] = "---\ntitle: Numbers\ncompetencies: [adding, doubling, halving]\ndiagnostic: true\n---\nNumbers are everywhere.\n"
	files["content/units/stories.md"] = "---\ntitle: Stories\ncompetencies: [tripling]\n---\nNumbers in stories.\n"
	files["content/activities/count-threes.md"] = "---\ntitle: Count in threes\nfor: [halving, tripling]\nmodality: hands-on\nminutes: 10\nlevel: support\n---\nCount.\n"
	files["content/students/cy.yaml"] = "name: Cy\nunits: [stories]\n"
	files["content/students/di.yaml"] = "name: Di\nunits: [stories]\nmastered: [halving]\n"
	return buildCourse(t, writeFiles(t, files))
}

// courseScripts lists the course data files the page loads, by name.
const courseScripts = `Array.from(document.querySelectorAll("script[src*='assets/course.']"), s => s.getAttribute("src").split("/").pop()).sort()`

func TestPagesShowTheTitlesTheyNeedFromTheCourseDataTheyLoad(t *testing.T) {
	c := twoUnitCourse(t)
	p := browsertest.NewPage(t)

	c.openStudent(t, p, "Di", "2026-09-07")
	files := strings.Join(browsertest.Eval[[]string](p, courseScripts), " ")
	if !strings.Contains(files, "course.stories.") || strings.Contains(files, "course.numbers.") {
		t.Errorf("Di's page (one step, in stories) loads %s, want the head and the stories chunk only", files)
	}
	txt := browsertest.Eval[string](p, `document.getElementById("pacer-app").textContent`)
	if !strings.Contains(txt, "Count in threes") || strings.Contains(txt, "count-threes") {
		t.Errorf("Di's tripling step does not name its support activity of another unit by title: %q", txt)
	}

	c.openStudent(t, p, "Cy", "2026-09-07")
	next := p.ByRole("region", "Next up").ByRole("link", "").State().Name
	if next == "" {
		t.Fatal("Cy's Next up has no activity link")
	}
	// An activity of unit stories: its page loads that unit's chunk only
	// (the bar loads more, from the cache most often: not deferred);
	// the bar of Cy's tab still names the next activity of the plan, in
	// unit numbers, by its title.
	c.open(p, c.activity("tripling-reading"), "2026-09-07", "activity")
	files = strings.Join(browsertest.Eval[[]string](p, `Array.from(document.querySelectorAll("script[defer][src*='assets/course.']"), s => s.getAttribute("src").split("/").pop())`), " ")
	if strings.Contains(files, "course.numbers.") || !strings.Contains(files, "course.stories.") {
		t.Errorf("the activity page's script elements load %s, want the stories chunk and not numbers'", files)
	}
	bar := p.ByRole("navigation", "Your playlist").Wait()
	p.WaitFor(`document.getElementById("pacer-activity-bar").childElementCount > 0`)
	if got := bar.ByRoleContaining("link", "Next: ").State().Name; got != "Next: "+next {
		t.Errorf("the activity bar's next link reads %q, want %q (the student page's Next up)", got, "Next: "+next)
	}
	p.AssertClean(t)
}

// An activity page in a student's tab loads, beyond its own chunks, only
// the chunk of the unit its bar points to: not every unit of the plan
// (a 200-step plan's pages once loaded 130 KB of course data each).
func TestAnActivityPageLoadsOnlyTheUnitOfTheNextStep(t *testing.T) {
	files := tinyCourse()
	files["content/units/numbers.md"] = "---\ntitle: Numbers\ncompetencies: [adding, doubling]\n---\nNumbers.\n"
	files["content/units/more.md"] = "---\ntitle: More\ncompetencies: [halving]\n---\nMore numbers.\n"
	files["content/units/stories.md"] = "---\ntitle: Stories\ncompetencies: [tripling]\n---\nNumbers in stories.\n"
	files["content/students/ez.yaml"] = "name: Ez\nunits: [numbers, more, stories]\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)

	c.openStudent(t, p, "Ez", "2026-09-07")
	loaded := strings.Join(browsertest.Eval[[]string](p, courseScripts), " ")
	for _, u := range []string{"numbers", "more", "stories"} {
		if !strings.Contains(loaded, "course."+u+".") {
			t.Fatalf("Ez's page (steps in three units) loads %s, want the %s chunk too", loaded, u)
		}
	}
	next := p.ByRole("region", "Next up").ByRole("link", "").State().Name
	if next == "" {
		t.Fatal("Ez's Next up has no activity link")
	}

	// Tripling's reading, in unit stories; the next step is in numbers.
	c.open(p, c.activity("tripling-reading"), "2026-09-07", "activity")
	p.WaitFor(`document.getElementById("pacer-activity-bar").childElementCount > 0`)
	if got := p.ByRole("navigation", "Your playlist").ByRoleContaining("link", "Next: ").State().Name; got != "Next: "+next {
		t.Errorf("the activity bar's next link reads %q, want %q", got, "Next: "+next)
	}
	got := strings.Join(browsertest.Eval[[]string](p, `performance.getEntriesByType("resource").map(e => e.name.split("/").pop()).filter(n => n.startsWith("course."))`), " ")
	if strings.Contains(got, "course.more.") || !strings.Contains(got, "course.numbers.") || !strings.Contains(got, "course.stories.") {
		t.Errorf("the activity page asked for %s: want its own unit (stories) and the next step's (numbers), not more", got)
	}
}

// A prerequisite step is listed under the unit that pulled it in; the
// activity page still loads only the unit that holds it.
func TestAnActivityPageLoadsTheUnitHoldingAPrerequisiteStep(t *testing.T) {
	files := tinyCourse()
	files["content/units/aaa.md"] = "---\ntitle: Halves\ncompetencies: [halving]\n---\nHalves.\n"
	files["content/units/numbers.md"] = "---\ntitle: Numbers\ncompetencies: [adding, doubling]\n---\nNumbers.\n"
	files["content/units/stories.md"] = "---\ntitle: Stories\ncompetencies: [tripling]\n---\nNumbers in stories.\n"
	files["content/students/fa.yaml"] = "name: Fa\nunits: [aaa, stories]\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)

	c.openStudent(t, p, "Fa", "2026-09-07")
	loaded := strings.Join(browsertest.Eval[[]string](p, courseScripts), " ")
	for _, u := range []string{"aaa", "numbers", "stories"} {
		if !strings.Contains(loaded, "course."+u+".") {
			t.Fatalf("Fa's page loads %s, want the %s chunk too (her prerequisites are in numbers)", loaded, u)
		}
	}
	next := p.ByRole("region", "Next up").ByRole("link", "").State().Name
	c.open(p, c.activity("tripling-reading"), "2026-09-07", "activity")
	p.WaitFor(`document.getElementById("pacer-activity-bar").childElementCount > 0`)
	if got := p.ByRole("navigation", "Your playlist").ByRoleContaining("link", "Next: ").State().Name; got != "Next: "+next {
		t.Errorf("the activity bar's next link reads %q, want %q", got, "Next: "+next)
	}
	got := strings.Join(browsertest.Eval[[]string](p, `performance.getEntriesByType("resource").map(e => e.name.split("/").pop()).filter(n => n.startsWith("course."))`), " ")
	if strings.Contains(got, "course.aaa.") || !strings.Contains(got, "course.numbers.") {
		t.Errorf("the activity page asked for %s: want the unit holding the next step (numbers), not the one that pulled it in (aaa)", got)
	}
}
