package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
	"github.com/pacer-edu/pacer/engine/links"
)

// A class of 30 prints its link cards on at most 5 sheets of Letter or A4
// (six or more cards a page), and every QR code prints at least 25 mm
// wide, which a phone's camera reads at arm's length.
func TestLinkCardsPrintSixToAPage(t *testing.T) {
	const students = 30
	r := &links.Roster{Title: "Grade 6 Math", Language: "en"}
	for i := range students {
		s := links.Student{
			ID:      fmt.Sprintf("s%02d", i),
			Name:    fmt.Sprintf("Student %02d Longfamilyname-Doublebarrelled", i),
			Group:   "Period 2 — Ratios and Rates",
			Link:    fmt.Sprintf("https://school.example/districts/north/math/grade-6/s/%020d/", i),
			GroupID: "period-2",
		}
		if i%3 == 0 {
			s.Language = "es" // the longer Spanish instructions must fit too
		}
		r.Students = append(r.Students, s)
	}
	_, cards, err := links.Write(filepath.Join(t.TempDir(), "links"), r)
	if err != nil {
		t.Fatal(err)
	}
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.FileURL(t, cards))
	p.ByRole("heading", "Student links: Grade 6 Math").Wait()

	for _, paper := range []struct {
		name          string
		width, height float64
	}{{"Letter", browsertest.LetterWidth, browsertest.LetterHeight}, {"A4", browsertest.A4Width, browsertest.A4Height}} {
		pages := browsertest.PDFPages(t, p.PrintPDF(paper.width, paper.height))
		if max := (students + 5) / 6; pages > max {
			t.Errorf("on %s, %d cards print on %d pages, want at most %d (six a page)", paper.name, students, pages, max)
		}
	}

	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("emulating print: %v", err)
	}
	const minQR = 25 / 25.4 * 96 // 25 mm in CSS px
	widths := browsertest.Eval[[]float64](p, `[...document.querySelectorAll("article.card svg")].map(s => s.getBoundingClientRect().width)`)
	if len(widths) != students {
		t.Fatalf("%d QR codes in print, want %d", len(widths), students)
	}
	for i, w := range widths {
		if w < minQR {
			t.Errorf("card %d's QR code prints %.1f mm wide, want at least 25 mm", i, w/96*25.4)
		}
	}
	p.AssertClean(t)
}
