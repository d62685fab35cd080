// Package mdlimit owns the limits that keep a pathological content file
// from hanging a build: the most bytes a content file may have, and the
// deepest a Markdown body may nest lists and block quotes. Nesting is
// found by a linear pre-scan of the lines, before any Markdown parser sees
// the body (parsers are quadratic or worse in nesting depth). It parses
// nothing and renders nothing.
package mdlimit

// MaxFileSize is the most bytes a content file may have: a long lesson
// with its checks is well under 100 KB; media sits beside it as files.
const MaxFileSize = 4 << 20

// MaxDepth is how deep lists and block quotes may nest.
const MaxDepth = 100

// TooDeep returns the line and column (from 1, within body) where body
// first nests deeper than MaxDepth, or 0, 0. A line's depth is its block
// quote and list markers plus its indentation in steps of two columns (a
// list item nests what is indented under it); fenced code is skipped.
func TooDeep(body []byte) (line, col int) {
	var fence byte
	fenceLen := 0
	for ln, start := 1, 0; start < len(body); ln++ {
		end := start
		for end < len(body) && body[end] != '\n' {
			end++
		}
		s := body[start:end]
		if f, n := fenceOf(s); n > 0 && (fence == 0 || f == fence && n >= fenceLen) {
			if fence == 0 {
				fence, fenceLen = f, n
			} else {
				fence, fenceLen = 0, 0
			}
		} else if fence == 0 {
			if c := deeper(s); c > 0 {
				return ln, c
			}
		}
		start = end + 1
	}
	return 0, 0
}

// deeper returns the column (from 1) at which line s passes MaxDepth, or 0.
func deeper(s []byte) int {
	i, width := 0, 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		if s[i] == '\t' {
			width += 4 - width%4
		} else {
			width++
		}
		i++
	}
	depth := width / 2
	if depth > MaxDepth {
		return i + 1
	}
	brk := breakFrom(s)
	for i < len(s) && i < brk {
		n := marker(s[i:])
		if n == 0 {
			return 0
		}
		if depth++; depth > MaxDepth {
			return i + 1
		}
		i += n
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	return 0
}

// breakFrom returns where the thematic break ending s starts ("- - -",
// "***": three or more of one of - * _ with only spaces or tabs between),
// or len(s): its dashes and stars are not list markers.
func breakFrom(s []byte) int {
	var c byte
	n, from := 0, len(s)
	for j := len(s) - 1; j >= 0; j-- {
		switch b := s[j]; {
		case b == ' ' || b == '\t':
		case (b == '-' || b == '*' || b == '_') && (c == 0 || b == c):
			c = b
			n++
			if n >= 3 {
				from = j
			}
		default:
			return from
		}
	}
	return from
}

// marker returns the length of the block quote or list marker s starts
// with, or 0.
func marker(s []byte) int {
	switch s[0] {
	case '>':
		return 1
	case '-', '*', '+':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
		return 0
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') && (n+1 == len(s) || s[n+1] == ' ' || s[n+1] == '\t') {
		return n + 1
	}
	return 0
}

// fenceOf returns the fence character and length when s opens or closes a
// fenced code block (up to three spaces, then three or more ` or ~).
func fenceOf(s []byte) (byte, int) {
	i := 0
	for i < len(s) && i < 3 && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '`' && s[i] != '~' {
		return 0, 0
	}
	c, n := s[i], 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return c, n
}
