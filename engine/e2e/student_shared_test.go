package e2e

// Shared devices (SPEC 5.1, 5.4): students taking turns on one browser
// profile never see, change or lose each other's work, and what is stored
// cannot be read without the student's link.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/receipt"
)

// vaultJS computes, independently of the client, where a student's
// progress is stored and the key it is encrypted with: the key name holds
// a SHA-256 of the site and token, the AES-GCM key comes from the token
// through HKDF-SHA-256. A value is "pacer-enc1." and the base64url of the
// 12-byte IV followed by the ciphertext.
const vaultJS = `async function pacerVault(site, token) {
	const enc = new TextEncoder();
	const h = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(site + ":" + token)));
	const hex = [...h].map(b => b.toString(16).padStart(2, "0")).join("").slice(0, 32);
	const base = await crypto.subtle.importKey("raw", enc.encode(token), "HKDF", false, ["deriveKey"]);
	const aes = await crypto.subtle.deriveKey({name: "HKDF", hash: "SHA-256", salt: enc.encode("pacer:" + site), info: enc.encode("progress")},
		base, {name: "AES-GCM", length: 256}, false, ["encrypt", "decrypt"]);
	const b64 = s => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), c => c.charCodeAt(0));
	return {
		key: "pacer:" + site + ":s." + hex,
		async open(raw) {
			if (raw === null) return null;
			if (!raw.startsWith("pacer-enc1.")) return "PLAIN:" + raw;
			const b = b64(raw.slice(11));
			return new TextDecoder().decode(await crypto.subtle.decrypt({name: "AES-GCM", iv: b.subarray(0, 12)}, aes, b.subarray(12)));
		},
		async seal(text) {
			const iv = crypto.getRandomValues(new Uint8Array(12));
			const ct = new Uint8Array(await crypto.subtle.encrypt({name: "AES-GCM", iv}, aes, enc.encode(text)));
			const all = new Uint8Array(12 + ct.length); all.set(iv); all.set(ct, 12);
			return "pacer-enc1." + btoa(String.fromCharCode(...all)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
		},
	};
}`

// vault evaluates body (which may await and return) with v, the vault of
// the student whose token is given, on the site of the page p shows.
func vault[T any](p *browsertest.Page, token, body string) T {
	return browsertest.Eval[T](p, `(async () => { `+vaultJS+`
		const v = await pacerVault(document.body.dataset.site, `+jsString(token)+`);
		`+body+` })()`)
}

// tokenOf is the token in a student page's path (s/<token>/index.html).
func tokenOf(c course, name string) string {
	return strings.Split(c.students[name], "/")[1]
}

// stored is the decrypted progress of a student, read the way the test's
// own vault reads it; "" when nothing is stored.
func stored(t *testing.T, p *browsertest.Page, token string) string {
	t.Helper()
	return vault[string](p, token, `return (await v.open(localStorage.getItem(v.key))) || ""`)
}

// waitStored waits until the student's decrypted progress satisfies the
// JavaScript condition cond on x (the parsed record).
func waitStored(t *testing.T, p *browsertest.Page, token, cond string) map[string]any {
	t.Helper()
	waitAsync(t, p, `(async () => { `+vaultJS+`
		const v = await pacerVault(document.body.dataset.site, `+jsString(token)+`);
		const s = await v.open(localStorage.getItem(v.key));
		if (!s || s.startsWith("PLAIN:")) return false;
		const x = JSON.parse(s);
		return `+cond+`; })()`)
	var m map[string]any
	if err := json.Unmarshal([]byte(stored(t, p, token)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// waitAsync polls an expression whose value is a promise of a boolean
// until it is true (Page.WaitFor takes a promise itself as true).
func waitAsync(t *testing.T, p *browsertest.Page, expr string) {
	t.Helper()
	deadline := time.Now().Add(p.Timeout)
	for !browsertest.Eval[bool](p, expr) {
		if time.Now().After(deadline) {
			t.Fatalf("still false after %v: %.200s", p.Timeout, expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// progressCode is an import code for a progress value.
func progressCode(site, token, progress string) string {
	doc := fmt.Sprintf(`{"pacer":"progress","v":1,"site":%q,"student":%q,"at":"2026-09-07T12:00:00.000Z","progress":%s}`, site, token, progress)
	return "PACERP1." + base64.RawURLEncoding.EncodeToString([]byte(doc))
}

// importCode pastes a code into the student's page and returns the import
// region once the summary shows.
func importCode(p *browsertest.Page, code, want string) *browsertest.Locator {
	imp := p.ByRole("region", "Keep my progress safe")
	field := imp.ByRole("textbox", "Paste a progress code or link")
	field.Press("Control+a", "Backspace")
	browsertest.Eval[bool](p, `(document.getElementById("pacer-import").value = `+jsString(code)+`), true`)
	tap(p, imp.ByRole("button", "Check the code"))
	imp.WaitText(want)
	return imp
}

func pressed(l *browsertest.Locator) bool {
	return strings.Contains(l.State().HTML, `aria-pressed="true"`)
}

// Two students on one profile: neither page names the other or links to
// their page, and nothing in storage holds a name, a token or a note.
func TestTwoStudentsOnOneProfileNeverSeeEachOther(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	ada, ben := tokenOf(c, "Ada L."), tokenOf(c, "Ben K.")

	c.openStudent(t, p, "Ada L.", day)
	tap(p, card(p, "Adding").ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	tap(p, card(p, "Adding").ByRole("button", "My notes"))
	card(p, "Adding").ByRole("textbox", "What helped? What was hard?").Type("I count on my fingers secretly.")
	tap(p, card(p, "Adding").ByRole("button", "Save note"))
	waitStored(t, p, ada, `x.notes.adding && x.notes.adding.t.includes("secretly")`)

	c.openStudent(t, p, "Ben K.", day)
	p.ByRole("heading", "Hello, Ben K.").Wait()
	html := browsertest.Eval[string](p, `document.documentElement.outerHTML`)
	for _, leak := range []string{"Ada", ada, "secretly"} {
		if strings.Contains(html, leak) {
			t.Errorf("Ben's page holds %q", leak)
		}
	}
	waitStatus(t, p, "Adding", "Not started")

	c.openStudent(t, p, "Ada L.", day)
	html = browsertest.Eval[string](p, `document.documentElement.outerHTML`)
	for _, leak := range []string{"Ben", ben} {
		if strings.Contains(html, leak) {
			t.Errorf("Ada's page holds %q", leak)
		}
	}
	if !card(p, "Adding").ByRole("radio", "Got it").State().Checked {
		t.Error("Ada's rating is lost after Ben used the browser")
	}
	for k, v := range p.LocalStorage() {
		for _, leak := range []string{"Ada", "Ben", ada, ben, "secretly", "adding"} {
			if strings.Contains(k, leak) || strings.Contains(inTheClear(v), leak) {
				t.Errorf("localStorage %s holds %q in the clear: %.120s", k, leak, v)
			}
		}
	}
	noneOffHost(t, p)
}

// An activity page acts for the student whose playlist opened its tab, not
// for whoever opened a link last; a tab that belongs to no student saves
// nothing and says how to open your own link.
func TestActivityPagesActForTheStudentOfTheirTab(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	ada, ben := tokenOf(c, "Ada L."), tokenOf(c, "Ben K.")
	a := browsertest.NewPage(t)
	c.openStudent(t, a, "Ada L.", day)
	b := a.NewTab(t)
	c.openStudent(t, b, "Ben K.", day)

	// Ada's tab goes on to an activity after Ben opened his link.
	a.ExpectLoad(func() { tap(a, a.ByRole("region", "Next up").ByRole("link", "Adding on a number line")) })
	waitForClient(a, "activity")
	bar := a.ByRole("navigation", "Your playlist")
	bar.ByRole("link", "Back to my playlist").Wait()
	if href := browsertest.Eval[string](a, `document.querySelector("#pacer-activity-bar a").getAttribute("href")`); !strings.Contains(href, ada) {
		t.Errorf("Ada's back link goes to %s", href)
	}
	answer(a, question(a, "What is 2 + 3?"), "single", "5")
	question(a, "What is 2 + 3?").ByRole("status", "").WaitText("Right!")
	waitStored(t, a, ada, `x.answers.length === 1`)
	if s := stored(t, a, ben); strings.Contains(s, "adding-video") {
		t.Errorf("Ada's answer was stored for Ben: %s", s)
	}

	// A new tab opened from a link of Ada's playlist (a middle click gives
	// the address the tab's student) works for Ada; a copied link address
	// names no one, and a tab typed in by hand works for no one.
	c.openStudent(t, a, "Ada L.", day)
	for _, h := range browsertest.Eval[[]string](a, `[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))`) {
		if strings.Contains(h, ada) && !strings.Contains(h, "#import=") {
			t.Errorf("a link on Ada's page names her: %s", h)
		}
	}
	href := browsertest.Eval[string](a, `(() => {
		const a = document.querySelector("#pacer-next a");
		a.dispatchEvent(new MouseEvent("mousedown", {button: 1, bubbles: true}));
		return a.href;
	})()`)
	if !strings.HasSuffix(href, "#as="+ada) {
		t.Fatalf("a middle click on Next up opens %s", href)
	}
	a2 := a.NewTab(t)
	a2.Navigate(href)
	waitForClient(a2, "activity")
	a2.ByRole("navigation", "Your playlist").ByRole("link", "Back to my playlist").Wait()
	if strings.Contains(a2.URL(), "#") {
		t.Errorf("the student stays in the address of the activity: %s", a2.URL())
	}

	none := a.NewTab(t)
	c.open(none, c.activity("adding-video"), day, "activity")
	nbar := none.ByRole("navigation", "Your playlist")
	nbar.WaitText("nothing you do here is saved")
	nbar.WaitText("open your own playlist link")
	if nbar.ByRole("link", "Back to my playlist").Count() != 0 || nbar.ByRole("button", "Mark done").Count() != 0 {
		t.Errorf("a tab of no student offers a playlist or mark done: %q", nbar.Text())
	}
	answer(none, question(none, "Which sums make 10?"), "multiple", "4 + 6", "7 + 3")
	question(none, "Which sums make 10?").ByRole("status", "").WaitText("Right!")
	c.open(none, "units/numbers/diagnostic/index.html", day, "diagnostic")
	tap(none, none.ByRole("button", "Finish the check-in"))
	none.WaitText("This tab is not linked to a student, so nothing was saved.")
	// the first tab's answer is all Ada has; Ben has nothing
	settle(a)
	a.Reload()
	waitForClient(a, "student")
	if m := waitStored(t, a, ada, `true`); len(m["answers"].([]any)) != 1 {
		t.Errorf("a tab of no student saved an answer for Ada: %v", m["answers"])
	}
	if s := stored(t, a, ben); strings.Contains(s, "adding-video") {
		t.Errorf("a tab of no student saved an answer for Ben: %s", s)
	}
	noneOffHost(t, a, b, a2, none)
}

// An import with stamps far in the future is refused: marking the
// activity done again sticks.
func TestImportWithFutureStampsIsRefused(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", day)
	ada := tokenOf(c, "Ada L.")
	code := progressCode(c.key, ada, `{"v":2,"done":{},"undone":{"adding-video":"9999-12-31T23:59:59.999Z"},"placed":{},"answers":[],"picks":{},"ratings":{"adding":[{"v":1,"at":"9999-12-31T23:59:59.999Z"}]},"notes":{"adding":{"t":"forever","at":"9999-12-31T23:59:59.999Z"}}}`)
	imp := importCode(p, code, "dated in the future")
	if imp.ByRole("button", "Import it").Count() != 0 {
		tap(p, imp.ByRole("button", "Import it"))
	}
	mark := card(p, "Adding").ByRole("button", "Mark done: Adding on a number line")
	tap(p, mark)
	waitStatus(t, p, "Adding", "Practicing")
	waitStored(t, p, ada, `!!x.done["adding-video"]`)
	c.openStudent(t, p, "Ada L.", day)
	if !pressed(card(p, "Adding").ByRole("button", "Mark done: Adding on a number line")) {
		t.Error("after the import of 9999 stamps, marking done does not stick")
	}
	if s := stored(t, p, ada); strings.Contains(s, "9999") {
		t.Errorf("a stamp from year 9999 was stored: %s", s)
	}
}

// Two imports, each undone on its own, and undo never removes the work
// done after the import.
func TestEachImportIsUndoneOnItsOwnAndKeepsLaterWork(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-08"
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", day)
	ada := tokenOf(c, "Ada L.")

	first := progressCode(c.key, ada, `{"v":2,"done":{"adding-video":"2026-09-07T12:00:00.000Z"},"undone":{},"placed":{},"answers":[],"picks":{},"ratings":{},"notes":{}}`)
	imp := importCode(p, first, "marks 1 activity done")
	tap(p, imp.ByRole("button", "Import it"))
	imp.WaitText("Imported.")
	second := progressCode(c.key, ada, `{"v":2,"done":{},"undone":{},"placed":{},"answers":[],"picks":{},"ratings":{"adding":[{"v":2,"at":"2026-09-07T13:00:00.000Z"}]},"notes":{}}`)
	importCode(p, second, "adds 1 rating")
	tap(p, imp.ByRole("button", "Import it"))
	imp.WaitText("Imported.")
	if n := imp.ByRoleContaining("button", "Undo the import").Count(); n != 2 {
		t.Fatalf("%d undo buttons after two imports, want 2: %q", n, imp.Text())
	}

	// Later work: a note and the reading marked done.
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Reading about sums"))
	tap(p, card(p, "Adding").ByRole("button", "My notes"))
	card(p, "Adding").ByRole("textbox", "What helped? What was hard?").Type("Later work.")
	tap(p, card(p, "Adding").ByRole("button", "Save note"))
	waitStored(t, p, ada, `!!x.notes.adding && !!x.done["adding-reading"]`)

	// Undo the first import: the video is no longer done; the rating of
	// the second import and the later work stay.
	tap(p, imp.ByRoleContaining("button", "(marks 1 activity done)"))
	imp.WaitText("The import was undone.")
	m := waitStored(t, p, ada, `!x.done["adding-video"]`)
	if r := m["ratings"].(map[string]any)["adding"]; r == nil || len(r.([]any)) != 1 {
		t.Errorf("undoing the first import removed the second one's rating: %v", m["ratings"])
	}
	if m["done"].(map[string]any)["adding-reading"] == nil || m["notes"].(map[string]any)["adding"] == nil {
		t.Errorf("undo removed work done after the import: %v", m)
	}

	// Reload: the second import can still be undone, alone.
	c.openStudent(t, p, "Ada L.", day)
	imp = p.ByRole("region", "Keep my progress safe")
	if n := imp.ByRoleContaining("button", "Undo the import").Count(); n != 1 {
		t.Fatalf("%d undo buttons, want 1: %q", n, imp.Text())
	}
	tap(p, imp.ByRoleContaining("button", "(adds 1 rating)"))
	imp.WaitText("The import was undone.")
	m = waitStored(t, p, ada, `!(x.ratings.adding || []).length`)
	if m["done"].(map[string]any)["adding-reading"] == nil || m["notes"].(map[string]any)["adding"] == nil {
		t.Errorf("undo removed work done after the import: %v", m)
	}
	waitStatus(t, p, "Adding", "Practicing")
}

// An import is untrusted: prototype keys are dropped, values are checked
// against the format and the scale, unknown fields are capped.
func TestImportDropsPrototypeKeysAndChecksValues(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", day)
	ada := tokenOf(c, "Ada L.")
	junk := strings.Repeat("x", 1<<20)
	code := progressCode(c.key, ada, `{"v":2,"__proto__":{"goals":"not a list"},"constructor":{"goals":"no"},"done":{"adding-video":"2026-09-07T10:00:00.000Z","__proto__":"2026-09-07T10:00:00.000Z","constructor":"2026-09-07T10:00:00.000Z","prototype":"2026-09-07T10:00:00.000Z"},"undone":{},"placed":{},"answers":[],"picks":{},"ratings":{"adding":[{"v":99,"at":"2026-09-07T10:00:00.000Z"},{"v":2,"at":"2026-09-07T10:01:00.000Z"}]},"notes":{},"small":{"keep":1},"junk":"`+junk+`"}`)
	imp := importCode(p, code, "adds 1 rating")
	tap(p, imp.ByRole("button", "Import it"))
	imp.WaitText("Imported.")
	m := waitStored(t, p, ada, `!!x.done["adding-video"]`)
	for _, k := range []string{"__proto__", "constructor", "prototype"} {
		if _, ok := m["done"].(map[string]any)[k]; ok {
			t.Errorf("done holds the key %s", k)
		}
		if _, ok := m[k]; ok {
			t.Errorf("the record holds the key %s", k)
		}
	}
	if r := m["ratings"].(map[string]any)["adding"].([]any); len(r) != 1 || r[0].(map[string]any)["v"].(float64) != 2 {
		t.Errorf("ratings = %v, want only the 2 (99 is off the 4-level scale)", r)
	}
	if _, ok := m["junk"]; ok {
		t.Error("a 1 MB unknown field was stored")
	}
	if _, ok := m["small"]; !ok {
		t.Error("a small unknown field was dropped")
	}
	// The receipt reads back: goals are a list.
	hand := p.ByRole("region", "Hand in to my teacher")
	tap(p, hand.ByRole("button", "Make my receipt"))
	rcode := hand.ByRole("textbox", "Receipt code").State().Value
	if _, err := receipt.Decode([]byte(rcode), c.key); err != nil {
		t.Errorf("the receipt after the import is refused: %v", err)
	}
}

// A full storage keeps reading: the page shows what is stored, and saving
// a copy or handing in carries it, never empty progress.
func TestFullStorageKeepsReadingAndExportsWhatIsStored(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", day)
	ada := tokenOf(c, "Ada L.")
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	waitStored(t, p, ada, `!!x.done["adding-video"]`)

	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };`})
	if err != nil {
		t.Fatal(err)
	}
	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Practicing")
	if strings.Contains(p.Text(), "private browsing") {
		t.Error("a full storage is reported as private browsing")
	}
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Reading about sums"))
	p.ByRole("alert", "").WaitText("storage is full")
	save := p.ByRole("region", "Keep my progress safe")
	tap(p, save.ByRole("button", "Save a copy"))
	code := save.ByRole("textbox", "Your progress code (copy it somewhere safe)").State().Value
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(code, "PACERP1."))
	if err != nil || !strings.Contains(string(raw), "adding-video") || !strings.Contains(string(raw), "adding-reading") {
		t.Errorf("the copy made with a full storage lacks the stored progress: %s %v", raw, err)
	}
	hand := p.ByRole("region", "Hand in to my teacher")
	tap(p, hand.ByRole("button", "Make my receipt"))
	r, err := receipt.Decode([]byte(hand.ByRole("textbox", "Receipt code").State().Value), c.key)
	if err != nil || len(r.Steps) == 0 || len(r.Steps[0].Done) != 2 {
		t.Errorf("the receipt made with a full storage: %+v %v", r, err)
	}
}

// A corrupted value is kept and the page offers to restore it, across
// reloads, until the student decides.
func TestCorruptedProgressIsOfferedBackUntilTheStudentDecides(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", day)
	ada := tokenOf(c, "Ada L.")
	// cut off in the middle of a note
	vault[bool](p, ada, `localStorage.setItem(v.key, await v.seal('{"v":2,"done":{"adding-video":"2026-09-07T12:00:00.000Z"},"notes":{"adding":{"t":"half a no')); return true`)
	c.openStudent(t, p, "Ada L.", day)
	alert := p.ByRole("alert", "")
	alert.WaitText("could not be read")
	waitStatus(t, p, "Adding", "Not started")
	c.openStudent(t, p, "Ada L.", day)
	p.ByRole("alert", "").WaitText("could not be read")
	restore := p.ByRole("button", "Restore what can be read")
	restore.Wait()
	assertAxe(t, p, "the student's page offering to restore")
	tap(p, restore)
	p.ByRole("alert", "").WaitText("is back in your progress")
	waitStatus(t, p, "Adding", "Practicing")

	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Practicing")
	if p.ByRole("button", "Restore what can be read").Count() != 0 {
		t.Error("the restore offer shows after the student restored")
	}

	// Or the student lets it go: the offer is gone after a reload too.
	vault[bool](p, ada, `localStorage.setItem(v.key, "pacer-enc1.AAAA"); return true`)
	c.openStudent(t, p, "Ada L.", day)
	tap(p, p.ByRole("button", "Let it go"))
	c.openStudent(t, p, "Ada L.", day)
	if p.ByRole("button", "Let it go").Count() != 0 {
		t.Error("the offer shows after the student let the copy go")
	}
}

// The store written by the previous client (plain JSON under the token,
// a list of students with their names) is migrated on the first visit,
// nothing lost, and nothing left readable in the clear.
func TestStoreOfThePreviousClientIsMigrated(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-08"
	p := browsertest.NewPage(t)
	c.open(p, "index.html", day, "index")
	ada, ben := tokenOf(c, "Ada L."), tokenOf(c, "Ben K.")
	pre := "pacer:" + c.key + ":"
	old := map[string]string{
		pre + ada:                `{"v":2,"done":{"adding-video":"2026-09-07T12:00:00.000Z"},"undone":{},"placed":{},"answers":[{"activity":"adding-video","check":1,"right":true,"at":"2026-09-07T12:01:00.000Z"}],"picks":{"adding/learn":{"a":"adding-reading","at":"2026-09-07T12:02:00.000Z"}},"ratings":{"adding":[{"v":3,"at":"2026-09-07T12:03:00.000Z"}]},"notes":{"adding":{"t":"Old note.","at":"2026-09-07T12:04:00.000Z"}},"goals":{"list":["Old goal"],"at":"2026-09-07T12:05:00.000Z"},"fromTheFuture":{"keep":true}}`,
		pre + ben:                `{"v":1,"done":{"adding-reading":"2026-09-07T12:00:00.000Z"},"answers":[],"picks":{},"ratings":{},"notes":{"adding":"Ben's v1 note."}}`,
		pre + "students":         `{"v":1,"students":[{"token":"` + ada + `","name":"Ada L.","seen":"2026-09-07T12:00:00.000Z","saved":"2026-09-07T12:00:00.000Z","steps":[{"c":"adding"}]},{"token":"` + ben + `","name":"Ben K.","seen":"2026-09-07T11:00:00.000Z"}]}`,
		pre + "current":          ben,
		pre + ada + ":backup:v1": `{"v":1,"done":{"adding-video":"2026-09-07T12:00:00.000Z"}}`,
		pre + ada + ":backup:2026-09-06T10:00:00.000Z": `{"v":2,"done":{"adding-reading":"2026-09-06T10:00:00.000Z"`,
		pre + ada + ":undo":                            `{"at":"2026-09-07T12:00:00.000Z","before":null}`,
	}
	for k, v := range old {
		setItem(p, k, v)
	}
	c.openStudent(t, p, "Ada L.", day)
	card(p, "Adding").WaitText("Your pick")
	if got := picked(p, "adding"); len(got) != 1 || got[0] != "Reading about sums" {
		t.Errorf("the old pick is lost: the picks shown are %q", got)
	}
	if !card(p, "Adding").ByRole("radio", "Got it").State().Checked {
		t.Error("the old rating is lost")
	}
	p.ByRole("region", "My goals").WaitText("Old goal")
	if !pressed(card(p, "Adding").ByRole("button", "Mark done: Adding on a number line")) {
		t.Error("the old done mark is lost")
	}
	m := waitStored(t, p, ada, `!!x.fromTheFuture && x.answers.length === 1 && x.notes.adding.t === "Old note."`)
	if m["v"].(float64) < 2 {
		t.Errorf("migrated version %v", m["v"])
	}
	// Ben's store was migrated too, though he has not come back yet.
	waitStored(t, p, ben, `x.notes.adding && x.notes.adding.t === "Ben's v1 note." && !!x.done["adding-reading"]`)
	for k, v := range p.LocalStorage() {
		for _, leak := range []string{"Ada", "Ben", ada, ben, "Old note"} {
			if strings.Contains(k, leak) || strings.Contains(inTheClear(v), leak) {
				t.Errorf("after migration, localStorage %s holds %q: %.100s", k, leak, v)
			}
		}
	}
	// The old value that could not be read is offered back, once; the copy
	// from before the old migration is only kept.
	c.openStudent(t, p, "Ada L.", day)
	p.ByRole("alert", "").WaitText("could not be read")
	tap(p, p.ByRole("button", "Restore what can be read"))
	p.ByRole("alert", "").WaitText("is back in your progress")
	if !pressed(card(p, "Adding").ByRole("button", "Mark done: Reading about sums")) {
		t.Error("the old backup's done mark was not restored")
	}
	if n := vault[int](p, ada, `return Object.keys(localStorage).filter(k => k.startsWith(v.key + ":old:v1")).length`); n != 1 {
		t.Errorf("the old pre-migration copy is kept %d times, want once", n)
	}
	c.openStudent(t, p, "Ben K.", day)
	waitStatus(t, p, "Adding", "Practicing")
}

// "Remember me" makes tabs of no student work for the student; "Forget
// me" removes their data from the device after offering a copy.
func TestRememberMeAndForgetMeOnThisDevice(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	ada := tokenOf(c, "Ada L.")
	c.openStudent(t, p, "Ada L.", day)
	dev := p.ByRole("region", "This device")
	tap(p, dev.ByRole("button", "Remember me on this device"))
	dev.ByRole("button", "Stop remembering me").Wait()

	other := p.NewTab(t)
	c.open(other, c.activity("adding-video"), day, "activity")
	other.ByRole("navigation", "Your playlist").ByRole("link", "Back to my playlist").Wait()
	tap(other, other.ByRole("navigation", "Your playlist").ByRole("button", "Mark done"))
	waitStored(t, other, ada, `!!x.done["adding-video"]`)

	tap(p, dev.ByRole("button", "Forget me on this device"))
	dev.WaitText("Save a copy first")
	dev.ByRole("button", "Save a copy").Wait()
	assertAxe(t, p, "the student's page asking before it forgets")
	tap(p, dev.ByRole("button", "Forget me now"))
	p.WaitText("Your progress was removed from this device.")
	for k := range p.LocalStorage() {
		if strings.HasPrefix(k, "pacer:"+c.key+":") {
			t.Errorf("after forget me, localStorage still holds %s", k)
		}
	}
	fresh := p.NewTab(t)
	c.open(fresh, c.activity("adding-video"), day, "activity")
	fresh.ByRole("navigation", "Your playlist").WaitText("nothing you do here is saved")
	assertAxe(t, fresh, "an activity page in a tab of no student")

	// The activity page still open in the other tab brings nothing back.
	tap(other, other.ByRole("navigation", "Your playlist").ByRole("button", "Mark done"))
	settle(other)
	for k := range other.LocalStorage() {
		if strings.HasPrefix(k, "pacer:"+c.key+":") {
			t.Errorf("a tab opened before forget me wrote %s back", k)
		}
	}
}

// A browser without Web Crypto (plain http on another host) keeps working,
// unencrypted but still keyed by a hash of the token.
func TestWithoutWebCryptoProgressIsKeptUnencrypted(t *testing.T) {
	c := buildTiny(t)
	const day = "2026-09-07"
	p := browsertest.NewPage(t)
	ada := tokenOf(c, "Ada L.")
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.pacerSubtle = crypto.subtle;
		Object.defineProperty(Crypto.prototype, "subtle", {get() { return undefined; }});`})
	if err != nil {
		t.Fatal(err)
	}
	c.openStudent(t, p, "Ada L.", day)
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	waitStatus(t, p, "Adding", "Practicing")
	c.openStudent(t, p, "Ada L.", day)
	waitStatus(t, p, "Adding", "Practicing")
	raw := browsertest.Eval[string](p, `(async () => {
		const h = new Uint8Array(await pacerSubtle.digest("SHA-256", new TextEncoder().encode(document.body.dataset.site + ":" + `+jsString(ada)+`)));
		return localStorage.getItem("pacer:" + document.body.dataset.site + ":s." + [...h].map(b => b.toString(16).padStart(2, "0")).join("").slice(0, 32)) || "";
	})()`)
	if !strings.HasPrefix(raw, "{") || !strings.Contains(raw, "adding-video") {
		t.Errorf("without Web Crypto, the hashed key holds %q", raw)
	}
	for k := range p.LocalStorage() {
		if strings.Contains(k, ada) {
			t.Errorf("the token is in a key: %s", k)
		}
	}
}

// inTheClear is what a stored value shows anyone who reads the browser's
// storage: nothing of a sealed value (AES-GCM ciphertext in base64, where
// "Ada" may turn up by chance; the tests that decrypt with the token check
// what is inside), the value itself otherwise.
func inTheClear(v string) string {
	if strings.HasPrefix(v, "pacer-enc1.") {
		return ""
	}
	return v
}
