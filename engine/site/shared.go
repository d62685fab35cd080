package site

import (
	"html/template"
	"sync"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/markdown"
	"github.com/pacer-edu/pacer/engine/render"
)

// shared holds what the student pages of one build have in common, made
// once per language instead of once per student: a student page links
// hundreds of activities, and a class of students shares its units' "why".
// Safe for the render workers to use at once.
type shared struct {
	links *linkCache
	mu    sync.Mutex
	why   map[langID]*why
}

type linkCache struct {
	mu sync.Mutex
	m  map[langID]render.Link
}

type langID struct{ lang, id string }

type why struct {
	once sync.Once
	html template.HTML
	err  error
}

func newShared() *shared {
	return &shared{links: &linkCache{m: map[langID]render.Link{}}, why: map[langID]*why{}}
}

// forPage is s for a page rendered by a builder of its own (the dev
// server's, see renderPages): activity links are still shared, but the
// page renders a unit's "why" itself, so the problems and copied files its
// links report stay with every page that shows it.
func (s *shared) forPage() *shared {
	return &shared{links: s.links, why: map[langID]*why{}}
}

// actLink is the link to activity id with its note in lang; false if the
// course has no such activity.
func (s *shared) actLink(b *builder, lang string, t map[string]string, id string) (render.Link, bool) {
	b.read(depend.Activity, id, depend.Title|depend.Modality|depend.Minutes)
	k := langID{lang, id}
	c := s.links
	c.mu.Lock()
	l, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return l, true
	}
	a := b.course.Activity[id]
	if a == nil {
		return render.Link{}, false
	}
	l = b.actLink(a, t)
	c.mu.Lock()
	c.m[k] = l
	c.mu.Unlock()
	return l, true
}

// unitWhy is unit u's body as student pages show it. Every student page is
// at the same depth (s/<token>/index.html), so its links come out the same
// for all, and a broken link in it is reported once, not once per student.
func (s *shared) unitWhy(b *builder, lang string, r *markdown.Renderer, u *content.Unit) (template.HTML, error) {
	k := langID{lang, u.ID}
	s.mu.Lock()
	w := s.why[k]
	if w == nil {
		w = &why{}
		s.why[k] = w
	}
	s.mu.Unlock()
	w.once.Do(func() {
		w.html, w.err = b.body(r, u.Body, u.File, u.BodyLine, "u-"+u.ID, "s/student/index.html")
	})
	return w.html, w.err
}
