// Command pacer builds personalized-learning sites from Markdown. This file
// only parses flags, wires the engine together and picks exit codes:
// 0 ok, 1 content errors, 2 usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/pacer-edu/pacer/engine/site"
	"github.com/pacer-edu/pacer/engine/token"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "v0.1.0-dev"

const usage = `Pacer builds personalized-learning sites from Markdown.

Usage:
  pacer build [-s DIR] [-o DIR] [--base-url URL] [-q]   build the site into DIR/public
              [--receipts DIR]                          merge each student's newest receipt into their own page
  pacer check [-s DIR]                                  validate everything, build nothing
  pacer serve [-s DIR] [--port N]                       preview while you write: rebuild and reload on save
              [--receipts DIR]                          (and every student's page at /_pacer/students/)
  pacer new site DIR                                    start a new site in DIR
  pacer new activity|competency|unit|student|group ID   add a file from a commented template
  pacer links [-s DIR] [-o DIR] [--base-url URL]        students' links as a CSV and printable QR cards
  pacer report RECEIPTS... [-o FILE] [-s DIR]           the class report from students' receipts
  pacer import roster PATH [--class NAME]...            students and groups from a OneRoster or Clever export
  pacer import standards FILE.json [--under CODE]       competencies from a CASE standards package
  pacer export cartridge -o FILE.imscc                  the course as an IMS Common Cartridge for an LMS
  pacer secret show|import [-s DIR]                     move the link secret to another machine
  pacer version                                         print the version

Run "pacer COMMAND --help" for a command's flags.
Exit codes: 0 ok, 1 content errors, 2 usage errors.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a usage error already explained to the user.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	var code int
	switch args[0] {
	case "build":
		code, err = build(args[1:], stdout, stderr, false)
	case "check":
		code, err = build(args[1:], stdout, stderr, true)
	case "new":
		code, err = newCmd(args[1:], stdout, stderr)
	case "serve":
		code, err = serveCmd(args[1:], stdout, stderr)
	case "links":
		code, err = linksCmd(args[1:], stdout, stderr)
	case "report":
		code, err = reportCmd(args[1:], stdout, stderr)
	case "import":
		code, err = importCmd(args[1:], stdout, stderr)
	case "export":
		code, err = exportCmd(args[1:], stdout, stderr)
	case "secret":
		code, err = secretCmd(args[1:], os.Stdin, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionString())
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "pacer: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "pacer: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		return "pacer " + v + " " + info.GoVersion
	}
	return "pacer " + v
}

func flags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pacer %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pacer %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

func build(args []string, stdout, stderr io.Writer, dry bool) (int, error) {
	name, syn := "build", "build [-s DIR] [-o DIR] [--base-url URL] [--receipts DIR] [-q]"
	if dry {
		name, syn = "check", "check [-s DIR] [-q]"
	}
	fs := flags(name, syn, stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	quiet := fs.Bool("q", false, "quiet: print only problems")
	var out, baseURL, receipts *string
	if !dry {
		out = fs.String("o", "", "output `folder` (default: public/ in the site folder)")
		baseURL = fs.String("base-url", "", "absolute `URL` the site is served from (default: all links relative)")
		receipts = fs.String("receipts", "", "`folder` of hand-in receipts: each student's newest is merged into their own page, published behind their private link (default: students.receipts in site.yaml; off when neither is set)")
	}
	if err := parse(fs, args, stderr); err != nil {
		return 2, err
	}
	opts := site.Options{Root: *dir, DryRun: dry}
	if out != nil {
		opts.Out, opts.BaseURL, opts.Receipts = *out, *baseURL, *receipts
	}
	if !*quiet && isTerminal(stderr) {
		opts.Progress = stderr
	}
	res, err := site.Build(opts)
	if *quiet {
		// Errors, then one line of counts: warnings are for a run without -q.
		res.Diags.PrintErrors(stderr)
		if c := res.Diags.Counts(); c != "" && res.Diags.Errors() == 0 {
			fmt.Fprintln(stderr, c)
		}
	} else {
		res.Diags.Print(stderr)
	}
	if oe := (*site.OutputError)(nil); errors.As(err, &oe) {
		return 2, err
	}
	if err != nil {
		return 1, err
	}
	if n := res.Diags.Errors(); n > 0 {
		summary := plural(n, "error")
		if *quiet {
			summary = res.Diags.Counts()
		}
		fmt.Fprintf(stderr, "%s; nothing was written\n", summary)
		return 1, nil
	}
	if res.SecretCreated {
		fmt.Fprintf(stderr, "note: created %s for student links. Keep it and back it up: if it changes, every student link changes. Never commit it or publish it.\n",
			filepath.Join(*dir, ".pacer", "secret"))
	}
	if res.SecretLocked {
		fmt.Fprintf(stderr, "note: wrote %s, the secret's fingerprint (it reveals nothing about it). Commit it with the course: another machine then refuses to build without the same secret (pacer secret show, pacer secret import).\n",
			filepath.Join(*dir, token.LockFile))
	}
	if *quiet {
		return 0, nil
	}
	warn := ""
	if n := res.Diags.Len(); n > 0 {
		warn = ", " + plural(n, "warning")
	}
	if dry {
		fmt.Fprintf(stdout, "ok: %d competencies, %d activities, %d units, %d students%s\n",
			len(res.Course.Competencies), len(res.Course.Activities), len(res.Course.Units), len(res.Course.Students), warn)
		return 0, nil
	}
	fmt.Fprintf(stdout, "built %d files into %s in %s%s\n", res.Files, res.Out, res.Duration.Round(1e6), warn)
	if len(res.Students) > 0 {
		fmt.Fprintln(stdout, "student pages (private links: share each only with its student):")
		for _, s := range res.Students {
			fmt.Fprintf(stdout, "  %-24s %s%s\n", s.Name, filepath.Join(res.Out, filepath.FromSlash(s.Path)), mergedMark(s))
		}
	}
	return 0, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// mergedMark marks a student whose page carries progress from a receipt.
func mergedMark(s site.Student) string {
	if s.Merged {
		return "  (merged progress)"
	}
	return ""
}
