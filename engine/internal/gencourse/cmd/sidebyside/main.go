// Command sidebyside times two site generators on the same machine in one
// run, alternating them run by run so that both see the same load, and
// prints each one's median wall time and peak memory and their ratio. It is
// run by scripts/bench-hugo.sh.
//
//	sidebyside -runs 5 -a 'pacer build -q -s SITE -o {out}' -b 'hugo --quiet --ignoreCache -s HSITE -d {out}'
//
// {out} is replaced by a fresh, empty output folder for every run; old ones
// are deleted between runs, outside the timing.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type result struct {
	wall time.Duration
	rss  int64 // bytes
}

func main() {
	runs := flag.Int("runs", 5, "timed runs of each command (after one warm-up run each)")
	a := flag.String("a", "", "first `command` (split on spaces)")
	b := flag.String("b", "", "second `command`")
	an := flag.String("a-name", "A", "name of the first command")
	bn := flag.String("b-name", "B", "name of the second command")
	flag.Parse()
	if *a == "" || *b == "" {
		fmt.Fprintln(os.Stderr, "sidebyside: give -a and -b")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "sidebyside-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	var ra, rb []result
	for i := -1; i < *runs; i++ { // run -1 warms the page cache
		x := run(*a, filepath.Join(tmp, "a"+strconv.Itoa(i)))
		y := run(*b, filepath.Join(tmp, "b"+strconv.Itoa(i)))
		if i < 0 {
			continue
		}
		fmt.Fprintf(os.Stderr, "run %d: %s %s %s, %s %s %s\n", i+1, *an, x.wall.Round(time.Millisecond), mib(x.rss), *bn, y.wall.Round(time.Millisecond), mib(y.rss))
		ra, rb = append(ra, x), append(rb, y)
	}
	ma, mb := median(ra), median(rb)
	fmt.Printf("%-8s median %8s  peak RSS %s\n", *an, ma.wall.Round(time.Millisecond), mib(ma.rss))
	fmt.Printf("%-8s median %8s  peak RSS %s\n", *bn, mb.wall.Round(time.Millisecond), mib(mb.rss))
	fmt.Printf("%s / %s = %.2f (time), %.2f (memory)\n", *an, *bn, ma.wall.Seconds()/mb.wall.Seconds(), float64(ma.rss)/float64(mb.rss))
}

func run(command, out string) result {
	args := strings.Fields(strings.ReplaceAll(command, "{out}", out))
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s: %w", command, err))
	}
	r := result{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = int64(ru.Maxrss) * 1024
	}
	os.RemoveAll(out)
	return r
}

func median(rs []result) result {
	w := make([]time.Duration, len(rs))
	m := make([]int64, len(rs))
	for i, r := range rs {
		w[i], m[i] = r.wall, r.rss
	}
	slices.Sort(w)
	slices.Sort(m)
	return result{w[len(w)/2], m[len(m)/2]}
}

func mib(b int64) string { return fmt.Sprintf("%d MiB", b>>20) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sidebyside:", err)
	os.Exit(1)
}
