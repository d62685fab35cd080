package work

import (
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachDoesEveryItemOnceAndReturnsTheFirstError(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	var workers atomic.Int32
	boom := errors.New("boom")
	err := Each(n, func() func(int) error {
		workers.Add(1)
		return func(i int) error {
			seen[i].Add(1)
			if i == 500 {
				return boom
			}
			return nil
		}
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	for i := range seen {
		if c := seen[i].Load(); c != 1 {
			t.Fatalf("item %d done %d times", i, c)
		}
	}
	if w := int(workers.Load()); w != runtime.GOMAXPROCS(0) {
		t.Errorf("%d workers, want one per core (%d)", w, runtime.GOMAXPROCS(0))
	}
	if err := Each(0, func() func(int) error { return func(int) error { t.Error("called for no items"); return nil } }); err != nil {
		t.Error(err)
	}
}

// EachFile does every item once, on two goroutines per core: one can
// wait on the disk while the other works.
func TestEachFileRunsTwoWorkersPerCore(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	var workers atomic.Int32
	err := EachFile(n, func() func(int) error {
		workers.Add(1)
		return func(i int) error {
			seen[i].Add(1)
			return nil
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if c := seen[i].Load(); c != 1 {
			t.Fatalf("item %d done %d times", i, c)
		}
	}
	if w := int(workers.Load()); w != 2*runtime.GOMAXPROCS(0) {
		t.Errorf("%d workers, want two per core (%d)", w, 2*runtime.GOMAXPROCS(0))
	}
	workers.Store(0)
	EachFile(1, func() func(int) error {
		workers.Add(1)
		return func(int) error { return nil }
	})
	if w := workers.Load(); w != 1 {
		t.Errorf("%d workers for one item, want 1", w)
	}
}
