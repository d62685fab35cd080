package check

import (
	"bytes"
	"math"
	"slices"
	"sync"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Info is the info string that marks a fenced code block as a check.
const Info = "check"

// Scan finds the check fences of a Markdown body and parses them. bodyLine
// is the file line of the body's first line. It uses goldmark's CommonMark
// block parser, so it finds exactly the fences the renderer sees: a check
// fence shown inside another fence, an indented code block or an HTML block
// is not a check. It returns the valid checks in order; every problem goes
// to diags, which may be nil.
func Scan(body []byte, file string, bodyLine int, diags *diag.List) []Check {
	cands := candidates(body)
	if len(cands) == 0 {
		return nil
	}
	if fences, ok := topLevelFences(body, cands); ok {
		return checks(fences, body, file, bodyLine, diags)
	}
	return scan(body, file, bodyLine, diags)
}

// fence is a fenced code block found in a body: where its info string
// starts, whether a closing fence ended it, and the text inside.
type fence struct {
	info   int
	closed bool
	src    []byte
}

// scan finds the fences with goldmark's block parser.
func scan(body []byte, file string, bodyLine int, diags *diag.List) []Check {
	closed := map[ast.Node]bool{}
	pc := parser.NewContext()
	pc.Set(closedKey, closed)
	doc := blockParser().Parse(text.NewReader(body), parser.WithContext(pc))
	var fences []fence
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		fc, ok := n.(*ast.FencedCodeBlock)
		if !ok || !IsCheck(fc, body) {
			return ast.WalkContinue, nil
		}
		fences = append(fences, fence{info: fc.Info.Segment.Start, closed: closed[n], src: Source(fc, body)})
		return ast.WalkSkipChildren, nil
	})
	return checks(fences, body, file, bodyLine, diags)
}

// checks parses the check fences in order.
func checks(fences []fence, body []byte, file string, bodyLine int, diags *diag.List) []Check {
	if diags == nil {
		diags = &diag.List{}
	}
	lines := NewLineIndex(body, bodyLine)
	var out []Check
	for _, f := range fences {
		line := lines.Line(f.info)
		opening := openingFence(body, f.info)
		if !f.closed {
			diags.Errorf(diag.Pos{File: file, Line: line, Col: 1}, "check block is not closed").
				Hint = "end it with a line of " + opening
			continue
		}
		if i := fenceLike(f.src); i >= 0 {
			diags.Errorf(diag.Pos{File: file, Line: line + 1 + i, Col: 1}, "this fence does not close the check block opened on line %d", line).
				Hint = "close it with " + opening + ": the same character, at least as many"
			continue
		}
		if c, ok := Parse(f.src, file, line, diags); ok {
			out = append(out, c)
		}
	}
	return out
}

// topLevelFences finds the check fences of a body whose every check fence
// opens at the start of a line, outside any list, quote or HTML block, as
// in most bodies; ok is false for any other body, which scan then parses.
// There, no container can hold a line that starts with a fence: such a
// line is not a lazy continuation, so it closes a list or a quote, and it
// interrupts a paragraph. Only an open fence can hold it, and HTML blocks,
// which are left to scan: so is any body with a line that starts with "<",
// or with a fence after indentation (in a list, or indented code), outside
// fences. It follows CommonMark as goldmark does; FuzzScan compares the
// two.
// cands are the body's candidates (see candidates).
func topLevelFences(body []byte, cands []int) (checks []fence, ok bool) {
	if bytes.ContainsAny(body, "\r\f\v\x00") {
		return nil, false // line ends and spaces that goldmark reads its own way
	}
	type block struct {
		fence
		check          bool
		content, close int // the text inside is body[content:close]
	}
	var (
		blocks []block
		open   *block
		char   byte
		length int
	)
	for start := 0; start < len(body); {
		end, next := len(body), len(body)
		if i := bytes.IndexByte(body[start:], '\n'); i >= 0 {
			end, next = start+i, start+i+1
		}
		line := body[start:end]
		if open != nil {
			if closes(line, char, length) {
				open.closed, open.close, open = true, start, nil
			}
			start = next
			continue
		}
		trimmed := bytes.TrimLeft(line, " \t")
		indent := len(line) - len(trimmed)
		switch {
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			if indent > 0 {
				return nil, false
			}
			c := line[0]
			n := 0
			for n < len(line) && line[n] == c {
				n++
			}
			rest := bytes.TrimLeft(line[n:], " \t")
			info := bytes.TrimRight(rest, " \t")
			if c == '`' && bytes.IndexByte(info, '`') >= 0 {
				break // not a fence: paragraph text
			}
			lang, _, _ := bytes.Cut(info, []byte(" "))
			blocks = append(blocks, block{fence: fence{info: end - len(rest)}, check: string(lang) == Info, content: next, close: len(body)})
			open, char, length = &blocks[len(blocks)-1], c, n
		case indent <= 3 && len(trimmed) > 0 && trimmed[0] == '<':
			return nil, false
		}
		start = next
	}
	// Every candidate must open one of these or be inside one; one
	// elsewhere (a list item, a quote) is left to scan.
	i := 0
	for _, at := range cands {
		for i < len(blocks) && blocks[i].close < at {
			i++
		}
		if i == len(blocks) {
			return nil, false
		}
		b := blocks[i]
		inside := at >= b.content && at < b.close
		if !inside && !(b.check && at == b.info) {
			return nil, false
		}
	}
	for _, b := range blocks {
		if b.check {
			b.src = body[b.content:b.close]
			checks = append(checks, b.fence)
		}
	}
	return checks, true
}

// closes reports whether line closes a fence opened with length times
// char: up to three spaces, at least length of char, then only spaces or
// tabs.
func closes(line []byte, char byte, length int) bool {
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i > 3 {
		return false
	}
	n := 0
	for i < len(line) && line[i] == char {
		i, n = i+1, n+1
	}
	return n >= length && len(bytes.Trim(line[i:], " \t")) == 0
}

// candidates returns the offset of each "check" in body that follows a
// run of three or more backticks or tildes and optional spaces or tabs:
// every check fence opens that way, wherever it is nested. Most bodies
// have none, and that spares them any parse.
func candidates(body []byte) []int {
	var out []int
	for at := candidate(body, 0); at >= 0; at = candidate(body, at+len(Info)) {
		out = append(out, at)
	}
	return out
}

// candidate returns the offset of the first "check" at or after from
// that follows a run of three or more backticks or tildes and optional
// spaces or tabs, or -1.
func candidate(body []byte, from int) int {
	for i := from; ; {
		j := bytes.Index(body[i:], []byte(Info))
		if j < 0 {
			return -1
		}
		k := i + j
		for k > 0 && (body[k-1] == ' ' || body[k-1] == '\t') {
			k--
		}
		n := 0
		for k > 0 && (body[k-1] == '`' || body[k-1] == '~') && (n == 0 || body[k-1] == body[k]) {
			k--
			n++
		}
		if n >= 3 {
			return i + j
		}
		i += j + len(Info)
	}
}

// IsCheck reports whether fc is a check fence.
func IsCheck(fc *ast.FencedCodeBlock, source []byte) bool {
	return fc.Info != nil && string(fc.Language(source)) == Info
}

// Source returns the text inside a fenced code block.
func Source(fc *ast.FencedCodeBlock, body []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < fc.Lines().Len(); i++ {
		seg := fc.Lines().At(i)
		b.Write(seg.Value(body))
	}
	return b.Bytes()
}

// openingFence returns the run of ` or ~ before the info string.
func openingFence(body []byte, info int) string {
	i := info
	for i > 0 && (body[i-1] == ' ' || body[i-1] == '\t') {
		i--
	}
	j := i
	for j > 0 && (body[j-1] == '`' || body[j-1] == '~') && body[j-1] == body[i-1] {
		j--
	}
	return string(body[j:i])
}

// fenceLike returns the index of the first line of src that looks like a
// fence, or -1. Such a line inside a check is a closing fence that did not
// match the opening one.
func fenceLike(src []byte) int {
	for i, l := range bytes.Split(src, []byte("\n")) {
		l = bytes.TrimLeft(l, " \t")
		if bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~")) {
			return i
		}
	}
	return -1
}

var closedKey = parser.NewContextKey()

// blockParser parses blocks only: inline content does not matter here,
// so paragraphs are cut short before goldmark walks their text
// (skipInline).
var blockParser = sync.OnceValue(func() parser.Parser { return newBlockParser(true) })

// newBlockParser is goldmark's block parser with closed fences recorded,
// and with skip, paragraphs cut short; without, tests compare with it.
func newBlockParser(skip bool) parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, v := range blocks {
		if bp, ok := v.Value.(parser.BlockParser); ok && v.Priority == 700 {
			blocks[i] = util.Prioritized(fenceParser{bp}, v.Priority)
		}
	}
	pts := parser.DefaultParagraphTransformers()
	if skip {
		pts = append(pts, util.Prioritized(skipInline{}, math.MaxInt)) // last: goldmark runs lower values first
	}
	return parser.NewParser(parser.WithBlockParsers(blocks...), parser.WithParagraphTransformers(pts...))
}

// skipInline cuts each closed paragraph down to its first byte. goldmark
// walks the text of every paragraph for inline content after the blocks
// are parsed, even with no inline parsers, and that was most of a scan's
// time. The paragraph stays in the tree, so container blocks see the same
// children and the blocks come out the same.
type skipInline struct{}

func (skipInline) Transform(p *ast.Paragraph, _ text.Reader, _ parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	first := lines.At(0)
	if first.Len() == 0 {
		return
	}
	p.SetLines(text.NewSegments())
	p.Lines().Append(first.WithStop(first.Start + 1))
}

// fenceParser is goldmark's fenced code block parser that also records
// which fences were closed by a closing fence, rather than by the end of
// their container.
type fenceParser struct{ parser.BlockParser }

func (f fenceParser) Continue(n ast.Node, r text.Reader, pc parser.Context) parser.State {
	s := f.BlockParser.Continue(n, r, pc)
	if s&parser.Close != 0 {
		if m, ok := pc.Get(closedKey).(map[ast.Node]bool); ok {
			m[n] = true
		}
	}
	return s
}

// LineIndex turns byte offsets of a body into file lines.
type LineIndex struct {
	starts []int
	first  int
}

// NewLineIndex indexes body, whose first line is file line first.
func NewLineIndex(body []byte, first int) LineIndex {
	starts := []int{0}
	for i, b := range body {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return LineIndex{starts, first}
}

// Line returns the file line of byte offset off.
func (l LineIndex) Line(off int) int {
	i, found := slices.BinarySearch(l.starts, off)
	if !found {
		i--
	}
	return l.first + i
}
