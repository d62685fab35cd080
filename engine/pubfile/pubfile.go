// Package pubfile decides which files of a course may be copied into the
// published output (media, captions, files linked from pages, theme
// files): only those whose real location, symbolic links followed, lies
// inside the course folder and outside its private places (.pacer/ with
// the link secret, git's folder, any hidden file or folder, the roster of
// students). It reads the
// file system and never writes.
package pubfile

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Fence knows a course's folder and its private places.
type Fence struct {
	root    string
	private []place
}

type place struct{ path, what string }

// New returns the fence of the course at root whose roster (groups/ and
// students/) lives in roster; "" means root/content.
func New(root, roster string) *Fence {
	r := real(root)
	if roster == "" {
		roster = filepath.Join(root, "content")
	}
	ro := real(roster)
	return &Fence{root: r, private: []place{
		{filepath.Join(r, ".pacer"), ".pacer/ (the link secret)"},
		{filepath.Join(ro, "students"), "the roster (students' names and notes)"},
		{filepath.Join(ro, "groups"), "the roster (students' names and notes)"},
	}}
}

// Error is a file that must not be published.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

func refuse(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// Check returns nil when the file at p may be published, else an *Error
// that reads well after the file's name ("clip.mp4: it is a link to ...").
func (f *Fence) Check(p string) error {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return err
	}
	target, err = filepath.Abs(target)
	if err != nil {
		return err
	}
	how := "it is"
	if lexical, err := filepath.Abs(p); err == nil && real(lexical) != lexical {
		how = "it is a link to " + target + ","
	}
	if !within(f.root, target) {
		return refuse("%s outside the course folder, and only files inside it are published", how)
	}
	for _, pl := range f.private {
		if within(pl.path, target) {
			return refuse("%s in %s, which is never published", how, pl.what)
		}
	}
	rel, _ := filepath.Rel(f.root, target)
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if part == ".git" {
			return refuse("%s in a git folder, which is never published", how)
		}
		// Hidden files and folders hold what tools keep for themselves (the
		// roster's id map lives in the roster's .pacer/).
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return refuse("%s in a hidden folder (%s), which is never published", how, part)
		}
	}
	return nil
}

// real is p absolute with symbolic links resolved, as far as it exists.
func real(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(a)
		if parent == a {
			return filepath.Join(a, rest)
		}
		rest = filepath.Join(filepath.Base(a), rest)
		a = parent
	}
}

func within(parent, p string) bool {
	if parent == p {
		return true
	}
	rel, err := filepath.Rel(parent, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
