package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/report"
	"github.com/pacer-edu/pacer/engine/site"
)

func reportCmd(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flags("report", "report RECEIPTS... [-o FILE] [-s DIR]\n\nRECEIPTS are receipt files, texts holding codes (.txt, a form's .csv), or folders of them, searched recursively", stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	out := fs.String("o", "", "report `file` (default: .pacer/report.html in the site folder; never inside the build output)")
	paths, err := parseArgs(fs, args, stderr)
	if err != nil {
		return 2, err
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "pacer report: name the receipt files or folders to read")
		fs.Usage()
		return 2, errUsage
	}
	o := *out
	if o == "" {
		o = filepath.Join(*dir, ".pacer", "report.html")
	}
	if fi, err := os.Stat(o); err == nil && fi.IsDir() || strings.HasSuffix(o, "/") || strings.HasSuffix(o, string(filepath.Separator)) {
		fmt.Fprintf(stderr, "pacer report: -o %s is a folder; give the report's file name, such as -o report.html\n", o)
		return 2, errUsage
	}
	if err := outsideOutput(*dir, filepath.Dir(o), "-o"); err != nil {
		fmt.Fprintf(stderr, "pacer report: %v\n", err)
		return 2, errUsage
	}
	srcs, probs, err := report.Collect(paths)
	if err != nil {
		fmt.Fprintf(stderr, "pacer report: %v\n", err)
		return 2, errUsage
	}
	if len(srcs) == 0 && len(probs) == 0 {
		return 1, fmt.Errorf("found no files to read in %s", strings.Join(paths, ", "))
	}
	res := site.Inspect(site.Options{Root: *dir})
	if code, err := inspected(res, stderr, "no report was written"); code != 0 {
		return code, err
	}
	r := report.Make(report.RosterOf(res), srcs, probs, time.Now())
	for _, p := range r.Suspect {
		fmt.Fprintln(stderr, p)
	}
	for _, p := range r.Problems {
		fmt.Fprintln(stderr, p)
	}
	if r.Read == 0 {
		return 1, fmt.Errorf("no receipt could be used, so no report was written")
	}
	if err := report.Write(o, r); err != nil {
		return 1, err
	}
	fmt.Fprintf(stdout, "wrote %s: %d of %d students handed in; %d behind pace; %d steps need support\n",
		o, r.HandedIn(), len(r.Entries), len(r.Behind()), len(r.Steps(report.NeedsSupport)))
	if n := len(r.Suspect); n > 0 {
		fmt.Fprintf(stderr, "%s dated after now: each is used only when its student has no other (listed above and in the report)\n", plural(n, "receipt"))
	}
	if n := len(r.Problems); n > 0 {
		fmt.Fprintf(stderr, "%s could not be used (listed above and in the report)\n", plural(n, "receipt"))
	}
	if r.Ignored > 0 {
		fmt.Fprintf(stderr, "ignored %s of competencies this course does not have\n", plural(r.Ignored, "step"))
	}
	fmt.Fprintln(stdout, "keep it private: it holds students' names and notes")
	return 0, nil
}
