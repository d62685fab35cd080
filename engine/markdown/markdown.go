// Package markdown owns Pacer's Markdown: goldmark set up for teachers
// (GFM tables, strikethrough, autolinks, heading ids) plus Pacer's
// extensions as goldmark extenders: check fences become accessible quick
// checks, links and images go through the caller's hook, and images
// without alt text or raw HTML that will be left out become warnings with
// file lines. It also renders an activity's media (media.go).
//
// It turns one body into HTML; it does not know about pages, themes or
// sites, and it parses checks only through package check.
package markdown

import (
	"bytes"
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Renderer for a whole build.
type Options struct {
	// Unsafe lets raw HTML through (site.yaml markdown.unsafe). Off, raw
	// HTML is left out of the page (a warning says so) and dangerous link
	// schemes such as javascript: are dropped. HTML comments are dropped
	// either way: teachers' notes must not reach public/.
	Unsafe bool
	// Typographer turns straight quotes and dashes into typographic ones.
	Typographer bool
	// Strings are the theme's UI strings of the site's language.
	Strings Strings
}

// Context is what rendering one body needs.
type Context struct {
	// File is the source path used in diagnostics.
	File string
	// BodyLine is the file line of the body's first line.
	BodyLine int
	// IDPrefix starts every element id the extensions write, so several
	// bodies can share a page. Check ids are IDPrefix + "check_N".
	IDPrefix string
	// Activity, when set, is written on each check as data-activity: for
	// a body shown on a page that is not its activity's own.
	Activity string
	// Checks are the body's checks from check.Scan, if the caller has them:
	// when there is one per check fence they are used as they are, else
	// each fence is parsed again.
	Checks []check.Check
	// Strings override the Renderer's strings for this body when non-nil.
	Strings Strings
	// Link rewrites the destination of a relative link or image (for
	// example a link to another content file). It may report problems
	// itself. nil leaves destinations as written.
	Link func(Link) string
	// Diags receives warnings: images without alt text, raw HTML left out.
	// nil drops them.
	Diags *diag.List
}

// Link is a relative link or image destination as written in a body.
type Link struct {
	Dest  string
	Image bool
	Pos   diag.Pos
}

// Renderer renders bodies. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// plain is md without linkify, for bodies in which no text can become
	// a link (see parse); nil when that cannot be told (typographer on).
	plain goldmark.Markdown
	opts  Options
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	r := &Renderer{md: newMarkdown(opts, true), opts: opts}
	if !opts.Typographer {
		// The typographer can turn part of a linkable text into a
		// non-text node ("www..." into an ellipsis), which would hide it
		// from the check that decides whether linkify is needed.
		r.plain = newMarkdown(opts, false)
	}
	return r
}

func newMarkdown(opts Options, linkify bool) goldmark.Markdown {
	exts := []goldmark.Extender{
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
	}
	if linkify {
		exts = append(exts, extension.Linkify)
	}
	exts = append(exts, pacer{unsafe: opts.Unsafe})
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []goldmark.Option{}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
}

// newParser is goldmark's default parser with the link parser wrapped so
// links and images keep the offset where they were written.
func newParser() parser.Parser {
	inlines := parser.DefaultInlineParsers()
	for i, v := range inlines {
		if v.Priority == 200 { // LinkParser
			inlines[i] = util.Prioritized(posLinkParser{v.Value.(parser.InlineParser)}, v.Priority)
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// Render turns body into HTML.
func (r *Renderer) Render(body []byte, ctx Context) ([]byte, error) {
	doc := r.parse(body, ctx)
	var b bytes.Buffer
	b.Grow(len(body) * 3 / 2)
	if err := r.md.Renderer().Render(&b, body, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Lint reports to ctx.Diags what Render would warn about, without
// rendering (for `pacer check`).
func (r *Renderer) Lint(body []byte, ctx Context) {
	r.parse(body, ctx)
}

// parse parses body and runs Pacer's transformer on it.
//
// Linkify (bare URLs, www. addresses and email addresses becoming links)
// is most of goldmark's inline parsing time: it is tried at every space.
// It can only make a link where a text node holds "://", "www." or "@",
// so a body is parsed without it first, and parsed again with it only
// when some text node holds one of those (the transformer checks before
// it changes anything or reports anything). Link destinations, code and
// HTML are not text, so most bodies need one parse. The output is the
// same either way, but for whitespace linkify leaves at some line ends
// (TestLinkifyOnlyWhenNeededRendersTheSame, FuzzLinkifyOnlyWhenNeeded).
func (r *Renderer) parse(body []byte, ctx Context) ast.Node {
	if r.plain != nil {
		if doc, ok := r.parsePlain(body, ctx); ok {
			return doc
		}
	}
	return parseWith(r.md, body, r.newState(body, ctx))
}

// parsePlain parses body without linkify; false if it needs linkify.
func (r *Renderer) parsePlain(body []byte, ctx Context) (ast.Node, bool) {
	st := r.newState(body, ctx)
	st.linkable = linkable(body)
	doc := parseWith(r.plain, body, st)
	return doc, !st.needLinkify
}

func (r *Renderer) newState(body []byte, ctx Context) *state {
	s := ctx.Strings
	if s == nil {
		s = r.opts.Strings
	}
	return &state{ctx: ctx, strings: s, body: body, linkPos: map[ast.Node]int{}}
}

func parseWith(md goldmark.Markdown, body []byte, st *state) ast.Node {
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	return md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
}

// linkable returns, in order, where b holds something linkify could turn
// into a link: the "://" of an http, https or ftp URL, the "www." of an
// address, or the "@" of an email address.
func linkable(b []byte) []span {
	var out []span
	for _, p := range [...]string{"://", "www.", "@"} {
		for i := 0; ; {
			j := bytes.Index(b[i:], []byte(p))
			if j < 0 {
				break
			}
			out = append(out, span{i + j, i + j + len(p)})
			i += j + 1
		}
	}
	slices.SortFunc(out, func(x, y span) int { return cmp.Compare(x.start, y.start) })
	return out
}

// span is a range of byte offsets, [start, end).
type span struct{ start, end int }

// holdsLinkable reports whether a text at [start, stop) of the body holds
// one of the linkable spans.
func (st *state) holdsLinkable(start, stop int) bool {
	l := st.linkable
	i, _ := slices.BinarySearchFunc(l, start, func(s span, off int) int { return cmp.Compare(s.start, off) })
	for ; i < len(l) && l[i].start < stop; i++ {
		if l[i].end <= stop {
			return true
		}
	}
	return false
}

var stateKey = parser.NewContextKey()

// state is one render's context, kept in goldmark's parser context.
type state struct {
	ctx     Context
	strings Strings
	body    []byte
	lines   *check.LineIndex
	// linkPos holds the offset of the "]" that closed each link and image.
	linkPos map[ast.Node]int
	checks  int
	warned  map[string]bool
	// linkable is set when the body is parsed without linkify: where it
	// could make links. The transformer looks for text holding one first
	// and, finding some, sets needLinkify and leaves the tree alone.
	linkable    []span
	needLinkify bool
}

func stateOf(pc parser.Context) *state {
	st, _ := pc.Get(stateKey).(*state)
	return st
}

// pos returns the file position of byte offset off of the body.
func (st *state) pos(off int) diag.Pos {
	if st.lines == nil {
		l := check.NewLineIndex(st.body, st.ctx.BodyLine)
		st.lines = &l
	}
	line := st.lines.Line(off)
	start := off
	for start > 0 && st.body[start-1] != '\n' {
		start--
	}
	return diag.Pos{File: st.ctx.File, Line: line, Col: len([]rune(string(st.body[start:off]))) + 1}
}

// warn records a warning. once keeps one per line and message (a raw
// HTML element is an opening and a closing tag).
func (st *state) warn(off int, once bool, msg, hint string) {
	if st.ctx.Diags == nil {
		return
	}
	p := st.pos(off)
	if once {
		key := strconv.Itoa(p.Line) + msg
		if st.warned[key] {
			return
		}
		if st.warned == nil {
			st.warned = map[string]bool{}
		}
		st.warned[key] = true
	}
	st.ctx.Diags.Warnf(p, "%s", msg).Hint = hint
}

// relative reports whether dest is a relative reference worth handing to
// the link hook: not a URL with a scheme or host, not a bare fragment.
func relative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == ""
}
