package roster

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// field is a top-level key and the text it should hold.
type field struct{ key, value string }

// setFields returns src with each top-level key set to its value. It edits
// the parsed node tree, then carries the edit into the original text (the
// changed scalar, or a new line for a new key), so comments, blank lines
// and the teacher's layout stay exactly as they were. Only when the text
// cannot be edited that way (a flow mapping, a multi-line value) is the
// edited tree written out whole, comments included. changed lists the keys
// whose value changed; src comes back unchanged when none did.
func setFields(src []byte, fields []field) (out []byte, changed []string, err error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	if len(doc.Content) == 0 {
		var b bytes.Buffer
		b.Write(src)
		if len(src) > 0 && src[len(src)-1] != '\n' {
			b.WriteByte('\n')
		}
		for _, f := range fields {
			fmt.Fprintf(&b, "%s: %s\n", f.key, scalar(f.value))
			changed = append(changed, f.key)
		}
		return b.Bytes(), changed, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("the file must be a mapping of keys to values")
	}
	text := src
	spliced := root.Style&yaml.FlowStyle == 0
	for _, f := range fields {
		var v *yaml.Node
		after := -1 // line index (0-based) after which a new key goes
		for i := 0; i+1 < len(root.Content); i += 2 {
			k := root.Content[i]
			if k.Value == f.key {
				v = root.Content[i+1]
				break
			}
			if val := root.Content[i+1]; val.Kind == yaml.ScalarNode && singleLine(val) {
				after = val.Line - 1
			} else {
				after = -2 // a block value: its end is not a line we know
			}
		}
		switch {
		case v == nil:
			k := &yaml.Node{Kind: yaml.ScalarNode, Value: f.key}
			nv := &yaml.Node{Kind: yaml.ScalarNode, Value: f.value, Style: style(f.value)}
			root.Content = append(root.Content, k, nv)
			if spliced {
				text = insertLine(text, after, f.key+": "+scalar(f.value))
			}
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null" && v.Value == f.value:
			continue
		default:
			old := *v
			// An anchor stays, so aliases of the value still resolve.
			*v = yaml.Node{Kind: yaml.ScalarNode, Value: f.value, Style: style(f.value), Anchor: old.Anchor,
				LineComment: old.LineComment, HeadComment: old.HeadComment, FootComment: old.FootComment}
			if old.Anchor != "" || strings.HasPrefix(old.Tag, "!") && old.Style&yaml.TaggedStyle != 0 {
				spliced = false
			}
			if spliced {
				var ok bool
				text, ok = replaceScalar(text, &old, scalar(f.value))
				spliced = ok
			}
		}
		changed = append(changed, f.key)
	}
	if len(changed) == 0 {
		return src, nil, nil
	}
	if spliced && holds(text, fields) {
		return text, changed, nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, nil, err
	}
	enc.Close()
	return b.Bytes(), changed, nil
}

// holds reports whether text parses with each field at its value.
func holds(text []byte, fields []field) bool {
	var m map[string]any
	if err := yaml.Unmarshal(text, &m); err != nil {
		return false
	}
	for _, f := range fields {
		if s, ok := m[f.key].(string); !ok || s != f.value {
			return false
		}
	}
	return true
}

func singleLine(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !strings.Contains(n.Value, "\n")
}

// style is the style a value is written in: plain when that reads back
// as the same text, double-quoted otherwise.
func style(s string) yaml.Style {
	if plainOK(s) {
		return 0
	}
	return yaml.DoubleQuotedStyle
}

func scalar(s string) string {
	if plainOK(s) {
		return s
	}
	return strconv.Quote(s)
}

func plainOK(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\t#") {
		return false
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte("k: "+s+"\n"), &m); err != nil {
		return false
	}
	v, ok := m["k"].(string)
	return ok && v == s
}

// insertLine inserts line after the 0-based line index after, or at the
// end of text when after is negative.
func insertLine(text []byte, after int, line string) []byte {
	lines := bytes.SplitAfter(text, []byte("\n"))
	if after < 0 || after >= len(lines) {
		if len(text) > 0 && text[len(text)-1] != '\n' {
			text = append(text, '\n')
		}
		return append(text, line+"\n"...)
	}
	var b bytes.Buffer
	for i, l := range lines {
		b.Write(l)
		if i == after {
			if len(l) == 0 || l[len(l)-1] != '\n' {
				b.WriteByte('\n')
			}
			b.WriteString(line + "\n")
		}
	}
	return b.Bytes()
}

// replaceScalar replaces the single-line scalar n in text with repl.
func replaceScalar(text []byte, n *yaml.Node, repl string) ([]byte, bool) {
	if !singleLine(n) || n.Line < 1 || n.Column < 1 {
		return text, false
	}
	lines := bytes.SplitAfter(text, []byte("\n"))
	if n.Line > len(lines) {
		return text, false
	}
	line := lines[n.Line-1]
	// Columns count characters; find the byte where the scalar starts.
	start := 0
	for c := 1; c < n.Column; c++ {
		if start >= len(line) {
			return text, false
		}
		_, w := utf8.DecodeRune(line[start:])
		start += w
	}
	rest := line[start:]
	end := -1
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\\' {
				i++
			} else if rest[i] == '"' {
				end = i + 1
				break
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				end = i + 1
				break
			}
		}
	default:
		s := strings.TrimRight(string(rest), "\r\n")
		if i := strings.Index(s, " #"); i >= 0 {
			s = s[:i]
		}
		if i := strings.Index(s, "\t#"); i >= 0 {
			s = s[:i]
		}
		end = len(strings.TrimRight(s, " \t"))
	}
	if end <= 0 {
		return text, false
	}
	var b bytes.Buffer
	for i, l := range lines {
		if i == n.Line-1 {
			b.Write(l[:start])
			b.WriteString(repl)
			b.Write(rest[end:])
			continue
		}
		b.Write(l)
	}
	return b.Bytes(), true
}
