// Package render owns the theme: finding its files (a site's overrides over
// the embedded theme), its UI strings per language, and executing its
// html/template layouts into pages from view models. It does not decide
// what pages exist or where they are written.
package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/pacer-edu/pacer/engine/pubfile"
	"github.com/pacer-edu/pacer/themes"
	"go.yaml.in/yaml/v3"
)

// Kinds of pages a theme lays out, one layout file each under layouts/.
var Kinds = []string{"index", "unit", "competency", "activity", "student", "diagnostic"}

// Theme is a loaded theme.
type Theme struct {
	Name    string
	FS      fs.FS // overlay: site overrides first, then the embedded theme
	pages   map[string]*layout
	strings map[string]map[string]string // language -> key -> text
}

// fenced is a site's theme folder whose files are read only when they may
// be published: a layout or asset that is a link to .pacer/secret would
// put the secret into every page.
type fenced struct {
	fs.FS
	dir   string
	fence *pubfile.Fence
}

func (f fenced) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	p := filepath.Join(f.dir, filepath.FromSlash(name))
	if _, err := os.Lstat(p); err == nil {
		if err := f.fence.Check(p); err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
	return f.FS.Open(name)
}

// overlay reads each name from the first layer that has it.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err // the layer has it but cannot give it: never fall back silently
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return nil, firstErr
}

// Load finds theme name: files under siteRoot/themes/<name>/ override the
// embedded theme of that name, which falls back to the embedded default.
func Load(siteRoot, name string) (*Theme, error) {
	var layers overlay
	local := filepath.Join(siteRoot, "themes", name)
	if fi, err := os.Stat(local); err == nil && fi.IsDir() {
		layers = append(layers, fenced{os.DirFS(local), local, pubfile.New(siteRoot, "")})
	}
	if sub, err := fs.Sub(themes.FS, name); err == nil {
		if _, err := fs.Stat(sub, "layouts"); err == nil {
			layers = append(layers, sub)
		}
	}
	if len(layers) == 0 {
		return nil, fmt.Errorf("theme %q not found: no folder themes/%s in the site and no built-in theme of that name", name, name)
	}
	if name != "default" {
		def, _ := fs.Sub(themes.FS, "default")
		layers = append(layers, def)
	}
	return load(name, layers)
}

// Builtin is the built-in default theme, with no site's overrides: for
// tools given no theme.
var Builtin = sync.OnceValues(func() (*Theme, error) {
	def, err := fs.Sub(themes.FS, "default")
	if err != nil {
		return nil, err
	}
	return load("default", overlay{def})
})

func load(name string, layers overlay) (*Theme, error) {
	t := &Theme{Name: name, FS: layers, pages: map[string]*layout{}, strings: map[string]map[string]string{}}
	if err := t.loadStrings(); err != nil {
		return nil, err
	}
	base, err := fs.ReadFile(t.FS, "layouts/base.html")
	if err != nil {
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	partials, err := fs.ReadFile(t.FS, "layouts/partials.html")
	if err != nil {
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	// The parts of a student's steps (the steps function) have a file of
	// their own, read before partials.html: a site's partials.html from
	// before they existed keeps them, and one that defines them wins.
	steps, err := fs.ReadFile(t.FS, "layouts/steps.html")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	for _, k := range Kinds {
		src, err := fs.ReadFile(t.FS, "layouts/"+k+".html")
		if err != nil {
			return nil, fmt.Errorf("theme %q: %w", name, err)
		}
		tm := template.New("base.html").Funcs(funcs)
		if _, err := tm.Parse(string(base)); err != nil {
			return nil, fmt.Errorf("theme %q: layouts/base.html: %v", name, cleanTemplateErr(err))
		}
		if _, err := tm.New("steps.html").Parse(string(steps)); err != nil {
			return nil, fmt.Errorf("theme %q: layouts/steps.html: %v", name, cleanTemplateErr(err))
		}
		if _, err := tm.New("partials.html").Parse(string(partials)); err != nil {
			return nil, fmt.Errorf("theme %q: layouts/partials.html: %v", name, cleanTemplateErr(err))
		}
		if _, err := tm.New(k + ".html").Parse(string(src)); err != nil {
			return nil, fmt.Errorf("theme %q: layouts/%s.html: %v", name, k, cleanTemplateErr(err))
		}
		ps := newParts(tm)
		tm.Funcs(template.FuncMap{"part": ps.call, "steps": ps.steps, "date": t.date})
		t.pages[k] = &layout{tm: tm}
	}
	return t, nil
}

func cleanTemplateErr(err error) string { return strings.TrimPrefix(err.Error(), "template: ") }

// loadStrings reads i18n/<lang>.yaml from every layer, key by key: a site
// that overrides a few strings keeps the theme's others.
func (t *Theme) loadStrings() error {
	layers := t.FS.(overlay)
	for i := len(layers) - 1; i >= 0; i-- {
		entries, _ := fs.ReadDir(layers[i], "i18n")
		for _, e := range entries {
			lang, ok := strings.CutSuffix(e.Name(), ".yaml")
			if !ok {
				continue
			}
			src, err := fs.ReadFile(layers[i], "i18n/"+e.Name())
			if err != nil {
				return err
			}
			m := map[string]string{}
			if err := yaml.Unmarshal(src, &m); err != nil {
				return fmt.Errorf("theme %q: i18n/%s: %v", t.Name, e.Name(), err)
			}
			if t.strings[lang] == nil {
				t.strings[lang] = map[string]string{}
			}
			for k, v := range m {
				t.strings[lang][k] = v
			}
		}
	}
	en, ok := t.strings["en"]
	if !ok {
		return fmt.Errorf("theme %q has no i18n/en.yaml", t.Name)
	}
	// English fills every other language's gaps, once, rather than on
	// each page.
	for _, m := range t.strings {
		for k, v := range en {
			if _, ok := m[k]; !ok {
				m[k] = v
			}
		}
	}
	return nil
}

// Languages lists the languages the theme has strings for.
func (t *Theme) Languages() []string {
	out := make([]string, 0, len(t.strings))
	for l := range t.strings {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// HasLanguage reports whether the theme has strings for lang.
func (t *Theme) HasLanguage(lang string) bool { _, ok := t.strings[lang]; return ok }

// Strings returns the UI strings of lang, English filling any gaps.
// The map is shared: callers must not change it.
func (t *Theme) Strings(lang string) map[string]string {
	_, m := t.Lookup(lang)
	return m
}

// Lookup returns the UI strings of lang ("es", "es-MX": the base language
// when the theme has no strings for the region) and the language they are
// in: English when the theme has neither. English fills any gaps. The map
// is shared: callers must not change it.
func (t *Theme) Lookup(lang string) (string, map[string]string) {
	if m, ok := t.strings[lang]; ok {
		return lang, m
	}
	if base, _, ok := strings.Cut(lang, "-"); ok {
		if m, ok := t.strings[base]; ok {
			return base, m
		}
	}
	return "en", t.strings["en"]
}

// Render executes the layout of p.Kind into w. After an error, w may hold
// part of the page.
func (t *Theme) Render(w io.Writer, p *Page) error {
	l, ok := t.pages[p.Kind]
	if !ok {
		return fmt.Errorf("theme %q has no layout for %q pages", t.Name, p.Kind)
	}
	l.once.Do(l.lean)
	if err := l.tm.ExecuteTemplate(w, "base.html", p); err != nil {
		return fmt.Errorf("theme %q: %v", t.Name, cleanTemplateErr(err))
	}
	return nil
}

var funcs = template.FuncMap{
	// part is bound per layout set in Load; this entry only lets the
	// layouts parse.
	"part":  func(string, any, any) template.HTML { return "" },
	"steps": func(any) template.HTML { return "" },
	"join":  strings.Join,
	"add":   func(a, b int) int { return a + b },
	"base":  path.Base,
	// date is bound per theme in Load: it reads the theme's day and
	// month names.
	"date": func(string, string) string { return "" },
}
