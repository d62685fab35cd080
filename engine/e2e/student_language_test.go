package e2e

// The student's language on every page they use (SPEC 11): activity pages
// are shared, rendered in the site's language; a tab opened from a
// Spanish-speaking student's playlist shows their activity bar, quick
// checks and feedback in Spanish, and another student's tab stays English.

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

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

// uiText is the words the theme prints on a page, as a person meets them:
// the visible text and the accessible names (aria-label) outside what the
// teacher wrote (titles, the "I can" line, the body of an activity or a
// competency and the quick checks' questions, answers and explanations,
// except the checks' and media's own controls).
// Titles come as a JSON list.
const uiText = `(() => {
	const titles = new Set(%s);
	const content = ".site-title, .can, .prose, code, form.check :is(legend, .check-choice, .check-answer, .check-explain)";
	const ui = "form.check :is(label[for$=_input], .check-hint, summary, button, .check-accept, .check-feedback), .media-fallback, .media-transcript, .media a";
	const out = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		const s = n.textContent.trim();
		if (!s || !el || !el.checkVisibility() || el.closest("script, noscript")) continue;
		if (el.closest(content) && !el.closest(ui)) continue;
		const a = el.closest("a");
		if (titles.has(s) || (a && titles.has(a.textContent.trim()))) continue;
		out.push(s);
	}
	document.querySelectorAll("[aria-label]").forEach((e) => out.push(e.getAttribute("aria-label")));
	return out;
})()`

// englishOnly is each English UI string of the theme (client strings and
// server labels) that Spanish words differently, as a pattern of whole
// words with its placeholders open.
func englishOnly(t *testing.T, root string) map[string]*regexp.Regexp {
	t.Helper()
	read := func(lang string) map[string]string {
		b, err := os.ReadFile(filepath.Join(root, "themes", "default", "i18n", lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, es := read("en"), read("es")
	hole := regexp.MustCompile(`\{\w+\}|%[sd]`)
	out := map[string]*regexp.Regexp{}
	for k, v := range en {
		if es[k] == v || strings.HasPrefix(k, "report.") || strings.HasPrefix(k, "scan.") || strings.HasPrefix(k, "cards.") || strings.HasPrefix(k, "serve.") {
			continue // the same word in both, or a teacher's page
		}
		parts := hole.Split(v, -1)
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(strings.TrimSpace(p))
		}
		pat := strings.Join(parts, `.+?`)
		if len(strings.Trim(pat, ".+? ")) < 2 {
			continue
		}
		out[k] = regexp.MustCompile(`(?:^|\P{L})` + pat + `(?:$|\P{L})`)
	}
	return out
}

// A Spanish-speaking student on an English site opens an activity page
// from their playlist, then an activity with a video, one with quick
// checks, a competency page and a unit page in the same tab: every label
// the theme prints (modality, minutes, headings, navigation, footer, the
// activity bar) is in Spanish; the course's own words stay as the teacher
// wrote them.
func TestSharedPagesShowNoEnglishLabelToASpanishStudent(t *testing.T) {
	root := moduleRoot(t)
	c := buildCourse(t, root)
	english := englishOnly(t, root)
	var titles []string
	for _, glob := range []string{"activities/*/index.html", "competencies/*/index.html", "units/*/index.html"} {
		files, _ := filepath.Glob(filepath.Join(c.out, glob))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if m := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindSubmatch(b); m != nil {
				titles = append(titles, html.UnescapeString(string(m[1])))
			}
		}
	}
	if len(titles) == 0 {
		t.Fatal("no course pages")
	}
	tj, _ := json.Marshal(titles)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Sofía M.", "")
	next := p.ByCSS("#pacer-app a[href*='activities/']").First()
	p.ExpectLoad(func() { tap(p, next) })
	check := func(kind string) {
		t.Helper()
		waitForClient(p, kind)
		if got := browsertest.Eval[string](p, "document.documentElement.lang"); got != "es" {
			t.Errorf("%s: the page's language is %q, want es", p.URL(), got)
		}
		seen := map[string]bool{}
		for _, s := range browsertest.Eval[[]string](p, fmt.Sprintf(uiText, tj)) {
			for k, re := range english {
				if re.MatchString(s) && !seen[k] {
					seen[k] = true
					t.Errorf("%s shows the English %s in %q", strings.TrimPrefix(p.URL(), c.base), k, s)
				}
			}
		}
	}
	check("activity")
	for _, pg := range []struct{ path, kind string }{
		{c.activity("ratio-table-bingo"), "activity"},
		{c.activity("box-score-ratios"), "activity"},
		{"competencies/ratio-language/index.html", "competency"},
		{"units/ratios/index.html", "unit"},
		{"units/ratios/diagnostic/index.html", "diagnostic"},
	} {
		p.Navigate(c.url(pg.path, ""))
		check(pg.kind)
	}
	p.AssertClean(t)
	// An embedded video (its frame cannot load here: no network).
	p.Navigate(c.url(c.activity("garden-ratios-video"), ""))
	check("activity")
	p.Reset()
}

// The mastery rule on a competency page is one sentence with the rule's
// numbers and a level of the scale: reworded for a Spanish-speaking
// student with the same numbers and the Spanish level.
func TestTheMasteryRuleIsRewordedWithTheStudentsScale(t *testing.T) {
	root := moduleRoot(t)
	c := buildCourse(t, root)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Sofía M.", "")
	const comp = "competencies/ratio-language/index.html"
	p.Navigate(c.url(comp, ""))
	waitForClient(p, "competency")
	en, err := os.ReadFile(filepath.Join(c.out, filepath.FromSlash(comp)))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(\d+) of your last (\d+) quick-check answers are right, and you rate yourself at least “([^”]+)”`).FindSubmatch(en)
	if m == nil {
		t.Fatal("the English page has no mastery rule")
	}
	scale := browsertest.Eval[[]string](p, `PacerLang.scale`)
	var cfg struct {
		Mastery struct{ Scale map[string][]string }
	}
	sy, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(sy, &cfg); err != nil {
		t.Fatal(err)
	}
	englishScale := cfg.Mastery.Scale["en"]
	level := slices.Index(englishScale, string(m[3]))
	if level < 0 || level >= len(scale) {
		t.Fatalf("the rule's level %q is not on the scale %v", m[3], englishScale)
	}
	want := fmt.Sprintf("%s de tus últimas %s respuestas de las pruebas rápidas son correctas y te calificas al menos como «%s».", m[1], m[2], scale[level])
	if got := browsertest.Eval[string](p, `document.querySelector(".rule").textContent`); !strings.Contains(got, want) {
		t.Errorf("the rule reads %q, want %q", got, want)
	}
	p.AssertClean(t)
}
