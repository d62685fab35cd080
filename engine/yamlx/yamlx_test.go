package yamlx

import (
	"testing"

	"github.com/pacer-edu/pacer/engine/diag"
)

// A syntax error points at the line to fix, not the line before it (the
// YAML library counts some lines from 0) nor where the enclosing block
// began.
func TestSyntaxErrorPointsAtTheLineToFix(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"title: A\nfor: [a]\n minutes: 5\nmodality: video\n", 3, 2, "did not find expected key"},
		{"title: A\nfor: [a]\nminutes: 5\n  bad: x\nmodality: video\n", 4, 3, "mapping values are not allowed in this context"},
		{"title: A\nfor: [a\nminutes: 5\n", 2, 1, "did not find expected ',' or ']'"},
		{"title: A\nfor:\n  - a\n - b\nminutes: 5\n", 4, 2, "did not find expected key"},
		{"title: \"A\nminutes: 5\n", 1, 1, "found unexpected end of stream"},
		{"title: A: B\nminutes: 5\n", 1, 1, "mapping values are not allowed in this context"},
		{"a:\n  b: 1\n  c: 2\n d: 3\n", 4, 2, "did not find expected key"},
	} {
		var diags diag.List
		d := &Decoder{File: "f.md", LineOffset: 1, Diags: &diags}
		if n := d.Parse([]byte(c.src)); n != nil {
			t.Errorf("%q parsed", c.src)
			continue
		}
		all := diags.Items()
		if len(all) != 1 {
			t.Errorf("%q: %d diagnostics, want 1: %v", c.src, len(all), all)
			continue
		}
		got := all[0]
		if got.Pos.Line != c.line+1 || got.Pos.Col != c.col || got.Message != "YAML syntax error: "+c.msg {
			t.Errorf("%q: %d:%d %s, want %d:%d YAML syntax error: %s", c.src, got.Pos.Line, got.Pos.Col, got.Message, c.line+1, c.col, c.msg)
		}
	}
}
