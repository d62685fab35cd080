package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pacer-edu/pacer/engine/diag"
)

// schema describes one CSV file of a package: the columns Pacer reads, the
// ones it knows and leaves alone, and the spellings real exports use.
type schema struct {
	file string
	// read are the canonical names of the columns read; required ones must
	// be present.
	read     []string
	required []string
	// known are columns of the format Pacer never reads (emails, passwords,
	// phones, addresses, birth dates...): they are skipped without a word.
	known []string
	// variants maps another spelling (lowercase) to a canonical name.
	variants map[string]string
	// extensions are prefixes of extension columns (metadata.*) to skip.
	extensions []string
}

// row is one record of a table, by canonical column name.
type row struct {
	pos    diag.Pos
	fields []string
	cols   map[string]int
}

func (r row) get(name string) string {
	i, ok := r.cols[name]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

func (r row) has(name string) bool { _, ok := r.cols[name]; return ok }

// deleted reports a row whose status is tobedeleted: it is skipped.
func (r row) deleted() bool { return strings.EqualFold(r.get("status"), "tobedeleted") }

// normal is how headers are compared: case, spaces, dashes and
// underscores do not matter.
func normal(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(h)) {
		if c == ' ' || c == '_' || c == '-' {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// readTable reads a CSV file by header name, calling each for every row.
// It reports whether the whole file was read (not stopped by a syntax
// error), so references into a half-read file are not reported as
// missing. Problems go to diags with the file and
// line; a syntax error stops the file.
func readTable(r io.Reader, name string, s schema, diags *diag.List, each func(row)) bool {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		diags.Errorf(diag.Pos{File: name, Line: 1}, "the file is empty").Hint = s.file + " must start with a header line naming its columns"
		return false
	}
	if err != nil {
		csvError(err, name, diags)
		return false
	}
	canon := map[string]string{}
	for _, c := range s.read {
		canon[normal(c)] = c
	}
	for _, c := range s.known {
		canon[normal(c)] = ""
	}
	for v, c := range s.variants {
		canon[normal(v)] = c
	}
	cols := map[string]int{}
	trailingEmpty := false
	at := func(i int) diag.Pos {
		line, col := cr.FieldPos(i)
		return diag.Pos{File: name, Line: line, Col: col}
	}
	for i, h := range header {
		n := normal(h)
		if n == "" {
			if i == len(header)-1 {
				trailingEmpty = true
			} else {
				diags.Warnf(at(i), "column %d has no name; it is ignored", i+1)
			}
			continue
		}
		c, ok := canon[n]
		if !ok {
			if ext(n, s.extensions) {
				continue
			}
			e := diags.Warnf(at(i), "unknown column %q (column %d); it is ignored", strings.TrimSpace(h), i+1)
			var names []string
			for _, r := range s.read {
				names = append(names, normal(r))
			}
			if sug := diag.Suggest(n, names); sug != "" {
				e.Hint = fmt.Sprintf("if it means %s, rename the column to %s", canon[sug], canon[sug])
			}
			continue
		}
		if c == "" {
			continue
		}
		if _, dup := cols[c]; dup {
			diags.Errorf(at(i), "column %s appears twice (columns %d and %d)", c, cols[c]+1, i+1)
			continue
		}
		cols[c] = i
	}
	if len(header) == 1 && strings.Contains(header[0], ";") {
		diags.Errorf(diag.Pos{File: name, Line: 1}, "the columns are separated by semicolons, not commas").
			Hint = "export the file again as CSV with commas (in a spreadsheet: Save As, CSV UTF-8, comma-delimited)"
		return false
	}
	missing := false
	for _, c := range s.required {
		if _, ok := cols[c]; !ok {
			diags.Errorf(diag.Pos{File: name, Line: 1}, "%s has no %s column", s.file, c).
				Hint = "the header line names the columns; found: " + strings.Join(trimAll(header), ", ")
			missing = true
		}
	}
	if missing {
		return false
	}
	complete := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return complete
		}
		if err != nil {
			csvError(err, name, diags)
			return false
		}
		line, _ := cr.FieldPos(0)
		pos := diag.Pos{File: name, Line: line}
		if !validUTF8(rec) {
			diags.Errorf(pos, "this row is not UTF-8 text").
				Hint = "export the file again as UTF-8 (in a spreadsheet: Save As, CSV UTF-8)"
			return false
		}
		if n := len(rec); n != len(header) && !(trailingEmpty && n == len(header)-1) {
			if n == 1 && strings.TrimSpace(rec[0]) == "" {
				continue
			}
			diags.Errorf(pos, "this row has %d fields but the header has %d", n, len(header)).
				Hint = "a field holding a comma must be in double quotes, e.g. \"Smith, Jr.\""
			complete = false
			continue
		}
		each(row{pos: pos, fields: rec, cols: cols})
	}
}

func ext(n string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func csvError(err error, name string, diags *diag.List) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		d := diags.Errorf(diag.Pos{File: name, Line: pe.Line, Col: pe.Column}, "CSV syntax error: %v", pe.Err)
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			d.Hint = "a field with a double quote must be wholly in quotes, with each quote inside doubled (\"\")"
		}
		return
	}
	diags.Errorf(diag.Pos{File: name}, "cannot read: %v", err)
}

func validUTF8(rec []string) bool {
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}
