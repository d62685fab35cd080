package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An edit that links a page to the link secret is refused by the preview's
// incremental rebuild as by a full build, and the file is never served.
func TestPreviewRefusesALinkToTheSecret(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"site.yaml":                 "title: Preview\n",
		".pacer/secret":             "s3cret\n",
		"content/competencies/a.md": "---\ntitle: A\ncan: I can A.\n---\n",
		"content/activities/a1.md":  "---\ntitle: A1\nfor: [a]\nmodality: reading\nminutes: 5\n---\nRead this.\n",
		"content/units/u.md":        "---\ntitle: U\ncompetencies: [a]\n---\n",
	})
	s := NewSession(Options{Root: dir})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatalf("first build: %v", up.Diags.Items())
	}
	p := edit(t, dir, "content/activities/a1.md", func(s string) string { return s + "[key](../../.pacer/secret)\n" })
	up := update(t, s, p)
	var printed strings.Builder
	up.Diags.Print(&printed)
	if up.OK || !strings.Contains(printed.String(), `link "../../.pacer/secret": it is in .pacer/`) {
		t.Fatalf("want the link refused, got ok %v: %v", up.OK, up.Diags.Items())
	}
	if _, ok := s.File("files/.pacer/secret"); ok {
		t.Error("the preview serves the secret")
	}
}

// A build's folder in progress is not an interrupted build's leftover: a
// second build beside it leaves it alone.
func TestLeftoversOfARunningBuildAreKept(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	out := filepath.Join(root, "public")
	running, err := newDirOutput(root, "", out)
	if err != nil {
		t.Fatal(err)
	}
	defer running.discard()
	if err := running.put("index.html", outFile{data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	next, err := newDirOutput(root, "", out)
	if err != nil {
		t.Fatal(err)
	}
	defer next.discard()
	if _, err := os.Stat(filepath.Join(running.tmp, "index.html")); err != nil {
		t.Fatalf("the running build's folder was removed: %v", err)
	}
	running.discard()
	third, err := newDirOutput(root, "", out)
	if err != nil {
		t.Fatal(err)
	}
	defer third.discard()
	if _, err := os.Stat(next.tmp); err != nil {
		t.Fatalf("a running build's folder was removed: %v", err)
	}
}
