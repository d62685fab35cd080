package handin

import (
	"strings"
	"testing"
)

func TestReadFindsFramesInAnyTextAndJoinsThem(t *testing.T) {
	long, _ := Encode(realistic(150))
	short, _ := Encode(realistic(3))
	other := realistic(3)
	other.Site = "aaaaaaaaaa"
	otherFrames, _ := Encode(other)
	half := realistic(150)
	half.Name = "Half"
	halfFrames, _ := Encode(half)
	text := strings.Join([]string{
		"Timestamp,Code",
		`"2026/11/25 9:01",` + long[2],
		"scanned: " + short[0] + "\r",
		long[0] + " thanks!",
		long[2],
		otherFrames[0],
		"PQ1.DAMAGED",
		halfFrames[0],
		strings.Join(long[1:], "\n"),
		"PQ and other words",
	}, "\n")
	got, errs := Read([]byte(text), "x57lfqi7z2")
	if len(got) != 2 {
		t.Fatalf("read %d receipts, want 2; errors %v", len(got), errs)
	}
	same(t, "long", got[0], realistic(150))
	same(t, "short", got[1], realistic(3))
	want := []string{"line 6: a hand-in code of another site", "line 7: the hand-in code is damaged", "line 8: part 2 of " + itoa(len(halfFrames)) + " is missing"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %v", errs, want)
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("error %d: %q, want %q", i, e.Error(), want[i])
		}
	}
}

func TestReadLinesSaysWhereEachHandInStarts(t *testing.T) {
	long, _ := Encode(realistic(150))
	short, _ := Encode(realistic(3))
	text := strings.Join(append([]string{"Timestamp,Code", long[1], short[0], long[0]}, long[2:]...), "\n")
	got, errs := ReadLines([]byte(text), "")
	if len(errs) != 0 || len(got) != 2 || got[0].Line != 2 || got[1].Line != 3 || got[1].Receipt.Name != realistic(3).Name {
		t.Fatalf("found %+v, errors %v; want the long hand-in at line 2, the short at 3", got, errs)
	}
}
