// Package fm splits a Markdown file into its YAML front matter and body,
// keeping the line numbers of both relative to the top of the file so
// diagnostics point at the line a teacher sees in the editor.
package fm

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// Doc is a split file.
type Doc struct {
	// Front is the YAML between the delimiters (without them).
	Front []byte
	// FrontLine is the file line of Front's first line (2 when the file
	// starts with "---").
	FrontLine int
	// Body is everything after the closing delimiter.
	Body []byte
	// BodyLine is the file line of Body's first line.
	BodyLine int
}

// Errors a teacher can cause; callers add position and hint.
var (
	ErrEmpty     = errors.New("file is empty")
	ErrNotUTF8   = errors.New("file is not UTF-8 text")
	ErrNoFront   = errors.New("file does not start with front matter (a line of ---)")
	ErrUnclosed  = errors.New("front matter is not closed by a line of ---")
	ErrNULInText = errors.New("file contains a NUL byte: is it binary?")
)

// Split separates front matter from body. A UTF-8 byte order mark is
// ignored; CRLF line endings are accepted.
func Split(src []byte) (Doc, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(src)) == 0 {
		return Doc{}, ErrEmpty
	}
	if !utf8.Valid(src) {
		return Doc{}, ErrNotUTF8
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return Doc{}, ErrNULInText
	}
	first, rest, ok := cutLine(src)
	if !isDelim(first) {
		return Doc{}, ErrNoFront
	}
	if !ok {
		return Doc{}, ErrUnclosed
	}
	start := len(src) - len(rest)
	line := 2
	for off := start; ; {
		l, r, more := cutLine(src[off:])
		if isDelim(l) {
			return Doc{
				Front:     src[start:off],
				FrontLine: 2,
				Body:      r,
				BodyLine:  line + 1,
			}, nil
		}
		if !more {
			return Doc{}, ErrUnclosed
		}
		off = len(src) - len(r)
		line++
	}
}

func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

func isDelim(l []byte) bool {
	return string(bytes.TrimRight(l, " \t\r")) == "---"
}
