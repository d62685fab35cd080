//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package site

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// holdMarker locks dir's marker for as long as its build runs, so another
// build beside it does not take the folder for an interrupted build's
// leftovers.
func holdMarker(dir string) (io.Closer, error) {
	f, err := os.Open(filepath.Join(dir, marker))
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// inUse reports that a running build holds dir's marker.
func inUse(dir string) bool {
	f, err := os.Open(filepath.Join(dir, marker))
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	return errors.Is(err, syscall.EWOULDBLOCK)
}
