package e2e

// The student's language on every page they use (SPEC 11): activity pages
// are shared, rendered in the site's language; a tab opened from a
// Spanish-speaking student's playlist shows their activity bar, quick
// checks and feedback in Spanish, and another student's tab stays English.

import (
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

func TestSharedPagesSpeakTheTabStudentsLanguage(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	const bingo = "activities/ratio-table-bingo/index.html"
	const q = "Find the missing value: 3 : 4 = 9 : ?"
	for _, tc := range []struct {
		name, lang, rate, level, back, mark, check, wrong string
	}{
		{"Sofía M.", "es", "¿Qué tan bien puedes hacerlo ahora?", "Todavía no", "Volver a mi lista", "Marcar como hecho", "Comprobar", "Todavía no. Inténtalo de nuevo."},
		{"Maya T.", "en", "How well can you do this now?", "Not yet", "Back to my playlist", "Mark done", "Check", "Not quite. Try again."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := browsertest.NewPage(t) // a profile of their own
			c.openStudent(t, p, tc.name, "")
			// The rating scale is the site's scale in the student's language.
			p.ByRole("group", tc.rate).First().ByRole("radio", tc.level).Wait()
			next := p.ByCSS("#pacer-app a[href*='activities/']").First()
			p.ExpectLoad(func() { tap(p, next) })
			waitForClient(p, "activity")
			if got := browsertest.Eval[string](p, "document.documentElement.lang"); got != tc.lang {
				t.Errorf("the activity page's language is %q, want %q", got, tc.lang)
			}
			p.ByRole("link", tc.back).Wait()
			p.ByRole("button", tc.mark).Wait()

			// Another shared page in the same tab: the quick check.
			p.Navigate(c.url(bingo, ""))
			waitForClient(p, "activity")
			form := question(p, q)
			field := form.ByRole("textbox", "")
			field.Type("11")
			tap(p, form.ByRole("button", tc.check))
			form.ByRole("status", "").WaitText(tc.wrong)
			p.AssertClean(t)
		})
	}
}
