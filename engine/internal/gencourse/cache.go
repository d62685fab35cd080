package gencourse

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Version changes when the generator's output does, so stale cached
// courses are not reused.
const Version = 3

// Cached returns the course of this size with seed 1, generated once into
// $TMPDIR/pacer-bench and reused by every benchmark after.
func Cached(activities, students int) (string, error) {
	return CachedShape("default", activities, students)
}

// CachedShape is Cached for a named shape (ShapeOptions).
func CachedShape(shape string, activities, students int) (string, error) {
	o, err := ShapeOptions(shape, activities, students)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("v%d-%dx%d", Version, activities, students)
	if shape != "" && shape != "default" {
		name = shape + "-" + name
	}
	dir := filepath.Join(os.TempDir(), "pacer-bench", name)
	done := filepath.Join(dir, ".generated")
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	os.RemoveAll(dir)
	if _, err := Write(dir, o); err != nil {
		return "", err
	}
	return dir, os.WriteFile(done, nil, 0o644)
}

// CopyTree copies the folder src to dst, leaving out folders named
// public (a build's output). With link, files are hard links: enough for
// a test that replaces files (a temp file renamed over), never for one
// that writes into them, which would change src too.
func CopyTree(src, dst string, link bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		t := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "public" && p != src {
				return filepath.SkipDir
			}
			return os.MkdirAll(t, 0o755)
		}
		if link {
			return os.Link(p, t)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(t, data, 0o644)
	})
}
