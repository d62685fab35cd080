package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/links"
	"github.com/pacer-edu/pacer/engine/site"
	"github.com/pacer-edu/pacer/engine/token"
)

func linksCmd(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flags("links", "links [-s DIR] [-o DIR] [--base-url URL] [--receipts DIR]", stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	out := fs.String("o", "", "output `folder` (default: .pacer/links in the site folder; never inside the build output)")
	base := fs.String("base-url", "", "the absolute `URL` the site is published at (default: baseURL in site.yaml)")
	receipts := fs.String("receipts", "", "the `folder` of receipts the site is built with, to say which pages carry merged progress (default: students.receipts in site.yaml)")
	if err := parse(fs, args, stderr); err != nil {
		return 2, err
	}
	if *base != "" && !strings.HasPrefix(*base, "http://") && !strings.HasPrefix(*base, "https://") {
		fmt.Fprintf(stderr, "pacer links: --base-url %q must start with http:// or https://\n", *base)
		return 2, errUsage
	}
	res := site.Inspect(site.Options{Root: *dir, Receipts: *receipts})
	if code, err := inspected(res, stderr, "no links were written"); code != 0 {
		return code, err
	}
	baseURL := *base
	if baseURL == "" {
		baseURL = res.Course.Config.BaseURL
	}
	if baseURL == "" {
		fmt.Fprintln(stderr, "pacer links: a link on a card must be a whole address, and this site has no base URL")
		fmt.Fprintln(stderr, "\thint: pass the address where public/ is published, as in --base-url https://school.example/math/, or set baseURL: in site.yaml")
		return 2, errUsage
	}
	if len(res.Students) == 0 {
		return 1, fmt.Errorf("the site has no students, so there are no links\n\thint: add students to %s (pacer new student ID)",
			filepath.Join(content.RosterDir(*dir, res.Course.Config), "students"))
	}
	o := *out
	if o == "" {
		o = filepath.Join(*dir, ".pacer", "links")
	}
	if err := outsideOutput(*dir, o, "-o"); err != nil {
		fmt.Fprintf(stderr, "pacer links: %v\n", err)
		return 2, errUsage
	}
	csvPath, cardsPath, err := links.Write(o, links.RosterOf(res, baseURL))
	if err != nil {
		return 1, err
	}
	fmt.Fprintf(stdout, "wrote the links of %s:\n  %s  (a spreadsheet)\n  %s  (cards with QR codes: open it and print)\n  %s  (the scan page: open it to read students' QR hand-ins with a camera)\nkeep all three private: each link opens one student's page\n",
		plural(len(res.Students), "student"), csvPath, cardsPath, filepath.Join(o, links.ScanFile))
	if res.Receipts {
		var merged []string
		for _, s := range res.Students {
			if s.Merged {
				merged = append(merged, s.Name)
			}
		}
		fmt.Fprintf(stdout, "merged progress from receipts (published behind each one's private link): %d of %d students", len(merged), len(res.Students))
		if len(merged) > 0 {
			fmt.Fprintf(stdout, ": %s", strings.Join(merged, ", "))
		}
		fmt.Fprintln(stdout)
	}
	return 0, nil
}

// inspected prints what inspecting the site found and says whether the
// teacher tools can go on: not on content errors, nor without the link
// secret the published links were made with.
func inspected(res *site.Result, stderr io.Writer, nothing string) (int, error) {
	res.Diags.Print(stderr)
	if n := res.Diags.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s; %s\n", plural(n, "error"), nothing)
		return 1, nil
	}
	if res.SecretProblem != nil {
		return 1, fmt.Errorf("the students' links need the secret they were made with (see above); %s", nothing)
	}
	if res.SecretSource == "" {
		env := res.Course.Config.Students.SecretEnv
		return 1, fmt.Errorf("there is no link secret yet (no $%s and no %s), so no student has a link\n\thint: run pacer build first (it makes the secret), or run this where the site was built", env, token.SecretFile)
	}
	return 0, nil
}

// outsideOutput refuses a folder inside a build's output, with a hint
// naming the flag to change.
func outsideOutput(siteDir, dir, flagName string) error {
	if err := site.OutsideOutput(siteDir, dir); err != nil {
		return fmt.Errorf("%v\n\thint: choose a folder outside it with %s, or leave %s out to use .pacer/ in the site folder (kept out of git by pacer new site)", err, flagName, flagName)
	}
	return nil
}

// parseArgs parses flags given before, between or after the positional
// arguments (pacer report receipts/ -o report.html) and returns those.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}
