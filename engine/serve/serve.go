// Package serve is Pacer's dev server: it builds a site into memory
// (site.Session), serves it on 127.0.0.1, watches the site's files
// (fsnotify, or polling when the system refuses), rebuilds what a change
// touches once the changes go quiet, and tells open pages to reload over
// server-sent events, only after the rebuild has finished. A build with
// errors leaves the last good build served and shows the diagnostics in
// the terminal and over every open page until they are fixed, once the
// files behind them have been read again after a quiet spell (a save
// caught half written never shows). It answers only requests addressed to
// itself (DNS rebinding).
//
// It serves previews to the teacher's own browser; it is not a web server
// for students (it listens on the loopback interface only).
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/site"
)

// Options configure a dev server.
type Options struct {
	// Root is the site folder.
	Root string
	// Port is the first port to try; when it is taken the next ones are
	// tried. 0 takes any free port.
	Port int
	// Log receives what the teacher should see in the terminal; nil is
	// quiet.
	Log io.Writer
	// Watch configures the file watcher.
	Watch WatchOptions
	// OnBuild, when set, is called after every build (for tests).
	OnBuild func(*site.Update)
	// Receipts, when not empty, is the receipts folder merged into
	// students' pages (pacer serve --receipts; site.yaml
	// students.receipts otherwise). It is watched like the roster.
	Receipts string
}

// Server is a running dev server.
type Server struct {
	opts    Options
	session *site.Session
	ln      net.Listener
	url     string
	port    string
	hub     hub
	first   *site.Update

	mu     sync.RWMutex
	roster roster        // the students of the last good build
	build  int           // good builds so far
	errs   *errorMessage // the last build's errors; nil when it was good
	warned map[string]bool
}

//go:embed live
var live embed.FS

// Start builds the site and reserves a port; Run serves it. It fails only
// when no port can be had: a site with errors is served as an overlay
// listing them until they are fixed.
func Start(opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	// The watcher reports paths as joined to the folders it watches, and
	// the session takes them as absolute or relative to the site: with an
	// absolute root both agree whatever the working folder.
	if abs, err := filepath.Abs(opts.Root); err == nil {
		opts.Root = abs
	}
	ln, err := listen(opts.Port, opts.Log)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, ln: ln, session: site.NewSession(site.Options{Root: opts.Root, Receipts: opts.Receipts}), warned: map[string]bool{}}
	_, s.port, _ = net.SplitHostPort(ln.Addr().String())
	s.url = "http://" + ln.Addr().String() + "/"
	up, err := s.session.Update(nil)
	s.first = up
	s.finish(up, err)
	return s, nil
}

// listen takes port on 127.0.0.1, or the next free one after it.
func listen(port int, log io.Writer) (net.Listener, error) {
	const tries = 20
	for i := 0; ; i++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			return ln, nil
		}
		if port == 0 || i == tries-1 || !errors.Is(err, syscall.EADDRINUSE) {
			return nil, err
		}
		fmt.Fprintf(log, "port %d is in use; trying %d\n", port, port+1)
		port++
	}
}

// URL is the server's address, ending in a slash.
func (s *Server) URL() string { return s.url }

// First is the first build.
func (s *Server) First() *site.Update { return s.first }

// Run serves and rebuilds until ctx is done.
func (s *Server) Run(ctx context.Context) error {
	defer s.session.Close()
	root := s.opts.Root
	trees := []string{filepath.Join(root, content.Dir), filepath.Join(root, "themes")}
	for _, r := range []string{s.rosterDir(s.first), s.receiptsDir(s.first)} {
		if r != "" && !slices.Contains(trees, r) {
			trees = append(trees, r)
		}
	}
	wo := s.opts.Watch
	if wo.Log == nil {
		wo.Log = s.opts.Log
	}
	w, err := Watch(trees, []string{filepath.Join(root, config.FileName)}, wo)
	if err != nil {
		return err
	}
	defer w.Close()

	// held: the last build failed and its files are being read again once
	// quiet, before its errors are shown.
	held := false
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()
	s.printBanner()
	for {
		select {
		case <-ctx.Done():
			s.hub.close()
			srv.Close()
			<-served
			return nil
		case err := <-served:
			return err
		case batch := <-w.Batches():
			up, err := s.session.Update(batch)
			if err == nil && !up.OK && !held {
				// Perhaps a save caught half written: show the errors
				// only if they remain once the files are quiet.
				held = true
				w.Recheck(append(batch, s.errorFiles(up)...))
				if s.opts.OnBuild != nil {
					s.opts.OnBuild(up)
				}
				continue
			}
			held = false
			// A receipts folder site.yaml just named is watched before
			// pages hear of the build.
			if r := s.receiptsDir(up); r != "" {
				w.AddTree(r)
			}
			s.finish(up, err)
			if r := s.rosterDir(up); r != "" {
				w.AddTree(r)
			}
		}
	}
}

// errorFiles returns the files the build's errors point at (not folders,
// nor flags such as --base-url).
func (s *Server) errorFiles(up *site.Update) []string {
	var out []string
	for _, d := range up.Diags.Items() {
		if d.Severity != diag.Error || d.Pos.File == "" {
			continue
		}
		p := d.Pos.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.opts.Root, filepath.FromSlash(p))
		}
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// rosterDir is the folder holding groups/ and students/, when site.yaml
// could be read.
func (s *Server) rosterDir(up *site.Update) string {
	if up == nil || up.Course == nil || up.Course.Config == nil {
		return ""
	}
	return filepath.Clean(content.RosterDir(s.opts.Root, up.Course.Config))
}

// receiptsDir is the receipts folder, when there is one and it exists.
func (s *Server) receiptsDir(up *site.Update) string {
	if up == nil || up.Course == nil || up.Course.Config == nil {
		return ""
	}
	dir := site.ReceiptsDir(site.Options{Root: s.opts.Root, Receipts: s.opts.Receipts}, up.Course.Config.Students.Receipts)
	if fi, err := os.Stat(dir); dir == "" || err != nil || !fi.IsDir() {
		return ""
	}
	return filepath.Clean(dir)
}

func (s *Server) printBanner() {
	log := s.opts.Log
	fmt.Fprintf(log, "serving %s at %s (press Ctrl+C to stop)\n", s.opts.Root, s.url)
	fmt.Fprintf(log, "every student's page, for you only (never published): %s\n", s.url+strings.TrimPrefix(studentsPath, "/"))
	if s.first == nil || len(s.first.Students) == 0 {
		return
	}
	fmt.Fprintln(log, "student pages (private links: share each only with its student):")
	for _, st := range s.first.Students {
		fmt.Fprintf(log, "  %-24s %s%s%s\n", st.Name, s.url, strings.TrimSuffix(st.Path, "index.html"), mergedMark(st))
	}
}

// mergedMark marks a student whose page carries progress from a receipt.
func mergedMark(st site.Student) string {
	if st.Merged {
		return "  (merged progress)"
	}
	return ""
}

// errorMessage is what the overlay shows.
type errorMessage struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// finish reports a build in the terminal and to open pages.
func (s *Server) finish(up *site.Update, err error) {
	log := s.opts.Log
	if err != nil {
		msg := &errorMessage{Title: "Pacer could not build the site; showing the last good build", Text: err.Error()}
		fmt.Fprintf(log, "pacer serve: %v\n", err)
		s.setErrors(msg)
		return
	}
	if !up.OK {
		var b strings.Builder
		up.Diags.Print(&b)
		n := up.Diags.Errors()
		fmt.Fprint(log, b.String())
		what := "still serving the last good build"
		if s.build == 0 {
			what = "nothing to serve until they are fixed"
		}
		fmt.Fprintf(log, "%s; %s\n", plural(n, "error"), what)
		title := plural(n, "error") + " in the site; " + what + "; this page updates when you fix them"
		s.setErrors(&errorMessage{Title: title, Text: b.String()})
		if s.opts.OnBuild != nil {
			s.opts.OnBuild(up)
		}
		return
	}

	s.printNewWarnings(up.Diags)
	now := rosterOf(up)
	s.mu.Lock()
	s.build++
	build := s.build
	hadErrors := s.errs != nil
	s.errs = nil
	was := s.roster
	s.roster = now
	s.mu.Unlock()
	if build > 1 {
		fmt.Fprintf(log, "rebuilt %s in %s\n", plural(len(up.Rendered), "page"), up.Duration.Round(time.Millisecond))
		s.printNewStudents(was, now)
	}
	changed := up.Changed
	if build > 1 && !now.same(was) {
		changed = append(slices.Clone(changed), studentsPage)
	}
	if len(changed) > 0 || hadErrors {
		// Every changed file: a page reloads when it is one of them or
		// loaded one (live.js), so a change to the course data of one
		// unit reloads the pages that use it, not every open page.
		r := reloadMessage{Build: build, Paths: changed}
		if len(r.Paths) > 1000 {
			r.All, r.Paths = true, nil
		}
		s.hub.send("reload", r)
	}
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(up)
	}
}

// reloadMessage tells pages a build finished: the pages listed in Paths,
// and the pages that loaded a file listed there (a script, a style sheet,
// course data, an image or media), reload; all of them with All; the rest
// only drop the overlay.
type reloadMessage struct {
	Build int      `json:"build"`
	All   bool     `json:"all,omitempty"`
	Paths []string `json:"paths,omitempty"`
}

func (s *Server) setErrors(msg *errorMessage) {
	s.mu.Lock()
	s.errs = msg
	s.mu.Unlock()
	s.hub.send("errors", msg)
}

// printNewWarnings prints the warnings not printed before, so a rebuild
// does not repeat the whole list.
func (s *Server) printNewWarnings(l *diag.List) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := map[string]bool{}
	for _, d := range l.Items() {
		t := d.String()
		now[t] = true
		if !s.warned[t] {
			fmt.Fprintln(s.opts.Log, t)
		}
	}
	s.warned = now
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// status is what a page learns when it connects.
type status struct {
	Build  int           `json:"build"`
	Errors *errorMessage `json:"errors,omitempty"`
}

func (s *Server) status() status {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return status{Build: s.build, Errors: s.errs}
}

// hub fans server-sent events out to open pages.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	closed  bool
}

type event struct {
	name string
	data []byte
}

func (h *hub) subscribe() chan event {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan event, 16)
	if h.closed {
		close(c)
		return c
	}
	if h.clients == nil {
		h.clients = map[chan event]bool{}
	}
	h.clients[c] = true
	return c
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[c] {
		delete(h.clients, c)
		close(c)
	}
}

// send never blocks: a page too slow to take an event is disconnected,
// and gets the current status when its browser reconnects.
func (h *hub) send(name string, v any) {
	data, _ := json.Marshal(v)
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- event{name, data}:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
