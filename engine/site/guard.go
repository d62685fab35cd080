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

// OutputError is an output folder a build refuses to replace: a usage
// error (the -o flag), not a content one.
type OutputError struct{ Msg string }

func (e *OutputError) Error() string { return e.Msg }

// guarded is a folder a build must never replace, nor write into.
type guarded struct {
	path, what string
	// above: only a folder that is or contains it is refused (the site
	// folder: its public/ is where builds go).
	above bool
}

// checkOutput refuses an output folder that is, contains or lies inside
// the teacher's own folders, whatever marker it holds: a copied
// .pacer-output must not turn a site into something the build replaces.
func checkOutput(root, roster, out string, receipts ...string) error {
	o, err := realPath(out)
	if err != nil {
		return err
	}
	r, err := realPath(root)
	if err != nil {
		return err
	}
	guards := []guarded{
		{path: r, what: "the site folder", above: true},
		{path: filepath.Join(r, "content"), what: "the content folder"},
		{path: filepath.Join(r, ".pacer"), what: ".pacer/ (the link secret)"},
	}
	if roster != "" {
		ro, err := realPath(roster)
		if err != nil {
			return err
		}
		if within(ro, r) { // students.dir: . keeps the roster in the site folder
			guards = append(guards, guarded{path: filepath.Join(ro, "students"), what: "the roster folder"}, guarded{path: filepath.Join(ro, "groups"), what: "the roster folder"})
		} else {
			guards = append(guards, guarded{path: ro, what: "the roster folder"})
		}
	}
	for _, dir := range receipts {
		if dir == "" {
			continue
		}
		rd, err := realPath(dir)
		if err != nil {
			return err
		}
		guards = append(guards, guarded{path: rd, what: "the receipts folder"})
	}
	if g := gitDir(r); g != "" {
		guards = append(guards, guarded{path: g, what: "the git folder"})
	}
	refuse := func(how, what string) error {
		return &OutputError{Msg: fmt.Sprintf("refusing to build into %s: it %s %s, and a build replaces its output folder whole\n\thint: choose another -o, or leave -o out to build into public/ in the site folder", out, how, what)}
	}
	for _, g := range guards {
		switch {
		case o == g.path:
			return refuse("is", g.what)
		case within(o, g.path):
			return refuse("contains", g.what)
		case !g.above && within(g.path, o):
			return refuse("is inside", g.what)
		}
	}
	for p := o; filepath.Dir(p) != p; p = filepath.Dir(p) {
		if filepath.Base(p) == ".git" {
			return refuse("is inside", "a git folder")
		}
	}
	for _, name := range []string{".git", ".pacer"} {
		if _, err := os.Lstat(filepath.Join(o, name)); err == nil {
			return refuse("holds", "a "+name+" folder")
		}
	}
	return checkReplaceable(out)
}

// gitDir returns the .git folder (or file, in a worktree) of the repository
// holding dir, "" when there is none.
func gitDir(dir string) string {
	for p := dir; ; p = filepath.Dir(p) {
		g := filepath.Join(p, ".git")
		if _, err := os.Lstat(g); err == nil {
			return g
		}
		if filepath.Dir(p) == p {
			return ""
		}
	}
}
