package cartridge

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/render"
)

// The manifest and QTI as an LMS reads them back.
type manifest struct {
	XMLName  xml.Name `xml:"http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1 manifest"`
	Metadata struct {
		Schema  string `xml:"schema"`
		Version string `xml:"schemaversion"`
		Title   string `xml:"http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest lom>general>title>string"`
	} `xml:"metadata"`
	Orgs []struct {
		Structure string    `xml:"structure,attr"`
		Root      []orgItem `xml:"item"`
	} `xml:"organizations>organization"`
	Resources []struct {
		ID    string `xml:"identifier,attr"`
		Type  string `xml:"type,attr"`
		Href  string `xml:"href,attr"`
		Files []struct {
			Href string `xml:"href,attr"`
		} `xml:"file"`
	} `xml:"resources>resource"`
}

type orgItem struct {
	ID    string    `xml:"identifier,attr"`
	Ref   string    `xml:"identifierref,attr"`
	Title string    `xml:"title"`
	Items []orgItem `xml:"item"`
}

type qti struct {
	XMLName    xml.Name   `xml:"http://www.imsglobal.org/xsd/ims_qtiasiv1p2 questestinterop"`
	Assessment assessment `xml:"assessment"`
}

type assessment struct {
	Title   string    `xml:"title,attr"`
	Profile []field   `xml:"qtimetadata>qtimetadatafield"`
	Items   []qtiItem `xml:"section>item"`
}

type condition struct {
	Continue string   `xml:"continue,attr"`
	Equal    []string `xml:"conditionvar>varequal"`
	And      []string `xml:"conditionvar>and>varequal"`
	Or       []string `xml:"conditionvar>or>varequal"`
	Set      string   `xml:"setvar"`
}

type qtiItem struct {
	Meta []field `xml:"itemmetadata>qtimetadata>qtimetadatafield"`
	Q    string  `xml:"presentation>material>mattext"`
	Lid  *struct {
		Card   string `xml:"rcardinality,attr"`
		Labels []struct {
			ID   string `xml:"ident,attr"`
			Text string `xml:"material>mattext"`
		} `xml:"render_choice>response_label"`
	} `xml:"presentation>response_lid"`
	Str      *struct{}   `xml:"presentation>response_str"`
	Conds    []condition `xml:"resprocessing>respcondition"`
	Feedback []struct {
		ID   string `xml:"ident,attr"`
		Text string `xml:"flow_mat>material>mattext"`
	} `xml:"itemfeedback"`
}

type field struct {
	Label string `xml:"fieldlabel"`
	Entry string `xml:"fieldentry"`
}

func entry(fs []field, label string) string {
	for _, f := range fs {
		if f.Label == label {
			return f.Entry
		}
	}
	return ""
}

func load(t *testing.T, root string) *content.Course {
	t.Helper()
	diags := &diag.List{}
	cfg := config.Load(root, diags)
	c := content.Load(root, cfg, diags)
	if diags.HasErrors() {
		t.Fatalf("course: %v", diags.Items())
	}
	return c
}

func export(t *testing.T, c *content.Course, base string) map[string][]byte {
	t.Helper()
	th, err := render.Load(c.Root, "default")
	if err != nil {
		t.Fatal(err)
	}
	k, err := Make(c, Options{BaseURL: base, Strings: th.Strings("en")}, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := k.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		files[f.Name] = b
	}
	return files
}

// readBack parses the cartridge as an importer would and checks that it
// holds together: every item's resource exists, every resource's files
// are in the zip, every XML file is well-formed.
func readBack(t *testing.T, files map[string][]byte) (*manifest, map[string]string) {
	t.Helper()
	var m manifest
	if err := xml.Unmarshal(files["imsmanifest.xml"], &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, files["imsmanifest.xml"])
	}
	if m.Metadata.Schema != "IMS Common Cartridge" || m.Metadata.Version != "1.3.0" || len(m.Orgs) != 1 || m.Orgs[0].Structure != "rooted-hierarchy" {
		t.Errorf("manifest metadata: %+v", m.Metadata)
	}
	types := map[string]string{}
	for _, r := range m.Resources {
		types[r.ID] = r.Type
		if len(r.Files) == 0 {
			t.Errorf("resource %s lists no file", r.ID)
		}
		if r.Href != "" && !slices.ContainsFunc(r.Files, func(f struct {
			Href string `xml:"href,attr"`
		}) bool {
			return f.Href == r.Href
		}) {
			t.Errorf("resource %s: href %s is not among its files", r.ID, r.Href)
		}
		for _, f := range r.Files {
			if _, ok := files[f.Href]; !ok {
				t.Errorf("resource %s: file %s is not in the cartridge", r.ID, f.Href)
			}
		}
	}
	if len(types) != len(m.Resources) {
		t.Errorf("%d resources for %d identifiers", len(m.Resources), len(types))
	}
	seen := map[string]bool{}
	for id := range types {
		seen[id] = true
	}
	var walk func([]orgItem)
	walk = func(items []orgItem) {
		for _, it := range items {
			if seen[it.ID] {
				t.Errorf("identifier %s is used twice", it.ID)
			}
			seen[it.ID] = true
			if it.Ref != "" && types[it.Ref] == "" {
				t.Errorf("item %s refers to no resource (%s)", it.ID, it.Ref)
			}
			walk(it.Items)
		}
	}
	walk(m.Orgs[0].Root)
	for name, b := range files {
		if strings.HasSuffix(name, ".xml") {
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s is not well-formed: %v", name, err)
					break
				}
			}
		}
	}
	return &m, types
}

// checksOf reads a QTI assessment back into checks.
func checksOf(t *testing.T, b []byte) (string, []check.Check) {
	t.Helper()
	var q qti
	if err := xml.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	if p := entry(q.Assessment.Profile, "cc_profile"); p != "cc.exam.v0p1" {
		t.Errorf("assessment profile %q", p)
	}
	var out []check.Check
	for _, it := range q.Assessment.Items {
		c := check.Check{Q: it.Q}
		var right []string
		for _, cond := range it.Conds {
			if cond.Set == "100" {
				right = append(append(append(right, cond.Equal...), cond.And...), cond.Or...)
			}
		}
		profile := entry(it.Meta, "cc_profile")
		switch {
		case it.Lid != nil:
			for i, l := range it.Lid.Labels {
				c.Choices = append(c.Choices, l.Text)
				if slices.Contains(right, l.ID) && (profile != "cc.multiple_response.v0p1" || isRight(it.Conds, l.ID)) {
					c.Answer = append(c.Answer, i+1)
				}
			}
			want := map[string]string{"Single": "cc.multiple_choice.v0p1", "Multiple": "cc.multiple_response.v0p1"}[it.Lid.Card]
			if profile != want {
				t.Errorf("%q: profile %q with cardinality %q", c.Q, profile, it.Lid.Card)
			}
		case it.Str != nil:
			c.Accept = right
			if profile != "cc.fib.v0p1" {
				t.Errorf("%q: profile %q", c.Q, profile)
			}
		}
		for _, f := range it.Feedback {
			c.Explain = f.Text
		}
		out = append(out, c)
	}
	return q.Assessment.Title, out
}

// isRight tells a right choice of a multiple response item from one
// that must not be chosen (written as <not><varequal>).
func isRight(conds []condition, id string) bool {
	for _, c := range conds {
		if slices.Contains(c.And, id) {
			return true
		}
	}
	return false
}

func TestCartridgeReadsBackAsTheCourse(t *testing.T) {
	for _, root := range []string{"testdata/site", filepath.Join("..", "..")} {
		c := load(t, root)
		files := export(t, c, "")
		m, types := readBack(t, files)

		// The organisation is the units, then the competencies no unit has.
		var titles []string
		for _, it := range m.Orgs[0].Root[0].Items {
			titles = append(titles, it.Title)
		}
		var want []string
		for _, u := range c.UnitOrder() {
			want = append(want, u.Title)
		}
		inUnit := map[string]bool{}
		for _, u := range c.Units {
			for _, r := range u.Competencies {
				inUnit[r.ID] = true
			}
		}
		if len(inUnit) < len(c.Competencies) {
			want = append(want, "More skills")
		}
		if !slices.Equal(titles, want) {
			t.Errorf("%s: organisation %q, want %q", root, titles, want)
		}

		// One web content page per activity, one quiz per competency with
		// checks, equal to its checks.
		pages, quizzes := 0, 0
		for _, typ := range types {
			switch typ {
			case "webcontent":
				pages++
			case "imsqti_xmlv1p2/imscc_xmlv1p3/assessment":
				quizzes++
			}
		}
		if want := len(c.Activities) + len(c.Competencies) + len(c.Units); pages != want {
			t.Errorf("%s: %d pages, want one per activity, competency and unit (%d)", root, pages, want)
		}
		withChecks := 0
		for _, k := range c.Competencies {
			var want []check.Check
			for _, a := range c.ActivitiesFor[k.ID] {
				for _, ch := range a.Checks {
					ch.Pos, ch.Multi = diag.Pos{}, false
					if ch.Kind() != check.Short {
						ch.Accept = nil
					}
					want = append(want, ch)
				}
			}
			b, ok := files["quizzes/"+k.ID+"/assessment.xml"]
			if len(want) == 0 {
				if ok {
					t.Errorf("%s: a quiz for %s, which has no checks", root, k.ID)
				}
				continue
			}
			withChecks++
			title, got := checksOf(t, b)
			if title != "Quick checks: "+k.Title {
				t.Errorf("quiz title %q", title)
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d items, want %d", k.ID, len(got), len(want))
				continue
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.Q != w.Q || !slices.Equal(g.Choices, w.Choices) || !slices.Equal(g.Answer, w.Answer) ||
					!slices.Equal(g.Accept, w.Accept) || g.Explain != w.Explain {
					t.Errorf("%s orgItem %d:\n got %+v\nwant %+v", k.ID, i+1, g, w)
				}
			}
		}
		if quizzes != withChecks || quizzes == 0 {
			t.Errorf("%s: %d quizzes, %d competencies with checks", root, quizzes, withChecks)
		}
	}
}

func TestPagesAreRenderedBodiesWithTheirFiles(t *testing.T) {
	files := export(t, load(t, "testdata/site"), "")
	page := string(files["activities/smoothies.html"])
	for _, want := range []string{
		"<title>Smoothie &lt;ratios&gt;</title>",
		`<a href="../activities/table.html">the table</a>`,
		`<img src="../web_resources/activities/table.png" alt="a ratio table"`,
		`<a href="https://www.youtube.com/watch?v=abcdefghijk">Watch or listen</a>`,
		"This activity&#39;s quick checks are in the quiz “Quick checks: Ratio language”.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	for _, not := range []string{"<form", "Yogurt to mango", "```", "~~~"} {
		if strings.Contains(page, not) {
			t.Errorf("page holds %q (checks belong in the quiz):\n%s", not, page)
		}
	}
	if string(files["web_resources/activities/table.png"]) != "PNGDATA" {
		t.Error("the image was not copied in")
	}
}

func TestUnitsAndCompetenciesHaveTheirOwnPages(t *testing.T) {
	files := export(t, load(t, "testdata/site"), "")
	m, _ := readBack(t, files)
	unit := m.Orgs[0].Root[0].Items[0]
	if unit.Items[0].Ref != "r_u_ratios" || unit.Items[1].Items[0].Ref != "r_c_ratio-language" {
		t.Errorf("the unit's and the competency's pages come first: %+v", unit)
	}
	if p := string(files["units/ratios.html"]); !strings.Contains(p, "<h1>Ratios &amp; rates</h1>") || !strings.Contains(p, "<p>Why ratios.</p>") {
		t.Errorf("unit page:\n%s", p)
	}
	if p := string(files["competencies/unit-rate.html"]); !strings.Contains(p, "<p><strong>I can find a unit rate.</strong></p>") {
		t.Errorf("competency page:\n%s", p)
	}
	if p := string(files["activities/percent-game.html"]); !strings.Contains(p, `<a href="../competencies/unit-rate.html">unit rates</a>`) {
		t.Errorf("a link to a competency leads to its page in the cartridge:\n%s", p)
	}
}

func TestWithABaseURLActivitiesAreWebLinks(t *testing.T) {
	files := export(t, load(t, "testdata/site"), "https://school.example/math")
	_, types := readBack(t, files)
	type link struct {
		XMLName xml.Name `xml:"http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3 webLink"`
		Title   string   `xml:"title"`
		URL     struct {
			Href string `xml:"href,attr"`
		} `xml:"url"`
	}
	var l link
	if err := xml.Unmarshal(files["links/activities/smoothies.xml"], &l); err != nil {
		t.Fatal(err)
	}
	if l.Title != "Smoothie <ratios>" || l.URL.Href != "https://school.example/math/activities/smoothies/" {
		t.Errorf("link %+v", l)
	}
	if types["r_smoothies"] != "imswl_xmlv1p3" {
		t.Errorf("types %v", types)
	}
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			t.Errorf("%s: no pages with a base URL", name)
		}
	}
	if !strings.Contains(string(files["links/competencies/unit-rate.xml"]), `href="https://school.example/math/competencies/unit-rate/"`) {
		t.Errorf("competency link:\n%s", files["links/competencies/unit-rate.xml"])
	}
}

func TestNothingAboutStudentsIsExported(t *testing.T) {
	for name, b := range export(t, load(t, "testdata/site"), "") {
		if bytes.Contains(b, []byte("Zyxwv")) || bytes.Contains(b, []byte("qwertyuiop")) || strings.Contains(name, "secret-kid") {
			t.Errorf("%s holds a student's data", name)
		}
	}
}
