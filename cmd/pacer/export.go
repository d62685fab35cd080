package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pacer-edu/pacer/engine/cartridge"
	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/render"
)

func exportCmd(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stderr, "Usage: pacer export cartridge [-s DIR] -o FILE.imscc [--base-url URL]")
		if len(args) == 0 {
			return 2, errUsage
		}
		return 0, flag.ErrHelp
	}
	if args[0] != "cartridge" {
		fmt.Fprintf(stderr, "pacer export: unknown format %q (known: cartridge)\n", args[0])
		if h := diag.DidYouMean(args[0], []string{"cartridge"}); h != "" {
			fmt.Fprintf(stderr, "\thint: %s\n", h)
		}
		return 2, errUsage
	}
	fs := flags("export cartridge", "export cartridge [-s DIR] -o FILE.imscc [--base-url URL]\n\nThe course as an IMS Common Cartridge 1.3 for Canvas, Moodle, Schoology or Brightspace", stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	out := fs.String("o", "", "the cartridge `file` to write (FILE.imscc)")
	base := fs.String("base-url", "", "link each activity to its page published at this `URL` instead of copying it in")
	if err := parse(fs, args[1:], stderr); err != nil {
		return 2, err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "pacer export cartridge: name the file to write with -o, as in -o course.imscc")
		fs.Usage()
		return 2, errUsage
	}
	if fi, err := os.Stat(*out); err == nil && fi.IsDir() {
		fmt.Fprintf(stderr, "pacer export cartridge: -o %s is a folder; give the cartridge's file name, such as -o course.imscc\n", *out)
		return 2, errUsage
	}
	if *base != "" && !strings.HasPrefix(*base, "http://") && !strings.HasPrefix(*base, "https://") {
		fmt.Fprintf(stderr, "pacer export cartridge: --base-url %q must start with http:// or https://\n", *base)
		return 2, errUsage
	}
	diags := &diag.List{}
	cfg := config.Load(*dir, diags)
	course := content.Load(*dir, cfg, diags)
	theme, err := render.Load(*dir, cfg.Theme)
	if err != nil {
		diags.Errorf(diag.Pos{File: "themes/" + cfg.Theme}, "%v", err)
	}
	if diags.HasErrors() {
		diags.Print(stderr)
		fmt.Fprintf(stderr, "%s; nothing was written\n", plural(diags.Errors(), "error"))
		return 1, nil
	}
	edits := &diag.List{}
	k, err := cartridge.Make(course, cartridge.Options{BaseURL: *base, Strings: theme.Strings(cfg.Language), Unsafe: cfg.Markdown.Unsafe}, edits)
	if err != nil {
		return 1, err
	}
	edits.Print(stderr)
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		return 1, err
	}
	err = k.Write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return 1, err
	}
	what := "pages"
	if *base != "" {
		what = "links to " + *base
	}
	fmt.Fprintf(stdout, "wrote %s: %s, %s (as %s), %s\n", *out, count(len(course.Units), "unit", "units"),
		count(len(course.Activities), "activity", "activities"), what, count(k.Quizzes(), "quiz", "quizzes"))
	fmt.Fprintln(stdout, "import it into the LMS as a Common Cartridge (see the README: Canvas, Moodle)")
	return 0, nil
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
