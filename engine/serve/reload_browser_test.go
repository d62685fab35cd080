package serve

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// chunkScript is a script of the course data's chunks in a page.
var chunkScript = regexp.MustCompile(`src="(?:\.\./)*(assets/course\.[^".]+\.js)"`)

// Saving an activity reloads the open pages that show it or load the
// course data it is in, and leaves the others as they are (a teacher
// with the unit they are not editing open keeps their place): before,
// any change to the course data reloaded every open page.
func TestASaveReloadsOnlyThePagesThatUseWhatChanged(t *testing.T) {
	clk := newFakeClock()
	ts := startServerWith(t, 0, false, WatchOptions{Clock: clk})
	// the course data each activity page loads
	chunks := map[int]string{}
	for i := range ts.course.Activities {
		_, body := ts.get(t, "activities/"+gencourse.ActivityID(i)+"/")
		var l []string
		for _, m := range chunkScript.FindAllStringSubmatch(body, -1) {
			l = append(l, m[1])
		}
		chunks[i] = strings.Join(l, " ")
	}
	// A loads one chunk; B and C another, and nothing of A's
	a, b, c := -1, -1, -1
	for i := range ts.course.Activities {
		if strings.Count(chunks[i], " ") != 0 || chunks[i] == "" {
			continue
		}
		switch {
		case a < 0:
			a = i
		case chunks[i] != chunks[a] && b < 0:
			b = i
		case b >= 0 && chunks[i] == chunks[b] && c < 0:
			c = i
		}
	}
	if a < 0 || b < 0 || c < 0 {
		t.Fatalf("no activity pages that load one chunk each, two of them the same: %v", chunks)
	}
	pageOf := func(i int) string { return "activities/" + gencourse.ActivityID(i) + "/" }

	pa, pb := browsertest.NewPage(t), browsertest.NewPage(t)
	for _, x := range []struct {
		p *browsertest.Page
		i int
	}{{pa, a}, {pb, b}} {
		x.p.Navigate(ts.URL() + pageOf(x.i))
		// listening for rebuilds
		x.p.WaitFor(`document.documentElement.hasAttribute("data-pacer-build")`)
		browsertest.Eval[bool](x.p, `(window.kept = true)`)
	}
	if browsertest.Eval[string](pb, `document.body.textContent`) == "" {
		t.Fatal("B's page is empty")
	}

	// C's title changes: C's page, the pages listing C and C's chunk
	rel := ts.course.Activities[c]
	src, err := os.ReadFile(ts.file(rel))
	if err != nil {
		t.Fatal(err)
	}
	title := fmt.Sprintf("Renamed activity %d", c)
	var r reload
	// B loads the changed course data: it reloads (the load is awaited
	// from before the save, so a reload at any moment is caught)
	pb.ExpectLoad(func() {
		write(t, ts.file(rel), regexp.MustCompile(`(?m)^title:.*$`).ReplaceAllString(string(src), "title: "+title))
		r, _ = ts.reload(t)
	})
	if r.All {
		t.Fatalf("a one-title save reloads every page: %+v", r)
	}
	if !slices.Contains(r.Paths, chunks[c]) {
		t.Fatalf("the reload does not name C's course data %s: %v", chunks[c], r.Paths)
	}
	if slices.Contains(r.Paths, pageOf(b)+"index.html") {
		t.Fatalf("B's page itself changed, so it proves nothing: %v", r.Paths)
	}
	if !browsertest.Eval[bool](pb, `window.kept === undefined`) {
		t.Error("B's page did not reload, though the course data it loads changed")
	}
	// A has seen the build and stays
	pa.WaitFor(fmt.Sprintf(`document.documentElement.getAttribute("data-pacer-build") === "%d"`, r.Build))
	if !browsertest.Eval[bool](pa, `window.kept === true`) {
		t.Error("A's page reloaded, though nothing it shows or loads changed")
	}
}
