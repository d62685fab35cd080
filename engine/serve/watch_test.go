package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchSite is a site folder with a few content files, watched the way
// the server watches it.
type watchSite struct {
	root string
	w    *Watcher
	log  *syncBuffer

	// clk is the watcher's clock unless the test gave a real one.
	clk    *fakeClock
	synced chan string
	syncs  int
}

func newWatchSite(t *testing.T, opts WatchOptions) *watchSite {
	t.Helper()
	root := t.TempDir()
	for _, f := range []string{"site.yaml", "content/activities/unit1/a.md", "content/activities/unit1/b.md", "content/competencies/k.md"} {
		write(t, filepath.Join(root, f), "first\n")
	}
	s := &watchSite{root: root, log: &syncBuffer{}, synced: make(chan string, 16)}
	opts.Log = s.log
	if opts.Clock == nil {
		s.clk = newFakeClock()
		opts.Clock = s.clk
		opts.observe = func(p string) {
			if strings.HasPrefix(filepath.Base(p), syncName) {
				s.synced <- filepath.Base(p)
			}
		}
	}
	w, err := Watch([]string{filepath.Join(root, "content"), filepath.Join(root, "themes")}, []string{filepath.Join(root, "site.yaml")}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	s.w = w
	return s
}

func (s *watchSite) path(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sync returns once the watcher has taken in every change made so far
// (see testServer.sync); with a real clock it does nothing.
func (s *watchSite) sync(t *testing.T) {
	t.Helper()
	if s.clk == nil {
		return
	}
	s.syncs++
	name := fmt.Sprintf("%s%d", syncName, s.syncs)
	write(t, s.path("content/"+name), "")
	for {
		select {
		case got := <-s.synced:
			if got == name {
				return
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the watcher did not see a write within 10s")
		}
	}
}

// next waits for a batch, moving a fake clock on as timers are set.
func (s *watchSite) next(t *testing.T) []string {
	t.Helper()
	s.sync(t)
	var armed chan time.Duration
	if s.clk != nil {
		armed = s.clk.armed
	}
	for {
		select {
		case got := <-s.w.Batches():
			return got
		case d := <-armed:
			s.clk.advance(d)
		case <-time.After(10 * time.Second):
			t.Fatal("no batch within 10s")
		}
	}
}

// oneBatch waits for a batch and checks that no second one follows.
func (s *watchSite) oneBatch(t *testing.T) []string {
	t.Helper()
	got := s.next(t)
	s.noBatch(t)
	return s.rels(got)
}

// noBatch checks that no batch comes: with a fake clock, once every wait
// set so far has passed.
func (s *watchSite) noBatch(t *testing.T) {
	t.Helper()
	s.sync(t)
	wait := 500 * time.Millisecond
	if s.clk != nil {
		for pending := true; pending; {
			select {
			case d := <-s.clk.armed:
				s.clk.advance(d)
			default:
				pending = false
			}
		}
		wait = 100 * time.Millisecond // only for a batch already delivered to arrive
	}
	select {
	case got := <-s.w.Batches():
		t.Fatalf("unexpected batch %v", s.rels(got))
	case <-time.After(wait):
	}
}

func (s *watchSite) rels(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		r, _ := filepath.Rel(s.root, p)
		out[i] = filepath.ToSlash(r)
	}
	return out
}

func TestWatcherGivesOneBatchPerEditorSave(t *testing.T) {
	const a = "content/activities/unit1/a.md"
	cases := []struct {
		name string
		save func(t *testing.T, s *watchSite)
	}{
		{"atomic save: write a temp file, rename it over", func(t *testing.T, s *watchSite) {
			tmp := s.path("content/activities/unit1/.a.md.tmp1234")
			write(t, tmp, "second\n")
			if err := os.Rename(tmp, s.path(a)); err != nil {
				t.Fatal(err)
			}
		}},
		{"remove, then create", func(t *testing.T, s *watchSite) {
			os.Remove(s.path(a))
			write(t, s.path(a), "second\n")
		}},
		{"vim: rename to a backup, write, chmod, remove the backup", func(t *testing.T, s *watchSite) {
			write(t, s.path("content/activities/unit1/4913"), "")
			os.Remove(s.path("content/activities/unit1/4913"))
			os.Rename(s.path(a), s.path(a+"~"))
			write(t, s.path(a), "second\n")
			os.Chmod(s.path(a), 0o644)
			os.Remove(s.path(a + "~"))
		}},
		{"doubled writes", func(t *testing.T, s *watchSite) {
			write(t, s.path(a), "second\n")
			write(t, s.path(a), "second, again\n")
		}},
		{"write, then chmod", func(t *testing.T, s *watchSite) {
			write(t, s.path(a), "second\n")
			os.Chmod(s.path(a), 0o600)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newWatchSite(t, WatchOptions{})
			c.save(t, s)
			if got := s.oneBatch(t); !slices.Equal(got, []string{a}) {
				t.Errorf("batch %v, want [%s]", got, a)
			}
		})
	}
}

// A save of one file is delivered after Settle; once a second path joins
// the burst, the batch waits for Quiet, so a file written a little after
// the others (longer than Settle, shorter than Quiet) still joins them.
func TestWatcherWaitsLongerOnceABurstTouchesTwoFiles(t *testing.T) {
	s := newWatchSite(t, WatchOptions{Settle: 20 * time.Millisecond, Quiet: 400 * time.Millisecond})
	write(t, s.path("content/activities/unit1/a.md"), "second\n")
	s.sync(t)
	for _, d := range s.armed() {
		if d != 20*time.Millisecond {
			t.Errorf("a one-file save waits %v, want Settle", d)
		}
	}
	s.clk.advance(20 * time.Millisecond)
	if got := s.oneBatch(t); !slices.Equal(got, []string{"content/activities/unit1/a.md"}) {
		t.Fatalf("batch %v", got)
	}

	write(t, s.path("content/activities/unit1/a.md"), "third\n")
	write(t, s.path("content/activities/unit1/b.md"), "third\n")
	s.sync(t)
	s.armed()
	s.clk.advance(100 * time.Millisecond) // past Settle, within Quiet
	write(t, s.path("content/competencies/k.md"), "third\n")
	want := []string{"content/activities/unit1/a.md", "content/activities/unit1/b.md", "content/competencies/k.md"}
	if got := s.oneBatch(t); !slices.Equal(got, want) {
		t.Errorf("batch %v, want %v", got, want)
	}
}

// armed returns the waits set since the last call.
func (s *watchSite) armed() []time.Duration {
	var out []time.Duration
	for {
		select {
		case d := <-s.clk.armed:
			out = append(out, d)
		default:
			return out
		}
	}
}

func TestWatcherIgnoresTempFilesAndBareChmod(t *testing.T) {
	s := newWatchSite(t, WatchOptions{})
	for _, name := range []string{".a.md.swp", "a.md~", "#a.md#", ".#a.md", "a.md.tmp", "a.md.bak", "4913", "a.md___jb_tmp___"} {
		write(t, s.path("content/activities/unit1/"+name), "x")
	}
	os.Chmod(s.path("content/activities/unit1/b.md"), 0o600)
	write(t, filepath.Join(s.root, "README.md"), "not part of the site")
	write(t, filepath.Join(s.root, "public", "index.html"), "output")
	s.noBatch(t)
}

func TestWatcherGivesOneBatchForACheckoutOf200Files(t *testing.T) {
	s := newWatchSite(t, WatchOptions{})
	var want []string
	for i := range 200 {
		rel := fmt.Sprintf("content/activities/unit%d/x%03d.md", 2+i/50, i)
		write(t, s.path(rel), "checked out\n")
		want = append(want, rel)
	}
	got := s.oneBatch(t)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s missing from the batch", w)
		}
	}
}

func TestWatcherFollowsARenamedFolder(t *testing.T) {
	s := newWatchSite(t, WatchOptions{})
	if err := os.Rename(s.path("content/activities/unit1"), s.path("content/activities/ratios")); err != nil {
		t.Fatal(err)
	}
	got := s.oneBatch(t)
	for _, w := range []string{"content/activities/unit1", "content/activities/ratios/a.md", "content/activities/ratios/b.md"} {
		if !slices.Contains(got, w) {
			t.Errorf("%s missing from the batch %v", w, got)
		}
	}
	// The renamed folder is watched under its new name.
	write(t, s.path("content/activities/ratios/a.md"), "edited\n")
	if got := s.oneBatch(t); !slices.Equal(got, []string{"content/activities/ratios/a.md"}) {
		t.Errorf("after the rename: batch %v", got)
	}
}

func TestWatcherWatchesFoldersCreatedLater(t *testing.T) {
	s := newWatchSite(t, WatchOptions{})
	// themes/ did not exist when watching started; files written right
	// after mkdir land before the new folder's watch exists.
	write(t, s.path("themes/default/assets/style.css"), "body{}")
	if got := s.oneBatch(t); !slices.Contains(got, "themes/default/assets/style.css") {
		t.Errorf("batch %v misses the new file", got)
	}
	write(t, s.path("themes/default/assets/style.css"), "body{color:red}")
	if got := s.oneBatch(t); !slices.Equal(got, []string{"themes/default/assets/style.css"}) {
		t.Errorf("batch %v", got)
	}
}

func TestWatcherSaysSoAndPollsWhenTheSystemRefuses(t *testing.T) {
	refuse := func(w *fsnotify.Watcher, dir string) error {
		if strings.HasSuffix(dir, "unit1") {
			return syscall.ENOSPC // what inotify says at max_user_watches
		}
		return w.Add(dir)
	}
	s := newWatchSite(t, WatchOptions{add: refuse, Poll: 50 * time.Millisecond, Clock: realClock{}})
	if !s.w.Polling() {
		t.Fatal("not polling")
	}
	log := s.log.String()
	for _, want := range []string{"cannot watch", "unit1", "max_user_watches", "checking every 50ms"} {
		if !strings.Contains(log, want) {
			t.Errorf("log %q does not say %q", log, want)
		}
	}
	write(t, s.path("content/activities/unit1/a.md"), "changed while polling\n")
	if got := s.oneBatch(t); !slices.Equal(got, []string{"content/activities/unit1/a.md"}) {
		t.Errorf("batch %v", got)
	}
	os.Remove(s.path("content/activities/unit1/b.md"))
	if got := s.oneBatch(t); !slices.Equal(got, []string{"content/activities/unit1/b.md"}) {
		t.Errorf("batch %v", got)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A recheck waits for Quiet, and a change to its file meanwhile joins it
// and restarts the wait: one batch once the file is quiet.
func TestWatcherRechecksAFileOnceItIsQuiet(t *testing.T) {
	clk := newFakeClock()
	s := newWatchSite(t, WatchOptions{Clock: clk, Settle: 30 * time.Millisecond, Quiet: 100 * time.Millisecond})
	const a = "content/activities/unit1/a.md"
	s.w.Recheck([]string{s.path(a)})
	if d := clk.waitArmed(t); d != 100*time.Millisecond {
		t.Fatalf("a recheck waits %s, want Quiet", d)
	}
	clk.advance(90 * time.Millisecond)
	// One write, so one event: no truncation first.
	f, err := os.OpenFile(s.path(a), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("the rest of the save\n"), 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if d := clk.waitArmed(t); d != 100*time.Millisecond {
		t.Fatalf("a change during a recheck waits %s, want Quiet", d)
	}
	clk.advance(90 * time.Millisecond)
	select {
	case got := <-s.w.Batches():
		t.Fatalf("a batch %v before the file was quiet for Quiet", s.rels(got))
	default:
	}
	clk.advance(10 * time.Millisecond)
	select {
	case got := <-s.w.Batches():
		if r := s.rels(got); !slices.Equal(r, []string{a}) {
			t.Errorf("batch %v, want [%s]", r, a)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no batch within 10s")
	}
}
