package standards

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
)

func TestBothSpellingsOfTheEducationLevelAreRead(t *testing.T) {
	pkg, err := Read("testdata/ratios.json", &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"f0000000-0000-4000-8000-000000000012", "f0000000-0000-4000-8000-000000000013"} {
		if x := pkg.Item[id]; !slices.Equal(x.Levels, []string{"06"}) {
			t.Errorf("%s levels %q", x.Code, x.Levels)
		}
	}
}

func TestCompetenciesFollowTheFrameworksOrder(t *testing.T) {
	pkg, _ := Read("testdata/ratios.json", &diag.List{})
	diags := &diag.List{}
	course := content.Load(t.TempDir(), config.Default(), &diag.List{})
	p := Make(pkg, course, "", diags)
	var got []string
	for _, f := range p.Files {
		got = append(got, f.Path)
	}
	want := []string{
		"content/competencies/6-rp-a-1.md", "content/competencies/6-rp-a-2.md", "content/competencies/6-rp-a-3.md",
		"content/competencies/6-rp-a-3-a.md", "content/competencies/6-rp-a-3-b.md", "content/competencies/6-rp-b-1.md",
		"content/units/6-rp-a.md", "content/units/6-rp-b.md",
	}
	if !slices.Equal(got, want) || diags.Len() != 0 {
		t.Errorf("files %q, diagnostics %v", got, diags.Items())
	}
}

func TestNaturalOrderComparesNumbersAsNumbers(t *testing.T) {
	codes := []string{"6.RP.A.10", "6.RP.A.2", "6.RP.A.1", "6.RP.A.3.b", "6.RP.A.3.a"}
	slices.SortFunc(codes, func(a, b string) int {
		if natural(a, b) {
			return -1
		}
		if natural(b, a) {
			return 1
		}
		return 0
	})
	if want := []string{"6.RP.A.1", "6.RP.A.2", "6.RP.A.3.a", "6.RP.A.3.b", "6.RP.A.10"}; !slices.Equal(codes, want) {
		t.Errorf("%q", codes)
	}
}

func TestShortStatementsDropMarkdownAndCutAtAWord(t *testing.T) {
	for in, want := range map[string]string{
		"Find the **unit rate** of a [ratio](https://x.example).":                    "Find the unit rate of a ratio",
		"Solve problems. Then explain.":                                              "Solve problems",
		"Use ratio and rate reasoning to solve real-world and mathematical problems": "Use ratio and rate reasoning to solve real-world and…",
	} {
		if got := short(in, 60); got != want {
			t.Errorf("short(%q) = %q, want %q", in, got, want)
		}
	}
	if c := can(&Item{Statement: "Understand ratios."}); c != "I can understand ratios" {
		t.Errorf("can = %q", c)
	}
	if c := can(&Item{Statement: "UN rules."}); !strings.HasPrefix(c, "I can UN") {
		t.Errorf("can = %q", c)
	}
}

func TestTheItemTypeMayComeFromItsURI(t *testing.T) {
	f := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(f, []byte(`{"CFDocument": {"identifier": "d", "title": "T"},
	  "CFItems": [
	    {"identifier": "c", "CFItemTypeURI": {"title": "Cluster", "identifier": "x"}, "humanCodingScheme": "A", "fullStatement": "A cluster."},
	    {"identifier": "s", "CFItemTypeURI": {"title": "Standard", "identifier": "y"}, "humanCodingScheme": "A.1", "fullStatement": "A standard."},
	    {"identifier": "sa", "CFItemTypeURI": {"title": "Component", "identifier": "z"}, "humanCodingScheme": "A.1.a", "fullStatement": "A part."},
	    {"identifier": "e", "CFItemTypeURI": {"title": "Domain", "identifier": "w"}, "humanCodingScheme": "B", "fullStatement": "An empty domain."}
	  ],
	  "CFAssociations": [
	    {"identifier": "a", "associationType": "isChildOf", "originNodeURI": {"identifier": "s"}, "destinationNodeURI": {"identifier": "c"}},
	    {"identifier": "b", "associationType": "isChildOf", "originNodeURI": {"identifier": "sa"}, "destinationNodeURI": {"identifier": "s"}}]}`), 0o644)
	pkg, err := Read(f, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	p := Make(pkg, content.Load(t.TempDir(), config.Default(), &diag.List{}), "", &diag.List{})
	var got []string
	for _, f := range p.Files {
		got = append(got, f.Path)
	}
	if want := []string{"content/competencies/a-1.md", "content/competencies/a-1-a.md", "content/units/a.md"}; !slices.Equal(got, want) {
		t.Errorf("files %q", got)
	}
}
