package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/diag"
	theme "github.com/pacer-edu/pacer/engine/render"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txt")

const (
	caseSep = "//- - - - - - - - -//\n"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//\n"
	diagSep = "-- diagnostics --\n"
)

// A case's name may end with options in braces: {unsafe}, {es},
// {prefix=a-}, {links} (relative links get "../" prepended).
type testCase struct{ name, input, want string }

func readCases(t testing.TB, path string) []testCase {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []testCase
	for _, sec := range strings.Split(string(src), caseEnd) {
		sec = strings.TrimLeft(sec, "\n")
		if strings.TrimSpace(sec) == "" {
			continue
		}
		parts := strings.Split(sec, caseSep)
		if len(parts) != 3 {
			t.Fatalf("%s: case %q: want name, input and output", path, sec[:min(len(sec), 40)])
		}
		out = append(out, testCase{strings.TrimSpace(parts[0]), parts[1], parts[2]})
	}
	return out
}

func writeCases(t *testing.T, path string, cases []testCase) {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(c.name + "\n" + caseSep + c.input + caseSep + c.want + caseEnd)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

var optRE = regexp.MustCompile(`\{([^}]*)\}`)

// render renders a case's input as the body of a.md starting on line 5.
func render(t testing.TB, name, input string) (string, []diag.Diagnostic) {
	opts := Options{Strings: english}
	ctx := Context{File: "a.md", BodyLine: 5, Diags: &diag.List{}}
	for _, m := range optRE.FindAllStringSubmatch(name, -1) {
		switch o := m[1]; {
		case o == "unsafe":
			opts.Unsafe = true
		case o == "typographer":
			opts.Typographer = true
		case o == "es":
			opts.Strings = spanish
		case strings.HasPrefix(o, "prefix="):
			ctx.IDPrefix = strings.TrimPrefix(o, "prefix=")
		case strings.HasPrefix(o, "activity="):
			ctx.Activity = strings.TrimPrefix(o, "activity=")
		case o == "links":
			ctx.Link = func(l Link) string {
				if l.Image {
					return "../" + l.Dest
				}
				return "../" + strings.TrimSuffix(l.Dest, ".md") + "/"
			}
		default:
			t.Fatalf("case %q: unknown option %q", name, o)
		}
	}
	out, err := New(opts).Render([]byte(input), ctx)
	if err != nil {
		t.Fatal(err)
	}
	return string(out), ctx.Diags.Items()
}

func format(html string, diags []diag.Diagnostic) string {
	if len(diags) == 0 {
		return html
	}
	var b strings.Builder
	b.WriteString(html + diagSep)
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func TestRenderCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	for _, path := range files {
		cases := readCases(t, path)
		for i, c := range cases {
			html, diags := render(t, c.name, c.input)
			got := format(html, diags)
			if *update {
				cases[i].want = got
				continue
			}
			t.Run(filepath.Base(path)+"/"+c.name, func(t *testing.T) {
				if got != c.want {
					t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", c.input, got, c.want)
				}
				checkIDs(t, html)
			})
		}
		if *update {
			writeCases(t, path, cases)
		}
	}
}

var (
	idRE    = regexp.MustCompile(` id="([^"]*)"`)
	forRE   = regexp.MustCompile(` (?:for|aria-describedby)="([^"]*)"`)
	inputRE = regexp.MustCompile(`<input [^>]*id="([^"]*)"`)
)

// checkIDs asserts what the Nu checker would: ids are unique, labels and
// descriptions point at elements that exist, every input has a label.
func checkIDs(t *testing.T, html string) {
	t.Helper()
	ids := map[string]bool{}
	for _, m := range idRE.FindAllStringSubmatch(html, -1) {
		if ids[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		if m[1] == "" || strings.ContainsAny(m[1], " \t\n") {
			t.Errorf("invalid id %q", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range forRE.FindAllStringSubmatch(html, -1) {
		if !ids[m[1]] {
			t.Errorf("reference to missing id %q", m[1])
		}
	}
	for _, m := range inputRE.FindAllStringSubmatch(html, -1) {
		if !strings.Contains(html, `<label for="`+m[1]+`">`) {
			t.Errorf("input %q has no label", m[1])
		}
	}
}

func TestRenderNumbersTheChecksScanFinds(t *testing.T) {
	body := []byte("```check\nq: a\nanswer: 1\n```\n\n" +
		"````markdown\n```check\nq: example\nanswer: 1\n```\n````\n\n" +
		"> ```check\n> q: quoted\n> answer: 2\n> ```\n\n" +
		"- item\n\n  ~~~check\n  q: listed\n  choices: [x, y]\n  answer: [1, 2]\n  ~~~\n")
	checks := check.Scan(body, "a.md", 1, nil)
	out, err := New(Options{}).Render(body, Context{File: "a.md", BodyLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	forms := regexp.MustCompile(`<form class="check" id="[^"]*" data-check="(\d+)"`).FindAllStringSubmatch(string(out), -1)
	if len(forms) != len(checks) || len(checks) != 3 {
		t.Fatalf("%d forms, %d checks:\n%s", len(forms), len(checks), out)
	}
	for i, f := range forms {
		if f[1] != fmt.Sprint(i+1) {
			t.Errorf("form %d has data-check=%s", i, f[1])
		}
	}
}

func TestRenderUsesTheCallersChecksOnlyWhenTheyMatchTheFences(t *testing.T) {
	body := []byte("```check\nq: from the body\nanswer: 1\n```\n")
	given := []check.Check{{Q: "from the caller", Accept: []string{"1"}}}
	out, _ := New(Options{}).Render(body, Context{Checks: given})
	if !strings.Contains(string(out), "from the caller") {
		t.Errorf("did not use the given check: %s", out)
	}
	out, _ = New(Options{}).Render(body, Context{Checks: append(given, given...)})
	if !strings.Contains(string(out), "from the body") {
		t.Errorf("used checks that do not match the fences: %s", out)
	}
}

func TestCheckHTMLMatchesTheRenderedFence(t *testing.T) {
	body := "```check\nq: Which?\nchoices: [a, b]\nanswer: 2\nexplain: Because.\n```\n"
	out, _ := New(Options{}).Render([]byte(body), Context{File: "a.md", BodyLine: 1, IDPrefix: "u-"})
	c := check.Scan([]byte(body), "a.md", 1, nil)[0]
	if got := string(CheckHTML(c, 1, "u-", "", nil)); got != string(out) {
		t.Errorf("CheckHTML:\n%s\nRender:\n%s", got, out)
	}
}

func TestImageWithoutAltIsWarnedAtItsFileLine(t *testing.T) {
	body := "Intro.\n\n![](a.png)\n\nText ![ok](b.png) and\nmore ![](c.png) ![  ][r]\n\n[r]: d.png\n\n| x |\n|---|\n| ![](e.png) |\n"
	var l diag.List
	New(Options{}).Lint([]byte(body), Context{File: "content/activities/a.md", BodyLine: 7, Diags: &l})
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Pos.String())
	}
	want := []string{"content/activities/a.md:9:1", "content/activities/a.md:12:6", "content/activities/a.md:12:17", "content/activities/a.md:18:3"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func TestLinkHookSeesRelativeLinksOnly(t *testing.T) {
	body := "[a](other.md) [b](https://x.org) [c](#top) [d](mailto:x@y.z) [e](//cdn.x/y) <https://auto.link>\n\n[f](../up/it.md#part)\n"
	var seen []string
	out, _ := New(Options{}).Render([]byte(body), Context{File: "a.md", BodyLine: 3, Link: func(l Link) string {
		seen = append(seen, fmt.Sprintf("%s@%s", l.Dest, l.Pos))
		return "x/" + l.Dest
	}})
	if want := "other.md@a.md:3:1 ../up/it.md#part@a.md:5:1"; strings.Join(seen, " ") != want {
		t.Errorf("hook saw %v, want %s", seen, want)
	}
	if !strings.Contains(string(out), `<a href="x/other.md">a</a>`) || !strings.Contains(string(out), `href="https://x.org"`) {
		t.Errorf("got %s", out)
	}
}

func TestRelativeLinksAreLeftAsWrittenWithoutAHook(t *testing.T) {
	out, _ := New(Options{}).Render([]byte("[see](../other-activity.md) ![p](img/p.png)"), Context{})
	want := "<p><a href=\"../other-activity.md\">see</a> <img src=\"img/p.png\" alt=\"p\" loading=\"lazy\"></p>\n"
	if string(out) != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}

func TestRenderIsSafeForConcurrentUse(t *testing.T) {
	r := New(Options{Strings: spanish})
	var bodies [][]byte
	for _, path := range must(filepath.Glob("testdata/*.txt")) {
		for _, c := range readCases(t, path) {
			bodies = append(bodies, []byte(c.input))
		}
	}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		out, _ := r.Render(b, Context{File: "a.md", BodyLine: 1})
		want[i] = string(out)
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Go(func() {
			var l diag.List
			for i := range bodies {
				j := (i + w) % len(bodies)
				out, err := r.Render(bodies[j], Context{File: "a.md", BodyLine: 1, Diags: &l})
				if err != nil || string(out) != want[j] {
					t.Errorf("body %d rendered differently in parallel", j)
				}
			}
		})
	}
	wg.Wait()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestAMissingStringShowsItsKey(t *testing.T) {
	s := Strings{KeyCheckSubmit: "Vérifier"}
	if s.Get(KeyCheckSubmit) != "Vérifier" || s.Get(KeyCheckShowAnswer) != KeyCheckShowAnswer {
		t.Error("lookup broken")
	}
}

// english and spanish are the built-in theme's strings.
var english, spanish = func() (Strings, Strings) {
	th, err := theme.Builtin()
	if err != nil {
		panic(err)
	}
	return th.Strings("en"), th.Strings("es")
}()

func FuzzRender(f *testing.F) {
	for _, path := range must(filepath.Glob("testdata/*.txt")) {
		for _, c := range readCases(f, path) {
			f.Add([]byte(c.input))
		}
	}
	r := New(Options{})
	formRE := regexp.MustCompile(`<form class="check"`)
	f.Fuzz(func(t *testing.T, body []byte) {
		const first = 4
		last := first + strings.Count(string(body), "\n")
		var l, scanDiags diag.List
		out, err := r.Render(body, Context{File: "a.md", BodyLine: first, Diags: &l, Link: func(l Link) string { return l.Dest }})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range l.Items() {
			if d.Pos.Line < first || d.Pos.Line > last {
				t.Fatalf("%v outside body lines %d-%d", d, first, last)
			}
		}
		checks := check.Scan(body, "a.md", first, &scanDiags)
		if forms := len(formRE.FindAll(out, -1)); !scanDiags.HasErrors() && forms != len(checks) {
			t.Fatalf("rendered %d checks, Scan found %d", forms, len(checks))
		}
	})
}

func BenchmarkRenderActivity(b *testing.B) {
	body := []byte(strings.Repeat("## Step\n\nSome *text* with a [link](other.md) and ![a chart](c.png).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", 5) +
		"```check\nq: A recipe uses 2 cups of mango for every 3 cups of yogurt. Ratio?\nchoices: [\"2:3\", \"3:2\", \"2:5\"]\nanswer: 2\nexplain: Yogurt first.\n```\n")
	r := New(Options{})
	checks := check.Scan(body, "a.md", 8, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(body, Context{File: "a.md", BodyLine: 8, Checks: checks}); err != nil {
			b.Fatal(err)
		}
	}
}
