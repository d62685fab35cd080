// Package scaffold owns the starter files pacer writes for a teacher: a new
// site, and (later) one content file of each kind. Templates are embedded
// txtar archives, so what a new site contains is readable in one file.
package scaffold

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/txtar"
)

//go:embed site.txtar
var siteArchive []byte

// Site writes a new, working site into dir, which must not exist or be
// empty. It never overwrites a file.
func Site(dir string) error {
	if err := emptyOrMissing(dir); err != nil {
		return err
	}
	ar := txtar.Parse(siteArchive)
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = fh.Write(f.Data)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func emptyOrMissing(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s exists and is a file; choose a new folder name", dir)
	}
	if _, err := f.Readdirnames(1); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s is not empty; pacer new site needs a new or empty folder so it overwrites nothing", dir)
	}
	return nil
}
