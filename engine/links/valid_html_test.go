package links

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCardsAndScanPageAreValidHTML runs the Nu Html Checker (vnu-jar from
// npm, on the system Java) over the pages pacer links writes.
func TestCardsAndScanPageAreValidHTML(t *testing.T) {
	jar := filepath.Join("..", "..", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	java, err := exec.LookPath("java")
	if _, jerr := os.Stat(jar); err != nil || jerr != nil {
		msg := "the Nu Html Checker needs java and node_modules/vnu-jar: npm install --ignore-scripts --no-save vnu-jar"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	r := roster()
	r.SiteKey = "x57lfqi7z2"
	if _, _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--stdout", "--skip-non-html", dir).Output()
	var report struct {
		Messages []struct {
			URL     string `json:"url"`
			Line    int    `json:"lastLine"`
			Message string `json:"message"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(b, &report); jerr != nil {
		t.Fatalf("vnu: %v (%v): %s", jerr, err, b)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s", filepath.Base(m.URL), m.Line, m.Message)
	}
}
