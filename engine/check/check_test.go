package check

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txt")

const (
	caseSep = "//- - - - - - - - -//\n"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//\n"
)

// testCase is one section of a case file: a Markdown body, and the
// diagnostics and checks Scan gives for it (file a.md, body on line 1).
type testCase struct {
	name, input, want string
}

func readCases(t testing.TB, path string) []testCase {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []testCase
	for _, sec := range strings.Split(string(src), caseEnd) {
		sec = strings.TrimLeft(sec, "\n")
		if strings.TrimSpace(sec) == "" {
			continue
		}
		parts := strings.Split(sec, caseSep)
		if len(parts) != 3 {
			t.Fatalf("%s: case %q: want name, input and output separated by %q", path, firstLine(sec), strings.TrimSpace(caseSep))
		}
		out = append(out, testCase{strings.TrimSpace(parts[0]), parts[1], parts[2]})
	}
	return out
}

func writeCases(t *testing.T, path string, cases []testCase) {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(c.name + "\n" + caseSep + c.input + caseSep + c.want + caseEnd)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// scanResult prints what Scan found the way the case files hold it.
func scanResult(input string) string {
	var l diag.List
	checks := Scan([]byte(input), "a.md", 1, &l)
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.String() + "\n")
	}
	for _, c := range checks {
		fmt.Fprintf(&b, "check %s %s\n", c.Pos, c.Kind())
		fmt.Fprintf(&b, "\tq: %q\n", c.Q)
		if c.Choices != nil {
			fmt.Fprintf(&b, "\tchoices: %q\n", c.Choices)
			fmt.Fprintf(&b, "\tanswer: %v\n", c.Answer)
		}
		if c.Accept != nil {
			fmt.Fprintf(&b, "\taccept: %q\n", c.Accept)
		}
		if c.Explain != "" {
			fmt.Fprintf(&b, "\texplain: %q\n", c.Explain)
		}
	}
	return b.String()
}

func TestCaseFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	for _, path := range files {
		cases := readCases(t, path)
		for i, c := range cases {
			got := scanResult(c.input)
			if *update {
				cases[i].want = got
				continue
			}
			t.Run(filepath.Base(path)+"/"+c.name, func(t *testing.T) {
				if got != c.want {
					t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", c.input, got, c.want)
				}
			})
		}
		if *update {
			writeCases(t, path, cases)
		}
	}
}

func TestScanCountsLinesFromTheTopOfTheFile(t *testing.T) {
	body := "Intro.\n\n```check\nq: Two plus two?\nanswer: five\nchoices: [3, 4]\n```\n"
	var l diag.List
	Scan([]byte(body), "content/activities/a.md", 6, &l)
	items := l.Items()
	if len(items) != 1 {
		t.Fatalf("got %v", items)
	}
	want := "content/activities/a.md:10:9: answer must be the number of a choice, not \"five\""
	if got := items[0].Pos.String() + ": " + items[0].Message; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestParseSetsFencePosition(t *testing.T) {
	c, ok := Parse([]byte("q: x?\nanswer: 1/2\n"), "a.md", 12, nil)
	if !ok || c.Pos != (diag.Pos{File: "a.md", Line: 12, Col: 1}) || c.Kind() != Short {
		t.Errorf("got %+v, %v", c, ok)
	}
}

func TestParseHintsTheChoiceNumberWhenAnswerIsItsText(t *testing.T) {
	var l diag.List
	Parse([]byte("q: x?\nchoices: [\"2:3\", \"3:2\"]\nanswer: \"3:2\"\n"), "a.md", 1, &l)
	items := l.Items()
	if len(items) != 1 || items[0].Hint != "did you mean `answer: 2`? answers count choices from 1" {
		t.Errorf("got %v", items)
	}
}

func TestListAnswerWithOneChoiceIsMultiple(t *testing.T) {
	c, ok := Parse([]byte("q: Which are even?\nchoices: [1, 2, 3]\nanswer: [2]\n"), "a.md", 1, nil)
	if !ok || c.Kind() != Multiple {
		t.Errorf("kind %s, ok %v", c.Kind(), ok)
	}
}

func seeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, path := range files {
		for _, c := range readCases(f, path) {
			f.Add([]byte(c.input))
		}
	}
}

func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		// Seeds are whole bodies; strip a leading fence so the YAML is seen too.
		if _, rest, ok := bytes.Cut(src, []byte("```check\n")); ok {
			src = rest
		}
		var l diag.List
		c, ok := Parse(src, "a.md", 3, &l)
		if ok != !l.HasErrors() {
			t.Fatalf("ok = %v with diagnostics %v", ok, l.Items())
		}
		if !ok {
			return
		}
		switch c.Kind() {
		case Short:
			if len(c.Accept) == 0 || c.Answer != nil {
				t.Fatalf("short check without accepted answers: %+v", c)
			}
		default:
			if len(c.Choices) < 2 || len(c.Answer) == 0 || c.Accept != nil {
				t.Fatalf("bad choice check %+v", c)
			}
			for _, a := range c.Answer {
				if a < 1 || a > len(c.Choices) {
					t.Fatalf("answer %d out of range in %+v", a, c)
				}
			}
		}
		if c.Q == "" {
			t.Fatalf("valid check without question: %+v", c)
		}
	})
}

func FuzzScan(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		const first = 7
		last := first + bytes.Count(body, []byte("\n"))
		var l diag.List
		for _, c := range Scan(body, "a.md", first, &l) {
			if c.Pos.Line < first || c.Pos.Line > last {
				t.Fatalf("check at line %d outside body lines %d-%d", c.Pos.Line, first, last)
			}
		}
		for _, d := range l.Items() {
			if d.Pos.Line < first || d.Pos.Line > last {
				t.Fatalf("%v outside body lines %d-%d", d, first, last)
			}
		}
		// The line scan, where it answers, must find what goldmark finds.
		if _, differ := lineScan(body, first); differ != "" {
			t.Fatal(differ)
		}
		// Cutting paragraphs short must leave the blocks as they were.
		if got, want := blockShape(blockParser(), body), blockShape(newBlockParser(false), body); got != want {
			t.Fatalf("blocks differ when paragraphs are cut short:\n%s\nwant\n%s", got, want)
		}
		// The quick test may only skip bodies the parser finds nothing in.
		if len(candidates(body)) == 0 {
			var all diag.List
			if got := scan(body, "a.md", first, &all); len(got) > 0 || all.Len() > 0 {
				t.Fatalf("no candidates, but the parser found %v, %v", got, all.Items())
			}
		}
	})
}

// blockShape lists body's blocks as p parses them: kind and depth, and
// for fenced code the info offset and the lines.
func blockShape(p parser.Parser, body []byte) string {
	var b strings.Builder
	depth := 0
	doc := p.Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		fmt.Fprintf(&b, "%d %s", depth, n.Kind())
		if fc, ok := n.(*ast.FencedCodeBlock); ok {
			if fc.Info != nil {
				fmt.Fprintf(&b, " info@%d", fc.Info.Segment.Start)
			}
			fmt.Fprintf(&b, " %q", Source(fc, body))
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}

func TestCuttingParagraphsLeavesTheBlocks(t *testing.T) {
	for _, body := range []string{
		"- para\n  more\n\n\n  ```check\n  q: x\n  ```\n",
		"para\n===\n\n> quote\nlazy\n```check\nq\n```\n",
		"1. a\n\n   b\n2. ```\n   x\n   ```\n",
		"[ref]: /x\n\ntext\n    code\n",
	} {
		got, want := blockShape(blockParser(), []byte(body)), blockShape(newBlockParser(false), []byte(body))
		if got != want {
			t.Errorf("%q:\n%s\nwant\n%s", body, got, want)
		}
		if !strings.Contains(want, "Paragraph") {
			t.Errorf("%q has no paragraph: the test shows nothing", body)
		}
	}
}

func TestLineScanTakesPlainBodiesOnly(t *testing.T) {
	const q = "q: Ratio?\nanswer: 2:3\n"
	for body, want := range map[string]bool{
		"Intro\n\n```check\n" + q + "```\n":                              true,
		"- a list\n- more\n\n```go\ncode\n```\n~~~~check\n" + q + "~~~~": true,
		"````md\n```check\n" + q + "```\n````\n":                         true, // an example inside a fence
		"```check\n" + q:                                                 true, // not closed: an error, from either
		"text\n```check\n" + q + "  ```  \n":                             true,
		"- item\n  ```check\n  " + q + "  ```\n":                         false, // in a list item
		"> ```check\n> " + q + "> ```\n":                                 false, // in a quote
		"<div>\n\n```check\n" + q + "```\n</div>\n":                      false, // HTML around it
		"    ```check\n":                                                 false, // indented code
		"```check\r\n" + q + "```\r\n":                                   false, // CRLF: left to goldmark
	} {
		ok, differ := lineScan([]byte(body), 1)
		if ok != want {
			t.Errorf("%q: line scan answered = %v, want %v", body, ok, want)
		}
		if differ != "" {
			t.Errorf("%q: %s", body, differ)
		}
	}
}

// lineScan reports whether the line scan answers for body and, if it does
// and finds other checks or problems than goldmark, how they differ.
func lineScan(body []byte, first int) (answered bool, differ string) {
	fences, ok := topLevelFences(body, candidates(body))
	if !ok {
		return false, ""
	}
	var quick, full diag.List
	got, want := checks(fences, body, "a.md", first, &quick), scan(body, "a.md", first, &full)
	if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(quick.Items()) != fmt.Sprint(full.Items()) {
		return true, fmt.Sprintf("line scan found %v, %v\ngoldmark %v, %v", got, quick.Items(), want, full.Items())
	}
	return true, ""
}

func TestCandidates(t *testing.T) {
	for body, want := range map[string]bool{
		"```check\n":            true,
		"~~~~ check x\n":        true,
		"> - ```\tcheck\n":      true,
		"check the `code` here": false,
		"``check":               false,
		"`~~check":              false,
		"~~~`check":             false,
		"":                      false,
	} {
		if got := len(candidates([]byte(body))) > 0; got != want {
			t.Errorf("candidates in %q: %v, want %v", body, got, want)
		}
	}
}

func TestScanFindsACheckClosedAtTheEndOfTheFile(t *testing.T) {
	var l diag.List
	checks := Scan([]byte("```check\nq: End of file\nanswer: 1\n```"), "a.md", 1, &l)
	if len(checks) != 1 || l.Len() != 0 {
		t.Errorf("got %v, %v", checks, l.Items())
	}
}

func BenchmarkScan(b *testing.B) {
	body := []byte(strings.Repeat("## Step\n\nSome *text* with a [link](other.md).\n\n", 5) +
		"```check\nq: A recipe uses 2 cups of mango for every 3 cups of yogurt. Ratio?\nchoices: [\"2:3\", \"3:2\", \"2:5\"]\nanswer: 2\nexplain: Yogurt first.\n```\n")
	b.ReportAllocs()
	for b.Loop() {
		Scan(body, "a.md", 8, nil)
	}
}
