// Package cases reads the shared case files of engine/testdata/cases, the
// JSON cases that the Go tests and the theme's TypeScript tests both run
// (see that folder's README). It is for tests only.
package cases

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/calendar"
)

// Dir is the folder of the case files.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "cases")
}

// Load decodes the case file name (e.g. "pacing.json") into v, failing t
// on any error: unknown fields included, so a typo in a case is caught.
func Load(t testing.TB, name string, v any) {
	t.Helper()
	f, err := os.Open(filepath.Join(Dir(), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// Term is a school calendar as case files write it.
type Term struct {
	Days   []string    `json:"days"`
	Breaks [][2]string `json:"breaks"`
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// Weekdays returns the term's days of the week.
func (tm Term) Weekdays(t testing.TB) []time.Weekday {
	t.Helper()
	var out []time.Weekday
	for _, s := range tm.Days {
		wd, ok := weekdays[s]
		if !ok {
			t.Fatalf("%q is not a day of the week", s)
		}
		out = append(out, wd)
	}
	return out
}

// BreakList returns the term's breaks.
func (tm Term) BreakList(t testing.TB) []calendar.Break {
	t.Helper()
	var out []calendar.Break
	for _, b := range tm.Breaks {
		out = append(out, calendar.Break{From: Date(t, b[0]), To: Date(t, b[1])})
	}
	return out
}

// Calendar returns the term's calendar.
func (tm Term) Calendar(t testing.TB) *calendar.Calendar {
	t.Helper()
	return calendar.New(tm.Weekdays(t), tm.BreakList(t))
}

// Date parses a YYYY-MM-DD date; "" is the zero Date.
func Date(t testing.TB, s string) calendar.Date {
	t.Helper()
	if s == "" {
		return calendar.Date{}
	}
	d, err := calendar.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
