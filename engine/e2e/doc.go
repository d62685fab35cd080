// Package e2e holds Pacer's browser tests: they drive a real headless
// Chromium (through engine/internal/browsertest) against pages served on
// 127.0.0.1 or opened from file://, find things by role and accessible
// name, use the keyboard, check that no page throws, logs an error, fails a
// request or talks to another host, and run axe-core on every page kind.
//
// The package has no code of its own: everything is in its _test.go files.
// The tests skip when Chromium or axe-core is missing, and fail instead
// when CI=true. Set them up with:
//
//	apt-get install -y --no-install-recommends chromium
//	npm install --ignore-scripts --no-save axe-core   # in the module root
package e2e
