package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/site"
)

func course(t *testing.T, dir string) *content.Course {
	t.Helper()
	res := site.Inspect(site.Options{Root: dir})
	if res.Diags.HasErrors() {
		t.Fatalf("the site has errors: %v", res.Diags.Items())
	}
	return res.Course
}

func TestEveryTemplateBuildsAsItIsWithoutWarnings(t *testing.T) {
	t.Setenv("PACER_SECRET", "s")
	dir := filepath.Join(t.TempDir(), "course")
	if err := Site(dir); err != nil {
		t.Fatal(err)
	}
	for _, it := range []Item{
		{Kind: "competency", ID: "decimals"},
		{Kind: "activity", ID: "decimal-video", For: []string{"decimals"}, Modality: "video"},
		{Kind: "activity", ID: "decimal-talk", For: []string{"decimals", "name-fractions"}, Modality: "discussion"},
		{Kind: "unit", ID: "decimals-unit"},
		{Kind: "group", ID: "class-b"},
		{Kind: "student", ID: "noor-a"},
	} {
		if _, err := New(course(t, dir), it); err != nil {
			t.Fatalf("new %s %s: %v", it.Kind, it.ID, err)
		}
	}
	res, err := site.Build(site.Options{Root: dir, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.Len() > 0 {
		t.Errorf("the site with every template has problems: %v", res.Diags.Items())
	}
	c := res.Course
	if u := c.Unit["decimals-unit"]; u == nil || len(u.Competencies) != 1 || u.Competencies[0].ID != "decimals" {
		t.Errorf("the new unit lists %+v, want the competency no unit had", u)
	}
	if s := c.Student["noor-a"]; s == nil || s.Name != "Noor A." || s.Group == nil || s.Group.ID != "class-a" {
		t.Errorf("the new student is %+v", s)
	}
	if a := c.Activity["decimal-video"]; a == nil || a.Modality != "video" || len(a.Checks) != 1 {
		t.Errorf("the new activity is %+v", a)
	}
}

func TestNewNeverOverwrites(t *testing.T) {
	t.Setenv("PACER_SECRET", "s")
	dir := filepath.Join(t.TempDir(), "course")
	if err := Site(dir); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content", "competencies", "name-fractions.md")
	before, _ := os.ReadFile(p)
	_, err := New(course(t, dir), Item{Kind: "competency", ID: "name-fractions"})
	if !errors.Is(err, ErrExists) {
		t.Errorf("err = %v, want ErrExists", err)
	}
	// A file of that name that is not (yet) a loaded item is not replaced either.
	os.WriteFile(filepath.Join(dir, "content", "units", "draft.md"), []byte("my notes"), 0o644)
	c := site.Inspect(site.Options{Root: dir}).Course
	if _, err := New(c, Item{Kind: "unit", ID: "draft"}); !errors.Is(err, ErrExists) {
		t.Errorf("err = %v, want ErrExists", err)
	}
	after, _ := os.ReadFile(p)
	if string(after) != string(before) {
		t.Error("the competency was changed")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content", "units", "draft.md")); string(b) != "my notes" {
		t.Errorf("draft.md = %q", b)
	}
}

func TestBadRequestsAreArgErrors(t *testing.T) {
	t.Setenv("PACER_SECRET", "s")
	dir := filepath.Join(t.TempDir(), "course")
	if err := Site(dir); err != nil {
		t.Fatal(err)
	}
	c := course(t, dir)
	for _, tt := range []struct {
		it   Item
		want string
	}{
		{Item{Kind: "lesson", ID: "a"}, "unknown kind"},
		{Item{Kind: "unit", ID: "Bad Id"}, "not a valid id"},
		{Item{Kind: "activity", ID: "a", For: []string{"name-fraction"}}, `did you mean "name-fractions"?`},
		{Item{Kind: "activity", ID: "a", Modality: "podcast"}, `"podcast" is not one of`},
	} {
		_, err := New(c, tt.it)
		var ae *ArgError
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want an ArgError saying %q", tt.it, err, tt.want)
		}
	}
}

func TestNamesAndTitlesFromIDs(t *testing.T) {
	if got := Name("ana-r"); got != "Ana R." {
		t.Errorf("Name = %q", got)
	}
	if got := Title("unit-rate-problems"); got != "Unit rate problems" {
		t.Errorf("Title = %q", got)
	}
}
