package e2e

// Progress that follows the student (SPEC 7): a student works and hands
// in; the teacher builds with the receipts folder; on a fresh browser
// profile the student finds that work, newer work on a device wins over
// the teacher's copy, and no other student's page carries any of it.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/site"
)

func TestHandedInWorkFollowsTheStudentToAFreshBrowser(t *testing.T) {
	root := writeFiles(t, tinyCourse())
	c := buildCourse(t, root)
	const ada, ben, day = "Ada L.", "Ben K.", "2026-09-07"
	const noteLabel = "What helped? What was hard?"

	// Yesterday, on the cart's Chromebook: Ada marks an activity done,
	// rates herself, writes a note, and hands in.
	a := browsertest.NewPage(t)
	c.openStudent(t, a, ada, day)
	act := a.ByRole("region", "Next up").ByRole("link", "").State().Name
	comp := browsertest.Eval[string](a, `document.querySelector("#pacer-next .next-step").textContent`)
	step := card(a, comp)
	tap(a, step.ByRole("button", "Mark done: "+act))
	tap(a, step.ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	tap(a, step.ByRole("button", "My notes"))
	step.ByRole("textbox", noteLabel).Type("The number line helped.")
	tap(a, step.ByRole("button", "Save note"))
	step.ByRole("status", "").WaitText("Saved.")
	_, file := handIn(t, a)
	rdir := t.TempDir()
	if err := os.WriteFile(filepath.Join(rdir, "ada.json"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	// After handing in, on that Chromebook, she changes her note.
	step = card(a, comp)
	note := step.ByRole("textbox", noteLabel)
	note.Press("Control+a", "Backspace")
	note.Type("Newer note on the Chromebook.")
	tap(a, step.ByRole("button", "Save note"))
	step.ByRole("status", "").WaitText("Saved.")

	// The teacher builds with the receipts folder, into the same site.
	res, err := site.Build(site.Options{Root: root, Out: c.out, Secret: []byte("student-tests"), Receipts: rdir})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build with receipts: %v %v", err, res.Diags)
	}

	// Today, on a fresh browser profile, Ada finds yesterday's work.
	f := browsertest.NewPage(t)
	c.openStudent(t, f, ada, day)
	fstep := card(f, comp)
	if !pressed(fstep.ByRole("button", "Mark done: "+act)) {
		t.Error("on a fresh profile the activity handed in as done is not marked done")
	}
	if !fstep.ByRole("radio", "Got it").State().Checked {
		t.Error("on a fresh profile the handed-in self-rating is not there")
	}
	tap(f, fstep.ByRole("button", "My notes"))
	if v := fstep.ByRole("textbox", noteLabel).State().Value; v != "The number line helped." {
		t.Errorf("on a fresh profile the note reads %q", v)
	}
	// Newer work on this device wins over the teacher's copy on every load.
	fnote := fstep.ByRole("textbox", noteLabel)
	fnote.Press("Control+a", "Backspace")
	fnote.Type("Written today.")
	tap(f, fstep.ByRole("button", "Save note"))
	fstep.ByRole("status", "").WaitText("Saved.")
	c.openStudent(t, f, ada, day)
	tap(f, card(f, comp).ByRole("button", "My notes"))
	if v := card(f, comp).ByRole("textbox", noteLabel).State().Value; v != "Written today." {
		t.Errorf("after a reload the note reads %q: the snapshot replaced newer work", v)
	}
	// And the Chromebook keeps the note written after the hand-in.
	c.openStudent(t, a, ada, day)
	tap(a, card(a, comp).ByRole("button", "My notes"))
	if v := card(a, comp).ByRole("textbox", noteLabel).State().Value; v != "Newer note on the Chromebook." {
		t.Errorf("on the Chromebook the note reads %q: the snapshot replaced newer work", v)
	}

	// Ben's page, on yet another profile, carries nothing of Ada's.
	b := browsertest.NewPage(t)
	c.openStudent(t, b, ben, day)
	html := browsertest.Eval[string](b, `document.documentElement.outerHTML`)
	if strings.Contains(html, "number line helped") || strings.Contains(html, "pacer-snapshot") {
		t.Error("Ben's page carries Ada's handed-in work")
	}
	bcomp := browsertest.Eval[string](b, `document.querySelector("#pacer-next .next-step").textContent`)
	if bcomp != comp || pressed(card(b, comp).ByRole("button", "Mark done: "+act)) {
		t.Errorf("Ben's page (next step %q) shows Ada's done mark", bcomp)
	}
	noneOffHost(t, a, f, b)
}
