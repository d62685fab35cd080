package site

import (
	"io/fs"

	"github.com/pacer-edu/pacer/engine/assets"
)

// handIn bundles the theme's QR hand-in module, which student pages load
// apart from their own script, once the plan is drawn or when a student
// hands in. A theme without the module gets no codes
// (path ""); a broken one is reported like the main script.
func (b *builder) handIn() (path string, js []byte) {
	if _, err := fs.Stat(b.theme.FS, assets.HandInEntry); err != nil {
		return "", nil
	}
	path, js, err := assets.HandIn(b.theme.FS)
	if ae, ok := err.(*assets.Error); ok {
		b.assetDiags(ae.Diagnostics)
		return "", nil
	}
	if err != nil {
		return "", nil
	}
	return path, js
}
