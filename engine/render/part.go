package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
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
// session until the layouts change). A student page lists hundreds of activities and
// every page lists the units, and executing html/template for each of
// them was most of a large build's time. The output is exactly what
// executing the template in place would give. Values that cannot be
// compared (slices, maps) are rendered every time.
type parts struct {
	tm *template.Template
	mu sync.RWMutex
	m  map[partKey]string
}

type partKey struct {
	name, root, lang string
	v                any
}

// maxCachedParts bounds the cache; past it, parts are still rendered but
// no longer kept. Courses have a few thousand activities.
const maxCachedParts = 200_000

func newParts(tm *template.Template) *parts {
	return &parts{tm: tm, m: map[partKey]string{}}
}

func (ps *parts) render(name string, page *Page, v any) (template.HTML, error) {
	if page == nil {
		return "", fmt.Errorf("part %q: give the page ($) as the second argument", name)
	}
	var buf bytes.Buffer
	if links, ok := v.([]Link); ok {
		var out bytes.Buffer
		for _, l := range links {
			s, err := ps.one(&buf, name, page, l)
			if err != nil {
				return "", err
			}
			out.WriteString(s)
		}
		return template.HTML(out.String()), nil
	}
	s, err := ps.one(&buf, name, page, v)
	return template.HTML(s), err
}

func (ps *parts) one(buf *bytes.Buffer, name string, page *Page, v any) (string, error) {
	k := partKey{name, page.Root, page.Lang, v}
	cache := v != nil && reflect.ValueOf(v).Comparable()
	if cache {
		ps.mu.RLock()
		s, ok := ps.m[k]
		ps.mu.RUnlock()
		if ok {
			return s, nil
		}
	}
	data := Part{Root: page.Root, Lang: page.Lang, T: page.T, V: v}
	if l, ok := v.(Link); ok {
		data.Link = l
	}
	buf.Reset()
	if err := ps.tm.ExecuteTemplate(buf, name, data); err != nil {
		return "", err
	}
	s := buf.String()
	if cache {
		ps.mu.Lock()
		if len(ps.m) < maxCachedParts {
			ps.m[k] = s
		}
		ps.mu.Unlock()
	}
	return s, nil
}
