package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pacer-edu/pacer/engine/handin"
	"github.com/pacer-edu/pacer/engine/receipt"
)

// Source is one receipt to read: a file, or one code of a file holding
// several.
type Source struct {
	// Name is what the teacher is told: the file's path, with ":LINE"
	// for one code among several.
	Name string
	Data []byte
}

// maxSize bounds a receipt file: a year of a long playlist is well under a
// megabyte; anything bigger is not a receipt.
const maxSize = 8 << 20

// Collect reads the receipts at paths: files of any name, and in folders
// (recursively) every file but hidden ones; a file named twice is read
// once. A receipt is a file (JSON, or one code even when wrapped over
// lines) or is found in any text (a form's CSV export, a pasted list):
// "PACER1." codes, and "PQ2." (and older "PQ1.") hand-in frames (what the scan page and a
// phone's QR reader give), whose parts are joined across lines and files.
// A path that cannot be read at all is an error; a file that cannot be
// read, or is skipped, is a problem of the report, with why.
func Collect(paths []string) ([]Source, []Problem, error) {
	var srcs []Source
	var probs []Problem
	var frames frameText
	seen := map[string]bool{}
	read := func(path string) {
		if abs, err := filepath.Abs(path); err == nil {
			if seen[abs] {
				return
			}
			seen[abs] = true
		}
		s, pr := readFile(path, &frames)
		srcs, probs = append(srcs, s...), append(probs, pr...)
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read %s: %v", p, errText(err))
		}
		if !fi.IsDir() {
			read(p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				probs = append(probs, Problem{File: path, Reason: "cannot read: " + errText(err)})
				return nil
			}
			hidden := path != p && strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if hidden {
					return filepath.SkipDir
				}
				return nil
			}
			if !hidden && d.Type().IsRegular() {
				read(path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	s, pr := frames.receipts()
	return append(srcs, s...), append(probs, pr...), nil
}

// frameText gathers the lines holding hand-in frames from every file
// read, so that the parts of one hand-in join wherever they were pasted.
type frameText struct {
	text  []byte
	where []string // "file:line" of each line of text
}

func (f *frameText) add(path string, data []byte) (n int) {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.Contains(line, []byte("PQ")) {
			f.text = append(append(f.text, line...), '\n')
			f.where = append(f.where, fmt.Sprintf("%s:%d", path, i+1))
			n++
		}
	}
	return n
}

// receipts joins the frames into receipts, named by the file and line of
// their first part.
func (f *frameText) receipts() ([]Source, []Problem) {
	if len(f.where) == 0 {
		return nil, nil
	}
	found, errs := handin.ReadLines(f.text, "")
	var srcs []Source
	var probs []Problem
	for _, h := range found {
		data, err := receipt.Encode(h.Receipt)
		if err != nil {
			probs = append(probs, Problem{File: f.where[h.Line-1], Reason: err.Error()})
			continue
		}
		srcs = append(srcs, Source{Name: f.where[h.Line-1], Data: data})
	}
	for _, e := range errs {
		reason := e.Err.Error()
		if strings.Contains(reason, "missing") {
			reason += ": the student's other codes were not collected; ask them to show all their numbered codes"
		}
		probs = append(probs, Problem{File: f.where[e.Line-1], Reason: reason})
	}
	return srcs, probs
}

// readFile returns the receipts of one file: the file itself (JSON, or one
// code even when wrapped over lines), or each code of a text holding
// several or holding one among other words. Hand-in frames go to frames.
func readFile(path string, frames *frameText) ([]Source, []Problem) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []Problem{{File: path, Reason: "cannot read: " + errText(err)}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, []Problem{{File: path, Reason: "cannot read: " + errText(err)}}
	}
	if len(data) > maxSize {
		return nil, []Problem{{File: path, Reason: fmt.Sprintf("too large for a receipt (over %d MB)", maxSize>>20)}}
	}
	if kind, ok := notText(data); ok {
		return nil, []Problem{{File: path, Reason: "skipped: " + kind + ", not text. Receipts and codes are read from text files (.json, .txt, .csv): download a spreadsheet of answers as CSV, and scan QR codes with the scan page that pacer links writes"}}
	}
	trimmed := bytes.TrimSpace(data)
	whole := []Source{{Name: path, Data: data}}
	if bytes.HasPrefix(trimmed, []byte("{")) {
		return whole, nil
	}
	nframes := frames.add(path, data)
	codes := receipt.Codes(data)
	if len(codes) == 0 && nframes > 0 {
		return nil, nil
	}
	if len(codes) == 0 || nframes == 0 && len(codes) == 1 && bytes.HasPrefix(trimmed, []byte(receipt.CodePrefix)) {
		return whole, nil
	}
	var out []Source
	for _, c := range codes {
		out = append(out, Source{Name: fmt.Sprintf("%s:%d", path, c.Line), Data: []byte(c.Code)})
	}
	return out, nil
}

// notText says what data is when it is not text: a picture, a document,
// a spreadsheet. Text in any 8-bit encoding is text (codes are ASCII).
func notText(data []byte) (string, bool) {
	switch t := http.DetectContentType(data); {
	case strings.Contains(t, "utf-16"):
		return "UTF-16 text (save it again as UTF-8)", true
	case strings.HasPrefix(t, "text/"):
		return "", false
	case strings.HasPrefix(t, "image/"):
		return "an image (" + strings.TrimPrefix(t, "image/") + ")", true
	case t == "application/pdf":
		return "a PDF document", true
	case t == "application/zip":
		return "a zip file (a spreadsheet or document?)", true
	}
	return "a binary file", true
}

func errText(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file or folder"
	case os.IsPermission(err):
		return "permission denied"
	}
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// sortProblems orders problems by file, and codes of one file by line.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		af, al := splitLine(a.File)
		bf, bl := splitLine(b.File)
		if c := strings.Compare(af, bf); c != 0 {
			return c
		}
		return al - bl
	})
}

// splitLine splits "file.txt:12" into the file and 12 (0 when none).
func splitLine(name string) (string, int) {
	i := strings.LastIndexByte(name, ':')
	if i < 0 {
		return name, 0
	}
	n, err := strconv.Atoi(name[i+1:])
	if err != nil {
		return name, 0
	}
	return name[:i], n
}
