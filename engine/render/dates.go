package render

import (
	"fmt"
	"time"
)

var (
	dayNames = map[string][7]string{
		"en": {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		"es": {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
	}
	monthNames = map[string][12]string{
		"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		"es": {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
	}
)

// humanDate formats YYYY-MM-DD for people ("Tue 6 Oct 2026"), in lang when
// the theme knows its names, else in English. Anything else is returned as is.
func humanDate(s, lang string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	days, ok := dayNames[lang]
	months := monthNames[lang]
	if !ok {
		days, months = dayNames["en"], monthNames["en"]
	}
	return fmt.Sprintf("%s %d %s %d", days[t.Weekday()], t.Day(), months[t.Month()-1], t.Year())
}
