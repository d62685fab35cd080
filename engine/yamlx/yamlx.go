// Package yamlx decodes YAML strictly and positionally: every value is read
// from a yaml.Node so each problem becomes a diagnostic with the line and
// column a teacher sees. It reports unknown keys with a did-you-mean hint,
// wrong types and duplicate keys, and never stops at the first problem.
package yamlx

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/diag"
	"go.yaml.in/yaml/v3"
)

// Decoder reads nodes of one file.
type Decoder struct {
	File string
	// LineOffset is added to node lines: the file line of the YAML's first
	// line minus one (1 for front matter after a "---" line).
	LineOffset int
	Diags      *diag.List
}

// Parse parses src into its document's root node, reporting syntax errors
// with their position. It returns nil when src is empty or broken.
func (d *Decoder) Parse(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		if line, col := tabIndent(src); line > 0 {
			d.Diags.Errorf(diag.Pos{File: d.File, Line: line + d.LineOffset, Col: col}, "YAML syntax error: a tab in the indentation").
				Hint = "YAML indents with spaces only: replace the tab with spaces (set your editor to indent with spaces)"
			return nil
		}
		line, msg := syntaxError(err)
		col := 1
		if l, c := problemLine(src, msg); l > 0 {
			line, col = l, c
		}
		d.Diags.Errorf(diag.Pos{File: d.File, Line: line + d.LineOffset, Col: col}, "YAML syntax error: %s", msg).
			Hint = "check indentation and quote values that contain a colon or start with [ { * & ! | > ' \" % @ `"
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// tabIndent finds the first tab in a line's indentation (line and column
// from 1), the usual cause of "found character that cannot start any
// token"; 0 when there is none.
func tabIndent(src []byte) (int, int) {
	for i, line := range strings.Split(string(src), "\n") {
		for j, r := range line {
			if r == '\t' {
				return i + 1, j + 1
			}
			if r != ' ' && r != '-' {
				break
			}
		}
	}
	return 0, 0
}

// problemLine finds the line a syntax error is on (line and column of its
// first character, from 1), 0 when it cannot tell. The YAML library
// reports the line its parser was in, counted from 0 for some errors and
// from 1 for others, and sometimes the line where the enclosing block
// began; the first line at which the document, read line by line, fails
// with the same message is where the teacher has to look. A document read
// only up to a line break parses unless that line is the problem (or
// opens a quote or bracket the cut leaves open, which then fails with the
// same message at the line that opened it: also the line to look at).
func problemLine(src []byte, msg string) (int, int) {
	lines := strings.SplitAfter(string(src), "\n")
	fails := func(n int) (bool, string) {
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &doc)
		if err == nil {
			return false, ""
		}
		_, m := syntaxError(err)
		return true, m
	}
	// The smallest failing prefix, by bisection: lo lines parse, hi fail.
	lo, hi := 0, len(lines)
	if bad, _ := fails(hi); !bad {
		return 0, 0
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if bad, _ := fails(mid); bad {
			hi = mid
		} else {
			lo = mid
		}
	}
	if _, m := fails(hi); m != msg {
		return 0, 0
	}
	line := lines[hi-1]
	return hi, len(line) - len(strings.TrimLeft(line, " ")) + 1
}

var lineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func syntaxError(err error) (int, string) {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok {
		msg = strings.Join(te.Errors, "; ")
	}
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return 1, msg
	}
	line, _ := strconv.Atoi(m[1])
	if line == 0 {
		line = 1
	}
	return line, m[2]
}

// Pos returns the file position of n.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.File, Line: 1 + d.LineOffset, Col: 1}
	}
	return diag.Pos{File: d.File, Line: n.Line + d.LineOffset, Col: n.Column}
}

// Errorf records an error at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) *diag.Diagnostic {
	return d.Diags.Errorf(d.Pos(n), format, args...)
}

// Field handles the value of one known key.
type Field func(key, value *yaml.Node)

// Mapping walks a mapping node, calling fields[key] for each key. Unknown
// keys, duplicate keys and a non-mapping node are reported. what names the
// thing being decoded in messages ("front matter", "site.yaml").
func (d *Decoder) Mapping(n *yaml.Node, what string, fields map[string]Field) {
	if n == nil {
		return
	}
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a mapping of keys to values, not %s", what, describe(n))
		return
	}
	known := make([]string, 0, len(fields))
	for k := range fields {
		known = append(known, k)
	}
	sort.Strings(known)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if prev, dup := seen[k.Value]; dup {
			d.Errorf(k, "key %q appears twice in %s (first on line %d)", k.Value, what, prev.Line+d.LineOffset).
				Hint = "remove one of them"
			continue
		}
		seen[k.Value] = k
		f, ok := fields[k.Value]
		if !ok {
			e := d.Errorf(k, "unknown key %q in %s", k.Value, what)
			if h := diag.DidYouMean(k.Value, known); h != "" {
				e.Hint = h
			} else {
				e.Hint = "known keys: " + strings.Join(known, ", ")
			}
			continue
		}
		f(k, resolve(v))
	}
}

// Keys returns the keys present in mapping n.
func Keys(n *yaml.Node) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = n.Content[i]
	}
	return out
}

// Value returns the value of key in mapping n, or nil.
func Value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return resolve(n.Content[i+1])
		}
	}
	return nil
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// Describe names what n holds, for messages ("a list", "\"ten\"", "empty").
func Describe(n *yaml.Node) string { return describe(n) }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// String decodes a scalar string. Numbers and booleans are accepted as their
// text only when loose is true (titles such as "1984").
func (d *Decoder) String(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.Errorf(n, "%s must be text, not %s", key, describe(n))
		return "", false
	}
	return n.Value, true
}

// Int decodes a whole number within [lo, hi].
func (d *Decoder) Int(n *yaml.Node, key string, lo, hi int) (int, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.Errorf(n, "%s must be a whole number, not %s", key, describe(n))
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil || v < lo || v > hi {
		d.Errorf(n, "%s must be between %d and %d, not %s", key, lo, hi, n.Value)
		return 0, false
	}
	return v, true
}

// Float decodes a number within [lo, hi].
func (d *Decoder) Float(n *yaml.Node, key string, lo, hi float64) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		d.Errorf(n, "%s must be a number, not %s", key, describe(n))
		return 0, false
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || v < lo || v > hi {
		d.Errorf(n, "%s must be between %g and %g, not %s", key, lo, hi, n.Value)
		return 0, false
	}
	return v, true
}

// Bool decodes true or false.
func (d *Decoder) Bool(n *yaml.Node, key string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.Errorf(n, "%s must be true or false, not %s", key, describe(n))
		return false, false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
}

// Date decodes YYYY-MM-DD, rejecting impossible dates.
func (d *Decoder) Date(n *yaml.Node, key string) (calendar.Date, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.Errorf(n, "%s must be a date like 2026-09-08, not %s", key, describe(n))
		return calendar.Date{}, false
	}
	t, err := calendar.Parse(n.Value)
	if err != nil {
		d.Errorf(n, "%s: %v", key, err).Hint = "write dates as YYYY-MM-DD, for example 2026-09-08"
		return calendar.Date{}, false
	}
	return t, true
}

// Item is one element of a list with its node, so callers can report on it.
type Item struct {
	Value string
	Node  *yaml.Node
}

// Strings decodes a list of scalars. A single scalar is accepted as a list
// of one, the way teachers often write `for: ratio-language`.
func (d *Decoder) Strings(n *yaml.Node, key string) ([]Item, bool) {
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		return []Item{{n.Value, n}}, true
	}
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n, "%s must be a list like [a, b], not %s", key, describe(n))
		return nil, false
	}
	out := make([]Item, 0, len(n.Content))
	ok := true
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode || isNull(c) {
			d.Errorf(c, "each item of %s must be text, not %s", key, describe(c))
			ok = false
			continue
		}
		out = append(out, Item{c.Value, c})
	}
	return out, ok
}

// OneOf decodes a string that must be one of allowed.
func (d *Decoder) OneOf(n *yaml.Node, key string, allowed []string) (string, bool) {
	s, ok := d.String(n, key)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	e := d.Errorf(n, "%s %q is not one of %s", key, s, strings.Join(allowed, ", "))
	e.Hint = diag.DidYouMean(s, allowed)
	return "", false
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidID reports whether s is a lowercase slug id.
func ValidID(s string) bool { return idRE.MatchString(s) }

// IDHint explains what an id may look like, suggesting a fixed version of s.
func IDHint(s string) string {
	return fmt.Sprintf("ids are lowercase letters, digits and dashes, starting with a letter or digit (for example %q)", Slug(s))
}

// Slug turns s into a valid id as well as it can.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "my-id"
	}
	return out
}

// Any decodes n into plain Go values (for free-form params).
func Any(n *yaml.Node) any {
	var v any
	_ = n.Decode(&v)
	return v
}
