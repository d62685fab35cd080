package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkifyCases are bodies where linkify's work is easy to get wrong:
// linkable text next to every inline construct that could hide it or
// split it, and lookalikes in places linkify does not reach.
var linkifyCases = []string{
	"Plain text, nothing to link.\n",
	"See https://example.org/page for more.\n",
	"https://example.org at the start of a line\n",
	"Visit www.example.org today.\n",
	"Write to teacher@school.example or ask.\n",
	"an_underscore@school.example and *em@x.org*\n",
	"Ftp: ftp://files.example.org/x.txt\n",
	"A [link](https://example.org/only-in-destination) and ![alt](https://example.org/i.png).\n",
	"A [label with https://example.org inside](other.md).\n",
	"![alt with www.example.org](pic.png)\n",
	"`code with https://example.org` and ``www.example.org``\n",
	"<https://example.org/autolink> and <me@example.org>\n",
	"Raw <a href=\"https://example.org\">html</a> here.\n",
	"<div>\nhttps://example.org in an HTML block\n</div>\n",
	"    indented https://example.org code\n",
	"```\nfenced https://example.org\n```\n",
	"*https://example.org* and _www.example.org_ and ~~https://x.org~~\n",
	"(https://example.org) and (www.example.org).\n",
	"**bold**https://example.org and x*y*www.example.org\n",
	"http://example.org/[foo](bar) and www.example.org/`tick`\n",
	"[ref]: https://example.org/ref\n\nUses [ref].\n",
	"[x]://example.org and [x](https://a.org)https://b.org\n",
	"| a | b |\n|---|---|\n| https://example.org | www.example.org |\n| me@x.org | [l](https://a.org) |\n",
	"> quoted https://example.org\n> and more\n",
	"- item www.example.org\n  - nested me@example.org\n",
	"# Heading https://example.org\n\nText.\n",
	"Line with hard break  \nhttps://example.org next\n",
	"Backslash\\\nwww.example.org\n",
	"HTTPS://EXAMPLE.ORG is not linked; WWW.EXAMPLE.ORG neither.\n",
	"www. alone, a@ alone, :// alone, @ alone.\n",
	"foo@bar and foo@bar.baz. and @mention\n",
	"<!-- comment https://example.org -->\nText.\n",
	"\\https://example.org escaped and \\www.example.org\n",
	"www...example.org and https://...\n",
	"a&amp;b@example.org and &lt;www.example.org&gt;\n",
	"```check\nq: Is https://example.org a link?\nchoices: [\"yes\", \"no\"]\nanswer: 1\n```\n\nhttps://example.org after a check.\n",
}

var lineEndSpace = regexp.MustCompile(`[ \t\r]+(<br>)?\n`)

// alwaysLinkify is r parsing every body with linkify, as before the
// check that skips it.
func alwaysLinkify(r *Renderer) *Renderer {
	c := *r
	c.plain = nil
	return &c
}

// renderBoth renders body with r and with linkify always on, and fails
// unless the HTML and the diagnostics are the same.
func renderBoth(t *testing.T, r *Renderer, body []byte) {
	t.Helper()
	run := func(r *Renderer) (string, string) {
		var l diag.List
		var links []string
		out, err := r.Render(body, Context{File: "a.md", BodyLine: 3, Diags: &l, Link: func(x Link) string {
			links = append(links, x.Dest)
			return "resolved/" + x.Dest
		}})
		if err != nil {
			t.Fatal(err)
		}
		var d strings.Builder
		for _, x := range l.Items() {
			d.WriteString(x.String() + "\n")
		}
		return string(out), d.String() + strings.Join(links, "\n")
	}
	got, gotDiags := run(r)
	want, wantDiags := run(alwaysLinkify(r))
	// Linkify splits text at spaces, and goldmark strips whitespace only
	// from the last piece of a line, so with linkify a line can keep a
	// space, tab or carriage return at its end ("a \t\n", "a\r \n",
	// "a    \n" before a hard break). Without linkify it goes, as
	// CommonMark says. Browsers show both the same; all else must match.
	got, want = lineEndSpace.ReplaceAllString(got, "$1\n"), lineEndSpace.ReplaceAllString(want, "$1\n")
	if got != want {
		t.Fatalf("body %q:\nrendered\n%s\nwith linkify always on\n%s", body, got, want)
	}
	if gotDiags != wantDiags {
		t.Fatalf("body %q:\nreported\n%s\nwith linkify always on\n%s", body, gotDiags, wantDiags)
	}
}

func TestLinkifyOnlyWhenNeededRendersTheSame(t *testing.T) {
	renderers := []*Renderer{New(Options{}), New(Options{Unsafe: true})}
	for _, r := range renderers {
		if r.plain == nil {
			t.Fatal("the renderer always parses with linkify: the check is not exercised")
		}
		for _, c := range linkifyCases {
			renderBoth(t, r, []byte(c))
		}
		for _, path := range must(filepath.Glob("testdata/*.txt")) {
			for _, c := range readCases(t, path) {
				renderBoth(t, r, []byte(c.input))
			}
		}
		// The example course's files, whole (front matter renders as text).
		n := 0
		err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
				return err
			}
			renderBoth(t, r, must(os.ReadFile(p)))
			n++
			return nil
		})
		if err != nil || n == 0 {
			t.Fatalf("example course: %d files, %v", n, err)
		}
	}
}

// TestLinkifyIsSkippedOnlyWhenNoTextIsLinkable checks that the fast path
// is taken, and only when it may be: otherwise the test above would pass
// with linkify always on, or never.
func TestLinkifyIsSkippedOnlyWhenNoTextIsLinkable(t *testing.T) {
	r := New(Options{})
	for body, want := range map[string]bool{
		"Plain text.\n":                          false,
		"A [link](https://example.org).\n":       false,
		"`https://example.org` in code\n":        true, // code span text: checked conservatively
		"See https://example.org now.\n":         true,
		"Mail me@example.org.\n":                 true,
		"Go to www.example.org.\n":               true,
		"<https://example.org>\n":                false,
		"```\nhttps://example.org\n```\n":        false,
		"![a](https://example.org/i.png) text\n": false,
	} {
		if _, plain := r.parsePlain([]byte(body), Context{}); plain == want {
			t.Errorf("%q: needs linkify = %v, want %v", body, !plain, want)
		}
	}
	if out := string(must(r.Render([]byte("See https://example.org now.\n"), Context{}))); !strings.Contains(out, `<a href="https://example.org">`) {
		t.Errorf("a bare URL is not linked: %s", out)
	}
}

func FuzzLinkifyOnlyWhenNeeded(f *testing.F) {
	for _, c := range linkifyCases {
		f.Add([]byte(c))
	}
	for _, path := range must(filepath.Glob("testdata/*.txt")) {
		for _, c := range readCases(f, path) {
			f.Add([]byte(c.input))
		}
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, body []byte) {
		if bytes.IndexByte(body, 0) >= 0 {
			return
		}
		renderBoth(t, r, body)
	})
}

func TestPlainSchemeAgreesWithGoldmark(t *testing.T) {
	for _, dest := range []string{"other.md", "https://example.org/a", "HTTP://x", "Https:x", "javascript:alert(1)", "JavaScript:x",
		"vbscript:x", "file:///etc/passwd", "data:text/html,x", "data:image/png;base64,AA", " javascript:x", "java\tscript:x",
		"http", "#top", "mailto:a@b.org", "", ":", "x:javascript:"} {
		if plainScheme([]byte(dest)) && html.IsDangerousURL(util.URLEscape([]byte(dest), true)) {
			t.Errorf("%q: called plain, but goldmark drops it", dest)
		}
	}
	if plainScheme([]byte("javascript:x")) || !plainScheme([]byte("https://x")) || !plainScheme([]byte("a/b.md")) {
		t.Error("plainScheme is wrong on the obvious cases")
	}
}
