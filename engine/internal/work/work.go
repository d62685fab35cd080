// Package work runs the same job over many items on a few workers per
// core: decoding content files, rendering pages, writing files.
package work

import (
	"runtime"
	"sync"
)

// Each calls a worker function for every i in [0, n), on one goroutine per
// core (at most n). newWorker is called once per goroutine, so a worker
// can keep its own scratch space (a buffer) between items. Each returns
// the first error a worker returned; the other items are still done.
func Each(n int, newWorker func() func(i int) error) error {
	return each(n, runtime.GOMAXPROCS(0), newWorker)
}

// EachFile is Each for items that read or write a file: two goroutines
// per core, so that while one waits on the disk (creating a file and its
// folder can take a millisecond on a busy file system) another keeps the
// core busy. Cold builds of 5,000 activities took 4–13% less wall time
// so, and loading their content about 50 ms less (BENCHMARKS.md, seventh
// and eighth sessions).
func EachFile(n int, newWorker func() func(i int) error) error {
	return each(n, 2*runtime.GOMAXPROCS(0), newWorker)
}

func each(n, workers int, newWorker func() func(i int) error) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan int)
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		do := newWorker()
		go func() {
			defer wg.Done()
			for i := range next {
				if err := do(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstErr
}
