package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// keyLiteral is a string literal of the theme's script that names a UI
// string ("next.heading"); dynamic keys are built from the prefixes below.
var keyLiteral = regexp.MustCompile(`"([a-z]+(?:\.[a-zA-Z-]+)+)"`)

var dynamicKeys = map[string][]string{
	"status.": {"not-started", "practicing", "needs-support", "mastered", "placed"},
	"mod.":    {"video", "reading", "audio", "hands-on", "interactive", "practice", "project", "discussion", "game"},
}

func clientStrings(t *testing.T, root, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "themes", "default", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]string
	if err := yaml.Unmarshal(b, &all); err != nil {
		t.Fatalf("%s.yaml: %v", lang, err)
	}
	out := map[string]string{}
	for k, v := range all {
		if rest, ok := strings.CutPrefix(k, "client."); ok {
			out[rest] = v
		}
	}
	return out
}

// Every string the script shows exists in English and Spanish, with the
// same placeholders, and neither language has keys the other lacks.
func TestClientStringsAreCompleteInEnglishAndSpanish(t *testing.T) {
	root := moduleRoot(t)
	srcs, err := filepath.Glob(filepath.Join(root, "themes", "default", "assets", "*.ts"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no theme scripts: %v", err)
	}
	used := map[string]bool{}
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyLiteral.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	// Keys the layouts use (<noscript> hints) count as used too.
	layouts, _ := filepath.Glob(filepath.Join(root, "themes", "default", "layouts", "*.html"))
	for _, l := range layouts {
		b, err := os.ReadFile(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`"client\.([a-zA-Z.-]+)"`).FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	for prefix, rest := range dynamicKeys {
		for _, r := range rest {
			used[prefix+r] = true
		}
	}
	en, es := clientStrings(t, root, "en"), clientStrings(t, root, "es")
	spaces := map[string]bool{}
	for k := range en {
		spaces[strings.Split(k, ".")[0]] = true
	}
	for k := range used {
		if !spaces[strings.Split(k, ".")[0]] {
			delete(used, k) // "form.check", "index.html": not a UI string
		}
	}
	for k := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("the script uses %q, missing from en.yaml as client.%s", k, k)
		}
	}
	placeholder := regexp.MustCompile(`\{\w+\}`)
	for k, v := range en {
		w, ok := es[k]
		if !ok {
			t.Errorf("client.%s is missing from es.yaml", k)
			continue
		}
		a, b := placeholder.FindAllString(v, -1), placeholder.FindAllString(w, -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("client.%s: English has %v, Spanish %v", k, a, b)
		}
		if !used[k] && !used[strings.TrimSuffix(k, ".one")] {
			t.Errorf("client.%s is not used by the script", k)
		}
	}
	for k := range es {
		if _, ok := en[k]; !ok {
			t.Errorf("client.%s is in es.yaml only", k)
		}
	}
}
