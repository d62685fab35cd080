package render

import (
	"fmt"
	"strings"
	"time"
)

// date formats YYYY-MM-DD for people ("Tue 6 Oct 2026") in lang, with the
// theme's day and month names. Anything else is returned as is.
func (t *Theme) date(s, lang string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return FormatDate(t.Strings(lang), d)
}

// FormatDate formats d as "Tue 6 Oct 2026" with the day and month names of
// a language's UI strings (keys date.days and date.months: seven and
// twelve names separated by spaces); YYYY-MM-DD when they are not there.
func FormatDate(s map[string]string, d time.Time) string {
	days, months := strings.Fields(s["date.days"]), strings.Fields(s["date.months"])
	if len(days) != 7 || len(months) != 12 {
		return d.Format(time.DateOnly)
	}
	return fmt.Sprintf("%s %d %s %d", days[d.Weekday()], d.Day(), months[d.Month()-1], d.Year())
}
