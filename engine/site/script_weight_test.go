package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// SPEC 10: no page loads data about activities it does not show; at 5,000
// activities an activity page loads at most 40 KB gzipped of script in
// all. "In all" is every <script src> of the page and the service worker
// it registers. The wide shape has the largest units (about 385
// activities each); PACER_WEIGHT_SHAPES=all (or a list) measures every
// shape, for BENCHMARKS.md:
//
//	PACER_WEIGHT_SHAPES=all go test -run TestPagesLoadOnlyTheScriptOfWhatTheyShow -v ./engine/site
func TestPagesLoadOnlyTheScriptOfWhatTheyShow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a course of 5,000 activities")
	}
	shapes := []string{"wide"}
	switch env := os.Getenv("PACER_WEIGHT_SHAPES"); env {
	case "":
	case "all":
		shapes = gencourse.Shapes
	default:
		shapes = strings.Split(env, ",")
	}
	t.Setenv("PACER_SECRET", "weight")
	for _, shape := range shapes {
		t.Run(shape, func(t *testing.T) {
			src, err := gencourse.CachedShape(shape, 5000, 50)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			res, err := Build(Options{Root: src, Out: out})
			if err != nil || res.Diags.HasErrors() {
				t.Fatalf("build: %v %v", err, res.Diags.Items())
			}
			w := &weigher{t: t, out: out, gz: map[string]int{}}
			var act, comp pageWeight
			for _, dir := range []string{"activities", "competencies"} {
				entries, err := os.ReadDir(filepath.Join(out, dir))
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					pw := w.page(dir + "/" + e.Name() + "/index.html")
					if dir == "activities" {
						act = max2(act, pw)
					} else {
						comp = max2(comp, pw)
					}
				}
			}
			// The student page whose step count is nearest 40.
			var stu pageWeight
			best := -1
			for _, s := range res.Students {
				pw := w.page(s.Path)
				if d := abs(pw.steps - 40); best < 0 || d < best {
					best, stu = d, pw
				}
			}
			t.Logf("%s: activity page %s; competency page %s; student page of %d steps %s",
				shape, act, comp, stu.steps, stu)
			const budget = 40 * 1024
			if act.gz > budget {
				t.Errorf("the activity page %s loads %d bytes of script gzipped, over SPEC 10's %d:\n%s", act.path, act.gz, budget, act.files)
			}
		})
	}
}

// pageWeight is what one page loads.
type pageWeight struct {
	path  string
	gz    int // script bytes gzipped, in all
	chunk int // of which the course data
	files string
	steps int
}

func (p pageWeight) String() string {
	return fmt.Sprintf("%.1f KB (course data %.1f KB)", float64(p.gz)/1024, float64(p.chunk)/1024)
}

func max2(a, b pageWeight) pageWeight {
	if b.gz > a.gz {
		return b
	}
	return a
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var scriptSrcRE = regexp.MustCompile(`<script src="([^"]+)"`)

type weigher struct {
	t   *testing.T
	out string
	gz  map[string]int // by output path
}

// page sums the gzipped size of every script page p (an output path)
// loads: its script elements and its service worker.
func (w *weigher) page(p string) pageWeight {
	html, err := os.ReadFile(filepath.Join(w.out, filepath.FromSlash(p)))
	if err != nil {
		w.t.Fatal(err)
	}
	pw := pageWeight{path: p, steps: bytes.Count(html, []byte(`<li class="card`))}
	var files []string
	for _, m := range scriptSrcRE.FindAllSubmatch(html, -1) {
		files = append(files, path.Join(path.Dir(p), string(m[1])))
	}
	if bytes.Contains(html, []byte(` data-sw="sw.js"`)) {
		files = append(files, "sw.js")
	}
	for _, f := range files {
		n, ok := w.gz[f]
		if !ok {
			data, err := os.ReadFile(filepath.Join(w.out, filepath.FromSlash(f)))
			if err != nil {
				w.t.Fatalf("%s loads %s: %v", p, f, err)
			}
			var buf bytes.Buffer
			z, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
			z.Write(data)
			z.Close()
			n = buf.Len()
			w.gz[f] = n
		}
		pw.gz += n
		if strings.HasPrefix(path.Base(f), "course.") {
			pw.chunk += n
		}
		pw.files += "  " + f + " " + strconv.Itoa(n) + "\n"
	}
	return pw
}
