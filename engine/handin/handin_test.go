package handin

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	qr "github.com/piglig/go-qr"

	"github.com/pacer-edu/pacer/engine/receipt"
)

var update = flag.Bool("update", false, "rewrite testdata/cases from the receipts in the tests")

// normal returns r as it comes back from frames: times to their precision.
func normal(r *receipt.Receipt) *receipt.Receipt {
	c := *r
	c.At = r.At.Truncate(time.Second).UTC()
	c.Steps = nil
	if len(c.Goals) == 0 {
		c.Goals = nil
	}
	minute := func(t time.Time) time.Time {
		m := (c.At.Unix() - t.Unix()) / 60
		return time.Unix(c.At.Unix()-m*60, 0).UTC()
	}
	for _, s := range r.Steps {
		s.Self = append([]receipt.Rating(nil), s.Self...)
		for i, x := range s.Self {
			s.Self[i].At = minute(x.At)
		}
		s.Tries = append([]receipt.Try(nil), s.Tries...)
		for i, x := range s.Tries {
			s.Tries[i].At = minute(x.At)
		}
		if len(s.Tries) == 0 {
			s.Tries = nil
		}
		c.Steps = append(c.Steps, s)
	}
	return &c
}

func same(t *testing.T, name string, got, want *receipt.Receipt) {
	t.Helper()
	g, _ := json.Marshal(normal(got))
	w, _ := json.Marshal(normal(want))
	if string(g) != string(w) {
		t.Errorf("%s: decoded\n%s\nwant\n%s", name, g, w)
	}
}

// A 40-step plan half done fits one code with its notes and ratings, and
// two once its 150 quick-check answers ride along (version 2).
func TestARealistic40StepReceiptFitsOneCodeAndItsAnswersTwo(t *testing.T) {
	bare := realistic(40)
	for i := range bare.Steps {
		bare.Steps[i].Tries = nil
	}
	for _, c := range []struct {
		name  string
		r     *receipt.Receipt
		codes int
	}{{"without answers", bare, 1}, {"with answers", realistic(40), 2}} {
		frames, err := Encode(c.r)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(c.r)
		if len(frames) > c.codes {
			t.Errorf("a 40-step receipt %s (%d bytes of JSON) takes %d codes, want %d", c.name, len(js), len(frames), c.codes)
		}
		for _, f := range frames {
			q, err := qr.EncodeText(f, qr.Low)
			if err != nil {
				t.Fatal(err)
			}
			if v := (q.Size() - 17) / 4; v > 26 {
				t.Errorf("the code is version %d, want at most 26", v)
			}
		}
		t.Logf("40 steps %s: %d bytes of JSON, %d codes", c.name, len(js), len(frames))
		got, err := Decode(frames, "x57lfqi7z2")
		if err != nil {
			t.Fatal(err)
		}
		same(t, "40 steps "+c.name, got, c.r)
	}
}

func TestALongReceiptTakesSeveralCodesThatJoinInAnyOrder(t *testing.T) {
	r := realistic(150)
	frames, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) < 3 {
		t.Fatalf("150 steps took %d codes, want several", len(frames))
	}
	for i, f := range frames {
		if !strings.Contains(f, "."+itoa(i+1)+"."+itoa(len(frames))+".") {
			t.Errorf("frame %d does not say it is part %d of %d: %.60s", i, i+1, len(frames), f)
		}
		if _, err := qr.EncodeText(f, qr.Low); err != nil {
			t.Errorf("frame %d does not fit a QR code: %v", i, err)
		}
	}
	// Out of order, with a part read twice.
	shuffled := []string{frames[2], frames[0], frames[2]}
	shuffled = append(shuffled, frames[3:]...)
	shuffled = append(shuffled, frames[1])
	got, err := Decode(shuffled, "")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "150 steps", got, r)

	if _, err := Decode(frames[1:], ""); err == nil || !strings.Contains(err.Error(), "part 1 of") {
		t.Errorf("with part 1 missing: %v, want it named", err)
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestPartsOfTwoHandInsNeverMix(t *testing.T) {
	a, b := realistic(150), realistic(150)
	b.At = b.At.Add(time.Hour)
	fa, _ := Encode(a)
	fb, _ := Encode(b)
	if len(fa) != len(fb) {
		t.Fatalf("%d and %d parts", len(fa), len(fb))
	}
	mixed := append([]string{fb[0]}, fa[1:]...)
	if _, err := Decode(mixed, ""); err == nil || !strings.Contains(err.Error(), "more than one hand-in") {
		t.Errorf("mixed parts: %v", err)
	}
	pa, _ := Parse(fa[0], "")
	pb, _ := Parse(fb[0], "")
	if pa.Key() == pb.Key() {
		t.Errorf("two hand-ins of one student share the key %s", pa.Key())
	}
}

func TestBadFramesSayWhatIsWrong(t *testing.T) {
	frames, _ := Encode(realistic(150))
	one, _ := Encode(realistic(3))
	f := frames[0]
	p, _ := Parse(f, "")
	tamper := func(s string) string { // change one character of the data
		i := len(s) - 10
		c := byte('0')
		if s[i] == '0' {
			c = '1'
		}
		return s[:i] + string(c) + s[i+1:]
	}
	for _, tt := range []struct {
		name  string
		texts []string
		site  string
		is    error
		want  string
	}{
		{"garbage", []string{"hello"}, "", ErrNotFrame, ""},
		{"a link", []string{"https://school.example/s/abc/"}, "", ErrNotFrame, ""},
		{"a receipt code", []string{receipt.CodePrefix + "eyJ9"}, "", ErrNotFrame, ""},
		{"newer", []string{"PQ3." + f[4:]}, "", nil, "format version 3, newer"},
		{"no fields", []string{"PQ1.X57LFQI7Z2"}, "", ErrDamaged, ""},
		{"other site", frames[:1], "aaaaaaaaaa", ErrOtherSite, ""},
		{"part 0", []string{strings.Replace(f, ".1."+itoa(p.N)+".", ".0."+itoa(p.N)+".", 1)}, "", ErrDamaged, ""},
		{"part past n", []string{strings.Replace(f, ".1."+itoa(p.N)+".", ".9."+itoa(p.N)+".", 1)}, "", ErrDamaged, ""},
		{"not base45", []string{f[:len(f)-3] + "abc"}, "", ErrDamaged, ""},
		{"truncated", []string{one[0][:len(one[0])-30]}, "", ErrDamaged, ""},
		{"tampered", []string{tamper(one[0])}, "", ErrDamaged, ""},
		{"empty data", []string{one[0][:strings.LastIndex(one[0], ".")+1]}, "", ErrDamaged, ""},
	} {
		_, err := Decode(tt.texts, tt.site)
		switch {
		case err == nil:
			t.Errorf("%s: decoded", tt.name)
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.is)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestADamagedBodyIsRefusedNotTrusted(t *testing.T) {
	body, err := marshal(realistic(12))
	if err != nil {
		t.Fatal(err)
	}
	// Every cut of the body is refused, and none panics.
	for n := range len(body) {
		if _, err := unmarshal(body[:n], 2, "x57lfqi7z2", "44vqwmvcmbff37am5gj6"); err == nil {
			t.Fatalf("a body cut to %d of %d bytes decoded", n, len(body))
		}
	}
	// A huge count does not allocate a huge slice.
	if _, err := unmarshal([]byte{1, 1, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f}, 2, "x57lfqi7z2", "44vqwmvcmbff37am5gj6"); err == nil {
		t.Error("a body of 4 billion goals decoded")
	}
	// The receipt's own rules apply: a step with no competency.
	r := realistic(2)
	r.Steps[0].C = ""
	frames, _ := Encode(r)
	if _, err := Decode(frames, ""); err == nil || !strings.Contains(err.Error(), "names no competency") {
		t.Errorf("a step with no competency: %v", err)
	}
}

func TestBase45MatchesTheRFC(t *testing.T) {
	for in, out := range map[string]string{"AB": "BB8", "Hello!!": "%69 VD92EX0", "base-45": "UJCLQE7W581", "ietf!": "QED8WEX0"} {
		if got := base45Encode([]byte(in)); got != out {
			t.Errorf("base45(%q) = %q, want %q", in, got, out)
		}
		if got, err := base45Decode(out); err != nil || string(got) != in {
			t.Errorf("decode(%q) = %q, %v", out, got, err)
		}
	}
	for _, bad := range []string{"GGW", "A", "aaa", "::::"} {
		if _, err := base45Decode(bad); err == nil {
			t.Errorf("decode(%q) did not fail", bad)
		}
	}
}

// Case is a test case shared with the TypeScript encoder and decoder
// (themes/default/assets/handin.ts; see engine/e2e): a receipt, the frames
// it was once encoded to, and the receipt those frames decode to.
type Case struct {
	Name    string           `json:"name"`
	Receipt *receipt.Receipt `json:"receipt"`
	Frames  []string         `json:"frames"`
	Decoded *receipt.Receipt `json:"decoded"`
}

// Cases are the shared test cases.
func cases() map[string]*receipt.Receipt {
	at := time.Date(2026, 11, 25, 14, 3, 7, 450_000_000, time.UTC)
	odd := &receipt.Receipt{Pacer: "receipt", V: 2, Site: "x57lfqi7z2", Student: "44vqwmvcmbff37am5gj6", Name: "Zoë Ñúñez 🦊",
		At: at, Today: "2026-11-25", Pace: receipt.Pace{Status: "ahead", Days: 12},
		Steps: []receipt.Step{
			{C: "ratio-language", Status: "placed", Target: "2026-09-30"},
			{C: "unit-rate", Status: "needs-support", Target: "2026-09-29", Note: "“Rates” — ¿por qué? 漢字",
				Self:   []receipt.Rating{{Level: 1, At: at.Add(90 * time.Second)}, {Level: 4, At: at.Add(-400 * 24 * time.Hour)}},
				Checks: receipt.Checks{Right: 0, Total: 9, Recent: []bool{false, false, false, false, false, false, false, false, false}}},
			{C: "percent", Status: "practicing", Checks: receipt.Checks{Right: 200, Total: 300},
				Tries: []receipt.Try{
					{Activity: "percent-grid", Check: 3, Right: true, At: at.Add(-400 * 24 * time.Hour), Practice: true},
					{Activity: "porcentajes-ñ", Check: 0, Right: false, At: at.Add(90 * time.Second)},
					{Activity: "percent-grid", Check: 1000, Right: false, At: at, Practice: true},
				}},
		},
		Goals: []string{"", "Üben"},
	}
	return map[string]*receipt.Receipt{
		"minimal": {Pacer: "receipt", V: 2, Site: "abcdefghij", Student: "a2b3c4d5e6f7g2h3i4j5", At: at},
		"odd":     odd,
		"forty":   realistic(40),
		"hundred": realistic(100),
	}
}

func TestSharedCasesDecode(t *testing.T) {
	dir := filepath.Join("testdata", "cases")
	if *update {
		os.MkdirAll(dir, 0o755)
		for name, r := range cases() {
			frames, err := Encode(r)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.MarshalIndent(Case{Name: name, Receipt: r, Frames: frames, Decoded: normal(r)}, "", "  ")
			os.WriteFile(filepath.Join(dir, name+".json"), append(b, '\n'), 0o644)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != len(cases()) {
		t.Fatalf("%d case files, want %d (go test -run SharedCases -update writes them)", len(files), len(cases()))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c Case
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !reflect.DeepEqual(normal(c.Receipt), normal(c.Decoded)) {
			t.Errorf("%s: decoded is not the receipt at the frames' precision", f)
		}
		got, err := Decode(c.Frames, c.Receipt.Site)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		same(t, f, got, c.Decoded)
		// And what Go makes today decodes the same.
		frames, err := Encode(c.Receipt)
		if err != nil {
			t.Fatal(err)
		}
		got, err = Decode(frames, "")
		if err != nil {
			t.Fatal(err)
		}
		same(t, f+" (encoded now)", got, c.Decoded)
	}
}

// Frames of version 1 (PQ1), shown by pages built before answers rode
// along, still read: by Go here, by the browser in browser_test.go.
func TestVersion1FramesStillRead(t *testing.T) {
	for _, c := range readCases(t, "cases-v1") {
		if !strings.HasPrefix(c.Frames[0], Prefix1) {
			t.Fatalf("%s: not version 1 frames", c.Name)
		}
		got, err := Decode(c.Frames, c.Receipt.Site)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if got.V != 1 {
			t.Errorf("%s: read as version %d, want 1", c.Name, got.V)
		}
		same(t, c.Name, got, c.Decoded)
	}
}
