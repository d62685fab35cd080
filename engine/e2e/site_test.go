package e2e

// These tests build the example course that ships with the repository and
// use it as a student would: every page kind loads cleanly, passes
// axe-core, and the client renders the student's "Next up", both served
// over HTTP and opened from the folder (file://).

import (
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/site"
)

// moduleRoot is the folder above the working directory that holds go.mod:
// the example course's site folder.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// example is the built example course.
type example struct {
	out     string
	student site.Student
	pages   []pageKind // every page kind, the student page last
	// embedHosts are the hosts the pages' Content-Security-Policy lets
	// them frame (video embeds the content chose): the only hosts off
	// 127.0.0.1 a page may ask for.
	embedHosts []string
}

type pageKind struct {
	kind string
	path string // relative to out, slash-separated
}

// buildExample builds the example course into a temporary folder.
func buildExample(t *testing.T) example {
	t.Helper()
	t.Setenv("PACER_SECRET", "e2e-secret")
	out := filepath.Join(t.TempDir(), "public")
	res, err := site.Build(site.Options{Root: moduleRoot(t), Out: out, Secret: []byte("e2e-secret")})
	if err != nil {
		t.Fatalf("building the example course: %v", err)
	}
	if res.Diags.HasErrors() {
		var b strings.Builder
		res.Diags.Print(&b)
		t.Fatalf("the example course does not build:\n%s", b.String())
	}
	if len(res.Students) == 0 {
		t.Fatal("the example course has no students")
	}
	ex := example{out: out, student: res.Students[0]}
	ex.pages = []pageKind{
		{"index", "index.html"},
		{"unit", firstPage(t, out, "units", anyPage)},
		{"competency", firstPage(t, out, "competencies", anyPage)},
		{"activity with quick checks", firstPage(t, out, "activities", func(html string) bool {
			return strings.Contains(html, `class="check"`) && !strings.Contains(html, "<iframe")
		})},
		{"activity with media", firstPage(t, out, "activities", func(html string) bool {
			return strings.Contains(html, "<iframe")
		})},
		{"student", ex.student.Path},
	}
	ex.embedHosts = embedHosts(t, out)
	return ex
}

var (
	cspMeta  = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)"`)
	frameSrc = regexp.MustCompile(`(?:^|;)\s*frame-src ([^;]*)`)
)

// embedHosts collects the hosts of every frame-src in the site's pages.
func embedHosts(t *testing.T, out string) []string {
	t.Helper()
	var hosts []string
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m := cspMeta.FindSubmatch(b)
		if m == nil {
			return nil
		}
		f := frameSrc.FindStringSubmatch(html.UnescapeString(string(m[1])))
		if f == nil {
			return nil
		}
		for _, src := range strings.Fields(f[1]) {
			if u, err := url.Parse(src); err == nil && u.Host != "" && !slices.Contains(hosts, u.Hostname()) {
				hosts = append(hosts, u.Hostname())
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hosts
}

func anyPage(string) bool { return true }

// firstPage returns the first page (by name) under out/dir whose HTML
// passes want.
func firstPage(t *testing.T, out, dir string, want func(html string) bool) string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(out, dir, "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if want(string(b)) {
			rel, _ := filepath.Rel(out, p)
			return filepath.ToSlash(rel)
		}
	}
	t.Fatalf("no page under %s/ is the kind wanted", dir)
	return ""
}

// waitForClient waits until the page has loaded and Pacer's client has
// started and read the student's progress (it marks <html> with the class
// js, then data-pacer="ready"), and on a student page until the playlist
// is rendered.
func waitForClient(p *browsertest.Page, kind string) {
	p.WaitFor(`document.readyState === "complete"`)
	p.WaitFor(`document.documentElement.classList.contains("js")`)
	p.WaitFor(`document.documentElement.dataset.pacer === "ready"`)
	if kind == "student" {
		p.WaitFor(`document.querySelector("#pacer-app[data-ready]")`)
	}
}

// checkNextUp checks what the client rendered on the student page: a
// "Next up" area with the one thing to do now.
func checkNextUp(t *testing.T, p *browsertest.Page) {
	t.Helper()
	if n := browsertest.Eval[int](p, `document.getElementById("pacer-app").childElementCount`); n == 0 {
		t.Fatal("#pacer-app is empty: the client did not render the playlist")
	}
	next := p.ByRole("region", "Next up").Wait()
	if n := next.ByRole("link", "").Count(); n == 0 {
		t.Errorf("the Next up area has no link to the step to do now; it reads %q", next.Text())
	}
}

// screenshot keeps a picture of the page when PACER_SCREENSHOTS names a
// folder (for the README).
func screenshot(t *testing.T, p *browsertest.Page, name string) {
	if dir := os.Getenv("PACER_SCREENSHOTS"); dir != "" {
		p.Screenshot(filepath.Join(dir, name+".png"))
		t.Logf("screenshot: %s", filepath.Join(dir, name+".png"))
	}
}

func TestExampleCoursePagesLoadCleanlyAndPassAxe(t *testing.T) {
	ex := buildExample(t)
	base := browsertest.Serve(t, ex.out)
	p := browsertest.NewPage(t)
	for _, h := range ex.embedHosts {
		p.AllowHost(h)
	}

	for _, pk := range ex.pages {
		t.Run(pk.kind, func(t *testing.T) {
			p := p.For(t)
			p.Navigate(base + "/" + pk.path)
			waitForClient(p, pk.kind)
			if pk.kind == "student" {
				checkNextUp(t, p)
				screenshot(t, p, "student")
			}
			p.AssertClean(t)
			if vs := p.Axe(t); len(vs) > 0 {
				t.Errorf("axe-core on the %s page (%s):%s", pk.kind, pk.path, browsertest.FormatViolations(vs))
			}
		})
	}

	// The student has opened their link in this profile: follow "Next up"
	// with the keyboard to the activity, which now knows the student.
	t.Run("activity after the student's link", func(t *testing.T) {
		p := p.For(t)
		link := p.ByRole("region", "Next up").ByRole("link", "").First()
		target := link.State().Name
		p.ExpectLoad(func() { link.Press("Enter") })
		waitForClient(p, "activity")
		if !strings.Contains(p.URL(), "/activities/") {
			t.Fatalf("Next up link %q opened %s, want an activity page", target, p.URL())
		}
		bar := p.ByRole("navigation", "Your playlist").Wait()
		p.WaitFor(`document.getElementById("pacer-activity-bar").childElementCount > 0`)
		if bar.ByRole("link", "").Count() == 0 {
			t.Errorf("the activity bar has no link back to the playlist; it reads %q", bar.Text())
		}
		p.AssertClean(t)
		if vs := p.Axe(t); len(vs) > 0 {
			t.Errorf("axe-core on the activity page for a known student (%s):%s", p.URL(), browsertest.FormatViolations(vs))
		}
	})

	for _, u := range p.OffHost() {
		if h, _ := url.Parse(u); !slices.Contains(ex.embedHosts, h.Hostname()) {
			t.Errorf("request off 127.0.0.1 to a host no page declares: %s", u)
		}
	}
}

// The pages carry a Content-Security-Policy meta with script-src 'self':
// the client must still run when the site is opened from a folder.
func TestExampleCourseRunsFromFileURLs(t *testing.T) {
	ex := buildExample(t)
	p := browsertest.NewPage(t)
	p.Timeout = 5 * time.Second // a client that does not start fails fast
	for _, h := range ex.embedHosts {
		p.AllowHost(h)
	}

	for _, pk := range ex.pages {
		t.Run(pk.kind, func(t *testing.T) {
			p := p.For(t)
			p.Navigate(browsertest.FileURL(t, filepath.Join(ex.out, filepath.FromSlash(pk.path))))
			waitForClient(p, pk.kind)
			if pk.kind == "student" {
				checkNextUp(t, p)
			}
			p.AssertClean(t)
		})
	}
	for _, u := range p.OffHost() {
		if h, _ := url.Parse(u); !slices.Contains(ex.embedHosts, h.Hostname()) {
			t.Errorf("a page opened from a folder requested %s", u)
		}
	}
}

// A quick check gives instant feedback, used with the keyboard only.
func TestQuickChecksGiveFeedbackFromTheKeyboard(t *testing.T) {
	ex := buildExample(t)
	base := browsertest.Serve(t, ex.out)
	p := browsertest.NewPage(t)
	p.Navigate(base + "/" + ex.pages[3].path) // the activity with quick checks
	waitForClient(p, "activity")

	t.Run("short answer", func(t *testing.T) {
		p := p.For(t)
		form := p.ByCSS(`form.check[data-kind="short"]`).First()
		field := form.ByRole("textbox", "")
		feedback := form.ByRole("status", "")
		field.Type("not-an-answer")
		p.Press("Enter")
		p.WaitFor(`document.querySelector('form.check[data-kind="short"] [role=status]').textContent.trim() !== ""`)
		if got := feedback.Text(); strings.Contains(got, "Right") {
			t.Errorf("a wrong answer got the feedback %q", got)
		}
		right := browsertest.Eval[string](p, `document.querySelector('form.check[data-kind="short"] .check-answer').textContent.trim()`)
		field.Press("Control+a", "Backspace")
		field.Type(right)
		p.Press("Enter")
		feedback.WaitText("Right!")
		p.AssertClean(t)
	})

	t.Run("one choice", func(t *testing.T) {
		p := p.For(t)
		form := p.ByCSS(`form.check[data-kind="single"]`).First()
		right := browsertest.Eval[string](p, `document.querySelector('form.check[data-kind="single"] .check-answer').textContent.trim()`)
		form.ByRole("radio", right).Press("Space")
		if !form.ByRole("radio", right).State().Checked {
			t.Fatalf("Space did not choose %q", right)
		}
		check := form.ByRole("button", "Check")
		if check.Count() != 1 {
			t.Fatalf("no visible Check button in the question (a mouse or switch user cannot submit it)")
		}
		check.Press("Enter")
		form.ByRole("status", "").WaitText("Right!")
		p.AssertClean(t)
	})
}
