package browsertest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

//go:embed query.js
var queryJS string

// step is one level of a query, as query.js reads it.
type step struct {
	Role     string `json:"role,omitempty"`
	Name     string `json:"name,omitempty"`
	Contains bool   `json:"contains,omitempty"`
	Text     string `json:"text,omitempty"`
	CSS      string `json:"css,omitempty"`
	Nth      int    `json:"nth"`
}

// Locator finds one element the way a person does: by its role and
// accessible name, inside another element, or by the text it shows. It is
// resolved again each time it is used, and waits (up to the page's
// Timeout) for exactly one visible element to match. Roles follow ARIA
// (button, link, heading, checkbox, radio, textbox, region, navigation,
// main, status, alert, list, listitem, group, img, dialog, ...), computed
// from the tag or the role attribute; names follow accname (aria-labelledby,
// aria-label, label, alt, legend, the content for buttons, links and
// headings, title, placeholder).
type Locator struct {
	p     *Page
	chain []step
}

// ByRole finds the element with this role and accessible name. The name
// must match exactly after collapsing white space; "" matches any name.
func (p *Page) ByRole(role, name string) *Locator {
	return &Locator{p: p, chain: []step{{Role: role, Name: name, Nth: -1}}}
}

// ByRoleContaining is like ByRole with a name that contains name.
func (p *Page) ByRoleContaining(role, name string) *Locator {
	return &Locator{p: p, chain: []step{{Role: role, Name: name, Contains: true, Nth: -1}}}
}

// ByCSS finds an element with a CSS selector: for landmarks of the page's
// own contract (such as #pacer-app) that no role or name describes.
func (p *Page) ByCSS(selector string) *Locator {
	return &Locator{p: p, chain: []step{{CSS: selector, Nth: -1}}}
}

func (l *Locator) then(s step) *Locator {
	return &Locator{p: l.p, chain: append(slices.Clone(l.chain), s)}
}

// withLast returns a copy of l with its last step changed by f.
func (l *Locator) withLast(f func(*step)) *Locator {
	c := &Locator{p: l.p, chain: slices.Clone(l.chain)}
	f(&c.chain[len(c.chain)-1])
	return c
}

// ByRole finds an element inside l's element.
func (l *Locator) ByRole(role, name string) *Locator {
	return l.then(step{Role: role, Name: name, Nth: -1})
}

// ByRoleContaining finds an element inside l's element by part of its name.
func (l *Locator) ByRoleContaining(role, name string) *Locator {
	return l.then(step{Role: role, Name: name, Contains: true, Nth: -1})
}

// ByCSS finds an element inside l's element with a CSS selector.
func (l *Locator) ByCSS(selector string) *Locator {
	return l.then(step{CSS: selector, Nth: -1})
}

// WithText keeps the matches whose visible text contains text.
func (l *Locator) WithText(text string) *Locator {
	return l.withLast(func(s *step) { s.Text = text })
}

// Nth picks the i-th match (from 0) instead of requiring exactly one.
func (l *Locator) Nth(i int) *Locator {
	return l.withLast(func(s *step) { s.Nth = i })
}

// First is Nth(0).
func (l *Locator) First() *Locator { return l.Nth(0) }

func (l *Locator) String() string {
	var parts []string
	for _, s := range l.chain {
		var b strings.Builder
		switch {
		case s.Role != "":
			fmt.Fprintf(&b, "%s", s.Role)
		case s.CSS != "":
			fmt.Fprintf(&b, "%s", s.CSS)
		default:
			b.WriteString("*")
		}
		if s.Name != "" {
			if s.Contains {
				fmt.Fprintf(&b, " named ~%q", s.Name)
			} else {
				fmt.Fprintf(&b, " named %q", s.Name)
			}
		}
		if s.Text != "" {
			fmt.Fprintf(&b, " with text %q", s.Text)
		}
		if s.Role != "" && s.CSS != "" {
			fmt.Fprintf(&b, " matching %s", s.CSS)
		}
		if s.Nth >= 0 {
			fmt.Fprintf(&b, " #%d", s.Nth)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, " > ")
}

// State is what a query reports about an element.
type State struct {
	Role     string `json:"role"`
	Name     string `json:"name"`
	Text     string `json:"text"`
	Value    string `json:"value"`
	Checked  bool   `json:"checked"`
	Disabled bool   `json:"disabled"`
	Expanded bool   `json:"expanded"`
	Focused  bool   `json:"focused"`
	Tag      string `json:"tag"`
	HTML     string `json:"html"`
}

type actResult struct {
	State
	Error string  `json:"error"`
	Count int     `json:"count"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
}

func (l *Locator) actOnce(op string) (actResult, error) {
	chain, _ := json.Marshal(l.chain)
	opJS, _ := json.Marshal(op)
	expr := "(" + queryJS + ").act(" + string(chain) + "," + string(opJS) + ")"
	return eval[actResult](l.p, expr)
}

// act retries op until exactly one element matches (or the timeout).
func (l *Locator) act(op string) actResult {
	l.p.t.Helper()
	deadline := time.Now().Add(l.p.Timeout)
	for {
		r, err := l.actOnce(op)
		if err != nil {
			l.p.t.Fatalf("%s: %v", l, err)
		}
		if r.Error == "" {
			return r
		}
		if time.Now().After(deadline) {
			l.p.t.Fatalf("%s: %s (waited %v)", l, r.Error, l.p.Timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Count returns how many visible elements match now, without waiting.
func (l *Locator) Count() int {
	l.p.t.Helper()
	r, err := l.actOnce("count")
	if err != nil {
		l.p.t.Fatalf("%s: %v", l, err)
	}
	return r.Count
}

// Exists reports whether exactly one element matches now, without waiting.
func (l *Locator) Exists() bool {
	l.p.t.Helper()
	return l.Count() == 1
}

// Wait waits until exactly one element matches.
func (l *Locator) Wait() *Locator {
	l.p.t.Helper()
	l.act("state")
	return l
}

// State returns the element's role, name, text, value and states.
func (l *Locator) State() State {
	l.p.t.Helper()
	return l.act("state").State
}

// Text returns the element's visible text (innerText, spaces collapsed).
func (l *Locator) Text() string {
	l.p.t.Helper()
	return l.State().Text
}

// WaitText waits until the element's visible text contains s.
func (l *Locator) WaitText(s string) {
	l.p.t.Helper()
	deadline := time.Now().Add(l.p.Timeout)
	for {
		r, err := l.actOnce("state")
		if err != nil {
			l.p.t.Fatalf("%s: %v", l, err)
		}
		if r.Error == "" && strings.Contains(r.Text, strings.Join(strings.Fields(s), " ")) {
			return
		}
		if time.Now().After(deadline) {
			if r.Error != "" {
				l.p.t.Fatalf("%s: waiting for the text %q: %s", l, s, r.Error)
			}
			l.p.t.Fatalf("%s: waiting for the text %q: it shows %q", l, s, r.Text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Focus moves the keyboard focus to the element (as a script would; use
// [Page.Press] with "Tab" to check the tab order).
func (l *Locator) Focus() {
	l.p.t.Helper()
	l.act("focus")
}

// Click clicks the element's centre with real mouse events, after
// scrolling it into view; it fails when another element covers it.
func (l *Locator) Click() {
	l.p.t.Helper()
	r := l.act("point")
	if err := l.p.do("clicking "+l.String(), chromedp.MouseClickXY(r.X, r.Y)); err != nil {
		l.p.t.Fatal(err)
	}
}

// Press focuses the element and presses keys (see [Page.Press]).
func (l *Locator) Press(keys ...string) {
	l.p.t.Helper()
	l.Focus()
	l.p.Press(keys...)
}

// Type focuses the element and types text with real key events.
func (l *Locator) Type(text string) {
	l.p.t.Helper()
	l.Focus()
	l.p.Type(text)
}

// Focused returns the state of the focused element, or nil when nothing
// (or the body) has the focus.
func (p *Page) Focused() *State {
	p.t.Helper()
	return Eval[*State](p, "("+queryJS+").focused()")
}

// Type types text into the focused element with real key events.
func (p *Page) Type(text string) {
	p.t.Helper()
	if err := p.do(fmt.Sprintf("typing %q", text), chromedp.KeyEvent(text)); err != nil {
		p.t.Fatal(err)
	}
}

// Press presses keys, one after another, as real key events on the focused
// element. A key is a DOM key name ("Enter", "Tab", "Escape", "ArrowDown",
// "Home", "Backspace", "Space" or " ", a single character), optionally
// with modifiers: "Shift+Tab", "Control+a".
func (p *Page) Press(keys ...string) {
	p.t.Helper()
	for _, k := range keys {
		r, mods, err := parseKey(k)
		if err != nil {
			p.t.Fatal(err)
		}
		if err := p.do("pressing "+k, chromedp.KeyEvent(string(r), chromedp.KeyModifiers(mods...))); err != nil {
			p.t.Fatal(err)
		}
	}
}

var keyNames = func() map[string]rune {
	m := map[string]rune{"Space": ' '}
	for r, k := range kb.Keys {
		if k.Key == "" || len([]rune(k.Key)) == 1 {
			continue
		}
		if old, ok := m[k.Key]; !ok || r < old {
			m[k.Key] = r
		}
	}
	return m
}()

func parseKey(s string) (rune, []chromedp.Modifier, error) {
	parts := strings.Split(s, "+")
	if strings.HasSuffix(s, "++") || s == "+" {
		parts = append(parts[:len(parts)-2], "+")
	}
	key := parts[len(parts)-1]
	var mods []chromedp.Modifier
	for _, m := range parts[:len(parts)-1] {
		switch m {
		case "Shift":
			mods = append(mods, chromedp.ModifierShift)
		case "Control", "Ctrl":
			mods = append(mods, chromedp.ModifierCtrl)
		case "Alt":
			mods = append(mods, chromedp.ModifierAlt)
		case "Meta":
			mods = append(mods, chromedp.ModifierMeta)
		default:
			return 0, nil, fmt.Errorf("key %q: unknown modifier %q", s, m)
		}
	}
	if rs := []rune(key); len(rs) == 1 {
		return rs[0], mods, nil
	}
	if r, ok := keyNames[key]; ok {
		return r, mods, nil
	}
	return 0, nil, fmt.Errorf("unknown key %q", key)
}
