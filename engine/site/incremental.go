package site

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/render"
)

// Asset paths of a session's pages. They carry no content hash, so a
// rebuilt script, stylesheet or course data reaches every page without
// re-rendering it; the dev server tells browsers not to cache them.
const (
	SessionScript = "assets/pacer.js"
	SessionStyle  = "assets/pacer.css"
	SessionCourse = "assets/course.js"
)

// Session keeps a site loaded between builds, for the dev server: the
// course, every rendered page in memory (with the diagnostics rendering
// it gave) and one esbuild context. Update re-renders only the pages a
// change can touch; until a build succeeds, the last good build is what
// File serves.
//
// Update and Close must not run concurrently with each other; File may be
// called at any time.
type Session struct {
	opts Options

	mu    sync.RWMutex
	files map[string]outFile

	good    *snapshot
	assets  *assets.Context
	cache   *content.Cache
	pending change
}

// snapshot is the state of the last good build.
type snapshot struct {
	b        *builder
	pages    map[string]*page
	deps     map[string]studentDeps
	asset    *assets.Result
	assetMsg []diag.Diagnostic
	courseJS []byte
	// stringsJS is the client strings script of each language, by path.
	stringsJS map[string][]byte
	media     map[string]outFile
	// localTheme says the site had its own folder for the theme.
	localTheme bool
}

// page is one rendered page and what rendering it reported.
type page struct {
	data   []byte
	diags  []diag.Diagnostic
	copies map[string]string // files its links copy: output path -> source
}

// studentDeps is what a student's page is made of, as a superset: the
// units of the student's plan and every competency they bring in.
type studentDeps struct {
	units map[string]bool
	comps map[string]bool
}

// Update is what one session build did.
type Update struct {
	// Result holds every current diagnostic (loading and all pages) and
	// the students' links.
	*Result
	// OK means the build had no errors and is now what File serves.
	OK bool
	// Full means everything was rebuilt.
	Full bool
	// Rendered lists the pages rendered, Removed the files gone, and
	// Changed every served file whose bytes changed (pages, assets,
	// copies), all sorted.
	Rendered, Removed, Changed []string
}

// File is a file of the last good build: Data, or the file at Src served
// as it is.
type File struct {
	Data []byte
	Src  string
}

// NewSession prepares a session; nothing is built until Update.
func NewSession(opts Options) *Session {
	opts.DryRun = false
	opts.Out = ""
	return &Session{opts: opts}
}

// File returns a file of the last good build by its output path
// ("activities/x/index.html").
func (s *Session) File(name string) (File, bool) {
	s.mu.RLock()
	f, ok := s.files[name]
	s.mu.RUnlock()
	return File{Data: f.data, Src: f.src}, ok
}

// Close frees the esbuild context.
func (s *Session) Close() {
	if s.assets != nil {
		s.assets.Dispose()
		s.assets = nil
	}
}

// change says what kind of files changed since the last good build.
type change struct {
	full, assets bool
}

// classify sorts changed paths (absolute, or relative to the site root).
// Anything outside site.yaml and the theme is content: the loader reads
// it again and the comparison with the last build finds what it touched.
func (s *Session) classify(changed []string) change {
	var ch change
	theme := ""
	if s.good != nil && s.good.localTheme {
		// Without a site folder for the theme, a file written under
		// themes/ is a new override: the theme is loaded again.
		theme = s.good.b.cfg.Theme
	}
	for _, p := range changed {
		rel := s.rel(p)
		switch {
		case rel == config.FileName, strings.HasPrefix(rel, ".pacer/"):
			ch.full = true
		case theme != "" && strings.HasPrefix(rel, "themes/"+theme+"/assets/"):
			ch.assets = true
		case strings.HasPrefix(rel, "themes/"):
			ch.full = true
		}
	}
	return ch
}

// rel returns p relative to the site root with slashes, or p itself (with
// slashes) when it is outside.
func (s *Session) rel(p string) string {
	if filepath.IsAbs(p) {
		root, err := filepath.Abs(s.opts.Root)
		if err == nil {
			if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r)
			}
		}
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// Update builds the site again after the files in changed were written,
// created or removed (paths absolute or relative to the site root; nil
// on the first call). The first build, and any after site.yaml or a
// theme's layouts or strings changed, is a full one.
func (s *Session) Update(changed []string) (*Update, error) {
	start := time.Now()
	ch := s.classify(changed)
	s.pending.full = s.pending.full || ch.full
	s.pending.assets = s.pending.assets || ch.assets
	res := &Result{Diags: &diag.List{}}
	if s.cache == nil || s.pending.full {
		s.cache = &content.Cache{}
		s.opts.loadContent = s.cache.Load
		// Layouts and strings are read again; a script or stylesheet
		// change is the asset context's (the theme's files are read
		// through its overlay when esbuild asks).
		var theme *render.Theme
		s.opts.loadTheme = func(root, name string) (*render.Theme, error) {
			if theme != nil && theme.Name == name {
				return theme, nil
			}
			t, err := render.Load(root, name)
			if err == nil {
				theme = t
			}
			return t, err
		}
	}
	for _, p := range changed {
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.opts.Root, p)
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			// A folder (the watcher lost events, or one was moved in):
			// anything below it may have changed.
			s.cache = &content.Cache{}
			s.opts.loadContent = s.cache.Load
			break
		}
		s.cache.Forget(p)
	}
	b, ok := load(s.opts, res)
	if !ok {
		return &Update{Result: res}, nil
	}
	var (
		up  *Update
		err error
	)
	if s.good == nil || s.pending.full {
		up, err = s.build(b, nil, changed)
	} else {
		up, err = s.build(b, s.good, changed)
	}
	if up != nil {
		up.Duration = time.Since(start)
		if up.OK {
			s.pending = change{}
		}
	}
	return up, err
}

// build renders b. With a previous snapshot it re-renders only the pages
// the differences can touch; without one, everything.
func (s *Session) build(b *builder, old *snapshot, changed []string) (*Update, error) {
	up := &Update{Result: b.res, Full: old == nil}
	snap := &snapshot{b: b, media: map[string]outFile{}}
	if fi, err := os.Stat(filepath.Join(s.opts.Root, "themes", b.cfg.Theme)); err == nil && fi.IsDir() {
		snap.localTheme = true
	}

	if old == nil || s.pending.assets || s.assets == nil {
		if old == nil {
			// The theme's files may have moved (a site override folder
			// created): start a fresh context over the new theme.
			s.Close()
		}
		if s.assets == nil {
			s.assets = assets.NewContext(b.theme.FS)
		}
		a, err := s.assets.Rebuild()
		if err != nil {
			ae, ok := err.(*assets.Error)
			if !ok {
				return up, err
			}
			b.assetDiags(ae.Diagnostics)
			return up, nil
		}
		snap.asset = a
		for _, d := range a.Warnings {
			d.Pos.File = path.Join("themes", b.cfg.Theme, d.Pos.File)
			snap.assetMsg = append(snap.assetMsg, d)
			b.res.Diags.Add(d)
		}
	} else {
		snap.asset, snap.assetMsg = old.asset, old.assetMsg
		for _, d := range old.assetMsg {
			b.res.Diags.Add(d)
		}
	}
	if b.res.Diags.HasErrors() {
		return up, nil
	}

	snap.stringsJS = b.stringScripts(false)
	site := b.site(SessionScript, SessionStyle, SessionCourse)
	jobs, err := b.jobs(site, func(p string, f outFile) error { snap.media[p] = f; return nil })
	if err != nil {
		return up, err
	}
	snap.deps = depsOf(b.course)

	var todo []job
	courseData := true
	if old == nil {
		todo = jobs
	} else {
		d := dirtyPages(old, b, snap.deps, changed, s)
		if d.full {
			up.Full = true
			todo = jobs
		} else {
			for _, j := range jobs {
				if d.pages[j.path] || old.pages[j.path] == nil {
					todo = append(todo, j)
				}
			}
			courseData = d.courseData
		}
	}
	rendered := renderPages(b, todo)
	snap.pages = make(map[string]*page, len(jobs))
	for _, j := range jobs {
		if p := rendered[j.path]; p != nil {
			snap.pages[j.path] = p
		} else if old != nil && !up.Full && old.pages[j.path] != nil {
			snap.pages[j.path] = old.pages[j.path]
		}
	}
	// Every diagnostic of the current state: loading, assets, and each
	// page's, re-rendered or not.
	for _, p := range snap.pages {
		for _, d := range p.diags {
			b.res.Diags.Add(d)
		}
	}
	if b.res.Diags.HasErrors() {
		return up, nil
	}
	if courseData || old == nil {
		snap.courseJS = b.courseData()
	} else {
		snap.courseJS = old.courseJS
	}

	files := snap.files()
	up.Rendered = slices.Sorted(maps.Keys(rendered))
	var prev map[string]outFile
	s.mu.RLock()
	prev = s.files
	s.mu.RUnlock()
	for p, f := range files {
		if g, ok := prev[p]; !ok || g.src != f.src || string(g.data) != string(f.data) {
			up.Changed = append(up.Changed, p)
		}
	}
	for p := range prev {
		if _, ok := files[p]; !ok {
			up.Removed = append(up.Removed, p)
			up.Changed = append(up.Changed, p)
		}
	}
	slices.Sort(up.Changed)
	slices.Sort(up.Removed)
	s.mu.Lock()
	s.files = files
	s.mu.Unlock()
	s.good = snap
	up.OK = true
	up.Files = len(files)
	return up, nil
}

// files is everything the snapshot serves.
func (snap *snapshot) files() map[string]outFile {
	files := make(map[string]outFile, len(snap.pages)+len(snap.media)+8)
	a := snap.asset
	for p, data := range a.Files {
		switch p {
		case a.Script:
			p = SessionScript
		case a.Style:
			p = SessionStyle
		}
		files[p] = outFile{data: data}
	}
	files[SessionCourse] = outFile{data: snap.courseJS}
	for p, data := range snap.stringsJS {
		files[p] = outFile{data: data}
	}
	files["robots.txt"] = outFile{data: robots}
	files[studentsIndex] = outFile{data: snap.b.studentsIndex()}
	maps.Copy(files, snap.media)
	for _, p := range snap.pages {
		for out, src := range p.copies {
			files[out] = outFile{src: src}
		}
	}
	for path, p := range snap.pages {
		files[path] = outFile{data: p.data}
	}
	return files
}

// renderPages renders jobs, each with its own diagnostics list and link
// resolver so that what a page reports stays with the page.
func renderPages(b *builder, jobs []job) map[string]*page {
	pages := make([]*page, len(jobs))
	builders := make([]*builder, len(jobs))
	wrapped := make([]job, len(jobs))
	for i, j := range jobs {
		pb := b.forPage()
		builders[i] = pb
		wrapped[i] = job{j.path, func(*builder) (*render.Page, error) { return j.page(pb) }}
	}
	b.renderJobs(wrapped, func(i int, data []byte) error {
		pages[i] = &page{data: bytes.Clone(data)}
		return nil
	})
	out := make(map[string]*page, len(jobs))
	for i, j := range jobs {
		p := pages[i]
		if p == nil {
			continue // failed: reported in b.res.Diags
		}
		p.diags = builders[i].res.Diags.Items()
		p.copies = builders[i].links.copies
		out[j.path] = p
	}
	return out
}

// forPage returns a copy of b whose diagnostics and link copies are its own.
func (b *builder) forPage() *builder {
	pb := *b
	res := *b.res
	res.Diags = &diag.List{}
	pb.res = &res
	pb.links = &linker{root: b.links.root, pages: b.links.pages, diags: res.Diags, fence: b.links.fence, copies: map[string]string{}}
	pb.shared = b.shared.forPage()
	return &pb
}

// depsOf works out every student's units and competencies (targets and
// all their prerequisites, a superset of the plan's steps).
func depsOf(c *content.Course) map[string]studentDeps {
	out := make(map[string]studentDeps, len(c.Students))
	byKey := map[string]studentDeps{}
	for _, st := range c.Students {
		units := st.Units
		g := ""
		if st.Group != nil {
			g = st.Group.ID
			if len(units) == 0 && c.Group[g] != nil {
				units = c.Group[g].Units
			}
		}
		key := g + "\x00" + strings.Join(refIDs(units), ",")
		d, ok := byKey[key]
		if !ok {
			d = studentDeps{units: map[string]bool{}, comps: map[string]bool{}}
			var walk func(id string)
			walk = func(id string) {
				if d.comps[id] {
					return
				}
				d.comps[id] = true
				if k := c.Competency[id]; k != nil {
					for _, r := range k.Requires {
						walk(r.ID)
					}
				}
			}
			for _, u := range units {
				d.units[u.ID] = true
				if unit := c.Unit[u.ID]; unit != nil {
					for _, r := range unit.Competencies {
						walk(r.ID)
					}
				}
			}
			byKey[key] = d
		}
		out[st.ID] = d
	}
	return out
}

func refIDs(refs []content.Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}
