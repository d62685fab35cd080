package e2e

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// speedMarks are the performance marks the student page leaves, read back
// from the browser.
type speedMarks struct {
	NextUp struct {
		At    float64 `json:"at"`
		Cards int     `json:"cards"`
	} `json:"nextUp"`
	Chunks []struct {
		At    float64 `json:"at"`
		From  int     `json:"from"`
		Cards int     `json:"cards"`
	} `json:"chunks"`
	Steps struct {
		At     float64 `json:"at"`
		Chunks int     `json:"chunks"`
		Cards  int     `json:"cards"`
	} `json:"steps"`
	Nodes     int       `json:"nodes"`
	LongTasks []float64 `json:"longTasks"`
	Frames    []float64 `json:"frames"`
}

const readMarks = `new Promise((done) => {
	const one = (n) => { const e = performance.getEntriesByName(n)[0]; return e ? Object.assign({at: e.startTime}, e.detail) : null; };
	const chunks = performance.getEntriesByName("pacer:chunk").map((e) => Object.assign({at: e.startTime}, e.detail));
	const out = {nextUp: one("pacer:next-up"), chunks, steps: one("pacer:steps"), nodes: document.getElementsByTagName("*").length, longTasks: window.pacerLongTasks || [], frames: window.pacerFrames || []};
	done(JSON.stringify(out));
})`

// watchLongTasks is run in every document before its scripts: it keeps
// the duration of every long task in window.pacerLongTasks.
// Rendering (style, layout, paint) runs in frames the longtask entries do
// not count: window.pacerFrames keeps the long animation frames, a task
// and the rendering after it, where the browser has them.
const watchLongTasks = `window.pacerLongTasks = []; window.pacerFrames = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.pacerLongTasks.push(e.duration); }).observe({type: "longtask", buffered: true});
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.pacerFrames.push(e.duration); }).observe({type: "long-animation-frame", buffered: true}); } catch {}`

func studentMarks(t *testing.T, p *browsertest.Page) speedMarks {
	t.Helper()
	var m speedMarks
	if err := json.Unmarshal([]byte(browsertest.Eval[string](p, readMarks)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// A 200-step playlist shows Next up before any card, then the cards a few
// at a time: a small first chunk, the rest in chunks of at most 20 cards,
// each its own task, so no single render holds every step (SPEC 10's
// budget at 6x CPU throttling is measured by
// TestLongPlaylistSpeedOnASlowPhone). The page stays small: under 75
// elements a step (a 220-step page once had 37,000).
func TestLongPlaylistShowsNextUpFirstThenCardsInChunks(t *testing.T) {
	const n = 200
	c := longCourse(t, n)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Lin P.", "2026-09-07")
	p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
	p.ByRole("region", "Next up").WaitText("Skill 0")
	m := studentMarks(t, p)
	if m.NextUp.At == 0 {
		t.Fatal("no pacer:next-up mark")
	}
	if m.NextUp.Cards != 0 {
		t.Errorf("Next up was marked after %d cards, want before any", m.NextUp.Cards)
	}
	if len(m.Chunks) == 0 || m.Chunks[0].At < m.NextUp.At {
		t.Fatalf("cards came before Next up: %+v", m)
	}
	if first := m.Chunks[0].Cards; first > 6 {
		t.Errorf("the first chunk made %d cards, want at most 6 so they show with Next up", first)
	}
	total := 0
	for i, ch := range m.Chunks {
		if ch.From != total {
			t.Errorf("chunk %d starts at card %d, want %d", i, ch.From, total)
		}
		if ch.Cards < 1 || ch.Cards > 20 {
			t.Errorf("chunk %d made %d cards, want 1 to 20", i, ch.Cards)
		}
		total += ch.Cards
	}
	if total != n || m.Steps.Cards != n || m.Steps.Chunks != len(m.Chunks) {
		t.Errorf("chunks made %d cards (steps mark: %d in %d chunks), want %d in %d", total, m.Steps.Cards, m.Steps.Chunks, n, len(m.Chunks))
	}
	if len(m.Chunks) < n/20 {
		t.Errorf("%d chunks for %d cards: a chunk holds at most 20", len(m.Chunks), n)
	}
	if got := browsertest.Eval[int](p, `document.querySelectorAll("#pacer-steps article").length`); got != n {
		t.Errorf("%d cards, want %d", got, n)
	}
	if m.Nodes > 75*n {
		t.Errorf("%d elements for %d steps, want at most %d", m.Nodes, n, 75*n)
	}
	t.Logf("%d elements; Next up at %.0f ms, every card at %.0f ms in %d chunks (unthrottled, under load: not a budget)", m.Nodes, m.NextUp.At, m.Steps.At, len(m.Chunks))
}

// SPEC 10's budget on a 200-step student at 6x CPU throttling (a low-end
// phone): Next up within 1 s of navigation start, no task over 200 ms.
// Timed, so a benchmark: it runs with PACER_BENCH=1 on a quiet machine
// (BENCHMARKS.md).
func TestLongPlaylistSpeedOnASlowPhone(t *testing.T) {
	if os.Getenv("PACER_BENCH") != "1" {
		t.Skip("a timed budget: run with PACER_BENCH=1 on a quiet machine")
	}
	const n = 200
	c := longCourse(t, n)
	p := browsertest.NewPage(t)
	// the first visit makes the tab the student's; the measured one is a reload
	c.openStudent(t, p, "Lin P.", "2026-09-07")
	p.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchLongTasks}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 6})
		return err
	}))
	c.openStudent(t, p, "Lin P.", "2026-09-07")
	p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
	// the QR module comes after the cards (for a print from the menu):
	// its download and run are in the measure too
	p.WaitFor(`"PacerHandIn" in window`)
	m := studentMarks(t, p)
	longest := 0.0
	for _, d := range m.LongTasks {
		longest = max(longest, d)
	}
	frame := 0.0
	for _, d := range m.Frames {
		frame = max(frame, d)
	}
	t.Logf("6x CPU throttling, %d steps: Next up at %.0f ms, every card at %.0f ms in %d chunks, %d long tasks, the longest %.0f ms, %d elements; %d long animation frames (a task and its rendering; not a budget), the longest %.0f ms",
		n, m.NextUp.At, m.Steps.At, len(m.Chunks), len(m.LongTasks), longest, m.Nodes, len(m.Frames), frame)
	if m.NextUp.At > 1000 {
		t.Errorf("Next up at %.0f ms, want within 1,000 ms", m.NextUp.At)
	}
	if longest > 200 {
		t.Errorf("a task of %.0f ms, want none over 200 ms", longest)
	}
}

// On a slow phone, Next up and the cards in one task took over 200 ms:
// the first cards come in a task of their own. A timer set as Next up is
// marked fires before them only if they were not made in the same task.
func TestTheFirstCardsComeInATaskAfterNextUp(t *testing.T) {
	c := longCourse(t, 40)
	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Lin P.", "2026-09-07")
	const probe = `(() => {
		const mark = performance.mark.bind(performance);
		performance.mark = (name, o) => {
			if (name === "pacer:next-up") setTimeout(() => mark("probe:next-task"));
			return mark(name, o);
		};
	})();`
	p.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe})
		return err
	}))
	c.openStudent(t, p, "Lin P.", "2026-09-07")
	p.WaitFor(`document.getElementById("pacer-app").hasAttribute("data-ready")`)
	order := browsertest.Eval[[]string](p, `performance.getEntriesByType("mark").filter((e) => /^(pacer:next-up|pacer:chunk|probe:)/.test(e.name)).map((e) => e.name)`)
	if len(order) < 3 || order[0] != "pacer:next-up" || order[1] != "probe:next-task" || order[2] != "pacer:chunk" {
		t.Errorf("marks in order %v: want Next up, then another task, then the first cards", order)
	}
}
