package site

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

// Benchmarks of SPEC 10's budgets; see BENCHMARKS.md. They only run with
// -bench. Sizes are activities x students, with a course shape
// (gencourse.Shapes) before a colon when not the default:
//
//	go test -run '^$' -bench . ./engine/site
//	PACER_BENCH_SIZES=1000x1000,5000x1000,wide:5000x1000,20000x10000 go test -run '^$' -bench . -benchtime 3x -timeout 60m ./engine/site
//
// Courses are generated once into $TMPDIR/pacer-bench/ and reused.

type benchSize struct {
	shape                string
	activities, students int
}

// benchSizes reads PACER_BENCH_SIZES (default 1000x1000,5000x1000).
func benchSizes(b *testing.B) []benchSize {
	spec := os.Getenv("PACER_BENCH_SIZES")
	if spec == "" {
		spec = "1000x1000,5000x1000"
	}
	var out []benchSize
	for _, s := range strings.Split(spec, ",") {
		shape, size, ok := strings.Cut(strings.TrimSpace(s), ":")
		if !ok {
			shape, size = "default", shape
		}
		a, st, ok := strings.Cut(size, "x")
		n, err1 := strconv.Atoi(a)
		m, err2 := strconv.Atoi(st)
		if _, err := gencourse.ShapeOptions(shape, n, m); !ok || err1 != nil || err2 != nil || err != nil {
			b.Fatalf("PACER_BENCH_SIZES: %q is not [SHAPE:]ACTIVITIESxSTUDENTS (shapes: %s)", s, strings.Join(gencourse.Shapes, ", "))
		}
		out = append(out, benchSize{shape, n, m})
	}
	return out
}

// benchCourse returns a generated course of the size, creating it once.
func benchCourse(b testing.TB, size benchSize) string {
	b.Helper()
	dir, err := gencourse.CachedShape(size.shape, size.activities, size.students)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

func sizeName(s benchSize) string {
	name := fmt.Sprintf("a=%d,s=%d", s.activities, s.students)
	if s.shape != "default" {
		name = "shape=" + s.shape + "," + name
	}
	return name
}

// BenchmarkColdBuild is pacer build in-process: load, plan, render, write.
func BenchmarkColdBuild(b *testing.B) {
	b.Setenv("PACER_SECRET", "bench-secret")
	for _, size := range benchSizes(b) {
		b.Run(sizeName(size), func(b *testing.B) {
			root := benchCourse(b, size)
			outs := b.TempDir()
			b.ResetTimer()
			for i := range b.N {
				out := filepath.Join(outs, strconv.Itoa(i))
				res, err := Build(Options{Root: root, Out: out})
				if err != nil || res.Diags.HasErrors() {
					b.Fatal(err, res.Diags.Items())
				}
				b.ReportMetric(float64(res.Files), "files")
				// Outputs stay until the end: creating files soon after
				// deleting thousands is several times slower on ext4, so
				// deleting here would charge one iteration for another's
				// output (and profiles would show mkdir as the build's cost).
			}
		})
	}
}

// BenchmarkRebuild is the dev server's rebuild after one activity file
// was saved: its body edited (the usual case while writing), or its
// minutes (its competency's page and the plans of every student who has
// it change too). The watcher's quiet wait is not included; see
// engine/serve's BenchmarkSaveToReload.
func BenchmarkRebuild(b *testing.B) {
	b.Setenv("PACER_SECRET", "bench-secret")
	for _, size := range benchSizes(b) {
		for _, kind := range []string{"body", "minutes"} {
			b.Run(sizeName(size)+",edit="+kind, func(b *testing.B) {
				root := copyCourse(b, benchCourse(b, size))
				s := NewSession(Options{Root: root})
				defer s.Close()
				if up, err := s.Update(nil); err != nil || !up.OK {
					b.Fatal(err, up.Diags.Items())
				}
				p := filepath.Join(root, gencourse.ActivityPath(size.activities/2))
				src, _ := os.ReadFile(p)
				rendered := 0
				b.ResetTimer()
				for i := range b.N {
					b.StopTimer()
					data := string(src)
					if kind == "body" {
						data += fmt.Sprintf("\nEdit number %d.\n", i)
					} else {
						data = strings.Replace(data, "minutes: ", fmt.Sprintf("minutes: %d", 1+i%9), 1)
					}
					os.WriteFile(p, []byte(data), 0o644)
					b.StartTimer()
					up, err := s.Update([]string{p})
					if err != nil || !up.OK {
						b.Fatal(err, up.Diags.Items())
					}
					rendered += len(up.Rendered)
				}
				b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
			})
		}
	}
}

// copyCourse copies a generated course so a benchmark can edit it.
func copyCourse(b testing.TB, src string) string {
	b.Helper()
	dst := b.TempDir()
	if err := gencourse.CopyTree(src, dst, false); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkPeakMemory builds in a child process, as pacer build would,
// and reports its peak resident memory and the output's size.
func BenchmarkPeakMemory(b *testing.B) {
	for _, size := range benchSizes(b) {
		b.Run(sizeName(size), func(b *testing.B) {
			root := benchCourse(b, size)
			outs := b.TempDir()
			var peak, bytes, files int64
			b.ResetTimer()
			for i := range b.N {
				out := filepath.Join(outs, strconv.Itoa(i))
				cmd := exec.Command(os.Args[0], "-test.run=^TestBenchChild$")
				cmd.Env = append(os.Environ(), "PACER_SECRET=bench-secret", "PACER_BENCH_CHILD="+root+string(os.PathListSeparator)+out)
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v\n%s", err, msg)
				}
				b.StopTimer()
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, int64(ru.Maxrss)*1024)
				}
				bytes, files = treeSize(out)
				os.RemoveAll(out)
				b.StartTimer()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(bytes)/(1<<20), "out-MiB")
			b.ReportMetric(float64(files), "files")
		})
	}
}

// TestBenchChild is BenchmarkPeakMemory's child process.
func TestBenchChild(t *testing.T) {
	spec := os.Getenv("PACER_BENCH_CHILD")
	if spec == "" {
		t.Skip("only run by BenchmarkPeakMemory")
	}
	root, out, _ := strings.Cut(spec, string(os.PathListSeparator))
	res, err := Build(Options{Root: root, Out: out})
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Items())
	}
}

func treeSize(dir string) (bytes, files int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				bytes += fi.Size()
				files++
			}
		}
		return nil
	})
	return bytes, files
}
