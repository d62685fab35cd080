// Package roster owns importing a school's class lists: it reads a
// OneRoster 1.1/1.2 bulk CSV package or a Clever export (a folder or a
// zip), and plans the groups/ and students/ files of the chosen classes in
// the site's roster folder, editing files that exist in place so every
// hand edit survives a re-import.
//
// It reads only what a plan needs (ids, names, classes, enrollments, roles,
// status): never emails, passwords, phones, addresses, birth dates or
// demographics.csv, and it never writes them anywhere. It knows nothing of
// rendering; it decodes no course content.
package roster

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pacer-edu/pacer/engine/diag"
)

// Format names the kind of export a package is.
type Format string

const (
	OneRoster11 Format = "OneRoster 1.1"
	OneRoster12 Format = "OneRoster 1.2"
	Clever      Format = "Clever export"
)

// source is the short name of a format's id space in the id map.
func (f Format) source() string {
	if f == Clever {
		return "clever"
	}
	return "oneroster"
}

// Class is a class (OneRoster) or section (Clever).
type Class struct {
	ID, Title string
	Pos       diag.Pos
	// Students are the sourced ids of the students enrolled, in file order.
	Students []string
}

// Person is an enrolled student, by name only.
type Person struct {
	ID                       string
	Given, Preferred, Family string
	Pos                      diag.Pos
	student                  bool // a role says so
}

// Name is the name a student goes by: the preferred or given name and the
// family name.
func (p *Person) Name() string {
	first := p.Preferred
	if first == "" {
		first = p.Given
	}
	return strings.TrimSpace(first + " " + p.Family)
}

// Package is a read export.
type Package struct {
	Format  Format
	Path    string
	Classes []*Class // in file order
	People  map[string]*Person
	// partial marks files a syntax error stopped: what they would have
	// held is unknown, so references into them are not reported.
	partial map[string]bool
}

// files reads the files of a package from a folder or a zip.
type files interface {
	open(name string) (io.ReadCloser, error)
	has(name string) bool
	// show is how a file is named in messages.
	show(name string) string
	close() error
}

type dirFiles struct{ dir string }

func (d dirFiles) open(name string) (io.ReadCloser, error) {
	return os.Open(filepath.Join(d.dir, name))
}
func (d dirFiles) has(name string) bool {
	fi, err := os.Stat(filepath.Join(d.dir, name))
	return err == nil && fi.Mode().IsRegular()
}
func (d dirFiles) show(name string) string { return filepath.ToSlash(filepath.Join(d.dir, name)) }
func (d dirFiles) close() error            { return nil }

type zipFiles struct {
	zr     *zip.ReadCloser
	label  string
	byName map[string]*zip.File // base name (lowercase) -> file, at the shallowest level holding CSVs
	prefix string
}

func (z *zipFiles) open(name string) (io.ReadCloser, error) {
	f, ok := z.byName[strings.ToLower(name)]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return f.Open()
}
func (z *zipFiles) has(name string) bool    { _, ok := z.byName[strings.ToLower(name)]; return ok }
func (z *zipFiles) show(name string) string { return z.label + "/" + z.prefix + name }
func (z *zipFiles) close() error            { return z.zr.Close() }

func openZip(p string) (*zipFiles, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("%s is not a readable zip file: %v", p, err)
	}
	// Exports are zipped flat or inside one folder: use the shallowest
	// folder that holds CSV files.
	depth, prefix := -1, ""
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.HasSuffix(strings.ToLower(f.Name), ".csv") || strings.HasPrefix(path.Base(f.Name), ".") || strings.HasPrefix(f.Name, "__MACOSX/") {
			continue
		}
		dir := path.Dir(f.Name)
		d := 0
		if dir != "." {
			d = strings.Count(dir, "/") + 1
		}
		if depth == -1 || d < depth || d == depth && dir+"/" < prefix {
			depth, prefix = d, dir+"/"
		}
	}
	if prefix == "./" {
		prefix = ""
	}
	z := &zipFiles{zr: zr, label: filepath.ToSlash(p), byName: map[string]*zip.File{}, prefix: prefix}
	for _, f := range zr.File {
		if depth >= 0 && path.Dir(f.Name)+"/" == prefix || prefix == "" && path.Dir(f.Name) == "." {
			z.byName[strings.ToLower(path.Base(f.Name))] = f
		}
	}
	return z, nil
}

// Read reads the package at p, a folder or a zip file. Problems with its
// content go to diags (file:line); the error is for a package that cannot
// be read at all or is of no known format.
func Read(p string, diags *diag.List) (*Package, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", p, errText(err))
	}
	var fsys files
	if fi.IsDir() {
		fsys = dirFiles{p}
	} else {
		z, err := openZip(p)
		if err != nil {
			return nil, err
		}
		fsys = z
	}
	defer fsys.close()
	pkg := &Package{Path: p, People: map[string]*Person{}, partial: map[string]bool{}}
	switch {
	case fsys.has("users.csv") && fsys.has("classes.csv") && fsys.has("enrollments.csv"):
		readOneRoster(fsys, pkg, diags)
	case fsys.has("students.csv") && fsys.has("sections.csv") && fsys.has("enrollments.csv"):
		pkg.Format = Clever
		readClever(fsys, pkg, diags)
	default:
		return nil, fmt.Errorf("%s is neither a OneRoster package (manifest.csv, users.csv, classes.csv, enrollments.csv) nor a Clever export (students.csv, sections.csv, enrollments.csv)\n\thint: export the class lists from the school's information system as OneRoster CSV (a zip or its unzipped folder), or as a Clever SFTP export", p)
	}
	return pkg, nil
}

func errText(err error) string {
	if os.IsNotExist(err) {
		return "no such file or folder"
	}
	return err.Error()
}

// table opens and reads one file of the package.
func table(fsys files, name string, s schema, diags *diag.List, each func(row)) bool {
	f, err := fsys.open(name)
	if err != nil {
		diags.Errorf(diag.Pos{File: fsys.show(name)}, "cannot read: %v", err)
		return false
	}
	defer f.Close()
	return readTable(f, fsys.show(name), s, diags, each)
}

// enroll records that user sid is enrolled in class cid, reporting
// enrollments that name nothing in the package.
func (pkg *Package) enroll(r row, classes map[string]*Class, skipped map[string]bool, cid, sid, usersFile, classesFile string, diags *diag.List) {
	c, okc := classes[cid]
	_, oku := pkg.People[sid]
	switch {
	case skipped["c:"+cid] || skipped["u:"+sid]:
		return // to be deleted
	case !okc && pkg.partial[classesFile], !oku && pkg.partial[usersFile]:
		return
	case !okc:
		diags.Errorf(r.pos, "enrollment names class %q, which is not in %s", cid, classesFile).
			Hint = "export the whole package again; a partial export leaves enrollments pointing nowhere"
		return
	case !oku:
		diags.Errorf(r.pos, "enrollment names user %q, who is not in %s", sid, usersFile).
			Hint = "export the whole package again; a partial export leaves enrollments pointing nowhere"
		return
	}
	for _, s := range c.Students {
		if s == sid {
			return
		}
	}
	c.Students = append(c.Students, sid)
}

// Find returns the classes named by each of names (a title, case and
// spacing aside, or a sourced id), reporting names that match none or
// several.
func (pkg *Package) Find(names []string) ([]*Class, error) {
	var out []*Class
	var problems []string
	seen := map[*Class]bool{}
	for _, n := range names {
		var hits []*Class
		for _, c := range pkg.Classes {
			if c.ID == n {
				hits = []*Class{c}
				break
			}
			if normal(c.Title) == normal(n) {
				hits = append(hits, c)
			}
		}
		switch len(hits) {
		case 0:
			var titles []string
			for _, c := range pkg.Classes {
				titles = append(titles, c.Title)
			}
			msg := fmt.Sprintf("no class %q in %s", n, pkg.Path)
			if s := diag.Suggest(n, titles); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			problems = append(problems, msg)
		case 1:
			if !seen[hits[0]] {
				seen[hits[0]] = true
				out = append(out, hits[0])
			}
		default:
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.ID)
			}
			sort.Strings(ids)
			problems = append(problems, fmt.Sprintf("%d classes are titled %q; choose one by its id: %s", len(hits), n, strings.Join(ids, ", ")))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return out, nil
}
