// Package clienttest runs the theme's TypeScript unit tests (ts/*.test.ts)
// in headless Chromium from go test: it bundles them with esbuild's Go API,
// the shared case files of engine/testdata/cases inlined, loads the bundle
// in a page and reports each test as a subtest. It holds no product code.
package clienttest
