package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
	"github.com/pacer-edu/pacer/engine/site"
)

// BenchmarkSaveToReload measures SPEC 10's dev-server budget: from an
// editor saving one activity file (an atomic save) to the reload event
// reaching an open page, on a generated course of
// PACER_BENCH_SIZES activities x students (default 5000x1000; a shape
// before a colon, wide:5000x1000, as in engine/site's benchmarks). ns/op is
// the whole time; rebuild-ms is the part after the watcher's wait for
// quiet (WatchOptions.Settle, 30 ms, for a save of one file).
//
//	go test -run '^$' -bench SaveToReload -benchtime 20x ./engine/serve
func BenchmarkSaveToReload(b *testing.B) {
	spec := os.Getenv("PACER_BENCH_SIZES")
	if spec == "" {
		spec = "5000x1000"
	}
	b.Setenv("PACER_SECRET", "bench-secret")
	for _, size := range strings.Split(spec, ",") {
		shape, size, ok := strings.Cut(size, ":")
		if !ok {
			shape, size = "default", shape
		}
		a, s, _ := strings.Cut(size, "x")
		na, _ := strconv.Atoi(a)
		ns, _ := strconv.Atoi(s)
		name := fmt.Sprintf("a=%d,s=%d", na, ns)
		if shape != "default" {
			name = "shape=" + shape + "," + name
		}
		b.Run(name, func(b *testing.B) { benchSaveToReload(b, shape, na, ns) })
	}
}

func benchSaveToReload(b *testing.B, shape string, activities, students int) {
	root := linkCourse(b, benchCourse(b, shape, activities, students))
	var (
		mu      sync.Mutex
		rebuild time.Duration
	)
	srv, err := Start(Options{Root: root, Port: 0, OnBuild: func(up *site.Update) {
		mu.Lock()
		rebuild += up.Duration
		mu.Unlock()
	}})
	if err != nil {
		b.Fatal(err)
	}
	if !srv.First().OK {
		b.Fatal(srv.First().Diags.Items())
	}
	ts := &testServer{Server: srv}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	ts.events = ts.listen(b)
	ts.next(b) // status

	p := filepath.Join(root, gencourse.ActivityPath(activities/2))
	src, _ := os.ReadFile(p)
	mu.Lock()
	rebuild = 0
	mu.Unlock()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		data := append([]byte{}, src...)
		data = fmt.Appendf(data, "\nSaved %d.\n", i)
		tmp := filepath.Join(filepath.Dir(p), ".save.tmp")
		os.WriteFile(tmp, data, 0o644)
		b.StartTimer()
		os.Rename(tmp, p)
		if ev := ts.next(b); ev.name != "reload" {
			b.Fatalf("%s event: %s", ev.name, ev.data)
		}
	}
	b.StopTimer()
	mu.Lock()
	b.ReportMetric(float64(rebuild.Milliseconds())/float64(b.N), "rebuild-ms")
	mu.Unlock()
}

// benchCourse is engine/site's: a generated course in $TMPDIR/pacer-bench,
// made once.
func benchCourse(b testing.TB, shape string, activities, students int) string {
	dir, err := gencourse.CachedShape(shape, activities, students)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// linkCourse copies src as hard links: the benchmark saves files the way
// editors do (a new file renamed over the old), which leaves src as it is.
func linkCourse(b testing.TB, src string) string {
	dst := b.TempDir()
	if err := gencourse.CopyTree(src, dst, true); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkServeMemory runs pacer serve in a child process on a generated
// course of PACER_BENCH_SIZES (default 20000x10000, SPEC 10's memory
// budget), opens a student page, saves one activity and waits for the
// rebuild, and reports the child's peak resident memory (peak-MiB) and
// what it held resident at the end (rss-MiB). With PACER_SERVE_HEAP=FILE
// the child also writes a heap profile there at the end (after a GC).
//
//	go test -run '^$' -bench ServeMemory -benchtime 1x -timeout 60m ./engine/serve
func BenchmarkServeMemory(b *testing.B) {
	spec := os.Getenv("PACER_BENCH_SIZES")
	if spec == "" {
		spec = "20000x10000"
	}
	for _, size := range strings.Split(spec, ",") {
		shape, size, ok := strings.Cut(size, ":")
		if !ok {
			shape, size = "default", shape
		}
		a, s, _ := strings.Cut(size, "x")
		na, _ := strconv.Atoi(a)
		ns, _ := strconv.Atoi(s)
		name := fmt.Sprintf("a=%d,s=%d", na, ns)
		if shape != "default" {
			name = "shape=" + shape + "," + name
		}
		b.Run(name, func(b *testing.B) {
			var peak, rss float64
			for range b.N {
				root := linkCourse(b, benchCourse(b, shape, na, ns))
				cmd := exec.Command(os.Args[0], "-test.run=^TestServeMemoryChild$")
				cmd.Env = append(os.Environ(), "PACER_SECRET=bench-secret", "PACER_SERVE_CHILD="+root, "PACER_SERVE_CHILD_EDIT="+gencourse.ActivityPath(na/2))
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, float64(ru.Maxrss)/1024)
				}
				// The kernel updates the usage's peak lazily, so it can read
				// below what the child saw itself: its own VmHWM and VmRSS.
				if kb, ok := childKB(out, "hwm-kB "); ok {
					peak = max(peak, kb/1024)
				}
				if kb, ok := childKB(out, "rss-kB "); ok {
					rss = max(rss, kb/1024)
				}
			}
			b.ReportMetric(peak, "peak-MiB")
			b.ReportMetric(rss, "rss-MiB")
		})
	}
}

// childKB reads a figure the child printed as "NAME VALUE".
func childKB(out []byte, name string) (float64, bool) {
	_, after, ok := strings.Cut(string(out), name)
	if !ok {
		return 0, false
	}
	kb, err := strconv.Atoi(strings.Fields(after)[0])
	return float64(kb), err == nil
}

// TestServeMemoryChild is BenchmarkServeMemory's child process.
func TestServeMemoryChild(t *testing.T) {
	root := os.Getenv("PACER_SERVE_CHILD")
	if root == "" {
		t.Skip("only run by BenchmarkServeMemory")
	}
	builds := make(chan *site.Update, 4)
	srv, err := Start(Options{Root: root, OnBuild: func(up *site.Update) { builds <- up }})
	if err != nil {
		t.Fatal(err)
	}
	if !srv.First().OK {
		t.Fatal(srv.First().Diags.Items())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	for len(builds) > 0 {
		<-builds // the first build's
	}
	st := srv.First().Students[len(srv.First().Students)/2]
	res, err := http.Get(srv.URL() + path.Dir(st.Path) + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(page, []byte("<html")) {
		t.Fatalf("student page: %s", res.Status)
	}
	// An editor's save of one activity, and the rebuild it starts.
	p := filepath.Join(root, os.Getenv("PACER_SERVE_CHILD_EDIT"))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	tmp := p + ".tmp"
	os.WriteFile(tmp, append(src, "\nSaved once.\n"...), 0o644)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	if up := <-builds; !up.OK {
		t.Fatal(up.Diags.Items())
	}
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		for field, name := range map[string]string{"VmRSS:": "rss-kB", "VmHWM:": "hwm-kB"} {
			if v, ok := strings.CutPrefix(line, field); ok {
				fmt.Printf("%s %s\n", name, strings.Fields(v)[0])
			}
		}
	}
	// After the figures above, so that its GC does not change them.
	if hp := os.Getenv("PACER_SERVE_HEAP"); hp != "" {
		runtime.GC()
		f, err := os.Create(hp)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
