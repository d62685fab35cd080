// Package themes embeds the built-in themes so the pacer binary works in
// any folder. A site overrides a file by putting one at the same relative
// path under its own themes/<name>/ folder.
package themes

import "embed"

// FS holds themes/<name>/{layouts,assets,i18n}.
//
//go:embed all:default
var FS embed.FS
