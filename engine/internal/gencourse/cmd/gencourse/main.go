// Command gencourse writes a synthetic course (and optionally the same pages
// as a minimal Hugo site) for benchmarks: see BENCHMARKS.md.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

func main() {
	var o gencourse.Options
	flag.IntVar(&o.Activities, "activities", 1000, "number of activities")
	flag.IntVar(&o.Competencies, "competencies", 0, "number of competencies (default activities/20)")
	flag.IntVar(&o.Students, "students", 100, "number of students")
	seed := flag.Uint64("seed", 1, "seed")
	pacer := flag.String("pacer", "", "write the Pacer site into this `folder`")
	hugo := flag.String("hugo", "", "write the same pages as a minimal Hugo site into this `folder`")
	flag.Parse()
	o.Seed = *seed
	if *pacer == "" && *hugo == "" {
		fmt.Fprintln(os.Stderr, "gencourse: give -pacer DIR, -hugo DIR or both")
		os.Exit(2)
	}
	if *pacer != "" {
		if _, err := gencourse.Write(*pacer, o); err != nil {
			fmt.Fprintln(os.Stderr, "gencourse:", err)
			os.Exit(1)
		}
	}
	if *hugo != "" {
		if err := gencourse.Hugo(*hugo, o); err != nil {
			fmt.Fprintln(os.Stderr, "gencourse:", err)
			os.Exit(1)
		}
	}
}
