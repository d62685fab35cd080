package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/pacer-edu/pacer/engine/receipt"
)

// class is nine students: seven need support on unit rate (two of them
// already did a support activity), one on percent; Ana has mastered ratio
// language by the page's rule, Eli too but the teacher placed him out, and
// Fay too but the teacher confirmed it.
func class(t *testing.T) *Report {
	ro := roster()
	ur := ro.Competencies["unit-rate"]
	ur.Support = []Activity{{"bar-models", "Bar models"}, {"store-prices", "Store prices"}}
	ro.Competencies["unit-rate"] = ur
	ro.Students = nil
	var srcs []Source
	for i, name := range []string{"Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy"} {
		tok := "tok-" + strings.ToLower(name)
		st := Student{Token: tok, ID: strings.ToLower(name), Name: name, File: "content/students/" + strings.ToLower(name) + ".yaml"}
		r := &receipt.Receipt{Pacer: "receipt", V: 1, Site: key, Student: tok, Name: name, At: at("2026-11-20T10:00:00Z"), Today: "2026-11-20"}
		switch name {
		case "Ana", "Eli", "Fay":
			r.Steps = append(r.Steps, receipt.Step{C: "ratio-language", Status: "mastered", Self: rating(4, "2026-11-19T10:00:00Z")})
		}
		switch name {
		case "Eli":
			st.Mastered = []string{"ratio-language", "percent"}
		case "Fay":
			st.Confirmed = []string{"ratio-language"}
		}
		switch {
		case name == "Ivy":
			r.Steps = append(r.Steps, receipt.Step{C: "percent", Status: "needs-support"})
		case i < 7:
			s := receipt.Step{C: "unit-rate", Status: "needs-support"}
			if name == "Ben" || name == "Gus" {
				s.Done = []string{"bar-models"}
			}
			if name == "Ana" {
				s.Note = "I mix up the numbers."
			}
			r.Steps = append(r.Steps, s)
		}
		b, err := receipt.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		ro.Students = append(ro.Students, st)
		srcs = append(srcs, Source{Name: name + ".json", Data: b})
	}
	return Make(ro, srcs, nil, at("2026-11-27T08:00:00Z"))
}

func TestStudentsWhoNeedSupportOnOneCompetencyAreGroupedWithTheActivitiesTheyHaveNotDone(t *testing.T) {
	var got []string
	for _, g := range class(t).Groups() {
		var names, acts []string
		for _, e := range g.Students {
			names = append(names, e.Student.Name)
		}
		for _, a := range g.Activities {
			acts = append(acts, a.Title)
		}
		got = append(got, fmt.Sprintf("%s: %s [%s]", g.Competency.Title, strings.Join(names, " "), strings.Join(acts, ", ")))
	}
	want := []string{
		"Unit rate: Ana Ben Cy [Store prices]",
		"Unit rate: Dee Eli Fay Gus [Store prices]",
		"Percent: Ivy []",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadyListsMasteryTheTeacherHasNotRecorded(t *testing.T) {
	var got []string
	for _, rd := range class(t).Ready() {
		got = append(got, rd.Entry.Student.Name+" "+rd.Step.C)
	}
	if strings.Join(got, ", ") != "Ana ratio-language" {
		t.Errorf("ready = %v, want only Ana on ratio-language (Eli is placed out, Fay confirmed)", got)
	}
}

func TestTheSnippetIsYAMLForTheStudentsFileDatedToday(t *testing.T) {
	r := class(t)
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	comments := [3]string{"words", "seen", "placed"}
	ana := r.Snippet(r.Entries[0], day, comments)
	want := `# Ana: content/students/ana.yaml
feedback:    # words
  unit-rate: {date: 2026-11-27, text: ""}
confirmed:   # seen
  ratio-language: {date: 2026-11-27, level: 4, note: ""}
mastered: []    # placed
`
	if ana != want {
		t.Errorf("Ana's snippet:\n%s\nwant:\n%s", ana, want)
	}
	for _, e := range r.Entries {
		var doc struct {
			Feedback  map[string]struct{ Date, Text string }
			Confirmed map[string]struct {
				Date  string
				Level int
			}
			Mastered []string
		}
		s := r.Snippet(e, day, comments)
		if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatalf("%s's snippet is not YAML: %v\n%s", e.Student.Name, err, s)
		}
		if e.Student.Name == "Eli" && (len(doc.Mastered) != 2 || doc.Confirmed != nil) {
			t.Errorf("Eli's snippet keeps his placements and confirms nothing: %+v", doc)
		}
	}
}

func TestTheReportSaysWhatToDoInTheSiteLanguage(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {`<h2 id="groups-h">Suggested small groups</h2>`, `<li>Store prices</li>`,
			`<h2 id="ready-h">Ready to confirm or place out</h2>`,
			`<label for="yaml-ana">YAML for Ana (content/students/ana.yaml)</label>`,
			`unit-rate: {date: 2026-11-27, text: &#34;&#34;}`, "# your words to the student, shown on their own page only"},
		"es": {`Grupos pequeños sugeridos`, `Listos para confirmar o para saltar`, `YAML para Ana (content/students/ana.yaml)`,
			"# dominio que viste tú; cuenta como dominado"},
	} {
		r := class(t)
		r.Roster.Language = lang
		var b bytes.Buffer
		if err := r.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		for _, s := range want {
			if !strings.Contains(page, s) {
				t.Errorf("%s: the report lacks %q", lang, s)
			}
		}
		if strings.Contains(page, "yaml-eli") == false || strings.Count(page, "<textarea") != 9 {
			t.Errorf("%s: want a YAML box for each of the 9 students who handed in, got %d", lang, strings.Count(page, "<textarea"))
		}
	}
}
