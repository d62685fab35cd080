package site

import (
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
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/internal/work"
	"github.com/pacer-edu/pacer/engine/render"
)

// Asset paths of a session's pages. They carry no content hash, so a
// rebuilt script, stylesheet or course data reaches every page without
// re-rendering it; the dev server tells browsers not to cache them.
const (
	SessionScript = "assets/pacer.js"
	SessionStyle  = "assets/pacer.css"
	SessionCourse = "assets/course.js"
	SessionHandIn = "assets/pacer-handin.js"
	SessionPanels = "assets/pacer-panels.js"
)

// Session keeps a site loaded between builds, for the dev server: the
// course, every rendered page in memory (with the diagnostics rendering
// it gave and what it read, reads.go) and one esbuild context. Update
// re-renders only the pages that read something that changed; until a
// build succeeds, the last good build is what File serves.
//
// Update and Close must not run concurrently with each other; File may be
// called at any time.
type Session struct {
	opts Options

	mu    sync.RWMutex
	files map[string]served

	// store holds the rendered pages, on disk.
	store   *pageStore
	good    *snapshot
	assets  *assets.Context
	cache   *content.Cache
	pending change
	// keys numbers what the pages' read sets record.
	keys *depend.Table
}

// snapshot is the state of the last good build.
type snapshot struct {
	b        *builder
	pages    map[string]*page
	asset    *assets.Result
	assetMsg []diag.Diagnostic
	// courseJS is the head of the course data, chunks its parts by chunk
	// id (chunks.go).
	courseJS []byte
	chunks   map[string]*chunkOut
	// handIn is the theme's QR hand-in module and its path.
	handIn     []byte
	handInPath string
	// stringsJS is the client strings script of each language, by path.
	stringsJS map[string][]byte
	media     map[string]outFile
	// localTheme says the site had its own folder for the theme.
	localTheme bool
}

// served is a file of the last good build: bytes in memory (scripts,
// styles, course data), a page in the store, or the file at src.
type served struct {
	data []byte
	page storedPage
	src  string
}

// page is one rendered page (in the store), what rendering it reported
// and what it read.
type page struct {
	stored storedPage
	diags  []diag.Diagnostic
	copies map[string]string // files its links copy: output path -> source
	reads  *depend.Set
	// plan is a student page's plan: its reads are not in reads.
	plan *planned
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
	return &Session{opts: opts, keys: depend.NewTable()}
}

// File returns a file of the last good build by its output path
// ("activities/x/index.html").
func (s *Session) File(name string) (File, bool) {
	// A build removes the pages it replaced only after taking the lock
	// to swap in its own, so a page is read whole or not looked up.
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.files[name]
	if !ok {
		return File{}, false
	}
	if f.page.file != "" {
		data, err := s.store.read(f.page)
		if err != nil {
			return File{}, false
		}
		return File{Data: data}, true
	}
	return File{Data: f.data, Src: f.src}, true
}

// Close frees the esbuild context and removes the stored pages.
func (s *Session) Close() {
	s.closeAssets()
	if s.store != nil {
		s.mu.Lock()
		s.store.close()
		s.store, s.files, s.good = nil, nil, nil
		s.mu.Unlock()
	}
}

func (s *Session) closeAssets() {
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
// it again, changes lists what differs from the last build, and the pages
// that read any of it are rendered again.
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
	b.keys = s.keys
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
// that read something that changed (stale); without one, everything.
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
			s.closeAssets()
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
		if p, js := b.handIn(); p != "" {
			snap.handInPath, snap.handIn = SessionHandIn, js
		}
		for _, d := range a.Warnings {
			d.Pos.File = path.Join("themes", b.cfg.Theme, d.Pos.File)
			snap.assetMsg = append(snap.assetMsg, d)
			b.res.Diags.Add(d)
		}
	} else {
		snap.asset, snap.assetMsg = old.asset, old.assetMsg
		snap.handInPath, snap.handIn = old.handInPath, old.handIn
		for _, d := range old.assetMsg {
			b.res.Diags.Add(d)
		}
	}
	if b.res.Diags.HasErrors() {
		return up, nil
	}

	snap.stringsJS = b.stringScripts(false)
	site := b.site(SessionScript, SessionStyle, SessionCourse)
	site.HandIn = snap.handInPath
	if snap.asset.Panels != "" {
		site.Panels = SessionPanels
	}
	jobs, err := b.jobs(site, func(p string, f outFile) error { snap.media[p] = f; return nil })
	if err != nil {
		return up, err
	}
	var (
		todo      []job
		replanned map[string]*planned
		ch        map[depend.Key]depend.Facet
	)
	if old == nil {
		todo = jobs
	} else {
		ch = depend.Diff(old.b.dependState(), b.dependState())
		todo, replanned = s.stale(old, b, jobs, ch, changed)
		up.Full = len(todo) == len(jobs)
	}
	if s.store == nil {
		st, err := newPageStore()
		if err != nil {
			return up, err
		}
		s.store = st
	}
	rendered, err := renderPages(b, todo, s.store)
	defer func() {
		if !up.OK {
			// Pages of a build that is not served.
			for _, p := range rendered {
				s.store.drop([]storedPage{p.stored})
			}
		}
	}()
	if err != nil {
		return up, err
	}
	snap.pages = make(map[string]*page, len(jobs))
	for _, j := range jobs {
		if p := rendered[j.path]; p != nil {
			snap.pages[j.path] = p
		} else if old == nil {
			continue // failed: reported in b.res.Diags
		} else if op := old.pages[j.path]; op != nil {
			if pl := replanned[j.path]; pl != nil {
				// Planned again, to the same playlist: the page stands,
				// with what the new plan read.
				cp := *op
				cp.plan = pl
				op = &cp
			}
			snap.pages[j.path] = op
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
	snap.courseJS = b.courseHead()
	snap.chunks = sessionChunks(b, old, ch)

	files := snap.files()
	up.Rendered = slices.Sorted(maps.Keys(rendered))
	var prev map[string]served
	s.mu.RLock()
	prev = s.files
	s.mu.RUnlock()
	for p, f := range files {
		if g, ok := prev[p]; !ok || g.src != f.src || g.page.sum != f.page.sum || string(g.data) != string(f.data) {
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
	if last := s.good; last != nil {
		// The pages no longer served (no reader can look them up now).
		var gone []storedPage
		for path, p := range last.pages {
			if q := snap.pages[path]; q == nil || q.stored.file != p.stored.file {
				gone = append(gone, p.stored)
			}
		}
		s.store.drop(gone)
	}
	s.good = snap
	up.OK = true
	up.Files = len(files)
	return up, nil
}

// chunkOut is a chunk of the course data as a session keeps it, with what
// making it read.
type chunkOut struct {
	data  []byte
	reads *depend.Set
}

// sessionChunks makes the chunks of b's course: again those that read
// something in ch (every one without an old snapshot), the old ones else.
func sessionChunks(b *builder, old *snapshot, ch map[depend.Key]depend.Facet) map[string]*chunkOut {
	ids := b.chunkIDs()
	out := make(map[string]*chunkOut, len(ids))
	cs := depend.NewChanges(b.keys, ch, nil)
	var todo []string
	for _, id := range ids {
		if old != nil {
			if c := old.chunks[id]; c != nil && !c.reads.Touches(cs) {
				out[id] = c
				continue
			}
		}
		todo = append(todo, id)
	}
	made := make([]*chunkOut, len(todo))
	work.Each(len(todo), func() func(int) error {
		return func(i int) error {
			cb := *b
			cb.reads = depend.NewSet(b.keys)
			data := cb.courseChunk(todo[i])
			cb.reads.Freeze()
			made[i] = &chunkOut{data: data, reads: cb.reads}
			return nil
		}
	})
	for i, id := range todo {
		out[id] = made[i]
	}
	return out
}

// files is everything the snapshot serves.
func (snap *snapshot) files() map[string]served {
	files := make(map[string]served, len(snap.pages)+len(snap.media)+8)
	a := snap.asset
	for p, data := range a.Files {
		switch p {
		case a.Script:
			p = SessionScript
		case a.Style:
			p = SessionStyle
		case a.Panels:
			p = SessionPanels
		}
		files[p] = served{data: data}
	}
	files[SessionCourse] = served{data: snap.courseJS}
	for id, c := range snap.chunks {
		files[sessionChunkPath(id)] = served{data: c.data}
	}
	if snap.handInPath != "" {
		files[snap.handInPath] = served{data: snap.handIn}
	}
	for p, data := range snap.stringsJS {
		files[p] = served{data: data}
	}
	files["robots.txt"] = served{data: robots}
	for p, f := range snap.media {
		files[p] = served{data: f.data, src: f.src}
	}
	files[studentsIndex] = served{data: snap.b.studentsIndex()}
	for _, p := range snap.pages {
		for out, src := range p.copies {
			files[out] = served{src: src}
		}
	}
	for path, p := range snap.pages {
		files[path] = served{page: p.stored}
	}
	return files
}

// renderPages renders jobs into the store, each with its own diagnostics
// list, link resolver and read set so that what a page reports and reads
// stays with the page.
func renderPages(b *builder, jobs []job, store *pageStore) (map[string]*page, error) {
	pages := make([]*page, len(jobs))
	builders := make([]*builder, len(jobs))
	wrapped := make([]job, len(jobs))
	for i, j := range jobs {
		wrapped[i] = job{j.path, func(*builder) (*render.Page, error) {
			pb := b.forPage()
			builders[i] = pb
			return j.page(pb)
		}}
	}
	err := b.renderJobs(wrapped, func(i int, data []byte) error {
		sp, err := store.put(data)
		if err != nil {
			return err
		}
		pb := builders[i]
		pb.reads.Freeze()
		pages[i] = &page{stored: sp, diags: pb.res.Diags.Items(), copies: pb.links.copies, reads: pb.reads, plan: pb.planned}
		builders[i] = nil
		return nil
	})
	out := make(map[string]*page, len(jobs))
	for i, j := range jobs {
		if p := pages[i]; p != nil {
			out[j.path] = p
		}
		// else failed: reported in b.res.Diags
	}
	return out, err
}

// forPage returns a copy of b whose diagnostics and link copies are its own.
func (b *builder) forPage() *builder {
	pb := *b
	res := *b.res
	res.Diags = &diag.List{}
	pb.res = &res
	pb.links = &linker{root: b.links.root, pages: b.links.pages, diags: res.Diags, fence: b.links.fence, copies: map[string]string{}}
	pb.shared = b.shared.forPage()
	pb.reads = depend.NewSet(b.keys)
	pb.links.reads = pb.reads
	pb.planned = nil
	return &pb
}

// stale lists the jobs whose pages must be rendered again after the
// changes ch (and the files on disk at changed): new pages, and pages that
// read something that changed. A student page that read only its plan's
// inputs is planned again first, and is stale only if the playlist
// differs; replanned holds, by path, the new plans of those that stand.
func (s *Session) stale(old *snapshot, b *builder, jobs []job, ch map[depend.Key]depend.Facet, changed []string) (todo []job, replanned map[string]*planned) {
	disk := make([]string, len(changed))
	for i, p := range changed {
		disk[i] = s.rel(p)
	}
	cs, planCS := depend.NewChanges(b.keys, ch, disk), depend.NewChanges(b.keys, ch, nil)
	var check []int // jobs to plan again
	for i, j := range jobs {
		op := old.pages[j.path]
		switch {
		case op == nil || op.reads.Touches(cs):
			todo = append(todo, j)
		case op.plan != nil && op.plan.reads.Touches(planCS):
			check = append(check, i)
		}
	}
	if len(check) == 0 {
		return todo, nil
	}
	plans := make([]*planned, len(check))
	work.Each(len(check), func() func(int) error {
		return func(i int) error {
			op := old.pages[jobs[check[i]].path]
			if st := b.course.Student[op.plan.student]; st != nil {
				pl, _ := b.planner.Build(st)
				plans[i] = &planned{student: st.ID, reads: depend.PlanReads(b.keys, b.course, st, pl), hash: planHash(jsonJS(pl))}
			}
			return nil
		}
	})
	replanned = map[string]*planned{}
	for i, k := range check {
		j := jobs[k]
		if pl := plans[i]; pl != nil && pl.hash == old.pages[j.path].plan.hash {
			replanned[j.path] = pl
		} else {
			todo = append(todo, j)
		}
	}
	return todo, replanned
}
