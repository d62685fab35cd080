package calendar

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

func d(s string) Date {
	x, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return x
}

// term is a school year with a Thanksgiving break inside a week and a winter
// break from a Saturday to a Sunday, across two weekends.
func term() *Calendar {
	return New(weekdays, []Break{
		{From: d("2026-11-23"), To: d("2026-11-27"), Name: "Thanksgiving"},
		{From: d("2026-12-19"), To: d("2027-01-03"), Name: "Winter"},
	})
}

func TestNewNormalisesBreaks(t *testing.T) {
	c := New(weekdays, []Break{
		{From: d("2027-01-13"), To: d("2027-01-11")}, // backwards: ignored
		{From: d("2027-01-20")},                      // one day
		{From: d("2027-02-03"), To: d("2027-02-05")},
		{From: d("2027-02-01"), To: d("2027-02-03")}, // overlaps the one above
		{From: d("2027-02-08"), To: d("2027-02-08")},
		{From: d("2027-02-09"), To: d("2027-02-09")}, // adjacent: merged
		{}, // unset: ignored
	})
	want := []span{
		{dayNum(d("2027-01-20")), dayNum(d("2027-01-20"))},
		{dayNum(d("2027-02-01")), dayNum(d("2027-02-05"))},
		{dayNum(d("2027-02-08")), dayNum(d("2027-02-09"))},
	}
	if !slices.Equal(c.breaks, want) {
		t.Errorf("breaks = %v, want %v", c.breaks, want)
	}
	if !c.IsSchoolDay(d("2027-01-12")) || c.IsSchoolDay(d("2027-01-20")) {
		t.Error("a backwards break must be ignored and a one-day break honoured")
	}
}

func brute(c *Calendar, from, to Date) int {
	n := 0
	for x := from; !x.After(to); x = x.AddDays(1) {
		if c.IsSchoolDay(x) {
			n++
		}
	}
	return n
}

func TestSchoolDaysMatchesDayByDayCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := d("2026-08-01")
	for i := range 300 {
		var days []time.Weekday
		for wd := range time.Weekday(7) {
			if r.IntN(3) > 0 {
				days = append(days, wd)
			}
		}
		var breaks []Break
		for range r.IntN(5) {
			f := base.AddDays(r.IntN(200))
			breaks = append(breaks, Break{From: f, To: f.AddDays(r.IntN(20))})
		}
		c := New(days, breaks)
		from := base.AddDays(r.IntN(200))
		to := from.AddDays(r.IntN(120) - 10)
		if got, want := c.SchoolDays(from, to), brute(c, from, to); got != want {
			t.Fatalf("case %d: SchoolDays(%s, %s) = %d, day by day %d (days %v, breaks %v)", i, from, to, got, want, days, breaks)
		}
		n := 1 + r.IntN(40)
		got, ok := c.NthSchoolDay(from, n)
		if ok != (len(days) > 0) {
			t.Fatalf("case %d: NthSchoolDay ok = %v with days %v", i, ok, days)
		}
		if ok && (!c.IsSchoolDay(got) || brute(c, from, got) != n) {
			t.Fatalf("case %d: NthSchoolDay(%s, %d) = %s, which is school day %d", i, from, n, got, brute(c, from, got))
		}
	}
}

func TestNthSchoolDay(t *testing.T) {
	for _, tc := range []struct {
		name string
		cal  *Calendar
		from string
		n    int
		want string // "" when there is none
	}{
		{"first is from itself", term(), "2027-01-11", 1, "2027-01-11"},
		{"from a weekend", term(), "2027-01-09", 1, "2027-01-11"},
		{"from inside a break", term(), "2026-11-24", 1, "2026-11-30"},
		{"across a break and weekends", term(), "2026-12-17", 3, "2027-01-04"},
		{"far ahead", term(), "2027-01-11", 21, "2027-02-08"},
		{"n is zero", term(), "2027-01-11", 0, ""},
		{"no school weekday", New(nil, nil), "2027-01-11", 1, ""},
		{"only saturdays", New([]time.Weekday{time.Saturday}, nil), "2027-01-11", 2, "2027-01-23"},
		{"a break of a century", New(weekdays, []Break{{From: d("2027-01-01"), To: d("2126-12-31")}}), "2027-01-11", 1, "2127-01-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.cal.NthSchoolDay(d(tc.from), tc.n)
			if tc.want == "" {
				if ok {
					t.Errorf("NthSchoolDay = %s, want none", got)
				}
				return
			}
			if !ok || got != d(tc.want) {
				t.Errorf("NthSchoolDay(%s, %d) = %s, %v; want %s", tc.from, tc.n, got, ok, tc.want)
			}
		})
	}
}

func TestDays(t *testing.T) {
	var got []string
	for x := range term().Days(d("2026-11-20")) {
		got = append(got, x.String())
		if len(got) == 3 {
			break
		}
	}
	if want := []string{"2026-11-20", "2026-11-30", "2026-12-01"}; !slices.Equal(got, want) {
		t.Errorf("Days = %v, want %v", got, want)
	}
	for x := range New(nil, nil).Days(d("2026-11-20")) {
		t.Fatalf("a calendar without school days yielded %s", x)
	}
}

func TestPaceErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cal    *Calendar
		start  Date
		perDay int
		want   error
		needed int
	}{
		{"no minutes per day", term(), d("2027-01-11"), 0, ErrMinutesPerDay, 0},
		{"no school weekday", New(nil, nil), d("2027-01-11"), 30, ErrNoSchoolDays, 2},
		{"zero calendar", &Calendar{}, d("2027-01-11"), 30, ErrNoSchoolDays, 2},
		{"no start", term(), Date{}, 30, ErrNoStart, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.cal.Pace(tc.start, d("2027-01-29"), tc.perDay, []int{30, 30})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if p.Targets != nil || p.Needed != tc.needed || p.Shortfall != 0 && tc.start.IsZero() {
				t.Errorf("pacing = %+v", p)
			}
		})
	}
}

func BenchmarkPace(b *testing.B) {
	c := term()
	minutes := make([]int, 60)
	for i := range minutes {
		minutes[i] = 10 + i%40
	}
	for b.Loop() {
		if _, err := c.Pace(d("2026-09-08"), d("2027-01-29"), 45, minutes); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAppendTextMatchesString(t *testing.T) {
	for _, x := range []Date{{}, d("2027-01-04"), d("0001-12-31"), d("9999-09-09"), {Year: 12345, Month: 1, Day: 2}, {Year: -1, Month: 1, Day: 1}, {Year: 2027, Month: 2, Day: 31}} {
		b, err := x.AppendText([]byte("x"))
		if err != nil || string(b) != "x"+x.String() {
			t.Errorf("AppendText(%#v) = %q, want %q", x, b, "x"+x.String())
		}
	}
}
