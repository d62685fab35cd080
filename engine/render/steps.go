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
		if l, ok := s.Ways.first(ids); ok {
			return l, true
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
	part := func(name string, v any) string {
		s, err := ps.render(name, page, v)
		if err != nil {
			panic(err)
		}
		return string(s)
	}
	// The same on every step of the page: looked up once.
	open := [2]string{part("step-open", false), part("step-open", true)}
	closing := part("step-close", true)
	var out strings.Builder
	out.Grow(len(page.Student.Steps) * 700) // about what a step takes
	for _, st := range page.Student.Steps {
		if st.Placed {
			out.WriteString(open[1])
		} else {
			out.WriteString(open[0])
		}
		out.WriteString(part("step-head", st.Competency))
		out.WriteString(part("step-due", st.Due))
		if len(st.Requires) > 0 {
			s, err := ps.list("step-lock", page, st.Requires)
			if err != nil {
				panic(err)
			}
			out.WriteString(string(s))
		}
		if !st.Placed { // a placed step links no activity
			if l, ok := st.Start(); ok {
				out.WriteString(part("step-start", l))
			}
		}
		out.WriteString(part("step-ways", st.Competency))
		out.WriteString(closing)
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
		for _, f := range [...]string{l.ID, l.Title, l.URL, l.Note, l.Modality, strconv.Itoa(l.Minutes)} {
			key.WriteByte(0)
			key.WriteString(f)
		}
	}
	s, err := cached(ps, ps.values, partKey{name, page.Root, page.Lang, key.String()}, name, page, Part{V: ls})
	return template.HTML(s), err
}
