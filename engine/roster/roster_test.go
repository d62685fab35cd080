package roster

import (
	"fmt"

	"archive/zip"
	"encoding/csv"
	"go.yaml.in/yaml/v3"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/diag"
)

func read(t *testing.T, p string) (*Package, *diag.List) {
	t.Helper()
	diags := &diag.List{}
	pkg, err := Read(p, diags)
	if err != nil {
		t.Fatal(err)
	}
	return pkg, diags
}

func names(pkg *Package, c *Class) []string {
	var out []string
	for _, s := range c.Students {
		out = append(out, pkg.People[s].Name())
	}
	return out
}

func TestOneRoster11ClassesSkipTeachersParentsAndRowsToBeDeleted(t *testing.T) {
	pkg, diags := read(t, "testdata/oneroster-1.1")
	if pkg.Format != OneRoster11 {
		t.Errorf("format %q", pkg.Format)
	}
	if len(pkg.Classes) != 2 {
		t.Fatalf("classes: %+v (the tobedeleted Period 7 must be skipped)", pkg.Classes)
	}
	if got := names(pkg, pkg.Classes[0]); !slices.Equal(got, []string{"Zoë Quill", "Amir Fennel", "Bea Lumen"}) {
		t.Errorf("Period 2: %q", got)
	}
	if got := names(pkg, pkg.Classes[1]); !slices.Equal(got, []string{"Caspian Marigold", "Esme Thistle"}) {
		t.Errorf("Period 5: %q", got)
	}
	// The unknown column is reported once; the trailing empty header and
	// termSourcedId (for termSourcedIds) are not.
	items := diags.Items()
	if len(items) != 1 || !strings.Contains(items[0].String(), `classes.csv:1:153: warning: unknown column "roomNumber" (column 15)`) {
		t.Errorf("diagnostics: %v", items)
	}
}

func TestOneRoster12RolesAndPreferredNames(t *testing.T) {
	pkg, diags := read(t, "testdata/oneroster-1.2")
	if pkg.Format != OneRoster12 {
		t.Errorf("format %q", pkg.Format)
	}
	if diags.Len() != 0 {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	// prefferedGivenName (sic) is read as the preferred given name; the
	// teacher (role in roles.csv) and the tobedeleted enrollment are not.
	if got := names(pkg, pkg.Classes[0]); !slices.Equal(got, []string{"Jojo Sprocket", "Kai Juniper-Hale", "Lena Nettle"}) {
		t.Errorf("students: %q", got)
	}
}

func TestCleverSectionsGetATitle(t *testing.T) {
	pkg, diags := read(t, "testdata/clever")
	if pkg.Format != Clever || diags.Len() != 0 {
		t.Fatalf("format %q, diagnostics %v", pkg.Format, diags.Items())
	}
	var titles []string
	for _, c := range pkg.Classes {
		titles = append(titles, c.Title)
	}
	if !slices.Equal(titles, []string{"Math 6 - Wren - 3", "Math 6 - Period 4"}) {
		t.Errorf("titles %q", titles)
	}
	if got := names(pkg, pkg.Classes[0]); !slices.Equal(got, []string{"Nadia Wren", "Omar Okapi"}) {
		t.Errorf("students %q", got)
	}
}

func TestAZipReadsLikeItsFolder(t *testing.T) {
	for _, inside := range []string{"", "export-2026/"} {
		zp := filepath.Join(t.TempDir(), "roster.zip")
		zipDir(t, "testdata/oneroster-1.2", zp, inside)
		pkg, _ := read(t, zp)
		folder, _ := read(t, "testdata/oneroster-1.2")
		if pkg.Format != folder.Format || len(pkg.Classes) != 1 || !slices.Equal(names(pkg, pkg.Classes[0]), names(folder, folder.Classes[0])) {
			t.Errorf("zip (%q inside): %+v", inside, pkg.Classes)
		}
	}
}

func zipDir(t *testing.T, dir, out, prefix string) {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		w, _ := zw.Create(prefix + e.Name())
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestNotAPackageSaysWhatOneIs(t *testing.T) {
	_, err := Read(t.TempDir(), &diag.List{})
	if err == nil || !strings.Contains(err.Error(), "neither a OneRoster package") {
		t.Errorf("err = %v", err)
	}
}

func TestBrokenRowsAreReportedWithTheirLine(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/oneroster-1.1", dir)
	appendTo(t, filepath.Join(dir, "enrollments.csv"), "e-10,,,c-m6-p2,org-1,u-999,student,false,,\ne-11,,,c-nope,org-1,u-101,student,false,,\ne-12,,,c-m6-p2,org-1\n")
	_, diags := read(t, dir)
	var got []string
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			got = append(got, d.Pos.String()+": "+d.Message)
		}
	}
	want := []string{
		filepath.ToSlash(dir) + `/enrollments.csv:11: enrollment names user "u-999", who is not in ` + filepath.ToSlash(dir) + `/users.csv`,
		filepath.ToSlash(dir) + `/enrollments.csv:12: enrollment names class "c-nope", which is not in ` + filepath.ToSlash(dir) + `/classes.csv`,
		filepath.ToSlash(dir) + `/enrollments.csv:13: this row has 5 fields but the header has 10`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	ents, _ := os.ReadDir(from)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(from, e.Name()))
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func appendTo(t *testing.T, p, s string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(s)
	f.Close()
}

// sensitive collects, from a package's files, every value of a column
// Pacer must never copy: emails, passwords, phones, addresses, birth
// dates, usernames, school numbers, and everything in demographics.csv.
func sensitive(t *testing.T, dir string) []string {
	t.Helper()
	cols := []string{"email", "sms", "phone", "password", "username", "identifier", "dob", "birthdate",
		"studentnumber", "stateid", "studentstreet", "studentcity", "studentzip", "contactname",
		"contactphone", "contactemail", "teacheremail", "middlename", "pronouns"}
	var out []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		f, _ := os.Open(filepath.Join(dir, e.Name()))
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range recs[0] {
			n := normal(h)
			demo := e.Name() == "demographics.csv" && n != "sourcedid" && n != "status" && n != "datelastmodified"
			if !demo && !slices.Contains(cols, n) {
				continue
			}
			for _, r := range recs[1:] {
				if v := r[i]; len(v) > 4 && v != "false" {
					out = append(out, v)
				}
			}
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d sensitive values in %s: the test would prove little", len(out), dir)
	}
	return out
}

func TestNothingSensitiveIsWrittenOrPrinted(t *testing.T) {
	for _, dir := range []string{"testdata/oneroster-1.1", "testdata/oneroster-1.2", "testdata/clever"} {
		pkg, diags := read(t, dir)
		rdir := t.TempDir()
		p, err := Make(pkg, pkg.Classes, Options{Roster: rdir, Secret: []byte("s"), Units: []string{"ratios"}}, diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		if err := p.Write(); err != nil {
			t.Fatal(err)
		}
		var written strings.Builder
		for _, d := range diags.Items() {
			written.WriteString(d.String())
		}
		filepath.WalkDir(rdir, func(path string, d fs.DirEntry, err error) error {
			if !d.IsDir() {
				b, _ := os.ReadFile(path)
				written.Write(b)
			}
			return nil
		})
		if written.Len() < 200 {
			t.Fatalf("%s: little was written: %q", dir, written.String())
		}
		for _, v := range sensitive(t, dir) {
			if strings.Contains(written.String(), v) {
				t.Errorf("%s: %q was written", dir, v)
			}
		}
	}
}

func TestStudentFilesNeverHoldTheSchoolsID(t *testing.T) {
	pkg, diags := read(t, "testdata/oneroster-1.1")
	rdir := t.TempDir()
	p, _ := Make(pkg, pkg.Classes, Options{Roster: rdir, Secret: []byte("s")}, diags)
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Changes {
		b, _ := os.ReadFile(filepath.Join(rdir, c.File))
		for sid := range pkg.People {
			if strings.Contains(c.File, sid) || strings.Contains(string(b), sid) {
				t.Errorf("%s holds the school's id %s", c.File, sid)
			}
		}
	}
	ids, _ := os.ReadFile(filepath.Join(rdir, IDFile))
	if !strings.Contains(string(ids), "student,oneroster,u-101,zoe-quill-") {
		t.Errorf("id map:\n%s", ids)
	}
	if fi, err := os.Stat(filepath.Join(rdir, IDFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("id map mode: %v %v", fi, err)
	}
	ign, _ := os.ReadFile(filepath.Join(rdir, ".pacer", ".gitignore"))
	if !strings.Contains(string(ign), "\n*\n") {
		t.Errorf(".gitignore: %q", ign)
	}
}

func TestIDsAreStableWithoutTheMap(t *testing.T) {
	pkg, _ := read(t, "testdata/oneroster-1.1")
	ids := func() []string {
		rdir := t.TempDir()
		p, _ := Make(pkg, pkg.Classes, Options{Roster: rdir, Secret: []byte("s")}, &diag.List{})
		var out []string
		for _, c := range p.Changes {
			out = append(out, c.File)
		}
		return out
	}
	a, b := ids(), ids()
	if !slices.Equal(a, b) || !slices.Contains(a, "students/zoe-quill-"+studentID([]byte("s"), "oneroster", "u-101", "x", 0)[2:]+".yaml") {
		t.Errorf("%q / %q", a, b)
	}
}

func TestSetFieldsKeepsLayoutAndComments(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"plain with a comment and a blank line",
			"# top\nname: Ana R.   # her choice\n\ngroup: p2\nnotes: |\n  Loves maps.\n",
			"# top\nname: Ana Rivera   # her choice\n\ngroup: p5\nnotes: |\n  Loves maps.\n"},
		{"quoted",
			"name: \"Ana R.\"\ngroup: 'p2' # old\nprefers: [video]\n",
			"name: Ana Rivera\ngroup: p5 # old\nprefers: [video]\n"},
		{"group missing",
			"name: Ana Rivera\nprefers:\n  - video\n",
			"name: Ana Rivera\nprefers:\n  - video\ngroup: p5\n"},
		{"a value that needs quotes",
			"name: x\ngroup: p5\n",
			"name: \"Ana: the #1\"\ngroup: p5\n"},
	}
	for _, c := range cases {
		name := "Ana Rivera"
		if strings.Contains(c.want, "#1") {
			name = "Ana: the #1"
		}
		out, changed, err := setFields([]byte(c.src), []field{{"name", name}, {"group", "p5"}})
		if err != nil || string(out) != c.want {
			t.Errorf("%s: got (%v)\n%s\nwant\n%s", c.name, err, out, c.want)
		}
		if len(changed) == 0 {
			t.Errorf("%s: nothing changed", c.name)
		}
	}
	same := "name: Ana\ngroup: p5\n"
	out, changed, _ := setFields([]byte(same), []field{{"name", "Ana"}, {"group", "p5"}})
	if string(out) != same || len(changed) != 0 {
		t.Errorf("unchanged file: %q %v", out, changed)
	}
	// A flow mapping cannot be edited as text: the edited tree is written.
	out, _, err := setFields([]byte("{name: Ana, group: p2}  # hi\n"), []field{{"name", "Ana"}, {"group", "p5"}})
	if err != nil || !holds(out, []field{{"name", "Ana"}, {"group", "p5"}}) || !strings.Contains(string(out), "# hi") {
		t.Errorf("flow: %q %v", out, err)
	}
}

func TestSlugFoldsAccents(t *testing.T) {
	for in, want := range map[string]string{"Zoë Núñez": "zoe-nunez", "Łukasz Øster-Åberg": "lukasz-oster-aberg", "José María": "jose-maria"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAHandMadeStudentFileIsAdoptedByName(t *testing.T) {
	pkg, _ := read(t, "testdata/oneroster-1.1")
	rdir := t.TempDir()
	os.MkdirAll(filepath.Join(rdir, "students"), 0o755)
	hand := "name: Zoë Quill   # typed in September\ngroup: old\nprefers: [video]\n"
	os.WriteFile(filepath.Join(rdir, "students", "zoe-q.yaml"), []byte(hand), 0o644)
	// Two hand-made files share Amir's name: neither is guessed at.
	os.WriteFile(filepath.Join(rdir, "students", "amir-1.yaml"), []byte("name: Amir Fennel\n"), 0o644)
	os.WriteFile(filepath.Join(rdir, "students", "amir-2.yaml"), []byte("name: Amir Fennel\n"), 0o644)
	diags := &diag.List{}
	p, err := Make(pkg, pkg.Classes[:1], Options{Roster: rdir, Secret: []byte("s")}, diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	var files []string
	for _, c := range p.Changes {
		files = append(files, c.File)
		if c.File == "students/zoe-q.yaml" && (c.Action != Update || !strings.Contains(c.Detail, "matched by name")) {
			t.Errorf("zoe-q: %+v", c)
		}
	}
	if !slices.Contains(files, "students/zoe-q.yaml") || slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "students/zoe-quill-") }) {
		t.Errorf("files %q: Zoë's hand-made file must be used", files)
	}
	if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "students/amir-fennel-") }) {
		t.Errorf("files %q: an ambiguous name makes a new file", files)
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(rdir, "students", "zoe-q.yaml"))
	if string(b) != "name: Zoë Quill   # typed in September\ngroup: math-6-period-2\nprefers: [video]\n" {
		t.Errorf("zoe-q.yaml:\n%s", b)
	}
}

func TestAFileThatIsNotUTF8IsReported(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/clever", dir)
	appendTo(t, filepath.Join(dir, "students.csv"), "sch-1,cl-s-304,30004,ST-9904,Nu\xf1ez,,Ra\xfal,6,M,2032,,,,,,,,,,,,,,,,,,,\n")
	_, diags := read(t, dir)
	items := diags.Items()
	if len(items) != 1 || items[0].Pos.Line != 5 || !strings.Contains(items[0].Message, "not UTF-8") {
		t.Errorf("diagnostics %v", items)
	}
}

func TestSemicolonsAndMissingColumnsAreExplained(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/clever", dir)
	os.WriteFile(filepath.Join(dir, "sections.csv"), []byte("School_id;Section_id;Name\nsch-1;cl-sec-1;Math\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "enrollments.csv"), []byte("School_id,Section,Student_id\n"), 0o644)
	_, diags := read(t, dir)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"enrollments.csv:1:11: warning: unknown column \"Section\" (column 2); it is ignored",
		"enrollments.csv:1: enrollments.csv has no Section_id column\n\thint: the header line names the columns; found: School_id, Section, Student_id",
		"sections.csv:1: the columns are separated by semicolons, not commas",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
}

// TestSetFieldsChangesNothingElse edits files written every way a teacher
// might and checks that name and group hold the new values and every
// other key decodes exactly as before.
func TestSetFieldsChangesNothingElse(t *testing.T) {
	srcs := []string{
		"name: Ana\ngroup: p2\n",
		"name: Ana\r\ngroup: p2\r\nnotes: CRLF file\r\n",
		"# c\nname: >\n  Ana\n  R.\ngroup: p2\n",
		"name: Ana\n  Rivera\ngroup: p2\nprefers: [video]\n",
		"name: !!str Ana\ngroup: p2\n",
		"name: 'It''s Ana'\ngroup: \"p\\\"2\"  # q\n",
		"group: p2\nprefers:\n  - video\n  - audio\n",
		"name: Ana\nnotes: |\n  line one\n  line two\n",
		"{name: Ana, group: p2, prefers: [video]}\n",
		"name: Ana\ngroup: p2\n...\n",
		"---\nname: Ana\ngroup: p2\n",
		"name: Ana # é\ngroup: p2 # ü\naccommodations: {time: 1.5}\n",
	}
	fields := []field{{"name", "Zoë Q. #1: the best"}, {"group", "math-6"}}
	for _, src := range srcs {
		out, _, err := setFields([]byte(src), fields)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		var before, after map[string]any
		yaml.Unmarshal([]byte(src), &before)
		if err := yaml.Unmarshal(out, &after); err != nil {
			t.Errorf("%q became invalid: %v\n%s", src, err, out)
			continue
		}
		if after["name"] != fields[0].value || after["group"] != fields[1].value {
			t.Errorf("%q: name %v, group %v\n%s", src, after["name"], after["group"], out)
		}
		delete(before, "name")
		delete(before, "group")
		delete(after, "name")
		delete(after, "group")
		if fmt.Sprint(before) != fmt.Sprint(after) {
			t.Errorf("%q: other keys changed: %v -> %v\n%s", src, before, after, out)
		}
	}
}

func TestSetFieldsKeepsAnAnchorValid(t *testing.T) {
	out, _, err := setFields([]byte("name: &n Ana\ngroup: p2\ngoals: [*n]\n"), []field{{"name", "Bea"}, {"group", "p2"}})
	var m map[string]any
	if err != nil || yaml.Unmarshal(out, &m) != nil || m["name"] != "Bea" {
		t.Errorf("%v %v\n%s", err, m, out)
	}
}
