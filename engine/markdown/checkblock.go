package markdown

import (
	"encoding/json"
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindCheck is the kind of the node a check fence becomes.
var KindCheck = ast.NewNodeKind("PacerCheck")

type checkNode struct {
	ast.BaseBlock
	check    check.Check
	n        int
	id       string
	activity string
	strings  Strings
}

func (n *checkNode) Kind() ast.NodeKind { return KindCheck }

func (n *checkNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id, "Q": n.check.Q}, nil)
}

type checkRenderer struct{}

func (checkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCheck, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*checkNode)
			_, _ = w.WriteString(checkHTML(n.check, n.n, n.id, n.activity, n.strings))
		}
		return ast.WalkSkipChildren, nil
	})
}

func checkID(prefix string, n int) string { return prefix + "check_" + strconv.Itoa(n) }

// CheckHTML renders c the way a check fence renders, for pages that show
// checks outside their activity (a unit's diagnostic): n is its number in
// the activity (data-check), activity the activity's id (data-activity),
// and its ids start with idPrefix.
func CheckHTML(c check.Check, n int, idPrefix, activity string, s Strings) template.HTML {
	return template.HTML(checkHTML(c, n, checkID(idPrefix, n), activity, s))
}

// checkHTML writes a quick check. Without JavaScript it reads as a question
// with its choices and a "Show answer" disclosure; the theme's script grades
// from data-answer.
func checkHTML(c check.Check, n int, id, activity string, s Strings) string {
	var b strings.Builder
	kind := c.Kind()
	attr := func(name, value string) {
		b.WriteString(" " + name + `="` + html.EscapeString(value) + `"`)
	}
	b.WriteString(`<form class="check"`)
	attr("id", id)
	attr("data-check", strconv.Itoa(n))
	attr("data-kind", string(kind))
	if kind == check.Short {
		attr("data-answer", jsonText(c.Accept))
	} else {
		attr("data-answer", jsonText(c.Answer))
	}
	if activity != "" {
		attr("data-activity", activity)
	}
	b.WriteString(">\n<fieldset")
	if kind != check.Short {
		attr("aria-describedby", id+"_hint")
	}
	b.WriteString(">\n<legend>" + html.EscapeString(c.Q) + "</legend>\n")
	switch kind {
	case check.Short:
		b.WriteString(`<label for="` + html.EscapeString(id) + `_input">` + html.EscapeString(s.Get(KeyCheckYourAnswer)) + "</label>\n")
		b.WriteString(`<input type="text"`)
		attr("id", id+"_input")
		b.WriteString(` name="answer"`)
		b.WriteString(` autocomplete="off" autocapitalize="off" spellcheck="false">` + "\n")
	default:
		input, hint := "radio", s.Get(KeyCheckChooseOne)
		if kind == check.Multiple {
			input, hint = "checkbox", s.Get(KeyCheckChooseAll)
		}
		b.WriteString(`<p class="check-hint"`)
		attr("id", id+"_hint")
		b.WriteString(">" + html.EscapeString(hint) + "</p>\n")
		for i, ch := range c.Choices {
			cid := id + "_" + strconv.Itoa(i+1)
			b.WriteString(`<div class="check-choice"><input type="` + input + `"`)
			attr("id", cid)
			b.WriteString(` name="answer"`)
			attr("value", strconv.Itoa(i+1))
			b.WriteString(`><label for="` + html.EscapeString(cid) + `">` + html.EscapeString(ch) + "</label></div>\n")
		}
	}
	b.WriteString("</fieldset>\n")
	b.WriteString(`<button type="submit">` + html.EscapeString(s.Get(KeyCheckSubmit)) + "</button>\n")
	b.WriteString(`<p class="check-feedback" role="status" aria-live="polite"></p>` + "\n")
	b.WriteString(`<details class="check-solution"><summary>` + html.EscapeString(s.Get(KeyCheckShowAnswer)) + "</summary>\n")
	switch kind {
	case check.Short:
		b.WriteString(`<p class="check-answer">` + html.EscapeString(first(c.Accept)) + "</p>\n")
		if len(c.Accept) > 1 {
			b.WriteString(`<p class="check-accept"><span data-i18n="` + KeyCheckAlsoAccepted + `">` + html.EscapeString(s.Get(KeyCheckAlsoAccepted)) + "</span> " + html.EscapeString(strings.Join(c.Accept[1:], ", ")) + "</p>\n")
		}
	case check.Single:
		b.WriteString(`<p class="check-answer">` + html.EscapeString(choice(c, first(c.Answer))) + "</p>\n")
	case check.Multiple:
		b.WriteString(`<ul class="check-answer">`)
		for _, a := range c.Answer {
			b.WriteString("<li>" + html.EscapeString(choice(c, a)) + "</li>")
		}
		b.WriteString("</ul>\n")
	}
	if c.Explain != "" {
		b.WriteString(`<p class="check-explain">` + html.EscapeString(c.Explain) + "</p>\n")
	}
	b.WriteString("</details>\n</form>\n")
	return b.String()
}

func jsonText(v any) string {
	out, _ := json.Marshal(v)
	return string(out)
}

func first[T any](s []T) T {
	var zero T
	if len(s) == 0 {
		return zero
	}
	return s[0]
}

func choice(c check.Check, i int) string {
	if i < 1 || i > len(c.Choices) {
		return ""
	}
	return c.Choices[i-1]
}
