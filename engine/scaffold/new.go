package scaffold

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/yamlx"
	"github.com/rogpeppe/go-internal/txtar"
)

//go:embed new.txtar
var newArchive []byte

// Kinds are the content kinds pacer new writes one file of.
var Kinds = []string{"activity", "competency", "unit", "student", "group"}

var templates = func() map[string]*template.Template {
	fns := template.FuncMap{
		"join": func(ids []string) string { return strings.Join(ids, ", ") },
		// pad aligns the comment after a line's value at column n.
		"pad": func(n int, s string) string { return s + strings.Repeat(" ", max(1, n-len(s))) },
	}
	m := map[string]*template.Template{}
	for _, f := range txtar.Parse(newArchive).Files {
		m[f.Name] = template.Must(template.New(f.Name).Funcs(fns).Parse(string(f.Data)))
	}
	return m
}()

// Item asks for one new file.
type Item struct {
	Kind, ID string
	// For and Modality are an activity's (default: the first competency
	// in the course, reading).
	For      []string
	Modality string
}

// ArgError is a request that cannot be met as asked (an unknown kind,
// competency or modality, a bad id): a usage error.
type ArgError struct {
	Msg, Hint string
}

func (e *ArgError) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + "\n\thint: " + e.Hint
}

// ErrExists is returned when the file, or an item with the id, exists:
// pacer new never overwrites.
var ErrExists = errors.New("already exists")

// New writes the template file of it into the course, filled in from the
// course so that it builds as it is. It returns the file's path relative
// to the site root (or absolute, for a roster outside it). It never
// overwrites a file.
func New(c *content.Course, it Item) (string, error) {
	if !slices.Contains(Kinds, it.Kind) {
		e := &ArgError{Msg: fmt.Sprintf("unknown kind %q", it.Kind), Hint: diag.DidYouMean(it.Kind, Kinds)}
		if e.Hint == "" {
			e.Hint = "kinds: site, " + strings.Join(Kinds, ", ")
		}
		return "", e
	}
	if !yamlx.ValidID(it.ID) {
		return "", &ArgError{Msg: fmt.Sprintf("%q is not a valid id", it.ID), Hint: yamlx.IDHint(it.ID)}
	}
	data, err := fill(c, it)
	if err != nil {
		return "", err
	}
	rel := path(c, it)
	if p := existing(c, it); p != "" {
		return "", fmt.Errorf("%s %q %w in %s; pacer new never overwrites: choose another id, or edit that file", it.Kind, it.ID, ErrExists, p)
	}
	p := rel
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.Root, p)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s %w; pacer new never overwrites: choose another id, or edit that file", rel, ErrExists)
	}
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return rel, err
}

// path is where the file of it goes.
func path(c *content.Course, it Item) string {
	switch it.Kind {
	case "student", "group":
		dir := content.RosterDir(c.Root, c.Config)
		if rel, err := filepath.Rel(c.Root, dir); err == nil {
			dir = rel
		}
		return filepath.Join(dir, it.Kind+"s", it.ID+".yaml")
	case "activity":
		return filepath.Join(content.Dir, "activities", it.ID+".md")
	}
	return filepath.Join(content.Dir, plural(it.Kind), it.ID+".md")
}

func plural(kind string) string {
	if kind == "competency" {
		return "competencies"
	}
	return kind + "s"
}

// existing returns the file of an item of the same kind and id, if any.
func existing(c *content.Course, it Item) string {
	var src *content.Source
	switch it.Kind {
	case "activity":
		if x := c.Activity[it.ID]; x != nil {
			src = &x.Source
		}
	case "competency":
		if x := c.Competency[it.ID]; x != nil {
			src = &x.Source
		}
	case "unit":
		if x := c.Unit[it.ID]; x != nil {
			src = &x.Source
		}
	case "student":
		if x := c.Student[it.ID]; x != nil {
			src = &x.Source
		}
	case "group":
		if x := c.Group[it.ID]; x != nil {
			src = &x.Source
		}
	}
	if src == nil {
		return ""
	}
	return src.File
}

// fields are what the templates fill in.
type fields struct {
	ID, Title, Name     string
	For                 []string
	Modality, Verb      string
	Media               bool
	Competencies, Units []string
	Group               string
}

var verbs = map[string]string{
	"video": "watch", "audio": "listen to", "reading": "read", "hands-on": "make or do",
	"interactive": "try", "practice": "practise", "project": "make", "discussion": "discuss", "game": "play",
}

func fill(c *content.Course, it Item) ([]byte, error) {
	f := fields{ID: it.ID, Title: Title(it.ID), Name: Name(it.ID)}
	switch it.Kind {
	case "activity":
		if err := activity(c, it, &f); err != nil {
			return nil, err
		}
	case "unit":
		if len(c.Competencies) == 0 {
			return nil, &ArgError{Msg: "a unit lists competencies, and the course has none yet", Hint: "add one first: pacer new competency ID"}
		}
		f.Competencies = unplaced(c)
	case "student":
		if len(c.Groups) > 0 {
			f.Group = c.Groups[0].ID
			f.Units = refIDs(c.Groups[0].Units)
			break
		}
		fallthrough
	case "group":
		if len(c.Units) == 0 {
			return nil, &ArgError{Msg: fmt.Sprintf("a %s needs units, and the course has none yet", it.Kind), Hint: "add one first: pacer new unit ID"}
		}
		f.Units = classUnits(c)
	}
	var b strings.Builder
	if err := templates[it.Kind].Execute(&b, f); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

func activity(c *content.Course, it Item, f *fields) error {
	var ids []string
	for _, k := range c.Competencies {
		ids = append(ids, k.ID)
	}
	f.For = it.For
	if len(f.For) == 0 {
		if len(ids) == 0 {
			return &ArgError{Msg: "an activity builds a competency, and the course has none yet", Hint: "add one first: pacer new competency ID"}
		}
		f.For = ids[:1]
	}
	for _, id := range f.For {
		if c.Competency[id] == nil {
			e := &ArgError{Msg: fmt.Sprintf("--for: unknown competency %q", id)}
			if s := diag.Suggest(id, ids); s != "" {
				e.Hint = fmt.Sprintf("did you mean %q?", s)
			} else if len(ids) > 0 {
				e.Hint = "competencies: " + strings.Join(ids, ", ")
			} else {
				e.Hint = "add it first: pacer new competency " + id
			}
			return e
		}
	}
	f.Modality = it.Modality
	if f.Modality == "" {
		f.Modality = "reading"
	}
	if !slices.Contains(content.Modalities, f.Modality) {
		e := &ArgError{Msg: fmt.Sprintf("--modality: %q is not one of %s", f.Modality, strings.Join(content.Modalities, ", "))}
		if s := diag.Suggest(f.Modality, content.Modalities); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		return e
	}
	f.Verb = verbs[f.Modality]
	f.Media = f.Modality == "video" || f.Modality == "audio"
	return nil
}

// unplaced lists the competencies no unit lists yet (the ones a new unit
// is likely for), else the first competency.
func unplaced(c *content.Course) []string {
	in := map[string]bool{}
	for _, u := range c.Units {
		for _, r := range u.Competencies {
			in[r.ID] = true
		}
	}
	var ids []string
	for _, k := range c.Competencies {
		if !in[k.ID] {
			ids = append(ids, k.ID)
		}
	}
	if len(ids) == 0 {
		ids = []string{c.Competencies[0].ID}
	}
	return ids
}

// classUnits lists the units of the first group (in the teacher's order),
// else every unit.
func classUnits(c *content.Course) []string {
	for _, g := range c.Groups {
		if ids := refIDs(g.Units); len(ids) > 0 {
			return ids
		}
	}
	var ids []string
	for _, u := range c.Units {
		ids = append(ids, u.ID)
	}
	return ids
}

func refIDs(rs []content.Ref) []string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return ids
}

// Title makes a title of an id: "unit-rate" is "Unit rate".
func Title(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// Name makes a name of a student id: "ana-r" is "Ana R.".
func Name(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w == "" {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
		if len(w) == 1 {
			words[i] += "."
		}
	}
	return strings.Join(words, " ")
}
