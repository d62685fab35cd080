package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// smallCourse writes a generated course of 60 activities over 12
// competencies in 3 units, with 20 students in 4 classes.
func smallCourse(t *testing.T) *gencourse.Course {
	t.Helper()
	t.Setenv("PACER_SECRET", "test-secret")
	c, err := gencourse.Write(t.TempDir(), gencourse.Options{Activities: 60, Competencies: 12, Students: 20, UnitSize: 4, ClassSize: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func update(t *testing.T, s *Session, changed ...string) *Update {
	t.Helper()
	up, err := s.Update(changed)
	if err != nil {
		t.Fatal(err)
	}
	return up
}

// edit rewrites a file of the course with f.
func edit(t *testing.T, root, rel string, f func(string) string) string {
	t.Helper()
	p := filepath.Join(root, rel)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	out := f(string(b))
	if out == string(b) {
		t.Fatalf("edit of %s changed nothing", rel)
	}
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func replaceLine(prefix, line string) func(string) string {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(prefix) + `.*$`)
	return func(s string) string { return re.ReplaceAllLiteralString(s, line) }
}

// sameAsFreshBuild fails t unless s serves exactly what a new session
// building the same files from scratch serves.
func sameAsFreshBuild(t *testing.T, s *Session) {
	t.Helper()
	fresh := NewSession(s.opts)
	defer fresh.Close()
	up := update(t, fresh)
	if !up.OK {
		t.Fatalf("fresh build failed:\n%v", up.Diags.Items())
	}
	for p := range fresh.files {
		f, _ := fresh.File(p)
		g, ok := s.File(p)
		switch {
		case !ok:
			t.Errorf("%s: missing after the incremental build", p)
		case g.Src != f.Src || string(g.Data) != string(f.Data):
			t.Errorf("%s: differs from a fresh build", p)
		}
	}
	for p := range s.files {
		if _, ok := fresh.files[p]; !ok {
			t.Errorf("%s: left over after the incremental build", p)
		}
	}
	if a, b := diagText(s.good.b.res), diagText(up.Result); a != b {
		t.Errorf("diagnostics differ from a fresh build:\nincremental:\n%s\nfresh:\n%s", a, b)
	}
}

func diagText(r *Result) string {
	var b strings.Builder
	r.Diags.Print(&b)
	return b.String()
}

// studentPagesWith lists the student pages whose plan has a step of
// competency comp.
func studentPagesWith(t *testing.T, s *Session, comp string) []string {
	var out []string
	for path, p := range s.good.pages {
		if p.plan == nil {
			continue
		}
		if p.plan.reads.Read(depend.Key{Kind: depend.Board, ID: comp}) != 0 {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	if len(out) == 0 {
		t.Fatalf("no student has %s", comp)
	}
	return out
}

func TestSessionRerendersOnlyWhatAnEditTouches(t *testing.T) {
	c := smallCourse(t)
	root := c.Root
	s := NewSession(Options{Root: root})
	defer s.Close()
	first := update(t, s)
	if !first.OK || !first.Full {
		t.Fatalf("first build: ok %v full %v\n%v", first.OK, first.Full, first.Diags.Items())
	}
	act0 := gencourse.ActivityID(0)
	comp0 := gencourse.CompetencyID(0)

	t.Run("activity body: its own page only", func(t *testing.T) {
		p := edit(t, root, c.Activities[0], func(s string) string { return s + "\nOne more paragraph.\n" })
		up := update(t, s, p)
		if want := []string{activityURL(act0)}; !slices.Equal(up.Rendered, want) {
			t.Errorf("rendered %v, want %v", up.Rendered, want)
		}
		if !slices.Equal(up.Changed, up.Rendered) {
			t.Errorf("changed %v", up.Changed)
		}
		sameAsFreshBuild(t, s)
	})
	t.Run("activity title: its page and the pages that link it", func(t *testing.T) {
		want := []string{activityURL(act0)}
		for path := range s.good.pages {
			if strings.Contains(pageText(t, s, path), "activities/"+act0+"/") {
				want = append(want, path)
			}
		}
		slices.Sort(want)
		if !slices.Contains(want, competencyURL(comp0)) || len(want) < 3 {
			t.Fatalf("the test needs a competency page and some student pages that link %s: %v", act0, want)
		}
		p := edit(t, root, c.Activities[0], replaceLine("title:", "title: A brand new title"))
		up := update(t, s, p)
		if !slices.Equal(up.Rendered, want) {
			t.Errorf("rendered %v,\nwant %v", up.Rendered, want)

		}
		// The course data: only the chunk of the unit holding it.
		var assets []string
		for _, p := range up.Changed {
			if !strings.HasSuffix(p, ".html") {
				assets = append(assets, p)
			}
		}
		if want := []string{sessionChunkPath(gencourse.UnitID(0))}; !slices.Equal(assets, want) {
			t.Errorf("changed assets %v, want the chunk of its unit %v", assets, want)
		}
		sameAsFreshBuild(t, s)
	})
	steps := []struct {
		name string
		do   func() []string
		full bool
	}{
		{"activity minutes", func() []string {
			return []string{edit(t, root, c.Activities[13], replaceLine("minutes:", "minutes: 55"))}
		}, false},
		{"activity moved to another competency", func() []string {
			return []string{edit(t, root, c.Activities[14], replaceLine("for:", "for: ["+gencourse.CompetencyID(5)+"]"))}
		}, false},
		{"activity check changed", func() []string {
			p := filepath.Join(root, c.Activities[2])
			b, _ := os.ReadFile(p)
			if !strings.Contains(string(b), "```check") {
				os.WriteFile(p, append(b, "\n```check\nq: Is this new?\nchoices: [yes, no]\nanswer: 1\n```\n"...), 0o644)
				return []string{p}
			}
			return []string{edit(t, root, c.Activities[2], func(s string) string { return strings.Replace(s, "answer: 2", "answer: 3", 1) })}
		}, false},
		{"activity added", func() []string {
			p := filepath.Join(root, "content", "activities", "new", "brand-new.md")
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("---\ntitle: Brand new\nfor: ["+comp0+"]\nmodality: game\nminutes: 5\n---\nPlay.\n"), 0o644)
			return []string{p}
		}, false},
		{"activity removed", func() []string {
			p := filepath.Join(root, c.Activities[20])
			os.Remove(p)
			return []string{p}
		}, false},
		{"competency body", func() []string {
			return []string{edit(t, root, c.Competencies[3], func(s string) string { return s + "\nMore.\n" })}
		}, false},
		{"competency title", func() []string {
			return []string{edit(t, root, c.Competencies[2], replaceLine("title:", "title: Renamed competency"))}
		}, false},
		{"competency prerequisites", func() []string {
			return []string{edit(t, root, c.Competencies[6], replaceLine("requires:", "requires: []"))}
		}, false},
		{"unit introduction", func() []string {
			return []string{edit(t, root, c.Units[1], func(s string) string { return s + "\nWhy this matters.\n" })}
		}, false},
		{"group dates", func() []string {
			return []string{edit(t, root, "content/groups/g0001.yaml", func(s string) string { return s + "start: 2026-10-01\n" })}
		}, false},
		{"student preferences", func() []string {
			return []string{edit(t, root, c.Students[3], replaceLine("prefers:", "prefers: [game]"))}
		}, false},
		{"student added", func() []string {
			p := filepath.Join(root, "content", "students", "zed.yaml")
			os.WriteFile(p, []byte("name: Zed Q.\ngroup: g0002\n"), 0o644)
			return []string{p}
		}, false},
		{"student removed", func() []string {
			p := filepath.Join(root, c.Students[4])
			os.Remove(p)
			return []string{p}
		}, false},
		{"a link to a file beside an activity", func() []string {
			sheet := filepath.Join(root, filepath.Dir(c.Activities[5]), "sheet.txt")
			os.WriteFile(sheet, []byte("a worksheet"), 0o644)
			return []string{sheet, edit(t, root, c.Activities[5], func(s string) string { return s + "\n[The worksheet](sheet.txt)\n" })}
		}, false},
		{"the linked file removed", func() []string {
			sheet := filepath.Join(root, filepath.Dir(c.Activities[5]), "sheet.txt")
			os.Remove(sheet)
			return []string{sheet}
		}, false},
		{"the linked file back", func() []string {
			sheet := filepath.Join(root, filepath.Dir(c.Activities[5]), "sheet.txt")
			os.WriteFile(sheet, []byte("a worksheet, again"), 0o644)
			return []string{sheet}
		}, false},
		{"unit title", func() []string {
			return []string{edit(t, root, c.Units[0], replaceLine("title:", "title: First unit"))}
		}, true},
		{"site.yaml", func() []string {
			return []string{edit(t, root, "site.yaml", replaceLine("title:", "title: Renamed course"))}
		}, true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			up := update(t, s, st.do()...)
			if !up.OK {
				t.Fatalf("build failed:\n%v", up.Diags.Items())
			}
			if up.Full != st.full {
				t.Errorf("full rebuild %v, want %v (%d pages)", up.Full, st.full, len(up.Rendered))
			}
			sameAsFreshBuild(t, s)
		})
	}
}

func TestSessionKeepsTheLastGoodBuildUntilTheFix(t *testing.T) {
	c := smallCourse(t)
	s := NewSession(Options{Root: c.Root})
	defer s.Close()
	update(t, s)
	before, _ := s.File(activityURL(gencourse.ActivityID(1)))

	p := edit(t, c.Root, c.Activities[1], replaceLine("for:", "for: [no-such-competency]"))
	p2 := edit(t, c.Root, c.Activities[1], func(s string) string { return s + "\nAn edit the failed build saw.\n" })
	up := update(t, s, p, p2)
	if up.OK || !up.Diags.HasErrors() {
		t.Fatalf("a content error built: %v", up.Diags.Items())
	}
	if want := c.Activities[1] + ":3:"; !strings.Contains(diagText(up.Result), filepath.ToSlash(want)) {
		t.Errorf("diagnostics do not point at %s:\n%s", want, diagText(up.Result))
	}
	if now, _ := s.File(activityURL(gencourse.ActivityID(1))); string(now.Data) != string(before.Data) {
		t.Error("the failed build replaced a served page")
	}

	p = edit(t, c.Root, c.Activities[1], replaceLine("for:", "for: ["+gencourse.CompetencyID(1)+"]"))
	up = update(t, s, p)
	if !up.OK {
		t.Fatalf("the fix did not build: %v", up.Diags.Items())
	}
	if !slices.Contains(up.Rendered, activityURL(gencourse.ActivityID(1))) {
		t.Errorf("the page edited while the build failed was not re-rendered: %v", up.Rendered)
	}
	sameAsFreshBuild(t, s)
}

func TestSessionRebundlesAThemeScriptWithoutRenderingPages(t *testing.T) {
	c := smallCourse(t)
	dir := filepath.Join(c.Root, "themes", "default", "assets")
	os.MkdirAll(dir, 0o755)
	src, err := os.ReadFile(filepath.Join(moduleRoot(t), "themes", "default", "assets", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(dir, "style.css")
	os.WriteFile(css, src, 0o644)
	s := NewSession(Options{Root: c.Root})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatal(up.Diags.Items())
	}
	os.WriteFile(css, append(src, "\nbody { outline: 1px solid #123456 }\n"...), 0o644)
	up := update(t, s, css)
	if !up.OK || up.Full || len(up.Rendered) != 0 {
		t.Fatalf("ok %v full %v rendered %d", up.OK, up.Full, len(up.Rendered))
	}
	if !slices.Equal(up.Changed, []string{SessionStyle}) {
		t.Errorf("changed %v, want only the stylesheet", up.Changed)
	}
	f, _ := s.File(SessionStyle)
	if !strings.Contains(string(f.Data), "#123456") {
		t.Error("the stylesheet was not rebuilt")
	}
}

// A unit's "why" is shown on every student page of the unit. In a session
// each page keeps what its own rendering reported, so an image the why
// links is a copy of every one of those pages, not only of the first
// rendered: removing any one student never drops the image.
func TestSessionEveryStudentPageKeepsItsWhysCopies(t *testing.T) {
	c := smallCourse(t)
	unit := c.Units[0]
	if err := os.WriteFile(filepath.Join(c.Root, filepath.Dir(unit), "map.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, c.Root, unit, func(s string) string { return s + "\n![The unit map](map.png)\n" })
	s := NewSession(Options{Root: c.Root})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatalf("build failed: %v", up.Diags.Items())
	}
	id := strings.TrimSuffix(filepath.Base(unit), ".md")
	n := 0
	for path, p := range s.good.pages {
		if !strings.HasPrefix(path, "s/") || !strings.Contains(pageText(t, s, path), `id="why-`+id+`"`) {
			continue
		}
		n++
		if len(p.copies) == 0 {
			t.Errorf("%s shows the why of %s but does not copy its image", path, id)
		}
	}
	if n < 2 {
		t.Fatalf("only %d student pages show unit %s; the test needs several", n, id)
	}
}

// An activity's minutes show on its own page, on the pages that link it
// (the link's note) and in the plans where it is ranked first (the step's
// minutes and target dates). Students who have its competency but are
// suggested another activity, with a plan that comes out the same, keep
// their pages.
func TestSessionMinutesEditRerendersOnlyPagesThatShowThem(t *testing.T) {
	t.Setenv("PACER_SECRET", "test-secret")
	c, err := gencourse.Write(t.TempDir(), gencourse.Options{Activities: 200, Competencies: 10, Students: 40, UnitSize: 5, ClassSize: 10, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(Options{Root: c.Root})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatal(up.Diags.Items())
	}
	// A core activity of competency 0 that few students are suggested,
	// and that takes longer than the others of its choice group, so that
	// more minutes leave every ranking as it was.
	comp := gencourse.CompetencyID(0)
	students := studentPagesWith(t, s, comp)
	minutes := regexp.MustCompile(`(?m)^minutes: (\d+)$`)
	choice := regexp.MustCompile(`(?m)^choice: (\w+)$`)
	type option struct {
		i, min int
		choice string
	}
	var acts []option
	for i := 0; i < 200; i += 10 {
		src := readFile(t, c.Root, c.Activities[i])
		if m, ch := minutes.FindStringSubmatch(src), choice.FindStringSubmatch(src); m != nil && ch != nil {
			n, _ := strconv.Atoi(m[1])
			acts = append(acts, option{i, n, ch[1]})
		}
	}
	var compActs []string // competency 0's activities in id order, as the page ranks them
	for i := 0; i < 200; i++ {
		if gencourse.CompetencyOf(i, 10) == 0 {
			compActs = append(compActs, gencourse.ActivityID(i))
		}
	}
	slices.Sort(compActs)
	best, fewest := -1, len(students)+1
	for _, a := range acts {
		longest := true
		for _, o := range acts {
			if o.i != a.i && o.choice == a.choice && o.min >= a.min {
				longest = false
			}
		}
		if !longest {
			continue
		}
		n := 0
		for _, p := range students {
			if showsFirst(t, pageText(t, s, p), comp, gencourse.ActivityID(a.i), compActs) {
				n++
			}
		}
		if n < fewest {
			best, fewest = a.i, n
		}
	}
	if best < 0 {
		t.Fatal("no activity takes longer than the rest of its choice group")
	}
	act := gencourse.ActivityID(best)
	before := map[string]string{}
	for path := range s.good.pages {
		before[path] = pageText(t, s, path)
	}
	p := edit(t, c.Root, c.Activities[best], replaceLine("minutes:", "minutes: 90"))
	up := update(t, s, p)
	if !up.OK {
		t.Fatal(up.Diags.Items())
	}
	sameAsFreshBuild(t, s)
	var studentsRendered int
	for _, path := range up.Rendered {
		if !strings.HasPrefix(path, "s/") {
			continue
		}
		studentsRendered++
		shows := showsFirst(t, before[path], comp, act, compActs)
		if changed := before[path] != pageText(t, s, path); !shows && !changed {
			t.Errorf("%s rendered again: it does not link %s and came out the same", path, act)
		}
	}
	if studentsRendered != fewest {
		t.Errorf("%d of the %d students with %s rendered again, want the %d whose pages link %s", studentsRendered, len(students), comp, fewest, act)
	}
	t.Logf("%d of %d students with %s rendered again (%d linked %s)", studentsRendered, len(students), comp, fewest, act)
}

// showsFirst reports whether a student page links activity act or ranks
// it first in a choice group of competency comp's step, not placed (its playlist
// names activities by rank among compActs).
func showsFirst(t *testing.T, page, comp, act string, compActs []string) bool {
	t.Helper()
	if strings.Contains(page, "activities/"+act+"/") {
		return true
	}
	m := regexp.MustCompile(`id="pacer-playlist">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("a student page without its playlist")
	}
	var pl struct {
		Steps []struct {
			C       string `json:"c"`
			Placed  bool   `json:"placed"`
			Choices []struct {
				R []int `json:"r"`
			} `json:"choices"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(m[1]), &pl); err != nil {
		t.Fatal(err)
	}
	for _, st := range pl.Steps {
		for _, ch := range st.Choices {
			if st.C == comp && !st.Placed && len(ch.R) > 0 && compActs[ch.R[0]] == act {
				return true
			}
		}
	}
	return false
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pageText is a page the session serves.
func pageText(t *testing.T, s *Session, path string) string {
	t.Helper()
	f, ok := s.File(path)
	if !ok {
		t.Fatalf("%s is not served", path)
	}
	return string(f.Data)
}

// Past eight units the header links the home page's list instead of
// naming every unit, so a page that shows no unit title does not read
// them: renaming a unit re-renders the pages that show its title, not
// every page. With few units every page shows them and renders again.
// Going from nine units to eight brings the list back on every page.
func TestSessionUnitRenameRerendersOnlyPagesThatShowUnitTitles(t *testing.T) {
	t.Setenv("PACER_SECRET", "test-secret")
	for _, tc := range []struct {
		units        int
		activityPage bool // re-rendered on a rename
	}{{12, false}, {3, true}} {
		t.Run(fmt.Sprint(tc.units, " units"), func(t *testing.T) {
			root := unitsCourse(t, tc.units)
			s := NewSession(Options{Root: root})
			defer s.Close()
			if up := update(t, s); !up.OK {
				t.Fatal(up.Diags.Items())
			}
			p := edit(t, root, "content/units/u001.md", replaceLine("title:", "title: A unit renamed"))
			up := update(t, s, p)
			if !up.OK {
				t.Fatal(up.Diags.Items())
			}
			if !slices.Contains(up.Rendered, unitURL("u001")) || !slices.Contains(up.Rendered, "index.html") {
				t.Errorf("the unit's page and the home page were not rendered again: %v", up.Rendered)
			}
			if got := slices.Contains(up.Rendered, activityURL("a002")); got != tc.activityPage {
				t.Errorf("an activity page rendered again: %v, want %v (%d pages rendered)", got, tc.activityPage, len(up.Rendered))
			}
			sameAsFreshBuild(t, s)
		})
	}
	t.Run("nine units to eight", func(t *testing.T) {
		root := unitsCourse(t, 9)
		s := NewSession(Options{Root: root})
		defer s.Close()
		if up := update(t, s); !up.OK {
			t.Fatal(up.Diags.Items())
		}
		p := filepath.Join(root, "content/units/u008.md")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if up := update(t, s, p); !up.OK {
			t.Fatal(up.Diags.Items())
		}
		if page := pageText(t, s, activityURL("a000")); !strings.Contains(page, "Unit number 7 of the course") {
			t.Error("with eight units an activity page does not name them")
		}
		sameAsFreshBuild(t, s)
	})
}

// A competency page lists the units that hold it in the order students
// meet them, which the groups decide: reordering a group's units reorders
// that list even though no unit changed.
func TestSessionGroupOrderReordersACompetencysUnits(t *testing.T) {
	t.Setenv("PACER_SECRET", "test-secret")
	root := unitsCourse(t, 12)
	// The default theme does not show a competency's units; a site's own
	// layout may (SPEC 2: a site overrides any theme file).
	layout := readFile(t, "../..", "themes/default/layouts/competency.html")
	layout = strings.Replace(layout, `<p class="can">`, `<p class="units">{{range .Competency.Units}}{{.Title}}; {{end}}</p>
<p class="can">`, 1)
	write(t, root, map[string]string{
		"content/units/u001.md":                  "---\ntitle: Unit number 1 of the course\ncompetencies: [c001, c000]\n---\n",
		"content/groups/g.yaml":                  "title: G\nunits: [u000, u001]\nstart: 2026-09-08\nend: 2027-06-18\n",
		"themes/default/layouts/competency.html": layout,
	})
	s := NewSession(Options{Root: root})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatal(up.Diags.Items())
	}
	order := func() string {
		page := pageText(t, s, competencyURL("c000"))
		a, b := strings.Index(page, "Unit number 0 of"), strings.Index(page, "Unit number 1 of")
		if a < 0 || b < 0 {
			t.Fatal("the competency page does not name both of its units")
		}
		if a < b {
			return "u000 u001"
		}
		return "u001 u000"
	}
	if got := order(); got != "u000 u001" {
		t.Fatalf("units listed %s before the edit", got)
	}
	p := edit(t, root, "content/groups/g.yaml", replaceLine("units:", "units: [u001, u000]"))
	if up := update(t, s, p); !up.OK {
		t.Fatal(up.Diags.Items())
	}
	if got := order(); got != "u001 u000" {
		t.Errorf("units listed %s after the group's order changed", got)
	}
	sameAsFreshBuild(t, s)
}
