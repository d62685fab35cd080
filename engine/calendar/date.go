// Package calendar owns civil dates and school days: which days of a term
// count for pacing (term weekdays minus breaks), and laying minutes of work
// over them. It knows nothing of students or content.
package calendar

import (
	"fmt"
	"time"
)

// Date is a day in the proleptic Gregorian calendar, without time or zone.
// The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Parse reads YYYY-MM-DD and rejects impossible dates such as 2026-02-30.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		var y, m, d int
		if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n == 3 {
			return Date{}, fmt.Errorf("%q is not a real date", s)
		}
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return Of(t), nil
}

// Of returns the date of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Of(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Time().After(e.Time()) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// MarshalText implements encoding.TextMarshaler (YYYY-MM-DD, empty if unset).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
