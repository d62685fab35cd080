// Package privfile writes files that hold students' names or links for the
// teacher's eyes only (link rosters, class reports): atomically, through a
// temporary file renamed into place so a reader never sees half a file,
// and readable by their owner alone.
package privfile

import (
	"os"
	"path/filepath"
)

// Write writes data to path, creating its folder (owner-only) if needed.
func Write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o600)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
