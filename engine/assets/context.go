package assets

import (
	"errors"
	"io/fs"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Context keeps esbuild's state between builds of one theme (for the dev
// server): a rebuild re-reads the theme's files and re-parses only those
// that changed. Rebuild calls are serialized; Dispose frees the context.
type Context struct {
	theme fs.FS
	mu    sync.Mutex
	ctx   api.BuildContext
}

// NewContext prepares incremental builds of theme's assets; nothing is
// built until Rebuild.
func NewContext(theme fs.FS) *Context { return &Context{theme: theme} }

// Rebuild bundles the theme's assets as Build does.
func (c *Context) Rebuild() (*Result, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Entry points can appear or vanish between rebuilds (a theme
	// override being written); esbuild would only say "could not resolve".
	if err := checkEntries(c.theme); err != nil {
		return nil, err
	}
	if c.ctx == nil {
		ctx, cerr := api.Context(options(c.theme))
		if cerr != nil {
			return nil, errors.New("assets: " + cerr.Error())
		}
		c.ctx = ctx
	}
	return collect(c.ctx.Rebuild())
}

// Dispose frees esbuild's state; the Context must not be used afterwards.
func (c *Context) Dispose() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ctx != nil {
		c.ctx.Dispose()
		c.ctx = nil
	}
}
