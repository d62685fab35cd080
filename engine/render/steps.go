package render

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
)

// The steps of a student's page, by the steps function:
//
//	{{steps $}}
//
// writes $.Student.Steps, each as the layout's parts in this order:
//
//	step-open   V: whether the step is placed
//	step-head   the competency (a Link)
//	step-due    V: the step's StepDue
//	step-lock   V: the prerequisites not mastered ([]Link), when there are any
//	step-start  V: the suggested activity (a Link), unless the step is placed
//	step-ways   the competency (a Link)
//	step-close
//
// It gives what a range over the steps calling those parts would, without
// text/template's reflective calls for every step: a long plan has
// hundreds, and they were most of a large course's build. Each part is
// cached like any other (a list of prerequisites by its links), so a
// theme changes a step's markup by overriding the parts.

// StepParts names the parts the steps function writes, in order.
var StepParts = []string{"step-open", "step-head", "step-due", "step-lock", "step-start", "step-ways", "step-close"}

// Start is the activity the step suggests: the first-ranked option of its
// first choice group that has one.
func (s StudentStep) Start() (Link, bool) {
	for _, ids := range s.Ways.Choices {
		for _, id := range ids {
			if l, ok := s.Ways.Link(id); ok {
				return l, true
			}
		}
	}
	return Link{}, false
}

// steps is the steps function as layouts see it; like part, it panics
// with a part's error, which text/template reports as a call's error.
func (ps *parts) steps(at any) template.HTML {
	page, ok := at.(*Page)
	if !ok || page.Student == nil {
		panic(errStepsArg)
	}
	var out strings.Builder
	out.Grow(len(page.Student.Steps) * 700) // about what a step takes
	put := func(s template.HTML, err error) {
		if err != nil {
			panic(err)
		}
		out.WriteString(string(s))
	}
	must := func(s template.HTML, err error) template.HTML {
		if err != nil {
			panic(err)
		}
		return s
	}
	// The same on every step of the page: looked up once.
	var open [2]template.HTML
	var opened [2]bool
	closing := must(ps.render("step-close", page, true))
	for _, st := range page.Student.Steps {
		k := 0
		if st.Placed {
			k = 1
		}
		if !opened[k] {
			open[k], opened[k] = must(ps.render("step-open", page, st.Placed)), true
		}
		out.WriteString(string(open[k]))
		put(ps.render("step-head", page, st.Competency))
		put(ps.render("step-due", page, st.Due))
		if len(st.Requires) > 0 {
			put(ps.list("step-lock", page, st.Requires))
		}
		if !st.Placed {
			if l, ok := st.Start(); ok {
				put(ps.render("step-start", page, l))
			}
		}
		put(ps.render("step-ways", page, st.Competency))
		out.WriteString(string(closing))
	}
	return template.HTML(out.String())
}

var errStepsArg = errors.New("steps: give the student's page ($) as the argument")

// list renders part name for a list of links as one value (V is the
// []Link), cached by the links.
func (ps *parts) list(name string, page *Page, ls []Link) (template.HTML, error) {
	var key strings.Builder
	key.WriteString("\x00list")
	for _, l := range ls {
		key.WriteString("\x00" + l.ID + "\x00" + l.Title + "\x00" + l.URL + "\x00" + l.Note + "\x00" + l.Modality + "\x00" + strconv.Itoa(l.Minutes))
	}
	s, err := cached(ps, ps.values, partKey{name, page.Root, page.Lang, key.String()}, name, page, Part{V: ls})
	return template.HTML(s), err
}
