package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

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
// (recursively) the *.json and *.txt files, skipping hidden ones; a file
// named twice is read once. A path
// that cannot be read at all is an error; a file that cannot be read is a
// problem of the report.
func Collect(paths []string) ([]Source, []Problem, error) {
	var srcs []Source
	var probs []Problem
	seen := map[string]bool{}
	read := func(path string) {
		if abs, err := filepath.Abs(path); err == nil {
			if seen[abs] {
				return
			}
			seen[abs] = true
		}
		s, pr := readFile(path)
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
			ext := strings.ToLower(filepath.Ext(path))
			if hidden || ext != ".json" && ext != ".txt" {
				return nil
			}
			read(path)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return srcs, probs, nil
}

// readFile returns the receipts of one file: the file itself (JSON, or one
// code even when wrapped over lines), or each code of a text holding
// several or holding one among other words.
func readFile(path string) ([]Source, []Problem) {
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
	trimmed := bytes.TrimSpace(data)
	whole := []Source{{Name: path, Data: data}}
	if bytes.HasPrefix(trimmed, []byte("{")) {
		return whole, nil
	}
	codes := receipt.Codes(data)
	if len(codes) == 0 || len(codes) == 1 && bytes.HasPrefix(trimmed, []byte(receipt.CodePrefix)) {
		return whole, nil
	}
	var out []Source
	for _, c := range codes {
		out = append(out, Source{Name: fmt.Sprintf("%s:%d", path, c.Line), Data: []byte(c.Code)})
	}
	return out, nil
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
