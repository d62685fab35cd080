package mdlimit

import (
	"strings"
	"testing"
)

func TestNestingPastTheLimitIsFoundWhereItStarts(t *testing.T) {
	deepIndent := strings.Builder{}
	deepIndent.WriteString("Intro.\n\n")
	for i := range 120 {
		deepIndent.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	for _, tt := range []struct {
		name      string
		body      string
		line, col int
	}{
		{"10,000 list markers on one line", "Intro.\n\n" + strings.Repeat("- ", 10000) + "x\n", 3, 201},
		{"block quotes", "> " + strings.Repeat("> ", 150) + "deep\n", 1, 201},
		{"ordered lists", "a\n" + strings.Repeat("1. ", 101) + "x\n", 2, 301},
		{"lists nested by indentation", deepIndent.String(), 103, 201},
		{"100 levels are fine", strings.Repeat("- ", 100) + "x\n", 0, 0},
		{"fenced code is not nesting", "```\n" + strings.Repeat("> ", 300) + "\n```\n", 0, 0},
		{"a thematic break and emphasis are not lists", strings.Repeat("-", 500) + "\n" + strings.Repeat("*a* ", 300) + "\n", 0, 0},
		{"a thematic break of spaced dashes", strings.Repeat("- ", 300) + "\n", 0, 0},
		{"a list item holding a break", strings.Repeat("- ", 150) + "* * *\n", 1, 201},
		{"an ordinary lesson", "# Ratios\n\n- one\n  - two\n    > quote\n\n1. first\n2. second\n", 0, 0},
	} {
		line, col := TooDeep([]byte(tt.body))
		if line != tt.line || col != tt.col {
			t.Errorf("%s: %d:%d, want %d:%d", tt.name, line, col, tt.line, tt.col)
		}
	}
}
