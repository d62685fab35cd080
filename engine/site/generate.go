package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
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
	if diags.HasErrors() {
		return nil
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
	courseJS := b.courseData()
	coursePath := "assets/course." + assets.Hash(courseJS) + ".js"
	if err := out.put(coursePath, outFile{data: courseJS}); err != nil {
		return err
	}
	if err := out.put("robots.txt", outFile{data: robots}); err != nil {
		return err
	}
	jobs, err := b.jobs(b.site(a.Script, a.Style, coursePath), out.put)
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

// assetDiags records esbuild's diagnostics, paths made relative to the site.
func (b *builder) assetDiags(ds []diag.Diagnostic) {
	for _, d := range ds {
		d.Pos.File = path.Join("themes", b.cfg.Theme, d.Pos.File)
		b.res.Diags.Add(d)
	}
}

// site is what every page shares; script, style and course are asset paths.
func (b *builder) site(script, style, course string) *render.Site {
	site := &render.Site{Title: b.cfg.Title, Key: b.res.SiteKey, Script: script, Style: style, Course: course}
	for _, u := range b.unitOrder() {
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
	if b.planner == nil {
		b.planner = plan.New(c)
	}
	if b.links == nil {
		b.links = newLinker(c.Root, c, b.res.Diags)
	}

	var jobs []job
	jobs = append(jobs, job{"index.html", func(b *builder) (*render.Page, error) { return b.indexPage(site, lang), nil }})
	for _, u := range c.Units {
		jobs = append(jobs, job{unitURL(u.ID), func(b *builder) (*render.Page, error) { return b.unitPage(site, lang, renderer(lang), u) }})
		if u.Diagnostic {
			jobs = append(jobs, job{diagnosticURL(u.ID), func(b *builder) (*render.Page, error) { return b.diagnosticPage(site, lang, u), nil }})
		}
	}
	for _, k := range c.Competencies {
		jobs = append(jobs, job{competencyURL(k.ID), func(b *builder) (*render.Page, error) { return b.competencyPage(site, lang, renderer(lang), k) }})
	}
	for _, act := range c.Activities {
		jobs = append(jobs, job{activityURL(act.ID), func(b *builder) (*render.Page, error) {
			return b.activityPage(site, lang, renderer(lang), act)
		}})
		if act.Media != "" && !strings.Contains(act.Media, "://") {
			src := filepath.Join(c.Root, filepath.FromSlash(path.Dir(act.File)), filepath.FromSlash(act.Media))
			if err := put(path.Join("activities", act.ID, act.Media), outFile{src: src}); err != nil {
				return nil, err
			}
			if vtt := captionsOf(src); vtt != "" {
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
		jobs = append(jobs, job{st.Path, func(b *builder) (*render.Page, error) { return b.studentPage(site, l, renderer(l), s, st.Token) }})
	}
	return jobs, nil
}

// renderJobs renders jobs on a worker pool sized to the cores and passes
// each page to put as it is done (from several goroutines at once); the
// page's bytes are the worker's buffer, valid only during the call. A page
// that fails is reported in b.res.Diags and skipped.
func (b *builder) renderJobs(jobs []job, put func(i int, data []byte) error) error {
	diags := b.res.Diags
	return work.Each(len(jobs), func() func(int) error {
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

// unitOrder is the units in the order students meet them: as groups list
// them, then any others by id.
func (b *builder) unitOrder() []*content.Unit {
	seen := map[string]bool{}
	var out []*content.Unit
	add := func(id string) {
		if u, ok := b.course.Unit[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, u)
		}
	}
	for _, g := range b.course.Groups {
		for _, r := range g.Units {
			add(r.ID)
		}
	}
	for _, u := range b.course.Units {
		add(u.ID)
	}
	return out
}

func (b *builder) page(site *render.Site, kind, lang, title string) *render.Page {
	b.read(rMenu, "", fAll) // site.Units, every page's menu
	strs, ok := b.stringsPath[lang]
	if !ok {
		strs = b.stringsPath["en"]
	}
	return &render.Page{
		Kind: kind, Lang: lang, Title: title, Site: site, T: b.theme.Strings(lang),
		Assets: render.Assets{Style: site.Style, Strings: strs, Course: site.Course, Script: site.Script},
		CSP:    csp(""),
	}
}

// csp allows only the site's own scripts and styles, plus the embed origin
// a page uses.
func csp(frame string) string {
	p := "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; media-src 'self'; base-uri 'none'; form-action 'none'"
	if frame != "" {
		p += "; frame-src " + frame
	}
	return p
}

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
		js := []byte("window.PacerStrings=" + string(j) + ";\n")
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

func (b *builder) compLink(id string) render.Link {
	b.read(rCompetency, id, fTitle|fCan)
	k := b.course.Competency[id]
	if k == nil {
		return render.Link{ID: id, Title: id, URL: competencyURL(id)}
	}
	return render.Link{ID: id, Title: k.Title, URL: competencyURL(id), Note: k.Can}
}

func (b *builder) actLink(a *content.Activity, t map[string]string) render.Link {
	b.read(rActivity, a.ID, fTitle|fModality|fMinutes)
	// Not fmt.Sprintf: student pages make hundreds of these each.
	return render.Link{ID: a.ID, Title: a.Title, URL: activityURL(a.ID), Note: t["modality."+a.Modality] + " · " + strconv.Itoa(a.Minutes) + " " + t["minutes"]}
}

func (b *builder) indexPage(site *render.Site, lang string) *render.Page {
	p := b.page(site, "index", lang, b.cfg.Title)
	idx := &render.Index{}
	for _, u := range b.unitOrder() {
		b.read(rUnit, u.ID, fComps)
		us := render.UnitSummary{Link: render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)}}
		for _, r := range u.Competencies {
			us.Competencies = append(us.Competencies, b.compLink(r.ID))
		}
		idx.Units = append(idx.Units, us)
	}
	var nodes []render.MapNode
	b.read(rCompetencies, "", fAll)
	for _, k := range b.mapOrder() {
		b.read(rCompetency, k.ID, fRequires)
		idx.Competencies = append(idx.Competencies, b.compLink(k.ID))
		n := render.MapNode{ID: k.ID, Title: k.Title, URL: competencyURL(k.ID)}
		for _, r := range k.Requires {
			n.Requires = append(n.Requires, r.ID)
		}
		nodes = append(nodes, n)
	}
	idx.Map = render.Map(nodes, "", p.T["index.map"])
	p.Index = idx
	return p
}

// mapOrder lists competencies in teaching order: through the units, then
// the rest by id.
func (b *builder) mapOrder() []*content.Competency {
	seen := map[string]bool{}
	var out []*content.Competency
	for _, u := range b.unitOrder() {
		for _, r := range u.Competencies {
			if k, ok := b.course.Competency[r.ID]; ok && !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, k)
			}
		}
	}
	rest := []*content.Competency{}
	for _, k := range b.course.Competencies {
		if !seen[k.ID] {
			rest = append(rest, k)
		}
	}
	return append(rest, out...)
}

// body renders the Markdown body of file for the page at pagePath.
func (b *builder) body(r *markdown.Renderer, src []byte, file string, line int, prefix, pagePath string) (template.HTML, error) {
	html, err := r.Render(src, markdown.Context{File: file, BodyLine: line, IDPrefix: prefix, Diags: b.res.Diags, Link: b.links.hook(file, pagePath)})
	return template.HTML(html), err
}

func (b *builder) activityBody(r *markdown.Renderer, a *content.Activity) (template.HTML, error) {
	html, err := r.Render(a.Body, markdown.Context{File: a.File, BodyLine: a.BodyLine, IDPrefix: "q", Activity: a.ID, Checks: a.Checks,
		Diags: b.res.Diags, Link: b.links.hook(a.File, activityURL(a.ID))})
	return template.HTML(html), err
}

func (b *builder) unitPage(site *render.Site, lang string, r *markdown.Renderer, u *content.Unit) (*render.Page, error) {
	p := b.page(site, "unit", lang, u.Title)
	b.read(rUnit, u.ID, fAll)
	body, err := b.body(r, u.Body, u.File, u.BodyLine, "u", unitURL(u.ID))
	if err != nil {
		return nil, err
	}
	v := &render.Unit{ID: u.ID, Body: body, Diagnostic: u.Diagnostic}
	if u.Diagnostic {
		v.DiagnosticURL = diagnosticURL(u.ID)
	}
	for _, ref := range u.Competencies {
		v.Competencies = append(v.Competencies, b.compLink(ref.ID))
		b.read(rActsFor, ref.ID, fAll)
		for _, a := range b.course.ActivitiesFor[ref.ID] {
			b.read(rActivity, a.ID, fCheckCount)
			v.Checks += len(a.Checks)
		}
	}
	p.Unit = v
	return p, nil
}

func (b *builder) diagnosticPage(site *render.Site, lang string, u *content.Unit) *render.Page {
	p := b.page(site, "diagnostic", lang, p0(b.theme.Strings(lang)["diagnostic.title"], u.Title))
	p.NoIndex = true
	b.read(rUnit, u.ID, fAll)
	d := &render.Diagnostic{Unit: render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)}}
	for _, ref := range u.Competencies {
		dc := render.DiagnosticCompetency{Link: b.compLink(ref.ID)}
		b.read(rActsFor, ref.ID, fAll)
		for _, a := range b.course.ActivitiesFor[ref.ID] {
			b.read(rActivity, a.ID, fChecks)
			for i, c := range a.Checks {
				dc.Checks = append(dc.Checks, markdown.CheckHTML(c, i+1, "d-"+a.ID+"-", a.ID, markdown.Strings(p.T)))
			}
		}
		if len(dc.Checks) > 0 {
			d.Competencies = append(d.Competencies, dc)
		}
	}
	p.Diagnostic = d
	return p
}

// p0 joins a label and a title ("Check-in: Ratios").
func p0(label, title string) string { return strings.TrimSpace(label + " " + title) }

func (b *builder) competencyPage(site *render.Site, lang string, r *markdown.Renderer, k *content.Competency) (*render.Page, error) {
	p := b.page(site, "competency", lang, k.Title)
	b.read(rCompetency, k.ID, fAll)
	body, err := b.body(r, k.Body, k.File, k.BodyLine, "c", competencyURL(k.ID))
	if err != nil {
		return nil, err
	}
	v := &render.Competency{ID: k.ID, Can: k.Can, Codes: k.Codes, Body: body,
		Rule: fmt.Sprintf(p.T["competency.ruleText"], k.Rule.M, k.Rule.N, b.scaleLabel(k.Rule.Self))}
	for _, ref := range k.Requires {
		v.Requires = append(v.Requires, b.compLink(ref.ID))
	}
	b.read(rRequiredBy, k.ID, fAll)
	for _, other := range b.course.Competencies {
		for _, ref := range other.Requires {
			if ref.ID == k.ID {
				v.RequiredBy = append(v.RequiredBy, b.compLink(other.ID))
			}
		}
	}
	for _, u := range b.unitOrder() {
		b.read(rUnit, u.ID, fComps)
		for _, ref := range u.Competencies {
			if ref.ID == k.ID {
				v.Units = append(v.Units, render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)})
			}
		}
	}
	cols := map[string]*render.BoardColumn{}
	b.read(rActsFor, k.ID, fAll)
	for _, a := range b.course.ActivitiesFor[k.ID] {
		l := b.actLink(a, p.T)
		b.read(rActivity, a.ID, fLevel)
		switch a.Level {
		case "support":
			v.Support = append(v.Support, l)
		case "extension":
			v.Extension = append(v.Extension, l)
		default:
			col := cols[a.Modality]
			if col == nil {
				col = &render.BoardColumn{Modality: a.Modality, Label: p.T["modality."+a.Modality]}
				cols[a.Modality] = col
			}
			col.Activities = append(col.Activities, l)
		}
	}
	for _, m := range content.Modalities {
		if col := cols[m]; col != nil {
			v.Board = append(v.Board, *col)
		}
	}
	p.Competency = v
	return p, nil
}

func (b *builder) activityPage(site *render.Site, lang string, r *markdown.Renderer, a *content.Activity) (*render.Page, error) {
	p := b.page(site, "activity", lang, a.Title)
	p.NoIndex = true
	b.read(rActivity, a.ID, fAll)
	body, err := b.activityBody(r, a)
	if err != nil {
		return nil, err
	}
	v := &render.Activity{ID: a.ID, Modality: a.Modality, Label: p.T["modality."+a.Modality], Minutes: a.Minutes, Level: a.Level, Body: body, Checks: len(a.Checks)}
	for _, ref := range a.For {
		v.For = append(v.For, b.compLink(ref.ID))
	}
	if a.Media != "" {
		m := markdown.Media{Src: a.Media, Title: a.Title}
		if !strings.Contains(a.Media, "://") {
			local := filepath.Join(b.course.Root, filepath.FromSlash(path.Dir(a.File)), filepath.FromSlash(a.Media))
			b.read(rDisk, path.Join(path.Dir(a.File), strings.TrimSuffix(a.Media, path.Ext(a.Media))+".vtt"), fAll)
			if vtt := captionsOf(local); vtt != "" {
				m.Captions, m.Lang = filepath.Base(vtt), lang
			}
		}
		e, err := markdown.RenderMedia(m, p.T)
		if err != nil {
			b.res.Diags.Errorf(a.MediaPos, "media: %v", err)
		}
		v.Media = e.HTML
		p.CSP = csp(e.FrameSrc)
	}
	p.Activity = v
	return p, nil
}

// captionsOf returns the .vtt file beside a local media file, or "".
func captionsOf(media string) string {
	vtt := strings.TrimSuffix(media, filepath.Ext(media)) + ".vtt"
	if ok, _ := filepath.Glob(vtt); len(ok) == 1 {
		return vtt
	}
	return ""
}

func (b *builder) studentPage(site *render.Site, lang string, r *markdown.Renderer, s *content.Student, tok string) (*render.Page, error) {
	p := b.page(site, "student", lang, s.Name)
	p.NoIndex = true
	pl, warns := b.planner.Build(s)
	for _, w := range warns {
		b.res.Diags.Warnf(s.IDPos, "%s", w.Message).Hint = w.Hint
	}
	b.read(rStudent, s.ID, fAll)
	playlist := jsonJS(pl)
	if b.reads != nil {
		b.planned = &planned{student: s.ID, reads: planReads(b.course, s, pl), hash: planHash(playlist)}
	}
	v := &render.Student{Token: tok, Name: s.Name, Goals: s.Goals, Start: pl.Start, End: pl.End, Shortfall: pl.Shortfall, Playlist: playlist}
	for _, id := range pl.Units {
		b.read(rUnit, id, fTitle|fBody)
		u := b.course.Unit[id]
		if u == nil {
			continue
		}
		why, err := b.shared.unitWhy(b, lang, r, u)
		if err != nil {
			return nil, err
		}
		v.Units = append(v.Units, render.StudentUnit{Link: render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)}, Why: why})
	}
	link := func(id string) (render.Link, bool) { return b.shared.actLink(b, lang, p.T, id) }
	for _, st := range pl.Steps {
		sv := render.StudentStep{Competency: b.compLink(st.Competency), Placed: st.Placed, Prereq: st.Prereq, Target: st.Target, Minutes: st.Minutes,
			Due:  render.StepDue{Placed: st.Placed, Target: st.Target, Minutes: st.Minutes},
			Ways: render.StepWays{Support: st.Support, Extension: st.Extension, Link: link}}
		for _, ch := range st.Choices {
			sv.Ways.Choices = append(sv.Ways.Choices, ch.Options)
		}
		for _, id := range st.Requires {
			sv.Requires = append(sv.Requires, b.compLink(id))
		}
		v.Steps = append(v.Steps, sv)
	}
	p.Student = v
	return p, nil
}

// courseData is the script every page loads: what all students share.
func (b *builder) courseData() []byte {
	type comp struct {
		T    string   `json:"t"`
		Can  string   `json:"can"`
		U    string   `json:"u"`
		R    []string `json:"r,omitempty"`
		Rule any      `json:"rule"`
	}
	type act struct {
		T   string   `json:"t"`
		U   string   `json:"u"`
		Mod string   `json:"mod"`
		Min int      `json:"min"`
		Lvl string   `json:"lvl"`
		Ch  string   `json:"ch,omitempty"`
		F   []string `json:"f"`
		N   int      `json:"n"`
		Al  []string `json:"al,omitempty"`
	}
	rule := func(self, m, n int) map[string]int { return map[string]int{"self": self, "m": m, "n": n} }
	comps := map[string]comp{}
	b.read(rCompetencies, "", fAll)
	b.read(rActivities, "", fAll)
	b.read(rUnits, "", fAll)
	for _, k := range b.course.Competencies {
		b.read(rCompetency, k.ID, fTitle|fCan|fRequires|fRule)
		c := comp{T: k.Title, Can: k.Can, U: competencyURL(k.ID), Rule: rule(k.Rule.Self, k.Rule.M, k.Rule.N)}
		for _, r := range k.Requires {
			c.R = append(c.R, r.ID)
		}
		comps[k.ID] = c
	}
	acts := map[string]act{}
	for _, a := range b.course.Activities {
		b.read(rActivity, a.ID, fTitle|fModality|fMinutes|fLevel|fChoice|fCheckCount|fAliases|fFor)
		x := act{T: a.Title, U: activityURL(a.ID), Mod: a.Modality, Min: a.Minutes, Lvl: a.Level, Ch: a.Choice, N: len(a.Checks), Al: a.Aliases}
		for _, r := range a.For {
			x.F = append(x.F, r.ID)
		}
		acts[a.ID] = x
	}
	type unit struct {
		T    string   `json:"t"`
		U    string   `json:"u"`
		C    []string `json:"c"`
		Diag string   `json:"diag"`
	}
	units := map[string]unit{}
	for _, u := range b.course.Units {
		b.read(rUnit, u.ID, fTitle|fComps|fDiagnostic)
		x := unit{T: u.Title, U: unitURL(u.ID), C: []string{}}
		for _, r := range u.Competencies {
			x.C = append(x.C, r.ID)
		}
		if u.Diagnostic {
			x.Diag = diagnosticURL(u.ID)
		}
		units[u.ID] = x
	}
	r := b.cfg.Mastery.Rule
	data := map[string]any{"units": units,
		"v": 1, "site": b.res.SiteKey, "scale": b.cfg.Mastery.Scale, "rule": rule(r.Self, r.M, r.N),
		"term":         map[string]any{"start": b.cfg.Term.Start.String(), "end": b.cfg.Term.End.String(), "days": weekdayNames(b.cfg), "breaks": breaks(b.cfg)},
		"competencies": comps, "activities": acts,
	}
	js, _ := json.Marshal(data)
	return append(append([]byte("window.PacerCourse="), js...), ";\n"...)
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

func (b *builder) scaleLabel(level int) string {
	if sc := b.cfg.Mastery.Scale; level >= 1 && level <= len(sc) {
		return sc[level-1]
	}
	return fmt.Sprint(level)
}
