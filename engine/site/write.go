package site

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// marker is written into every output folder; a folder without it is never
// replaced, so a mistyped -o cannot wipe a teacher's files.
const marker = ".pacer-output"

// outFile is a file to write: data, or a copy of the file at src.
type outFile struct {
	data []byte
	src  string
}

// output receives a build's files as they are rendered; put may be called
// from several goroutines at once.
type output interface {
	put(path string, f outFile) error
}

// dirOutput writes files into a fresh sibling of out as they come, and
// swaps it in on commit, so a failed build leaves out as it was and a big
// build never holds all its pages in memory.
type dirOutput struct {
	out, tmp string
	held     io.Closer // the lock on tmp's marker, nil where there is none
	dirs     sync.Map  // folder -> *folder
	files    atomic.Int64
}

// folder is made once, by whichever put needs it first; puts into other
// folders go on meanwhile (a mkdir is a slow system call).
type folder struct {
	once sync.Once
	err  error
}

// newDirOutput prepares to write into out, for the site at root whose
// roster lives in roster (and whose receipts, when merged, in receipts):
// it refuses an out that holds the teacher's own folders, and removes
// what interrupted builds left beside it.
func newDirOutput(root, roster, out string, receipts ...string) (*dirOutput, error) {
	out = filepath.Clean(out)
	if err := checkOutput(root, roster, out, receipts...); err != nil {
		return nil, err
	}
	parent, name := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(parent, name)
	tmp, err := os.MkdirTemp(parent, "."+name+".pacer-new-")
	if err != nil {
		return nil, err
	}
	// The marker goes in first, so what a killed build leaves is known as
	// ours and removed by the next build.
	var held io.Closer
	if err := os.Chmod(tmp, 0o755); err == nil {
		err = writeMarker(tmp, nil)
	}
	if err == nil {
		held, err = holdMarker(tmp)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	tmp = filepath.Clean(tmp) // MkdirTemp("."...) gives "./.public...", Join cleans
	d := &dirOutput{out: out, tmp: tmp, held: held}
	made := &folder{}
	made.once.Do(func() {})
	d.dirs.Store(tmp, made)
	return d, nil
}

func (d *dirOutput) put(name string, f outFile) error {
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	d.files.Add(1)
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return writeOne(p, f)
}

// mkdir makes dir and the folders above it up to d.tmp, each once.
func (d *dirOutput) mkdir(dir string) error {
	v, _ := d.dirs.LoadOrStore(dir, &folder{})
	fo := v.(*folder)
	fo.once.Do(func() {
		parent := filepath.Dir(dir)
		if parent == dir || !strings.HasPrefix(dir, d.tmp) {
			fo.err = fmt.Errorf("internal: %s is outside the output folder %s", dir, d.tmp)
			return
		}
		if fo.err = d.mkdir(parent); fo.err != nil {
			return
		}
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			fo.err = err
		}
	})
	return fo.err
}

// discard removes what was written.
func (d *dirOutput) discard() {
	d.release()
	os.RemoveAll(d.tmp)
}

func (d *dirOutput) release() {
	if d.held != nil {
		d.held.Close()
		d.held = nil
	}
}

// commit swaps the written folder in.
func (d *dirOutput) commit() error {
	defer d.release()
	out, tmp := d.out, d.tmp
	parent, name := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(tmp)
	if err != nil {
		d.discard()
		return err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != marker {
			names = append(names, e.Name())
		}
	}
	if err := writeMarker(tmp, names); err != nil {
		d.discard()
		return err
	}
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = filepath.Join(parent, "."+name+".pacer-old-"+randHex())
		if err := os.Rename(out, old); err != nil {
			d.discard()
			return fmt.Errorf("cannot replace %s: %w", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		d.discard()
		return fmt.Errorf("cannot move the new build into %s: %w", out, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// countOutput only counts (pacer check).
type countOutput struct{ files atomic.Int64 }

func (c *countOutput) put(string, outFile) error {
	c.files.Add(1)
	return nil
}

// checkReplaceable refuses to replace a folder that is not a Pacer output.
func checkReplaceable(out string) error {
	fi, err := os.Stat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &OutputError{Msg: fmt.Sprintf("output %s is a file, not a folder", out)}
	}
	if data, err := os.ReadFile(filepath.Join(out, marker)); err == nil {
		return checkWritten(out, string(data))
	}
	f, err := os.Open(out)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return nil
	}
	return &OutputError{Msg: fmt.Sprintf("output folder %s is not empty and was not written by pacer; refusing to replace it (choose another -o, or empty it first)", out)}
}

const (
	markerText = "This folder is written by pacer build and replaced by the next build.\n"
	wroteLine  = "It holds only what that build wrote:\n"
)

// writeMarker marks dir as a build's; names, when not nil, are the
// entries the build wrote at its top.
func writeMarker(dir string, names []string) error {
	text := markerText
	if names != nil {
		text += wroteLine + strings.Join(names, "\n") + "\n"
	}
	return os.WriteFile(filepath.Join(dir, marker), []byte(text), 0o644)
}

// junk is what a file browser leaves in any folder it shows.
var junk = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

// legacy is what builds wrote at the top of their output before markers
// listed it.
var legacy = []string{"activities", "assets", "competencies", "files", "index.html", "robots.txt", "s", "units"}

// checkWritten refuses an output whose marker lists what its build wrote
// when it holds anything else: a teacher's file put there, or a copied
// marker in a folder of their own. A marker without a list, from an older
// build, vouches for what those builds wrote.
func checkWritten(out, markerData string) error {
	names := legacy
	if _, list, ok := strings.Cut(markerData, wroteLine); ok {
		names = strings.Split(list, "\n")
	}
	wrote := map[string]bool{marker: true}
	for _, n := range names {
		wrote[n] = true
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	var other []string
	for _, e := range entries {
		if !wrote[e.Name()] && !junk[e.Name()] {
			other = append(other, e.Name())
		}
	}
	if len(other) == 0 {
		return nil
	}
	if len(other) > 3 {
		other = append(other[:3], "…")
	}
	return &OutputError{Msg: fmt.Sprintf("refusing to build into %s: it holds %s, which the last build did not write, and a build replaces its output folder whole\n\thint: move what you keep out of it, or choose another -o", out, strings.Join(other, ", "))}
}

// removeLeftovers removes the folders an interrupted build of out left in
// parent: only those named as a build names them and holding the marker,
// and not a running build's.
func removeLeftovers(parent, name string) {
	for _, kind := range []string{".pacer-new-", ".pacer-old-"} {
		found, _ := filepath.Glob(filepath.Join(parent, "."+name+kind+"*"))
		for _, p := range found {
			if fi, err := os.Lstat(p); err != nil || !fi.IsDir() {
				continue
			}
			if fi, err := os.Lstat(filepath.Join(p, marker)); err == nil && fi.Mode().IsRegular() && !inUse(p) {
				os.RemoveAll(p)
			}
		}
	}
}

func randHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func writeOne(p string, f outFile) error {
	if f.src == "" {
		return os.WriteFile(p, f.data, 0o644)
	}
	in, err := os.Open(f.src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
