// Package site owns one build: load the configuration and content, check
// it, plan every student's playlist, render every page and write the output
// atomically (into a sibling folder swapped in on success, so a failed
// build leaves the previous output as it was). A build is a value: tests and
// the dev server can run many.
package site

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/plan"
	"github.com/pacer-edu/pacer/engine/pubfile"
	"github.com/pacer-edu/pacer/engine/render"
	"github.com/pacer-edu/pacer/engine/token"
)

// Options says what to build and where.
type Options struct {
	// Root is the site folder (holding site.yaml).
	Root string
	// Out is the output folder; "" means Root/public.
	Out string
	// BaseURL overrides site.yaml's baseURL when not empty.
	BaseURL string
	// DryRun does everything but write (pacer check).
	DryRun bool
	// Secret, when not nil, is the link secret to use, instead of looking
	// for it and checking it against pacer.lock: for throwaway builds of
	// a course whose links do not matter (tests).
	Secret []byte
	// Progress receives progress lines; nil is quiet.
	Progress io.Writer
	// Receipts, when not empty, is the receipts folder (relative to the
	// current folder), overriding site.yaml students.receipts: each
	// student's newest receipt is merged into their own page.
	Receipts string

	// loadContent replaces content.Load (the dev server's Session keeps
	// decoded files between builds).
	loadContent func(root string, cfg *config.Config, diags *diag.List) *content.Course
	// loadTheme replaces render.Load (the Session keeps the theme until
	// its layouts or strings change).
	loadTheme func(root, name string) (*render.Theme, error)
}

// Student is a student's link, for the CLI and the teacher's roster; it is
// never written into the output.
type Student struct {
	ID, Name, Group, Token string
	// Path is the page relative to the output root: s/<token>/index.html.
	Path string
	// Merged says the page carries the student's progress from a receipt.
	Merged bool
}

// Result is what a build did.
type Result struct {
	Diags    *diag.List
	Course   *content.Course
	Students []Student
	// Files is the number of files written (or that would be).
	Files int
	Out   string
	// SecretSource says where the link secret came from; SecretCreated
	// reports that a new one was written to .pacer/secret, SecretLocked
	// that its fingerprint was written to pacer.lock.
	SecretSource                string
	SecretCreated, SecretLocked bool
	// SecretProblem is set by a dry run when the course's links were made
	// with a secret that is not here: the links it computed are not the
	// students' links.
	SecretProblem *token.Error
	// SiteKey is the site's key in browsers and receipts.
	SiteKey string
	// Receipts says receipts were merged into students' pages (see
	// Student.Merged).
	Receipts bool
	Duration time.Duration
	// Words looks up the theme's UI strings of a language, for the
	// teacher's tools (cards, scan page, report); nil when the theme did
	// not load.
	Words func(lang string) (string, map[string]string)
}

// Build runs one build. Content problems are in Result.Diags (the output is
// not touched when any is an error); the error return is for failures to
// write the output.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{Diags: &diag.List{}}
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Root, "public")
	}
	res.Out = opts.Out
	b, ok := load(opts, res)
	if !ok {
		return res, nil
	}
	if opts.DryRun {
		out := &countOutput{}
		err := b.generate(out)
		res.Files = int(out.files.Load())
		return res, err
	}
	// Pages are written as they are rendered, into a sibling folder that
	// replaces the output only when the whole build succeeded.
	out, err := newDirOutput(opts.Root, content.RosterDir(opts.Root, b.cfg), opts.Out, ReceiptsDir(opts, b.cfg.Students.Receipts))
	if err != nil {
		return res, err
	}
	if err := b.generate(out); err != nil || res.Diags.HasErrors() {
		out.discard()
		return res, err
	}
	res.Files = int(out.files.Load())
	if err := out.commit(); err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// Inspect loads and checks a site and works out its students' links
// without rendering or writing anything (for pacer links and pacer report).
// Result.Files is 0; Result.Diags holds what loading found.
func Inspect(opts Options) *Result {
	opts.DryRun = true
	res := &Result{Diags: &diag.List{}}
	load(opts, res)
	return res
}

// builder holds one build's loaded state.
type builder struct {
	opts   Options
	res    *Result
	cfg    *config.Config
	course *content.Course
	theme  *render.Theme
	secret []byte
	// planner is shared by the student pages of one build.
	planner *plan.Planner
	// actIDs is each competency's activity ids, sorted, for the
	// playlists' ranks (wirejson.go).
	actIDs actIDs
	links  *linker
	// stringsPath is the path of each language's client strings script.
	stringsPath map[string]string
	// worker is the path of the service worker a build writes, "" when none.
	worker string
	// chunkPath is where pages load each chunk of the course data from
	// (chunks.go), held the units holding each competency.
	chunkPath map[string]string
	held      map[string][]string
	// shared holds what the student pages of one build have in common.
	shared *shared
	// reads records what the page being rendered reads, and planned its
	// plan (a dev server's page builder; nil in a cold build).
	reads   *depend.Set
	planned *planned
	// keys numbers what read sets record (a session's, for its life).
	keys *depend.Table
	// receipts is each student's snapshot by token (receipts.go); nil
	// when the receipts folder is off.
	receipts map[string]template.JS
}

func load(opts Options, res *Result) (*builder, bool) {
	diags := res.Diags
	cfg := config.Load(opts.Root, diags)
	if opts.BaseURL != "" {
		u := opts.BaseURL
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			diags.Errorf(diag.Pos{File: "--base-url"}, "%q must start with http:// or https://", u)
		}
		cfg.BaseURL = strings.TrimRight(u, "/") + "/"
	}
	loadContent := content.Load
	if opts.loadContent != nil {
		loadContent = opts.loadContent
	}
	course := loadContent(opts.Root, cfg, diags)
	res.Course = course
	loadTheme := render.Load
	if opts.loadTheme != nil {
		loadTheme = opts.loadTheme
	}
	theme, err := loadTheme(opts.Root, cfg.Theme)
	if pe, fe := (*fs.PathError)(nil), (*pubfile.Error)(nil); errors.As(err, &pe) && errors.As(err, &fe) {
		diags.Errorf(diag.Pos{File: path.Join("themes", cfg.Theme, pe.Path)}, "%v", pe.Err).Hint = content.PublishHint
		return nil, false
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: "themes/" + cfg.Theme}, "%v", err)
		return nil, false
	}
	res.Words = theme.Lookup
	for _, s := range course.Students {
		if s.Language != "" && !theme.HasLanguage(s.Language) {
			diags.Warnf(s.IDPos, "student %q: the theme has no %q strings; the page uses English", s.ID, s.Language).
				Hint = "languages available: " + strings.Join(theme.Languages(), ", ")
		}
	}
	for _, s := range course.Students {
		base, _, _ := strings.Cut(s.Language, "-")
		if sc := cfg.Mastery.Scales; s.Language != "" && sc != nil && sc[s.Language] == nil && sc[base] == nil {
			diags.Warnf(s.IDPos, "student %q: mastery.scale in %s has no %q levels; the page uses the %s scale", s.ID, config.FileName, s.Language, cfg.Language).
				Hint = "add " + s.Language + ": [...] to mastery.scale"
		}
	}
	if !theme.HasLanguage(cfg.Language) {
		diags.Warnf(diag.Pos{File: config.FileName}, "the theme has no %q strings; pages use English", cfg.Language).
			Hint = "languages available: " + strings.Join(theme.Languages(), ", ")
	}
	secret, ok := linkSecret(opts, cfg, res)
	if !ok {
		return nil, false
	}
	res.SiteKey = SiteKey(secret)
	for _, s := range course.Students {
		t := token.For(secret, s.ID)
		g := ""
		if s.Group != nil {
			g = s.Group.ID
		}
		res.Students = append(res.Students, Student{ID: s.ID, Name: s.Name, Group: g, Token: t, Path: "s/" + t + "/index.html"})
	}
	slices.SortFunc(res.Students, func(a, b Student) int { return cmp.Compare(a.ID, b.ID) })
	b := &builder{opts: opts, res: res, cfg: cfg, course: course, theme: theme, secret: secret}
	if dir := ReceiptsDir(opts, cfg.Students.Receipts); dir != "" {
		pos := cfg.Students.ReceiptsPos
		if opts.Receipts != "" {
			pos = diag.Pos{}
		}
		b.loadReceipts(dir, pos, time.Now())
		res.Receipts = true
		for i, s := range res.Students {
			_, res.Students[i].Merged = b.receipts[s.Token]
		}
	}
	return b, !diags.HasErrors()
}

// linkSecret finds the link secret for a build. A dry run that finds none,
// or one the course's links were not made with, warns and goes on with a
// throwaway (pacer check needs no secret); a build refuses.
func linkSecret(opts Options, cfg *config.Config, res *Result) ([]byte, bool) {
	if opts.Secret != nil {
		res.SecretSource = "given"
		return opts.Secret, true
	}
	find := token.Secret
	if opts.DryRun {
		find = token.Existing
	}
	f, err := find(opts.Root, cfg.Students.SecretEnv)
	res.SecretSource, res.SecretCreated, res.SecretLocked = f.Source, f.Created, f.Locked
	var te *token.Error
	switch {
	case errors.As(err, &te) && opts.DryRun:
		res.SecretProblem = te
		res.Diags.Warnf(diag.Pos{File: token.LockFile}, "%s", te.Msg).Hint = te.Hint
	case errors.As(err, &te):
		res.Diags.Errorf(diag.Pos{File: token.LockFile}, "%s", te.Msg).Hint = te.Hint
		return nil, false
	case err != nil:
		res.Diags.Errorf(diag.Pos{File: token.SecretFile}, "cannot get the link secret: %v", err).
			Hint = "set the environment variable " + cfg.Students.SecretEnv + " or fix " + token.SecretFile
		return nil, false
	}
	return f.Secret, true
}

func (b *builder) progress(format string, args ...any) {
	if b.opts.Progress != nil {
		fmt.Fprintf(b.opts.Progress, format+"\n", args...)
	}
}

// SiteKey identifies a site in students' browsers (storage keys, receipts)
// without revealing anything: derived from the link secret, so it is
// stable while links are.
func SiteKey(secret []byte) string { return token.For(secret, "\x00pacer-site")[:10] }
