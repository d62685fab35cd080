package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// storageKey is the localStorage key of the student whose page p shows.
func storageKey(p *browsertest.Page) string {
	return browsertest.Eval[string](p, `"pacer:" + document.body.dataset.site + ":" + document.body.dataset.student`)
}

func setItem(p *browsertest.Page, key, value string) {
	k, _ := json.Marshal(key)
	v, _ := json.Marshal(value)
	browsertest.Eval[bool](p, "localStorage.setItem("+string(k)+", "+string(v)+"), true")
}

// Scenario 7: a stored value that does not parse is kept under a backup
// key, the student is told, and the page still works; a field of the wrong
// shape is repaired the same way, keeping the fields the client does not
// know; a value of the previous format version is migrated.
func TestCorruptedStorageIsKeptAndTheStudentIsTold(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	const day = "2026-09-07"
	c.openStudent(t, p, "Ada L.", day)
	key := storageKey(p)

	const bad = `{"v":2,"done":{"adding-video":"2026-09-07T12:00:00.000Z"` // cut off
	setItem(p, key, bad)
	c.openStudent(t, p, "Ada L.", day)
	p.ByRole("alert", "").WaitText("Some progress saved on this device could not be read. A copy of it was kept")
	var backups []string
	for k, v := range p.LocalStorage() {
		if strings.HasPrefix(k, key+":backup:") {
			backups = append(backups, v)
		}
	}
	if len(backups) != 1 || backups[0] != bad {
		t.Errorf("backups = %q, want the bad value once", backups)
	}
	// The page still works.
	p.ByRole("region", "Next up").WaitText("Adding on a number line")
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	waitStatus(t, p, "Adding", "Practicing")
	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Practicing")
	if n := p.ByRole("alert", "").Count(); n != 0 {
		t.Errorf("the alert shows again after the value was repaired")
	}

	// A field of the wrong shape: backed up, repaired, unknown fields kept.
	setItem(p, key, `{"v":2,"done":"oops","fromTheFuture":{"keep":true}}`)
	c.openStudent(t, p, "Ada L.", day)
	p.ByRole("alert", "").Wait()
	var stored map[string]any
	if err := json.Unmarshal([]byte(p.LocalStorage()[key]), &stored); err != nil {
		t.Fatal(err)
	}
	if _, ok := stored["fromTheFuture"]; !ok {
		t.Errorf("the repaired value lost a field the client does not know: %v", stored)
	}

	// Version 1 kept picks, notes and goals without dates: migrated.
	setItem(p, key, `{"v":1,"done":{"adding-video":"2026-09-07T12:00:00.000Z"},"answers":[],"picks":{"adding/learn":"adding-reading"},"ratings":{},"notes":{"adding":"Number lines help."},"goals":["Learn to add fast"],"fromTheFuture":1}`)
	c.openStudent(t, p, "Ada L.", day)
	if n := p.ByRole("alert", "").Count(); n != 0 {
		t.Errorf("migrating an old version alarms the student: %q", p.ByRole("alert", "").Text())
	}
	if !card(p, "Adding").ByRoleContaining("radio", "Reading about sums").State().Checked {
		t.Error("the v1 pick is lost")
	}
	p.ByRole("region", "My goals").WaitText("Learn to add fast")
	tap(p, card(p, "Adding").ByRole("button", "My notes"))
	if v := card(p, "Adding").ByRole("textbox", "What helped? What was hard?").State().Value; v != "Number lines help." {
		t.Errorf("the v1 note reads %q", v)
	}
	ls := p.LocalStorage()
	if !strings.Contains(ls[key], `"v":2`) || !strings.Contains(ls[key], `"fromTheFuture":1`) {
		t.Errorf("migrated value: %s", ls[key])
	}
	if !strings.Contains(ls[key+":backup:v1"], `"v":1`) {
		t.Errorf("the v1 value was not kept: %q", ls[key+":backup:v1"])
	}
	noneOffHost(t, p)
}

// A full storage: the student is told, and told to save a copy.
func TestFullStorageTellsTheStudentToSaveACopy(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	// Every write of a student's progress fails as a full storage does.
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
		const set = Storage.prototype.setItem;
		Storage.prototype.setItem = function (k, v) {
			if (/^pacer:[^:]+:[a-z0-9]+$/.test(k) && k.indexOf(":students") < 0 && k.indexOf(":current") < 0) throw new DOMException("full", "QuotaExceededError");
			return set.call(this, k, v);
		};
	})()`})
	if err != nil {
		t.Fatal(err)
	}
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	p.ByRole("alert", "").WaitText("storage is full")
	p.ByRole("alert", "").WaitText("Save a copy of your progress")
	// What the student did still shows on the page.
	waitStatus(t, p, "Adding", "Practicing")
}
