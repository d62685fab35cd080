package e2e

import (
	"fmt"
	"image"
	"image/draw"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/pacer-edu/pacer/engine/handin"
	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/receipt"
)

// readCode draws a shown code (its viewBox size and its path of runs) with
// a quiet zone and reads it with an independent decoder.
func readCode(t *testing.T, size int, d string) string {
	t.Helper()
	const scale, quiet = 4, 4
	n := (size + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, m := range runRE.FindAllStringSubmatch(d, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		draw.Draw(img, image.Rect((quiet+x)*scale, (quiet+y)*scale, (quiet+x+w)*scale, (quiet+y+1)*scale), image.Black, image.Point{}, draw.Src)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	// The image is the code alone, drawn from its SVG: PURE_BARCODE reads
	// its modules as drawn. Without it gozxing's finder, made for photos,
	// misjudges the size of some large codes (about 1 in 40 of version 20
	// and up, seen with codes of random text): a flaky test, not a bad code.
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("gozxing cannot read a shown code: %v", err)
	}
	return res.GetText()
}

// A student with a long reflection hands in: the page loads the QR
// module only then, shows numbered codes, and the codes read back (with an
// independent decoder) as the same receipt as the file the page offers.
func TestTheStudentPageShowsTheReceiptAsNumberedQRCodes(t *testing.T) {
	root := moduleRoot(t)
	c := buildCourse(t, root)
	const day, name = "2026-09-21", "Maya T."
	p := browsertest.NewPage(t)
	c.openStudent(t, p, name, day)

	comp := browsertest.Eval[string](p, `document.querySelector("#pacer-next .next-step").textContent`)
	step := card(p, comp)
	tap(p, step.ByRole("button", "My notes"))
	rnd := rand.New(rand.NewPCG(3, 9))
	var note strings.Builder
	for note.Len() < 4500 {
		note.WriteString(strconv.FormatUint(rnd.Uint64(), 36) + " ")
	}
	step.ByRole("textbox", "What helped? What was hard?").Focus()
	browsertest.Eval[bool](p, `(() => { const a = document.activeElement; a.value = `+jsString(note.String())+`; a.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	tap(p, step.ByRole("button", "Save note"))
	step.ByRole("status", "").WaitText("Saved.")

	// The encoder is not part of what the page needs to show: it is
	// fetched only once every card is drawn (for a print from the menu) or
	// when the student hands in.
	if browsertest.Eval[bool](p, `(() => {
		const steps = performance.getEntriesByName("pacer:steps")[0];
		const mod = performance.getEntriesByType("resource").find((e) => e.name.includes("/assets/pacer-handin."));
		return !!mod && (!steps || mod.startTime < steps.startTime);
	})()`) {
		t.Fatal("the QR hand-in module is fetched before the plan is drawn")
	}
	loaded := `"PacerHandIn" in window`
	_, file := handIn(t, p)
	hand := p.ByRole("region", "Hand in to my teacher")
	hand.ByRoleContaining("img", "QR code 1 of ").Wait()
	if !browsertest.Eval[bool](p, loaded) {
		t.Error("the codes show but the module is not loaded")
	}
	type shown struct{ Label, Caption, Size, D string }
	codes := browsertest.Eval[[]shown](p, `[...document.querySelectorAll("#pacer-handin li")].map((li) => ({
		Label: li.querySelector("svg").getAttribute("aria-label"),
		Caption: (li.querySelector("figcaption") || {}).textContent || "",
		Size: li.querySelector("svg").getAttribute("viewBox").split(" ")[2],
		D: li.querySelector("path").getAttribute("d"),
	}))`)
	if len(codes) < 2 {
		t.Fatalf("%d codes for a long receipt, want several", len(codes))
	}
	var texts []string
	for i, code := range codes {
		want := fmt.Sprintf("Code %d of %d", i+1, len(codes))
		if code.Caption != want || code.Label != fmt.Sprintf("QR code %d of %d of your receipt", i+1, len(codes)) {
			t.Errorf("code %d: caption %q, label %q, want %q", i+1, code.Caption, code.Label, want)
		}
		size, _ := strconv.Atoi(code.Size)
		texts = append(texts, readCode(t, size, code.D))
	}
	if !strings.HasPrefix(texts[0], handin.Prefix) {
		t.Errorf("a code reads %.20q, want a %s frame", texts[0], handin.Prefix)
	}
	fromCodes, err := handin.Decode(texts, c.key)
	if err != nil {
		t.Fatalf("the shown codes do not join into a receipt: %v", err)
	}
	fromFile, err := receipt.Decode([]byte(file), c.key)
	if err != nil {
		t.Fatal(err)
	}
	if fromCodes.Student != fromFile.Student || fromCodes.Name != name || len(fromCodes.Steps) != len(fromFile.Steps) {
		t.Fatalf("the codes hold %s (%s, %d steps), the file %s (%d steps)", fromCodes.Student, fromCodes.Name, len(fromCodes.Steps), fromFile.Student, len(fromFile.Steps))
	}
	notes := 0
	for i, s := range fromCodes.Steps {
		f := fromFile.Steps[i]
		if s.C != f.C || s.Status != f.Status || s.Note != f.Note || s.Target != f.Target || len(s.Done) != len(f.Done) {
			t.Errorf("step %d: codes %+v, file %+v", i, s, f)
		}
		if s.Note == strings.TrimSpace(note.String()) || s.Note == note.String() {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("the long reflection is in %d steps of the codes' receipt, want 1", notes)
	}
	p.AssertClean(t)
}
