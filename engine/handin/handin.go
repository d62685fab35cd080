// Package handin owns the QR hand-in: a receipt (engine/receipt) carried
// from a student's screen to the teacher's scan page as one or more QR
// codes. It encodes a receipt into the codes' texts, reads them back, and
// joins the parts of one receipt that came one after another ([Decode];
// [Read] finds them in any text, as a phone's QR reader app or a form
// collects them). It knows
// nothing of cameras or images: the browser finds the codes, this package
// and its TypeScript twin (themes/default/assets/handin.ts) read their text.
//
// # Frames, versions 1 and 2
//
// Each QR code holds one frame, a text made only of the characters of the
// QR alphanumeric mode (0-9, A-Z, space and $%*+-./:), so a code stores 5.5
// bits a character and every reader (BarcodeDetector included, which gives
// text, not bytes) returns it unchanged:
//
//	PQ2.<SITE>.<TOKEN>.<SUM>.<I>.<N>.<DATA>
//
//	PQ2    the frame format and its version (2, whose body has the
//	       answers; PQ1 frames have a version 1 body and still read); a
//	       reader refuses a newer one, so an old scan page says "update
//	       pacer" rather than misreading a body it does not know
//	SITE   the site key (base32, upper case): codes of other sites are ignored
//	TOKEN  the student's token (base32, upper case), as in the receipt; the
//	       scan page names the student from its roster before the last part
//	SUM    the CRC-32 (IEEE) of the whole compressed payload, 8 hex digits:
//	       it tells two hand-ins of one student apart, so parts of an old and
//	       a new receipt never mix, and proves the joined payload whole
//	I, N   part I of N (decimal, 1 <= I <= N <= 99)
//	DATA   part I of the payload cut into N pieces of nearly equal size, each
//	       piece in Base45 (RFC 9285)
//
// The payload is the body below, compressed with raw DEFLATE (RFC 1951; in
// browsers CompressionStream("deflate-raw"), else a bundled deflate).
//
// # Body, version 1
//
// Unsigned integers are varints (LEB128, as encoding/binary's Uvarint);
// signed ones are zigzag varints (binary.Varint); a string is its UTF-8
// length as a varint, then its bytes. The receipt's time is kept to the
// second, ratings' times to the minute (as minutes before the receipt's).
//
//	uvarint at          receipt time, Unix seconds
//	uvarint today       days since 1970-01-01, plus 1 (0: none)
//	byte    pace        0 none, 1 on-track, 2 ahead, 3 behind
//	uvarint pace days
//	string  name
//	uvarint goals, then each goal as a string
//	uvarint steps, then each step:
//	  string  competency id
//	  byte    flags: bits 0-2 status (index in receipt.Statuses),
//	          bit 3 a target date follows, bit 4 a note follows
//	  varint  target, days after the previous step's target (the first
//	          step's: after today) (when flagged)
//	  uvarint ratings, then each: byte level, varint minutes before at
//	  uvarint checks right, uvarint checks total
//	  uvarint recent answers, then ceil(n/8) bytes, first answer in bit 0
//	          of the first byte, 1 for right
//	  uvarint activities done, then each id as a string
//	  string  note (when flagged)
//
// # Body, version 2
//
// Version 1's, with each step followed by its quick-check answers (the
// receipt's tries), oldest first:
//
//	uvarint activities answered that are not among the step's done,
//	        then each id as a string; "the activities" below are the
//	        step's done, then these
//	uvarint answers, then each:
//	  uvarint ((check × activities + activity) << 2) | flags: check from
//	          0, activity its index in the activities, flags bit 0
//	          right, bit 1 practice
//	  varint  its minutes before at, less the previous answer's (the
//	          first answer's: less 0)
//
// The site key and token are not in the body: they are in every frame.
// Everything else a JSON receipt holds survives, but for the precision of
// times; a decoded receipt is checked by receipt.Decode's own rules.
package handin

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/receipt"
)

// Prefix starts every frame this version writes; frames of version 1
// (Prefix1), which pages built before it showed, still read.
const (
	Prefix  = "PQ2."
	Prefix1 = "PQ1."
)

// MaxParts bounds the parts of one receipt.
const MaxParts = 99

// PartBytes is how many payload bytes a frame carries at most: with its
// header a frame is then at most 1,929 characters, which fits a version 26
// QR code at low error correction (121 modules a side, 1,990 characters):
// a phone held to a laptop camera still shows each module over several
// pixels, and the receipt of a 40-step plan half done (notes, ratings and
// all; see the tests) fits in one code. A screen is not creased paper, so
// low error correction is enough.
const PartBytes = 1250

// maxPayload bounds a joined, still compressed payload, and maxBody the
// body it inflates to: a receipt is refused by the report over 1 MB anyway.
const (
	maxPayload = MaxParts * PartBytes
	maxBody    = 1 << 20
)

// Errors a reader may see.
var (
	ErrNotFrame  = errors.New("not a Pacer hand-in code")
	ErrOtherSite = errors.New("a hand-in code of another site")
	ErrDamaged   = errors.New("the hand-in code is damaged")
)

// Part is one frame, read.
type Part struct {
	// V is the frame's format version (1 or 2).
	V             int
	Site, Student string // lower case, as in a receipt
	Sum           uint32
	I, N          int
	Data          []byte
}

// Key identifies the receipt a part belongs to.
func (p Part) Key() string { return fmt.Sprintf("%d.%s.%s.%08X", p.V, p.Site, p.Student, p.Sum) }

// Encode returns the frames of r: one when the compressed receipt fits
// PartBytes, else as few as hold it, each no bigger than the others.
func Encode(r *receipt.Receipt) ([]string, error) {
	if r.Site == "" || !isBase32(r.Site) {
		return nil, fmt.Errorf("handin: the receipt's site key %q is not base32", r.Site)
	}
	if r.Student == "" || !isBase32(r.Student) {
		return nil, fmt.Errorf("handin: the receipt's token %q is not base32", r.Student)
	}
	body, err := marshal(r)
	if err != nil {
		return nil, err
	}
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(body)
	w.Close()
	payload := z.Bytes()
	n := (len(payload) + PartBytes - 1) / PartBytes
	if n > MaxParts {
		return nil, fmt.Errorf("handin: the receipt needs %d codes, more than %d", n, MaxParts)
	}
	sum := crc32.ChecksumIEEE(payload)
	head := Prefix + strings.ToUpper(r.Site) + "." + strings.ToUpper(r.Student) + "." + fmt.Sprintf("%08X", sum) + "."
	out := make([]string, n)
	for i := range n {
		a, b := i*len(payload)/n, (i+1)*len(payload)/n
		out[i] = head + strconv.Itoa(i+1) + "." + strconv.Itoa(n) + "." + base45Encode(payload[a:b])
	}
	return out, nil
}

// Parse reads one frame. site, when not empty, must be the frame's site
// (else ErrOtherSite).
func Parse(text, site string) (Part, error) {
	v := 0
	switch {
	case strings.HasPrefix(text, Prefix):
		v = 2
	case strings.HasPrefix(text, Prefix1):
		v = 1
	case len(text) > 3 && strings.HasPrefix(text, "PQ") && text[2] >= '3' && text[2] <= '9' && text[3] == '.':
		return Part{}, fmt.Errorf("the hand-in code is format version %c, newer than this pacer understands (2): update pacer", text[2])
	default:
		return Part{}, ErrNotFrame
	}
	f := strings.SplitN(text[len(Prefix):], ".", 6)
	if len(f) != 6 {
		return Part{}, ErrDamaged
	}
	p := Part{V: v, Site: strings.ToLower(f[0]), Student: strings.ToLower(f[1])}
	if !isBase32(p.Site) || !isBase32(p.Student) || len(f[2]) != 8 {
		return Part{}, ErrDamaged
	}
	if site != "" && p.Site != site {
		return Part{}, ErrOtherSite
	}
	sum, err1 := strconv.ParseUint(f[2], 16, 32)
	i, err2 := strconv.Atoi(f[3])
	n, err3 := strconv.Atoi(f[4])
	if err1 != nil || err2 != nil || err3 != nil || n < 1 || n > MaxParts || i < 1 || i > n {
		return Part{}, ErrDamaged
	}
	data, err := base45Decode(f[5])
	if err != nil || len(data) == 0 || len(data) > PartBytes {
		return Part{}, ErrDamaged
	}
	p.Sum, p.I, p.N, p.Data = uint32(sum), i, n, data
	return p, nil
}

// Join makes the receipt of the parts of one hand-in, all N of them in any
// order (a part read twice is fine).
func Join(parts []Part) (*receipt.Receipt, error) {
	if len(parts) == 0 {
		return nil, ErrNotFrame
	}
	first := parts[0]
	data := make([][]byte, first.N)
	for _, p := range parts {
		if p.Key() != first.Key() || p.N != first.N {
			return nil, errors.New("the codes are of more than one hand-in")
		}
		data[p.I-1] = p.Data
	}
	var payload []byte
	for i, d := range data {
		if d == nil {
			return nil, fmt.Errorf("part %d of %d is missing", i+1, first.N)
		}
		payload = append(payload, d...)
	}
	if crc32.ChecksumIEEE(payload) != first.Sum {
		return nil, ErrDamaged
	}
	body, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(payload)), maxBody+1))
	if err != nil || len(body) > maxBody {
		return nil, ErrDamaged
	}
	return unmarshal(body, first.V, first.Site, first.Student)
}

// Decode reads the receipt that texts hold: the frames of one hand-in, in
// any order. site, when not empty, must be the receipt's.
func Decode(texts []string, site string) (*receipt.Receipt, error) {
	var parts []Part
	for _, t := range texts {
		p, err := Parse(t, site)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	return Join(parts)
}

func isBase32(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return s != "" && len(s) <= 64
}
