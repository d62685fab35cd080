package site

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
)

// pageStore keeps a session's rendered pages on disk, in a temporary
// folder of its own, so that the dev server's memory does not grow with
// the pages it serves (3 GB of them at 20,000 activities and 10,000
// students). Every rendered page gets a new file; the session holds its
// name and a hash, and removes the files of pages no build serves any
// more. Files are never rewritten, so a reader holding an old name reads
// a whole page.
type pageStore struct {
	dir  string
	next atomic.Int64
}

// storedPage is a page in a pageStore.
type storedPage struct {
	file string // path of its file
	sum  [sha256.Size]byte
}

func newPageStore() (*pageStore, error) {
	dir, err := os.MkdirTemp("", "pacer-serve-pages-")
	if err != nil {
		return nil, err
	}
	return &pageStore{dir: dir}, nil
}

// put writes a page (the caller may reuse data after).
func (ps *pageStore) put(data []byte) (storedPage, error) {
	n := ps.next.Add(1)
	// Folders of 1,000 files, made as they are needed.
	sub := filepath.Join(ps.dir, fmt.Sprint(n/1000))
	if n%1000 == 0 || n == 1 {
		if err := os.MkdirAll(sub, 0o700); err != nil {
			return storedPage{}, err
		}
	}
	p := filepath.Join(sub, fmt.Sprint(n))
	err := os.WriteFile(p, data, 0o600)
	if os.IsNotExist(err) {
		// Another worker's page opened this folder's range but has
		// not made it yet.
		if err = os.MkdirAll(sub, 0o700); err == nil {
			err = os.WriteFile(p, data, 0o600)
		}
	}
	if err != nil {
		return storedPage{}, err
	}
	return storedPage{file: p, sum: sha256.Sum256(data)}, nil
}

// read returns a page's bytes.
func (ps *pageStore) read(sp storedPage) ([]byte, error) { return os.ReadFile(sp.file) }

// drop removes pages' files.
func (ps *pageStore) drop(pages []storedPage) {
	for _, sp := range pages {
		os.Remove(sp.file)
	}
}

// close removes the folder and everything in it.
func (ps *pageStore) close() { os.RemoveAll(ps.dir) }
