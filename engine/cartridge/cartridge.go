// Package cartridge owns exporting a course as an IMS Common Cartridge
// 1.3: a zip with imsmanifest.xml whose organisation is the course's
// units, each unit holding its introduction and its competencies, each
// competency its own page, its activities (web content pages of their
// rendered bodies, or web links to the published pages) and one QTI 1.2
// assessment of its quick checks in the Common Cartridge profile (multiple
// choice, multiple response, fill in the blank, with the explanation as
// feedback).
//
// It reads the loaded course only: never students, groups or anything
// private, so a cartridge can be shared as freely as the course.
package cartridge

import (
	"archive/zip"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/markdown"
)

// Namespaces and resource types of Common Cartridge 1.3.
const (
	nsCP       = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
	nsLOM      = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
	nsLOMRes   = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
	nsWL       = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3"
	nsQTI      = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
	typeWeb    = "webcontent"
	typeLink   = "imswl_xmlv1p3"
	typeQuiz   = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
	schemaLocs = nsCP + " http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd " +
		nsLOMRes + " http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd " +
		nsLOM + " http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd"
)

// Options says how to export.
type Options struct {
	// BaseURL, when set, makes activities web links to the published
	// pages under it instead of pages in the cartridge.
	BaseURL string
	// Strings are the theme's UI strings in the site's language.
	Strings map[string]string
	// Unsafe lets raw HTML through, as site.yaml markdown.unsafe.
	Unsafe bool
}

// Cartridge is an export ready to be zipped: file paths and contents.
type Cartridge struct {
	files map[string][]byte
	// copies are course files to copy in: cartridge path -> path on disk.
	copies map[string]string
}

// Files lists the cartridge's paths, sorted.
func (k *Cartridge) Files() []string {
	var out []string
	for p := range k.files {
		out = append(out, p)
	}
	for p := range k.copies {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

type resource struct {
	id, typ, href string
	files         []string
}

type node struct {
	id, title, ref string
	kids           []*node
}

type exporter struct {
	c      *content.Course
	opts   Options
	diags  *diag.List
	k      *Cartridge
	md     *markdown.Renderer
	res    []resource
	quizOf map[string]string // competency id -> quiz resource id
	actRes map[string]string // activity id -> resource id
	// overviews maps "units/<id>" and "competencies/<id>" to their pages'
	// resource ids.
	overviews map[string]string
	// pages maps a course file to its page in the cartridge.
	pages map[string]string
}

// Make exports course c. Problems (links that lead nowhere in the
// cartridge) go to diags as warnings.
func Make(c *content.Course, opts Options, diags *diag.List) (*Cartridge, error) {
	if opts.BaseURL != "" && !strings.HasSuffix(opts.BaseURL, "/") {
		opts.BaseURL += "/"
	}
	e := &exporter{c: c, opts: opts, diags: diags, k: &Cartridge{files: map[string][]byte{}, copies: map[string]string{}},
		md: markdown.New(markdown.Options{Unsafe: opts.Unsafe, Strings: opts.Strings}), quizOf: map[string]string{}, actRes: map[string]string{},
		overviews: map[string]string{}, pages: map[string]string{}}
	for _, a := range c.Activities {
		e.pages[a.File] = "activities/" + a.ID + ".html"
	}
	for _, k := range c.Competencies {
		e.pages[k.File] = "competencies/" + k.ID + ".html"
	}
	for _, u := range c.Units {
		e.pages[u.File] = "units/" + u.ID + ".html"
	}
	for _, u := range c.UnitOrder() {
		if err := e.overview("units", u.ID, u.Title, "", u.File, u.Body, u.BodyLine); err != nil {
			return nil, err
		}
	}
	for _, k := range c.Competencies {
		if err := e.overview("competencies", k.ID, k.Title, k.Can, k.File, k.Body, k.BodyLine); err != nil {
			return nil, err
		}
	}
	for _, a := range c.Activities {
		if err := e.activity(a); err != nil {
			return nil, err
		}
	}
	for _, k := range c.Competencies {
		e.quiz(k)
	}
	e.k.files["imsmanifest.xml"] = e.manifest()
	return e.k, nil
}

func (e *exporter) str(key string, args ...any) string {
	s, ok := e.opts.Strings[key]
	if !ok {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// xmlID makes an XML identifier (an NCName) of a slug id.
func xmlID(prefix, id string) string { return prefix + "_" + id }

func (e *exporter) activity(a *content.Activity) error {
	rid := xmlID("r", a.ID)
	e.actRes[a.ID] = rid
	body, quizzes := stripChecks(a.Body)
	return e.page(rid, "activities", a.ID, a.Title, a.File, body, a.BodyLine, func(b *strings.Builder, files *[]string) {
		if a.Media == "" {
			return
		}
		m := a.Media
		if !strings.Contains(m, "://") {
			src := filepath.Join(e.c.Root, filepath.FromSlash(path.Dir(a.File)), filepath.FromSlash(m))
			cp := "web_resources/" + strings.TrimPrefix(path.Join(path.Dir(a.File), m), content.Dir+"/")
			e.k.copies[cp] = src
			*files = append(*files, cp)
			m = "../" + cp
		}
		fmt.Fprintf(b, "<p><a href=\"%s\">%s</a></p>\n", html.EscapeString(m), html.EscapeString(e.str("cartridge.media")))
	}, func(b *strings.Builder) {
		if quizzes == 0 {
			return
		}
		var names []string
		for _, r := range a.For {
			if k, ok := e.c.Competency[r.ID]; ok {
				names = append(names, "“"+e.str("cartridge.quiz", k.Title)+"”")
			}
		}
		fmt.Fprintf(b, "<p><em>%s</em></p>\n", html.EscapeString(e.str("cartridge.checks", strings.Join(names, ", "))))
	})
}

// overview adds a unit's or a competency's own page: the unit's
// introduction, the competency's "I can" statement and success criteria.
func (e *exporter) overview(dir, id, title, can, file string, body []byte, bodyLine int) error {
	rid := xmlID("r", dir[:1]+"_"+id)
	e.overviews[dir+"/"+id] = rid
	return e.page(rid, dir, id, title, file, body, bodyLine, func(b *strings.Builder, _ *[]string) {
		if can != "" {
			fmt.Fprintf(b, "<p><strong>%s</strong></p>\n", html.EscapeString(can))
		}
	}, nil)
}

// page adds the web content page of one course item (its rendered body
// between what top and bottom write), or with a base URL a web link to
// its published page.
func (e *exporter) page(rid, dir, id, title, file string, body []byte, bodyLine int, top func(*strings.Builder, *[]string), bottom func(*strings.Builder)) error {
	if e.opts.BaseURL != "" {
		href := "links/" + dir + "/" + id + ".xml"
		w := newXW()
		w.open("webLink", "xmlns", nsWL)
		w.leaf("title", title)
		w.empty("url", "href", e.opts.BaseURL+dir+"/"+id+"/", "target", "_blank")
		w.close("webLink")
		e.k.files[href] = w.bytes()
		e.res = append(e.res, resource{id: rid, typ: typeLink, files: []string{href}})
		return nil
	}
	href := dir + "/" + id + ".html"
	files := []string{href}
	link := func(ln markdown.Link) string {
		dest, f := e.link(file, ln)
		if f != "" {
			files = append(files, f)
		}
		return dest
	}
	out, err := e.md.Render(body, markdown.Context{File: file, BodyLine: bodyLine, IDPrefix: "q", Link: link})
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n<h1>%s</h1>\n",
		html.EscapeString(e.c.Config.Language), html.EscapeString(title), html.EscapeString(title))
	if top != nil {
		top(&b, &files)
	}
	b.Write(out)
	if bottom != nil {
		bottom(&b)
	}
	b.WriteString("</body>\n</html>\n")
	e.k.files[href] = []byte(b.String())
	e.res = append(e.res, resource{id: rid, typ: typeWeb, href: href, files: dedupe(files)})
	return nil
}

// link maps a relative link in the body of file: another course page to
// its page in the cartridge (every page sits one folder deep), another
// course file to a copy in web_resources. f is the cartridge file the
// page now depends on.
func (e *exporter) link(file string, ln markdown.Link) (dest, f string) {
	u, err := url.Parse(ln.Dest)
	if err != nil || u.Path == "" || u.IsAbs() {
		return ln.Dest, ""
	}
	target := path.Clean(path.Join(path.Dir(file), u.Path))
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	if p, ok := e.pages[target]; ok {
		return "../" + p + frag, ""
	}
	if strings.HasSuffix(target, ".md") {
		e.diags.Warnf(ln.Pos, "link %q leads to a page that is not in the cartridge", ln.Dest)
		return ln.Dest, ""
	}
	src := filepath.Join(e.c.Root, filepath.FromSlash(target))
	if fi, err := os.Stat(src); err != nil || fi.IsDir() || strings.HasPrefix(target, "../") || hidden(target) {
		return ln.Dest, ""
	}
	cp := "web_resources/" + strings.TrimPrefix(target, content.Dir+"/")
	e.k.copies[cp] = src
	return "../" + cp + frag, cp
}

func hidden(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

var fenceRE = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})\\s*check\\b")

// stripChecks removes the check fences from a body (they become the
// quiz) and counts them.
func stripChecks(body []byte) ([]byte, int) {
	lines := strings.SplitAfter(string(body), "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(lines); i++ {
		m := fenceRE.FindStringSubmatch(lines[i])
		if m == nil {
			b.WriteString(lines[i])
			continue
		}
		n++
		fence := m[1]
		for i++; i < len(lines); i++ {
			t := strings.TrimSpace(lines[i])
			if strings.HasPrefix(t, fence[:3]) && strings.Trim(t, fence[:1]) == "" && len(t) >= len(fence) {
				break
			}
		}
	}
	return []byte(b.String()), n
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (e *exporter) competencyNode(k *content.Competency, prefix string) *node {
	n := &node{id: xmlID("i", prefix+"_"+k.ID), title: k.Title}
	n.kids = append(n.kids, &node{id: xmlID("i", prefix+"_"+k.ID+"_about"), title: k.Title, ref: e.overviews["competencies/"+k.ID]})
	acts := append([]*content.Activity(nil), e.c.ActivitiesFor[k.ID]...)
	rank := map[string]int{"core": 0, "support": 1, "extension": 2}
	sort.SliceStable(acts, func(i, j int) bool { return rank[acts[i].Level] < rank[acts[j].Level] })
	for _, a := range acts {
		n.kids = append(n.kids, &node{id: xmlID("i", prefix+"_"+k.ID+"_"+a.ID), title: a.Title, ref: e.actRes[a.ID]})
	}
	if q, ok := e.quizOf[k.ID]; ok {
		n.kids = append(n.kids, &node{id: xmlID("i", prefix+"_"+k.ID+"_quiz"), title: e.str("cartridge.quiz", k.Title), ref: q})
	}
	return n
}

func (e *exporter) manifest() []byte {
	var top []*node
	placed := map[string]bool{}
	for _, u := range e.c.UnitOrder() {
		un := &node{id: xmlID("i", "u_"+u.ID), title: u.Title}
		un.kids = append(un.kids, &node{id: xmlID("i", "u_"+u.ID+"_about"), title: u.Title, ref: e.overviews["units/"+u.ID]})
		for _, r := range u.Competencies {
			if k, ok := e.c.Competency[r.ID]; ok {
				placed[k.ID] = true
				un.kids = append(un.kids, e.competencyNode(k, "u_"+u.ID))
			}
		}
		top = append(top, un)
	}
	more := &node{id: "i_more", title: e.str("cartridge.more")}
	for _, k := range e.c.Competencies {
		if !placed[k.ID] {
			more.kids = append(more.kids, e.competencyNode(k, "more"))
		}
	}
	if len(more.kids) > 0 {
		top = append(top, more)
	}

	w := newXW()
	w.open("manifest", "identifier", "pacer_"+slugTitle(e.c.Config.Title), "xmlns", nsCP, "xmlns:lomimscc", nsLOM,
		"xmlns:lom", nsLOMRes, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "xsi:schemaLocation", schemaLocs)
	w.open("metadata")
	w.leaf("schema", "IMS Common Cartridge")
	w.leaf("schemaversion", "1.3.0")
	w.open("lomimscc:lom")
	w.open("lomimscc:general")
	w.open("lomimscc:title")
	w.leaf("lomimscc:string", e.c.Config.Title, "language", e.c.Config.Language)
	w.close("lomimscc:title")
	w.close("lomimscc:general")
	w.close("lomimscc:lom")
	w.close("metadata")
	w.open("organizations")
	w.open("organization", "identifier", "org_1", "structure", "rooted-hierarchy")
	w.open("item", "identifier", "root")
	var item func(n *node)
	item = func(n *node) {
		attrs := []string{"identifier", n.id}
		if n.ref != "" {
			attrs = append(attrs, "identifierref", n.ref)
		}
		w.open("item", attrs...)
		w.leaf("title", n.title)
		for _, k := range n.kids {
			item(k)
		}
		w.close("item")
	}
	for _, n := range top {
		item(n)
	}
	w.close("item")
	w.close("organization")
	w.close("organizations")
	w.open("resources")
	for _, r := range e.res {
		attrs := []string{"identifier", r.id, "type", r.typ}
		if r.href != "" {
			attrs = append(attrs, "href", r.href)
		}
		w.open("resource", attrs...)
		for _, f := range r.files {
			w.empty("file", "href", f)
		}
		w.close("resource")
	}
	w.close("resources")
	w.close("manifest")
	return w.bytes()
}

func slugTitle(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), "_")
}

// Write writes the cartridge as a zip.
func (k *Cartridge) Write(w io.Writer) error {
	zw := zip.NewWriter(w)
	for _, p := range k.Files() {
		f, err := zw.Create(p)
		if err != nil {
			return err
		}
		if data, ok := k.files[p]; ok {
			if _, err := f.Write(data); err != nil {
				return err
			}
			continue
		}
		src, err := os.Open(k.copies[p])
		if err != nil {
			return err
		}
		_, err = io.Copy(f, src)
		src.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// Quizzes counts the cartridge's assessments.
func (k *Cartridge) Quizzes() int {
	n := 0
	for p := range k.files {
		if strings.HasPrefix(p, "quizzes/") {
			n++
		}
	}
	return n
}
