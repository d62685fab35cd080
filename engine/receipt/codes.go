package receipt

import (
	"bytes"
	"strings"
)

// Found is a receipt code found in a text, with the line it starts on
// (from 1).
type Found struct {
	Line int
	Code string
}

// Codes finds the receipt codes in a text a teacher collected: codes pasted
// from emails or a form, one per line, with anything around them
// ("Ana: PACER1.eyJ..."). A code runs from "PACER1." to the first
// character that cannot be in one (white space, punctuation). A text holding one code that was wrapped over several lines is
// read whole by [Decode] instead.
func Codes(text []byte) []Found {
	var out []Found
	for i, line := range bytes.Split(text, []byte("\n")) {
		s := string(line)
		for {
			at := strings.Index(s, CodePrefix)
			if at < 0 {
				break
			}
			s = s[at:]
			end := len(CodePrefix) + strings.IndexFunc(s[len(CodePrefix):], func(r rune) bool { return !inCode(r) })
			if end < len(CodePrefix) {
				end = len(s)
			}
			out = append(out, Found{Line: i + 1, Code: s[:end]})
			s = s[end:]
		}
	}
	return out
}

// inCode reports whether r can be part of a code: base64url, or padding.
func inCode(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '='
}
