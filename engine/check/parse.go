package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/yamlx"
	"go.yaml.in/yaml/v3"
)

const what = "a check"

var keys = []string{"q", "choices", "answer", "accept", "explain"}

// Parse decodes the YAML inside a check fence. line is the file line of the
// opening fence, so the YAML's first line is line+1. Every problem is added
// to diags (which may be nil); ok is false when there was any error.
func Parse(src []byte, file string, line int, diags *diag.List) (c Check, ok bool) {
	var local diag.List
	if diags != nil {
		defer diags.Merge(&local)
	}
	p := decoder{
		d:     yamlx.Decoder{File: file, LineOffset: line, Diags: &local},
		fence: diag.Pos{File: file, Line: line, Col: 1},
	}
	c = p.parse(src)
	return c, !local.HasErrors()
}

type decoder struct {
	d     yamlx.Decoder
	fence diag.Pos
	c     Check
	// Keys and values seen, nil when absent.
	q, choices, answer, accept *yaml.Node
	answerVal                  *yaml.Node
	choicesOK                  bool
}

func (p *decoder) parse(src []byte) Check {
	p.c.Pos = p.fence
	root := p.d.Parse(quoteColons(src))
	if root == nil {
		if !p.d.Diags.HasErrors() {
			p.d.Diags.Errorf(p.fence, "a check is empty").Hint = "write the question and answer inside the fence, like `q: What is 3 × 4?` and `answer: 12`"
		}
		return p.c
	}
	if root.Kind != yaml.MappingNode {
		p.d.Errorf(root, "a check must be keys and values (q:, choices:, answer:), not %s", yamlx.Describe(root)).
			Hint = "start the block with a line like `q: What is 3 × 4?`"
		return p.c
	}
	p.d.Mapping(root, what, map[string]yamlx.Field{
		"q":       p.question,
		"choices": p.choiceList,
		"answer":  func(k, v *yaml.Node) { p.answer, p.answerVal = k, v },
		"accept":  func(k, v *yaml.Node) { p.accept = k; p.acceptList(v) },
		"explain": func(k, v *yaml.Node) {
			if s, ok := p.d.String(v, "explain"); ok {
				p.c.Explain = strings.TrimSpace(s)
			}
		},
	})
	misspelt := map[string]bool{}
	for k := range yamlx.Keys(root) {
		if !slices.Contains(keys, k) {
			misspelt[diag.Suggest(k, keys)] = true
		}
	}
	if p.q == nil && !misspelt["q"] {
		p.d.Diags.Errorf(p.fence, "a check has no question").Hint = "add a line like `q: What is 3 × 4?`"
	}
	if p.choices != nil {
		p.choiceAnswer(misspelt["answer"])
		if p.accept != nil {
			p.d.Errorf(p.accept, "accept is only for checks without choices").
				Hint = "accept lists other typed answers for a short-answer check: remove accept, or remove choices"
			p.c.Accept = nil
		}
	} else {
		p.shortAnswer(misspelt["answer"])
	}
	return p.c
}

func (p *decoder) question(k, v *yaml.Node) {
	p.q = k
	s, ok := p.d.String(v, "q")
	if !ok {
		return
	}
	p.c.Q = strings.TrimSpace(s)
	if p.c.Q == "" {
		p.d.Errorf(v, "a check has no question: q is empty").Hint = "write the question after `q:`"
	}
}

func (p *decoder) choiceList(k, v *yaml.Node) {
	p.choices = k
	joinColonItems(v)
	items, ok := p.d.Strings(v, "choices")
	p.choicesOK = ok && len(items) > 0
	if !ok {
		return
	}
	first := map[string]int{}
	for i, it := range items {
		s := strings.TrimSpace(it.Value)
		p.c.Choices = append(p.c.Choices, s)
		if s == "" {
			p.d.Errorf(it.Node, "choice %d is empty", i+1).Hint = "write the choice's text, or remove it"
			continue
		}
		key := strings.ToLower(s)
		if j, dup := first[key]; dup {
			p.d.Diags.Warnf(p.d.Pos(it.Node), "choices %d and %d are the same: %q", j+1, i+1, s).Hint = "students cannot tell them apart"
			continue
		}
		first[key] = i
	}
	if len(items) < 2 {
		e := p.d.Errorf(v, "a check needs at least 2 choices, not %d", len(items))
		if v.Kind == yaml.ScalarNode {
			e.Hint = "write choices as a list: [a, b, c], or one per line starting with -"
		} else {
			e.Hint = "add choices, or remove `choices` for a typed (short-answer) check"
		}
	}
}

func (p *decoder) acceptList(v *yaml.Node) {
	joinColonItems(v)
	items, ok := p.d.Strings(v, "accept")
	if !ok {
		return
	}
	for i, it := range items {
		s := strings.TrimSpace(it.Value)
		if s == "" {
			p.d.Errorf(it.Node, "accepted answer %d is empty", i+1).Hint = "remove it"
			continue
		}
		p.c.Accept = append(p.c.Accept, s)
	}
}

// missingAnswer reports an absent or empty answer.
func (p *decoder) missingAnswer(misspelt bool) bool {
	if p.answerVal == nil && misspelt {
		return true // the unknown key's did-you-mean says it all
	}
	if p.answerVal != nil && !(p.answerVal.Kind == yaml.ScalarNode && p.answerVal.Tag == "!!null") {
		return false
	}
	pos := p.fence
	if p.answer != nil {
		pos = p.d.Pos(p.answer)
	}
	e := p.d.Diags.Errorf(pos, "a check has no answer")
	if p.choices != nil {
		e.Hint = "add `answer: 1` with the number of the right choice, counting from 1"
	} else {
		e.Hint = "add `answer:` with the expected typed answer, or add choices"
	}
	return true
}

func (p *decoder) choiceAnswer(misspelt bool) {
	if p.missingAnswer(misspelt) {
		return
	}
	v := p.answerVal
	var nodes []*yaml.Node
	switch v.Kind {
	case yaml.ScalarNode:
		nodes = []*yaml.Node{v}
	case yaml.SequenceNode:
		p.c.Multi = true
		nodes = v.Content
		if len(nodes) == 0 {
			p.d.Errorf(v, "answer is an empty list").Hint = "list the numbers of the right choices, like [1, 3]"
			return
		}
	default:
		p.d.Errorf(v, "answer must be the number of a choice or a list of them, not %s", yamlx.Describe(v)).
			Hint = "answers count choices from 1: `answer: 2` or `answer: [1, 3]`"
		return
	}
	seen := map[int]bool{}
	for _, n := range nodes {
		i, ok := p.index(n)
		if !ok {
			continue
		}
		if seen[i] {
			p.d.Errorf(n, "answer %d is listed twice", i).Hint = "remove one of them"
			continue
		}
		seen[i] = true
		p.c.Answer = append(p.c.Answer, i)
	}
	slices.Sort(p.c.Answer)
}

// index decodes one answer index and checks its range.
func (p *decoder) index(n *yaml.Node) (int, bool) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.d.Errorf(n, "each answer must be the number of a choice, not %s", yamlx.Describe(n)).
			Hint = "answers count choices from 1: `answer: [1, 3]`"
		return 0, false
	}
	i, err := strconv.ParseInt(n.Value, 0, 32)
	if n.Tag != "!!int" || err != nil {
		e := p.d.Errorf(n, "answer must be the number of a choice, not %q", n.Value)
		e.Hint = "answers count choices from 1: `answer: 2` means the second choice"
		for j, ch := range p.c.Choices {
			if ch != "" && strings.EqualFold(ch, strings.TrimSpace(n.Value)) {
				e.Hint = fmt.Sprintf("did you mean `answer: %d`? answers count choices from 1", j+1)
				break
			}
		}
		return 0, false
	}
	switch {
	case i == 0:
		p.d.Errorf(n, "answer 0 is not a choice").Hint = "answers count from 1: the first choice is 1"
		return 0, false
	case p.choicesOK && (i < 0 || int(i) > len(p.c.Choices)):
		p.d.Errorf(n, "answer %d is out of range: %s", i, count(len(p.c.Choices))).Hint = "answers count from 1"
		return 0, false
	case i < 0:
		p.d.Errorf(n, "answer %d is out of range", i).Hint = "answers count from 1"
		return 0, false
	}
	return int(i), true
}

func count(n int) string {
	if n == 1 {
		return "there is 1 choice"
	}
	return fmt.Sprintf("there are %d choices", n)
}

func (p *decoder) shortAnswer(misspelt bool) {
	if p.missingAnswer(misspelt) {
		return
	}
	v := p.answerVal
	if v.Kind != yaml.ScalarNode {
		p.d.Errorf(v, "answer must be one typed answer for a check without choices, not %s", yamlx.Describe(v)).
			Hint = "add choices for a multiple-choice check, or write one answer and put alternatives under accept"
		p.c.Accept = nil
		return
	}
	s := strings.TrimSpace(v.Value)
	if s == "" {
		p.d.Errorf(v, "answer is empty").Hint = "write the expected typed answer after `answer:`"
		p.c.Accept = nil
		return
	}
	p.c.Accept = append([]string{s}, p.c.Accept...)
}

// quoteColons quotes one-line plain values of q, explain and answer that
// contain ": ", which YAML would reject ("mapping values are not allowed"),
// so a teacher can write `explain: Read the order: yogurt first.` as the
// spec shows. Continuation lines of such a value are folded into it and left
// blank, so line numbers do not move.
func quoteColons(src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	changed := false
	for i := 0; i < len(lines); i++ {
		key, value, ok := plainValue(lines[i])
		if !ok {
			continue
		}
		text, comment := value, ""
		if j := strings.Index(value, " #"); j >= 0 {
			text, comment = value[:j], value[j:]
		}
		text = strings.TrimRight(text, " \t")
		if !strings.Contains(text, ": ") && !strings.Contains(text, ":\t") && !strings.HasSuffix(text, ":") {
			continue
		}
		start, parts := i, []string{text}
		for comment == "" && i+1 < len(lines) && continuation(lines[i+1]) {
			i++
			parts = append(parts, strings.TrimSpace(lines[i]))
			lines[i] = lineEnd(lines[i])
		}
		lines[start] = key + strconv.Quote(strings.Join(parts, " ")) + comment + lineEnd(lines[start])
		changed = true
	}
	if !changed {
		return src
	}
	return []byte(strings.Join(lines, ""))
}

// plainValue splits a top-level `key: value` line of a text key whose value
// is a plain (unquoted, not block or flow) scalar. key keeps its ": ".
func plainValue(line string) (key, value string, ok bool) {
	line = strings.TrimRight(line, "\r\n")
	for _, k := range []string{"q", "explain", "answer"} {
		rest, found := strings.CutPrefix(line, k)
		if !found {
			continue
		}
		after := strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(after, ":") {
			return "", "", false
		}
		v := strings.TrimLeft(after[1:], " \t")
		if len(after) == 1 || v == "" || v == after[1:] || strings.ContainsRune("\"'[{|>&*!%@`#?-", rune(v[0])) {
			return "", "", false
		}
		return line[:len(line)-len(v)], v, true
	}
	return "", "", false
}

// continuation reports whether line continues a plain scalar above it.
func continuation(line string) bool {
	return (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && strings.TrimSpace(line) != ""
}

func lineEnd(line string) string {
	switch {
	case strings.HasSuffix(line, "\r\n"):
		return "\r\n"
	case strings.HasSuffix(line, "\n"):
		return "\n"
	}
	return ""
}

// joinColonItems turns list items YAML read as one-pair mappings back into
// the text the teacher wrote: `- Ratio: 2 to 3` or `[Ratio: 2 to 3, b]`.
func joinColonItems(list *yaml.Node) {
	if list.Kind != yaml.SequenceNode {
		return
	}
	for i, it := range list.Content {
		if it.Kind != yaml.MappingNode || len(it.Content) != 2 {
			continue
		}
		k, v := it.Content[0], it.Content[1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || k.Style != 0 || v.Style != 0 || v.Tag == "!!null" {
			continue
		}
		list.Content[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.Value + ": " + v.Value, Line: k.Line, Column: k.Column}
	}
}
