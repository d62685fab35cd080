package roster

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/privfile"
	"go.yaml.in/yaml/v3"
)

// Options says where an import goes.
type Options struct {
	// Roster is the roster folder (site.yaml students.dir) on disk.
	Roster string
	// Secret is the site's link secret; new students' ids derive from it.
	Secret []byte
	// Units are the units a new group follows (all the course's, in order).
	Units []string
}

// Action is what an import does to one file.
type Action int

const (
	Same Action = iota
	Add
	Update
	// Left marks a student no longer enrolled: the file is kept.
	Left
)

// Change is one file of the plan.
type Change struct {
	Action Action
	// File is relative to the roster folder, with slashes.
	File string
	// Name is the student's name or the class's title.
	Name string
	// Detail says what changes ("name: Ana R. -> Ana Rivera").
	Detail string
	Group  string
	data   []byte
}

// Group is where a chosen class goes.
type Group struct {
	Class *Class
	ID    string
	File  string
	New   bool
}

// Plan is what an import would do; Write does it.
type Plan struct {
	Groups  []Group
	Changes []Change
	roster  string
	ids     *idMap
}

// Writes counts the files Write would write.
func (p *Plan) Writes() int {
	n := 0
	for _, c := range p.Changes {
		if c.data != nil {
			n++
		}
	}
	return n
}

// existing is a student file already in the roster folder.
type existing struct {
	file        string // relative, slashes
	name, group string
	src         []byte
}

// Make plans importing classes of pkg. Problems that would make the
// written files wrong go to diags; nothing is written.
func Make(pkg *Package, classes []*Class, opts Options, diags *diag.List) (*Plan, error) {
	ids, err := readIDs(opts.Roster)
	if err != nil {
		return nil, err
	}
	p := &Plan{roster: opts.Roster, ids: ids}
	src := pkg.Format.source()
	students, err := readStudents(opts.Roster)
	if err != nil {
		return nil, err
	}
	groupFiles := yamlFiles(filepath.Join(opts.Roster, "groups"))

	// Groups: the mapped id, else a slug of the title (adopting a group
	// file of that name the teacher already made).
	taken := map[string]bool{}
	for _, g := range ids.group {
		taken[g] = true
	}
	for _, c := range classes {
		id, ok := ids.group[key(src, c.ID)]
		if !ok {
			id = slug(c.Title)
			for n := 2; taken[id]; n++ {
				id = fmt.Sprintf("%s-%d", slug(c.Title), n)
			}
			ids.group[key(src, c.ID)] = id
			ids.changed = true
		}
		taken[id] = true
		g := Group{Class: c, ID: id, File: "groups/" + id + ".yaml"}
		if f, ok := groupFiles[id]; ok {
			g.File = f
		} else {
			g.New = true
			p.Changes = append(p.Changes, Change{Action: Add, File: g.File, Name: c.Title, data: groupFile(pkg, c, opts.Units)})
		}
		p.Groups = append(p.Groups, g)
	}

	// Students.
	owner := map[string]string{} // student id -> sourced id, this import
	for sid, id := range ids.student {
		if s, ok := strings.CutPrefix(sid, src+"\x00"); ok {
			owner[id] = s
		}
	}
	imported := map[string]bool{} // student ids any import made
	for _, id := range ids.student {
		imported[id] = true
	}
	byName := map[string]string{} // name -> the one hand-made file's id ("" when several)
	for id, ex := range students {
		if imported[id] || ex.name == "" {
			continue
		}
		n := normal(ex.name)
		if _, dup := byName[n]; dup {
			byName[n] = ""
		} else {
			byName[n] = id
		}
	}
	in := map[string]*Group{} // sourced id -> group, this import
	seen := map[string]bool{} // student ids enrolled now
	for gi := range p.Groups {
		g := &p.Groups[gi]
		for _, sid := range g.Class.Students {
			person := pkg.People[sid]
			if prev, dup := in[sid]; dup {
				diags.Errorf(person.Pos, "%s is in two of the chosen classes, %q and %q; a student has one group", person.Name(), prev.Class.Title, g.Class.Title).
					Hint = "import the classes one at a time, or choose one of them with --class"
				continue
			}
			in[sid] = g
			name := person.Name()
			if name == "" || strings.TrimSpace(person.Given+person.Preferred) == "" && person.Family == "" {
				diags.Errorf(person.Pos, "student %q has no name", sid).Hint = "fill in the given and family name in the school's system and export again"
				continue
			}
			id, mapped := ids.student[key(src, sid)]
			adopted := false
			if !mapped {
				// A file the teacher made by hand for this student (same
				// name, one file of that name, not imported) is adopted
				// rather than doubled.
				if hid, ok := byName[normal(name)]; ok && hid != "" && !imported[hid] {
					if _, derived := students[studentID(opts.Secret, src, sid, name, 0)]; !derived {
						id, mapped, adopted = hid, true, true
						ids.student[key(src, sid)], owner[hid], imported[hid] = hid, sid, true
						ids.changed = true
					}
				}
			}
			for extra := 0; !mapped; extra++ {
				id = studentID(opts.Secret, src, sid, name, extra)
				if o, ok := owner[id]; !ok || o == sid {
					ids.student[key(src, sid)] = id
					owner[id] = sid
					ids.changed = true
					break
				}
			}
			seen[id] = true
			ch := Change{Name: name, Group: g.ID}
			fields := []field{{"name", name}, {"group", g.ID}}
			if ex, ok := students[id]; ok {
				ch.File = ex.file
				out, changed, err := setFields(ex.src, fields)
				if err != nil {
					line, msg := 1, err.Error()
					if m := yamlErrRE.FindStringSubmatch(msg); m != nil {
						fmt.Sscan(m[1], &line)
						msg = m[2]
					}
					diags.Errorf(diag.Pos{File: path.Join(rosterShow(opts.Roster), ex.file), Line: line}, "cannot update %s: %s", name, msg).
						Hint = "fix the file (pacer check shows its problems), then import again"
					continue
				}
				if len(changed) == 0 {
					ch.Action = Same
				} else {
					ch.Action, ch.data = Update, out
					var d []string
					for _, k := range changed {
						old := ex.name
						if k == "group" {
							old = ex.group
						}
						if old == "" {
							d = append(d, fmt.Sprintf("%s: %s", k, valueOf(fields, k)))
						} else {
							d = append(d, fmt.Sprintf("%s: %s -> %s", k, old, valueOf(fields, k)))
						}
					}
					ch.Detail = strings.Join(d, ", ")
				}
				if adopted {
					ch.Detail = strings.TrimPrefix(ch.Detail+"; matched by name", "; ")
				}
			} else {
				ch.Action, ch.File, ch.data = Add, "students/"+id+".yaml", studentFile(pkg, name, g.ID)
			}
			p.Changes = append(p.Changes, ch)
		}
	}

	// Students who left a chosen class: imported before, in its group, not
	// enrolled now. Their files stay.
	chosen := map[string]*Group{}
	for i := range p.Groups {
		chosen[p.Groups[i].ID] = &p.Groups[i]
	}
	for id, ex := range students {
		g, ok := chosen[ex.group]
		if !ok || seen[id] {
			continue
		}
		if _, imported := owner[id]; !imported {
			continue
		}
		p.Changes = append(p.Changes, Change{Action: Left, File: ex.file, Name: ex.name, Group: g.ID,
			Detail: fmt.Sprintf("no longer in %s", g.Class.Title)})
	}
	sort.SliceStable(p.Changes, func(i, j int) bool {
		a, b := p.Changes[i], p.Changes[j]
		if (a.File[0] == 'g') != (b.File[0] == 'g') {
			return a.File[0] == 'g'
		}
		return a.File < b.File
	})
	return p, nil
}

func valueOf(fs []field, k string) string {
	for _, f := range fs {
		if f.key == k {
			return f.value
		}
	}
	return ""
}

var yamlErrRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// rosterShow is how the roster folder is named in messages.
func rosterShow(roster string) string { return filepath.ToSlash(filepath.Clean(roster)) }

// Write writes the plan's files and the id map.
func (p *Plan) Write() error {
	for _, c := range p.Changes {
		if c.data == nil {
			continue
		}
		if err := privfile.Write(filepath.Join(p.roster, filepath.FromSlash(c.File)), c.data); err != nil {
			return err
		}
	}
	if p.ids.changed {
		return p.ids.write(p.roster)
	}
	return nil
}

func yamlFiles(dir string) map[string]string {
	out := map[string]string{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		n := e.Name()
		ext := path.Ext(n)
		if e.IsDir() || strings.HasPrefix(n, ".") || ext != ".yaml" && ext != ".yml" {
			continue
		}
		out[strings.TrimSuffix(n, ext)] = path.Join(filepath.Base(dir), n)
	}
	return out
}

func readStudents(roster string) (map[string]*existing, error) {
	out := map[string]*existing{}
	for id, rel := range yamlFiles(filepath.Join(roster, "students")) {
		b, err := os.ReadFile(filepath.Join(roster, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		ex := &existing{file: rel, src: b}
		var m map[string]any
		if yaml.Unmarshal(b, &m) == nil {
			ex.name, _ = m["name"].(string)
			ex.group, _ = m["group"].(string)
			if s, ok := m["id"].(string); ok && s != "" {
				id = s
			}
		}
		out[id] = ex
	}
	return out, nil
}

func groupFile(pkg *Package, c *Class, units []string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Made by pacer import roster from the class %q (%s).\n", c.Title, pkg.Format)
	b.WriteString("# A re-import leaves this file as it is: edit it freely.\n")
	fmt.Fprintf(&b, "title: %s\n", scalar(c.Title))
	if len(units) == 0 {
		b.WriteString("units: []   # TODO: the units this class works through, in order\n")
	} else {
		fmt.Fprintf(&b, "units: [%s]   # the units this class works through, in order\n", strings.Join(units, ", "))
	}
	b.WriteString("# start: 2026-09-08   # the class's own dates, when they differ from the term\n# end: 2027-01-29\n")
	return []byte(b.String())
}

func studentFile(pkg *Package, name, group string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Made by pacer import roster (%s). A re-import updates name and group\n", pkg.Format)
	b.WriteString("# only: add prefers, interests, goals, accommodations and notes below and\n# they are kept.\n")
	fmt.Fprintf(&b, "name: %s\ngroup: %s\n", scalar(name), group)
	return []byte(b.String())
}

// UnitsOf lists the ids of the course's units in teaching order (see
// content.Course.UnitOrder).
func UnitsOf(c *content.Course) []string {
	var out []string
	for _, u := range c.UnitOrder() {
		out = append(out, u.ID)
	}
	return out
}
