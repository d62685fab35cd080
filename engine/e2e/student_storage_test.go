package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

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
	ada := tokenOf(c, "Ada L.")
	seal := func(v string) {
		vault[bool](p, ada, `localStorage.setItem(v.key, await v.seal(`+jsString(v)+`)); return true`)
	}

	const bad = `{"v":2,"done":{"adding-video":"2026-09-07T12:00:00.000Z"` // cut off
	seal(bad)
	c.openStudent(t, p, "Ada L.", day)
	p.ByRole("alert", "").WaitText("Some progress saved on this device could not be read. A copy of it was kept")
	backups := vault[[]string](p, ada, `const out = [];
		for (const k of Object.keys(localStorage)) if (k.startsWith(v.key + ":backup:")) out.push(await v.open(localStorage.getItem(k)));
		return out`)
	if len(backups) != 1 || backups[0] != bad {
		t.Errorf("backups = %q, want the bad value once", backups)
	}
	// The page still works.
	p.ByRole("region", "Next up").WaitText("Adding on a number line")
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	waitStatus(t, p, "Adding", "Practicing")
	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Practicing")
	tap(p, p.ByRole("button", "Let it go"))
	c.openStudent(t, p, "Ada L.", day)
	if n := p.ByRole("alert", "").Count(); n != 0 {
		t.Errorf("the alert shows again after the student let the copy go")
	}

	// A field of the wrong shape: backed up, repaired, unknown fields kept.
	seal(`{"v":2,"done":"oops","fromTheFuture":{"keep":true}}`)
	c.openStudent(t, p, "Ada L.", day)
	p.ByRole("alert", "").Wait()
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Reading about sums"))
	if stored := waitStored(t, p, ada, `!!x.done["adding-reading"]`); stored["fromTheFuture"] == nil {
		t.Errorf("the repaired value lost a field the client does not know: %v", stored)
	}

	// Version 1 kept picks, notes and goals without dates: migrated.
	tap(p, p.ByRole("button", "Let it go"))
	settle(p)
	seal(`{"v":1,"done":{"adding-video":"2026-09-07T12:00:00.000Z"},"answers":[],"picks":{"adding/learn":"adding-reading"},"ratings":{},"notes":{"adding":"Number lines help."},"goals":["Learn to add fast"],"fromTheFuture":1}`)
	c.openStudent(t, p, "Ada L.", day)
	if n := p.ByRole("alert", "").Count(); n != 0 {
		t.Errorf("migrating an old version alarms the student: %q", p.ByRole("alert", "").Text())
	}
	card(p, "Adding").WaitText("Your pick")
	if got := picked(p, "adding"); len(got) != 1 || got[0] != "Reading about sums" {
		t.Errorf("the v1 pick is lost: the picks shown are %q", got)
	}
	p.ByRole("region", "My goals").WaitText("Learn to add fast")
	tap(p, card(p, "Adding").ByRole("button", "My notes"))
	if v := card(p, "Adding").ByRole("textbox", "What helped? What was hard?").State().Value; v != "Number lines help." {
		t.Errorf("the v1 note reads %q", v)
	}
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	if m := waitStored(t, p, ada, `x.v === 2`); m["fromTheFuture"] != 1.0 {
		t.Errorf("migrated value: %v", m)
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
			if (/^pacer:[^:]+:s\.[0-9a-f]+$/.test(k)) throw new DOMException("full", "QuotaExceededError");
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
