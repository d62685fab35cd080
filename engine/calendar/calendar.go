package calendar

import (
	"errors"
	"iter"
	"slices"
	"time"
)

// Calendar tells school days from other days: the term's days of the week,
// minus breaks. It is read-only after New and safe for concurrent use.
// The zero Calendar has no school days.
type Calendar struct {
	week [7]bool
	// open reports whether any day of the week is a school day; without
	// one, searching forward for a school day would never end.
	open bool
	// breaks are merged, sorted, inclusive spans of day numbers.
	breaks []span
}

// span is an inclusive range of day numbers.
type span struct{ from, to int64 }

// New returns the calendar whose school days are the given days of the
// week outside every break. A break with an unset To is one day long; a
// break that ends before it starts is ignored (config reports it).
// Overlapping and adjacent breaks are merged.
func New(days []time.Weekday, breaks []Break) *Calendar {
	c := &Calendar{}
	for _, wd := range days {
		if wd >= time.Sunday && wd <= time.Saturday {
			c.week[wd] = true
			c.open = true
		}
	}
	for _, b := range breaks {
		if b.From.IsZero() {
			continue
		}
		s := span{dayNum(b.From), dayNum(b.From)}
		if !b.To.IsZero() {
			s.to = dayNum(b.To)
		}
		if s.to < s.from {
			continue
		}
		c.breaks = append(c.breaks, s)
	}
	slices.SortFunc(c.breaks, func(a, b span) int { return cmpInt(a.from, b.from) })
	merged := c.breaks[:0]
	for _, s := range c.breaks {
		if n := len(merged); n > 0 && s.from <= merged[n-1].to+1 {
			merged[n-1].to = max(merged[n-1].to, s.to)
			continue
		}
		merged = append(merged, s)
	}
	c.breaks = merged
	return c
}

// HasSchoolWeekday reports whether any day of the week is a school day.
// Without one there is no school day at all, and NthSchoolDay and Pace
// cannot find any.
func (c *Calendar) HasSchoolWeekday() bool { return c.open }

// IsSchoolDay reports whether d is a school day: one of the term's days of
// the week, not in a break.
func (c *Calendar) IsSchoolDay(d Date) bool {
	n := dayNum(d)
	return c.week[weekday(n)] && !c.inBreak(n)
}

func (c *Calendar) inBreak(n int64) bool {
	i, _ := slices.BinarySearchFunc(c.breaks, n, func(s span, n int64) int { return cmpInt(s.to, n) })
	return i < len(c.breaks) && c.breaks[i].from <= n
}

// SchoolDays counts the school days from from to to, both included; 0 when
// to is before from.
func (c *Calendar) SchoolDays(from, to Date) int {
	a, b := dayNum(from), dayNum(to)
	if b < a {
		return 0
	}
	n := c.weekdays(a, b)
	for _, s := range c.breaks {
		if s.to < a || s.from > b {
			continue
		}
		n -= c.weekdays(max(s.from, a), min(s.to, b))
	}
	return n
}

// weekdays counts the days in [a, b] that fall on a school day of the week,
// ignoring breaks.
func (c *Calendar) weekdays(a, b int64) int {
	perWeek := 0
	for _, ok := range c.week {
		if ok {
			perWeek++
		}
	}
	length := b - a + 1
	n := int(length/7) * perWeek
	for d := a + length/7*7; d <= b; d++ {
		if c.week[weekday(d)] {
			n++
		}
	}
	return n
}

// Days returns the school days on or after from, in order. The sequence is
// endless unless no day of the week is a school day, when it is empty.
func (c *Calendar) Days(from Date) iter.Seq[Date] {
	return func(yield func(Date) bool) {
		if !c.open {
			return
		}
		w := c.walk(from)
		for yield(fromDayNum(w.next())) {
		}
	}
}

// NthSchoolDay returns the n-th school day on or after from: n = 1 is the
// first school day on or after from. It reports false when n < 1 or no day
// of the week is a school day.
func (c *Calendar) NthSchoolDay(from Date, n int) (Date, bool) {
	if n < 1 || !c.open {
		return Date{}, false
	}
	w := c.walk(from)
	var d int64
	for range n {
		d = w.next()
	}
	return fromDayNum(d), true
}

// walker steps forward over school days, jumping over whole breaks so a
// long break costs one step.
type walker struct {
	c   *Calendar
	day int64 // the next day to consider
	bi  int   // index of the first break that may contain day or lie after it
}

func (c *Calendar) walk(from Date) *walker { return &walker{c: c, day: dayNum(from)} }

// next returns the first school day not before w.day and moves past it.
// The calendar must have a school day of the week.
func (w *walker) next() int64 {
	br := w.c.breaks
	for {
		for w.bi < len(br) && br[w.bi].to < w.day {
			w.bi++
		}
		if w.bi < len(br) && br[w.bi].from <= w.day {
			w.day = br[w.bi].to + 1
			continue
		}
		d := w.day
		w.day++
		if w.c.week[weekday(d)] {
			return d
		}
	}
}

// Errors Pace returns when work cannot be laid over days.
var (
	ErrNoStart       = errors.New("no start date")
	ErrNoSchoolDays  = errors.New("no day of the week is a school day")
	ErrMinutesPerDay = errors.New("minutes per day must be at least 1")
)

// Pacing is work laid over school days.
type Pacing struct {
	// Targets holds, per step, the school day by which the step is due;
	// nil when pacing failed or no school day lies between start and end.
	Targets []Date
	// Available is the number of school days from start to end, both
	// included (0 when end is unset or before start).
	Available int
	// Needed is the number of school days the work needs: total minutes
	// over minutes per day, rounded up.
	Needed int
	// Shortfall is Needed - Available when positive and both start and end
	// are set, else 0.
	Shortfall int
}

// Pace lays steps of work, in order, over the school days from start at
// minutesPerDay, as soon as possible (term.pace: asap). A step's target is
// the k-th school day on or after start, where k is the minutes up to and
// including the step divided by minutesPerDay, rounded up (at least 1, so
// steps of no minutes at the start fall on the first school day). No target
// falls after end: work that does not fit is due on the last school day on
// or before end, and Shortfall says by how many school days it is short.
// When no school day lies between start and end, Targets is empty. An unset
// end means an open-ended plan: nothing is short, nothing is clamped.
// Negative minutes count as 0.
//
// Pace fails with ErrMinutesPerDay, ErrNoSchoolDays or ErrNoStart; it still
// fills Available, Needed and Shortfall when minutesPerDay is valid.
func (c *Calendar) Pace(start, end Date, minutesPerDay int, minutes []int) (Pacing, error) {
	p, err := c.pacing(start, end, minutesPerDay, minutes)
	if err != nil || (!end.IsZero() && p.Available == 0) {
		return p, err
	}
	p.Targets = c.lay(start, minutes, func(cum int) int {
		need := max(ceilDiv(cum, minutesPerDay), 1)
		if !end.IsZero() {
			need = min(need, p.Available)
		}
		return need
	})
	return p, nil
}

// lay gives each step the school day, counted from start, that need says
// the minutes done by the end of the step take.
func (c *Calendar) lay(start Date, minutes []int, need func(cum int) int) []Date {
	targets := make([]Date, len(minutes))
	w := c.walk(start)
	var day int64
	var have, cum int
	var last Date
	for i, m := range minutes {
		cum += max(m, 0)
		if n := need(cum); n > have {
			for ; have < n; have++ {
				day = w.next()
			}
			last = fromDayNum(day)
		}
		targets[i] = last
	}
	return targets
}

// Spread lays steps of work, in order, evenly over the school days from
// start to end (term.pace: even): a step's target is the k-th school day
// on or after start, where k is the share of all minutes done by the end
// of the step times the school days available, rounded up (at least 1).
// The last step with minutes is due on the last school day on or before
// end; steps of no minutes before any work fall on the first school day.
// minutesPerDay only fills Needed and Shortfall: Spread never moves a
// target past end, however much work there is. Spread needs an end (use
// Pace for an open-ended plan); when no school day lies between start and
// end, Targets is empty.
//
// Spread fails as Pace does.
func (c *Calendar) Spread(start, end Date, minutesPerDay int, minutes []int) (Pacing, error) {
	p, err := c.pacing(start, end, minutesPerDay, minutes)
	if err != nil || p.Available == 0 {
		return p, err
	}
	total := 0
	for _, m := range minutes {
		total += max(m, 0)
	}
	p.Targets = c.lay(start, minutes, func(cum int) int {
		if total == 0 {
			return 1
		}
		return max(int((int64(cum)*int64(p.Available)+int64(total)-1)/int64(total)), 1)
	})
	return p, nil
}

// pacing fills what Pace and Spread share: Available, Needed and Shortfall,
// or the reason no work can be laid out.
func (c *Calendar) pacing(start, end Date, minutesPerDay int, minutes []int) (Pacing, error) {
	var p Pacing
	if minutesPerDay < 1 {
		return p, ErrMinutesPerDay
	}
	total := 0
	for _, m := range minutes {
		total += max(m, 0)
	}
	p.Needed = ceilDiv(total, minutesPerDay)
	if !start.IsZero() && !end.IsZero() {
		p.Available = c.SchoolDays(start, end)
		p.Shortfall = max(p.Needed-p.Available, 0)
	}
	switch {
	case !c.open:
		return p, ErrNoSchoolDays
	case start.IsZero():
		return p, ErrNoStart
	}
	return p, nil
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// dayNum is the number of days from 1970-01-01 to d.
func dayNum(d Date) int64 { return d.Time().Unix() / 86400 }

func fromDayNum(n int64) Date { return Of(time.Unix(n*86400, 0).UTC()) }

// weekday of day number n; 1970-01-01 was a Thursday.
func weekday(n int64) time.Weekday { return time.Weekday(((n+4)%7 + 7) % 7) }

// AppendText appends d as String does, without allocating; it implements
// encoding.TextAppender.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		return b, nil
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return append(b, d.String()...), nil
	}
	b = append(b, byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10), '-')
	b = append(b, byte('0'+d.Month/10), byte('0'+d.Month%10), '-')
	return append(b, byte('0'+d.Day/10), byte('0'+d.Day%10)), nil
}
