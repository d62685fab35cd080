package pubfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOnlyFilesInsideTheCourseAndOutsideItsPrivatePlacesArePublished(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "course")
	for _, p := range []string{"course/.pacer/secret", "course/.git/config", "course/media/clip.mp4", "course/content/students/ana.yaml", "roster/students/ben.yaml", "outside.png"} {
		p = filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	acts := filepath.Join(root, "content", "activities")
	os.MkdirAll(acts, 0o755)
	links := map[string]string{
		"secret.mp4": "../../.pacer/secret",
		"git.txt":    "../../.git/config",
		"out.png":    "../../../outside.png",
		"ok.mp4":     "../../media/clip.mp4",
		"ana.txt":    "../students/ana.yaml",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(acts, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	cases := []struct {
		fence *Fence
		path  string
		want  string // "" when published
	}{
		{New(root, ""), "content/activities/ok.mp4", ""},
		{New(root, ""), "media/clip.mp4", ""},
		{New(root, ""), "content/activities/secret.mp4", "link to " + filepath.Join(root, ".pacer", "secret") + ", in .pacer/"},
		{New(root, ""), ".pacer/secret", "it is in .pacer/"},
		{New(root, ""), "content/activities/git.txt", "in a git folder"},
		{New(root, ""), "content/activities/out.png", "outside the course folder"},
		{New(root, ""), "content/activities/ana.txt", "in the roster"},
		{New(root, filepath.Join(dir, "roster")), "../roster/students/ben.yaml", "outside the course folder"},
		{New(root, filepath.Join(dir, "roster")), "content/students/ana.yaml", ""},
	}
	for _, c := range cases {
		err := c.fence.Check(filepath.Join(root, c.path))
		var fe *Error
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.path, err)
		case c.want != "" && (!errors.As(err, &fe) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want an *Error containing %q", c.path, err, c.want)
		}
	}
}
