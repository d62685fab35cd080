package e2e

// Offline (SPEC 11): over http(s) a service worker keeps the student's
// playlist, the activities on it and the assets after the first visit; a
// new build replaces its cache whole; file:// is unaffected.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/site"
)

// switchable serves dir until down is set; then every request is cut off
// as a dead network would. The browser's offline emulation does not cover
// the service worker's own requests (and sw.js update checks), so the
// server going down is what proves nothing came from the network.
type switchable struct {
	down atomic.Bool
}

func serveSwitchable(t *testing.T, dir string) (*switchable, string) {
	s := &switchable{}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.down.Load() {
			panic(http.ErrAbortHandler)
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// offlineReady waits until the student page says its worker has stored
// the page and its activities.
func offlineReady(p *browsertest.Page) {
	p.WaitFor(`document.documentElement.dataset.offline === "ready"`)
}

func TestStudentWorksOfflineAfterTheFirstVisitAndLosesNothing(t *testing.T) {
	c := buildTiny(t)
	net, base := serveSwitchable(t, c.out)
	c.base = base
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	offlineReady(p)
	act := p.ByRole("region", "Next up").ByRole("link", "").State().Name
	if act == "" {
		t.Fatal("Next up has no activity link")
	}

	p.Offline(true)
	net.down.Store(true)
	if online := browsertest.Eval[bool](p, "navigator.onLine"); online {
		t.Error("navigator.onLine is still true after going offline")
	}
	p.Reload()
	waitForClient(p, "student")
	p.ByRole("heading", "Hello, Ada L.").Wait()
	p.ExpectLoad(func() { tap(p, p.ByRole("region", "Next up").ByRole("link", act)) })
	waitForClient(p, "activity")
	p.ByRole("heading", act).Wait()
	tap(p, p.ByRole("button", "Mark done"))
	settle(p)

	net.down.Store(false)
	p.Offline(false)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	if pressed := card(p, "Adding").ByRole("button", "Mark done: "+act).State().HTML; !strings.Contains(pressed, `aria-pressed="true"`) {
		t.Errorf("back online, the activity marked done offline is not done: %s", pressed)
	}
	p.AssertClean(t)
}

// cacheState lists the page's origin's caches and, in each, the paths of
// the assets kept.
const cacheState = `(async () => {
	const out = [];
	for (const k of await caches.keys()) {
		const c = await caches.open(k);
		const urls = (await c.keys()).map(r => new URL(r.url).pathname).filter(u => u.includes("/assets/")).sort();
		out.push(k + " " + urls.join(","));
	}
	return out;
})()`

func TestANewBuildReplacesTheOfflineCacheWhole(t *testing.T) {
	root := writeFiles(t, tinyCourse())
	c := buildCourse(t, root)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	offlineReady(p)
	before := browsertest.Eval[[]string](p, cacheState)
	if len(before) != 1 || !strings.Contains(before[0], "/assets/course.numbers.") {
		t.Fatalf("after the first visit the caches are %q, want one holding the course data of the student's unit", before)
	}

	// A changed activity title changes the course data, an asset.
	f := filepath.Join(root, "content/activities/adding-video.md")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte(strings.Replace(string(src), "Adding on a number line", "Adding on a number track", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(site.Options{Root: root, Out: c.out, Secret: []byte("student-tests")}); err != nil {
		t.Fatal(err)
	}
	// http.FileServer's Last-Modified counts whole seconds: a rebuild in
	// the same second as the build would answer the update check with 304.
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(filepath.Join(c.out, "sw.js"), later, later); err != nil {
		t.Fatal(err)
	}
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	// The browser looks for a new sw.js after a navigation; asking again on
	// every poll keeps a check that raced the rebuild from stalling the test.
	waitAsync(t, p, `(async () => { await navigator.serviceWorker.getRegistration().then(r => r.update()).catch(() => null); const s = await `+cacheState+`; return s.length === 1 && s[0].split(" ")[0] !== `+jsString(strings.Fields(before[0])[0])+`; })()`)
	after := browsertest.Eval[[]string](p, cacheState)
	oldName, oldList, _ := strings.Cut(before[0], " ")
	newName, newList, _ := strings.Cut(after[0], " ")
	if oldName == newName {
		t.Errorf("the new build's cache has the old name %s", oldName)
	}
	// Names are content hashes: an asset the new build still has (the
	// course data's head, the same bytes) may stay; one it replaced may not.
	replaced := 0
	for _, a := range strings.Split(oldList, ",") {
		if _, err := os.Stat(filepath.Join(c.out, filepath.FromSlash(strings.TrimPrefix(a, "/")))); err == nil {
			continue
		}
		replaced++
		if strings.Contains(newList, a) {
			t.Errorf("the new cache still holds the old build's %s: %s", a, newList)
		}
	}
	if replaced == 0 {
		t.Errorf("no cached asset of the old build was replaced (the course data of the changed activity is one): %s", oldList)
	}
	p.AssertClean(t)
}

func TestFileURLsRegisterNoWorker(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, filepath.Join(c.out, c.students["Ada L."])) + "?today=2026-09-07")
	waitForClient(p, "student")
	if !browsertest.Eval[bool](p, `!!document.body.dataset.sw`) {
		t.Fatal("the page names no service worker (data-sw)")
	}
	if browsertest.Eval[bool](p, `"serviceWorker" in navigator && !!navigator.serviceWorker.controller`) {
		t.Error("a file:// page is controlled by a service worker")
	}
	p.AssertClean(t)
}
