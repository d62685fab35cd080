package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/roster"
	"github.com/pacer-edu/pacer/engine/standards"
	"github.com/pacer-edu/pacer/engine/token"
)

const importSynopsis = `import roster PATH [-s DIR] [--class NAME|ID]... [--dry-run]
       pacer import standards FILE.json [-s DIR] [--under CODE] [--dry-run]`

func importCmd(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(stderr, "Usage: pacer %s\n", importSynopsis)
		if len(args) == 0 {
			return 2, errUsage
		}
		return 0, flag.ErrHelp
	}
	switch args[0] {
	case "roster":
		return importRoster(args[1:], stdout, stderr)
	case "standards":
		return importStandards(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "pacer import: unknown kind %q (known: roster, standards)\n", args[0])
	if h := diag.DidYouMean(args[0], []string{"roster", "standards"}); h != "" {
		fmt.Fprintf(stderr, "\thint: %s\n", h)
	}
	return 2, errUsage
}

// list is a repeatable string flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ", ") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

// one returns the single positional argument, or a usage error.
func one(fs *flag.FlagSet, args []string, what string, stderr io.Writer) (string, error) {
	pos, err := parseArgs(fs, args, stderr)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		if len(pos) == 0 {
			fmt.Fprintf(stderr, "pacer %s: name the %s to read\n", fs.Name(), what)
		} else {
			fmt.Fprintf(stderr, "pacer %s: unexpected argument %q\n", fs.Name(), pos[1])
		}
		fs.Usage()
		return "", errUsage
	}
	return pos[0], nil
}

func importRoster(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flags("import roster", "import roster PATH [-s DIR] [--class NAME|ID]... [--dry-run]\n\nPATH is a OneRoster 1.1/1.2 CSV package (a folder or a zip) or a Clever export", stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	var classes list
	fs.Var(&classes, "class", "a class to import, by `title or id` (repeat for several; leave out to list the classes)")
	dry := fs.Bool("dry-run", false, "print what would change, write nothing")
	path, err := one(fs, args, "export (a folder or a zip)", stderr)
	if err != nil {
		return 2, err
	}
	diags := &diag.List{}
	cfg := config.Load(*dir, diags)
	pkg, err := roster.Read(path, diags)
	diags.Print(stderr)
	if err != nil {
		return 1, err
	}
	if n := diags.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s; nothing was written\n", plural(n, "error"))
		return 1, nil
	}
	if len(classes) == 0 {
		fmt.Fprintf(stdout, "classes in %s (%s):\n", path, pkg.Format)
		for _, c := range pkg.Classes {
			fmt.Fprintf(stdout, "  %-32s id %-14s %s\n", c.Title, c.ID, plural(len(c.Students), "student"))
		}
		fmt.Fprintln(stderr, "nothing was imported: choose the classes to import with --class TITLE (or --class ID), once for each")
		return 2, errUsage
	}
	chosen, err := pkg.Find(classes)
	if err != nil {
		fmt.Fprintf(stderr, "pacer import roster: %v\n\thint: run pacer import roster %s without --class to list its classes\n", err, path)
		return 2, errUsage
	}
	// New students' ids derive from the link secret. Without one yet, the
	// plan is checked with a provisional secret first, so a failed import
	// does not leave a new secret behind either.
	found, err := token.Existing(*dir, cfg.Students.SecretEnv)
	if err != nil {
		var te *token.Error
		if errors.As(err, &te) {
			fmt.Fprintf(stderr, "pacer import roster: %s\n\thint: %s\n", te.Msg, te.Hint)
			return 1, nil
		}
		return 1, fmt.Errorf("cannot get the link secret: %v", err)
	}
	secret := found.Secret
	provisional, created := found.Source == "", false
	rdir := content.RosterDir(*dir, cfg)
	course := content.Load(*dir, cfg, &diag.List{})
	units := roster.UnitsOf(course)
	pdiags := &diag.List{}
	plan, err := roster.Make(pkg, chosen, roster.Options{Roster: rdir, Secret: secret, Units: units}, pdiags)
	if err == nil && provisional && !*dry && !pdiags.HasErrors() {
		if found, err = token.Secret(*dir, cfg.Students.SecretEnv); err != nil {
			return 1, fmt.Errorf("cannot make the link secret: %v", err)
		}
		secret, created = found.Secret, found.Created
		plan, err = roster.Make(pkg, chosen, roster.Options{Roster: rdir, Secret: secret, Units: units}, pdiags)
	}
	if err != nil {
		return 1, err
	}
	pdiags.Print(stderr)
	if n := pdiags.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s; nothing was written\n", plural(n, "error"))
		return 1, nil
	}
	printPlan(stdout, pkg, plan, rdir)
	if *dry {
		fmt.Fprintf(stdout, "dry run: %s would be written into %s; nothing was written\n", plural(plan.Writes(), "file"), rdir)
		if provisional {
			fmt.Fprintln(stdout, "note: there is no link secret yet, so new students' ids above are provisional (the import makes the secret, then the ids)")
		}
		return 0, nil
	}
	if err := plan.Write(); err != nil {
		return 1, err
	}
	if created {
		fmt.Fprintf(stderr, "note: created %s for student links. Keep it and back it up: if it changes, every student link changes. Never commit it or publish it.\n",
			filepath.Join(*dir, token.SecretFile))
	}
	fmt.Fprintf(stdout, "wrote %s into %s\n", plural(plan.Writes(), "file"), rdir)
	for _, g := range plan.Groups {
		if g.New && len(units) == 0 {
			fmt.Fprintf(stderr, "%s: warning: the course has no units yet, so the group lists none\n\thint: add the units this class works through to units: in that file\n", filepath.ToSlash(filepath.Join(rdir, g.File)))
		}
	}
	fmt.Fprintf(stdout, "keep %s private: it maps the school's ids to students\n", filepath.Join(rdir, roster.IDFile))
	return 0, nil
}

func printPlan(w io.Writer, pkg *roster.Package, p *roster.Plan, rdir string) {
	fmt.Fprintf(w, "%s %s:\n", pkg.Format, pkg.Path)
	words := map[roster.Action]string{roster.Same: "same", roster.Add: "new", roster.Update: "update", roster.Left: "left"}
	for _, g := range p.Groups {
		n := 0
		for _, c := range p.Changes {
			if c.Group == g.ID && c.Action != roster.Left {
				n++
			}
		}
		state := "kept as it is"
		if g.New {
			state = "new"
		}
		fmt.Fprintf(w, "  class %q -> %s (%s), %s\n", g.Class.Title, g.File, state, plural(n, "student"))
	}
	same := 0
	for _, c := range p.Changes {
		switch c.Action {
		case roster.Same:
			same++
			continue
		case roster.Add:
			if strings.HasPrefix(c.File, "groups/") {
				continue
			}
		}
		line := fmt.Sprintf("  %-6s %s  %s", words[c.Action], c.File, c.Name)
		if c.Detail != "" {
			line += " (" + c.Detail + ")"
		}
		if c.Action == roster.Left {
			line += "; the file is kept: change its group or delete it yourself"
		}
		fmt.Fprintln(w, line)
	}
	if same > 0 {
		fmt.Fprintf(w, "  %s unchanged\n", plural(same, "student"))
	}
}

func importStandards(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flags("import standards", "import standards FILE.json [-s DIR] [--under CODE] [--dry-run]\n\nFILE.json is a CASE 1.0/1.1 CFPackage (the JSON a CASE server sends for CFPackages/{identifier})", stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	under := fs.String("under", "", "import only the standards under the domain or cluster with this `code` (humanCodingScheme)")
	dry := fs.Bool("dry-run", false, "print what would be written, write nothing")
	file, err := one(fs, args, "CASE package (FILE.json)", stderr)
	if err != nil {
		return 2, err
	}
	diags := &diag.List{}
	cfg := config.Load(*dir, diags)
	if diags.HasErrors() {
		diags.Print(stderr)
		return 1, nil
	}
	pkg, err := standards.Read(file, diags)
	if err != nil {
		diags.Print(stderr)
		return 1, err
	}
	var plan *standards.Plan
	if pkg != nil {
		course := content.Load(*dir, cfg, &diag.List{})
		plan = standards.Make(pkg, course, *under, diags)
	}
	diags.Print(stderr)
	if n := diags.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s; nothing was written\n", plural(n, "error"))
		return 1, nil
	}
	fmt.Fprintf(stdout, "CASE package %s: %s\n", file, pkg.Title)
	for _, f := range plan.Files {
		fmt.Fprintf(stdout, "  new   %s  %s\n", f.Path, f.Label)
	}
	for _, s := range plan.Skipped {
		why := map[string]string{"case": "its case: identifier", "code": "its code", "unit": "a unit of that id"}[s.Why]
		fmt.Fprintf(stdout, "  skip  %s: already in %s (%s)\n", s.Label, s.File, why)
	}
	if *dry {
		fmt.Fprintf(stdout, "dry run: %s would be written; nothing was written\n", plural(len(plan.Files), "file"))
		return 0, nil
	}
	if err := plan.Write(); err != nil {
		return 1, err
	}
	fmt.Fprintf(stdout, "wrote %s\n", plural(len(plan.Files), "file"))
	if len(plan.Files) > 0 {
		fmt.Fprintln(stdout, "next: say each can: in a student's words (marked TODO), then add activities (pacer new activity ID --for COMPETENCY)")
	}
	return 0, nil
}
