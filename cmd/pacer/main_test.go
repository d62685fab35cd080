package main

import (
	"archive/zip"
	"os"
	"path/filepath"
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"zip": zipCmd},
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
