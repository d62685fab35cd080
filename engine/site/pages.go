package site

import (
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/markdown"
	"github.com/pacer-edu/pacer/engine/mastery"
	"github.com/pacer-edu/pacer/engine/plan"
	"github.com/pacer-edu/pacer/engine/render"
)

// The six kinds of page: each builds its view-model (render's named types)
// from the course, recording what it reads (reads.go).

func (b *builder) page(site *render.Site, kind, lang, title string) *render.Page {
	// Every page's header: the units' titles, or, past MenuUnits, a link
	// to the home page's list, which changes only if units come or go.
	if site.MoreUnits {
		b.read(depend.Units, "", depend.All)
	} else {
		b.read(depend.Menu, "", depend.All)
	}
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
	p := "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data: https:; media-src 'self'; base-uri 'none'; form-action 'none'"
	if frame != "" {
		p += "; frame-src " + frame
	}
	return p
}

func (b *builder) compLink(id string) render.Link {
	b.read(depend.Competency, id, depend.Title|depend.Can)
	k := b.course.Competency[id]
	if k == nil {
		return render.Link{ID: id, Title: id, URL: competencyURL(id)}
	}
	return render.Link{ID: id, Title: k.Title, URL: competencyURL(id), Note: k.Can}
}

func (b *builder) actLink(a *content.Activity, t map[string]string) render.Link {
	b.read(depend.Activity, a.ID, depend.Title|depend.Modality|depend.Minutes)
	// Not fmt.Sprintf: student pages make hundreds of these each.
	return render.Link{ID: a.ID, Title: a.Title, URL: activityURL(a.ID), Note: t["modality."+a.Modality] + " · " + strconv.Itoa(a.Minutes) + " " + t["minutes"], Modality: a.Modality, Minutes: a.Minutes}
}

func (b *builder) indexPage(site *render.Site, lang string) *render.Page {
	p := b.page(site, "index", lang, b.cfg.Title)
	idx := &render.Index{}
	b.read(depend.Menu, "", depend.All) // every unit's title, in order
	for _, u := range b.unitOrder() {
		b.read(depend.Unit, u.ID, depend.Comps)
		us := render.UnitSummary{Link: render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)}}
		for _, r := range u.Competencies {
			us.Competencies = append(us.Competencies, b.compLink(r.ID))
		}
		idx.Units = append(idx.Units, us)
	}
	var nodes []render.MapNode
	b.read(depend.Competencies, "", depend.All)
	for _, k := range b.mapOrder() {
		b.read(depend.Competency, k.ID, depend.Requires)
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
	b.read(depend.Unit, u.ID, depend.All)
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
		b.read(depend.ActsFor, ref.ID, depend.All)
		for _, a := range b.course.ActivitiesFor[ref.ID] {
			b.read(depend.Activity, a.ID, depend.CheckCount)
			v.Checks += len(a.Checks)
		}
	}
	p.Unit = v
	return p, nil
}

func (b *builder) diagnosticPage(site *render.Site, lang string, u *content.Unit) *render.Page {
	p := b.page(site, "diagnostic", lang, p0(b.theme.Strings(lang)["diagnostic.title"], u.Title))
	p.NoIndex = true
	b.read(depend.Unit, u.ID, depend.All)
	d := &render.Diagnostic{Unit: render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)}}
	for _, ref := range u.Competencies {
		dc := render.DiagnosticCompetency{Link: b.compLink(ref.ID)}
		b.read(depend.ActsFor, ref.ID, depend.All)
		acts := b.course.ActivitiesFor[ref.ID]
		counts := make([]int, len(acts))
		for i, a := range acts {
			b.read(depend.Activity, a.ID, depend.Checks)
			counts[i] = len(a.Checks)
		}
		// A short check-in: a few items a competency, spread over its activities.
		for _, at := range mastery.Sample(counts, mastery.PerCompetency) {
			a := acts[at[0]]
			dc.Checks = append(dc.Checks, markdown.CheckHTML(a.Checks[at[1]], at[1]+1, "d-"+a.ID+"-", a.ID, markdown.Strings(p.T)))
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
	b.read(depend.Competency, k.ID, depend.All)
	body, err := b.body(r, k.Body, k.File, k.BodyLine, "c", competencyURL(k.ID))
	if err != nil {
		return nil, err
	}
	v := &render.Competency{ID: k.ID, Can: k.Can, Codes: k.Codes, Body: body,
		Rule:     fmt.Sprintf(p.T["competency.ruleText"], k.Rule.M, k.Rule.N, b.scaleLabel(lang, k.Rule.Self)),
		RuleArgs: fmt.Sprintf("%d|%d|%d", k.Rule.M, k.Rule.N, k.Rule.Self)}
	for _, ref := range k.Requires {
		v.Requires = append(v.Requires, b.compLink(ref.ID))
	}
	b.read(depend.RequiredBy, k.ID, depend.All)
	for _, other := range b.course.Competencies {
		for _, ref := range other.Requires {
			if ref.ID == k.ID {
				v.RequiredBy = append(v.RequiredBy, b.compLink(other.ID))
			}
		}
	}
	b.read(depend.UnitOrder, "", depend.All)
	for _, u := range b.unitOrder() {
		b.read(depend.Unit, u.ID, depend.Comps)
		for _, ref := range u.Competencies {
			if ref.ID == k.ID {
				b.read(depend.Unit, u.ID, depend.Title)
				v.Units = append(v.Units, render.Link{ID: u.ID, Title: u.Title, URL: unitURL(u.ID)})
			}
		}
	}
	cols := map[string]*render.BoardColumn{}
	b.read(depend.ActsFor, k.ID, depend.All)
	for _, a := range b.course.ActivitiesFor[k.ID] {
		l := b.actLink(a, p.T)
		b.read(depend.Activity, a.ID, depend.Level)
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
	b.read(depend.Activity, a.ID, depend.All)
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
			b.read(depend.Disk, content.CaptionsFile(path.Join(path.Dir(a.File), a.Media)), depend.All)
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
	vtt := content.CaptionsFile(media)
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
		pos := w.Pos
		if pos.File == "" {
			pos = s.IDPos
		}
		b.res.Diags.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Kind: w.Kind, Message: w.Message, Hint: w.Hint})
	}
	b.read(depend.Student, s.ID, depend.All)
	playlist := b.wirePlaylist(pl)
	if b.reads != nil {
		// the plan's own JSON, as the session hashes a new plan to compare
		b.planned = &planned{student: s.ID, reads: depend.PlanReads(b.keys, b.course, s, pl), hash: planHash(jsonJS(pl))}
	}
	v := &render.Student{Token: tok, Name: s.Name, Goals: s.Goals, Start: pl.Start, End: pl.End, Shortfall: pl.Shortfall, Playlist: playlist}
	b.read(depend.Receipt, tok, depend.All)
	v.Snapshot = b.receipts[tok]
	for _, id := range pl.Units {
		b.read(depend.Unit, id, depend.Title|depend.Body)
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
	// Sized up front: a long plan has hundreds of steps.
	v.Steps = make([]render.StudentStep, len(pl.Steps))
	for i, st := range pl.Steps {
		sv := render.StudentStep{Competency: b.compLink(st.Competency), Placed: st.Placed, Prereq: st.Prereq, Target: st.Target, Minutes: st.Minutes,
			Due:  render.StepDue{Placed: st.Placed, Target: st.Target, Minutes: st.Minutes},
			Ways: render.StepWays{Support: st.Support, Extension: st.Extension, Link: link}}
		if len(st.Choices) > 0 {
			sv.Ways.Choices = make([][]string, len(st.Choices))
			for j, ch := range st.Choices {
				sv.Ways.Choices[j] = ch.Options
			}
		}
		if len(st.Requires) > 0 {
			sv.Requires = make([]render.Link, len(st.Requires))
			for j, id := range st.Requires {
				sv.Requires[j] = b.compLink(id)
			}
		}
		v.Steps[i] = sv
	}
	v.Teacher = b.teacherNotes(lang, s, pl)
	p.Student = v
	return p, nil
}

// teacherNotes gathers a student's feedback and confirmed mastery by
// competency, those of the plan's steps first, in step order.
func (b *builder) teacherNotes(lang string, s *content.Student, pl plan.Playlist) []render.TeacherNote {
	if len(s.Feedback) == 0 && len(s.Confirmed) == 0 {
		return nil
	}
	notes := map[string]*render.TeacherNote{}
	var order []string
	get := func(c string) *render.TeacherNote {
		if n := notes[c]; n != nil {
			return n
		}
		order = append(order, c)
		notes[c] = &render.TeacherNote{Competency: b.compLink(c)}
		return notes[c]
	}
	for _, f := range s.Feedback {
		n := get(f.Competency.ID)
		n.FeedbackDate, n.Feedback = f.Date.String(), f.Text
	}
	for _, k := range s.Confirmed {
		n := get(k.Competency.ID)
		n.ConfirmedDate, n.Level, n.Note = k.Date.String(), b.scaleLabel(lang, k.Level), k.Note
	}
	rank := map[string]int{}
	for i, st := range pl.Steps {
		rank[st.Competency] = i + 1
	}
	slices.SortStableFunc(order, func(x, y string) int {
		rx, ry := rank[x], rank[y]
		if rx == 0 {
			rx = len(pl.Steps) + 1
		}
		if ry == 0 {
			ry = len(pl.Steps) + 1
		}
		return rx - ry
	})
	out := make([]render.TeacherNote, len(order))
	for i, c := range order {
		out[i] = *notes[c]
	}
	return out
}

// scale is the self-assessment scale in lang.
func (b *builder) scale(lang string) []string {
	return b.cfg.Mastery.ScaleIn(lang, b.cfg.Language, b.theme.Strings(lang))
}

func (b *builder) scaleLabel(lang string, level int) string {
	if sc := b.scale(lang); level >= 1 && level <= len(sc) {
		return sc[level-1]
	}
	return fmt.Sprint(level)
}
