package serve

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// Paths the server answers itself; a build never writes under _pacer/.
const (
	eventsPath = "/_pacer/events"
	livePrefix = "/_pacer/"
)

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.ownHost(r.Host) {
		// A page of another site whose name was pointed at 127.0.0.1 (DNS
		// rebinding) sends its own name: it must not read the preview.
		http.Error(w, "pacer serve answers only requests for its own address, "+s.url, http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	switch {
	case r.URL.Path == eventsPath:
		s.events(w, r)
		return
	case strings.HasPrefix(r.URL.Path, strings.TrimSuffix(studentsPath, "/")):
		s.studentsIndex(w, r)
		return
	case strings.HasPrefix(r.URL.Path, livePrefix):
		data, err := live.ReadFile("live/" + strings.TrimPrefix(r.URL.Path, livePrefix))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Type", contentType(r.URL.Path))
		w.Write(data)
		return
	}

	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	f, ok := s.session.File(name)
	if !ok {
		if _, dir := s.session.File(path.Join(name, "index.html")); dir {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, name)
		return
	}
	h.Set("Content-Type", contentType(name))
	if f.Src != "" {
		file, err := os.Open(f.Src)
		if err != nil {
			s.notFound(w, name)
			return
		}
		defer file.Close()
		var mod time.Time
		if fi, err := file.Stat(); err == nil {
			mod = fi.ModTime()
		}
		http.ServeContent(w, r, name, mod, file)
		return
	}
	data := f.Data
	if strings.HasSuffix(name, ".html") {
		data = s.inject(data)
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// ownHost reports whether host names this server: 127.0.0.1, localhost or
// [::1], with its port.
func (s *Server) ownHost(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil || port != s.port {
		return false
	}
	switch strings.ToLower(name) {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject adds the live-reload client to a page, lets it connect back to
// the server (the theme's Content-Security-Policy allows no connections),
// and shows the current errors, if any, so they are there before any
// script runs.
func (s *Server) inject(page []byte) []byte {
	st := s.status()
	out := make([]byte, 0, len(page)+1024)
	const csp = `http-equiv="Content-Security-Policy" content="`
	if i := bytes.Index(page, []byte(csp)); i >= 0 {
		i += len(csp)
		out = append(out, page[:i]...)
		out = append(out, "connect-src &#39;self&#39;; "...)
		page = page[i:]
	}
	head := fmt.Sprintf(`<link rel="stylesheet" href="%slive.css"><script src="%slive.js" data-build="%d" defer></script>`, livePrefix, livePrefix, st.Build)
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		out = append(out, page[:i]...)
		out = append(out, head...)
		page = page[i:]
	} else {
		out = append(out, head...)
	}
	if st.Errors != nil {
		if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
			out = append(out, page[:i]...)
			out = append(out, overlayHTML(st.Errors)...)
			page = page[i:]
		} else {
			page = append(append([]byte{}, page...), overlayHTML(st.Errors)...)
		}
	}
	return append(out, page...)
}

// overlayHTML is the overlay live.js would build for msg.
func overlayHTML(msg *errorMessage) string {
	return `<div id="pacer-overlay" role="alert"><p class="pacer-overlay-title">` + html.EscapeString(msg.Title) +
		`</p><pre>` + html.EscapeString(msg.Text) + `</pre><button type="button">Hide</button></div>`
}

func (s *Server) notFound(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	page := `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found</title>
</head>
<body>
<main>
<h1>Not found</h1>
<p>` + html.EscapeString(name) + ` is not part of the last good build. This page reloads when it is.</p>
<p><a href="/">The course home page</a></p>
</main>
</body>
</html>
`
	w.Write(s.inject([]byte(page)))
}

// events streams server-sent events to one page until it goes away.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")
	writeEvent(w, "status", mustJSON(s.status()))
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			writeEvent(w, ev.name, ev.data)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		}
		fl.Flush()
	}
}

func writeEvent(w http.ResponseWriter, name string, data []byte) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, data)
}
