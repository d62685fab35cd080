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
	if !mayHaveCheck(body) {
		return nil
	}
	return scan(body, file, bodyLine, diags)
}

func scan(body []byte, file string, bodyLine int, diags *diag.List) []Check {
	if diags == nil {
		diags = &diag.List{}
	}
	closed := map[ast.Node]bool{}
	pc := parser.NewContext()
	pc.Set(closedKey, closed)
	doc := blockParser(true).Parse(text.NewReader(body), parser.WithContext(pc))
	lines := NewLineIndex(body, bodyLine)
	var out []Check
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		fc, ok := n.(*ast.FencedCodeBlock)
		if !ok || !IsCheck(fc, body) {
			return ast.WalkContinue, nil
		}
		line := lines.Line(fc.Info.Segment.Start)
		fence := openingFence(body, fc.Info.Segment.Start)
		if !closed[n] {
			diags.Errorf(diag.Pos{File: file, Line: line, Col: 1}, "check block is not closed").
				Hint = "end it with a line of " + fence
			return ast.WalkSkipChildren, nil
		}
		src := Source(fc, body)
		if i := fenceLike(src); i >= 0 {
			diags.Errorf(diag.Pos{File: file, Line: line + 1 + i, Col: 1}, "this fence does not close the check block opened on line %d", line).
				Hint = "close it with " + fence + ": the same character, at least as many"
			return ast.WalkSkipChildren, nil
		}
		if c, ok := Parse(src, file, line, diags); ok {
			out = append(out, c)
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// mayHaveCheck reports whether body has a run of three or more backticks
// or tildes followed, after spaces or tabs, by "check": every check fence
// opens that way, wherever it is nested. Most bodies have none, and this
// spares them the block parse.
func mayHaveCheck(body []byte) bool {
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte(Info))
		if j < 0 {
			return false
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
			return true
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

// blockParser parses blocks only: inline content does not matter here.
// With skip, paragraphs are cut short before goldmark walks their text
// (skipInline); without, it is goldmark's block parsing as it is, for
// tests.
func blockParser(skip bool) parser.Parser {
	if skip {
		return skippingParser()
	}
	return newBlockParser(false)
}

var skippingParser = sync.OnceValue(func() parser.Parser { return newBlockParser(true) })

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
