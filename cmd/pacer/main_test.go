package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pacer": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the whole-site tests in testdata/script: each is a
// small site written inline, built by the real CLI, then asserted on.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		// PACER_UPDATE=1 rewrites the expected output (cmp files) in the scripts.
		UpdateScripts: os.Getenv("PACER_UPDATE") != "",
		Setup: func(e *testscript.Env) error {
			e.Setenv("PACER_SECRET", "test-secret")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"zip": zipCmd, "gen": gen},
	})
}

// zipCmd is the script command "zip OUT.zip DIR [PREFIX]": DIR's files,
// under PREFIX, as a zip (for exports that come zipped).
func zipCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: zip OUT.zip DIR [PREFIX]")
	}
	prefix := ""
	if len(args) > 2 {
		prefix = args[2]
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	zw := zip.NewWriter(f)
	ents, err := os.ReadDir(ts.MkAbs(args[1]))
	ts.Check(err)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(ts.MkAbs(args[1]), e.Name()))
		ts.Check(err)
		w, err := zw.Create(prefix + e.Name())
		ts.Check(err)
		_, err = w.Write(b)
		ts.Check(err)
	}
	ts.Check(zw.Close())
	ts.Check(f.Close())
}

// gen FILE HEAD BODY N TAIL writes HEAD, BODY N times, then TAIL to FILE
// (each a Go string literal's content, so "\n" is a newline): the
// pathological inputs a script needs without committing megabytes.
func gen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 5 {
		ts.Fatalf("usage: gen FILE HEAD BODY N TAIL")
	}
	n, err := strconv.Atoi(args[3])
	ts.Check(err)
	esc := strings.NewReplacer(`\n`, "\n", `\t`, "\t")
	var parts [3]string
	for i, a := range []string{args[1], args[2], args[4]} {
		parts[i] = esc.Replace(a)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(parts[0]+strings.Repeat(parts[1], n)+parts[2]), 0o644))
}
