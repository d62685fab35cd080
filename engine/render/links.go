package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// Item is what a list item template receives from the links function: one
// link and the page's Root.
type Item struct {
	Root string
	Link
}

// linkList is the links template function of one layout set:
//
//	{{links "activity-item" $.Root .Support}}
//
// executes the named template once per link (of a list, or a single link)
// and joins the results. The
// same link at the same depth comes out the same on every page, so each
// is rendered once per build and reused: a student page lists hundreds of
// activities and every page lists the units, and executing html/template
// for each of them was most of a large build's time. The output is exactly
// what executing the template in place would give.
type linkList struct {
	tm *template.Template
	mu sync.RWMutex
	m  map[itemKey]string
}

type itemKey struct {
	name string
	item Item
}

// maxCachedItems bounds the cache; past it, items are still rendered but
// no longer kept. Courses have a few thousand activities.
const maxCachedItems = 200_000

func newLinkList(tm *template.Template) *linkList {
	return &linkList{tm: tm, m: map[itemKey]string{}}
}

func (l *linkList) render(name, root string, list any) (template.HTML, error) {
	var links []Link
	switch v := list.(type) {
	case []Link:
		links = v
	case Link:
		links = []Link{v}
	default:
		return "", fmt.Errorf("links %q: want a link or a list of links, not %T", name, list)
	}
	var out bytes.Buffer
	var buf bytes.Buffer
	for _, link := range links {
		k := itemKey{name, Item{root, link}}
		l.mu.RLock()
		s, ok := l.m[k]
		l.mu.RUnlock()
		if !ok {
			buf.Reset()
			if err := l.tm.ExecuteTemplate(&buf, name, k.item); err != nil {
				return "", err
			}
			s = buf.String()
			l.mu.Lock()
			if len(l.m) < maxCachedItems {
				l.m[k] = s
			}
			l.mu.Unlock()
		}
		out.WriteString(s)
	}
	return template.HTML(out.String()), nil
}
