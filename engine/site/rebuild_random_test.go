package site

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

var randomEditCount = flag.Int("rebuild.edits", 0,
	"random edits for TestRebuildAfterRandomEditsMatchesAFreshBuild (default 25, 10 with -short; try 500)")

// Hundreds of random edits to a generated course, one to three at a time
// as an editor or a git checkout makes them: after each, the session's
// incremental rebuild must serve the same bytes and report the same
// diagnostics as a fresh build of the same files, on a course of three
// units and one of twelve. The default run is short enough for CI;
// -rebuild.edits=500 runs the long one, and -rebuild.seed another
// sequence.
func TestRebuildAfterRandomEditsMatchesAFreshBuild(t *testing.T) {
	n := *randomEditCount
	if n == 0 {
		n = 25
		if testing.Short() {
			n = 10
		}
	}
	t.Setenv("PACER_SECRET", "test-secret")
	// Three units, whose titles every page's header shows, and twelve,
	// past which the header links the home page's list instead.
	for _, unitSize := range []int{4, 1} {
		t.Run(fmt.Sprintf("%d units", 12/unitSize), func(t *testing.T) { randomEdits(t, n, unitSize) })
	}
}

// randomEdits makes n random edits to a generated course of units of
// unitSize competencies, comparing each rebuild with a fresh build.
func randomEdits(t *testing.T, n, unitSize int) {
	c, err := gencourse.Write(t.TempDir(), gencourse.Options{Activities: 60, Competencies: 12, Students: 16, UnitSize: unitSize, ClassSize: 4, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(Options{Root: c.Root})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatalf("first build: %v", up.Diags.Items())
	}
	e := newRandomEditor(t, c, *randomSeed)
	rendered, pages := 0, 0
	for i := range n {
		var what []string
		var changed []string
		for range 1 + e.r.IntN(3)*e.r.IntN(2) {
			w, ch := e.edit()
			what = append(what, w)
			changed = append(changed, ch...)
		}
		up := update(t, s, changed...)
		if !up.OK {
			t.Fatalf("edit %d (%s) did not build:\n%v", i, strings.Join(what, "; "), up.Diags.Items())
		}
		rendered += len(up.Rendered)
		pages += len(s.good.pages)
		if !sameAsFresh(t, s, fmt.Sprintf("edit %d (%s)", i, strings.Join(what, "; "))) {
			t.FailNow()
		}
	}
	t.Logf("%d edits: %.1f %% of the pages rendered again on average", n, 100*float64(rendered)/float64(pages))
}

var randomSeed = flag.Uint64("rebuild.seed", 1, "seed of TestRebuildAfterRandomEditsMatchesAFreshBuild's edits")

// sameAsFresh is sameAsFreshBuild that names the edit and reports whether
// all matched.
func sameAsFresh(t *testing.T, s *Session, what string) bool {
	t.Helper()
	ok := true
	t.Run("", func(t *testing.T) {
		sameAsFreshBuild(t, s)
		ok = !t.Failed()
	})
	if !ok {
		t.Errorf("after %s", what)
	}
	return ok
}

// randomEditor makes valid edits of every kind a course has.
type randomEditor struct {
	t    *testing.T
	root string
	r    *rand.Rand
	// Files of the course, relative to root, as they are now.
	acts, comps, units, students, groups []string
	sheets                               []string // files bodies link to
	n                                    int      // edits so far, for new names
}

func newRandomEditor(t *testing.T, c *gencourse.Course, seed uint64) *randomEditor {
	e := &randomEditor{t: t, root: c.Root, r: rand.New(rand.NewPCG(seed, 99)),
		acts: slices.Clone(c.Activities), comps: slices.Clone(c.Competencies),
		units: slices.Clone(c.Units), students: slices.Clone(c.Students)}
	gs, _ := filepath.Glob(filepath.Join(c.Root, "content", "groups", "*.yaml"))
	for _, g := range gs {
		rel, _ := filepath.Rel(c.Root, g)
		e.groups = append(e.groups, rel)
	}
	return e
}

func (e *randomEditor) pick(list []string) string { return list[e.r.IntN(len(list))] }

func (e *randomEditor) idOf(rel string) string {
	return strings.TrimSuffix(filepath.Base(rel), filepath.Ext(rel))
}

func (e *randomEditor) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(e.root, rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

func (e *randomEditor) write(rel, s string) string {
	p := filepath.Join(e.root, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// set gives key the value in a file's front matter (or YAML file),
// adding the line if it is missing.
func (e *randomEditor) set(rel, key, value string) string {
	s := e.read(rel)
	line := key + ": " + value
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*$`)
	switch {
	case re.MatchString(s):
		s = re.ReplaceAllLiteralString(s, line)
	case strings.HasPrefix(s, "---\n"):
		end := strings.Index(s[4:], "\n---\n") + 4
		s = s[:end] + "\n" + line + s[end:]
	default:
		s = strings.TrimRight(s, "\n") + "\n" + line + "\n"
	}
	return e.write(rel, s)
}

func (e *randomEditor) unset(rel, key string) string {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*\n`)
	return e.write(rel, re.ReplaceAllLiteralString(e.read(rel), ""))
}

func (e *randomEditor) appendBody(rel, text string) string {
	return e.write(rel, e.read(rel)+"\n"+text+"\n")
}

var (
	randModalities = []string{"video", "reading", "audio", "hands-on", "practice", "game"}
	randInterests  = []string{"music", "sports", "art", "space", "animals"}
	randChoices    = []string{"learn", "practice", "apply", "extra"}
)

// forCount is how many activities are for each competency now.
func (e *randomEditor) forCount() map[string]int {
	n := map[string]int{}
	re := regexp.MustCompile(`(?m)^for: \[(.*)\]$`)
	for _, a := range e.acts {
		if m := re.FindStringSubmatch(e.read(a)); m != nil {
			for _, id := range strings.Split(m[1], ", ") {
				n[id]++
			}
		}
	}
	return n
}

// edit makes one random edit and says what it did and which paths changed.
func (e *randomEditor) edit() (string, []string) {
	e.n++
	a := e.pick(e.acts)
	k := e.pick(e.comps)
	u := e.pick(e.units)
	st := e.pick(e.students)
	g := e.pick(e.groups)
	one := func(what, p string) (string, []string) { return what, []string{p} }
	switch e.r.IntN(32) {
	case 0:
		return one("activity body "+a, e.appendBody(a, fmt.Sprintf("Another paragraph, number %d.", e.n)))
	case 1:
		return one("activity title "+a, e.set(a, "title", fmt.Sprintf("Activity retitled %d", e.n)))
	case 2, 3:
		return one("activity minutes "+a, e.set(a, "minutes", fmt.Sprint(5*(1+e.r.IntN(12)))))
	case 4:
		return one("activity modality "+a, e.set(a, "modality", e.pick(randModalities)))
	case 5:
		return one("activity level "+a, e.set(a, "level", e.pick([]string{"core", "core", "support", "extension"})))
	case 6:
		if e.r.IntN(3) == 0 {
			return one("activity choice removed "+a, e.unset(a, "choice"))
		}
		return one("activity choice "+a, e.set(a, "choice", e.pick(randChoices)))
	case 7:
		return one("activity interests "+a, e.set(a, "interests", "["+e.pick(randInterests)+"]"))
	case 8:
		if e.forCount()[e.forOf(a)] <= 2 {
			return one("activity body "+a, e.appendBody(a, "Short note."))
		}
		return one("activity moved "+a, e.set(a, "for", "["+e.idOf(k)+"]"))
	case 9:
		return one("activity aliases "+a, e.set(a, "aliases", fmt.Sprintf("[old-%s-%d]", e.idOf(a), e.n)))
	case 10:
		return one("activity check added "+a, e.appendBody(a, fmt.Sprintf("```check\nq: What is %d plus one?\nchoices: [\"%d\", \"%d\"]\nanswer: 2\n```", e.n, e.n, e.n+1)))
	case 11:
		s := e.read(a)
		if !strings.Contains(s, "answer: 2") {
			return one("activity check added "+a, e.appendBody(a, "```check\nq: Yes?\nchoices: [yes, no]\nanswer: 1\n```"))
		}
		return one("activity check answer "+a, e.write(a, strings.Replace(s, "answer: 2", "answer: 1", 1)))
	case 12:
		rel := filepath.Join("content", "activities", "new", fmt.Sprintf("new-%d.md", e.n))
		e.acts = append(e.acts, rel)
		return one("activity added "+rel, e.write(rel, fmt.Sprintf("---\ntitle: New %d\nfor: [%s]\nmodality: %s\nminutes: %d\nlevel: core\nchoice: %s\n---\nDo it.\n",
			e.n, e.idOf(k), e.pick(randModalities), 5*(1+e.r.IntN(8)), e.pick(randChoices))))
	case 13:
		if e.forCount()[e.forOf(a)] <= 2 {
			return one("activity body "+a, e.appendBody(a, "Short note."))
		}
		e.acts = slices.DeleteFunc(e.acts, func(x string) bool { return x == a })
		p := filepath.Join(e.root, a)
		os.Remove(p)
		return "activity removed " + a, []string{p}
	case 14:
		return one("activity params "+a, e.set(a, "params", fmt.Sprintf("{size: %d}", e.r.IntN(3))))
	case 15:
		return one("competency title "+k, e.set(k, "title", fmt.Sprintf("Competency retitled %d", e.n)))
	case 16:
		return one("competency can "+k, e.set(k, "can", fmt.Sprintf("I can do thing %d.", e.n)))
	case 17:
		return one("competency body "+k, e.appendBody(k, fmt.Sprintf("More about it, %d.", e.n)))
	case 18:
		// Prerequisites only on lower ids keep the graph acyclic.
		i := slices.Index(e.comps, k)
		if i == 0 || e.r.IntN(3) == 0 {
			return one("competency requires nothing "+k, e.set(k, "requires", "[]"))
		}
		return one("competency requires "+k, e.set(k, "requires", "["+e.idOf(e.comps[e.r.IntN(i)])+"]"))
	case 19:
		return one("unit title "+u, e.set(u, "title", fmt.Sprintf("Unit retitled %d", e.n)))
	case 20:
		return one("unit body "+u, e.appendBody(u, fmt.Sprintf("Why it matters, %d.", e.n)))
	case 21:
		return one("unit diagnostic "+u, e.set(u, "diagnostic", fmt.Sprint(e.r.IntN(2) == 0)))
	case 22:
		return one("group start "+g, e.set(g, "start", fmt.Sprintf("2026-%02d-%02d", 9+e.r.IntN(3), 1+e.r.IntN(28))))
	case 23:
		us := slices.Clone(e.units)
		e.r.Shuffle(len(us), func(i, j int) { us[i], us[j] = us[j], us[i] })
		ids := []string{}
		for _, x := range us[:1+e.r.IntN(len(us))] {
			ids = append(ids, e.idOf(x))
		}
		return one("group units "+g, e.set(g, "units", "["+strings.Join(ids, ", ")+"]"))
	case 24:
		return one("student prefers "+st, e.set(st, "prefers", "["+e.pick(randModalities)+", "+e.pick(randModalities)+"]"))
	case 25:
		return one("student interests "+st, e.set(st, "interests", "["+e.pick(randInterests)+"]"))
	case 26:
		switch e.r.IntN(3) {
		case 0:
			return one("student mastered "+st, e.set(st, "mastered", "["+e.idOf(k)+"]"))
		case 1:
			return one("student language "+st, e.set(st, "language", e.pick([]string{"en", "es"})))
		}
		return one("student time "+st, e.set(st, "accommodations", fmt.Sprintf("{time: %d.5}", 1+e.r.IntN(2))))
	case 27:
		if e.r.IntN(2) == 0 && len(e.students) > 4 {
			e.students = slices.DeleteFunc(e.students, func(x string) bool { return x == st })
			p := filepath.Join(e.root, st)
			os.Remove(p)
			return "student removed " + st, []string{p}
		}
		rel := filepath.Join("content", "students", fmt.Sprintf("new%d.yaml", e.n))
		e.students = append(e.students, rel)
		return one("student added "+rel, e.write(rel, fmt.Sprintf("name: New %d\ngroup: %s\nprefers: [%s]\n", e.n, e.idOf(g), e.pick(randModalities))))
	case 28:
		// A body links a file beside it; the file comes and goes.
		host := e.pick([]string{a, u, k})
		sheet := filepath.Join(filepath.Dir(host), fmt.Sprintf("sheet-%d.txt", e.r.IntN(3)))
		e.sheets = append(e.sheets, sheet)
		return "link to " + sheet + " from " + host, []string{
			e.appendBody(host, "[A sheet]("+filepath.Base(sheet)+")"),
			e.write(sheet, fmt.Sprintf("sheet %d", e.n)),
		}
	case 29:
		// A competency joins or leaves a unit: the chunks of the course
		// data that hold it, and the script tags of its pages, change.
		cs := slices.Clone(e.comps)
		e.r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		ids := []string{}
		for _, x := range cs[:1+e.r.IntN(min(3, len(cs)))] {
			ids = append(ids, e.idOf(x))
		}
		return one("unit competencies "+u, e.set(u, "competencies", "["+strings.Join(ids, ", ")+"]"))
	case 30:
		rel := filepath.Join("content", "competencies", fmt.Sprintf("new-%d.md", e.n))
		e.comps = append(e.comps, rel)
		req := ""
		if e.r.IntN(2) == 0 {
			req = "requires: [" + e.idOf(k) + "]\n"
		}
		return one("competency added "+rel, e.write(rel, fmt.Sprintf("---\ntitle: New competency %d\ncan: I can do new thing %d.\n%s---\nAbout it.\n", e.n, e.n, req)))
	case 31:
		rel := filepath.Join("content", "units", fmt.Sprintf("new-%d.md", e.n))
		e.units = append(e.units, rel)
		return one("unit added "+rel, e.write(rel, fmt.Sprintf("---\ntitle: New unit %d\ncompetencies: [%s]\n---\nWhy.\n", e.n, e.idOf(k))))
	default:
		if len(e.sheets) == 0 {
			return one("unit body "+u, e.appendBody(u, "A line."))
		}
		sheet := e.pick(e.sheets)
		p := filepath.Join(e.root, sheet)
		if _, err := os.Stat(p); err == nil {
			os.Remove(p)
			return "removed " + sheet, []string{p}
		}
		return one("restored "+sheet, e.write(sheet, "back"))
	}
}

// forOf is the (first) competency activity a is for.
func (e *randomEditor) forOf(a string) string {
	m := regexp.MustCompile(`(?m)^for: \[([^,\]]*)`).FindStringSubmatch(e.read(a))
	if m == nil {
		return ""
	}
	return m[1]
}
