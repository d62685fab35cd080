package assets

import (
	"fmt"
	"io/fs"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/pacer-edu/pacer/engine/diag"
)

// Script bundles one more script of a theme, entry (such as
// "assets/qrhandin.ts") with everything it imports, into a minified
// classic script like the main one; its exports go into the window
// property global when that is not empty. Pages that need it load it on
// their own (the QR hand-in), or a teacher's file inlines it (the scan
// page), so the main script stays small.
func Script(theme fs.FS, entry, global string) ([]byte, error) {
	if _, err := fs.Stat(theme, entry); err != nil {
		return nil, fmt.Errorf("assets: the theme has no %s", entry)
	}
	o := options(theme)
	o.EntryPointsAdvanced = []api.EntryPoint{{InputPath: entry, OutputPath: "script"}}
	o.GlobalName = global
	res := api.Build(o)
	if len(res.Errors) > 0 {
		return nil, &Error{diagnostics(res.Errors, diag.Error)}
	}
	for _, f := range res.OutputFiles {
		if f.Path == outdir+"/script.js" {
			return f.Contents, nil
		}
	}
	return nil, fmt.Errorf("assets: esbuild produced no script for %s", entry)
}

// The QR hand-in module (engine/handin's browser half, and the paper
// plan's codes): the student page loads it once its plan is drawn, or
// when a student hands in or prints, and calls
// window.PacerHandIn.render(receipt).
const (
	HandInEntry  = "assets/qrhandin.ts"
	HandInGlobal = "PacerHandIn"
)

// HandIn bundles the theme's QR hand-in module into its content-hashed
// file, "assets/pacer-handin.<hash>.js", for a build to write beside the
// main script.
func HandIn(theme fs.FS) (path string, js []byte, err error) {
	js, err = Script(theme, HandInEntry, HandInGlobal)
	if err != nil {
		return "", nil, err
	}
	return "assets/pacer-handin." + Hash(js) + ".js", js, nil
}
