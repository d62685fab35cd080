package site

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var handInAttr = regexp.MustCompile(`data-handin="([^"]+)"`)

// A student page names the QR hand-in module by a path relative to the
// page; the build writes it there, and the dev session serves it there.
func TestStudentPagesFindTheHandInModuleInABuildAndInASession(t *testing.T) {
	c := smallCourse(t)
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Root: c.Root, Out: out})
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Items())
	}
	page := res.Students[0].Path
	html, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	m := handInAttr.FindStringSubmatch(string(html))
	if m == nil {
		t.Fatal("the student page names no hand-in module")
	}
	js, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(path.Join(path.Dir(page), m[1]))))
	if err != nil || !strings.Contains(string(js), "PacerHandIn") {
		t.Fatalf("the build has no hand-in module at %s: %v", m[1], err)
	}

	s := NewSession(Options{Root: c.Root})
	defer s.Close()
	if up := update(t, s); !up.OK {
		t.Fatal(up.Diags.Items())
	}
	m = handInAttr.FindStringSubmatch(pageText(t, s, page))
	if m == nil {
		t.Fatal("the session's student page names no hand-in module")
	}
	f, ok := s.File(path.Join(path.Dir(page), m[1]))
	if !ok || !strings.Contains(string(f.Data), "PacerHandIn") {
		t.Fatalf("the session serves no hand-in module at %s", m[1])
	}
}
