package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
	"github.com/pacer-edu/pacer/engine/site"
)

// testServer is a dev server over a small generated course, with a record
// of its builds and a page listening to its events.
type testServer struct {
	*Server
	course *gencourse.Course
	log    *syncBuffer
	events <-chan sse

	mu     sync.Mutex
	builds []*site.Update

	// clk, when set, is the watcher's clock: waits move it on.
	clk    *fakeClock
	synced chan string // sync files the watcher has seen
	syncs  int
}

type sse struct {
	name, data string
	at         time.Time
}

func startServer(t *testing.T, port int) *testServer {
	return startServerAt(t, port, false)
}

const syncName = ".pacer-sync-"

// startServerAt starts the server as startServer does; with relative, the
// site is given as a path relative to the working folder, as in
// `pacer serve -s mysite`.
func startServerAt(t *testing.T, port int, relative bool) *testServer {
	return startServerWith(t, port, relative, WatchOptions{Clock: newFakeClock()})
}

func startServerWith(t *testing.T, port int, relative bool, wo WatchOptions) *testServer {
	t.Helper()
	t.Setenv("PACER_SECRET", "test-secret")
	c, err := gencourse.Write(filepath.Join(t.TempDir(), "mysite"), gencourse.Options{Activities: 40, Competencies: 8, Students: 10, UnitSize: 4, ClassSize: 5, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{course: c, log: &syncBuffer{}, synced: make(chan string, 16)}
	if clk, ok := wo.Clock.(*fakeClock); ok {
		ts.clk = clk
		wo.observe = func(p string) {
			if strings.HasPrefix(filepath.Base(p), syncName) {
				ts.synced <- filepath.Base(p)
			}
		}
	}
	root := c.Root
	if relative {
		t.Chdir(filepath.Dir(c.Root))
		root = filepath.Base(c.Root)
	}
	srv, err := Start(Options{Root: root, Port: port, Log: ts.log, Watch: wo, OnBuild: func(up *site.Update) {
		ts.mu.Lock()
		ts.builds = append(ts.builds, up)
		ts.mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = srv
	if up := srv.First(); !up.OK {
		t.Fatalf("first build failed: %v", up.Diags.Items())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	ts.events = ts.listen(t)
	if ev := ts.next(t); ev.name != "status" {
		t.Fatalf("first event %q, want status", ev.name)
	}
	return ts
}

// listen opens the event stream as a page's EventSource does.
func (ts *testServer) listen(t testing.TB) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL()+"_pacer/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	out := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				ev.at = time.Now()
				out <- ev
				ev = sse{}
			}
		}
	}()
	return out
}

func (ts *testServer) next(t testing.TB) sse {
	t.Helper()
	select {
	case ev, ok := <-ts.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return sse{}
}

// sync returns once the watcher has taken in every change made so far:
// it writes a hidden file (which the watcher ignores) and waits for its
// event, which comes after theirs.
func (ts *testServer) sync(t *testing.T) {
	t.Helper()
	ts.syncs++
	name := fmt.Sprintf("%s%d", syncName, ts.syncs)
	write(t, ts.file("content/"+name), "")
	for {
		select {
		case got := <-ts.synced:
			if got == name {
				return
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the watcher did not see a write within 10s")
		}
	}
}

// advancePending moves the fake clock on for every timer set so far.
func (ts *testServer) advancePending() {
	for {
		select {
		case d := <-ts.clk.armed:
			ts.clk.advance(d)
		default:
			return
		}
	}
}

// quiet checks that no event follows for a while (with a fake clock,
// once every wait the watcher set has passed).
func (ts *testServer) quiet(t *testing.T) {
	t.Helper()
	if ts.clk != nil {
		ts.sync(t)
		ts.advancePending()
	}
	select {
	case ev := <-ts.events:
		t.Fatalf("unexpected %s event: %s", ev.name, ev.data)
	case <-time.After(400 * time.Millisecond):
	}
}

func (ts *testServer) buildCount() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.builds)
}

// waitBuild waits for a build after the first before, moving a fake
// clock on as the watcher sets its timers.
func (ts *testServer) waitBuild(t *testing.T, before int) {
	t.Helper()
	if ts.clk != nil {
		ts.sync(t)
	}
	ts.awaitBuild(t, before, ts.clk != nil)
}

// awaitBuild waits for a build after the first before; with drive, it
// moves the fake clock on meanwhile.
func (ts *testServer) awaitBuild(t *testing.T, before int, drive bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for ts.buildCount() == before {
		if time.Now().After(deadline) {
			t.Fatal("no build within 10s")
		}
		if drive {
			ts.advancePending()
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (ts *testServer) lastBuild() *site.Update {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.builds[len(ts.builds)-1]
}

func (ts *testServer) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(ts.URL() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (ts *testServer) file(rel string) string {
	return filepath.Join(ts.course.Root, filepath.FromSlash(rel))
}

type reload struct {
	Build int
	All   bool
	Paths []string
}

func (ts *testServer) reload(t *testing.T) (reload, sse) {
	t.Helper()
	var ev sse
	if ts.clk != nil {
		ev = ts.drive(t, ts.clk)
	} else {
		ev = ts.next(t)
	}
	if ev.name != "reload" {
		t.Fatalf("got a %s event (%s), want reload", ev.name, ev.data)
	}
	var r reload
	if err := json.Unmarshal([]byte(ev.data), &r); err != nil {
		t.Fatal(err)
	}
	return r, ev
}

func TestServerRebuildsOnceAndReloadsAfterTheRebuild(t *testing.T) {
	ts := startServer(t, 0)
	rel := filepath.ToSlash(ts.course.Activities[0])
	page := "activities/" + gencourse.ActivityID(0) + "/index.html"
	saves := []struct {
		name string
		save func(t *testing.T, p, data string)
	}{
		{"atomic save", func(t *testing.T, p, data string) {
			tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
			write(t, tmp, data)
			os.Rename(tmp, p)
		}},
		{"remove and create", func(t *testing.T, p, data string) {
			os.Remove(p)
			write(t, p, data)
		}},
		{"doubled write", func(t *testing.T, p, data string) {
			write(t, p, data[:len(data)/2])
			write(t, p, data)
		}},
		{"write and chmod", func(t *testing.T, p, data string) {
			write(t, p, data)
			os.Chmod(p, 0o600)
		}},
	}
	for i, sv := range saves {
		t.Run(sv.name, func(t *testing.T) {
			before := ts.buildCount()
			src, _ := os.ReadFile(ts.file(rel))
			marker := fmt.Sprintf("Saved by an editor, take %d.", i)
			sv.save(t, ts.file(rel), string(src)+"\n"+marker+"\n")
			wrote := time.Now()
			r, ev := ts.reload(t)
			if ev.at.Before(wrote) {
				t.Error("reload before the write")
			}
			// The page is rebuilt by the time the reload arrives.
			if _, body := ts.get(t, page); !strings.Contains(body, marker) {
				t.Errorf("after the reload event, %s is still the old page", page)
			}
			if !slices.Equal(r.Paths, []string{page}) || r.All {
				t.Errorf("reload %+v, want only %s", r, page)
			}
			ts.quiet(t)
			if n := ts.buildCount() - before; n != 1 {
				t.Errorf("%d rebuilds, want 1", n)
			}
			if up := ts.lastBuild(); !slices.Equal(up.Rendered, []string{page}) {
				t.Errorf("rendered %v, want only %s", up.Rendered, page)
			}
		})
	}

	t.Run("a checkout of 200 files", func(t *testing.T) {
		before := ts.buildCount()
		for i := range 200 {
			p := ts.file(filepath.Join("content", "activities", "checkout", fmt.Sprintf("x%03d.md", i)))
			write(t, p, fmt.Sprintf("---\ntitle: Checked out %d\nfor: [%s]\nmodality: reading\nminutes: 5\nlevel: support\n---\nRead.\n", i, gencourse.CompetencyID(i%8)))
		}
		r, _ := ts.reload(t)
		ts.quiet(t)
		if n := ts.buildCount() - before; n != 1 {
			t.Errorf("%d rebuilds, want 1", n)
		}
		up := ts.lastBuild()
		for i := range 200 {
			if p := fmt.Sprintf("activities/x%03d/index.html", i); !slices.Contains(up.Rendered, p) {
				t.Errorf("%s not rendered", p)
			}
		}
		// the course data changed: it is named, so that every page that
		// loads it reloads (live.js)
		if r.All || !slices.Contains(r.Paths, "assets/course.u000.js") && !slices.Contains(r.Paths, "assets/course.u001.js") {
			t.Errorf("the course data changed, and the reload does not name it: %+v", r)
		}
	})

	t.Run("a folder renamed", func(t *testing.T) {
		before := ts.buildCount()
		if err := os.Rename(ts.file("content/activities/checkout"), ts.file("content/activities/library")); err != nil {
			t.Fatal(err)
		}
		ts.waitBuild(t, before)
		// No page shows its folder, so nothing reloads.
		ts.quiet(t)
		if n := ts.buildCount() - before; n != 1 {
			t.Errorf("%d rebuilds, want 1", n)
		}
		if up := ts.lastBuild(); len(up.Rendered) < 200 || len(up.Changed) != 0 {
			t.Errorf("rendered %d pages, changed %v", len(up.Rendered), up.Changed)
		}
		if code, _ := ts.get(t, "activities/x007/"); code != 200 {
			t.Errorf("a moved activity's page: status %d", code)
		}
		// The renamed folder is still watched.
		write(t, ts.file("content/activities/library/x007.md"), "---\ntitle: Moved and edited\nfor: ["+gencourse.CompetencyID(7)+"]\nmodality: reading\nminutes: 5\nlevel: support\n---\nRead it.\n")
		ts.reload(t)
		if _, body := ts.get(t, "activities/x007/"); !strings.Contains(body, "Moved and edited") {
			t.Error("the edit in the renamed folder was not built")
		}
	})
}

// A site given relative to the working folder (pacer serve -s mysite):
// edits reach the pages, and site.yaml rebuilds everything.
func TestServerWithARelativeSiteFolder(t *testing.T) {
	ts := startServerAt(t, 0, true)
	rel := filepath.ToSlash(ts.course.Activities[2])
	page := "activities/" + gencourse.ActivityID(2) + "/index.html"
	src, _ := os.ReadFile(ts.file(rel))
	write(t, ts.file(rel), string(src)+"\nEdited from a relative site folder.\n")
	ts.reload(t)
	if _, body := ts.get(t, page); !strings.Contains(body, "Edited from a relative site folder.") {
		t.Errorf("the edit did not reach %s", page)
	}
	cfg, _ := os.ReadFile(ts.file("site.yaml"))
	before := ts.buildCount()
	write(t, ts.file("site.yaml"), strings.Replace(string(cfg), "title:", "title: Renamed", 1))
	// Under load the activity's save may still give a batch of its own (a
	// write seen in two parts), built before site.yaml's: wait for the
	// build that takes in site.yaml, which must be a full one.
	for {
		ts.waitBuild(t, before)
		up := ts.lastBuild()
		if up.Full {
			break
		}
		if ts.buildCount() > before+2 || len(up.Rendered) != 1 || up.Rendered[0] != page {
			t.Fatalf("a change to site.yaml gave a partial rebuild: %+v", up)
		}
		before = ts.buildCount()
	}
	if _, body := ts.get(t, "index.html"); !strings.Contains(body, "Renamed") {
		t.Error("the new title is not on the home page")
	}
}

// drive moves the fake clock on each time the watcher sets a timer, until
// the server sends an event, and returns it: every wait is over at once,
// and no file is read before the test's write has returned.
func (ts *testServer) drive(t *testing.T, clk *fakeClock) sse {
	t.Helper()
	ts.sync(t)
	for {
		select {
		case d := <-clk.armed:
			clk.advance(d)
		case ev, ok := <-ts.events:
			if !ok {
				t.Fatal("the event stream ended")
			}
			return ev
		case <-time.After(10 * time.Second):
			t.Fatal("no event within 10s")
		}
	}
}

func TestServerShowsErrorsOverPagesUntilTheFix(t *testing.T) {
	clk := newFakeClock()
	ts := startServerWith(t, 0, false, WatchOptions{Clock: clk})
	rel := ts.course.Activities[1]
	page := "activities/" + gencourse.ActivityID(1) + "/"
	_, good := ts.get(t, page)
	src, _ := os.ReadFile(ts.file(rel))
	broken := regexp.MustCompile(`(?m)^for:.*$`).ReplaceAllString(string(src), "for: [no-such-thing]")
	write(t, ts.file(rel), broken)

	ev := ts.drive(t, clk)
	if ev.name != "errors" {
		t.Fatalf("got %s, want errors", ev.name)
	}
	want := filepath.ToSlash(rel) + `:3:7: unknown competency \"no-such-thing\"`
	if !strings.Contains(ev.data, want) {
		t.Errorf("errors event %s\ndoes not hold %s", ev.data, want)
	}
	if !strings.Contains(ts.log.String(), "still serving the last good build") {
		t.Errorf("terminal:\n%s", ts.log)
	}
	// Every page shows the overlay; the last good build is still served.
	for _, p := range []string{page, "", "competencies/" + gencourse.CompetencyID(0) + "/"} {
		_, body := ts.get(t, p)
		if !strings.Contains(body, `id="pacer-overlay"`) || !strings.Contains(body, filepath.ToSlash(rel)+":3:7: unknown competency &#34;no-such-thing&#34;") {
			t.Errorf("%q shows no overlay with the error", p)
		}
	}
	_, body := ts.get(t, page)
	if strip(body) != strip(good) {
		t.Error("the broken build replaced the last good page")
	}

	write(t, ts.file(rel), string(src))
	first := ev
	for ev = ts.drive(t, clk); ev == (sse{name: "errors", data: first.data, at: ev.at}); ev = ts.drive(t, clk) {
		// a late event of the broken save, read again: the same errors
	}
	if ev.name != "reload" {
		t.Fatalf("got a %s event (%s), want reload", ev.name, ev.data)
	}
	var r reload
	if err := json.Unmarshal([]byte(ev.data), &r); err != nil {
		t.Fatal(err)
	}
	if r.All || len(r.Paths) != 0 {
		t.Errorf("the fix restores the last good build, so no page needs a reload: %+v", r)
	}
	if _, body := ts.get(t, page); strings.Contains(body, "pacer-overlay") {
		t.Error("the overlay is still there after the fix")
	}
}

// strip drops what the server injects and what depends on the build count.
func strip(page string) string {
	page = regexp.MustCompile(`<link rel="stylesheet" href="/_pacer/.*?</script>`).ReplaceAllString(page, "")
	return regexp.MustCompile(`(?s)<div id="pacer-overlay".*?</div>`).ReplaceAllString(page, "")
}

func TestServerInjectsTheLiveClient(t *testing.T) {
	ts := startServer(t, 0)
	code, body := ts.get(t, "")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{
		`content="connect-src &#39;self&#39;; default-src`,
		`<script src="/_pacer/live.js" data-build="1" defer></script></head>`,
		`<link rel="stylesheet" href="/_pacer/live.css">`,
		`<script src="assets/pacer.js" defer>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	for path, ctype := range map[string]string{"_pacer/live.js": "text/javascript", "_pacer/live.css": "text/css", "assets/course.js": "text/javascript", "assets/pacer.css": "text/css"} {
		resp, err := http.Get(ts.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
	}
	// A folder without its slash redirects; a missing page says so and
	// reloads itself when it appears.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(ts.URL() + "activities/" + gencourse.ActivityID(2))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/activities/"+gencourse.ActivityID(2)+"/" {
		t.Errorf("folder without slash: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, body := ts.get(t, "nope.html"); code != 404 || !strings.Contains(body, "/_pacer/live.js") {
		t.Errorf("missing page: %d", code)
	}
	if !strings.Contains(ts.log.String(), "serving "+ts.course.Root+" at "+ts.URL()) {
		t.Errorf("terminal:\n%s", ts.log)
	}
	for _, st := range ts.First().Students {
		if link := ts.URL() + "s/" + strings.TrimSuffix(strings.TrimPrefix(st.Path, "s/"), "index.html"); !strings.Contains(ts.log.String(), link) {
			t.Errorf("the terminal does not list %s's preview link %s", st.Name, link)
		}
	}
}

func TestServerTakesTheNextPortWhenItsPortIsInUse(t *testing.T) {
	var taken net.Listener
	var port int
	for p := 20000 + os.Getpid()%20000; ; p++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err == nil {
			taken, port = ln, p
			break
		}
	}
	defer taken.Close()
	ts := startServer(t, port)
	if strings.HasSuffix(ts.URL(), fmt.Sprintf(":%d/", port)) {
		t.Fatalf("served on the taken port: %s", ts.URL())
	}
	if !strings.Contains(ts.log.String(), fmt.Sprintf("port %d is in use; trying %d", port, port+1)) {
		t.Errorf("terminal:\n%s", ts.log)
	}
	if code, _ := ts.get(t, ""); code != 200 {
		t.Errorf("home page: %d", code)
	}
}

func TestSlowEventListenersAreDroppedNotWaitedFor(t *testing.T) {
	var h hub
	slow := h.subscribe()
	fast := h.subscribe()
	done := make(chan bool)
	go func() {
		for range fast {
		}
		done <- true
	}()
	for i := range 100 {
		h.send("reload", reloadMessage{Build: i})
	}
	n := 0
	for range slow {
		n++
	}
	if n == 0 || n >= 100 {
		t.Errorf("the slow listener got %d events", n)
	}
	h.close()
	<-done
}

func TestServerAnswersOnlyRequestsForItsOwnAddress(t *testing.T) {
	ts := startServer(t, 0)
	_, port, err := net.SplitHostPort(ts.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{
		"127.0.0.1:" + port: http.StatusOK,
		"localhost:" + port: http.StatusOK,
		"LocalHost:" + port: http.StatusOK,
		"[::1]:" + port:     http.StatusOK,
		// DNS rebinding: a page of evil.example whose name now points at
		// 127.0.0.1 reads the preview with its own Host.
		"evil.example:" + port:           http.StatusMisdirectedRequest,
		"evil.example":                   http.StatusMisdirectedRequest,
		"localhost":                      http.StatusMisdirectedRequest,
		"127.0.0.1:1":                    http.StatusMisdirectedRequest,
		"localhost.evil.example:" + port: http.StatusMisdirectedRequest,
	} {
		for _, path := range []string{"", "_pacer/events", "_pacer/live.js"} {
			req, _ := http.NewRequest("GET", ts.URL()+path, nil)
			req.Host = host
			// The deadline only turns an endless event stream into a failure.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			resp, err := http.DefaultClient.Do(req.WithContext(ctx))
			if err != nil {
				cancel()
				t.Fatal(err)
			}
			if resp.StatusCode != want {
				t.Errorf("Host %q, /%s: %d, want %d", host, path, resp.StatusCode, want)
			}
			if want != http.StatusOK {
				b, _ := io.ReadAll(resp.Body)
				if strings.Contains(string(b), "<html") || !strings.Contains(string(b), ts.URL()) {
					t.Errorf("Host %q: the refusal says %q", host, b)
				}
			}
			resp.Body.Close()
			cancel()
		}
	}
}

// An editor's save read in the middle (the file truncated, the rest not
// yet written) must not flash an error: the server reads the file again
// once it has been quiet, and shows errors only if they remain.
func TestAHalfWrittenSaveNeverFlashesAnError(t *testing.T) {
	clk := newFakeClock()
	ts := startServerWith(t, 0, false, WatchOptions{Clock: clk, Settle: 30 * time.Millisecond, Quiet: 100 * time.Millisecond})
	rel := ts.course.Activities[1]
	page := "activities/" + gencourse.ActivityID(1) + "/index.html"
	src, _ := os.ReadFile(ts.file(rel))

	before := ts.buildCount()
	if err := os.Truncate(ts.file(rel), 0); err != nil { // the editor has truncated the file...
		t.Fatal(err)
	}
	if d := clk.waitArmed(t); d != 30*time.Millisecond {
		t.Fatalf("a one-file change waits %s, want Settle", d)
	}
	clk.advance(30 * time.Millisecond)
	ts.awaitBuild(t, before, false)
	if ts.lastBuild().OK {
		t.Fatal("an empty activity file built without errors")
	}
	if st := ts.status(); st.Errors != nil {
		t.Fatalf("the half-written file's errors were shown at once: %s", st.Errors.Text)
	}
	// The file behind the errors is read again once quiet for Quiet.
	if d := clk.waitArmed(t); d != 100*time.Millisecond {
		t.Fatalf("the recheck waits %s, want Quiet", d)
	}
	write(t, ts.file(rel), string(src)+"\nSaved in two steps.\n") // ...and writes the rest
	ev := ts.drive(t, clk)
	if ev.name != "reload" {
		t.Fatalf("got a %s event (%s), want reload", ev.name, ev.data)
	}
	if _, body := ts.get(t, page); !strings.Contains(body, "Saved in two steps.") || strings.Contains(body, "pacer-overlay") {
		t.Errorf("after the save, %s is not the new page", page)
	}
	if strings.Contains(ts.log.String(), "error") {
		t.Errorf("the terminal showed an error:\n%s", ts.log)
	}
}
