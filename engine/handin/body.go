package handin

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/pacer-edu/pacer/engine/receipt"
)

var paceStatuses = append([]string{""}, receipt.PaceStatuses...)

const (
	flagTarget = 1 << 3
	flagNote   = 1 << 4
)

// marshal writes r's body (see the package doc).
func marshal(r *receipt.Receipt) ([]byte, error) {
	var b []byte
	uv := func(x uint64) { b = binary.AppendUvarint(b, x) }
	sv := func(x int64) { b = binary.AppendVarint(b, x) }
	str := func(s string) { uv(uint64(len(s))); b = append(b, s...) }
	at := r.At.Unix()
	if at < 0 {
		return nil, errors.New("handin: the receipt is dated before 1970")
	}
	uv(uint64(at))
	today, err := days(r.Today)
	if err != nil {
		return nil, err
	}
	uv(uint64(today))
	pace := slices.Index(paceStatuses, r.Pace.Status)
	if pace < 0 || r.Pace.Days < 0 {
		return nil, fmt.Errorf("handin: unknown pace %q, %d days", r.Pace.Status, r.Pace.Days)
	}
	b = append(b, byte(pace))
	uv(uint64(r.Pace.Days))
	str(r.Name)
	uv(uint64(len(r.Goals)))
	for _, g := range r.Goals {
		str(g)
	}
	uv(uint64(len(r.Steps)))
	prev := today
	for _, s := range r.Steps {
		str(s.C)
		st := slices.Index(receipt.Statuses, s.Status)
		if st < 0 {
			return nil, fmt.Errorf("handin: step %q has an unknown status %q", s.C, s.Status)
		}
		flags := byte(st)
		target, err := days(s.Target)
		if err != nil {
			return nil, err
		}
		if s.Target != "" {
			flags |= flagTarget
		}
		if s.Note != "" {
			flags |= flagNote
		}
		b = append(b, flags)
		if s.Target != "" {
			sv(int64(target - prev))
			prev = target
		}
		uv(uint64(len(s.Self)))
		for _, x := range s.Self {
			if x.Level < 0 || x.Level > 255 {
				return nil, fmt.Errorf("handin: step %q has a rating of %d", s.C, x.Level)
			}
			b = append(b, byte(x.Level))
			sv((at - x.At.Unix()) / 60)
		}
		if s.Checks.Right < 0 || s.Checks.Total < 0 {
			return nil, fmt.Errorf("handin: step %q has negative check counts", s.C)
		}
		uv(uint64(s.Checks.Right))
		uv(uint64(s.Checks.Total))
		uv(uint64(len(s.Checks.Recent)))
		bits := make([]byte, (len(s.Checks.Recent)+7)/8)
		for i, ok := range s.Checks.Recent {
			if ok {
				bits[i/8] |= 1 << (i % 8)
			}
		}
		b = append(b, bits...)
		uv(uint64(len(s.Done)))
		for _, d := range s.Done {
			str(d)
		}
		if s.Note != "" {
			str(s.Note)
		}
		// Version 2: the step's answers.
		acts := slices.Clone(s.Done)
		for _, t := range s.Tries {
			if !slices.Contains(acts, t.Activity) {
				acts = append(acts, t.Activity)
			}
		}
		uv(uint64(len(acts) - len(s.Done)))
		for _, a := range acts[len(s.Done):] {
			str(a)
		}
		uv(uint64(len(s.Tries)))
		var prevTry int64
		for _, t := range s.Tries {
			if t.Check < 0 {
				return nil, fmt.Errorf("handin: step %q has an answer to check %d", s.C, t.Check)
			}
			var f uint64
			if t.Right {
				f |= tryRight
			}
			if t.Practice {
				f |= tryPractice
			}
			uv((uint64(t.Check)*uint64(len(acts))+uint64(slices.Index(acts, t.Activity)))<<2 | f)
			m := (at - t.At.Unix()) / 60
			sv(m - prevTry)
			prevTry = m
		}
	}
	return b, nil
}

// Flags of an answer (body version 2).
const (
	tryRight    = 1 << 0
	tryPractice = 1 << 1
)

// days returns a date's days since 1970-01-01 plus one, 0 for "".
func days(date string) (int, error) {
	if date == "" {
		return 0, nil
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil || t.Unix() < 0 {
		return 0, fmt.Errorf("handin: %q is not a date", date)
	}
	return int(t.Unix()/86400) + 1, nil
}

func date(d int) string {
	if d <= 0 {
		return ""
	}
	return time.Unix(int64(d-1)*86400, 0).UTC().Format(time.DateOnly)
}

// reader reads a body; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = ErrDamaged
	}
	r.b = nil
}

func (r *reader) uv() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

// count reads a length that must fit in what is left (each item takes a
// byte at least), so a damaged count cannot make a huge slice.
func (r *reader) count() int {
	x := r.uv()
	if x > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(x)
}

func (r *reader) sv() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n int) []byte {
	if n > len(r.b) {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) str() string {
	s := r.bytes(r.count())
	if !utf8.Valid(s) {
		r.fail()
	}
	return string(s)
}

// unmarshal reads a body of version v back into a receipt, checked by
// receipt.Decode.
func unmarshal(body []byte, v int, site, student string) (*receipt.Receipt, error) {
	rd := &reader{b: body}
	out := receipt.Receipt{Pacer: "receipt", V: v, Site: site, Student: student}
	at := int64(rd.uv())
	out.At = time.Unix(at, 0).UTC()
	today := int(rd.uv())
	out.Today = date(today)
	pace := int(rd.byte())
	if pace >= len(paceStatuses) {
		rd.fail()
		pace = 0
	}
	out.Pace = receipt.Pace{Status: paceStatuses[pace], Days: int(rd.uv())}
	out.Name = rd.str()
	for range rd.count() {
		out.Goals = append(out.Goals, rd.str())
	}
	prev := today
	for range rd.count() {
		s := receipt.Step{C: rd.str()}
		flags := rd.byte()
		if int(flags&7) >= len(receipt.Statuses) {
			rd.fail()
			break
		}
		s.Status = receipt.Statuses[flags&7]
		if flags&flagTarget != 0 {
			prev += int(rd.sv())
			s.Target = date(prev)
		}
		for range rd.count() {
			lv := int(rd.byte())
			s.Self = append(s.Self, receipt.Rating{Level: lv, At: time.Unix(at-rd.sv()*60, 0).UTC()})
		}
		s.Checks.Right, s.Checks.Total = int(rd.uv()), int(rd.uv())
		n := rd.uv()
		if n > uint64(len(rd.b))*8 {
			rd.fail()
			break
		}
		bits := rd.bytes((int(n) + 7) / 8)
		for i := range int(n) {
			s.Checks.Recent = append(s.Checks.Recent, bits[i/8]&(1<<(i%8)) != 0)
		}
		for range rd.count() {
			s.Done = append(s.Done, rd.str())
		}
		if flags&flagNote != 0 {
			s.Note = rd.str()
		}
		if v >= 2 {
			acts := slices.Clone(s.Done)
			for range rd.count() {
				acts = append(acts, rd.str())
			}
			var prevTry int64
			for range rd.count() {
				x, m := rd.uv(), rd.sv()
				if len(acts) == 0 || x>>2 > 1<<30 {
					rd.fail()
					break
				}
				k := x >> 2
				prevTry += m
				s.Tries = append(s.Tries, receipt.Try{Activity: acts[k%uint64(len(acts))], Check: int(k / uint64(len(acts))),
					Right: x&tryRight != 0, Practice: x&tryPractice != 0, At: time.Unix(at-prevTry*60, 0).UTC()})
			}
		}
		out.Steps = append(out.Steps, s)
	}
	if rd.err == nil && len(rd.b) != 0 {
		rd.fail()
	}
	if rd.err != nil {
		return nil, rd.err
	}
	// The receipt's own rules decide what a valid receipt is.
	js, err := json.Marshal(&out)
	if err != nil {
		return nil, err
	}
	return receipt.Decode(js, site)
}
