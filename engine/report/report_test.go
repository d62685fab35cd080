package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/receipt"
)

const key = "sitekey123"

func roster() *Roster {
	rule := config.Rule{Self: 3, M: 2, N: 3}
	return &Roster{
		Title: "Ratios", Language: "en", SiteKey: key,
		Scale: []string{"Not yet", "Getting there", "Got it", "Can teach it"},
		Rule:  rule,
		Students: []Student{
			{Token: "tok-ana", ID: "ana-r", Name: "Ana R.", Group: "Period 2"},
			{Token: "tok-ben", ID: "ben-t", Name: "Ben T.", Group: "Period 2"},
			{Token: "tok-cara", ID: "cara-l", Name: "Cara L.", Group: "Period 5"},
			{Token: "tok-dev", ID: "dev-p", Name: "Dev P.", Group: "Period 5"},
		},
		Competencies: map[string]Competency{
			"ratio-language": {ID: "ratio-language", Title: "Ratio language", Rule: rule},
			"unit-rate":      {ID: "unit-rate", Title: "Unit rate", Rule: rule},
			"percent":        {ID: "percent", Title: "Percent", Rule: config.Rule{Self: 4, M: 3, N: 4}},
		},
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func rating(level int, when string) []receipt.Rating {
	return []receipt.Rating{{Level: 1, At: at("2026-09-20T10:00:00Z")}, {Level: level, At: at(when)}}
}

// receipts is a class's hand-in: good ones, an older one replaced by a
// newer one, and every kind of broken one.
func receipts(t *testing.T) []Source {
	enc := func(r *receipt.Receipt) []byte {
		b, err := receipt.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	code := func(r *receipt.Receipt) string {
		c, err := receipt.Code(r)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	base := func(tok, name, when string) *receipt.Receipt {
		return &receipt.Receipt{Pacer: "receipt", V: 1, Site: key, Student: tok, Name: name, At: at(when), Today: when[:10]}
	}
	anaOld := base("tok-ana", "Ana R.", "2026-11-02T09:00:00Z")
	anaOld.Pace = receipt.Pace{Status: "on-track"}
	anaOld.Steps = []receipt.Step{{C: "ratio-language", Status: "practicing"}}

	ana := base("tok-ana", "Ana R.", "2026-11-20T14:03:00Z")
	ana.Pace = receipt.Pace{Status: "behind", Days: 3}
	ana.Steps = []receipt.Step{
		{C: "ratio-language", Status: "mastered", Target: "2026-10-02", Self: rating(3, "2026-10-01T10:00:00Z"),
			Checks: receipt.Checks{Right: 4, Total: 5, Recent: []bool{true, true, true}}, Note: "The tape diagram helped."},
		{C: "unit-rate", Status: "needs-support", Target: "2026-11-17", Self: rating(3, "2026-11-19T10:00:00Z"),
			Checks: receipt.Checks{Right: 2, Total: 6, Recent: []bool{false, true, false}}, Note: "I mix up <which> number goes on top."},
	}
	ana.Goals = []string{"Finish ratios before winter break"}

	ben := base("tok-ben", "Ben T.", "2026-11-23T08:00:00Z")
	ben.Pace = receipt.Pace{Status: "on-track"}
	ben.Steps = []receipt.Step{
		{C: "ratio-language", Status: "practicing", Self: rating(1, "2026-11-20T10:00:00Z"),
			Checks: receipt.Checks{Right: 3, Total: 3, Recent: []bool{true, true, true}}},
		{C: "unit-rate", Status: "not-started"},
	}

	dev := base("tok-dev", "Dev P.", "2026-11-23T09:30:00Z")
	dev.Pace = receipt.Pace{Status: "ahead", Days: 2}
	dev.Steps = []receipt.Step{
		{C: "ratio-language", Status: "placed"},
		{C: "percent", Status: "practicing", Self: rating(2, "2026-11-22T10:00:00Z"), Checks: receipt.Checks{Right: 1, Total: 1}},
	}
	dev.Goals = []string{"Try the <b>extension</b> project"}

	stranger := base("tok-zed", "Zed Q.", "2026-11-23T09:30:00Z")
	other := base("tok-ben", "Ben T.", "2026-11-24T09:30:00Z")
	other.Site = "othersite0"
	good := enc(ben)

	return []Source{
		{"in/ana-old.json", enc(anaOld)},
		{"in/ana.json", enc(ana)},
		{"in/ben.json", good},
		{"in/dev.txt", []byte(code(dev))},
		{"in/cut.json", good[:len(good)/2]},
		{"in/newer.json", []byte(`{"pacer": "receipt", "v": 7, "site": "` + key + `"}`)},
		{"in/other.json", enc(other)},
		{"in/stranger.json", enc(stranger)},
		{"in/notes.txt", []byte("remember to bring snacks")},
	}
}

func make1(t *testing.T) *Report {
	return Make(roster(), receipts(t), []Problem{{"in/locked.json", "cannot read: permission denied"}}, at("2026-11-30T07:00:00Z"))
}

func TestNewestReceiptPerStudentWins(t *testing.T) {
	r := make1(t)
	var names []string
	for _, e := range r.Entries {
		names = append(names, e.Student.Name)
	}
	if got := strings.Join(names, ", "); got != "Ana R., Ben T., Cara L., Dev P." {
		t.Errorf("entries = %s", got)
	}
	ana := r.Entries[0]
	if ana.File != "in/ana.json" || ana.Receipts != 2 || ana.Receipt.Pace.Days != 3 {
		t.Errorf("Ana's entry = %s, %d receipts, %+v", ana.File, ana.Receipts, ana.Receipt.Pace)
	}
	if r.Entries[2].Receipt != nil {
		t.Error("Cara handed nothing in but has a receipt")
	}
	if r.Read != 4 || r.HandedIn() != 3 {
		t.Errorf("read %d, handed in %d; want 4 and 3", r.Read, r.HandedIn())
	}
	if b := r.Behind(); len(b) != 1 || b[0].Student.ID != "ana-r" {
		t.Errorf("behind = %v", b)
	}
}

func TestEveryBrokenReceiptIsReportedWithItsFileAndReason(t *testing.T) {
	r := make1(t)
	want := []string{
		"in/cut.json: the receipt is cut off",
		"in/locked.json: cannot read: permission denied",
		"in/newer.json: the receipt is format version 7, newer than this pacer understands",
		"in/notes.txt: not a Pacer receipt",
		"in/other.json: the receipt comes from a page built with another link secret",
		`in/stranger.json: unknown student tok-zed ("Zed Q." on the receipt): not on the roster`,
	}
	if len(r.Problems) != len(want) {
		t.Errorf("problems = %q", r.Problems)
	}
	for i, w := range want {
		if i >= len(r.Problems) || !strings.HasPrefix(r.Problems[i].String(), w) {
			t.Errorf("problem %d = %v, want it to start with %q", i, r.Problems[i], w)
		}
	}
}

func TestCalibrationComparesTheLatestRatingWithTheChecksUnderTheRule(t *testing.T) {
	rule := config.Rule{Self: 3, M: 2, N: 3}
	for _, tt := range []struct {
		name string
		step receipt.Step
		want Calibration
	}{
		{"confident, checks fail", receipt.Step{Self: rating(3, "2026-11-01T00:00:00Z"), Checks: receipt.Checks{Recent: []bool{false, true, false}}}, Over},
		{"unsure, checks pass", receipt.Step{Self: rating(2, "2026-11-01T00:00:00Z"), Checks: receipt.Checks{Recent: []bool{true, true, false}}}, Under},
		{"confident, checks pass", receipt.Step{Self: rating(4, "2026-11-01T00:00:00Z"), Checks: receipt.Checks{Recent: []bool{true, true, false}}}, Matches},
		{"unsure, checks fail", receipt.Step{Self: rating(1, "2026-11-01T00:00:00Z"), Checks: receipt.Checks{Right: 1, Total: 4}}, Matches},
		{"the latest rating counts, not the last listed", receipt.Step{Self: []receipt.Rating{{Level: 1, At: at("2026-11-05T00:00:00Z")}, {Level: 4, At: at("2026-11-01T00:00:00Z")}}, Checks: receipt.Checks{Recent: []bool{true, true}}}, Under},
		{"one answer says nothing", receipt.Step{Self: rating(4, "2026-11-01T00:00:00Z"), Checks: receipt.Checks{Right: 0, Total: 1}}, Unknown},
		{"no rating", receipt.Step{Checks: receipt.Checks{Recent: []bool{false, false, false}}}, Unknown},
		{"placed", receipt.Step{Status: "placed", Self: rating(1, "2026-11-01T00:00:00Z"), Checks: receipt.Checks{Recent: []bool{true, true, true}}}, Unknown},
	} {
		if got := Calibrate(tt.step, rule); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestColumnsMergePlaylistsInOrder(t *testing.T) {
	r := &Report{Roster: roster()}
	for _, ids := range [][]string{{"b", "d"}, {"a", "b", "c", "d"}, {"b", "e", "d"}} {
		rc := &receipt.Receipt{}
		for _, id := range ids {
			rc.Steps = append(rc.Steps, receipt.Step{C: id})
		}
		r.Entries = append(r.Entries, &Entry{Receipt: rc})
	}
	if got := strings.Join(r.columns(), " "); got != "a b c e d" {
		t.Errorf("columns = %s", got)
	}
}

var cellRE = regexp.MustCompile(`(?s)<(td|th scope="row")[^>]*>(.*?)</(td|th)>`)

func TestTheReportPageTellsWhoNeedsWhat(t *testing.T) {
	var b bytes.Buffer
	if err := make1(t).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	// go test -artifacts keeps the page, to look at.
	os.WriteFile(filepath.Join(t.ArtifactDir(), "report.html"), b.Bytes(), 0o644)
	for _, want := range []string{
		`<html lang="en">`,
		"Class report: Ratios",
		"3 of 4 students handed in a receipt. Not yet: <strong>Cara L.</strong>",
		"Behind pace: <strong>Ana R. (3 school days)</strong>",
		"Needs support: <strong>Ana R. on Unit rate</strong>",
		"1 self-rating above what the checks show, 1 below.",
		"6 receipts could not be used.",
		// the heat map: text in every cell, not colour alone
		`<td class="s-needs-support" data-sort="103">Needs support<span class="sub" aria-hidden="true">self 3/4</span><span class="sr">, latest self-rating 3 of 4 (Got it)</span></td>`,
		`<td class="s-placed" data-sort="500">Placed out</td>`,
		`<span class="sr">not on this student&#39;s plan</span>`,
		`<td class="behind" data-sort="-3">3 school days behind</td>`,
		`<td data-sort="2">2 school days ahead</td>`,
		"1 of the last 3 right",
		"rates higher than the checks show", "rates lower than the checks show",
		"I mix up &lt;which&gt; number goes on top.",
		"Try the &lt;b&gt;extension&lt;/b&gt; project",
		"Fri 20 Nov 2026, 14:03",
		`<th scope="col" aria-sort="ascending">Student</th>`,
		"in/stranger.json",
		"Content-Security-Policy",
		"print-color-adjust: exact",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for _, bad := range []string{"<b>extension", "src=", "href=\"http"} {
		if strings.Contains(page, bad) {
			t.Errorf("the report contains %q", bad)
		}
	}
	for _, m := range cellRE.FindAllStringSubmatch(page, -1) {
		if strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[2], "")) == "" && !strings.Contains(m[0], "data-sort=\"\"></td>") {
			t.Errorf("a cell has no text: %s", m[0])
		}
	}
}

func TestTheReportSpeaksTheSiteLanguageAndTheTeachersTimeZone(t *testing.T) {
	ro := roster()
	ro.Language = "es"
	pst := time.FixedZone("PST", -8*3600)
	r := Make(ro, receipts(t), nil, time.Date(2026, 11, 30, 7, 0, 0, 0, pst))
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<html lang="es">`, "Informe de la clase: Ratios", "Hecho el lun 30 nov 2026, 07:00 a partir de 4 comprobantes.",
		"3 días de clase de retraso", "Necesita apoyo", "vie 20 nov 2026, 06:03",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Spanish report lacks %q", want)
		}
	}
}

func TestCollectReadsFoldersOnceAndSplitsCodes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.json":         `{"pacer": "receipt"}`,
		"sub/b.TXT":      "PACER1.abc",
		"sub/codes.txt":  "Ana: PACER1.abc\nBen: PACER1.def, thanks\n",
		"sub/skip.md":    "PACER1.abc",
		".hidden/c.json": "{}",
		".d.json":        "{}",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	srcs, probs, err := Collect([]string{dir, filepath.Join(dir, "a.json"), filepath.Join(dir, "sub", "skip.md")})
	if err != nil || len(probs) != 0 {
		t.Fatal(err, probs)
	}
	var got []string
	for _, s := range srcs {
		rel, _ := filepath.Rel(dir, s.Name)
		got = append(got, filepath.ToSlash(rel)+"="+string(s.Data))
	}
	want := []string{`a.json={"pacer": "receipt"}`, "sub/b.TXT=PACER1.abc", "sub/codes.txt:1=PACER1.abc", "sub/codes.txt:2=PACER1.def", "sub/skip.md=PACER1.abc"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, _, err := Collect([]string{filepath.Join(dir, "nope")}); err == nil || !strings.Contains(err.Error(), "no such file or folder") {
		t.Errorf("a missing path: %v", err)
	}
}

// hostile makes receipts of the roster's site from a test's literals.
func hostile(t *testing.T, rs map[string]*receipt.Receipt) []Source {
	var out []Source
	for name, r := range rs {
		b, err := receipt.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Source{name, b})
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func TestAReceiptDatedAfterTheReportIsSuspectAndNeverWins(t *testing.T) {
	made := at("2026-11-30T07:00:00Z")
	mk := func(tok, when, status string) *receipt.Receipt {
		return &receipt.Receipt{Pacer: "receipt", V: 1, Site: key, Student: tok, At: at(when),
			Steps: []receipt.Step{{C: "ratio-language", Status: status}}}
	}
	srcs := hostile(t, map[string]*receipt.Receipt{
		"in/ana.json":        mk("tok-ana", "2026-11-20T14:03:00Z", "practicing"),
		"in/forged-ana.json": mk("tok-ana", "9999-01-01T00:00:00Z", "mastered"),
		"in/ben-fast.json":   mk("tok-ben", "2026-11-30T07:05:00Z", "practicing"),
	})
	r := Make(roster(), srcs, nil, made)
	ana, ben := r.Entries[0], r.Entries[1]
	if ana.File != "in/ana.json" || ana.Receipt.Steps[0].Status != "practicing" {
		t.Errorf("Ana's report uses %s (%v): a receipt from the future won", ana.File, ana.Receipt.Steps)
	}
	if ana.Receipts != 2 {
		t.Errorf("Ana's receipts read = %d, want 2", ana.Receipts)
	}
	// Alone, a receipt from the future is still the student's only record:
	// it is used, and listed as suspect.
	if ben.File != "in/ben-fast.json" {
		t.Errorf("Ben's only receipt was not used: %q", ben.File)
	}
	if len(r.Suspect) != 2 || r.Suspect[0].File != "in/ben-fast.json" || r.Suspect[1].File != "in/forged-ana.json" {
		t.Fatalf("suspect = %v", r.Suspect)
	}
	for _, want := range []string{"dated Fri 1 Jan 9999", "after this report was made", "clock", "never replaces"} {
		if !strings.Contains(r.Suspect[1].Reason, want) {
			t.Errorf("the suspect's reason %q lacks %q", r.Suspect[1].Reason, want)
		}
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="suspect"`, "in/forged-ana.json", "2 receipts are dated after this report was made.",
		"Mon 30 Nov 2026, 07:05 (suspect: after this report)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func TestStepsOfCompetenciesTheCourseDoesNotHaveAreIgnoredAndCounted(t *testing.T) {
	rc := &receipt.Receipt{Pacer: "receipt", V: 1, Site: key, Student: "tok-ana", At: at("2026-11-20T14:03:00Z"),
		Steps: []receipt.Step{{C: "ratio-language", Status: "practicing"}}}
	for i := range 5000 {
		rc.Steps = append(rc.Steps, receipt.Step{C: fmt.Sprintf("invented-%d", i), Status: "mastered"})
	}
	r := Make(roster(), hostile(t, map[string]*receipt.Receipt{"in/ana.json": rc}), nil, at("2026-11-30T07:00:00Z"))
	if got := r.columns(); len(got) != 1 || got[0] != "ratio-language" {
		t.Errorf("columns = %d, first %q; want ratio-language alone", len(got), got[:min(3, len(got))])
	}
	if r.Ignored != 5000 || r.Entries[0].Ignored != 5000 {
		t.Errorf("ignored %d (Ana %d), want 5000", r.Ignored, r.Entries[0].Ignored)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 64<<10 {
		t.Errorf("the report is %d bytes", b.Len())
	}
	if !strings.Contains(b.String(), "5000 steps of competencies this course does not have were ignored.") {
		t.Error("the report does not count the ignored steps")
	}
}

func TestAReceiptOverOneMegabyteIsRefusedWithItsFileAndReason(t *testing.T) {
	rc := &receipt.Receipt{Pacer: "receipt", V: 1, Site: key, Student: "tok-ana", At: at("2026-11-20T14:03:00Z"),
		Steps: []receipt.Step{{C: "ratio-language", Status: "practicing", Note: strings.Repeat("x", 1<<20)}}}
	srcs := hostile(t, map[string]*receipt.Receipt{"in/big.json": rc})
	code, err := receipt.Code(rc)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, Source{"in/codes.txt:3", []byte(code)})
	r := Make(roster(), srcs, nil, at("2026-11-30T07:00:00Z"))
	if r.Read != 0 || len(r.Problems) != 2 {
		t.Fatalf("read %d; problems %v", r.Read, r.Problems)
	}
	for _, p := range r.Problems {
		if !strings.Contains(p.Reason, "too large for a receipt") || !strings.Contains(p.Reason, "at most 1 MB") {
			t.Errorf("problem = %v", p)
		}
	}
}

func TestAReceiptFromAnotherSiteSaysWhatHappenedAndWhatToDo(t *testing.T) {
	r := make1(t)
	var reason string
	for _, p := range r.Problems {
		if p.File == "in/other.json" {
			reason = p.Reason
		}
	}
	for _, want := range []string{"link secret", "changed since", "Copy the link secret from the computer that built", ".pacer/secret", "make the report again"} {
		if !strings.Contains(reason, want) {
			t.Errorf("%q lacks %q", reason, want)
		}
	}
	if strings.Contains(reason, "site key") {
		t.Errorf("%q speaks of site keys", reason)
	}
}

// Answers handed in (receipt version 2) show practice apart from first
// tries; a version 1 receipt shows none and invents nothing.
func TestTriesCountFirstLaterAndPractice(t *testing.T) {
	tr := func(a string, q int, ok bool, day string, p bool) receipt.Try {
		return receipt.Try{Activity: a, Check: q, Right: ok, At: at(day + "T10:00:00Z"), Practice: p}
	}
	s := receipt.Step{C: "unit-rate", Tries: []receipt.Try{
		tr("shop", 0, false, "2026-11-02", false), // first try, wrong
		tr("shop", 0, true, "2026-11-02", true),   // right after the explanation: practice
		tr("shop", 1, true, "2026-11-02", false),  // first try, right
		tr("shop", 0, true, "2026-11-03", false),  // the next day: a later try
		tr("map", 0, true, "2026-11-03", false),   // first try, right
	}}
	if got, want := Tries(s), (TryCount{First: 3, FirstRight: 2, Later: 1, LaterRight: 1, Practice: 1}); got != want {
		t.Errorf("Tries = %+v, want %+v", got, want)
	}
	if got := Tries(receipt.Step{C: "unit-rate", Checks: receipt.Checks{Right: 2, Total: 3}}); got != (TryCount{}) {
		t.Errorf("a version 1 step counts %+v", got)
	}
}

func TestTheReportShowsAnswersAndWhatTheStudentsFileSays(t *testing.T) {
	ro := roster()
	ro.Students[0].Confirmed = []string{"ratio-language"}
	ro.Students[0].Feedback = []Feedback{{"unit-rate", "2026-11-21", "Draw the double number line first."}}
	srcs := receipts(t)
	ana := &receipt.Receipt{Pacer: "receipt", V: 2, Site: key, Student: "tok-ana", Name: "Ana R.", At: at("2026-11-25T14:03:00Z"), Today: "2026-11-25",
		Steps: []receipt.Step{{C: "unit-rate", Status: "needs-support", Tries: []receipt.Try{
			{Activity: "shop", Check: 0, Right: false, At: at("2026-11-24T10:00:00Z")},
			{Activity: "shop", Check: 0, Right: true, At: at("2026-11-24T10:01:00Z"), Practice: true},
			{Activity: "shop", Check: 1, Right: false, At: at("2026-11-24T10:02:00Z")},
			{Activity: "shop", Check: 0, Right: true, At: at("2026-11-25T09:00:00Z")},
		}}}}
	b, err := receipt.Encode(ana)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, Source{"in/ana-v2.json", b})
	var out bytes.Buffer
	if err := Make(ro, srcs, nil, at("2026-11-30T07:00:00Z")).WriteHTML(&out); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	answers := sectionHTML(t, page, "answers")
	for _, want := range []string{
		"<th scope=\"col\">First tries</th>", "<th scope=\"col\">Practice answers</th>",
		`<td data-sort="0.000">0 of 2 right</td>`, `<td data-sort="1.000">1 of 1 right</td>`, `<td data-sort="1">1</td>`,
	} {
		if !strings.Contains(answers, want) {
			t.Errorf("the answers section lacks %q:\n%s", want, answers)
		}
	}
	if strings.Contains(answers, "Ben T.") || strings.Contains(answers, "Dev P.") {
		t.Errorf("students whose receipts carry no answers are in the answers section:\n%s", answers)
	}
	m := sectionHTML(t, page, "map")
	for _, want := range []string{"In the student&#39;s file", "Confirmed: Ratio language", "Feedback on Unit rate: “Draw the double number line first.”"} {
		if !strings.Contains(m, want) {
			t.Errorf("the map lacks %q", want)
		}
	}
}

// sectionHTML returns the HTML of the report's section with id.
func sectionHTML(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("the report has no section %q", id)
	}
	j := strings.Index(page[i:], "</section>")
	if j < 0 {
		t.Fatalf("section %q does not end", id)
	}
	return page[i : i+j]
}
