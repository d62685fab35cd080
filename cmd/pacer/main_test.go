package main

import (
	"os"
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
	})
}
