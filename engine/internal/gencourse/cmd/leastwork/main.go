// Command leastwork is the floor for building a site of Markdown pages on
// this machine: it reads every .md file under a Hugo site's content/,
// splits off and decodes the YAML front matter, renders the body with
// goldmark (CommonMark and tables), wraps it in a minimal page and writes
// it as <path>/index.html, on one worker per core. It checks nothing and
// links nothing. scripts/bench-hugo.sh times it beside Pacer and Hugo, so
// BENCHMARKS.md can say how much of a build is work every generator does.
//
//	leastwork -s HUGO_SITE -o OUT [-copy DIR]
//
// With -copy it also writes every file under DIR into OUT at the same
// path, on the same workers, with no work to make them: given a folder
// holding a Pacer build's s/, the floor of a build that must also write
// those student pages.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"go.yaml.in/yaml/v3"
)

func main() {
	site := flag.String("s", ".", "Hugo site folder (pages under content/)")
	out := flag.String("o", "", "output folder")
	extra := flag.String("copy", "", "a folder whose files are also written into OUT, as they are")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "leastwork: give -o OUT")
		os.Exit(2)
	}
	src := filepath.Join(*site, "content")
	files := walk(src, func(p string) bool { return strings.HasSuffix(p, ".md") })
	var copies []string
	if *extra != "" {
		copies = walk(*extra, func(string) bool { return true })
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	type job struct {
		path string
		copy bool // a file of -copy, not a page
	}
	next := make(chan job)
	errs := make(chan error, len(files)+len(copies))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for j := range next {
				var err error
				if j.copy {
					err = copyFile(*extra, *out, j.path)
				} else {
					err = page(md, &buf, src, *out, j.path)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, p := range files {
		next <- job{path: p}
	}
	for _, p := range copies {
		next <- job{path: p, copy: true}
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		fail(err)
	}
}

func page(md goldmark.Markdown, buf *bytes.Buffer, src, out, p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	body := data
	meta := map[string]any{}
	if rest, ok := bytes.CutPrefix(data, []byte("---\n")); ok {
		if fm, b, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			if err := yaml.Unmarshal(fm, &meta); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
			body = b
		}
	}
	title, _ := meta["title"].(string)
	buf.Reset()
	fmt.Fprintf(buf, "<!DOCTYPE html>\n<title>%s</title>\n<main><h1>%s</h1>\n", html.EscapeString(title), html.EscapeString(title))
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	buf.WriteString("</main>\n")
	rel, _ := filepath.Rel(src, strings.TrimSuffix(p, ".md"))
	dir := filepath.Join(out, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}

// walk lists the files under dir that keep accepts.
func walk(dir string, keep func(string) bool) []string {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && keep(p) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fail(err)
	}
	return files
}

// copyFile writes p, a file under dir, into out at the same path.
func copyFile(dir, out, p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	rel, _ := filepath.Rel(dir, p)
	dst := filepath.Join(out, rel)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "leastwork:", err)
	os.Exit(1)
}
