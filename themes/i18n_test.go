package themes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The built-in theme's i18n files are the one home of every UI string:
// each shipped language defines every key the code uses, and every key
// defined is used somewhere. A key is used by the layouts (index .T "k"),
// by Go code (a string literal equal to the key, or a literal prefix
// ending in "." that code completes, as "modality." + id) or by the
// browser script (t("k") for the key "client.k"; "mod." + id likewise).

var shipped = []string{"en", "es"}

// keyShape is what a string must look like to be taken for a key.
var keyShape = regexp.MustCompile(`^[a-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$`)

// notKeys are last segments that make a key-shaped literal a file name
// ("index.html", "site.yaml").
var notKeys = []string{"html", "css", "js", "ts", "yaml", "yml", "json", "md", "txt", "svg", "png", "csv", "go", "vtt", "mp4", "mp3", "zip", "xml", "imscc"}

type uses struct {
	// exact keys, with where each is used
	exact map[string]string
	// prefixes that code completes at run time
	prefixes []string
}

func (u *uses) add(key, where string) {
	if _, ok := u.exact[key]; !ok {
		u.exact[key] = where
	}
}

func (u *uses) used(key string) bool {
	if _, ok := u.exact[key]; ok {
		return true
	}
	// a ".one" form is looked up beside its key when a count is 1
	if base, ok := strings.CutSuffix(key, ".one"); ok {
		if _, ok := u.exact[base]; ok {
			return true
		}
	}
	for _, p := range u.prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

func loadKeys(t *testing.T, lang string) map[string]string {
	src, err := fs.ReadFile(FS, "default/i18n/"+lang+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(src, &m); err != nil {
		t.Fatalf("%s.yaml: %v", lang, err)
	}
	return m
}

var (
	// in layouts: index .T "key", and index .T (print "prefix." ...)
	tmplKeyRE    = regexp.MustCompile(`\.T\s+"([^"]+)"`)
	tmplPrefixRE = regexp.MustCompile(`\.T\s+\(print\s+"([^"]+\.)"`)
	// in TypeScript: t("key"...), the keys of a t(a ? "k1" : "k2") call,
	// and any quoted literal (a key passed around before t is called)
	tsCallRE    = regexp.MustCompile(`\bt\(\s*"([^"]+)"`)
	tsCallAllRE = regexp.MustCompile(`\bt\(([^()]*)\)`)
	tsLitRE     = regexp.MustCompile(`"([^"\\]*)"|'([^'\\]*)'`)
	tsPrefixRE  = regexp.MustCompile(`\bt\(\s*"([^"]+\.)"\s*\+`)
)

// scan finds the keys the code uses (code) and the key-shaped strings it
// asks for (asked: what must be defined).
func scan(t *testing.T, namespaces map[string]bool) (code *uses, asked map[string]string) {
	code = &uses{exact: map[string]string{}}
	asked = map[string]string{}
	ask := func(key, where string) {
		if _, ok := asked[key]; !ok {
			asked[key] = where
		}
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	line := func(src string, at int) string { return strconv.Itoa(strings.Count(src[:at], "\n") + 1) }

	layouts, _ := filepath.Glob("default/layouts/*.html")
	for _, p := range layouts {
		src := read(p)
		for _, m := range tmplKeyRE.FindAllStringSubmatchIndex(src, -1) {
			k, where := src[m[2]:m[3]], p+":"+line(src, m[0])
			code.add(k, where)
			ask(k, where)
		}
		for _, m := range tmplPrefixRE.FindAllStringSubmatch(src, -1) {
			code.prefixes = append(code.prefixes, m[1])
		}
	}

	scripts, _ := filepath.Glob("default/assets/*.ts")
	for _, p := range scripts {
		src := read(p)
		for _, m := range tsCallRE.FindAllStringSubmatchIndex(src, -1) {
			k := src[m[2]:m[3]]
			if strings.HasSuffix(k, ".") {
				continue
			}
			ask("client."+k, p+":"+line(src, m[0]))
		}
		for _, m := range tsCallAllRE.FindAllStringSubmatchIndex(src, -1) {
			for _, l := range tsLitRE.FindAllStringSubmatch(src[m[2]:m[3]], -1) {
				if k := l[1] + l[2]; keyShape.MatchString(k) {
					ask("client."+k, p+":"+line(src, m[0]))
				}
			}
		}
		for _, l := range tsStrings(src) {
			code.add("client."+l, p)
		}
		for _, m := range tsPrefixRE.FindAllStringSubmatch(src, -1) {
			code.prefixes = append(code.prefixes, "client."+m[1])
		}
	}

	fset := token.NewFileSet()
	for _, root := range []string{"../engine", "../cmd"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				where := fset.Position(lit.Pos()).String()
				// "client." hands every client string to the browser:
				// it uses none by itself.
				if strings.HasSuffix(s, ".") && keyShape.MatchString(s+"x") && s != "client." {
					code.prefixes = append(code.prefixes, s)
					return true
				}
				if !keyShape.MatchString(s) {
					return true
				}
				code.add(s, where)
				ns, _, _ := strings.Cut(s, ".")
				last := s[strings.LastIndex(s, ".")+1:]
				if namespaces[ns] && !slices.Contains(notKeys, last) {
					ask(s, where)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return code, asked
}

// tsStrings returns the string literals of TypeScript source, comments
// left out (a template literal up to its first ${).
func tsStrings(src string) []string {
	var out []string
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case strings.HasPrefix(src[i:], "//"):
			i += strings.IndexByte(src[i:]+"\n", '\n')
		case strings.HasPrefix(src[i:], "/*"):
			i += strings.Index(src[i:]+"*/", "*/") + 1
		case c == '"' || c == '\'' || c == '`':
			var b strings.Builder
			j := i + 1
			for ; j < len(src) && src[j] != c; j++ {
				if src[j] == '\\' {
					j++
					continue
				}
				if c == '`' && strings.HasPrefix(src[j:], "${") {
					break
				}
				b.WriteByte(src[j])
			}
			out = append(out, b.String())
			if c == '`' {
				// skip the rest of the template literal
				for j < len(src) && src[j] != '`' {
					j++
				}
			}
			i = j
		}
	}
	return out
}

func TestEveryShippedLanguageDefinesEveryKeyTheCodeUses(t *testing.T) {
	en := loadKeys(t, "en")
	namespaces := map[string]bool{}
	for k := range en {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	_, asked := scan(t, namespaces)
	if len(asked) < 100 {
		t.Fatalf("found only %d keys in the code: the scan is broken", len(asked))
	}
	for _, lang := range shipped {
		defined := loadKeys(t, lang)
		var missing []string
		for k, where := range asked {
			if _, ok := defined[k]; !ok {
				missing = append(missing, where+": "+k)
			}
		}
		slices.Sort(missing)
		for _, m := range missing {
			t.Errorf("default/i18n/%s.yaml lacks a key used at %s", lang, m)
		}
	}
}

func TestEveryKeyOfEveryShippedLanguageIsUsed(t *testing.T) {
	en := loadKeys(t, "en")
	namespaces := map[string]bool{}
	for k := range en {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	code, _ := scan(t, namespaces)
	for _, lang := range shipped {
		var unused []string
		for k := range loadKeys(t, lang) {
			if !code.used(k) {
				unused = append(unused, k)
			}
		}
		slices.Sort(unused)
		for _, k := range unused {
			t.Errorf("default/i18n/%s.yaml: key %s is used nowhere (layouts, Go, TypeScript)", lang, k)
		}
	}
}

func TestShippedLanguagesHaveTheSameKeys(t *testing.T) {
	en := loadKeys(t, "en")
	for _, lang := range shipped[1:] {
		m := loadKeys(t, lang)
		for k := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("default/i18n/%s.yaml lacks %s", lang, k)
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("default/i18n/%s.yaml has %s, which en.yaml has not", lang, k)
			}
		}
	}
}

// genderedES are Spanish forms that assume a student's or a family's
// gender: say "con 3 días de retraso", "cada estudiante", "quienes",
// "en familia" instead.
var genderedES = regexp.MustCompile(`(?i)\b(atrasad[oa]s?|adelantad[oa]s?|junt[oa]s|alumn[oa]s?|(el|del|al|los|un|unos|este|ese|todos los) estudiantes?)\b`)

func TestSpanishWordingDoesNotAssumeGender(t *testing.T) {
	for k, v := range loadKeys(t, "es") {
		if m := genderedES.FindString(v); m != "" {
			t.Errorf("default/i18n/es.yaml: %s says %q, which assumes a gender: %s", k, m, v)
		}
	}
}
