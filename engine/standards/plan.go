package standards

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/graph"
	"github.com/pacer-edu/pacer/engine/yamlx"
	"go.yaml.in/yaml/v3"
)

// File is one file the import writes.
type File struct {
	// Path is relative to the site root, with slashes.
	Path  string
	Label string // the item's code and short statement
	data  []byte
}

// Skipped is an item left out because the course has it already.
type Skipped struct {
	Label string
	// File is the course file that has it; Why says how it matched.
	File, Why string
}

// Plan is what an import would write.
type Plan struct {
	Files   []File
	Skipped []Skipped
	root    string
}

// Make plans the competencies and units for the items of pkg (those under
// the item whose code or identifier is under, when under is not empty),
// leaving out what course already has. Problems go to diags.
func Make(pkg *Package, course *content.Course, under string, diags *diag.List) *Plan {
	p := &Plan{root: course.Root}
	at := diag.Pos{File: pkg.File}
	// Which items: competencies are standards and components (or, in a
	// framework without types, items with no children); the others group
	// them.
	isComp := func(x *Item) bool {
		t := strings.ToLower(x.Type)
		for _, k := range []string{"standard", "component", "indicator", "benchmark", "objective", "expectation", "element"} {
			if strings.Contains(t, k) {
				return true
			}
		}
		return len(pkg.Children[x.ID]) == 0 && (t == "" || !groupType(t))
	}
	roots := topLevel(pkg)
	if under != "" {
		var top *Item
		var codes []string
		for _, x := range pkg.Items {
			if strings.EqualFold(x.Code, under) || x.ID == under {
				top = x
				break
			}
			if x.Code != "" {
				codes = append(codes, x.Code)
			}
		}
		if top == nil {
			e := diags.Errorf(at, "no item with the code %q", under)
			if h := diag.DidYouMean(under, codes); h != "" {
				e.Hint = h
			} else {
				e.Hint = "--under takes the humanCodingScheme of a domain or cluster, such as 6.RP"
			}
			return p
		}
		roots = []*Item{top}
	}
	var comps []*Item
	unitOf := map[string]*Item{} // competency item -> its unit item
	var units []*Item
	var walk func(x *Item, unit *Item)
	seenUnit := map[string]bool{}
	walk = func(x *Item, unit *Item) {
		if isComp(x) {
			if x.Statement == "" {
				diags.Warnf(at, "item %s has no fullStatement; it is left out", x.Label())
			} else {
				comps = append(comps, x)
				if unit != nil {
					unitOf[x.ID] = unit
					if !seenUnit[unit.ID] {
						seenUnit[unit.ID] = true
						units = append(units, unit)
					}
				}
			}
		} else {
			unit = x
		}
		for _, c := range children(pkg, x.ID) {
			walk(c, unit)
		}
	}
	for _, r := range roots {
		walk(r, nil)
	}
	if len(comps) == 0 {
		diags.Errorf(at, "found no standards with a statement to import").Hint = "check the file is the framework's whole package; --under picks part of it by code"
		return p
	}

	// Already in the course: by case identifier, then by code.
	byCase, byCode := map[string]*content.Competency{}, map[string]*content.Competency{}
	for _, k := range course.Competencies {
		if k.Case != "" {
			byCase[k.Case] = k
		}
		for _, c := range k.Codes {
			byCode[strings.ToLower(c)] = k
		}
	}
	idOf := map[string]string{} // item -> competency id (new or existing)
	taken := map[string]bool{}
	for id := range course.Competency {
		taken[id] = true
	}
	for _, u := range course.Units {
		taken["unit:"+u.ID] = true
	}
	var fresh []*Item
	for _, x := range comps {
		if k, ok := byCase[x.ID]; ok {
			p.Skipped = append(p.Skipped, Skipped{Label: x.Label(), File: k.File, Why: "case"})
			idOf[x.ID] = k.ID
			continue
		}
		if k, ok := byCode[strings.ToLower(x.Code)]; ok && x.Code != "" {
			p.Skipped = append(p.Skipped, Skipped{Label: x.Label(), File: k.File, Why: "code"})
			idOf[x.ID] = k.ID
			continue
		}
		id := newID(x, taken)
		idOf[x.ID] = id
		fresh = append(fresh, x)
	}
	// Prerequisites from precedes, among what the course will have.
	requires := map[string][]string{}
	var ids []string
	for _, x := range comps {
		ids = append(ids, idOf[x.ID])
		for _, o := range pkg.Precedes[x.ID] {
			if rid, ok := idOf[o]; ok {
				requires[idOf[x.ID]] = append(requires[idOf[x.ID]], rid)
			}
		}
	}
	itemOf := map[string]*Item{}
	for _, x := range comps {
		itemOf[idOf[x.ID]] = x
	}
	cycles := graph.New(ids, requires).Cycles()
	for _, cyc := range cycles {
		var names []string
		for _, id := range cyc {
			names = append(names, itemOf[id].Label())
		}
		names = append(names, names[0])
		// cyc[i] requires cyc[i+1]: an association says cyc[i+1] precedes cyc[i].
		var lines []string
		pos := at
		for i, id := range cyc {
			p := pkg.assoc[itemOf[cyc[(i+1)%len(cyc)]].ID+"\x00"+itemOf[id].ID]
			if p.Line > 0 {
				lines = append(lines, strconv.Itoa(p.Line))
				if pos.Line == 0 {
					pos = p
				}
			}
		}
		where := ""
		if len(lines) > 0 {
			where = " (the associations on lines " + strings.Join(lines, ", ") + ")"
		}
		diags.Errorf(pos, "the precedes associations make a cycle (each comes after the next): %s%s", strings.Join(names, " -> "), where).
			Hint = "a standard cannot come before itself; fix the framework's precedes associations, or import part of it with --under"
	}
	if len(cycles) > 0 {
		return p
	}
	doc := pkg.Title
	for _, x := range fresh {
		id := idOf[x.ID]
		p.Files = append(p.Files, File{Path: "content/competencies/" + id + ".md", Label: title(x), data: competencyFile(x, requires[id], doc)})
	}
	for _, u := range units {
		var list []string
		for _, x := range comps {
			if unitOf[x.ID] == u {
				list = append(list, idOf[x.ID])
			}
		}
		id := newID(u, nil)
		if taken["unit:"+id] {
			p.Skipped = append(p.Skipped, Skipped{Label: u.Label(), File: course.Unit[id].File, Why: "unit"})
			continue
		}
		taken["unit:"+id] = true
		p.Files = append(p.Files, File{Path: "content/units/" + id + ".md", Label: title(u), data: unitFile(u, list, doc)})
	}
	return p
}

func groupType(t string) bool {
	for _, k := range []string{"domain", "cluster", "strand", "grade", "course", "category", "topic", "conceptual", "section"} {
		if strings.Contains(t, k) {
			return true
		}
	}
	return false
}

// topLevel is the items with no parent in the package.
func topLevel(pkg *Package) []*Item {
	var out []*Item
	for _, x := range pkg.Items {
		if _, ok := pkg.Item[x.Parent]; !ok {
			out = append(out, x)
		}
	}
	sortItems(out)
	return out
}

func children(pkg *Package, id string) []*Item {
	out := append([]*Item(nil), pkg.Children[id]...)
	sortItems(out)
	return out
}

// sortItems orders siblings by sequence number, then list enumeration,
// then code with numbers compared as numbers.
func sortItems(xs []*Item) {
	sort.SliceStable(xs, func(i, j int) bool {
		a, b := xs[i], xs[j]
		if a.seq != b.seq && a.seq >= 0 && b.seq >= 0 {
			return a.seq < b.seq
		}
		if a.List != b.List && a.List != "" && b.List != "" {
			return natural(a.List, b.List)
		}
		return natural(a.Code, b.Code)
	})
}

func natural(a, b string) bool {
	pa, pb := strings.FieldsFunc(a, sep), strings.FieldsFunc(b, sep)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

func sep(r rune) bool { return r == '.' || r == '-' || r == ' ' }

func newID(x *Item, taken map[string]bool) string {
	base := x.Code
	if base == "" {
		base = short(x.Statement, 40)
	}
	id := yamlx.Slug(base)
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", yamlx.Slug(base), n)
	}
	if taken != nil {
		taken[id] = true
	}
	return id
}

func title(x *Item) string {
	s := x.Short
	if s == "" {
		s = short(x.Statement, 60)
	}
	if x.Code == "" {
		return s
	}
	return x.Code + ": " + s
}

func q(s string) string {
	b, _ := yaml.Marshal(s)
	return strings.TrimSuffix(string(b), "\n")
}

// can drafts the "I can" statement from the standard's words; the
// teacher rewrites it in a student's words.
func can(x *Item) string {
	s := short(x.Statement, 110)
	r, n := utf8.DecodeRuneInString(s)
	if r2, _ := utf8.DecodeRuneInString(s[n:]); !unicode.IsUpper(r2) {
		s = string(unicode.ToLower(r)) + s[n:]
	}
	return "I can " + s
}

func competencyFile(x *Item, requires []string, doc string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", q(title(x)))
	fmt.Fprintf(&b, "can: %s   # TODO: say it the way a student would\n", q(can(x)))
	if x.Code != "" {
		fmt.Fprintf(&b, "codes: [%s]\n", q(x.Code))
	}
	fmt.Fprintf(&b, "case: %s\n", q(x.ID))
	if len(requires) > 0 {
		fmt.Fprintf(&b, "requires: [%s]\n", strings.Join(requires, ", "))
	}
	b.WriteString("---\n")
	b.WriteString(x.Statement)
	b.WriteString("\n\n")
	b.WriteString(source(x, doc))
	return []byte(b.String())
}

func source(x *Item, doc string) string {
	var parts []string
	if len(x.Levels) > 0 {
		var lv []string
		for _, l := range x.Levels {
			if n, err := strconv.Atoi(l); err == nil {
				l = strconv.Itoa(n)
			}
			lv = append(lv, l)
		}
		parts = append(parts, "Grade "+strings.Join(lv, ", "))
	}
	if doc != "" {
		parts = append(parts, "from "+doc)
	}
	if len(parts) == 0 {
		return ""
	}
	return "*" + strings.Join(parts, ", ") + ".*\n"
}

func unitFile(u *Item, comps []string, doc string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", q(title(u)))
	fmt.Fprintf(&b, "competencies: [%s]   # in teaching order\n", strings.Join(comps, ", "))
	b.WriteString("---\n")
	if u.Statement != "" {
		b.WriteString(u.Statement + "\n\n")
	}
	b.WriteString("<!-- TODO: why this unit matters, in a student's words -->\n")
	return []byte(b.String())
}

// Write writes the plan's files, refusing to replace any that exists.
func (p *Plan) Write() error {
	for _, f := range p.Files {
		dst := filepath.Join(p.root, filepath.FromSlash(f.Path))
		if _, err := os.Stat(dst); err == nil {
			return fmt.Errorf("%s exists; it was not replaced", f.Path)
		}
	}
	for _, f := range p.Files {
		dst := filepath.Join(p.root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(dst), "."+path.Base(f.Path)+".*")
		if err != nil {
			return err
		}
		_, err = tmp.Write(f.data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), dst)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}
