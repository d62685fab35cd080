package receipt

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func sample() *Receipt {
	return &Receipt{
		Pacer: "receipt", V: 2, Site: "x57lfqi7z2", Student: "44vqwmvcmbff37am5gj6", Name: "Ana R.",
		At: time.Date(2026, 11, 25, 14, 3, 0, 0, time.UTC), Today: "2026-11-25",
		Pace: Pace{Status: "behind", Days: 3},
		Steps: []Step{{
			C: "ratio-language", Status: "mastered", Target: "2026-10-02",
			Self:   []Rating{{Level: 3, At: time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)}},
			Checks: Checks{Right: 4, Total: 5, Recent: []bool{true, false, true}},
			Done:   []string{"garden-ratios-video"}, Note: "The tape diagram helped.",
			Tries: []Try{
				{Activity: "garden-ratios-video", Check: 0, Right: false, At: time.Date(2026, 10, 1, 10, 2, 0, 0, time.UTC)},
				{Activity: "garden-ratios-video", Check: 0, Right: true, At: time.Date(2026, 10, 1, 10, 3, 0, 0, time.UTC), Practice: true},
				{Activity: "garden-ratios-video", Check: 1, Right: true, At: time.Date(2026, 10, 1, 10, 5, 0, 0, time.UTC)},
			},
		}},
		Goals: []string{"Finish ratios before winter break"},
	}
}

func TestAFileAndACodeDecodeToTheSameReceipt(t *testing.T) {
	file, err := Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	code, err := Code(sample())
	if err != nil {
		t.Fatal(err)
	}
	// A code wrapped by an email program still reads.
	var wrapped strings.Builder
	for i := 0; i < len(code); i += 60 {
		wrapped.WriteString(code[i:min(i+60, len(code))] + "\n")
	}
	for name, data := range map[string]string{"file": string(file), "code": code, "wrapped code": "\n  " + wrapped.String()} {
		r, err := Decode([]byte(data), "x57lfqi7z2")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r.Name != "Ana R." || r.Pace.Days != 3 || len(r.Steps) != 1 || r.Steps[0].Checks.Right != 4 || !r.At.Equal(sample().At) ||
			len(r.Steps[0].Tries) != 3 || !r.Steps[0].Tries[1].Practice || r.Steps[0].Tries[2].Check != 1 {
			t.Errorf("%s decoded to %+v", name, r)
		}
	}
}

func TestBrokenReceiptsSayWhatIsWrong(t *testing.T) {
	good, _ := Encode(sample())
	code, _ := Code(sample())
	for _, tt := range []struct {
		name, data string
		want       string
		is         error
	}{
		{"empty", "", "", ErrNotReceipt},
		{"plain text", "hello teacher", "", ErrNotReceipt},
		{"other JSON", `{"name": "package"}`, "", ErrNotReceipt},
		{"cut off", string(good[:len(good)/2]), "", ErrTruncated},
		{"cut off code", code[:len(code)/2], "", ErrTruncated},
		{"damaged code", CodePrefix + "!!!", "damaged", nil},
		{"bad JSON", `{"pacer": "receipt", "v": 1,, }`, "not valid JSON", nil},
		{"newer", `{"pacer": "receipt", "v": 3, "site": "x57lfqi7z2"}`, "format version 3, newer than this pacer understands (2): update pacer", nil},
		{"no version", `{"pacer": "receipt", "site": "x57lfqi7z2"}`, "no valid version", nil},
		{"wrong type", `{"pacer": "receipt", "v": 1, "steps": "many"}`, "does not match format version 1", nil},
		{"other site", strings.Replace(string(good), "x57lfqi7z2", "aaaaaaaaaa", 1), "", ErrOtherSecret},
		{"over 1 MB", `{"pacer": "receipt", "v": 1, "goals": ["` + strings.Repeat("x", MaxSize) + `"]}`, "too large for a receipt (1.0 MB; a receipt is at most 1 MB)", nil},
		{"over 1 MB as a code", CodePrefix + strings.Repeat("A", MaxSize*4/3+8), "too large for a receipt", nil},
		{"no student", strings.Replace(string(good), "44vqwmvcmbff37am5gj6", "", 1), "names no student", nil},
		{"no date", strings.Replace(string(good), `"at": "2026-11-25T14:03:00Z"`, `"x": 1`, 1), "no date", nil},
		{"bad status", strings.Replace(string(good), `"mastered"`, `"done"`, 1), `unknown status "done"`, nil},
		{"bad pace", strings.Replace(string(good), `"behind"`, `"late"`, 1), `unknown pace status "late"`, nil},
		{"try without activity", strings.Replace(string(good), `"a": "garden-ratios-video"`, `"a": ""`, 1), "an answer with no activity, check or date", nil},
		{"try without date", strings.Replace(string(good), `"at": "2026-10-01T10:05:00Z"`, `"x": 1`, 1), "an answer with no activity, check or date", nil},
		{"negative check", strings.Replace(string(good), `"q": 1`, `"q": -1`, 1), "an answer with no activity, check or date", nil},
		{"too many tries", tooManyTries(), "more than a receipt holds", nil},
	} {
		_, err := Decode([]byte(tt.data), "x57lfqi7z2")
		switch {
		case err == nil:
			t.Errorf("%s: decoded without error", tt.name)
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.is)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: %v, want it to say %q", tt.name, err, tt.want)
		}
	}
}

func TestUnknownFieldsAreIgnored(t *testing.T) {
	data := `{"pacer": "receipt", "v": 1, "site": "s", "student": "t", "at": "2026-11-25T14:03:00Z", "mood": "happy",
	  "steps": [{"c": "a", "status": "practicing", "checks": {"right": 0, "total": 0}, "hint": 1}]}`
	if _, err := Decode([]byte(data), "s"); err != nil {
		t.Error(err)
	}
}

func TestCodesAreFoundAmongOtherText(t *testing.T) {
	text := "Ana: PACER1.abc_-=, thanks\r\nnothing here\n\tPACER1.def PACER1.ghi\nPACER1."
	got := Codes([]byte(text))
	want := []Found{{1, "PACER1.abc_-="}, {3, "PACER1.def"}, {3, "PACER1.ghi"}, {4, "PACER1."}}
	if len(got) != len(want) {
		t.Fatalf("Codes = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("code %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func tooManyTries() string {
	r := sample()
	for len(r.Steps[0].Tries) <= MaxTries {
		r.Steps[0].Tries = append(r.Steps[0].Tries, r.Steps[0].Tries[0])
	}
	b, _ := Encode(r)
	return string(b)
}

// A receipt of format version 1 (no tries) still reads, as one without
// answers.
func TestVersion1ReceiptsStillRead(t *testing.T) {
	data := `{"pacer": "receipt", "v": 1, "site": "s", "student": "t", "at": "2026-11-25T14:03:00Z",
	  "steps": [{"c": "a", "status": "practicing", "checks": {"right": 2, "total": 3, "recent": [true, false, true]}}]}`
	r, err := Decode([]byte(data), "s")
	if err != nil {
		t.Fatal(err)
	}
	if r.V != 1 || len(r.Steps) != 1 || r.Steps[0].Tries != nil || r.Steps[0].Checks.Right != 2 {
		t.Errorf("decoded to %+v", r)
	}
}
