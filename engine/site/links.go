package site

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/markdown"
	"github.com/pacer-edu/pacer/engine/pubfile"
)

// linker resolves relative links in Markdown bodies at build time: a link
// to another content file becomes a link to its page, a link to any other
// file of the course copies that file into the output, and a link to
// nothing is reported, so broken links are found before students do.
type linker struct {
	root  string            // site root
	pages map[string]string // content file (site-relative, slashes) -> page URL
	diags *diag.List
	fence *pubfile.Fence
	// reads records what the page's links looked up (a session's page).
	reads *depend.Set

	mu     sync.Mutex
	copies map[string]string // output path -> source path
}

// pathOf returns the output path of a course file that is not a page.
func filesPath(rel string) string { return "files/" + strings.TrimPrefix(rel, content.Dir+"/") }

func newLinker(root string, c *content.Course, diags *diag.List) *linker {
	l := &linker{root: root, pages: map[string]string{}, diags: diags, copies: map[string]string{},
		fence: pubfile.New(root, content.RosterDir(root, c.Config))}
	for _, k := range c.Competencies {
		l.pages[k.File] = competencyURL(k.ID)
	}
	for _, a := range c.Activities {
		l.pages[a.File] = activityURL(a.ID)
	}
	for _, u := range c.Units {
		l.pages[u.File] = unitURL(u.ID)
	}
	return l
}

// hook returns the markdown link hook for a body of file shown on the page
// at pagePath.
func (l *linker) hook(file, pagePath string) func(markdown.Link) string {
	return func(ln markdown.Link) string {
		u, err := url.Parse(ln.Dest)
		if err != nil || u.Path == "" {
			return ln.Dest
		}
		target := path.Clean(path.Join(path.Dir(file), u.Path))
		suffix := ""
		if u.RawQuery != "" {
			suffix += "?" + u.RawQuery
		}
		if u.Fragment != "" {
			suffix += "#" + u.Fragment
		}
		up := rootOf(pagePath)
		l.reads.Add(depend.PageOf, target, depend.All)
		if page, ok := l.pages[target]; ok {
			return up + page + suffix
		}
		l.reads.Add(depend.Disk, target, depend.All)
		src := filepath.Join(l.root, filepath.FromSlash(target))
		fi, err := os.Stat(src)
		what := "link"
		if ln.Image {
			what = "image"
		}
		if err != nil || fi.IsDir() || strings.HasPrefix(target, "../") {
			l.diags.Warnf(ln.Pos, "broken %s %q: no file %s", what, ln.Dest, target).
				Hint = "links are relative to the Markdown file; link to another page by its .md file, e.g. [unit rates](../competencies/unit-rate.md)"
			return ln.Dest
		}
		if strings.HasSuffix(target, ".md") {
			l.diags.Warnf(ln.Pos, "link %q points at %s, which is not a page of the course", ln.Dest, target)
			return ln.Dest
		}
		if err := l.fence.Check(src); err != nil {
			l.diags.Errorf(ln.Pos, "%s %q: %v", what, ln.Dest, err).Hint = content.PublishHint
			return ln.Dest
		}
		out := filesPath(target)
		l.mu.Lock()
		l.copies[out] = src
		l.mu.Unlock()
		return up + out + suffix
	}
}

// addCopies adds the files links referred to.
func (l *linker) addCopies(files map[string]outFile) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for out, src := range l.copies {
		files[out] = outFile{src: src}
	}
}
