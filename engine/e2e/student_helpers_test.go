package e2e

// Helpers of the student-experience tests (student_*_test.go): a tiny
// course whose plan is known by heart, building and serving a course, and
// opening a student's page on a fixed day.

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/site"
)

// tinyCourse has one unit of four competencies in a chain (adding →
// doubling → halving → tripling), 20 minutes a day and 20 minutes a step,
// Monday to Friday with a day off on Wednesday 9 Sep 2026. Ada's plan is
// therefore: adding Mon 7 Sep, doubling Tue 8, halving Thu 10, tripling
// Fri 11. Adding has quick checks of all three kinds (a video with a
// one-answer and a several-answer check, a reading with a short answer),
// a hands-on support activity with a check, and a project to go deeper.
func tinyCourse() map[string]string {
	files := map[string]string{
		"site.yaml": `title: Tiny course
language: en
term:
  start: 2026-09-07
  end: 2026-10-30
  days: [mon, tue, wed, thu, fri]
  breaks:
    - {from: 2026-09-09, to: 2026-09-09, name: Day off}
  minutesPerDay: 20
  pace: asap # the pace tests count from targets laid at 20 minutes a day
mastery:
  scale: [Not yet, Getting there, Got it, Can teach it]
  rule: {self: 3, checks: 2 of 3}
students:
  secretEnv: PACER_SECRET
  dir: content
`,
		"content/units/numbers.md": "---\ntitle: Numbers\ncompetencies: [adding, doubling, halving, tripling]\ndiagnostic: true\n---\nNumbers are everywhere.\n",
		"content/activities/adding-video.md": "---\ntitle: Adding on a number line\nfor: [adding]\nmodality: video\nminutes: 20\nlevel: core\nchoice: learn\n---\nJump along a number line.\n\n" +
			"```check\nq: What is 2 + 3?\nchoices: [\"4\", \"5\", \"6\"]\nanswer: 2\nexplain: Start at 2 and jump 3 steps to 5.\n```\n\n" +
			"```check\nq: Which sums make 10?\nchoices: [\"4 + 6\", \"5 + 4\", \"7 + 3\"]\nanswer: [1, 3]\nexplain: 4 + 6 and 7 + 3 both make 10; 5 + 4 is 9.\n```\n",
		"content/activities/adding-reading.md": "---\ntitle: Reading about sums\nfor: [adding]\nmodality: reading\nminutes: 20\nlevel: core\nchoice: learn\n---\nA sum is what you get when you add.\n\n" +
			"```check\nq: What is 4 + 4?\nanswer: \"8\"\naccept: [\"eight\"]\nexplain: Four and four more is eight.\n```\n",
		"content/activities/adding-blocks.md": "---\ntitle: Build sums with blocks\nfor: [adding]\nmodality: hands-on\nminutes: 10\nlevel: support\n---\nStack blocks to add.\n\n" +
			"```check\nq: One tower has 3 blocks, the other 2. How many blocks in all?\nchoices: [\"5\", \"6\"]\nanswer: 1\nexplain: 3 blocks and 2 more make 5.\n```\n",
		"content/activities/adding-project.md": "---\ntitle: Design an adding game\nfor: [adding]\nmodality: project\nminutes: 30\nlevel: extension\n---\nMake a board game about adding.\n",
		"content/students/ada.yaml":            "name: Ada L.\nunits: [numbers]\nprefers: [video]\ngoals: [Add in my head by Friday]\n",
		"content/students/ben.yaml":            "name: Ben K.\nunits: [numbers]\nprefers: [reading]\n",
	}
	for _, c := range []struct{ id, title, requires, act, mod string }{
		{"adding", "Adding", "", "", ""},
		{"doubling", "Doubling", "adding", "Doubling practice", "practice"},
		{"halving", "Halving", "doubling", "Halving game", "game"},
		{"tripling", "Tripling", "halving", "Tripling in stories", "reading"},
	} {
		req := ""
		if c.requires != "" {
			req = "requires: [" + c.requires + "]\n"
		}
		files["content/competencies/"+c.id+".md"] = "---\ntitle: " + c.title + "\ncan: I can do " + strings.ToLower(c.title) + ".\n" + req + "---\nNotes.\n"
		if c.act != "" {
			files["content/activities/"+c.id+"-"+c.mod+".md"] = "---\ntitle: " + c.act + "\nfor: [" + c.id + "]\nmodality: " + c.mod + "\nminutes: 20\nlevel: core\n---\nDo it.\n"
		}
	}
	return files
}

// course is a built and served course.
type course struct {
	out, base string
	key       string            // the site key
	students  map[string]string // name → page path relative to out
}

func buildCourse(t *testing.T, root string) course {
	t.Helper()
	t.Setenv("PACER_SECRET", "student-tests")
	out := filepath.Join(t.TempDir(), "public")
	res, err := site.Build(site.Options{Root: root, Out: out, Secret: []byte("student-tests")})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("build: %v", res.Diags)
	}
	c := course{out: out, base: browsertest.Serve(t, out), key: res.SiteKey, students: map[string]string{}}
	for _, s := range res.Students {
		c.students[s.Name] = s.Path
	}
	return c
}

func buildTiny(t *testing.T) course {
	t.Helper()
	return buildCourse(t, writeFiles(t, tinyCourse()))
}

// url returns the address of a page, with ?today= when day is not "".
func (c course) url(path, day string) string {
	u := c.base + "/" + path
	if day != "" {
		u += "?today=" + url.QueryEscape(day)
	}
	return u
}

// openStudent opens a student's page on a day and waits for the client.
func (c course) openStudent(t *testing.T, p *browsertest.Page, name, day string) {
	t.Helper()
	path, ok := c.students[name]
	if !ok {
		t.Fatalf("no student %q in %v", name, c.students)
	}
	settle(p)
	p.Navigate(c.url(path, day))
	waitForClient(p, "student")
}

// settle waits until the page has written what the student did: progress
// is encrypted before it is stored, so a write finishes a moment after
// the click, as a person's next navigation would find it.
func settle(p *browsertest.Page) {
	p.WaitFor(`!document.documentElement.hasAttribute("data-saving")`)
}

// open opens another page of the course and waits for the client.
func (c course) open(p *browsertest.Page, path, day, kind string) {
	settle(p)
	p.Navigate(c.url(path, day))
	waitForClient(p, kind)
}

func (c course) activity(id string) string { return "activities/" + id + "/index.html" }

// card is a step card of the student's page, found by its competency. It
// is scrolled into view first, as a person would: cards off screen are
// not rendered (content-visibility), so they have no visible text.
func card(p *browsertest.Page, competency string) *browsertest.Locator {
	js, _ := json.Marshal(competency)
	browsertest.Eval[bool](p, `(() => {
		const a = [...document.querySelectorAll("#pacer-steps article")].find(a => a.querySelector("h3").textContent.trim() === `+string(js)+`);
		if (a) a.scrollIntoView({block: "center", behavior: "instant"});
		return !!a;
	})()`)
	return p.ByRole("region", "My steps").ByRole("article", competency)
}

// picked lists the activities a step's choice boards show as the
// student's pick (step: the competency id).
func picked(p *browsertest.Page, step string) []string {
	return browsertest.Eval[[]string](p, `[...document.querySelectorAll("#step-`+step+` .board .act")].filter((r) => !r.querySelector(".mine").hidden).map((r) => r.querySelector("a").textContent)`)
}

// status is the status a step card shows.
func status(p *browsertest.Page, competency string) string {
	return card(p, competency).ByCSS(".status").Text()
}

// waitStatus waits until a step card shows a status.
func waitStatus(t *testing.T, p *browsertest.Page, competency, want string) {
	t.Helper()
	card(p, competency).ByCSS(".status").WaitText(want)
	if got := status(p, competency); got != want {
		t.Fatalf("%s: status %q, want %q", competency, got, want)
	}
}

// noneOffHost fails the test for any request that left 127.0.0.1.
func noneOffHost(t *testing.T, pages ...*browsertest.Page) {
	t.Helper()
	for _, p := range pages {
		if off := p.OffHost(); len(off) > 0 {
			t.Errorf("requests left 127.0.0.1: %q", off)
		}
	}
}

// answer answers a quick check the way a person does: it clicks the
// choices whose labels are given, or types the text, then presses Check.
func answer(p *browsertest.Page, form *browsertest.Locator, kind string, answers ...string) {
	switch kind {
	case "short":
		field := form.ByRole("textbox", "")
		field.Press("Control+a", "Backspace")
		field.Type(answers[0])
	default:
		role := "radio"
		if kind == "multiple" {
			role = "checkbox"
			// clear what was checked before
			for i := 0; i < form.ByRole("checkbox", "").Count(); i++ {
				if b := form.ByRole("checkbox", "").Nth(i); b.State().Checked {
					tap(p, b)
				}
			}
		}
		for _, a := range answers {
			tap(p, form.ByRole(role, a))
		}
	}
	tap(p, form.ByRole("button", "Check"))
}

// question is the quick-check form asking q.
func question(p *browsertest.Page, q string) *browsertest.Locator {
	return p.ByCSS("form.check").WithText(q)
}

// tap clicks an element as a person does once the page is still: step
// cards away from the screen are laid out only when they come near it
// (content-visibility), so the page settles for two frames after the
// element is scrolled into view, before the click.
func tap(p *browsertest.Page, l *browsertest.Locator) {
	l.Focus()
	browsertest.Eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	l.Click()
}
