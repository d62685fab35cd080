// Command gencourse writes a synthetic course (and optionally the same pages
// as a minimal Hugo site) for benchmarks: see BENCHMARKS.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/pacer-edu/pacer/engine/internal/gencourse"
)

func main() {
	activities := flag.Int("activities", 1000, "number of activities")
	competencies := flag.Int("competencies", 0, "number of competencies (default: the shape's)")
	students := flag.Int("students", 100, "number of students")
	shape := flag.String("shape", "default", "course `shape`: "+strings.Join(gencourse.Shapes, ", ")+" (see BENCHMARKS.md)")
	seed := flag.Uint64("seed", 1, "seed")
	pacer := flag.String("pacer", "", "write the Pacer site into this `folder`")
	hugo := flag.String("hugo", "", "write the same pages as a minimal Hugo site into this `folder`")
	flag.Parse()
	o, err := gencourse.ShapeOptions(*shape, *activities, *students)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencourse:", err)
		os.Exit(2)
	}
	if *competencies > 0 {
		o.Competencies = *competencies
	}
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
