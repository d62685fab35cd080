package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// pacer is the extender for Pacer's additions: an AST transformer that
// turns check fences into check nodes and runs links and images through
// the caller's hook, and a renderer for check nodes.
type pacer struct{ unsafe bool }

func (e pacer) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer(e), 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checkRenderer{}, 500)))
}

type transformer pacer

func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	body := reader.Source()
	// Collect first, act after: a body that turns out to need linkify is
	// parsed again, and nothing may be reported or changed twice.
	var todo []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if st.holdsLinkable(n.Segment.Start, n.Segment.Stop) {
				st.needLinkify = true
				return ast.WalkStop, nil
			}
		case *ast.FencedCodeBlock:
			todo = append(todo, n)
			return ast.WalkSkipChildren, nil
		case *ast.Image, *ast.Link, *ast.HTMLBlock, *ast.RawHTML, *east.TableCell:
			todo = append(todo, n)
		}
		return ast.WalkContinue, nil
	})
	if st.needLinkify {
		return
	}
	var fences, comments, dangerous []ast.Node
	for _, n := range todo {
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if check.IsCheck(n, body) {
				fences = append(fences, n)
			}
		case *ast.Image:
			st.image(n)
			if !t.unsafe && st.dangerous(n, n.Destination, true) {
				dangerous = append(dangerous, n)
			}
		case *ast.Link:
			n.Destination = st.link(n, n.Destination, false)
			if !t.unsafe {
				st.dangerous(n, n.Destination, false)
			}
		case *ast.HTMLBlock:
			if n.HTMLBlockType == ast.HTMLBlockType2 {
				comments = append(comments, n)
			} else if !t.unsafe && n.Lines().Len() > 0 {
				st.rawHTML(n.Lines().At(0).Start)
			}
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				break
			}
			seg := n.Segments.At(0)
			if strings.HasPrefix(string(seg.Value(body)), "<!--") {
				comments = append(comments, n)
			} else if !t.unsafe {
				st.rawHTML(seg.Start)
			}
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		}
	}
	known := st.ctx.Checks
	if len(known) != len(fences) {
		known = nil // some fence is not a valid check: parse each again
	}
	for i, n := range fences {
		st.check(n.(*ast.FencedCodeBlock), known, i)
	}
	for _, n := range dangerous {
		// An <img src=""> is invalid HTML: show the alt text instead.
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString([]byte(plainText(n, body))))
	}
	if t.unsafe {
		for _, n := range comments {
			if p := n.Parent(); p != nil {
				p.RemoveChild(p, n)
			}
		}
	}
}

func (st *state) check(fc *ast.FencedCodeBlock, known []check.Check, i int) {
	var c check.Check
	if known != nil {
		c = known[i]
	} else {
		var ok bool
		line := st.pos(fc.Info.Segment.Start).Line
		if c, ok = check.Parse(check.Source(fc, st.body), st.ctx.File, line, nil); !ok {
			return // check.Scan reports it; the fence stays a code block
		}
	}
	st.checks++
	n := &checkNode{check: c, n: st.checks, id: checkID(st.ctx.IDPrefix, st.checks), activity: st.ctx.Activity, strings: st.strings}
	fc.Parent().ReplaceChild(fc.Parent(), fc, n)
}

func (st *state) image(n *ast.Image) {
	n.SetAttributeString("loading", []byte("lazy"))
	n.Destination = st.link(n, n.Destination, true)
	if strings.TrimSpace(plainText(n, st.body)) == "" {
		st.warn(st.start(n, true), false, "image without alt text",
			"describe what the image shows between the brackets, like ![a bar model of 2:3](bars.png)")
	}
}

// dangerous warns about a destination goldmark drops in safe mode.
func (st *state) dangerous(n ast.Node, dest []byte, image bool) bool {
	if plainScheme(dest) || !html.IsDangerousURL(util.URLEscape(dest, true)) {
		return false
	}
	what := "link"
	if image {
		what = "image"
	}
	st.warn(st.start(n, image), false, fmt.Sprintf("%s %q is left out: its URL could run code", what, truncate(string(dest), 40)),
		"link to an http(s) page or a file in the course")
	return true
}

// plainScheme reports, without escaping dest, that it cannot be one of
// the schemes goldmark drops (javascript:, vbscript:, file:, data:): it
// has no colon, or it starts with http: or https:. Most destinations are
// one of these.
func plainScheme(dest []byte) bool {
	i := bytes.IndexByte(dest, ':')
	if i < 0 {
		return true
	}
	s := string(dest[:i])
	return strings.EqualFold(s, "http") || strings.EqualFold(s, "https")
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (st *state) rawHTML(off int) {
	st.warn(off, true, "raw HTML is left out of the page",
		"write it in Markdown, or set `markdown: {unsafe: true}` in site.yaml if every author is trusted")
}

// link runs a relative destination through the caller's hook.
func (st *state) link(n ast.Node, dest []byte, image bool) []byte {
	if st.ctx.Link == nil || !relative(string(dest)) {
		return dest
	}
	return []byte(st.ctx.Link(Link{Dest: string(dest), Image: image, Pos: st.pos(st.start(n, image))}))
}

// start returns the offset of the "[" or "![" that opened a link or image.
func (st *state) start(n ast.Node, image bool) int {
	back := 1
	if image {
		back = 2
	}
	if t, ok := n.FirstChild().(*ast.Text); ok {
		return max(0, t.Segment.Start-back)
	}
	if off, ok := st.linkPos[n]; ok {
		return max(0, off-back)
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(source))
			case *ast.String:
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// posLinkParser is goldmark's link parser recording, for each link and
// image, the offset of the "]" that closed it: inline nodes keep no
// position, and an image without alt text has no text to take one from.
type posLinkParser struct{ parser.InlineParser }

func (p posLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n := p.InlineParser.Parse(parent, block, pc)
	if n != nil && len(line) > 0 && line[0] == ']' {
		if st := stateOf(pc); st != nil {
			st.linkPos[n] = seg.Start
		}
	}
	return n
}

func (p posLinkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := p.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// ids generates heading ids that keep non-ASCII letters ("qué-es-una-razón"
// rather than goldmark's "qu-es-una-razn") and never contain "_", so they
// cannot collide with check ids.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case (unicode.IsSpace(r) || r == '-' || r == '_') && b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.TrimRight(b.String(), "-")
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
