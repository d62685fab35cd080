package site

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/coursedata"
)

// chunkCourse has two units and a competency in none; "shared" builds a
// competency of each unit, and the student studies unit two only.
func chunkCourse(t *testing.T) string {
	dir := t.TempDir()
	act := func(title, level, comps string) string {
		return "---\ntitle: " + title + "\nfor: [" + comps + "]\nmodality: reading\nminutes: 5\nlevel: " + level + "\n---\nBody.\n"
	}
	write(t, dir, map[string]string{
		"site.yaml":                     "title: Chunks\n",
		"content/units/one.md":          "---\ntitle: One\ncompetencies: [k1]\n---\n",
		"content/units/two.md":          "---\ntitle: Two\ncompetencies: [k2]\n---\n",
		"content/competencies/k1.md":    "---\ntitle: K one\ncan: I can one.\n---\n",
		"content/competencies/k2.md":    "---\ntitle: K two\ncan: I can two.\nrequires: [lone]\n---\n",
		"content/competencies/lone.md":  "---\ntitle: Lone\ncan: I can alone.\n---\n",
		"content/activities/a1.md":      act("A one", "core", "k1"),
		"content/activities/b1.md":      act("B one", "core", "k2"),
		"content/activities/shared.md":  act("Shared support", "support", "k1, k2"),
		"content/activities/l1.md":      act("Lone one", "core", "lone"),
		"content/students/stu.yaml":     "name: Stu\nunits: [two]\n",
		"content/students/other.yaml":   "name: Other\nunits: [one]\n",
		"content/activities/extra-1.md": act("Extra", "extension", "k1"),
	})
	return dir
}

var chunkSrcRE = regexp.MustCompile(`<script src="(?:\.\./)*(assets/course\.[^"]+)"`)

// loaded lists the course data files page p of out loads, and what they
// hold merged.
func loaded(t *testing.T, out, p string) ([]string, coursedata.Chunk) {
	t.Helper()
	html, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	all := coursedata.Chunk{Activities: map[string]coursedata.Activity{}, Competencies: map[string]coursedata.Competency{}, Units: map[string]coursedata.Unit{}}
	for _, m := range chunkSrcRE.FindAllStringSubmatch(string(html), -1) {
		// assets/course.<chunk>.<hash>.js; the head has no chunk id
		parts := strings.Split(path.Base(m[1]), ".")
		if len(parts) == 3 {
			continue
		}
		names = append(names, parts[1])
		js, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m[1])))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.TrimSuffix(string(js), ");\n")
		var c coursedata.Chunk
		if err := json.Unmarshal([]byte(s[strings.Index(s, "})(")+3:]), &c); err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		for k, v := range c.Activities {
			all.Activities[k] = v
		}
		for k, v := range c.Competencies {
			all.Competencies[k] = v
		}
		for k, v := range c.Units {
			all.Units[k] = v
		}
	}
	return names, all
}

func TestEachPageLoadsTheChunksOfWhatItShows(t *testing.T) {
	t.Setenv("PACER_SECRET", "chunks")
	res, err := Build(Options{Root: chunkCourse(t)})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	stu := ""
	for _, s := range res.Students {
		if s.ID == "stu" {
			stu = s.Path
		}
	}
	for _, c := range []struct {
		page   string
		chunks []string
	}{
		{"index.html", nil},
		{unitURL("one"), []string{"one"}},
		{diagnosticURL("one"), nil}, // no diagnostic: no page
		{competencyURL("k2"), []string{"two"}},
		{competencyURL("lone"), []string{restChunk}},
		{activityURL("a1"), []string{"one"}},
		{activityURL("shared"), []string{"one", "two"}},
		{activityURL("l1"), []string{restChunk}},
		// steps lone and k2; unit one is not the student's
		{stu, []string{restChunk, "two"}},
	} {
		if _, err := os.Stat(filepath.Join(res.Out, c.page)); err != nil {
			continue
		}
		got, _ := loaded(t, res.Out, c.page)
		if !slices.Equal(got, c.chunks) {
			t.Errorf("%s loads the chunks %q, want %q", c.page, got, c.chunks)
		}
	}

	// The student page has what it shows: the titles of its steps and of
	// every activity they offer, "shared" (support in unit two, though
	// also for unit one) included, and every activity of each step's
	// competency, which the page's playlist names by rank among them.
	_, data := loaded(t, res.Out, stu)
	for id, title := range map[string]string{"b1": "B one", "shared": "Shared support", "l1": "Lone one"} {
		if got := data.Activities[id].T; got != title {
			t.Errorf("the student page's course data has %s as %q, want %q", id, got, title)
		}
	}
	if _, ok := data.Activities["a1"]; ok {
		t.Error("the student page loads a1, an activity of a unit not in its plan")
	}
	for _, k := range []string{"k2", "lone"} {
		if data.Competencies[k].T == "" {
			t.Errorf("the student page's course data has no competency %s", k)
		}
	}
	if data.Units["two"].T != "Two" {
		t.Errorf("the student page's course data has unit two as %+v", data.Units["two"])
	}
	_, one := loaded(t, res.Out, unitURL("one"))
	for _, id := range []string{"a1", "shared", "extra-1"} {
		if _, ok := one.Activities[id]; !ok {
			t.Errorf("unit one's chunk lacks %s, an activity of its competency k1", id)
		}
	}
}
