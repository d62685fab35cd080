package site

import (
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/receipt"
)

// Progress that follows the student (SPEC 7): with a receipts folder
// (--receipts, or site.yaml students.receipts), each student's newest
// valid receipt becomes a snapshot embedded in that student's own page,
// never anywhere else. The page starts from it and merges local data by
// the import rules (newest per item), so the snapshot is written in the
// export format the import reads (themes/default/assets/transfer.ts).

// ReceiptsDir is the receipts folder of a build, "" when off: opts.Receipts
// (relative to the current folder), else site.yaml's students.receipts
// (cfgDir, relative to the site).
func ReceiptsDir(opts Options, cfgDir string) string {
	dir := opts.Receipts
	if dir == "" {
		dir = cfgDir
	}
	if dir == "" || filepath.IsAbs(dir) {
		return dir
	}
	if opts.Receipts != "" {
		return dir // a flag is relative to where pacer runs
	}
	return filepath.Join(opts.Root, dir)
}

// loadReceipts reads every file of dir and keeps the newest valid receipt
// of each student on the roster (by token). A receipt dated after now is
// suspect and never used; files that hold no receipt are named in a warning.
func (b *builder) loadReceipts(dir string, pos diag.Pos, now time.Time) {
	diags := b.res.Diags
	if pos.File == "" {
		pos = diag.Pos{File: "--receipts"}
	}
	out := b.opts.Out
	if out == "" {
		out = filepath.Join(b.opts.Root, "public")
	}
	if out, err := filepath.Abs(out); err == nil {
		if d, err := filepath.Abs(dir); err == nil && (d == out || strings.HasPrefix(d, out+string(filepath.Separator))) {
			diags.Errorf(pos, "the receipts folder %s lies inside the site's output %s, which is published", dir, b.opts.Out).
				Hint = "keep receipts in a private folder outside the output, like the roster"
			return
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		// A build refuses; the teacher's other tools (check, links,
		// report) say so and go on.
		report := diags.Errorf
		if b.opts.DryRun {
			report = diags.Warnf
		}
		report(pos, "cannot read the receipts folder: %v", errText(err)).
			Hint = "make the folder, or fix students.receipts in site.yaml or the --receipts flag"
		return
	}
	known := map[string]bool{}
	for _, s := range b.res.Students {
		known[s.Token] = true
	}
	type best struct {
		r    *receipt.Receipt
		file string
	}
	got := map[string]best{}
	consider := func(file string, r *receipt.Receipt) {
		if !known[r.Student] {
			diags.Warnf(diag.Pos{File: file}, "receipt of a student who is not on the roster: not merged")
			return
		}
		if r.At.After(now) {
			diags.Warnf(diag.Pos{File: file}, "receipt dated %s, after this build: suspect, not merged", r.At.UTC().Format(time.RFC3339)).
				Hint = "the student's device clock is probably wrong; ask for a new hand-in"
			return
		}
		if o, ok := got[r.Student]; !ok || r.At.After(o.r.At) || r.At.Equal(o.r.At) && file > o.file {
			got[r.Student] = best{r, file}
		}
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		file := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			diags.Warnf(diag.Pos{File: file}, "cannot read: %v", errText(err))
			continue
		}
		r, err := receipt.Decode(data, b.res.SiteKey)
		if errors.Is(err, receipt.ErrNotReceipt) {
			// A file of collected codes (the scan page's, a form export).
			codes := receipt.Codes(data)
			for _, c := range codes {
				r, err := receipt.Decode([]byte(c.Code), b.res.SiteKey)
				if err != nil {
					diags.Warnf(diag.Pos{File: file, Line: c.Line}, "%v", err)
					continue
				}
				consider(file, r)
			}
			if len(codes) == 0 {
				diags.Warnf(diag.Pos{File: file}, "%v: skipped", err)
			}
			continue
		}
		if err != nil {
			diags.Warnf(diag.Pos{File: file}, "%v", err)
			continue
		}
		consider(file, r)
	}
	b.receipts = map[string]template.JS{}
	for tok, x := range got {
		b.receipts[tok] = snapshotOf(x.r)
	}
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// snapshotOf turns a receipt into the progress export the student page
// imports (transfer.ts): what the receipt holds, stamped with its time.
// Check answers are summed up in a receipt, not listed, so they are not in
// the snapshot.
func snapshotOf(r *receipt.Receipt) template.JS {
	at := r.At.UTC().Format("2006-01-02T15:04:05.000Z")
	type stamped struct {
		T  string `json:"t"`
		At string `json:"at"`
	}
	type rating struct {
		V  int    `json:"v"`
		At string `json:"at"`
	}
	type goals struct {
		List []string `json:"list"`
		At   string   `json:"at"`
	}
	p := struct {
		V       int                 `json:"v"`
		Done    map[string]string   `json:"done"`
		Undone  map[string]string   `json:"undone"`
		Placed  map[string]string   `json:"placed"`
		Answers []struct{}          `json:"answers"`
		Picks   map[string]struct{} `json:"picks"`
		Ratings map[string][]rating `json:"ratings"`
		Notes   map[string]stamped  `json:"notes"`
		Goals   *goals              `json:"goals,omitempty"`
	}{V: 2, Done: map[string]string{}, Undone: map[string]string{}, Placed: map[string]string{}, Answers: []struct{}{},
		Picks: map[string]struct{}{}, Ratings: map[string][]rating{}, Notes: map[string]stamped{}}
	for _, s := range r.Steps {
		for _, a := range s.Done {
			p.Done[a] = at
		}
		if s.Status == "placed" {
			p.Placed[s.C] = at
		}
		for _, x := range s.Self {
			p.Ratings[s.C] = append(p.Ratings[s.C], rating{x.Level, x.At.UTC().Format("2006-01-02T15:04:05.000Z")})
		}
		if s.Note != "" {
			p.Notes[s.C] = stamped{s.Note, at}
		}
	}
	if r.Goals != nil {
		p.Goals = &goals{slices.Clone(r.Goals), at}
	}
	doc := struct {
		Pacer    string `json:"pacer"`
		V        int    `json:"v"`
		Site     string `json:"site"`
		Student  string `json:"student"`
		At       string `json:"at"`
		Progress any    `json:"progress"`
	}{"progress", 1, r.Site, r.Student, at, p}
	return jsonJS(doc)
}
