package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/scaffold"
	"github.com/pacer-edu/pacer/engine/site"
)

const newSynopsis = `new site DIR
       pacer new activity ID [--for COMPETENCY] [--modality M] [-s DIR]
       pacer new competency|unit|student|group ID [-s DIR]`

func newCmd(args []string, stdout, stderr io.Writer) (int, error) {
	usage := func() {
		fmt.Fprintf(stderr, "Usage: pacer %s\n\nKinds: site, %s\n", newSynopsis, strings.Join(scaffold.Kinds, ", "))
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage()
		if len(args) == 0 {
			return 2, errUsage
		}
		return 0, flag.ErrHelp
	}
	kind := args[0]
	if kind == "site" {
		if len(args) != 2 || strings.HasPrefix(args[1], "-") {
			fmt.Fprintln(stderr, "Usage: pacer new site DIR")
			return 2, errUsage
		}
		if err := scaffold.Site(args[1]); err != nil {
			return 1, err
		}
		fmt.Fprintf(stdout, "created a new site in %s\nnext: cd %s && pacer build, then open public/index.html\n", args[1], args[1])
		return 0, nil
	}
	if !slices.Contains(scaffold.Kinds, kind) {
		fmt.Fprintf(stderr, "pacer new: unknown kind %q (known: site, %s)\n", kind, strings.Join(scaffold.Kinds, ", "))
		if h := diag.DidYouMean(kind, append([]string{"site"}, scaffold.Kinds...)); h != "" {
			fmt.Fprintf(stderr, "\thint: %s\n", h)
		}
		return 2, errUsage
	}
	syn := "new " + kind + " ID [-s DIR]"
	if kind == "activity" {
		syn = "new activity ID [--for COMPETENCY] [--modality M] [-s DIR]"
	}
	fs := flags("new "+kind, syn, stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	it := scaffold.Item{Kind: kind}
	if kind == "activity" {
		fs.Func("for", "`competency` id the activity builds (repeat, or separate with commas; default: the course's first)", func(s string) error {
			for _, id := range strings.Split(s, ",") {
				if id = strings.TrimSpace(id); id != "" {
					it.For = append(it.For, id)
				}
			}
			return nil
		})
		fs.StringVar(&it.Modality, "modality", "reading", "`modality`: "+strings.Join(content.Modalities, ", "))
	}
	pos, err := parseArgs(fs, args[1:], stderr)
	if err != nil {
		return 2, err
	}
	if len(pos) != 1 {
		if len(pos) == 0 {
			fmt.Fprintf(stderr, "pacer new %s: give the new %s's id\n", kind, kind)
		} else {
			fmt.Fprintf(stderr, "pacer new %s: unexpected argument %q\n", kind, pos[1])
		}
		fs.Usage()
		return 2, errUsage
	}
	it.ID = pos[0]
	if _, err := os.Stat(filepath.Join(*dir, config.FileName)); err != nil {
		return 1, fmt.Errorf("%s is not a site folder (it has no %s)\n\thint: run pacer new in a site folder, pass -s DIR, or start one with: pacer new site DIR", *dir, config.FileName)
	}
	res := site.Inspect(site.Options{Root: *dir})
	rel, err := scaffold.New(res.Course, it)
	var ae *scaffold.ArgError
	switch {
	case errors.As(err, &ae):
		fmt.Fprintf(stderr, "pacer new %s: %v\n", kind, ae)
		return 2, errUsage
	case err != nil:
		return 1, err
	}
	if !filepath.IsAbs(rel) {
		rel = filepath.Join(*dir, rel)
	}
	fmt.Fprintf(stdout, "created %s\n", rel)
	switch kind {
	case "competency":
		fmt.Fprintf(stdout, "next: edit it, add its activities (pacer new activity ID --for %s), then pacer check\n", it.ID)
	default:
		fmt.Fprintln(stdout, "next: edit it (the comments say what each line does), then pacer check")
	}
	return 0, nil
}
