// Command leastwork is the floor for building a site of Markdown pages on
// this machine: it reads every .md file under a Hugo site's content/,
// splits off and decodes the YAML front matter, renders the body with
// goldmark (CommonMark and tables), wraps it in a minimal page and writes
// it as <path>/index.html, on one worker per core. It checks nothing and
// links nothing. scripts/bench-hugo.sh times it beside Pacer and Hugo, so
// BENCHMARKS.md can say how much of a build is work every generator does.
//
//	leastwork -s HUGO_SITE -o OUT
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
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "leastwork: give -o OUT")
		os.Exit(2)
	}
	src := filepath.Join(*site, "content")
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fail(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	next := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range next {
				if err := page(md, &buf, src, *out, p); err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, p := range files {
		next <- p
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

func fail(err error) {
	fmt.Fprintln(os.Stderr, "leastwork:", err)
	os.Exit(1)
}
