package handin

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pacer-edu/pacer/engine/receipt"
)

// LineError is a frame or a hand-in of a text that could not be used.
type LineError struct {
	Line int // from 1: the frame's line, or the line of a hand-in's last part read
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Read finds the hand-in frames in a text, as a phone's QR reader or a
// form collects them (one a line, with words around them), and joins the
// parts of each hand-in, in any order, a part read twice counted once. It
// returns the whole receipts, in the order their first part came, and what
// it could not use: frames of other sites (when site is not empty),
// damaged ones, hand-ins with parts missing.
func Read(text []byte, site string) ([]*receipt.Receipt, []LineError) {
	found, errs := ReadLines(text, site)
	out := make([]*receipt.Receipt, len(found))
	for i, f := range found {
		out[i] = f.Receipt
	}
	return out, errs
}

// Found is a whole hand-in that [ReadLines] found, with the line of its
// first part (from 1), so the teacher can be told where it came from.
type Found struct {
	Receipt *receipt.Receipt
	Line    int
}

// ReadLines is [Read], saying on which line each hand-in starts.
func ReadLines(text []byte, site string) ([]Found, []LineError) {
	type pending struct {
		first, line int
		parts       []Part
	}
	byKey := map[string]*pending{}
	var order []string
	var errs []LineError
	for i, line := range bytes.Split(text, []byte("\n")) {
		s := string(line)
		for {
			at := strings.Index(s, "PQ")
			if at < 0 {
				break
			}
			s = s[at:]
			end := strings.IndexFunc(s, func(r rune) bool { return r > 127 || !strings.ContainsRune(alphabet45, r) })
			if end < 0 {
				end = len(s)
			}
			frame := strings.TrimRight(s[:end], " ")
			s = s[max(end, 2):]
			if !strings.HasPrefix(frame, Prefix) && !strings.HasPrefix(frame, "PQ") {
				continue
			}
			p, err := Parse(frame, site)
			if err == ErrNotFrame {
				continue
			}
			if err != nil {
				errs = append(errs, LineError{i + 1, err})
				continue
			}
			k := p.Key()
			if byKey[k] == nil {
				byKey[k] = &pending{first: i + 1}
				order = append(order, k)
			}
			byKey[k].line = i + 1
			byKey[k].parts = append(byKey[k].parts, p)
		}
	}
	var out []Found
	for _, k := range order {
		pd := byKey[k]
		r, err := Join(pd.parts)
		if err != nil {
			errs = append(errs, LineError{pd.line, err})
			continue
		}
		out = append(out, Found{r, pd.first})
	}
	return out, errs
}
