package assets

import (
	"bytes"
	"io/fs"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/pacer-edu/pacer/themes"
)

func TestTheHandInModuleIsBundledOnItsOwnWithAContentHash(t *testing.T) {
	theme, _ := fs.Sub(themes.FS, "default")
	path, js, err := HandIn(theme)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^assets/pacer-handin\.[0-9a-f]{10}\.js$`).MatchString(path) || path != "assets/pacer-handin."+Hash(js)+".js" {
		t.Errorf("path %q", path)
	}
	if !bytes.Contains(js, []byte("var PacerHandIn=")) {
		t.Errorf("the script sets no window.PacerHandIn: %.200s", js)
	}
	main, err := Build(theme)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(main.Files[main.Script], []byte("PQ1.")) {
		t.Error("the main script carries the QR hand-in: every page would load it")
	}
}

func TestAScriptThatDoesNotBuildSaysWhere(t *testing.T) {
	theme := fstest.MapFS{"assets/x.ts": {Data: []byte("export const x = (1 + ;\n")}}
	_, err := Script(theme, "assets/x.ts", "X")
	e, ok := err.(*Error)
	if !ok || len(e.Diagnostics) == 0 || e.Diagnostics[0].Pos.File != "assets/x.ts" || e.Diagnostics[0].Pos.Line != 1 {
		t.Errorf("err = %#v", err)
	}
	if _, err := Script(theme, "assets/none.ts", "X"); err == nil {
		t.Error("a missing entry built")
	}
}
