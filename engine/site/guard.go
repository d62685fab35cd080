package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file every build output holds (see dirOutput).
const Marker = marker

// OutsideOutput refuses dir when it is inside a build's output: the site's
// public/, or any folder pacer build wrote (it holds Marker). What the
// teacher tools write holds names and private links, and would be
// published from there.
func OutsideOutput(siteDir, dir string) error {
	d, err := realPath(dir)
	if err != nil {
		return err
	}
	pub, err := realPath(filepath.Join(siteDir, "public"))
	if err != nil {
		return err
	}
	if within(pub, d) {
		return fmt.Errorf("%s is inside the build output %s, which is published: it would publish students' names and links", dir, filepath.Join(siteDir, "public"))
	}
	for p := d; ; p = filepath.Dir(p) {
		if _, err := os.Stat(filepath.Join(p, Marker)); err == nil {
			return fmt.Errorf("%s is inside %s, a build output (pacer build writes and replaces it): it would publish students' names and links", dir, p)
		}
		if filepath.Dir(p) == p {
			return nil
		}
	}
}

// realPath makes p absolute with symbolic links resolved, for the part of
// it that exists.
func realPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest), nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

func within(parent, p string) bool {
	rel, err := filepath.Rel(parent, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
