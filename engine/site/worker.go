package site

import (
	"github.com/pacer-edu/pacer/engine/assets"
	"github.com/pacer-edu/pacer/engine/diag"
)

// putWorker writes the theme's service worker (sw.js at the root) for a
// build, listing the assets every page loads so that it caches them (and
// the course data's chunks, which it caches as pages use them), and
// records its path for the pages to register it. Only a full build has a
// worker: the dev server's assets change under the same names.
func (b *builder) putWorker(out output, a *assets.Result, course string, chunks []string) error {
	b.worker = ""
	list := []string{course}
	for p := range a.Files {
		list = append(list, p)
	}
	for _, p := range b.stringsPath {
		list = append(list, p)
	}
	js, err := assets.Worker(b.theme.FS, list, chunks)
	if err != nil {
		if ae, ok := err.(*assets.Error); ok {
			b.assetDiags(ae.Diagnostics)
			return nil
		}
		b.res.Diags.Add(diag.Diagnostic{Pos: diag.Pos{File: "themes/" + b.cfg.Theme + "/" + assets.WorkerEntry}, Message: err.Error()})
		return nil
	}
	if js == nil {
		return nil
	}
	b.worker = assets.WorkerPath
	return out.put(assets.WorkerPath, outFile{data: js})
}
