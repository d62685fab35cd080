package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/coursedata"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/internal/work"
	"github.com/pacer-edu/pacer/engine/markdown"
	"github.com/pacer-edu/pacer/engine/plan"
	"github.com/pacer-edu/pacer/engine/render"
)

// URL layout, relative to the output root. Links end in index.html so the
// site works from file:// as well as from a web server.
func competencyURL(id string) string { return "competencies/" + id + "/index.html" }
func activityURL(id string) string   { return "activities/" + id + "/index.html" }
func unitURL(id string) string       { return "units/" + id + "/index.html" }
func diagnosticURL(id string) string { return "units/" + id + "/diagnostic/index.html" }

// rootOf is the relative path from a page at p back to the root.
func rootOf(p string) string { return strings.Repeat("../", strings.Count(p, "/")) }

// job renders one page. page takes the builder so that the dev server can
// give each page its own diagnostics list.
type job struct {
	path string
	page func(b *builder) (*render.Page, error)
}

// generate renders every file of the site into out. Problems go to
// b.res.Diags; the error return is for failures to write.
func (b *builder) generate(out output) error {
	diags := b.res.Diags
	a, err := assets.Build(b.theme.FS)
	if err != nil {
		if ae, ok := err.(*assets.Error); ok {
			b.assetDiags(ae.Diagnostics)
			return nil
		}
		return err
	}
	b.assetDiags(a.Warnings)
	handInPath, handInJS := b.handIn()
	if diags.HasErrors() {
		return nil
	}
	if handInPath != "" {
		if err := out.put(handInPath, outFile{data: handInJS}); err != nil {
			return err
		}
	}
	for p, data := range a.Files {
		if err := out.put(p, outFile{data: data}); err != nil {
			return err
		}
	}
	for p, data := range b.stringScripts(true) {
		if err := out.put(p, outFile{data: data}); err != nil {
			return err
		}
	}
	courseJS := b.courseHead()
	coursePath := "assets/course." + assets.Hash(courseJS) + ".js"
	if err := out.put(coursePath, outFile{data: courseJS}); err != nil {
		return err
	}
	chunks := b.hashedChunks()
	for p, data := range chunks {
		if err := out.put(p, outFile{data: data}); err != nil {
			return err
		}
	}
	if err := b.putWorker(out, a, coursePath, slices.Sorted(maps.Keys(chunks))); err != nil {
		return err
	}
	if err := out.put("robots.txt", outFile{data: robots}); err != nil {
		return err
	}
	if err := out.put(studentsIndex, outFile{data: b.studentsIndex()}); err != nil {
		return err
	}
	site := b.site(a.Script, a.Style, coursePath)
	site.HandIn = handInPath
	site.Panels = a.Panels
	site.Worker = b.worker
	jobs, err := b.jobs(site, out.put)
	if err != nil {
		return err
	}
	err = b.renderJobs(jobs, func(i int, data []byte) error { return out.put(jobs[i].path, outFile{data: data}) })
	if err != nil {
		return err
	}
	copies := map[string]outFile{}
	b.links.addCopies(copies)
	for p, f := range copies {
		if err := out.put(p, f); err != nil {
			return err
		}
	}
	b.progress("rendered %d pages", len(jobs))
	return nil
}

var robots = []byte("User-agent: *\nDisallow: /s/\n")

// studentsIndex is an empty page where the student folders are, so a
// static server that lists folders lists no student's token.
const studentsIndex = "s/index.html"

func (b *builder) studentsIndex() []byte {
	return []byte(`<!DOCTYPE html>
<html lang="` + html.EscapeString(b.cfg.Language) + `"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>` + html.EscapeString(b.cfg.Title) + `</title></head><body></body></html>
`)
}

// assetDiags records esbuild's diagnostics, paths made relative to the site.
func (b *builder) assetDiags(ds []diag.Diagnostic) {
	for _, d := range ds {
		d.Pos.File = path.Join("themes", b.cfg.Theme, d.Pos.File)
		b.res.Diags.Add(d)
	}
}

// site is what every page shares; script, style and course are asset paths.
func (b *builder) site(script, style, course string) *render.Site {
	site := &render.Site{Title: b.cfg.Title, Key: b.res.SiteKey, Script: script, Style: style, Course: course, BaseURL: b.cfg.BaseURL}
	units := b.unitOrder()
	if len(units) > render.MenuUnits {
		site.MoreUnits = true
		return site
	}
	for _, u := range units {
		site.Units = append(site.Units, render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)})
	}
	return site
}

// jobs lists every page of the site, and passes the media files copied
// beside activities to put.
func (b *builder) jobs(site *render.Site, put func(string, outFile) error) ([]job, error) {
	c := b.course
	md := map[string]*markdown.Renderer{}
	for _, lang := range b.theme.Languages() {
		md[lang] = markdown.New(markdown.Options{Unsafe: b.cfg.Markdown.Unsafe, Strings: b.theme.Strings(lang)})
	}
	renderer := func(lang string) *markdown.Renderer {
		if r, ok := md[lang]; ok {
			return r
		}
		return md["en"]
	}
	lang := b.cfg.Language
	b.shared = newShared()
	b.held = c.UnitsHolding()
	b.actIDs = newActIDs(c)
	if b.planner == nil {
		b.planner = plan.New(c)
	}
	if b.links == nil {
		b.links = newLinker(c.Root, c, b.res.Diags)
	}

	var jobs []job
	jobs = append(jobs, job{"index.html", func(b *builder) (*render.Page, error) { return b.indexPage(site, lang), nil }})
	for _, u := range c.Units {
		jobs = append(jobs, job{unitURL(u.ID), func(b *builder) (*render.Page, error) { return b.chunked(b.unitPage(site, lang, renderer(lang), u)) }})
		if u.Diagnostic {
			jobs = append(jobs, job{diagnosticURL(u.ID), func(b *builder) (*render.Page, error) { return b.chunked(b.diagnosticPage(site, lang, u), nil) }})
		}
	}
	for _, k := range c.Competencies {
		jobs = append(jobs, job{competencyURL(k.ID), func(b *builder) (*render.Page, error) {
			return b.chunked(b.competencyPage(site, lang, renderer(lang), k))
		}})
	}
	for _, act := range c.Activities {
		jobs = append(jobs, job{activityURL(act.ID), func(b *builder) (*render.Page, error) {
			return b.chunked(b.activityPage(site, lang, renderer(lang), act))
		}})
		// A file the fence refuses is reported by content's checks; it is
		// never copied, whatever else happens.
		if act.Media != "" && !strings.Contains(act.Media, "://") {
			src := filepath.Join(c.Root, filepath.FromSlash(path.Dir(act.File)), filepath.FromSlash(act.Media))
			if b.links.fence.Check(src) != nil {
				continue
			}
			if err := put(path.Join("activities", act.ID, act.Media), outFile{src: src}); err != nil {
				return nil, err
			}
			if vtt := captionsOf(src); vtt != "" && b.links.fence.Check(vtt) == nil {
				if err := put(path.Join("activities", act.ID, filepath.Base(vtt)), outFile{src: vtt}); err != nil {
					return nil, err
				}
			}
		}
	}
	for i, s := range c.Students {
		st := b.res.Students[i]
		if st.ID != s.ID {
			return nil, fmt.Errorf("internal: student order mismatch")
		}
		l := lang
		if s.Language != "" && b.theme.HasLanguage(s.Language) {
			l = s.Language
		}
		jobs = append(jobs, job{st.Path, func(b *builder) (*render.Page, error) {
			return b.chunked(b.studentPage(site, l, renderer(l), s, st.Token))
		}})
	}
	return jobs, nil
}

// renderJobs renders jobs on a worker pool of two workers a core (each
// page ends in a file written, work.EachFile) and passes each page to
// put as it is done (from several goroutines at once); the page's bytes
// are the worker's buffer, valid only during the call. A page that fails
// is reported in b.res.Diags and skipped.
func (b *builder) renderJobs(jobs []job, put func(i int, data []byte) error) error {
	diags := b.res.Diags
	return work.EachFile(len(jobs), func() func(int) error {
		var buf bytes.Buffer
		return func(i int) error {
			j := jobs[i]
			p, err := j.page(b)
			if err != nil {
				diags.Errorf(diag.Pos{File: j.path}, "%v", err)
				return nil
			}
			if p == nil {
				return nil
			}
			p.Root = rootOf(j.path)
			buf.Reset()
			if err := b.theme.Render(&buf, p); err != nil {
				diags.Errorf(diag.Pos{File: "themes/" + b.cfg.Theme + "/layouts/" + p.Kind + ".html"}, "%v", err)
				return nil
			}
			return put(i, buf.Bytes())
		}
	})
}

func (b *builder) unitOrder() []*content.Unit { return b.course.UnitOrder() }

// stringScripts makes each language's script of client strings (the
// theme's i18n keys starting "client.", without the prefix) and records
// where pages load it from. The strings are the same on every page of a
// language, so they are a script the browser caches rather than a part of
// every page. hashed names the files by content, as for a build; a dev
// session names them by language only.
func (b *builder) stringScripts(hashed bool) map[string][]byte {
	b.stringsPath = map[string]string{}
	files := map[string][]byte{}
	for _, lang := range b.theme.Languages() {
		m := map[string]string{}
		for k, v := range b.theme.Strings(lang) {
			if rest, ok := strings.CutPrefix(k, "client."); ok {
				m[rest] = v
			}
		}
		// encoding/json escapes <, > and &, and sorts the keys.
		j, _ := json.Marshal(m)
		// The course data takes the language's scale from PacerLang.
		sc, _ := json.Marshal(coursedata.Lang{Scale: b.scale(lang)})
		// Shared pages take their labels from PacerLabels (labels.go).
		lb, _ := json.Marshal(labels(b.theme.FS, b.theme.Strings(lang)))
		js := []byte("window.PacerStrings=" + string(j) + ";\nwindow.PacerLang=" + string(sc) + ";\nwindow.PacerLabels=" + string(lb) + ";\n")
		p := "assets/strings." + lang + ".js"
		if hashed {
			p = "assets/strings." + lang + "." + assets.Hash(js) + ".js"
		}
		b.stringsPath[lang] = p
		files[p] = js
	}
	return files
}

// jsonJS marshals v for a <script type="application/json"> element;
// encoding/json escapes <, > and & so the data cannot close the element.
func jsonJS(v any) template.JS {
	b, _ := json.Marshal(v)
	return template.JS(b)
}

// weekdayNames lists the term's school days as 0 (Sunday) to 6.
func weekdayNames(cfg *config.Config) []int {
	out := make([]int, len(cfg.Term.Days))
	for i, d := range cfg.Term.Days {
		out[i] = int(d)
	}
	return out
}

// breaks lists the term's breaks as [from, to] pairs, for pacing in the browser.
func breaks(cfg *config.Config) [][2]string {
	out := make([][2]string, len(cfg.Term.Breaks))
	for i, br := range cfg.Term.Breaks {
		out[i] = [2]string{br.From.String(), br.To.String()}
	}
	return out
}
