// Package diag owns Pacer's diagnostics: a position in a teacher's file, a
// message and an optional hint. Loaders collect diagnostics instead of
// stopping at the first problem; the CLI sorts and prints them.
//
// diag must stay a leaf: it knows nothing of content, config or rendering.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Pos is a place in a source file. Line and Col count from 1 at the top of
// the file (front-matter delimiter included); zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells errors, which fail a build, from warnings, which do not.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a course.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Kind groups warnings of one sort ("plans that do not fit"), so that
	// a course with hundreds of them prints a few and a count. Empty means
	// a kind of its own.
	Kind    string
	Message string
	Hint    string
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// List collects diagnostics. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []*Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, &d)
	l.mu.Unlock()
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Error, fmt.Sprintf(format, args...))
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Warning, fmt.Sprintf(format, args...))
}

// add returns the recorded diagnostic so the caller can attach a hint.
func (l *List) add(pos Pos, sev Severity, msg string) *Diagnostic {
	d := &Diagnostic{Pos: pos, Severity: sev, Message: msg}
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
	return d
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the diagnostics sorted by file, line, column, then message.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	out := make([]Diagnostic, len(l.items))
	for i, d := range l.items {
		out[i] = *d
	}
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// Len returns how many diagnostics were recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Errors counts the diagnostics that fail a build.
func (l *List) Errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, d := range l.items {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Errors() > 0 }

// PerKind is how many warnings of one kind Print writes before it counts
// the rest.
const PerKind = 10

// Print writes the diagnostics, sorted, one per line (hints indented):
// every error, and of each kind of warning the first PerKind followed by a
// line counting the rest.
func (l *List) Print(w io.Writer) {
	items := l.Items()
	seen := map[string]int{}
	for _, d := range items {
		if d.Severity == Warning && d.Kind != "" {
			seen[d.Kind]++
			if seen[d.Kind] > PerKind {
				continue
			}
		}
		fmt.Fprintln(w, d.String())
	}
	kinds := make([]string, 0, len(seen))
	for k, n := range seen {
		if n > PerKind {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "warning: %d more %s (%d in all; %d shown above)\n", seen[k]-PerKind, k, seen[k], PerKind)
	}
}

// PrintErrors writes only the errors, sorted, one per line: what a quiet
// run prints before its line of counts.
func (l *List) PrintErrors(w io.Writer) {
	for _, d := range l.Items() {
		if d.Severity == Error {
			fmt.Fprintln(w, d.String())
		}
	}
}

// Counts says how many errors and warnings were recorded, as "2 errors,
// 1 warning"; "" when there are none.
func (l *List) Counts() string {
	e := l.Errors()
	w := l.Len() - e
	var parts []string
	if e > 0 {
		parts = append(parts, count(e, "error"))
	}
	if w > 0 {
		parts = append(parts, count(w, "warning"))
	}
	return strings.Join(parts, ", ")
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Suggest returns the candidate closest to word by edit distance, or "" when
// none is close enough to be a plausible typo.
func Suggest(word string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		d := distance(word, c)
		if best == "" || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	limit := len(word) / 3
	if limit < 1 {
		limit = 1
	}
	if limit > 3 {
		limit = 3
	}
	if best == "" || bestD > limit {
		return ""
	}
	return best
}

// DidYouMean formats a Suggest result as a hint, or "" when there is none.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}

// distance is the Damerau (optimal string alignment) edit distance, so a
// swapped pair of letters counts as one typo.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
