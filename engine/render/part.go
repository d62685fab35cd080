package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
)

// Part is what a part template receives from the part function: the
// page's Root, Lang and UI strings, and the value as .V; a Link's fields
// are also promoted (.URL, .Title, .Note).
type Part struct {
	Root string
	Lang string
	T    map[string]string
	Link
	V any
}

// parts is the part template function of one layout set:
//
//	{{part "activity-item" $ .Support}}
//
// executes the named template for a value, or once per link of a []Link
// (joining the results), with the page $'s Root, Lang and strings. A part
// must depend on nothing else, so the same value on pages at the same
// depth in the same language comes out the same: each is rendered once
// and reused for as long as the theme is loaded (a build, or a dev
// session until the layouts change). A student page lists hundreds of
// activities and every page lists the units, and executing html/template
// for each of them was most of a large build's time. The output is exactly what
// executing the template in place would give. Values that cannot be
// compared (slices, maps) are rendered every time.
type parts struct {
	tm *template.Template
	mu sync.RWMutex
	// links holds parts of links, keyed without boxing the link: pages
	// look up hundreds each. Other values are in values.
	links  map[linkKey]string
	values map[partKey]string
}

type partKey struct {
	name, root, lang string
	v                any
}

type linkKey struct {
	name, root, lang string
	l                Link
}

// maxCachedParts bounds each cache; past it, parts are still rendered but
// no longer kept. Courses have a few thousand activities.
const maxCachedParts = 200_000

func newParts(tm *template.Template) *parts {
	return &parts{tm: tm, links: map[linkKey]string{}, values: map[partKey]string{}}
}

// call is the part function as layouts see it. It has one result, not a
// result and an error, which makes text/template's reflective call to it
// cheaper (a student page makes four a step): a part that fails panics
// with its error, which text/template reports as it reports a returned
// error ("error calling part: ...").
func (ps *parts) call(name string, at any, v any) template.HTML {
	s, err := ps.render(name, at, v)
	if err != nil {
		panic(err)
	}
	return s
}

func (ps *parts) render(name string, at any, v any) (template.HTML, error) {
	var page *Page
	switch at := at.(type) {
	case *Page:
		page = at
	case Part: // a part within a part
		page = &Page{Root: at.Root, Lang: at.Lang, T: at.T}
	}
	if page == nil {
		return "", fmt.Errorf("part %q: give the page ($) as the second argument", name)
	}
	switch v := v.(type) {
	case []Link:
		var out strings.Builder
		for _, l := range v {
			s, err := ps.link(name, page, l)
			if err != nil {
				return "", err
			}
			out.WriteString(s)
		}
		return template.HTML(out.String()), nil
	case Link:
		s, err := ps.link(name, page, v)
		return template.HTML(s), err
	}
	if v == nil || !isComparable(v) {
		s, err := ps.exec(name, page, Part{V: v})
		return template.HTML(s), err
	}
	s, err := cached(ps, ps.values, partKey{name, page.Root, page.Lang, v}, name, page, Part{V: v})
	return template.HTML(s), err
}

// isComparable reports whether v can be a map key; the view types parts are
// given most are answered without reflection.
func isComparable(v any) bool {
	switch v.(type) {
	case StepDue, Assets, *Site, *Page, string, int, bool:
		return true
	}
	return reflect.ValueOf(v).Comparable()
}

func (ps *parts) link(name string, page *Page, l Link) (string, error) {
	return cached(ps, ps.links, linkKey{name, page.Root, page.Lang, l}, name, page, Part{Link: l, V: l})
}

// cached returns part name for page and data from m by k, rendering and
// keeping it (while m holds fewer than maxCachedParts) when it is not
// there.
func cached[K comparable](ps *parts, m map[K]string, k K, name string, page *Page, data Part) (string, error) {
	ps.mu.RLock()
	s, ok := m[k]
	ps.mu.RUnlock()
	if ok {
		return s, nil
	}
	s, err := ps.exec(name, page, data)
	if err == nil {
		ps.mu.Lock()
		if len(m) < maxCachedParts {
			m[k] = s
		}
		ps.mu.Unlock()
	}
	return s, err
}

// exec renders part name for page with data's Link and V.
func (ps *parts) exec(name string, page *Page, data Part) (string, error) {
	data.Root, data.Lang, data.T = page.Root, page.Lang, page.T
	var buf bytes.Buffer
	if err := ps.tm.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}
