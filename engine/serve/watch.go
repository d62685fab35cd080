package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/pacer-edu/pacer/engine/content"
)

// WatchOptions configure a Watcher.
type WatchOptions struct {
	// Quiet is how long no relevant event may arrive before a batch of
	// several paths is delivered (default 100 ms): git checkouts, folder
	// renames and editors that save a file and its backup come as bursts,
	// and a build should see the whole burst.
	Quiet time.Duration
	// Settle is that wait while a batch has one path (default 30 ms): an
	// editor's save of one file (write and chmod, a doubled write, or a
	// temp file renamed over it) comes as events microseconds apart, and
	// the teacher is waiting for the page. A second path arriving within
	// Settle turns the wait into Quiet.
	Settle time.Duration
	// Poll is how often the tree is walked when the system refuses to
	// watch it (default 500 ms).
	Poll time.Duration
	// ForcePoll polls from the start.
	ForcePoll bool
	// Log receives problems with watching; nil is quiet.
	Log io.Writer
	// Clock times Settle and Quiet (default: the real clock); tests give
	// a clock they advance themselves, so no wait depends on the machine's
	// load.
	Clock Clock

	// add watches one folder; tests replace it to play an OS that refuses.
	add func(w *fsnotify.Watcher, dir string) error
	// observe, when set, sees every event's path before it is filtered:
	// tests learn from it that the events of their writes have all come in.
	observe func(path string)
}

// Clock makes the timers the watcher waits on.
type Clock interface {
	NewTimer() Timer
}

// Timer is a stopped timer until Reset; C delivers when it fires.
type Timer interface {
	C() <-chan time.Time
	// Reset makes the timer fire after d, dropping any earlier firing
	// not yet received.
	Reset(d time.Duration)
	Stop()
}

type realClock struct{}

func (realClock) NewTimer() Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return realTimer{t}
}

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time   { return r.t.C }
func (r realTimer) Reset(d time.Duration) { r.t.Reset(d) }
func (r realTimer) Stop()                 { r.t.Stop() }

// Watcher reports changed files in batches, once changes have gone quiet.
type Watcher struct {
	opts  WatchOptions
	files []string // single files watched through their folder (site.yaml)
	mu    sync.Mutex
	trees []string // folders watched with everything below them
	fsw   *fsnotify.Watcher

	raw     chan string // relevant changed paths, from fsnotify or polling
	recheck chan []string
	batches chan []string
	done    chan struct{}
	closed  sync.Once
	wg      sync.WaitGroup
	polling bool
}

// Watch watches the folders in trees with everything below them (they
// need not exist yet: they are picked up when created) and the single
// files in files. Close stops it.
func Watch(trees, files []string, opts WatchOptions) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 100 * time.Millisecond
	}
	if opts.Settle <= 0 {
		opts.Settle = 30 * time.Millisecond
	}
	opts.Settle = min(opts.Settle, opts.Quiet)
	if opts.Poll <= 0 {
		opts.Poll = 500 * time.Millisecond
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	if opts.add == nil {
		opts.add = func(w *fsnotify.Watcher, dir string) error { return w.Add(dir) }
	}
	w := &Watcher{opts: opts, raw: make(chan string, 1024), recheck: make(chan []string), batches: make(chan []string), done: make(chan struct{})}
	for _, t := range trees {
		w.trees = append(w.trees, filepath.Clean(t))
	}
	for _, f := range files {
		w.files = append(w.files, filepath.Clean(f))
	}
	if !opts.ForcePoll {
		if err := w.startNotify(); err != nil {
			w.fallBack(err)
		}
	} else {
		w.startPolling()
	}
	w.wg.Add(1)
	go w.debounce()
	return w, nil
}

// Batches delivers the changed paths of each burst, sorted and without
// duplicates, after Quiet without events (Settle when the burst touched
// one path).
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Recheck delivers paths again in a batch of their own once Quiet has
// passed with no change to any path of it: a file read in the middle of
// an editor's save (truncated, half written) is read again once the save
// is over.
func (w *Watcher) Recheck(paths []string) {
	select {
	case w.recheck <- paths:
	case <-w.done:
	}
}

// Polling reports whether the watcher fell back to polling.
func (w *Watcher) Polling() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.polling
}

// Close stops watching.
func (w *Watcher) Close() error {
	w.closed.Do(func() {
		close(w.done)
		w.mu.Lock()
		if w.fsw != nil {
			w.fsw.Close()
		}
		w.mu.Unlock()
	})
	w.wg.Wait()
	return nil
}

// AddTree watches another folder with everything below it (a roster
// folder outside the site, named in site.yaml).
func (w *Watcher) AddTree(dir string) {
	dir = filepath.Clean(dir)
	w.mu.Lock()
	if slices.Contains(w.trees, dir) {
		w.mu.Unlock()
		return
	}
	w.trees = append(w.trees, dir)
	fsw, polling := w.fsw, w.polling
	w.mu.Unlock()
	if !polling && fsw != nil {
		if err := w.addTree(fsw, dir, nil); err != nil {
			w.fallBack(err)
		}
	}
}

// ignoredName reports editors' temp, swap and backup files and hidden
// files: the content loader's rules, plus Vim's write test file and
// JetBrains' safe-write copies.
func ignoredName(name string) bool {
	return content.Ignored(name) || name == "4913" ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// relevant reports whether a change at p can matter to a build.
func (w *Watcher) relevant(p string) bool {
	if slices.Contains(w.files, p) {
		return true
	}
	w.mu.Lock()
	trees := w.trees
	w.mu.Unlock()
	for _, t := range trees {
		if p == t {
			return true
		}
		rel, err := filepath.Rel(t, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			if ignoredName(part) {
				return false
			}
		}
		return true
	}
	return false
}

func (w *Watcher) startNotify() error {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	w.mu.Lock()
	w.fsw = fsw
	trees := slices.Clone(w.trees)
	w.mu.Unlock()
	// The folders holding the trees and single files, so that a tree
	// created later (content/ in a new site) or a file replaced by an
	// editor's rename is seen.
	parents := map[string]bool{}
	for _, p := range append(slices.Clone(trees), w.files...) {
		parents[filepath.Dir(p)] = true
	}
	for d := range parents {
		if err := w.opts.add(fsw, d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot watch %s: %w", d, err)
		}
	}
	for _, t := range trees {
		if err := w.addTree(fsw, t, nil); err != nil {
			return err
		}
	}
	w.wg.Add(1)
	go w.notifyLoop(fsw)
	return nil
}

// addTree watches dir and every folder below it. With found, it also
// reports every file there: files created in a new folder before its
// watch was added would otherwise be missed.
func (w *Watcher) addTree(fsw *fsnotify.Watcher, dir string, found func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p != dir && ignoredName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if found != nil {
				found(p)
			}
			return nil
		}
		if err := w.opts.add(fsw, p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot watch %s: %w", p, err)
		}
		return nil
	})
}

func (w *Watcher) notifyLoop(fsw *fsnotify.Watcher) {
	defer w.wg.Done()
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-fsw.Events:
			if !ok {
				return
			}
			p := filepath.Clean(ev.Name)
			if w.opts.observe != nil {
				w.opts.observe(p)
			}
			if ev.Op == fsnotify.Chmod || !w.relevant(p) {
				continue // a bare chmod changes no content (editors chmod after writing)
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(p); err == nil && fi.IsDir() {
					if err := w.addTree(fsw, p, w.send); err != nil {
						w.fallBack(err)
						return
					}
				}
			}
			w.send(p)
		case err, ok := <-fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: everything may have changed.
				w.logf("too many file changes at once; rebuilding everything")
				w.mu.Lock()
				trees := slices.Clone(w.trees)
				w.mu.Unlock()
				for _, t := range append(trees, w.files...) {
					w.send(t)
				}
				continue
			}
			w.fallBack(err)
			return
		}
	}
}

func (w *Watcher) send(p string) {
	select {
	case w.raw <- p:
	case <-w.done:
	}
}

func (w *Watcher) logf(format string, args ...any) {
	if w.opts.Log != nil {
		fmt.Fprintf(w.opts.Log, "pacer serve: "+format+"\n", args...)
	}
}

// fallBack reports why watching failed and polls instead, so that the
// server never goes silently deaf (Hugo drops these errors).
func (w *Watcher) fallBack(err error) {
	w.mu.Lock()
	if w.polling {
		w.mu.Unlock()
		return
	}
	fsw := w.fsw
	w.fsw = nil
	w.mu.Unlock()
	if fsw != nil {
		go fsw.Close() // not from notifyLoop's goroutine while it may be reading
	}
	hint := ""
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		hint = " (the system's limit on watched folders is reached; on Linux raise it with: sudo sysctl fs.inotify.max_user_watches=524288)"
	}
	w.logf("cannot watch for changes: %v%s; checking every %s instead", err, hint, w.opts.Poll)
	w.startPolling()
}

type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func (w *Watcher) startPolling() {
	w.mu.Lock()
	w.polling = true
	w.mu.Unlock()
	prev := w.scan()
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(w.opts.Poll)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
			}
			cur := w.scan()
			for p, s := range cur {
				if o, ok := prev[p]; !ok || o != s {
					w.send(p)
				}
			}
			for p := range prev {
				if _, ok := cur[p]; !ok {
					w.send(p)
				}
			}
			prev = cur
		}
	}()
}

// scan stamps every relevant file.
func (w *Watcher) scan() map[string]stamp {
	out := map[string]stamp{}
	w.mu.Lock()
	trees := slices.Clone(w.trees)
	w.mu.Unlock()
	add := func(p string) {
		if fi, err := os.Stat(p); err == nil {
			out[p] = stamp{fi.Size(), fi.ModTime(), fi.Mode()}
		}
	}
	for _, f := range w.files {
		add(f)
	}
	for _, t := range trees {
		filepath.WalkDir(t, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != t && ignoredName(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				add(p)
			}
			return nil
		})
	}
	return out
}

// debounce gathers paths until Quiet (Settle while there is only one,
// unless a recheck is among them) passes without one, then delivers them
// as one batch. Paths arriving while a batch waits for its reader join it
// and restart the wait, so a batch always follows a quiet spell.
func (w *Watcher) debounce() {
	defer w.wg.Done()
	pending := map[string]bool{}
	timer := w.opts.Clock.NewTimer()
	defer timer.Stop()
	var ready []string
	slow := false // a recheck waits for Quiet, never Settle
	add := func(paths ...string) {
		for _, r := range ready {
			pending[r] = true
		}
		ready = nil
		for _, p := range paths {
			pending[p] = true
		}
		if len(pending) == 1 && !slow {
			timer.Reset(w.opts.Settle)
		} else {
			timer.Reset(w.opts.Quiet)
		}
	}
	for {
		var out chan []string
		if ready != nil {
			out = w.batches
		}
		select {
		case <-w.done:
			return
		case p := <-w.raw:
			add(p)
		case ps := <-w.recheck:
			slow = true
			add(ps...)
		case <-timer.C():
			if len(pending) == 0 {
				continue
			}
			if n := len(w.raw); n > 0 {
				// Changes already queued belong to this burst.
				for range n {
					add(<-w.raw)
				}
				continue
			}
			ready = make([]string, 0, len(pending))
			for p := range pending {
				ready = append(ready, p)
			}
			w.rewatch(ready)
			slices.Sort(ready)
			clear(pending)
			slow = false
		case out <- ready:
			ready = nil
		}
	}
}

// rewatch watches again the folders among paths. A folder renamed inside
// the site is watched under its new name as soon as it appears, but
// fsnotify then drops the watch it shares with the old name when the
// move's own event arrives; once things are quiet, adding it again sticks
// and also renames the watches of the folders inside it.
func (w *Watcher) rewatch(paths []string) {
	w.mu.Lock()
	fsw, polling := w.fsw, w.polling
	w.mu.Unlock()
	if fsw == nil || polling {
		return
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			if err := w.addTree(fsw, p, nil); err != nil {
				w.fallBack(err)
				return
			}
		}
	}
}
