package site

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A session keeps its pages on disk, not in memory: nothing it holds has
// a page's bytes, each page is read from its file when served, a page
// rendered again replaces its file, and Close removes them all.
func TestSessionKeepsPagesOnDisk(t *testing.T) {
	c := smallCourse(t)
	s := NewSession(Options{Root: c.Root})
	if up := update(t, s); !up.OK {
		t.Fatal(up.Diags.Items())
	}
	dir := s.store.dir
	pages := 0
	for path, f := range s.files {
		if !strings.HasSuffix(path, ".html") || path == studentsIndex {
			continue // studentsIndex is a fixed empty page, not a rendered one
		}
		pages++
		if f.data != nil || f.page.file == "" || !strings.HasPrefix(f.page.file, dir) {
			t.Errorf("%s: held in memory (%d bytes) or not stored (%q)", path, len(f.data), f.page.file)
		}
		if !strings.Contains(pageText(t, s, path), "<html") {
			t.Errorf("%s: the stored file is not the page", path)
		}
	}
	if pages < 30 {
		t.Fatalf("only %d pages", pages)
	}
	// Nothing in a page's record holds its bytes: only its file and hash.
	for f := range reflect.TypeFor[page]().Fields() {
		if hasBytes(f.Type) {
			t.Errorf("page.%s holds bytes", f.Name)
		}
	}

	rel := c.Activities[3]
	path := activityURL(strings.TrimSuffix(filepath.Base(rel), ".md"))
	before := s.files[path].page.file
	p := edit(t, c.Root, rel, func(s string) string { return s + "\nA line kept on disk.\n" })
	update(t, s, p)
	if _, err := os.Stat(before); !os.IsNotExist(err) {
		t.Errorf("the replaced page's file is still there: %v", err)
	}
	if !strings.Contains(pageText(t, s, path), "A line kept on disk.") {
		t.Error("the page served is not the one rendered again")
	}
	if n := countFiles(t, dir); n != pages {
		t.Errorf("%d files stored for %d pages", n, pages)
	}
	s.Close()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close left %s: %v", dir, err)
	}
}

// hasBytes says whether t is or directly holds a []byte.
func hasBytes(t reflect.Type) bool {
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return true
	}
	if t.Kind() == reflect.Struct {
		for f := range t.Fields() {
			if hasBytes(f.Type) {
				return true
			}
		}
	}
	return false
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
