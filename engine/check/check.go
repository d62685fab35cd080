// Package check owns quick-check blocks: the YAML inside a ```check fence
// in an activity's Markdown. It parses and validates them with positions
// and finds them in a Markdown body, with goldmark's block parser so it
// sees exactly the fences the renderer sees. It renders nothing.
package check

import "github.com/pacer-edu/pacer/engine/diag"

// Kind tells the three kinds of quick check apart.
type Kind string

const (
	Single   Kind = "single"   // choices, one right answer
	Multiple Kind = "multiple" // choices, several right answers
	Short    Kind = "short"    // no choices: typed answer compared after trimming and case-folding
)

// Check is one quick-check question.
type Check struct {
	// Pos is the position of the opening fence line.
	Pos     diag.Pos
	Q       string
	Choices []string
	// Answer holds the 1-based indexes of the right choices (Single, Multiple).
	Answer []int
	// Accept holds the accepted typed answers, the `answer` first (Short).
	Accept  []string
	Explain string
	// Multi is true when answer was written as a list: the check is shown
	// with checkboxes even if only one choice is right.
	Multi bool
}

// Kind returns the kind of c.
func (c Check) Kind() Kind {
	switch {
	case len(c.Choices) == 0:
		return Short
	case len(c.Answer) > 1 || c.Multi:
		return Multiple
	}
	return Single
}
