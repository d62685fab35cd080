package render

import (
	"errors"
	"html/template"
	"sync"
	ttemplate "text/template"
	"text/template/parse"
)

// layout is one kind's layouts: base.html, partials.html and the kind's
// own file, parsed together.
type layout struct {
	tm   *template.Template
	once sync.Once
}

// lean drops, from the layout's escaped templates, the escaper that
// html/template puts after every {{part ...}} printed in HTML text: part
// returns template.HTML, which that escaper returns unchanged, so the
// bytes are the same, without the reflective call and the boxing. A
// student page prints four parts a step, and text/template's calls were
// most of a long student page's time.
//
// html/template escapes a template when it is first executed; lean runs
// before the first page of the kind, executing base.html into a writer
// that refuses the first byte, which escapes it and every template it
// calls and stops there. An escaping error is kept by html/template and
// reported by the page's real execution, as before.
//
// Only that exact pipeline is changed: a part printed in an attribute, or
// piped on to another function, keeps its escaper.
func (l *layout) lean() {
	if leanOff {
		return
	}
	// The first write is refused, or an action before it fails on no
	// data: either way, escaping went through. Anything else (an
	// escaping error) leaves the layout as it is.
	var ee ttemplate.ExecError
	if err := l.tm.ExecuteTemplate(refuse{}, "base.html", nil); !errors.Is(err, errRefused) && !errors.As(err, &ee) {
		return
	}
	for _, t := range l.tm.Templates() {
		if t.Tree != nil {
			leanList(t.Tree.Root)
		}
	}
}

// leanOff keeps the escapers (tests compare both).
var leanOff bool

var errRefused = errors.New("refused")

type refuse struct{}

func (refuse) Write([]byte) (int, error) { return 0, errRefused }

func leanList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			leanAction(n.Pipe)
		case *parse.IfNode:
			leanList(n.List)
			leanList(n.ElseList)
		case *parse.RangeNode:
			leanList(n.List)
			leanList(n.ElseList)
		case *parse.WithNode:
			leanList(n.List)
			leanList(n.ElseList)
		case *parse.ListNode:
			leanList(n)
		}
	}
}

// leanAction turns {{part A B C | _html_template_htmlescaper}} into
// {{part A B C}}, and {{steps $ | ...}} into {{steps $}} (it returns
// template.HTML too).
func leanAction(p *parse.PipeNode) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[1].Args) != 1 {
		return
	}
	fn, ok := p.Cmds[0].Args[0].(*parse.IdentifierNode)
	if !ok || (fn.Ident != "part" && fn.Ident != "steps") {
		return
	}
	if esc, ok := p.Cmds[1].Args[0].(*parse.IdentifierNode); ok && esc.Ident == "_html_template_htmlescaper" {
		p.Cmds = p.Cmds[:1]
	}
}
