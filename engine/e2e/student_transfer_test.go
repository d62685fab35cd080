package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/receipt"
)

// progress returns the stored progress of the student whose page p shows,
// decrypted (see vaultJS).
func progress(t *testing.T, p *browsertest.Page) map[string]any {
	t.Helper()
	settle(p)
	raw := stored(t, p, browsertest.Eval[string](p, `document.body.dataset.student`))
	if raw == "" {
		raw = "{}"
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatalf("stored progress is not JSON: %v\n%s", err, raw)
	}
	return m
}

// downloaded clicks a download link and returns the file the browser
// saved, under the name the link suggests.
func downloaded(t *testing.T, p *browsertest.Page, link *browsertest.Locator) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(p.Context()).BrowserContextID,
		DownloadPath:     dir,
	})
	if err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	html := link.State().HTML
	m := regexp.MustCompile(`download="([^"]+)"`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("the link downloads nothing: %s", html)
	}
	tap(p, link)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(dir, m[1])); err == nil && len(b) > 0 {
			return string(b)
		}
	}
	t.Fatalf("no file %s was downloaded", m[1])
	return ""
}

// steps is all the text of the step cards, shown or scrolled away.
func steps(p *browsertest.Page) string {
	return browsertest.Eval[string](p, `document.getElementById("pacer-steps").textContent`)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Scenario 6: export in one browser profile, import in a fresh one, and the
// state is identical; importing an older export keeps the newer data (and
// says it would change nothing); the import is confirmed from a summary of
// what it changes on this device. Also: the
// "save a copy" nudge and the hand-in receipt, read back by engine/receipt.
func TestProgressMovesBetweenDevicesAndNewerDataWins(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	var name string
	for n := range c.students {
		if name == "" || n < name {
			name = n
		}
	}
	const day, saveDay, later = "2026-09-14", "2026-09-23", "2026-09-25"

	// Device A: do a little of everything.
	a := browsertest.NewPage(t)
	c.openStudent(t, a, name, day)
	next := a.ByRole("region", "Next up")
	act := next.ByRole("link", "").State().Name
	comp := browsertest.Eval[string](a, `document.querySelector("#pacer-next .next-step").textContent`)
	step := card(a, comp)
	tap(a, step.ByRole("button", "Mark done: "+act))
	tap(a, step.ByRole("group", "How well can you do this now?").ByRole("radio", "Getting there"))
	tap(a, step.ByRole("button", "My notes"))
	step.ByRole("textbox", "What helped? What was hard?").Type("The chants helped.")
	tap(a, step.ByRole("button", "Save note"))
	step.ByRole("status", "").WaitText("Saved.")
	if a.ByRole("link", "Save a copy now").Count() != 0 {
		t.Error("the save-a-copy nudge shows on the first day")
	}

	// A week and more later, the page suggests saving a copy.
	c.openStudent(t, a, name, saveDay)
	tap(a, a.ByRole("link", "Save a copy now"))
	save := a.ByRole("region", "Keep my progress safe")
	tap(a, save.ByRole("button", "Save a copy"))
	code := save.ByRole("textbox", "Your progress code (copy it somewhere safe)").State().Value
	if !strings.HasPrefix(code, "PACERP1.") {
		t.Fatalf("progress code = %.40q…", code)
	}
	file := downloaded(t, a, save.ByRole("link", "Download the file"))
	save.ByRole("link", "Link to open on another device").Wait()
	href := browsertest.Eval[string](a, `[...document.querySelectorAll("#pacer-save a")].find(a => a.textContent === "Link to open on another device").getAttribute("href")`)
	stateA := progress(t, a)
	stepsA := steps(a)
	if a.ByRole("link", "Save a copy now").Count() != 0 {
		t.Error("the nudge still shows after saving a copy")
	}

	// Device B: paste the code, confirm the summary.
	b := browsertest.NewPage(t)
	c.openStudent(t, b, name, saveDay)
	imp := b.ByRole("region", "Keep my progress safe")
	imp.ByRole("textbox", "Paste a progress code or link").Type(code)
	tap(b, imp.ByRole("button", "Check the code"))
	imp.WaitText("This copy is from Wed, Sep 23.")
	for _, line := range []string{"marks 1 activity done", "adds 1 rating", "changes 1 note"} {
		if !strings.Contains(imp.Text(), line) {
			t.Errorf("the summary does not say %q: %q", line, imp.Text())
		}
	}
	tap(b, imp.ByRole("button", "Import it"))
	imp.WaitText("Imported.")
	if stateB := progress(t, b); !reflect.DeepEqual(stateA, stateB) {
		t.Errorf("after import, device B holds\n%v\nwant device A's\n%v", stateB, stateA)
	}
	tap(b, card(b, comp).ByRole("button", "My notes"))
	if v := card(b, comp).ByRole("textbox", "What helped? What was hard?").State().Value; v != "The chants helped." {
		t.Errorf("device B's note reads %q", v)
	}
	tap(b, card(b, comp).ByRole("button", "My notes"))
	if stepsB := steps(b); stepsB != stepsA {
		t.Errorf("device B shows\n%s\nwant what device A shows\n%s", stepsB, stepsA)
	}

	// Later on B: a newer rating, and the activity marked not done.
	c.openStudent(t, b, name, later)
	bstep := card(b, comp)
	tap(b, bstep.ByRole("group", "How well can you do this now?").ByRole("radio", "Can teach it"))
	tap(b, bstep.ByRole("button", "Mark done: "+act))
	newer := progress(t, b)

	// The older export arrives again, by a link whose fragment holds it.
	if !strings.Contains(href, "#import=PACERP1.") {
		t.Fatalf("the link for another device is %q", href)
	}
	b.Navigate(c.url(c.students[name], later) + href[strings.Index(href, "#"):])
	waitForClient(b, "student")
	imp.WaitText("It holds nothing newer than what is on this device")
	if imp.ByRole("button", "Import it").Count() != 0 {
		t.Error("an import that changes nothing can be confirmed")
	}
	if strings.Contains(b.URL(), "#") {
		t.Errorf("the code stays in the address bar: %s", b.URL())
	}
	bstep = card(b, comp)
	if pressed(bstep.ByRole("button", "Mark done: "+act)) {
		t.Error("the older export marked the activity done again")
	}
	if !bstep.ByRole("radio", "Can teach it").State().Checked {
		t.Error("the older export replaced the newer rating")
	}
	if got := progress(t, b); !reflect.DeepEqual(got, newer) {
		t.Errorf("an older copy changed the progress: %v\nwant %v", got, newer)
	}

	// Device C: import the file.
	cc := browsertest.NewPage(t)
	c.openStudent(t, cc, name, day)
	path := filepath.Join(t.TempDir(), "progress.json")
	if err := os.WriteFile(path, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	cc.Run(chromedp.SetUploadFiles(chromedp.CSS("#pacer-import-file"), []string{path}))
	cimp := cc.ByRole("region", "Keep my progress safe")
	cimp.WaitText("marks 1 activity done")
	tap(cc, cimp.ByRole("button", "Import it"))
	cimp.WaitText("Imported.")
	if got := progress(t, cc); !reflect.DeepEqual(got, stateA) {
		t.Errorf("after importing the file: %v\nwant %v", got, stateA)
	}

	// A copy for another student is refused.
	other := ""
	for n := range c.students {
		if n != name && n != "Sofía M." && (other == "" || n < other) { // an English page
			other = n
		}
	}
	c.openStudent(t, cc, other, day)
	cimp.ByRole("textbox", "Paste a progress code or link").Type(code)
	tap(cc, cimp.ByRole("button", "Check the code"))
	cimp.WaitText("This copy is someone else's progress.")
	if cimp.ByRole("button", "Import it").Count() != 0 {
		t.Error("another student's copy can be imported")
	}

	// Hand in: the receipt (code and file) is what engine/receipt reads.
	hand := a.ByRole("region", "Hand in to my teacher")
	tap(a, hand.ByRole("button", "Make my receipt"))
	rcode := hand.ByRole("textbox", "Receipt code").State().Value
	rfile := downloaded(t, a, hand.ByRole("link", "Download the receipt"))
	for what, data := range map[string]string{"code": rcode, "file": rfile} {
		r, err := receipt.Decode([]byte(data), c.key)
		if err != nil {
			t.Fatalf("receipt %s: %v", what, err)
		}
		token := strings.Split(c.students[name], "/")[1]
		if r.Student != token || r.Name != name || r.Today != "2026-09-23" || len(r.Steps) == 0 {
			t.Errorf("receipt %s: student %q name %q today %q, %d steps", what, r.Student, r.Name, r.Today, len(r.Steps))
		}
		i := slices.IndexFunc(r.Steps, func(s receipt.Step) bool { return len(s.Done) > 0 })
		if i < 0 || r.Steps[i].Status != "practicing" || r.Steps[i].Note != "The chants helped." || len(r.Steps[i].Self) != 1 || r.Steps[i].Self[0].Level != 2 {
			t.Errorf("receipt %s: the step worked on reads %+v", what, r.Steps[max(i, 0)])
		}
		if r.Pace.Status != "behind" || r.Pace.Days < 1 {
			t.Errorf("receipt %s: pace %+v, want behind", what, r.Pace)
		}
	}
	noneOffHost(t, a, b, cc)
}
