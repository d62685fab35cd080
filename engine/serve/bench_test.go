package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
