package browsertest

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Paper sizes in inches, for [Page.PrintPDF].
const (
	LetterWidth, LetterHeight = 8.5, 11
	A4Width, A4Height         = 8.27, 11.69
)

// PrintPDF prints the page as the browser's print dialog would on paper of
// the given size in inches (the page's own @page margins apply) and returns
// the PDF.
func (p *Page) PrintPDF(width, height float64) []byte {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	yes := true
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{
		PaperWidth: width, PaperHeight: height, PreferCSSPageSize: &yes,
	})
	if err != nil {
		p.t.Fatal(errTimeout("printing to PDF", p.Timeout, err))
	}
	return res.Data
}

// pageObject matches a PDF page object's type entry but not the page
// tree's (/Type /Pages).
var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// PDFPages counts the pages of a PDF that Chromium printed (Skia writes
// page objects uncompressed, so their /Type entries can be counted).
func PDFPages(t testing.TB, pdf []byte) int {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: starts %.20q", pdf)
	}
	n := len(pageObject.FindAll(pdf, -1))
	if n == 0 {
		t.Fatal("the PDF has no page objects that can be counted")
	}
	return n
}
