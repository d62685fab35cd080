package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestExitCodes(t *testing.T) {
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "site.yaml"), []byte("title: [oops\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"version"}, 0},
		{[]string{"build", "--help"}, 0},
		{nil, 2},
		{[]string{"nope"}, 2},
		{[]string{"build", "--nope"}, 2},
		{[]string{"check", "a", "b"}, 2},
		{[]string{"new", "thing", "x"}, 2},
		{[]string{"check", "-s", bad}, 1},
		{[]string{"links", "--nope"}, 2},
		{[]string{"report"}, 2},
		{[]string{"report", "-s", bad, filepath.Join(bad, "none.json")}, 2},
		{[]string{"new", "activity"}, 2},
		{[]string{"new", "widget", "x"}, 2},
		{[]string{"build", "-s", bad}, 1},
	} {
		if got := run(tc.args, io.Discard, io.Discard); got != tc.want {
			t.Errorf("pacer %v: exit %d, want %d", tc.args, got, tc.want)
		}
	}
}
