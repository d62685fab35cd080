package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/receipt"
)

// receiptCourse is a course with two students whose roster and receipts
// live outside it.
func receiptCourse(t *testing.T) string {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"course/site.yaml":                 "title: Course\nstudents: {dir: ../roster}\n",
		"course/content/competencies/a.md": "---\ntitle: A\ncan: I can A.\n---\n",
		"course/content/activities/a1.md":  "---\ntitle: A1\nfor: [a]\nmodality: reading\nminutes: 5\n---\nRead.\n",
		"course/content/units/u.md":        "---\ntitle: U\ncompetencies: [a]\n---\n",
		"roster/groups/class.yaml":         "units: [u]\n",
		"roster/students/ana-r.yaml":       "name: Ana R.\ngroup: class\n",
		"roster/students/kim-b.yaml":       "name: Kim B.\ngroup: class\n",
	})
	return dir
}

func writeReceipt(t *testing.T, dir, name string, r *receipt.Receipt) {
	t.Helper()
	data, err := receipt.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, map[string]string{name: string(data)})
}

var snapshotRE = regexp.MustCompile(`<script type="application/json" id="pacer-snapshot">([^<]*)</script>`)

func TestReceiptsFollowTheStudentIntoTheirOwnPageOnly(t *testing.T) {
	dir := receiptCourse(t)
	secret := []byte("receipts-test")
	root := filepath.Join(dir, "course")
	first, err := Build(Options{Root: root, Secret: secret})
	if err != nil || first.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, first.Diags.Items())
	}
	tok := map[string]string{}
	for _, s := range first.Students {
		tok[s.ID] = s.Token
	}
	// Off unless the teacher turns it on.
	for _, s := range first.Students {
		page, _ := os.ReadFile(filepath.Join(first.Out, s.Path))
		if bytes.Contains(page, []byte("pacer-snapshot")) || s.Merged {
			t.Fatalf("%s's page carries a snapshot without --receipts", s.ID)
		}
	}

	rdir := filepath.Join(dir, "handins")
	day := time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC)
	mk := func(at time.Time, note, goal string) *receipt.Receipt {
		return &receipt.Receipt{Pacer: "receipt", V: 1, Site: first.SiteKey, Student: tok["ana-r"], Name: "Ana R.", At: at,
			Steps: []receipt.Step{{C: "a", Status: "practicing", Done: []string{"a1"}, Note: note,
				Self: []receipt.Rating{{Level: 2, At: at.Add(-time.Hour)}}}},
			Goals: []string{goal}}
	}
	writeReceipt(t, rdir, "ana-monday.json", mk(day.Add(-24*time.Hour), "Old note of Ana", "Old goal of Ana"))
	// The newest comes as a code in a text file, as the scan page saves them.
	code, err := receipt.Code(mk(day, "Tape diagrams helped Ana", "Finish ratios, Ana's goal"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, rdir, map[string]string{"scanned.txt": "# Pacer hand-ins\nAna: " + code + "\n"})
	writeReceipt(t, rdir, "ana-from-the-future.json", mk(time.Now().Add(48*time.Hour), "Future note of Ana", "Future goal"))
	write(t, rdir, map[string]string{"notes.txt": "nothing to see here\n"})

	res, err := Build(Options{Root: root, Secret: secret, Receipts: rdir})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	var warned []string
	for _, d := range res.Diags.Items() {
		warned = append(warned, filepath.Base(d.Pos.File)+": "+d.Message)
	}
	all := strings.Join(warned, "\n")
	if !strings.Contains(all, "ana-from-the-future.json: receipt dated") || !strings.Contains(all, "notes.txt: not a Pacer receipt") {
		t.Errorf("warnings do not name the suspect and the skipped file:\n%s", all)
	}
	for _, s := range res.Students {
		page, err := os.ReadFile(filepath.Join(res.Out, s.Path))
		if err != nil {
			t.Fatal(err)
		}
		m := snapshotRE.FindSubmatch(page)
		if s.ID == "kim-b" {
			if m != nil || s.Merged {
				t.Errorf("kim-b's page carries a snapshot: %s", m)
			}
			continue
		}
		if m == nil || !s.Merged {
			t.Fatalf("ana-r's page carries no snapshot (merged %v)", s.Merged)
		}
		var doc struct {
			Pacer, Site, Student, At string
			Progress                 struct {
				V       int
				Done    map[string]string
				Ratings map[string][]struct {
					V  int
					At string
				}
				Notes map[string]struct{ T, At string }
				Goals struct {
					List []string
					At   string
				}
			}
		}
		if err := json.Unmarshal(m[1], &doc); err != nil {
			t.Fatalf("snapshot is not JSON: %v\n%s", err, m[1])
		}
		at := "2026-11-24T14:00:00.000Z"
		p := doc.Progress
		if doc.Pacer != "progress" || doc.Student != s.Token || doc.Site != res.SiteKey || doc.At != at || p.V != 2 {
			t.Errorf("snapshot head = %+v", doc)
		}
		if p.Done["a1"] != at || p.Notes["a"].T != "Tape diagrams helped Ana" || p.Notes["a"].At != at ||
			len(p.Goals.List) != 1 || p.Goals.List[0] != "Finish ratios, Ana's goal" || len(p.Ratings["a"]) != 1 || p.Ratings["a"][0].At != "2026-11-24T13:00:00.000Z" {
			t.Errorf("snapshot progress = %+v", p)
		}
		for _, old := range []string{"Old note", "Future note"} {
			if bytes.Contains(page, []byte(old)) {
				t.Errorf("ana-r's page carries %q: only the newest receipt, never a future one, is merged", old)
			}
		}
	}
	scanPrivacy(t, res, map[string][]string{"ana-r": {"Tape diagrams helped Ana", "Finish ratios"}})
}

func TestReceiptsFolderProblemsArePlaced(t *testing.T) {
	dir := receiptCourse(t)
	root := filepath.Join(dir, "course")
	write(t, dir, map[string]string{"course/site.yaml": "title: Course\nstudents:\n  dir: ../roster\n  receipts: ../missing\n"})
	res, err := Build(Options{Root: root, Secret: []byte("x")})
	if err != nil {
		t.Fatal(err)
	}
	items := errorsOf(res)
	if len(items) != 1 || items[0].Pos.File != "site.yaml" || items[0].Pos.Line != 4 || !strings.Contains(items[0].Message, "cannot read the receipts folder") || items[0].Hint == "" {
		t.Errorf("got %+v", items)
	}
	res, err = Build(Options{Root: root, Secret: []byte("x"), Receipts: filepath.Join(root, "public", "r")})
	if err != nil {
		t.Fatal(err)
	}
	if items := errorsOf(res); len(items) != 1 || items[0].Pos.File != "--receipts" || !strings.Contains(items[0].Message, "inside the site's output") {
		t.Errorf("got %+v", items)
	}
}

func errorsOf(res *Result) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

func TestSessionANewReceiptRerendersOnlyThatStudentsPage(t *testing.T) {
	dir := receiptCourse(t)
	rdir := filepath.Join(dir, "handins")
	if err := os.Mkdir(rdir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := NewSession(Options{Root: filepath.Join(dir, "course"), Secret: []byte("s"), Receipts: rdir})
	defer s.Close()
	up := update(t, s)
	if !up.OK {
		t.Fatalf("first build: %v", up.Diags.Items())
	}
	var ana Student
	for _, st := range up.Students {
		if st.ID == "ana-r" {
			ana = st
		}
	}
	at := time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC)
	name := filepath.Join(rdir, "ana.json")
	writeReceipt(t, rdir, "ana.json", &receipt.Receipt{Pacer: "receipt", V: 1, Site: up.SiteKey, Student: ana.Token, At: at,
		Steps: []receipt.Step{{C: "a", Status: "practicing", Note: "Ana's note"}}})
	up = update(t, s, name)
	if !up.OK || len(up.Rendered) != 1 || up.Rendered[0] != ana.Path {
		t.Fatalf("a new receipt rendered %v, want only %s", up.Rendered, ana.Path)
	}
	if !strings.Contains(pageText(t, s, ana.Path), "Ana's note") {
		t.Error("the snapshot is not in ana's page")
	}
	sameAsFreshBuild(t, s)
	os.Remove(name)
	up = update(t, s, name)
	if len(up.Rendered) != 1 || strings.Contains(pageText(t, s, ana.Path), "pacer-snapshot") {
		t.Errorf("removing the receipt rendered %v", up.Rendered)
	}
	sameAsFreshBuild(t, s)
}
