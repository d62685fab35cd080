package assets

import (
	"encoding/json"
	"io/fs"
	"sort"
	"strings"
)

// The service worker: its script must sit at the site root for its scope
// to cover the site, and browsers look for updates at one fixed address,
// so its name is not content-hashed.
const (
	WorkerEntry = "assets/sw.ts"
	WorkerPath  = "sw.js"
)

// Worker bundles the theme's service worker for a build whose assets (the
// paths, relative to the site root, of the content-hashed files every page
// loads) are given, and lazy ones (content-hashed files some pages load,
// which the worker caches as pages use them, not when it installs). The
// script starts with self.PacerSW: the list and the cache's name, a hash
// of both lists, so that a build with any new asset is a new worker with a
// new cache. A theme without assets/sw.ts has no worker: Worker returns
// nil and no error.
func Worker(theme fs.FS, assetPaths, lazy []string) ([]byte, error) {
	if _, err := fs.Stat(theme, WorkerEntry); err != nil {
		return nil, nil
	}
	js, err := Script(theme, WorkerEntry, "")
	if err != nil {
		return nil, err
	}
	list := append([]string(nil), assetPaths...)
	sort.Strings(list)
	all := append(append([]string(nil), list...), lazy...)
	sort.Strings(all)
	cfg, _ := json.Marshal(struct {
		Cache  string   `json:"cache"`
		Assets []string `json:"assets"`
	}{Hash([]byte(strings.Join(all, "\n"))), list})
	return append([]byte("self.PacerSW="+string(cfg)+";\n"), js...), nil
}
