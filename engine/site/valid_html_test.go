package site

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestExampleCourseIsValidHTML runs the Nu Html Checker (vnu-jar from npm,
// on the system Java) over every page of the example course, and of a
// course of more units than the site header lists.
func TestExampleCourseIsValidHTML(t *testing.T) {
	root := moduleRoot(t)
	jar := filepath.Join(root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	java, err := exec.LookPath("java")
	if _, jerr := os.Stat(jar); err != nil || jerr != nil {
		msg := "the Nu Html Checker needs java and node_modules/vnu-jar: npm install --ignore-scripts --no-save vnu-jar"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Setenv("PACER_SECRET", "html-test")
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Root: root, Out: out, Secret: []byte("html-test")})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	many, err := Build(Options{Root: unitsCourse(t, 9), Out: filepath.Join(filepath.Dir(out), "many-units"), Secret: []byte("html-test")})
	if err != nil || many.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, many.Diags.Items())
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--stdout", "--skip-non-html", out, many.Out)
	b, err := cmd.Output()
	var report struct {
		Messages []struct {
			URL     string `json:"url"`
			Type    string `json:"type"`
			Line    int    `json:"lastLine"`
			Message string `json:"message"`
			Extract string `json:"extract"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(b, &report); jerr != nil {
		t.Fatalf("vnu: %v (%v): %s", jerr, err, b)
	}
	for _, m := range report.Messages {
		rel, _ := filepath.Rel(filepath.Dir(out), m.URL[len("file:"):])
		t.Errorf("%s:%d: %s: %s\n\t%s", rel, m.Line, m.Type, m.Message, m.Extract)
	}
}
