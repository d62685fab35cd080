// Package gencourse writes deterministic synthetic courses for benchmarks
// and the dev-server tests: N activities over K competencies, grouped into
// units, with S students in classes of about 25. Bodies look like the Hugo
// baseline corpus (../../../shared/notes/hugo-baseline.md): headings,
// emphasis, inline code, links, lists, one table, one image, a fenced code
// block in 40 % of pages, 450–1,300 words, about 7 KB a page. The same seed
// always gives the same bytes.
//
// Hugo writes the same activity and competency pages as a minimal Hugo
// site, for measuring both generators side by side.
package gencourse

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size a course. Zero values take the defaults noted.
type Options struct {
	Activities int
	// Competencies defaults to Activities/20 (at least 1).
	Competencies int
	Students     int
	// UnitSize is competencies per unit (default 10).
	UnitSize int
	// ClassSize is students per group (default 25).
	ClassSize int
	// UnitsPerClass is how many units each class studies: consecutive
	// ones, the next class starting where the last one started plus this
	// many (wrapping around). 0 keeps the default: each class studies one
	// strand of three units, strands taken in turn.
	UnitsPerClass int
	Seed          uint64
}

// Shapes are the course shapes the benchmarks cover (BENCHMARKS.md), by
// name. Each takes the number of activities and students.
var Shapes = []string{"default", "few", "wide", "long"}

// ShapeOptions returns the options of a named shape:
//
//   - default: 20 activities per competency, units of 10 competencies,
//     each class one strand of 3 units (about 30 steps a student).
//   - few: 5 activities per competency, units of 10 competencies, one unit
//     per class (about 10 steps a student, and a course of many units).
//   - wide: 20 activities per competency, 13 units (250 competencies of
//     20 activities at 5,000), two units per class: 40 and more steps of
//     20 activities each.
//   - long: 20 activities per competency, 13 units, ten units per class:
//     about 200 steps a student at 5,000 activities.
func ShapeOptions(shape string, activities, students int) (Options, error) {
	o := Options{Activities: activities, Students: students, Seed: 1}
	comps := max(1, activities/20)
	thirteen := max(1, (comps+12)/13) // competencies per unit for 13 units
	switch shape {
	case "", "default":
	case "few":
		o.Competencies = max(1, activities/5)
		o.UnitsPerClass = 1
	case "wide":
		o.UnitSize, o.UnitsPerClass = thirteen, 2
	case "long":
		o.UnitSize, o.UnitsPerClass = thirteen, 10
	default:
		return o, fmt.Errorf("unknown course shape %q (known: %s)", shape, strings.Join(Shapes, ", "))
	}
	return o, nil
}

func (o *Options) defaults() {
	if o.Competencies <= 0 {
		o.Competencies = max(1, o.Activities/20)
	}
	if o.UnitSize <= 0 {
		o.UnitSize = 10
	}
	if o.ClassSize <= 0 {
		o.ClassSize = 25
	}
}

// Course is what Write wrote, for tests that edit it.
type Course struct {
	Root string
	// Activities and Competencies are the files' paths relative to Root,
	// in id order.
	Activities   []string
	Competencies []string
	Units        []string
	Students     []string
}

// ActivityID returns the id of activity i.
func ActivityID(i int) string { return fmt.Sprintf("a%05d-%s", i, slugs[i%len(slugs)]) }

// CompetencyID returns the id of competency k.
func CompetencyID(k int) string { return fmt.Sprintf("c%04d-%s", k, slugs[(k*7)%len(slugs)]) }

// UnitID returns the id of unit u.
func UnitID(u int) string { return fmt.Sprintf("u%03d", u) }

// ActivityPath returns activity i's file, relative to the site root.
// Activities sit in folders of 25, as in the Hugo baseline.
func ActivityPath(i int) string {
	return filepath.Join("content", "activities", fmt.Sprintf("f%04d", i/25), ActivityID(i)+".md")
}

// CompetencyOf returns the competency activity i is for.
func CompetencyOf(i, competencies int) int { return i % competencies }

// Write writes a Pacer site into dir (created if needed).
func Write(dir string, o Options) (*Course, error) {
	o.defaults()
	c := &Course{Root: dir}
	w := &writer{root: dir}
	K, N := o.Competencies, o.Activities
	units := (K + o.UnitSize - 1) / o.UnitSize

	w.file("site.yaml", siteYAML)
	for k := range K {
		p := filepath.Join("content", "competencies", CompetencyID(k)+".md")
		w.file(p, competency(k, o))
		c.Competencies = append(c.Competencies, p)
	}
	for u := range units {
		p := filepath.Join("content", "units", UnitID(u)+".md")
		var ids []string
		for k := u * o.UnitSize; k < min(K, (u+1)*o.UnitSize); k++ {
			ids = append(ids, CompetencyID(k))
		}
		r := rng(o.Seed, 3, uint64(u))
		w.file(p, fmt.Sprintf("---\ntitle: %s\ncompetencies: [%s]\ndiagnostic: %v\n---\n%s",
			title(r, 4), strings.Join(ids, ", "), u%4 == 0, paragraphs(r, 2)))
		c.Units = append(c.Units, p)
	}
	for i := range N {
		p := ActivityPath(i)
		w.file(p, activity(i, o))
		c.Activities = append(c.Activities, p)
	}
	groups := (o.Students + o.ClassSize - 1) / o.ClassSize
	strands := max(1, units/3)
	for g := range groups {
		var us []string
		if o.UnitsPerClass > 0 {
			for j := range min(o.UnitsPerClass, units) {
				us = append(us, UnitID((firstUnit(g, units, o)+j)%units))
			}
		} else {
			// A class studies one strand of three units.
			for u := (g % strands) * 3; u < min(units, (g%strands)*3+3); u++ {
				us = append(us, UnitID(u))
			}
		}
		w.file(filepath.Join("content", "groups", fmt.Sprintf("g%04d.yaml", g)),
			fmt.Sprintf("title: Class %d\nunits: [%s]\n", g, strings.Join(us, ", ")))
	}
	for s := range o.Students {
		p := filepath.Join("content", "students", fmt.Sprintf("s%05d.yaml", s))
		r := rng(o.Seed, 4, uint64(s))
		var b strings.Builder
		fmt.Fprintf(&b, "name: %s %c.\ngroup: g%04d\n", firstNames[r.IntN(len(firstNames))], 'A'+rune(r.IntN(26)), s/o.ClassSize)
		fmt.Fprintf(&b, "prefers: [%s, %s]\n", modalities[r.IntN(len(modalities))], modalities[r.IntN(len(modalities))])
		fmt.Fprintf(&b, "interests: [%s]\n", interests[r.IntN(len(interests))])
		if s%10 == 3 {
			b.WriteString("accommodations: {time: 1.5}\n")
		}
		if s%7 == 0 {
			first := (s / o.ClassSize) % strands * 3
			if o.UnitsPerClass > 0 {
				first = firstUnit(s/o.ClassSize, units, o)
			}
			fmt.Fprintf(&b, "mastered: [%s]\n", CompetencyID(first*o.UnitSize))
		}
		w.file(p, b.String())
		c.Students = append(c.Students, p)
	}
	return c, w.err
}

// firstUnit is the first unit class g studies when classes take
// UnitsPerClass units each.
func firstUnit(g, units int, o Options) int { return g * o.UnitsPerClass % units }

// Hugo writes the same activity and competency pages as a minimal Hugo
// site (the baseline's hugo.toml and layouts) into dir.
func Hugo(dir string, o Options) error {
	o.defaults()
	w := &writer{root: dir}
	w.file("hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \"baseline\"\n"+
		"disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n")
	layout := "<!DOCTYPE html>\n<title>{{ .Title }}</title>\n<main><h1>{{ .Title }}</h1>{{ .Content }}</main>\n"
	w.file(filepath.Join("layouts", "_default", "single.html"), layout)
	w.file(filepath.Join("layouts", "_default", "list.html"), layout)
	for k := range o.Competencies {
		w.file(filepath.Join("content", "competencies", CompetencyID(k)+".md"), competency(k, o))
	}
	for i := range o.Activities {
		w.file(ActivityPath(i), activity(i, o))
	}
	return w.err
}

type writer struct {
	root string
	dirs map[string]bool
	err  error
}

func (w *writer) file(rel, data string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.root, rel)
	if d := filepath.Dir(p); !w.dirs[d] {
		if w.err = os.MkdirAll(d, 0o755); w.err != nil {
			return
		}
		if w.dirs == nil {
			w.dirs = map[string]bool{}
		}
		w.dirs[d] = true
	}
	w.err = os.WriteFile(p, []byte(data), 0o644)
}

// rng is a generator for one item: the same (seed, kind, i) always gives
// the same stream, whatever else is generated.
func rng(seed, kind, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, kind<<40|i))
}

const siteYAML = `title: Synthetic course
language: en
term:
  start: 2026-09-08
  end: 2027-06-18
  days: [mon, tue, wed, thu, fri]
  breaks:
    - {from: 2026-12-21, to: 2027-01-01, name: Winter break}
  minutesPerDay: 30
mastery:
  scale: [Not yet, Getting there, Got it, Can teach it]
  rule: {self: 3, checks: 2 of 3}
`

func competency(k int, o Options) string {
	r := rng(o.Seed, 1, uint64(k))
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\ncan: I can %s.\ncodes: [STD.%d.%d]\n", title(r, 3), sentence(r, 8, 14), k/o.UnitSize, k%o.UnitSize)
	// Each competency needs the one before it in its unit, and sometimes
	// one from the unit before in its strand of three units: a realistic,
	// acyclic prerequisite graph whose closures stay within a strand.
	var req []string
	if k%o.UnitSize != 0 {
		req = append(req, CompetencyID(k-1))
	}
	if u := k / o.UnitSize; u%3 != 0 && k%3 == 0 {
		req = append(req, CompetencyID(k-o.UnitSize+1))
	}
	if len(req) > 0 {
		fmt.Fprintf(&b, "requires: [%s]\n", strings.Join(req, ", "))
	}
	b.WriteString("---\n")
	body(&b, r, false)
	return b.String()
}

var levels = []string{"core", "core", "core", "core", "core", "core", "core", "support", "support", "extension"}

func activity(i int, o Options) string {
	r := rng(o.Seed, 2, uint64(i))
	var b strings.Builder
	k := CompetencyOf(i, o.Competencies)
	mod := modalities[(i/o.Competencies+r.IntN(2))%len(modalities)]
	level := levels[(i/o.Competencies)%len(levels)]
	fmt.Fprintf(&b, "---\ntitle: %s\nfor: [%s]\nmodality: %s\nminutes: %d\nlevel: %s\n",
		title(r, 5), CompetencyID(k), mod, 10+5*r.IntN(6), level)
	if level == "core" {
		// Three choice groups per competency: a student does one of each.
		fmt.Fprintf(&b, "choice: %s\n", []string{"learn", "practice", "apply"}[(i/o.Competencies)%3])
	}
	fmt.Fprintf(&b, "interests: [%s]\n", interests[r.IntN(len(interests))])
	b.WriteString("---\n")
	body(&b, r, true)
	return b.String()
}

// body writes 450–1,300 words of Markdown.
func body(b *strings.Builder, r *rand.Rand, checks bool) {
	target := 450 + r.IntN(851)
	words := 0
	sec := 0
	table, image, code := false, false, r.IntN(10) < 4
	for words < target {
		sec++
		fmt.Fprintf(b, "\n## %s\n\n", title(r, 3))
		for range 1 + r.IntN(2) {
			words += paragraph(b, r)
		}
		switch {
		case sec == 1:
			b.WriteString("\n")
			for j := range 3 + r.IntN(3) {
				fmt.Fprintf(b, "%d. %s.\n", j+1, sentence(r, 6, 14))
				words += 10
			}
		case sec == 2:
			b.WriteString("\n")
			for range 3 + r.IntN(3) {
				fmt.Fprintf(b, "- **%s**: %s.\n", word(r), sentence(r, 5, 12))
				words += 9
			}
		case !table:
			table = true
			b.WriteString("\n| quantity | first | second | per one |\n|---|---:|---:|---:|\n")
			for j := range 4 {
				x := 1 + r.IntN(12)
				fmt.Fprintf(b, "| %s | %d | %d | %d |\n", word(r), x*(j+1), (j+1)*2, x)
			}
			words += 24
		case !image:
			image = true
			fmt.Fprintf(b, "\n![A diagram of %s](https://example.org/img/%s-%d.png)\n", sentence(r, 3, 6), word(r), r.IntN(1000))
			words += 6
		case code:
			code = false
			fmt.Fprintf(b, "\n```python\n# %s\ndef per_one(total, count):\n    return total / count\n\nprint(per_one(%d, %d))\n```\n", sentence(r, 4, 8), 10+r.IntN(90), 1+r.IntN(9))
			words += 16
		}
	}
	if checks && r.IntN(10) < 6 {
		for range 1 + r.IntN(2) {
			x, y := 3+r.IntN(7), 3+r.IntN(7)
			fmt.Fprintf(b, "\n```check\nq: What is %d times %d?\nchoices: [\"%d\", \"%d\", \"%d\"]\nanswer: 2\nexplain: %s.\n```\n",
				x, y, x+y, x*y, x*y+1, sentence(r, 6, 12))
		}
	}
}

func paragraph(b *strings.Builder, r *rand.Rand) int {
	n := 0
	b.WriteString("\n")
	for s := range 3 + r.IntN(4) {
		if s > 0 {
			b.WriteString(" ")
		}
		k := 8 + r.IntN(14)
		for j := range k {
			if j > 0 {
				b.WriteString(" ")
			}
			w := word(r)
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			switch r.IntN(40) {
			case 0:
				fmt.Fprintf(b, "*%s*", w)
			case 1:
				fmt.Fprintf(b, "**%s**", w)
			case 2:
				fmt.Fprintf(b, "`%s`", w)
			case 3:
				fmt.Fprintf(b, "[%s](https://example.org/%s)", w, w)
			default:
				b.WriteString(w)
			}
		}
		b.WriteString(".")
		n += k
	}
	b.WriteString("\n")
	return n
}

func paragraphs(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		paragraph(&b, r)
	}
	return b.String()
}

func sentence(r *rand.Rand, lo, hi int) string {
	n := lo + r.IntN(hi-lo+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = word(r)
	}
	return strings.Join(ws, " ")
}

func title(r *rand.Rand, n int) string {
	ws := make([]string, 2+r.IntN(n))
	for i := range ws {
		w := word(r)
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

func word(r *rand.Rand) string { return vocabulary[r.IntN(len(vocabulary))] }

var modalities = []string{"video", "reading", "audio", "hands-on", "interactive", "practice", "project", "discussion", "game"}

var interests = []string{"sports", "music", "art", "animals", "games", "cooking", "space", "nature"}

var firstNames = []string{"Ada", "Ben", "Caro", "Dev", "Emi", "Finn", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena", "Mo", "Nia", "Omar", "Pia"}

var slugs = []string{"ratios", "tables", "graphs", "rates", "percent", "recipes", "maps", "speed", "shopping", "mixtures", "scale", "survey"}

var vocabulary = strings.Fields(`ratio rate table graph number line double unit price speed distance time
recipe mixture paint lemonade cup spoon mile hour minute dollar cent pound ounce gram liter meter
compare equivalent scale factor multiply divide share part whole percent fraction decimal model
students notice wonder explain reason check answer estimate measure record data pattern point
coordinate plane axis label title key value each every for per one many few more less same
different because therefore first then next finally together partner group class teacher
question problem strategy tool diagram picture story context real world market garden train
bicycle runner swimmer baker farmer builder scientist artist musician player team game score`)
