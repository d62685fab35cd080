// Package assets bundles a theme's client code: assets/main.ts and
// assets/style.css with everything they import, minified by esbuild into
// content-hashed files under assets/.
//
// Sources are read only through the theme's fs.FS (a site's override files
// layered over the embedded theme), never from disk, and nothing is written:
// the caller decides where the files go. A theme author can break the build,
// so problems come back as diagnostics with file:line:col, never as panics.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/pacer-edu/pacer/engine/diag"
)

// Entry points, relative to the theme root.
const (
	ScriptEntry = "assets/main.ts"
	StyleEntry  = "assets/style.css"
	// PanelsEntry is optional: the student page's rarely used panels
	// (saving and moving progress, this device), which the page loads
	// after it shows, so the main script stays within its budget.
	PanelsEntry = "assets/panels-entry.ts"
)

// Result is one build of a theme's assets.
type Result struct {
	// Files maps an output path relative to the site root
	// ("assets/pacer.3f9a1c2b04.js") to its contents.
	Files map[string][]byte
	// Script and Style are the paths in Files of the bundled script and
	// stylesheet; pages link them by prefixing their relative root.
	Script, Style string
	// Panels is the path in Files of the student page's panels module,
	// "" when the theme has none.
	Panels string
	// Warnings are esbuild's warnings about the theme's sources; File is
	// relative to the theme root.
	Warnings []diag.Diagnostic
}

// Error is a failed build: every problem esbuild reported, with File
// relative to the theme root (callers prefix "themes/<name>/" if they know
// where the file came from).
type Error struct {
	Diagnostics []diag.Diagnostic
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Hash returns the content hash used in asset file names: the first 10 hex
// digits of the SHA-256 of b.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:5])
}

// namespace marks paths esbuild must load through the plugin, so it never
// looks for them (or for tsconfig.json and package.json) on disk.
const namespace = "theme"

// outdir is a virtual output folder: with Write off, esbuild only uses it
// to name outputs and to write relative url()s between them.
const outdir = "/pacer/assets"

// Build bundles theme's assets/main.ts (IIFE, ES2019) and assets/style.css.
// It keeps no state, so concurrent builds are safe.
func Build(theme fs.FS) (*Result, error) {
	if err := checkEntries(theme); err != nil {
		return nil, err
	}
	return collect(api.Build(options(theme)))
}

func checkEntries(theme fs.FS) error {
	for _, entry := range []string{ScriptEntry, StyleEntry} {
		if _, err := fs.Stat(theme, entry); err != nil {
			return &Error{[]diag.Diagnostic{{
				Pos:     diag.Pos{File: entry},
				Message: "the theme has no " + entry,
				Hint:    "copy it from the default theme",
			}}}
		}
	}
	return nil
}

// collect turns esbuild's result into a Result or an *Error.
func collect(res api.BuildResult) (*Result, error) {
	warnings := diagnostics(res.Warnings, diag.Warning)
	if len(res.Errors) > 0 {
		return nil, &Error{diagnostics(res.Errors, diag.Error)}
	}
	out := &Result{Files: make(map[string][]byte), Warnings: warnings}
	for _, f := range res.OutputFiles {
		name := filepath.Base(f.Path)
		switch name {
		case "script.js":
			out.Script = "assets/pacer." + Hash(f.Contents) + ".js"
			out.Files[out.Script] = f.Contents
		case "panels.js":
			out.Panels = "assets/pacer-panels." + Hash(f.Contents) + ".js"
			out.Files[out.Panels] = f.Contents
		case "style.css":
			out.Style = "assets/pacer." + Hash(f.Contents) + ".css"
			out.Files[out.Style] = f.Contents
		default: // a font or image the stylesheet refers to; esbuild hashed its name
			out.Files["assets/"+name] = f.Contents
		}
	}
	if out.Script == "" || out.Style == "" {
		return nil, fmt.Errorf("assets: esbuild produced no script or no stylesheet")
	}
	return out, nil
}

// options is shared by Build and Context.
func options(theme fs.FS) api.BuildOptions {
	entries := []api.EntryPoint{
		{InputPath: ScriptEntry, OutputPath: "script"},
		{InputPath: StyleEntry, OutputPath: "style"},
	}
	if _, err := fs.Stat(theme, PanelsEntry); err == nil {
		entries = append(entries, api.EntryPoint{InputPath: PanelsEntry, OutputPath: "panels"})
	}
	return api.BuildOptions{
		EntryPointsAdvanced: entries,
		Bundle:              true,
		Format:              api.FormatIIFE,
		Platform:            api.PlatformBrowser,
		Target:              api.ES2019,
		Engines:             engines,
		MinifyWhitespace:    true,
		MinifyIdentifiers:   true,
		MinifySyntax:        true,
		LegalComments:       api.LegalCommentsNone,
		Sourcemap:           api.SourceMapNone,
		// Class fields as plain assignments: no defineProperty helper in every
		// bundle (the classes have no setters or subclasses it would matter to).
		TsconfigRaw: `{"compilerOptions":{"useDefineForClassFields":false}}`,
		Outdir:      outdir,
		AssetNames:  "[name].[hash]",
		Write:       false,
		LogLevel:    api.LogLevelSilent,
		LogOverride: cssErrors,
		Plugins:     []api.Plugin{themePlugin(theme)},
	}
}

// engines are the oldest browsers worth supporting on school devices;
// esbuild lowers CSS (nesting, newer colour syntax) for them.
var engines = []api.Engine{
	{Name: api.EngineChrome, Version: "80"},
	{Name: api.EngineEdge, Version: "80"},
	{Name: api.EngineFirefox, Version: "78"},
	{Name: api.EngineSafari, Version: "14.1"},
	{Name: api.EngineIOS, Version: "14.5"},
}

// cssErrors are CSS problems esbuild only warns about (browsers drop the
// broken rule and go on) that a theme author must fix: they fail the build.
var cssErrors = map[string]api.LogLevel{
	"css-syntax-error":  api.LogLevelError,
	"invalid-@import":   api.LogLevelError,
	"invalid-@charset":  api.LogLevelError,
	"invalid-@layer":    api.LogLevelError,
	"invalid-calc":      api.LogLevelError,
	"js-comment-in-css": api.LogLevelError,
}

var loaders = map[string]api.Loader{
	".ts":    api.LoaderTS,
	".js":    api.LoaderJS,
	".json":  api.LoaderJSON,
	".css":   api.LoaderCSS,
	".svg":   api.LoaderFile,
	".png":   api.LoaderFile,
	".jpg":   api.LoaderFile,
	".jpeg":  api.LoaderFile,
	".gif":   api.LoaderFile,
	".webp":  api.LoaderFile,
	".woff":  api.LoaderFile,
	".woff2": api.LoaderFile,
}

// scriptExts may be imported from a script; the rest only from CSS, so
// every emitted file is linked from the stylesheet, never from a page.
var scriptExts = []string{".ts", ".js", ".json"}

func themePlugin(theme fs.FS) api.Plugin {
	return api.Plugin{
		Name: "pacer-theme",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return resolve(theme, a)
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: namespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(theme, a.Path)
				if err != nil {
					return api.OnLoadResult{}, fmt.Errorf("cannot read %s: %v", a.Path, err)
				}
				s := string(data)
				return api.OnLoadResult{Contents: &s, Loader: loaders[path.Ext(a.Path)]}, nil
			})
		},
	}
}

func resolve(theme fs.FS, a api.OnResolveArgs) (api.OnResolveResult, error) {
	if a.Kind == api.ResolveEntryPoint {
		return api.OnResolveResult{Path: a.Path, Namespace: namespace}, nil
	}
	p := a.Path
	if strings.HasPrefix(p, "data:") || strings.HasPrefix(p, "#") {
		return api.OnResolveResult{Path: p, External: true}, nil
	}
	if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
		return api.OnResolveResult{}, fmt.Errorf("cannot import %q: a theme may import only its own files, by a relative path such as \"./file\" (no packages, no absolute paths, no other sites)", p)
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 { // url(font.woff2?#iefix)
		p = p[:i]
	}
	p = path.Join(path.Dir(a.Importer), p)
	if !fs.ValidPath(p) {
		return api.OnResolveResult{}, fmt.Errorf("cannot import %q: it is outside the theme", a.Path)
	}
	fromScript := hasExt(a.Importer, scriptExts)
	found := ""
	for _, c := range candidates(p, fromScript) {
		if st, err := fs.Stat(theme, c); err == nil && !st.IsDir() {
			found = c
			break
		}
	}
	switch {
	case found == "":
		return api.OnResolveResult{}, fmt.Errorf("cannot import %q: no such file in the theme", a.Path)
	case fromScript && !hasExt(found, scriptExts):
		return api.OnResolveResult{}, fmt.Errorf("cannot import %q from a script: scripts import .ts, .js and .json files; styles belong in %s", a.Path, StyleEntry)
	case loaders[path.Ext(found)] == 0:
		return api.OnResolveResult{}, fmt.Errorf("cannot import %q: unsupported file type %q", a.Path, path.Ext(found))
	}
	return api.OnResolveResult{Path: found, Namespace: namespace}, nil
}

func candidates(p string, fromScript bool) []string {
	if !fromScript {
		return []string{p}
	}
	return []string{p, p + ".ts", p + ".js", p + "/index.ts", p + "/index.js"}
}

func hasExt(p string, exts []string) bool {
	for _, e := range exts {
		if strings.HasSuffix(p, e) {
			return true
		}
	}
	return false
}

func diagnostics(msgs []api.Message, sev diag.Severity) []diag.Diagnostic {
	out := make([]diag.Diagnostic, 0, len(msgs))
	for _, m := range msgs {
		d := diag.Diagnostic{Severity: sev, Message: m.Text, Pos: diag.Pos{File: "assets"}}
		if l := m.Location; l != nil {
			col := l.Column
			if col <= len(l.LineText) {
				col = utf8.RuneCountInString(l.LineText[:col])
			}
			d.Pos = diag.Pos{File: strings.TrimPrefix(l.File, namespace+":"), Line: l.Line, Col: col + 1}
		}
		var notes []string
		for _, n := range m.Notes {
			if n.Text != "" {
				notes = append(notes, n.Text)
			}
		}
		d.Hint = strings.Join(notes, "; ")
		out = append(out, d)
	}
	return out
}
