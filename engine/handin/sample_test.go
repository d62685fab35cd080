package handin

import (
	"fmt"
	"time"

	"github.com/pacer-edu/pacer/engine/receipt"
)

// Realistic ids: the kind of slugs teachers write (engine/content ids).
var topics = []string{
	"multiplication-facts", "equivalent-fractions", "ratio-language", "equivalent-ratios", "ratio-graphs",
	"unit-rate", "unit-rate-problems", "measurement-conversion", "percent", "percent-of-a-quantity",
	"dividing-fractions", "fraction-word-problems", "multi-digit-division", "decimal-operations", "greatest-common-factor",
	"least-common-multiple", "distributive-property", "integers-on-a-number-line", "absolute-value", "coordinate-plane",
	"rational-number-order", "exponents", "order-of-operations", "writing-expressions", "evaluating-expressions",
	"equivalent-expressions", "one-step-equations", "inequalities", "dependent-variables", "area-of-triangles",
	"area-of-polygons", "volume-of-prisms", "nets-and-surface-area", "statistical-questions", "data-distributions",
	"measures-of-center", "measures-of-variability", "dot-plots-and-histograms", "box-plots", "summarizing-data",
}

// Activity ids share no words with their competency's, as in the example
// course ("say-it-three-ways" builds ratio-language).
var (
	things = []string{"smoothie", "garden", "box-score", "shelter", "road-trip", "fish-tank", "paint", "lemonade", "recipe", "floor-grid", "survey", "card"}
	kinds  = []string{"video", "reading", "practice", "game", "hands-on-lab", "discussion", "number-line", "challenge"}
)

func activity(step, k int) string {
	return things[(step*7+k*5)%len(things)] + "-" + []string{"ratios", "rates", "shares", "tables", "models"}[(step+k)%5] + "-" + kinds[(step*3+k)%len(kinds)]
}

// realistic returns a receipt of a student part way through a plan of n
// steps: the first half mastered with two activities done and two
// ratings each and six answers (one wrong, one practice), a quarter
// practicing with three answers, the rest not started; a note on every
// fourth step and two goals.
func realistic(n int) *receipt.Receipt {
	at := time.Date(2026, 11, 25, 14, 3, 7, 0, time.UTC)
	r := &receipt.Receipt{
		Pacer: "receipt", V: 2, Site: "x57lfqi7z2", Student: "44vqwmvcmbff37am5gj6", Name: "Alejandra M.",
		At: at, Today: "2026-11-25", Pace: receipt.Pace{Status: "behind", Days: 3},
		Goals: []string{"Finish ratios before winter break", "Try one extension project"},
	}
	for i := range n {
		c := topics[i%len(topics)]
		if i >= len(topics) {
			c = fmt.Sprintf("%s-%d", c, i/len(topics)+1)
		}
		s := receipt.Step{C: c, Status: "not-started", Target: at.AddDate(0, 0, 3*(i-n/2)).Format(time.DateOnly)}
		switch {
		case i < n/2:
			s.Status = "mastered"
			s.Self = []receipt.Rating{{Level: 2, At: at.Add(-time.Duration(n-i) * 50 * time.Hour)}, {Level: 3, At: at.Add(-time.Duration(n-i) * 47 * time.Hour)}}
			s.Checks = receipt.Checks{Right: 4, Total: 5, Recent: []bool{true, false, true, true}}
			s.Done = []string{activity(i, 0), activity(i, 1)}
			// five answers, one of them wrong, then practice on it
			for k, ok := range []bool{true, false, true, true, true} {
				s.Tries = append(s.Tries, receipt.Try{Activity: activity(i, k/3), Check: k % 3, Right: ok, At: at.Add(-time.Duration(n-i)*48*time.Hour + time.Duration(k)*time.Minute)})
			}
			s.Tries = append(s.Tries, receipt.Try{Activity: activity(i, 0), Check: 1, Right: true, At: at.Add(-time.Duration(n-i)*48*time.Hour + 9*time.Minute), Practice: true})
		case i < 3*n/4:
			s.Status = "practicing"
			s.Self = []receipt.Rating{{Level: 2, At: at.Add(-time.Duration(n-i) * 20 * time.Hour)}}
			s.Checks = receipt.Checks{Right: 1, Total: 2, Recent: []bool{false, true}}
			s.Done = []string{activity(i, 0)}
			s.Tries = []receipt.Try{
				{Activity: activity(i, 0), Check: 0, Right: false, At: at.Add(-time.Duration(n-i) * 20 * time.Hour)},
				{Activity: activity(i, 0), Check: 0, Right: true, At: at.Add(-time.Duration(n-i)*20*time.Hour + time.Minute), Practice: true},
				{Activity: activity(i, 0), Check: 1, Right: true, At: at.Add(-time.Duration(n-i)*20*time.Hour + 2*time.Minute)},
			}
		}
		if i%4 == 1 && s.Status != "not-started" {
			s.Note = []string{"The tape diagram helped.", "Hard: I mixed up the order.", "Me ayudó el video.", "Practice with cards was fun!"}[i/4%4]
		}
		r.Steps = append(r.Steps, s)
	}
	return r
}
