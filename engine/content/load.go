package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/fm"
	"github.com/pacer-edu/pacer/engine/internal/work"
	"github.com/pacer-edu/pacer/engine/mdlimit"
	"github.com/pacer-edu/pacer/engine/yamlx"
	"go.yaml.in/yaml/v3"
)

// Dir is the folder of course content under a site root.
const Dir = "content"

type kind int

const (
	kCompetency kind = iota
	kActivity
	kUnit
	kGroup
	kStudent
)

var kindNames = [...]string{"competency", "activity", "unit", "group", "student"}

// file is one source file waiting to be decoded.
type file struct {
	kind kind
	abs  string // path on disk
	rel  string // path shown to the teacher (relative to the site root, slashes)
	dir  string // activities: folder under content/activities
}

// Load reads every content file of the course at root, decodes it strictly
// and cross-checks references. It always returns a course (possibly
// partial); problems go to diags.
func Load(root string, cfg *config.Config, diags *diag.List) *Course {
	return load(root, cfg, diags, nil)
}

// Cache keeps decoded files between loads of one site, for the dev
// server: a load decodes only the files it has not seen or was told
// changed (Forget), and repeats the others' diagnostics. Items are never
// modified after decoding, so a load may share them with the last. It also
// keeps the list of files, so a load after edits to existing files does
// not walk the folders again. A Cache is for one configuration: start a
// new one when site.yaml changes. The zero value is ready; loads must not
// run concurrently.
type Cache struct {
	files map[string]cachedFile // by path on disk
	// listing is the last walk's files and problems; valid says it still
	// describes the folders.
	listing   []file
	listDiags []diag.Diagnostic
	listed    map[string]bool // paths on disk of listing
	valid     bool
}

type cachedFile struct {
	item  any
	diags []diag.Diagnostic
}

// Forget drops the cached files at paths (on disk, as joined to the site
// root), so the next load decodes them again. Paths must include every
// file or folder created, removed or renamed: the next load walks the
// folders again unless each path is a listed file still there, or a file
// that is not content (an image, a theme file).
func (cc *Cache) Forget(paths ...string) {
	for _, p := range paths {
		p = filepath.Clean(p)
		delete(cc.files, p)
		if cc.valid && !cc.keepsListing(p) {
			cc.valid = false
		}
	}
}

func (cc *Cache) keepsListing(p string) bool {
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return false // removed, moved away, or a folder
	}
	if cc.listed[p] {
		return true
	}
	name := filepath.Base(p)
	return ignored(name) || !hasExt(name, mdExts) && !hasExt(name, yamlExts)
}

// Load is Load, reusing what the cache holds.
func (cc *Cache) Load(root string, cfg *config.Config, diags *diag.List) *Course {
	return load(root, cfg, diags, cc)
}

func load(root string, cfg *config.Config, diags *diag.List, cc *Cache) *Course {
	c := &Course{Config: cfg, Root: root}
	var files []file
	if cc == nil {
		files = discover(root, cfg, diags)
	} else {
		if !cc.valid {
			own := &diag.List{}
			cc.listing = discover(root, cfg, own)
			cc.listDiags, cc.valid = own.Items(), true
			cc.listed = make(map[string]bool, len(cc.listing))
			for _, f := range cc.listing {
				cc.listed[filepath.Clean(f.abs)] = true
			}
		}
		files = cc.listing
		for _, d := range cc.listDiags {
			diags.Add(d)
		}
	}
	var (
		mu   sync.Mutex
		seen = map[string]cachedFile{}
	)
	decode := func(f file) any {
		if cc == nil {
			return decodeFile(f, cfg, diags)
		}
		key := filepath.Clean(f.abs)
		cf, ok := cc.files[key]
		if !ok {
			own := &diag.List{}
			cf = cachedFile{item: decodeFile(f, cfg, own), diags: own.Items()}
		}
		for _, d := range cf.diags {
			diags.Add(d)
		}
		mu.Lock()
		seen[key] = cf
		mu.Unlock()
		return cf.item
	}

	results := make([]any, len(files))
	work.EachFile(len(files), func() func(int) error {
		return func(i int) error { results[i] = decode(files[i]); return nil }
	})

	for _, r := range results {
		switch v := r.(type) {
		case *Competency:
			c.Competencies = append(c.Competencies, v)
		case *Activity:
			c.Activities = append(c.Activities, v)
		case *Unit:
			c.Units = append(c.Units, v)
		case *Group:
			c.Groups = append(c.Groups, v)
		case *Student:
			c.Students = append(c.Students, v)
		case unreadable:
			if c.unreadable == nil {
				c.unreadable = map[unreadable]bool{}
			}
			c.unreadable[v] = true
		}
	}
	if cc != nil {
		cc.files = seen // files gone from the site are dropped
	}
	index(c, diags)
	crossCheck(c, diags)
	return c
}

// RosterDir returns the folder holding groups/ and students/.
func RosterDir(root string, cfg *config.Config) string {
	if filepath.IsAbs(cfg.Students.Dir) {
		return cfg.Students.Dir
	}
	return filepath.Join(root, cfg.Students.Dir)
}

func discover(root string, cfg *config.Config, diags *diag.List) []file {
	var files []file
	walk := func(base, sub string, k kind, exts []string, recursive bool) {
		dir := filepath.Join(base, sub)
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return filepath.SkipDir
				}
				diags.Errorf(diag.Pos{File: relTo(root, p)}, "cannot read: %v", err)
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != dir && (!recursive || ignored(name)) {
					return filepath.SkipDir
				}
				return nil
			}
			if ignored(name) || !hasExt(name, exts) {
				return nil
			}
			f := file{kind: k, abs: p, rel: relTo(root, p)}
			if k == kActivity {
				if d, _ := filepath.Rel(dir, filepath.Dir(p)); d != "." {
					f.dir = filepath.ToSlash(d)
				}
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			diags.Errorf(diag.Pos{File: relTo(root, dir)}, "cannot read: %v", err)
		}
	}
	contentDir := filepath.Join(root, Dir)
	if _, err := os.Stat(contentDir); err != nil {
		diags.Errorf(diag.Pos{File: Dir}, "no content folder").Hint = "put competencies/, activities/ and units/ under " + Dir + "/"
	}
	walk(contentDir, "competencies", kCompetency, mdExts, false)
	walk(contentDir, "activities", kActivity, mdExts, true)
	walk(contentDir, "units", kUnit, mdExts, false)
	roster := RosterDir(root, cfg)
	if _, err := os.Stat(roster); err != nil {
		diags.Errorf(diag.Pos{File: config.FileName}, "students.dir %q: %v", cfg.Students.Dir, errText(err)).
			Hint = "students.dir names the folder that holds groups/ and students/"
	}
	walk(roster, "groups", kGroup, yamlExts, false)
	walk(roster, "students", kStudent, yamlExts, false)
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files
}

// Extensions of the files discover reads: Markdown content, YAML roster.
var (
	mdExts   = []string{".md"}
	yamlExts = []string{".yaml", ".yml"}
)

func errText(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such folder"
	}
	return err.Error()
}

// Ignored reports whether the loader skips a file or folder name: editor
// temp files, backups and hidden files (the dev server's watcher too).
func Ignored(name string) bool { return ignored(name) }

func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".bak")
}

func hasExt(name string, exts []string) bool {
	for _, e := range exts {
		if strings.EqualFold(path.Ext(name), e) {
			return true
		}
	}
	return false
}

func relTo(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func decodeFile(f file, cfg *config.Config, diags *diag.List) any {
	at := diag.Pos{File: f.rel, Line: 1, Col: 1}
	src, size, err := readLimited(f.abs)
	if err == errTooLarge {
		diags.Errorf(at, "file is too large: %.1f MB, and a content file may have at most %d MB", float64(size)/(1<<20), mdlimit.MaxFileSize>>20).
			Hint = "split it into several files; put media beside it as files (media: clip.mp4)"
		return unreadable{f.kind, fileID(f.rel)}
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: f.rel}, "cannot read: %v", err)
		return nil
	}
	d := &yamlx.Decoder{File: f.rel, Diags: diags}
	var root *yaml.Node
	var body []byte
	bodyLine := 0
	if f.kind == kGroup || f.kind == kStudent {
		switch {
		case len(strings.TrimSpace(string(src))) == 0:
			diags.Errorf(at, "file is empty").Hint = "give at least " + required(f.kind)
			return nil
		case !utf8.Valid(src):
			diags.Errorf(at, "file is not UTF-8 text").Hint = "save it as UTF-8 in your editor"
			return nil
		}
		root = d.Parse(src)
		if root == nil {
			return unreadable{f.kind, fileID(f.rel)} // syntax error already reported
		}
	} else {
		doc, err := fm.Split(src)
		if err != nil {
			e := diags.Errorf(at, "%v", err)
			switch {
			case errors.Is(err, fm.ErrNotUTF8):
				e.Hint = "save it as UTF-8 in your editor"
			case errors.Is(err, fm.ErrEmpty), errors.Is(err, fm.ErrNoFront):
				e.Hint = "start the file with a line of ---, then " + required(f.kind) + ", then another line of ---"
			case errors.Is(err, fm.ErrUnclosed):
				e.Hint = "add a line of --- after the last front-matter key"
			}
			return nil
		}
		d.LineOffset = doc.FrontLine - 1
		root = d.Parse(doc.Front)
		if root == nil && len(strings.TrimSpace(string(doc.Front))) > 0 {
			return unreadable{f.kind, fileID(f.rel)} // syntax error already reported
		}
		body, bodyLine = doc.Body, doc.BodyLine
		if line, col := mdlimit.TooDeep(body); line > 0 {
			// No Markdown parser may see it: they slow down past linear
			// with depth.
			diags.Errorf(diag.Pos{File: f.rel, Line: bodyLine + line - 1, Col: col}, "Markdown nested deeper than %d levels (lists or block quotes)", mdlimit.MaxDepth).
				Hint = "flatten the lists or quotes here"
			body = nil
		}
	}
	base := fileID(f.rel)
	src0 := Source{File: f.rel, IDPos: diag.Pos{File: f.rel, Line: 1, Col: 1}}
	dec := decoder{d: d, root: root, file: f, cfg: cfg}
	var item any
	switch f.kind {
	case kCompetency:
		item = dec.competency(src0, body, bodyLine)
	case kActivity:
		item = dec.activity(src0, body, bodyLine)
	case kUnit:
		item = dec.unit(src0, body, bodyLine)
	case kGroup:
		item = dec.group(src0)
	case kStudent:
		item = dec.student(src0)
	}
	dec.finishID(base, item)
	return item
}

// unreadable is a file whose YAML could not be parsed: its syntax error is
// its only diagnostic, and references to its id (from its file name) are
// not reported as unknown, since what it says is not known.
type unreadable struct {
	kind kind
	id   string
}

var errTooLarge = errors.New("file too large")

// readLimited reads a file of at most mdlimit.MaxFileSize bytes. A larger
// one is not read past the limit: it gives errTooLarge and its size.
func readLimited(name string) ([]byte, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > mdlimit.MaxFileSize {
			return nil, fi.Size(), errTooLarge
		}
		// Room for the whole file and the read that finds its end, so
		// the buffer is allocated once.
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(f, mdlimit.MaxFileSize+1))
	b := buf.Bytes()
	if err == nil && len(b) > mdlimit.MaxFileSize {
		return nil, int64(len(b)), errTooLarge // it grew since Stat
	}
	return b, int64(len(b)), err
}

func fileID(rel string) string { return strings.TrimSuffix(path.Base(rel), path.Ext(rel)) }

func required(k kind) string {
	switch k {
	case kCompetency:
		return "title: and can:"
	case kActivity:
		return "title:, for:, modality: and minutes:"
	case kUnit:
		return "title: and competencies:"
	case kGroup:
		return "units:"
	}
	return "name:"
}

// decoder decodes one file's root node into a model value.
type decoder struct {
	d      *yamlx.Decoder
	root   *yaml.Node
	file   file
	cfg    *config.Config
	id     string
	idNode *yaml.Node
	seen   map[string]bool
}

func (x *decoder) fields(what string, f map[string]yamlx.Field) {
	x.seen = map[string]bool{}
	wrapped := make(map[string]yamlx.Field, len(f)+1)
	for k, fn := range f {
		k, fn := k, fn
		wrapped[k] = func(key, v *yaml.Node) { x.seen[k] = true; fn(key, v) }
	}
	wrapped["id"] = func(_, v *yaml.Node) {
		if s, ok := x.d.String(v, "id"); ok {
			x.id, x.idNode = s, v
		}
	}
	if x.root == nil {
		return
	}
	x.d.Mapping(x.root, what, wrapped)
}

// require reports required keys that are missing, at the top of the file.
// A file whose YAML is not a mapping has already been reported.
func (x *decoder) require(keys ...string) {
	if x.root != nil && x.root.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if !x.seen[k] {
			pos := diag.Pos{File: x.file.rel, Line: 1, Col: 1}
			e := x.d.Diags.Errorf(pos, "%s has no %s", kindNames[x.file.kind], k)
			e.Hint = "add a " + k + ": line" + frontHint(x.file.kind)
		}
	}
}

func frontHint(k kind) string {
	if k == kGroup || k == kStudent {
		return ""
	}
	return " to the front matter"
}

func (x *decoder) finishID(base string, item any) {
	if item == nil {
		return
	}
	id, pos := base, diag.Pos{File: x.file.rel, Line: 1, Col: 1}
	if x.idNode != nil {
		id, pos = x.id, x.d.Pos(x.idNode)
	}
	if !yamlx.ValidID(id) {
		if x.idNode != nil {
			x.d.Diags.Errorf(pos, "id %q is not a valid id", id).Hint = yamlx.IDHint(id)
		} else {
			x.d.Diags.Errorf(pos, "file name %q does not make a valid id", path.Base(x.file.rel)).
				Hint = "rename the file to " + yamlx.Slug(id) + path.Ext(x.file.rel) + ", or set id: in it; " + yamlx.IDHint(id)
		}
	}
	switch v := item.(type) {
	case *Competency:
		v.ID, v.IDPos = id, pos
	case *Activity:
		v.ID, v.IDPos = id, pos
	case *Unit:
		v.ID, v.IDPos = id, pos
	case *Group:
		v.ID, v.IDPos = id, pos
	case *Student:
		v.ID, v.IDPos = id, pos
	}
}

func (x *decoder) str(v *yaml.Node, key string, dst *string) {
	if s, ok := x.d.String(v, key); ok {
		if strings.TrimSpace(s) == "" {
			x.d.Errorf(v, "%s is empty", key)
			return
		}
		*dst = s
	}
}

func (x *decoder) refs(v *yaml.Node, key string, dst *[]Ref) {
	items, _ := x.d.Strings(v, key)
	for _, it := range items {
		*dst = append(*dst, Ref{ID: it.Value, Pos: x.d.Pos(it.Node)})
	}
	if len(items) == 0 && v.Kind == yaml.SequenceNode {
		*dst = []Ref{} // written but empty: not "missing"
	}
}

func (x *decoder) strs(v *yaml.Node, key string, dst *[]string) {
	items, _ := x.d.Strings(v, key)
	for _, it := range items {
		*dst = append(*dst, it.Value)
	}
}

func (x *decoder) date(v *yaml.Node, key string, dst *calendar.Date) {
	if t, ok := x.d.Date(v, key); ok {
		*dst = t
	}
}

func (x *decoder) competency(s Source, body []byte, bodyLine int) *Competency {
	c := &Competency{Source: s, Body: body, BodyLine: bodyLine}
	var rule config.Rule
	x.fields("front matter", map[string]yamlx.Field{
		"title":    func(_, v *yaml.Node) { x.str(v, "title", &c.Title) },
		"can":      func(_, v *yaml.Node) { x.str(v, "can", &c.Can) },
		"codes":    func(_, v *yaml.Node) { x.strs(v, "codes", &c.Codes) },
		"case":     func(_, v *yaml.Node) { x.str(v, "case", &c.Case) },
		"requires": func(_, v *yaml.Node) { x.refs(v, "requires", &c.Requires) },
		"rule": func(_, v *yaml.Node) {
			r, _ := config.DecodeRule(x.d, v, "rule")
			if r.Self > x.cfg.Mastery.Levels {
				x.d.Errorf(v, "rule self: %d is above the top of the %d-level scale", r.Self, x.cfg.Mastery.Levels)
			}
			rule = r
		},
	})
	x.require("title", "can")
	c.Rule = rule.Apply(x.cfg.Mastery.Rule)
	return c
}

func (x *decoder) activity(s Source, body []byte, bodyLine int) *Activity {
	a := &Activity{Source: s, Body: body, BodyLine: bodyLine, Level: "core", Dir: x.file.dir}
	x.fields("front matter", map[string]yamlx.Field{
		"title":    func(_, v *yaml.Node) { x.str(v, "title", &a.Title) },
		"for":      func(_, v *yaml.Node) { x.refs(v, "for", &a.For) },
		"modality": func(_, v *yaml.Node) { a.Modality, _ = x.d.OneOf(v, "modality", Modalities) },
		"minutes": func(_, v *yaml.Node) {
			a.Minutes, _ = x.d.Int(v, "minutes", 1, 10000)
		},
		"level":     func(_, v *yaml.Node) { a.Level, _ = x.d.OneOf(v, "level", Levels) },
		"choice":    func(_, v *yaml.Node) { x.str(v, "choice", &a.Choice) },
		"interests": func(_, v *yaml.Node) { x.strs(v, "interests", &a.Interests) },
		"media": func(_, v *yaml.Node) {
			x.str(v, "media", &a.Media)
			a.MediaPos = x.d.Pos(v)
		},
		"aliases": func(_, v *yaml.Node) {
			items, _ := x.d.Strings(v, "aliases")
			for _, it := range items {
				if !yamlx.ValidID(it.Value) {
					x.d.Errorf(it.Node, "alias %q is not a valid id", it.Value).Hint = yamlx.IDHint(it.Value)
					continue
				}
				a.Aliases = append(a.Aliases, it.Value)
			}
		},
		"params": func(_, v *yaml.Node) {
			if v.Kind != yaml.MappingNode {
				x.d.Errorf(v, "params must be a mapping of keys to values")
				return
			}
			a.Params, _ = yamlx.Any(v).(map[string]any)
		},
	})
	x.require("title", "for", "modality", "minutes")
	if x.seen["for"] && len(a.For) == 0 {
		x.d.Errorf(yamlx.Value(x.root, "for"), "for lists no competency").Hint = "name the competencies this activity builds, e.g. for: [ratio-language]"
	}
	a.Checks = check.Scan(body, x.file.rel, bodyLine, x.d.Diags)
	return a
}

func (x *decoder) unit(s Source, body []byte, bodyLine int) *Unit {
	u := &Unit{Source: s, Body: body, BodyLine: bodyLine}
	x.fields("front matter", map[string]yamlx.Field{
		"title":        func(_, v *yaml.Node) { x.str(v, "title", &u.Title) },
		"competencies": func(_, v *yaml.Node) { x.refs(v, "competencies", &u.Competencies) },
		"diagnostic":   func(_, v *yaml.Node) { u.Diagnostic, _ = x.d.Bool(v, "diagnostic") },
	})
	x.require("title", "competencies")
	return u
}

func (x *decoder) group(s Source) *Group {
	g := &Group{Source: s}
	x.fields(kindNames[kGroup], map[string]yamlx.Field{
		"title": func(_, v *yaml.Node) { x.str(v, "title", &g.Title) },
		"units": func(k, v *yaml.Node) { g.Keys.Units = x.d.Pos(k); x.refs(v, "units", &g.Units) },
		"start": func(k, v *yaml.Node) { g.Keys.Start = x.d.Pos(k); x.date(v, "start", &g.Start) },
		"end":   func(k, v *yaml.Node) { g.Keys.End = x.d.Pos(k); x.date(v, "end", &g.End) },
	})
	x.require("units")
	return g
}

func (x *decoder) student(s Source) *Student {
	st := &Student{Source: s, TimeFactor: 1}
	x.fields(kindNames[kStudent], map[string]yamlx.Field{
		"name": func(_, v *yaml.Node) { x.str(v, "name", &st.Name) },
		"group": func(_, v *yaml.Node) {
			if g, ok := x.d.String(v, "group"); ok {
				st.Group = &Ref{ID: g, Pos: x.d.Pos(v)}
			}
		},
		"units": func(k, v *yaml.Node) { st.Keys.Units = x.d.Pos(k); x.refs(v, "units", &st.Units) },
		"start": func(k, v *yaml.Node) { st.Keys.Start = x.d.Pos(k); x.date(v, "start", &st.Start) },
		"end":   func(k, v *yaml.Node) { st.Keys.End = x.d.Pos(k); x.date(v, "end", &st.End) },
		"prefers": func(_, v *yaml.Node) {
			items, _ := x.d.Strings(v, "prefers")
			for _, it := range items {
				if m, ok := x.d.OneOf(it.Node, "prefers", Modalities); ok {
					st.Prefers = append(st.Prefers, m)
				}
			}
		},
		"interests": func(_, v *yaml.Node) { x.strs(v, "interests", &st.Interests) },
		"mastered":  func(_, v *yaml.Node) { x.refs(v, "mastered", &st.Mastered) },
		"goals":     func(_, v *yaml.Node) { x.strs(v, "goals", &st.Goals) },
		"accommodations": func(_, v *yaml.Node) {
			x.d.Mapping(v, "accommodations", map[string]yamlx.Field{
				"time": func(_, v *yaml.Node) {
					if f, ok := x.d.Float(v, "accommodations.time", 0.1, 10); ok {
						st.TimeFactor = f
					}
				},
				"rule": func(_, v *yaml.Node) {
					r, _ := config.DecodeRule(x.d, v, "accommodations.rule")
					if r.Self > x.cfg.Mastery.Levels {
						x.d.Errorf(v, "accommodations.rule self: %d is above the top of the %d-level scale", r.Self, x.cfg.Mastery.Levels)
					}
					st.Rule = r
				},
				"read-aloud": func(_, v *yaml.Node) { st.ReadAloud, _ = x.d.Bool(v, "accommodations.read-aloud") },
			})
		},
		"feedback":      func(_, v *yaml.Node) { x.feedback(v, st) },
		"confirmed":     func(_, v *yaml.Node) { x.confirmed(v, st) },
		"minutesPerDay": func(_, v *yaml.Node) { st.MinutesPerDay, _ = x.d.Int(v, "minutesPerDay", 1, 24*60) },
		"language": func(_, v *yaml.Node) {
			if l, ok := x.d.String(v, "language"); ok {
				st.Language = l
			}
		},
		"notes": func(_, v *yaml.Node) { st.Notes, _ = x.d.String(v, "notes") },
	})
	x.require("name")
	if !st.Start.IsZero() && !st.End.IsZero() && st.End.Before(st.Start) {
		x.d.Errorf(yamlx.Value(x.root, "end"), "end (%s) is before start (%s)", st.End, st.Start)
	}
	return st
}

// perCompetency walks a mapping of competency ids to mappings (feedback:,
// confirmed:), calling f with each id and its value.
func (x *decoder) perCompetency(n *yaml.Node, what string, f func(id Ref, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		x.d.Errorf(n, "%s must map competency ids to entries, not %s", what, yamlx.Describe(n)).
			Hint = what + ":\n  ratio-language: {date: 2026-10-02, ...}"
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			x.d.Errorf(k, "competency %q appears twice in %s", k.Value, what).Hint = "keep one entry per competency"
			continue
		}
		seen[k.Value] = true
		f(Ref{ID: k.Value, Pos: x.d.Pos(k)}, v)
	}
}

func (x *decoder) feedback(n *yaml.Node, st *Student) {
	x.perCompetency(n, "feedback", func(id Ref, v *yaml.Node) {
		fb := Feedback{Competency: id}
		what := "feedback." + id.ID
		keys := yamlx.Keys(v)
		x.d.Mapping(v, what, map[string]yamlx.Field{
			"date": func(_, v *yaml.Node) { x.date(v, what+".date", &fb.Date) },
			"text": func(_, v *yaml.Node) { x.str(v, what+".text", &fb.Text) },
		})
		if v.Kind == yaml.MappingNode && keys["text"] == nil {
			x.d.Errorf(v, "%s has no text", what).Hint = `write the words for the student: {date: 2026-10-02, text: "..."}`
		}
		st.Feedback = append(st.Feedback, fb)
	})
}

func (x *decoder) confirmed(n *yaml.Node, st *Student) {
	top := x.cfg.Mastery.Levels
	x.perCompetency(n, "confirmed", func(id Ref, v *yaml.Node) {
		c := Confirmed{Competency: id}
		what := "confirmed." + id.ID
		keys := yamlx.Keys(v)
		x.d.Mapping(v, what, map[string]yamlx.Field{
			"date":  func(_, v *yaml.Node) { x.date(v, what+".date", &c.Date) },
			"level": func(_, v *yaml.Node) { c.Level, _ = x.d.Int(v, what+".level", 1, top) },
			"note":  func(_, v *yaml.Node) { x.str(v, what+".note", &c.Note) },
		})
		if v.Kind == yaml.MappingNode && keys["level"] == nil {
			x.d.Errorf(v, "%s has no level", what).Hint = fmt.Sprintf("give the level you saw on the site's scale, 1 to %d: {date: 2026-10-09, level: %d}", top, top)
		}
		st.Confirmed = append(st.Confirmed, c)
	})
}
