package diag

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestSuggestFindsTyposOnly(t *testing.T) {
	known := []string{"ratio-language", "unit-rate", "equivalent-ratios"}
	for _, tc := range []struct{ word, want string }{
		{"ratio-langauge", "ratio-language"}, // swapped letters count once
		{"unit-rates", "unit-rate"},
		{"unitrate", "unit-rate"},
		{"percent", ""},
		{"", ""},
	} {
		if got := Suggest(tc.word, known); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := DidYouMean("titel", []string{"title", "can"}); got != `did you mean "title"?` {
		t.Errorf("DidYouMean = %q", got)
	}
}

func TestItemsAreSortedByFileLineColumn(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "b2")
	l.Warnf(Pos{File: "a.md", Line: 10, Col: 3}, "a10")
	l.Errorf(Pos{File: "a.md", Line: 9, Col: 7}, "a9").Hint = "fix it"
	var b strings.Builder
	l.Print(&b)
	want := "a.md:9:7: a9\n\thint: fix it\na.md:10:3: warning: a10\nb.md:2:1: b2\n"
	if b.String() != want {
		t.Errorf("Print =\n%s\nwant\n%s", b.String(), want)
	}
	if l.Errors() != 2 || l.Len() != 3 || !l.HasErrors() {
		t.Errorf("counts: %d errors of %d", l.Errors(), l.Len())
	}
}

func TestListIsSafeForConcurrentUse(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				l.Errorf(Pos{File: "x", Line: j}, "e").Hint = "h"
			}
		}()
	}
	wg.Wait()
	if l.Len() != 800 {
		t.Fatalf("Len = %d", l.Len())
	}
}

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "a"}, "a"},
		{Pos{File: "a", Line: 3}, "a:3"},
		{Pos{File: "a", Line: 3, Col: 4}, "a:3:4"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestPrintShowsTenWarningsOfAKindAndCountsTheRest(t *testing.T) {
	var l List
	for i := range 12 {
		l.Add(Diagnostic{Pos: Pos{File: "g.yaml", Line: 2, Col: 1}, Severity: Warning, Kind: "plans that do not fit", Message: fmt.Sprintf("plan %02d", i)})
	}
	for i := range 11 {
		l.Warnf(Pos{File: "a.md", Line: i + 1}, "no kind %d", i) // no kind: each is its own
	}
	l.Errorf(Pos{File: "z.md", Line: 1}, "broken")
	var b strings.Builder
	l.Print(&b)
	out := b.String()
	if n := strings.Count(out, ": warning: plan "); n != 10 {
		t.Errorf("%d warnings of the kind printed, want 10:\n%s", n, out)
	}
	if n := strings.Count(out, ": warning: no kind "); n != 11 {
		t.Errorf("%d warnings without a kind printed, want all 11", n)
	}
	if !strings.Contains(out, "z.md:1: broken\n") || !strings.HasSuffix(out, "warning: 2 more plans that do not fit (12 in all; 10 shown above)\n") {
		t.Errorf("output:\n%s", out)
	}

	b.Reset()
	l.PrintErrors(&b)
	if b.String() != "z.md:1: broken\n" || l.Counts() != "1 error, 23 warnings" {
		t.Errorf("errors only: %q; counts %q", b.String(), l.Counts())
	}
	var empty List
	if empty.Counts() != "" {
		t.Errorf("counts of nothing = %q", empty.Counts())
	}
}
