package e2e

// The look of the pages (issue 15): the overall progress, modality icons,
// activity rows laid out alike at every width, no card in a card on a
// phone, no sideways scrolling at 320 px or at 200% zoom, dark mode and
// reduced motion, and an index page that tells a student how to reach
// their own page.

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

func TestStudentPageShowsStepsMasteredAsAProgressBar(t *testing.T) {
	files := tinyCourse()
	files["content/students/cy.yaml"] = "name: Cy P.\nunits: [numbers]\nmastered: [adding]\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)
	type bar struct {
		Value, Max float64
		Text       string
	}
	read := func() bar {
		return browsertest.Eval[bar](p, `(() => {
			const b = document.getElementById("pacer-progress");
			return {value: b.value, max: b.max, text: document.getElementById(b.getAttribute("aria-describedby")).textContent.trim()};
		})()`)
	}

	c.openStudent(t, p, "Cy P.", "2026-09-08")
	p.ByRole("progressbar", "My progress").Wait()
	if got := read(); got != (bar{1, 4, "1 of 4 steps mastered"}) {
		t.Errorf("placed out of Adding: progress %+v, want 1 of 4", got)
	}
	// Doubling done and rated "Got it" (it has no checks): mastered.
	step := card(p, "Doubling")
	tap(p, step.ByRole("button", "Mark done: Doubling practice"))
	tap(p, step.ByRole("group", "How well can you do this now?").ByRole("radio", "Got it"))
	waitStatus(t, p, "Doubling", "Mastered")
	p.WaitFor(`document.getElementById("pacer-progress").value === 2`)
	if got := read(); got != (bar{2, 4, "2 of 4 steps mastered"}) {
		t.Errorf("Doubling mastered too: progress %+v, want 2 of 4", got)
	}

	// The page says as much without its script (the plan's own count).
	c.openStudent(t, p, "Ada L.", "2026-09-08")
	if got := read(); got != (bar{0, 4, "0 of 4 steps mastered"}) {
		t.Errorf("Ada, nothing done: progress %+v, want 0 of 4", got)
	}
}

// icons lists the modality of every icon shown in the page's activity
// rows (or under sel), each drawn from a symbol the page has.
func icons(t *testing.T, p *browsertest.Page, sel string) []string {
	t.Helper()
	type icon struct {
		Mod    string
		Hidden bool
		Drawn  bool
	}
	got := browsertest.Eval[[]icon](p, `[...document.querySelectorAll(`+jsString(sel)+`)].map((s) => {
		const href = s.querySelector("use").getAttribute("href");
		const r = s.getBoundingClientRect();
		return {mod: href.replace("#i-", ""), hidden: s.getAttribute("aria-hidden") === "true",
			drawn: !!document.querySelector("symbol" + href) && r.width > 0 && r.height > 0};
	})`)
	var mods []string
	for _, i := range got {
		if !i.Hidden || !i.Drawn {
			t.Errorf("%s icon: aria-hidden %v, drawn %v; want a decorative icon drawn from the sprite", i.Mod, i.Hidden, i.Drawn)
		}
		mods = append(mods, i.Mod)
	}
	return mods
}

func TestActivitiesShowTheirModalityAsAnIconBesideItsName(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	p.Viewport(1280, 4000) // every card on screen, so every icon is drawn
	c.openStudent(t, p, "Ada L.", "2026-09-08")
	step := card(p, "Adding")
	got := icons(t, p, "#step-adding .act .icon")
	if want := "video reading hands-on"; strings.Join(got, " ") != want {
		t.Errorf("Adding's rows show icons %q, want %q", got, want)
	}
	// the modality is still said in words
	step.WaitText("Adding on a number line")
	said := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#step-adding .act-meta")].map((l) => l.textContent.split(" · ")[0])`)
	if strings.Join(said, " ") != "Video Reading Hands-on" {
		t.Errorf("Adding's rows say their modalities as %q", said)
	}
	tap(p, step.ByRole("button", "Need another way in?"))
	rows := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-steps .act").length`)
	if n := len(icons(t, p, "#pacer-steps .act .icon")); n != rows {
		t.Errorf("%d icons for %d activity rows", n, rows)
	}
	if got := icons(t, p, "#pacer-next .icon"); len(got) != 1 {
		t.Errorf("Next up shows icons %q, want its activity's", got)
	}

	c.open(p, c.activity("halving-game"), "2026-09-08", "activity")
	if got := icons(t, p, "main .meta .icon"); strings.Join(got, " ") != "game" {
		t.Errorf("the activity page shows icons %q, want game", got)
	}
	p.ByCSS("main .meta").WaitText("Game")
	c.open(p, "competencies/adding/index.html", "2026-09-08", "competency")
	if got := icons(t, p, ".board h3 .icon"); strings.Join(got, " ") != "video reading" {
		t.Errorf("the competency's choice board shows icons %q, want video reading", got)
	}
	p.AssertClean(t)
}

// Every activity row has one action, its link, and a Mark done that sits
// at the same place of its row and on one line, at every width (the pick
// on a choice board is the way in opened, not a control); on a phone no
// card sits in another.
func TestActivityRowsKeepOneLayoutAtEveryWidth(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	name := firstStudent(c)
	for _, w := range []int64{320, 390, 768, 1280} {
		p.Viewport(w, 6000)
		c.openStudent(t, p, name, "2026-10-14")
		type row struct {
			Card, Left, Right, Height, Line float64
			Title                           string
			Links, Controls                 int
		}
		rows := browsertest.Eval[[]row](p, `[...document.querySelectorAll("#pacer-steps .act")].filter((r) => r.offsetParent).map((r) => {
			const b = r.querySelector("button[data-done]").getBoundingClientRect(), rr = r.getBoundingClientRect();
			const cs = getComputedStyle(r.querySelector("button[data-done]"));
			return {card: [...document.querySelectorAll("#pacer-steps .step")].indexOf(r.closest(".step")),
				left: Math.round(b.left - rr.left), right: Math.round(rr.right - b.right), height: Math.round(b.height),
				line: Math.max(parseFloat(cs.minHeight), parseFloat(cs.lineHeight) + parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth) * 2),
				title: r.querySelector("a").textContent, links: r.querySelectorAll("a").length,
				controls: r.querySelectorAll("input, select, textarea, button").length};
		})`)
		if len(rows) < 10 {
			t.Fatalf("%d px: only %d activity rows", w, len(rows))
		}
		first := map[float64]row{}
		for _, r := range rows {
			if r.Links != 1 {
				t.Errorf("%d px: the row of %q has %d links, want one way in", w, r.Title, r.Links)
			}
			if r.Controls != 1 {
				t.Errorf("%d px: the row of %q has %d controls besides its link, want Mark done alone", w, r.Title, r.Controls)
			}
			if r.Height > r.Line+1 {
				t.Errorf("%d px: Mark done for %q wraps (%v px high, one line is %v)", w, r.Title, r.Height, r.Line)
			}
			f, ok := first[r.Card]
			if !ok {
				first[r.Card] = r
				continue
			}
			if r.Left != f.Left && r.Right != f.Right {
				t.Errorf("%d px: Mark done for %q sits at %v..%v of its row, for %q at %v..%v", w, r.Title, r.Left, r.Right, f.Title, f.Left, f.Right)
			}
		}
		if w == 390 {
			if nested := nestedCards(p); len(nested) > 0 {
				t.Errorf("390 px: cards inside cards: %q", nested)
			}
		}
	}
}

// nestedCards lists the boxes (a background or a border all round) that
// sit inside another box, for block boxes wider than half the screen.
func nestedCards(p *browsertest.Page) []string {
	return browsertest.Eval[[]string](p, `(() => {
		const bg = getComputedStyle(document.body).backgroundColor;
		const boxed = (el) => {
			const s = getComputedStyle(el);
			if (el.matches("a, button, input, textarea, select, progress") || !/^(block|list-item|flex|grid)$/.test(s.display) || el.getBoundingClientRect().width < innerWidth / 2) return false;
			const fill = s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.backgroundColor !== bg;
			const ring = ["Top", "Right", "Bottom", "Left"].every((k) => parseFloat(s["border" + k + "Width"]) > 0);
			return fill || ring;
		};
		const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
		const out = [];
		for (const el of document.querySelectorAll("main *")) {
			if (!el.offsetParent || !boxed(el)) continue;
			for (let a = el.parentElement; a && a.tagName !== "MAIN"; a = a.parentElement) {
				if (boxed(a)) { out.push(name(el) + " in " + name(a)); break; }
			}
		}
		return out;
	})()`)
}

func firstStudent(c course) string {
	var name string
	for n := range c.students {
		if n != "Sofía M." && (name == "" || n < name) {
			name = n
		}
	}
	return name
}

// The pages of every kind fit the screen's width: on a 320 px phone, and
// on a 1280 px window zoomed to 200% (640 CSS px at 2 device pixels each).
func TestNoPageScrollsSidewaysAt320PxOrAt200PercentZoom(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	for _, h := range embedHosts(t, c.out) {
		p.AllowHost(h)
	}
	name := firstStudent(c)
	for _, screen := range []struct {
		w     int64
		scale float64
	}{{320, 1}, {640, 2}} {
		p.Screen(screen.w, 700, screen.scale)
		for _, pg := range []struct{ path, kind string }{
			{"index.html", "index"},
			{c.students[name], "student"},
			{c.students["Sofía M."], "student"},
			{c.activity("ratio-sentences-practice"), "activity"},
			{"competencies/ratio-language/index.html", "competency"},
			{"units/ratios/index.html", "unit"},
			{"units/ratios/diagnostic/index.html", "diagnostic"},
		} {
			c.open(p, pg.path, "2026-10-14", pg.kind)
			if pg.kind == "student" {
				p.WaitFor(`document.querySelector("#pacer-app[data-ready]")`)
			}
			type fit struct {
				Scroll, Client int
				Wide           []string
			}
			got := browsertest.Eval[fit](p, `(() => {
				const d = document.documentElement, wide = [];
				for (const el of document.querySelectorAll("body *")) {
					const r = el.getBoundingClientRect();
					if (r.right > d.clientWidth + 1 && el.offsetParent) wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + String(el.className) + " " + Math.round(r.right));
				}
				return {scroll: d.scrollWidth, client: d.clientWidth, wide: wide.slice(0, 5)};
			})()`)
			if got.Scroll > got.Client {
				t.Errorf("%d px at %vx: %s scrolls sideways (%d > %d): %q", screen.w, screen.scale, pg.kind, got.Scroll, got.Client, got.Wide)
			}
			if screen.w == 320 {
				if nested := nestedCards(p); len(nested) > 0 {
					t.Errorf("320 px: %s has cards inside cards: %q", pg.kind, nested)
				}
			}
		}
	}
}

// axe finds nothing on every page kind with the dark colour scheme.
func TestEveryPageKindPassesAxeInDarkMode(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	for _, h := range embedHosts(t, c.out) {
		p.AllowHost(h)
	}
	p.Media(map[string]string{"prefers-color-scheme": "dark"})
	name := firstStudent(c)
	for _, pg := range []struct{ path, kind string }{
		{"index.html", "index"},
		{c.students[name], "student"},
		{c.students["Sofía M."], "student"},
		{c.activity("ratio-sentences-practice"), "activity"},
		{"competencies/ratio-language/index.html", "competency"},
		{"units/ratios/index.html", "unit"},
		{"units/ratios/diagnostic/index.html", "diagnostic"},
	} {
		c.open(p, pg.path, "2026-10-14", pg.kind)
		if dark := browsertest.Eval[bool](p, `matchMedia("(prefers-color-scheme: dark)").matches && getComputedStyle(document.body).backgroundColor === "rgb(21, 23, 27)"`); !dark {
			t.Fatalf("%s: the page is not in its dark colours", pg.kind)
		}
		if pg.kind == "student" {
			// a rating, a picked way, a done activity and a note in dark colours too
			next := p.ByRole("region", "Next up")
			if next.Exists() {
				act := next.ByRole("link", "").State().Name
				comp := browsertest.Eval[string](p, `document.querySelector("#pacer-next .next-step").textContent`)
				step := card(p, comp)
				if b := step.ByRole("button", "Mark done: "+act); b.Exists() {
					tap(p, b)
				}
			}
		}
		assertAxe(t, p, pg.kind+" page in dark mode")
	}
	// and in light, the same pages
	p.Media(nil)
	c.open(p, "index.html", "2026-10-14", "index")
	if browsertest.Eval[bool](p, `getComputedStyle(document.body).backgroundColor === "rgb(21, 23, 27)"`) {
		t.Error("the index stays dark after the emulation ends")
	}
}

// With reduced motion asked for, nothing moves: no transition or
// animation lasts; without it, buttons do ease (so the test can fail).
func TestReducedMotionStopsEveryTransition(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	moving := `[...document.querySelectorAll("*")].filter((el) => {
		const s = getComputedStyle(el);
		const long = (v) => v.split(",").some((d) => parseFloat(d) * (d.trim().endsWith("ms") ? 1 : 1000) > 1);
		return (s.transitionProperty !== "none" && long(s.transitionDuration)) || (s.animationName !== "none" && long(s.animationDuration));
	}).map((el) => el.tagName.toLowerCase() + "." + String(el.className))`
	p.Media(map[string]string{"prefers-reduced-motion": "no-preference"})
	c.openStudent(t, p, "Ada L.", "2026-09-08")
	if got := browsertest.Eval[[]string](p, moving); len(got) == 0 {
		t.Fatal("no element eases with motion allowed: the check below proves nothing")
	}
	p.Media(map[string]string{"prefers-reduced-motion": "reduce"})
	c.openStudent(t, p, "Ada L.", "2026-09-08")
	if got := browsertest.Eval[[]string](p, moving); len(got) > 0 {
		t.Errorf("with reduced motion, these still move: %q", got[:min(5, len(got))])
	}
}

// The index tells a newcomer how a student reaches their own page, and
// names no student.
func TestIndexTellsStudentsToOpenTheirOwnLinkAndListsNone(t *testing.T) {
	c := buildCourse(t, moduleRoot(t))
	p := browsertest.NewPage(t)
	c.open(p, "index.html", "", "index")
	how := p.ByRole("region", "Students: open your own link")
	for _, want := range []string{"printed card", "QR code", "your playlist"} {
		if !strings.Contains(how.Text(), want) {
			t.Errorf("the index's help reads %q, want it to mention %q", how.Text(), want)
		}
	}
	text := p.Text()
	for n := range c.students {
		if strings.Contains(text, n) || strings.Contains(text, strings.Fields(n)[0]) {
			t.Errorf("the index names a student: %s", n)
		}
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll('a[href^="s/"], a[href*="/s/"]').length`); n != 0 {
		t.Errorf("the index links %d student pages", n)
	}
}

// A step past its target says so kindly, in a colour that is not the
// alarm red, in English and in Spanish.
func TestALateStepIsWordedToEncourage(t *testing.T) {
	files := tinyCourse()
	files["content/students/eli.yaml"] = "name: Eli R.\nunits: [numbers]\nlanguage: es\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)
	red := `(() => {
		const late = document.querySelector("#step-adding .late"), probe = document.createElement("span");
		probe.className = "error";
		document.body.append(probe);
		const same = getComputedStyle(late).color === getComputedStyle(probe).color;
		probe.remove();
		return same;
	})()`
	for _, s := range []struct{ name, want string }{{"Ada L.", "a good one to catch up on next"}, {"Eli R.", "un buen paso para ponerte al día"}} {
		c.openStudent(t, p, s.name, "2026-09-14")
		p.ByCSS("#step-adding .late").WaitText(s.want)
		if browsertest.Eval[bool](p, red) {
			t.Errorf("%s: the late step is in the error red", s.name)
		}
		if txt := p.ByCSS("#step-adding").Text(); strings.Contains(txt, "past the target") || strings.Contains(txt, "atrasad") {
			t.Errorf("%s: the card reads %q", s.name, txt)
		}
	}
}

// The week's three buttons stay in one row, and the rating scale's
// choices are equal boxes in even rows, from a 320 px phone up.
func TestWeekButtonsAndRatingScaleSitInEvenRows(t *testing.T) {
	files := tinyCourse()
	files["content/students/eli.yaml"] = "name: Eli R.\nunits: [numbers]\nlanguage: es\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)
	type box struct{ Top, Width, Height, Right, Room float64 }
	boxes := func(sel string) []box {
		return browsertest.Eval[[]box](p, `[...document.querySelectorAll(`+jsString(sel)+`)].map((el) => {
			const r = el.getBoundingClientRect();
			return {top: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height), right: r.right, room: document.documentElement.clientWidth};
		})`)
	}
	for _, v := range []struct {
		w    int64
		name string
	}{{320, "Ada L."}, {390, "Ada L."}, {1280, "Ada L."}, {320, "Eli R."}, {1280, "Eli R."}} {
		w := v.w
		p.Viewport(w, 900)
		c.openStudent(t, p, v.name, "2026-09-08")
		week := boxes("#pacer-pace .week-nav button")
		if len(week) != 3 {
			t.Fatalf("%d px: %d week buttons", w, len(week))
		}
		for _, b := range week {
			if b.Top != week[0].Top || b.Height != week[0].Height || b.Right > b.Room {
				t.Errorf("%d px: the week buttons are not one even row: %+v", w, week)
				break
			}
		}
		browsertest.Eval[bool](p, `(() => { document.getElementById("step-adding").scrollIntoView({block: "center"}); return true; })()`)
		rate := boxes("#step-adding .rate label")
		if len(rate) != 4 {
			t.Fatalf("%d px: %d rating choices", w, len(rate))
		}
		rows := map[float64]int{}
		for _, b := range rate {
			rows[b.Top]++
		}
		for _, b := range rate {
			if b.Width != rate[0].Width || b.Height != rate[0].Height {
				t.Errorf("%d px: the rating choices are not equal boxes: %+v", w, rate)
				break
			}
		}
		for top, n := range rows {
			if n != len(rate)/len(rows) {
				t.Errorf("%d px: the rating choices make uneven rows (%d at %v): %+v", w, n, top, rate)
			}
		}
	}
	// A rating shows in the history as a bar big enough to read.
	c.openStudent(t, p, "Ada L.", "2026-09-08")
	tap(p, card(p, "Adding").ByRole("radio", "Getting there"))
	card(p, "Adding").ByRole("list", "My ratings so far:").WaitText("Getting there")
	if bar := boxes("#step-adding .history .bar"); len(bar) != 1 || bar[0].Width < 64 || bar[0].Height < 12 {
		t.Errorf("the rating's growth bar is %+v, want one at least 64 x 12 px", bar)
	}
}

// The saving and hand-in panels come in a script of their own after the
// playlist shows; the service worker keeps it, so they are there offline.
func TestPanelsLoadAfterThePlaylistAndOffline(t *testing.T) {
	c := buildTiny(t)
	net, base := serveSwitchable(t, c.out)
	c.base = base
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	p.ByRole("region", "Keep my progress safe").ByRole("button", "Save a copy").Wait()
	p.ByRole("region", "Hand in to my teacher").Wait()
	if n := browsertest.Eval[int](p, `document.querySelectorAll('script[src*="assets/pacer-panels."]').length`); n != 1 {
		t.Errorf("%d panels scripts in the page, want 1", n)
	}
	offlineReady(p)
	p.Offline(true)
	net.down.Store(true)
	p.Reload()
	waitForClient(p, "student")
	p.ByRole("region", "Keep my progress safe").ByRole("button", "Save a copy").Wait()
	net.down.Store(false)
	p.Offline(false)
	p.AssertClean(t)
}
