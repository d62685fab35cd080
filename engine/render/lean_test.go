package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// leanPages are a page of every kind, with the characters escaping must
// change in every field a layout prints.
func leanPages(th *Theme) []*Page {
	odd := `Fish & "chips" <b>it's</b> ☃`
	site := &Site{Title: odd, Key: "k&", Script: "a.js", Style: "a.css", Course: "c.js", Units: []Link{{ID: "u1", Title: odd, URL: "units/u1/index.html"}}}
	link := func(i int) Link {
		return Link{ID: fmt.Sprint("a", i), Title: fmt.Sprint(odd, i), URL: fmt.Sprintf("activities/a%d?x=<1>&y=\"/index.html", i), Note: "<min> & co"}
	}
	strs := map[string]string{}
	for k, v := range th.Strings("en") {
		if !strings.HasPrefix(k, "date.") {
			v += ` <&"'>`
		}
		strs[k] = v
	}
	page := func(kind string) *Page {
		return &Page{Kind: kind, Lang: "en", Title: odd, Root: "../../", CSP: "default-src 'none'", Site: site, T: strs,
			Assets: Assets{Style: "s.css?<", Strings: "t.js", Course: "c.js", Script: "p.js"}}
	}
	st := &Student{Token: "tok<", Name: odd, Goals: []string{odd}, Start: "2026-09-08", End: "2027-06-18", Playlist: `{"a":"</script>"}`,
		Units:   []StudentUnit{{Link: link(9), Why: "<p>why</p>"}},
		Teacher: []TeacherNote{{Competency: link(8), Feedback: odd, FeedbackDate: "2026-10-01", Level: odd, ConfirmedDate: "2026-10-02", Note: odd}}}
	for i := range 12 {
		s := StudentStep{Competency: link(i), Placed: i%5 == 4, Target: fmt.Sprintf("2026-10-%02d", i+1), Minutes: 20 + i}
		s.Due = StepDue{Placed: s.Placed, Target: s.Target, Minutes: s.Minutes}
		if i%2 == 1 {
			s.Requires = []Link{link(i - 1)}
		}
		s.Ways = StepWays{Choices: [][]string{{fmt.Sprint(i), "x"}, {"y"}}, Support: []string{"z"},
			Link: func(id string) (Link, bool) {
				return Link{ID: id, Title: odd + id, URL: "activities/" + id + "/index.html", Note: "<n>"}, true
			}}
		st.Steps = append(st.Steps, s)
	}
	stu := page("student")
	stu.Student = st
	act := page("activity")
	act.Activity = &Activity{ID: "a1", Modality: "video", Label: odd, Minutes: 5, Body: "<p>body</p>", For: []Link{link(1), link(2)}}
	comp := page("competency")
	comp.Competency = &Competency{ID: "c1", Can: odd, Codes: []string{odd}, Body: "<p>b</p>", Requires: []Link{link(3)}, RequiredBy: []Link{link(4)},
		Units: []Link{link(5)}, Rule: odd, Board: []BoardColumn{{Modality: "video", Label: odd, Activities: []Link{link(6), link(7)}}}, Support: []Link{link(1)}}
	unit := page("unit")
	unit.Unit = &Unit{ID: "u1", Body: "<p>u</p>", Diagnostic: true, DiagnosticURL: "units/u1/diagnostic/index.html", Competencies: []Link{link(1)}}
	idx := page("index")
	idx.Index = &Index{Units: []UnitSummary{{Link: link(1), Competencies: []Link{link(2)}}}, Competencies: []Link{link(3)}}
	dia := page("diagnostic")
	dia.Diagnostic = &Diagnostic{Unit: link(1), Competencies: []DiagnosticCompetency{{Link: link(2), Checks: []template.HTML{"<p>q</p>"}}}}
	return []*Page{stu, act, comp, unit, idx, dia}
}

// TestLeanLayoutsRenderTheSame renders a page of every kind with the
// layouts as html/template escapes them and with the escapers after
// parts dropped (lean.go): the bytes are the same, and the student
// layout's steps no longer call the escaper.
func TestLeanLayoutsRenderTheSame(t *testing.T) {
	render := func(off bool) ([]string, *Theme) {
		leanOff = off
		defer func() { leanOff = false }()
		th, err := Load(t.TempDir(), "default")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range leanPages(th) {
			var b bytes.Buffer
			if err := th.Render(&b, p); err != nil {
				t.Fatal(err)
			}
			out = append(out, b.String())
		}
		return out, th
	}
	want, full := render(true)
	got, lean := render(false)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("page %d differs:\nlean:\n%s\nescaped:\n%s", i, got[i], want[i])
		}
	}
	const step = `steps $ | _html_template_htmlescaper`
	if s := full.pages["student"].tm.Lookup("main").Tree.Root.String(); !strings.Contains(s, step) {
		t.Fatalf("the escaped student layout has no %s:\n%s", step, s)
	}
	if s := lean.pages["student"].tm.Lookup("main").Tree.Root.String(); strings.Contains(s, "_html_template_htmlescaper}}{{part") || strings.Contains(s, step) {
		t.Errorf("the lean student layout still escapes its parts:\n%s", s)
	}
	for _, bad := range []string{"<b>it's", `"chips"`, "<min>", `x=<1>`} {
		if strings.Contains(got[0], bad) {
			t.Errorf("student page holds unescaped %q", bad)
		}
	}
}
