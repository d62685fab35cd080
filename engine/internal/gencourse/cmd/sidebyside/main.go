// Command sidebyside times site generators on the same machine in one run,
// alternating them run by run so that all see the same load, and prints
// each one's median wall time and peak memory and their ratios to the last,
// and the first one's ratio to each other one, run by run.
// It is run by scripts/bench-hugo.sh.
//
//	sidebyside -runs 5 -cmd 'pacer=pacer build -q -s SITE -o {out}' -cmd 'hugo=hugo --quiet --ignoreCache -s HSITE -d {out}'
//
// {out} is replaced by a fresh, empty output folder for every run. Outputs
// are kept until the end and the file system is synced before each run:
// on ext4, creating files soon after deleting thousands of others is
// several times slower (the allocator skips inodes deleted in the last
// 30 s), and writeback of the previous run's pages would otherwise land
// on the next run. Either would charge one generator for another's work.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

type result struct {
	wall time.Duration
	// cpu is user plus system time: on a machine other work shares, the
	// wall time moves with their load and this much less.
	cpu time.Duration
	// user is the user time alone: the program's own work. The system
	// time is mostly the file system's allocating the output, which on
	// this kind of VM moves several-fold from one minute to the next.
	user time.Duration
	rss  int64 // bytes
}

// commands collects -cmd flags.
type commands []struct{ name, line string }

func (c *commands) String() string { return fmt.Sprint(*c) }

func (c *commands) Set(v string) error {
	name, line, ok := strings.Cut(v, "=")
	if !ok || name == "" || line == "" {
		return fmt.Errorf("want NAME=COMMAND, not %q", v)
	}
	*c = append(*c, struct{ name, line string }{name, line})
	return nil
}

func main() {
	runs := flag.Int("runs", 5, "timed runs of each command (after one warm-up run each)")
	var cmds commands
	flag.Var(&cmds, "cmd", "`NAME=COMMAND` to time (split on spaces; give two or more); ratios are to the last")
	flag.Parse()
	if len(cmds) < 2 {
		fmt.Fprintln(os.Stderr, "sidebyside: give two or more -cmd NAME=COMMAND")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "sidebyside-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	rs := make([][]result, len(cmds))
	for i := -1; i < *runs; i++ { // run -1 warms the page cache
		var line []string
		for j, c := range cmds {
			r := run(c.line, filepath.Join(tmp, fmt.Sprintf("%d-%d", j, i)))
			if i >= 0 {
				rs[j] = append(rs[j], r)
				line = append(line, fmt.Sprintf("%s %s (cpu %s, user %s) %s", c.name, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.user.Round(time.Millisecond), mib(r.rss)))
			}
		}
		if i >= 0 {
			fmt.Fprintf(os.Stderr, "run %d: %s\n", i+1, strings.Join(line, ", "))
		}
	}
	last := median(rs[len(cmds)-1])
	for j, c := range cmds {
		m := median(rs[j])
		fmt.Printf("%-8s median %8s  cpu %8s  user %8s  peak RSS %8s", c.name, m.wall.Round(time.Millisecond), m.cpu.Round(time.Millisecond), m.user.Round(time.Millisecond), mib(m.rss))
		if j < len(cmds)-1 {
			fmt.Printf("  %s/%s = %.2f (time), %.2f (cpu), %.2f (user), %.2f (memory)", c.name, cmds[len(cmds)-1].name,
				m.wall.Seconds()/last.wall.Seconds(), m.cpu.Seconds()/last.cpu.Seconds(), m.user.Seconds()/last.user.Seconds(), float64(m.rss)/float64(last.rss))
		}
		fmt.Println()
	}
	// The first command against each other one, run by run: the two ran
	// seconds apart, so a run's ratio moves less with the machine than
	// either median does.
	first := cmds[0].name
	for j := 1; j < len(cmds); j++ {
		ratios := make([]float64, len(rs[0]))
		for i := range rs[0] {
			ratios[i] = rs[0][i].wall.Seconds() / rs[j][i].wall.Seconds()
		}
		slices.Sort(ratios)
		fmt.Printf("%s/%s by run: median %.2f, range %.2f-%.2f (wall time)\n", first, cmds[j].name, ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1])
	}
}

func run(command, out string) result {
	args := strings.Fields(strings.ReplaceAll(command, "{out}", out))
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	syscall.Sync()
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s: %w", command, err))
	}
	r := result{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = int64(ru.Maxrss) * 1024
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.user = time.Duration(ru.Utime.Nano())
	}
	return r
}

func median(rs []result) result {
	w := make([]time.Duration, len(rs))
	c := make([]time.Duration, len(rs))
	u := make([]time.Duration, len(rs))
	m := make([]int64, len(rs))
	for i, r := range rs {
		w[i], c[i], u[i], m[i] = r.wall, r.cpu, r.user, r.rss
	}
	slices.Sort(w)
	slices.Sort(c)
	slices.Sort(u)
	slices.Sort(m)
	return result{wall: w[len(w)/2], cpu: c[len(c)/2], user: u[len(u)/2], rss: m[len(m)/2]}
}

func mib(b int64) string { return fmt.Sprintf("%d MiB", b>>20) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sidebyside:", err)
	os.Exit(1)
}
