package coursedata

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/plan"
)

// The client reads the course data and the playlist through TypeScript
// interfaces (themes/default/assets). Each must name only fields the Go
// side sends, a field the client counts on (not optional) must always be
// sent, and every field sent must be read or listed in notRead: a renamed
// or new field on either side fails here instead of in a browser.
func TestClientTypesMatchTheWireFormat(t *testing.T) {
	ts := tsInterfaces(t, "course.ts", "playlist.ts", "pace.ts", "storage.ts")
	for _, c := range []struct {
		ts  string
		go_ reflect.Type
	}{
		{"Data", reflect.TypeFor[Data]()},
		{"Competency", reflect.TypeFor[Competency]()},
		{"Activity", reflect.TypeFor[Activity]()},
		{"Unit", reflect.TypeFor[Unit]()},
		{"Rule", reflect.TypeFor[Rule]()},
		{"Term", reflect.TypeFor[Term]()},
		{"Playlist", reflect.TypeFor[plan.Playlist]()},
		{"Step", reflect.TypeFor[plan.Step]()},
		{"Step.choices", reflect.TypeFor[plan.Choice]()},
	} {
		fields, ok := ts[c.ts]
		if !ok {
			t.Errorf("no TypeScript interface %s", c.ts)
			continue
		}
		sent := jsonFields(c.go_)
		for name, optional := range fields {
			omit, ok := sent[name]
			switch {
			case !ok:
				t.Errorf("%s.%s: the client reads it, %s does not send it", c.ts, name, c.go_)
			case !optional && omit && !slices.Contains(filled, c.ts):
				t.Errorf("%s.%s: the client counts on it, %s leaves it out when empty (omitempty)", c.ts, name, c.go_)
			}
		}
		for name := range sent {
			if _, read := fields[name]; !read && !slices.Contains(notRead[c.ts], name) {
				t.Errorf("%s sends %q, which the client's %s does not read: read it, stop sending it, or list it in notRead", c.go_, name, c.ts)
			}
		}
		for _, name := range notRead[c.ts] {
			if _, read := fields[name]; read {
				t.Errorf("%s.%s is read now: drop it from notRead", c.ts, name)
			}
		}
	}
}

// A chunk merges into Data on the page (Chunk.Script): each of its fields
// must be one of Data's maps, under the same name and of the same type.
func TestChunkFieldsAreDataMaps(t *testing.T) {
	data := map[string]reflect.Type{}
	for f := range reflect.TypeFor[Data]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		data[name] = f.Type
	}
	n := 0
	for f := range reflect.TypeFor[Chunk]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if typ, ok := data[name]; !ok || typ != f.Type || f.Type.Kind() != reflect.Map {
			t.Errorf("Chunk.%s (%q, %s) is not a map of Data's of that name", f.Name, name, f.Type)
		}
		n++
	}
	if n != 3 {
		t.Errorf("Chunk has %d fields, want Data's three maps", n)
	}
}

// The head (Data without its maps) and a chunk are scripts: the head
// takes the scale in the page's language from PacerLang, the chunk merges
// into what the head set, and neither can close a script element.
func TestHeadAndChunkScripts(t *testing.T) {
	head := string((&Data{V: Version, Site: "k", Scale: []string{"a"}}).Script())
	if !strings.HasPrefix(head, "window.PacerCourse=Object.assign({") || !strings.HasSuffix(head, "},window.PacerLang);\n") {
		t.Errorf("head: %s", head)
	}
	for _, m := range []string{"activities", "competencies", "units"} {
		if strings.Contains(head, m) {
			t.Errorf("the head sends %s: %s", m, head)
		}
	}
	c := &Chunk{Activities: map[string]Activity{"a": {T: "</script><b>", F: []string{"k"}}}}
	js := string(c.Script())
	if strings.Contains(js, "</script") {
		t.Errorf("a chunk can close its script element: %s", js)
	}
	if !strings.HasPrefix(js, chunkMerge+`{"activities":{"a":`) || !strings.HasSuffix(js, ");\n") {
		t.Errorf("chunk: %s", js)
	}
}

// filled lists the interfaces the client fills with defaults as it reads
// them (readPlaylist), so a field left out is not a missing one.
var filled = []string{"Playlist"}

// notRead lists what the Go side sends and the client does not read (yet).
var notRead = map[string][]string{
	// The plan's settings and counts: the page shows them from the HTML;
	// pace (even or asap) is already in the targets the plan sends.
	"Playlist": {"prefers", "interests", "schoolDays", "neededDays", "pace"},
}

// jsonFields maps each JSON name of struct type t to whether it has
// omitempty.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = strings.Contains(opts, "omitempty")
	}
	return out
}

var (
	ifaceRE = regexp.MustCompile(`(?m)^(?:export )?interface (\w+)(?: extends (\w+))? \{\n((?:.*\n)*?)\}`)
	fieldRE = regexp.MustCompile(`^\s*(\w+)(\??):\s*(.*)$`)
	// An object type written inline: choices?: { key?: string; options: string[] }[];
	inlineRE = regexp.MustCompile(`^\{(.*)\}`)
)

// tsInterfaces reads the interfaces of the theme's scripts: name ->
// field -> optional. A field holding an inline object type is also listed
// as "Interface.field".
func tsInterfaces(t *testing.T, files ...string) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	extends := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "assets", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ifaceRE.FindAllStringSubmatch(string(src), -1) {
			name := m[1]
			fields := map[string]bool{}
			for _, line := range strings.Split(m[3], "\n") {
				fm := fieldRE.FindStringSubmatch(line)
				if fm == nil {
					continue
				}
				fields[fm[1]] = fm[2] == "?"
				if in := inlineRE.FindStringSubmatch(fm[3]); in != nil {
					sub := map[string]bool{}
					for _, part := range strings.Split(in[1], ";") {
						if pm := fieldRE.FindStringSubmatch(part); pm != nil {
							sub[pm[1]] = pm[2] == "?"
						}
					}
					out[name+"."+fm[1]] = sub
				}
			}
			out[name] = fields
			if m[2] != "" {
				extends[name] = m[2]
			}
		}
	}
	for name, base := range extends {
		for f, opt := range out[base] {
			if _, ok := out[name][f]; !ok {
				out[name][f] = opt
			}
		}
		for k, v := range out {
			if rest, ok := strings.CutPrefix(k, base+"."); ok {
				out[name+"."+rest] = v
			}
		}
	}
	return out
}
