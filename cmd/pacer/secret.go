package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/token"
)

// secretCmd moves the link secret between a teacher's machines: show
// prints it, import takes it (from stdin or an argument) into .pacer/secret.
func secretCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	const syn = "secret show|import [-s DIR] [SECRET]"
	if len(args) == 0 || (args[0] != "show" && args[0] != "import") {
		fmt.Fprintf(stderr, "Usage: pacer %s\n\n  show    print the link secret, to move it to another machine\n  import  make a secret (from stdin, or the argument) this machine's link secret\n", syn)
		return 2, errUsage
	}
	sub := args[0]
	fs := flags("secret "+sub, syn, stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	pos, err := parseArgs(fs, args[1:], stderr)
	if err != nil {
		return 2, err
	}
	if len(pos) > 1 || (sub == "show" && len(pos) > 0) {
		fmt.Fprintf(stderr, "pacer secret %s: unexpected argument %q\n", sub, pos[len(pos)-1])
		fs.Usage()
		return 2, errUsage
	}
	diags := &diag.List{}
	cfg := config.Load(*dir, diags)
	if diags.HasErrors() {
		diags.Print(stderr)
		return 1, nil
	}
	if sub == "show" {
		f, err := token.Existing(*dir, cfg.Students.SecretEnv)
		if te := (*token.Error)(nil); errors.As(err, &te) && !te.Missing {
			return 1, fmt.Errorf("%v\n\thint: %s", te, te.Hint)
		}
		if err != nil || f.Source == "" {
			return 1, fmt.Errorf("this machine has no link secret for the course (no $%s, no %s)\n\thint: run this on the machine that made the students' links (where pacer build first ran)", cfg.Students.SecretEnv, token.SecretFile)
		}
		fmt.Fprintf(stderr, "The link secret of this course (from %s) follows. Keep it private: with it anyone can work out every student's link. Paste it only into `pacer secret import` on your own machine; never into git, e-mail or chat.\n", f.Source)
		fmt.Fprintf(stdout, "%s\n", f.Secret)
		return 0, nil
	}
	var secret []byte
	if len(pos) == 1 {
		secret = []byte(pos[0])
	} else {
		if isTerminal(stderr) {
			fmt.Fprintln(stderr, "Paste the output of `pacer secret show` from the machine that made the links, then press Enter and Ctrl-D:")
		}
		secret, err = io.ReadAll(io.LimitReader(stdin, 4096))
		if err != nil {
			return 1, err
		}
	}
	wrote, err := token.Import(*dir, secret)
	if err != nil {
		return 1, err
	}
	p := filepath.Join(*dir, filepath.FromSlash(token.SecretFile))
	if !wrote {
		fmt.Fprintf(stdout, "%s already holds this secret: nothing to do\n", p)
		return 0, nil
	}
	fmt.Fprintf(stdout, "wrote %s (readable by you alone): builds here make the same student links as the machine it came from\n", p)
	return 0, nil
}
