package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// longCourse builds a course whose student Lin P. has a playlist of n
// steps, a chain of prerequisites of two activities each.
func longCourse(t *testing.T, n int) course {
	t.Helper()
	files := tinyCourse()
	var comps []string
	for i := range n {
		id := fmt.Sprintf("skill-%03d", i)
		comps = append(comps, id)
		req := ""
		if i > 0 {
			req = fmt.Sprintf("requires: [skill-%03d]\n", i-1)
		}
		files["content/competencies/"+id+".md"] = fmt.Sprintf("---\ntitle: Skill %d\ncan: I can do skill %d.\n%s---\nNotes.\n", i, i, req)
		for j, m := range []string{"video", "reading"} {
			files[fmt.Sprintf("content/activities/%s-%d.md", id, j)] = fmt.Sprintf("---\ntitle: Skill %d by %s\nfor: [%s]\nmodality: %s\nminutes: 10\nlevel: core\nchoice: learn\n---\nDo it.\n\n```check\nq: Is %d even?\nchoices: [\"yes\", \"no\"]\nanswer: %d\n```\n", i, m, id, m, i, 1+i%2)
		}
	}
	files["content/units/long.md"] = "---\ntitle: Long\ncompetencies: [" + strings.Join(comps, ", ") + "]\n---\nA long unit.\n"
	files["content/students/lin.yaml"] = "name: Lin P.\nunits: [long]\n"
	return buildCourse(t, writeFiles(t, files))
}

// A playlist of 200 steps renders all its cards, and a change updates them
// in place. The times are logged, not asserted (SPEC 10: budgets are
// benchmarks); the update is timed on a CPU slowed down four times, as on a
// low-end phone.
func TestLongPlaylistRendersAndUpdates(t *testing.T) {
	const n = 200
	c := longCourse(t, n)

	p := browsertest.NewPage(t)
	start := time.Now()
	c.openStudent(t, p, "Lin P.", "2026-09-07")
	t.Logf("%d steps: every card rendered %v after the page was asked for", n, time.Since(start).Round(time.Millisecond))
	if got := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-steps article").length`); got != n {
		t.Fatalf("%d step cards, want %d", got, n)
	}
	throttle(t, p, 4)
	ms := browsertest.Eval[float64](p, `(() => {
		const b = document.querySelector("#pacer-steps button[data-done]");
		const t0 = performance.now();
		b.click();
		return performance.now() - t0;
	})()`)
	t.Logf("marking an activity done updated the %d cards in %.0f ms on a CPU slowed down four times", n, ms)
	throttle(t, p, 1)
	waitStatus(t, p, "Skill 0", "Practicing")
	card(p, "Skill 199").WaitText("Recommended after: Skill 198")
}
