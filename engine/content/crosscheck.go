package content

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/graph"
	"github.com/pacer-edu/pacer/engine/pubfile"
	"github.com/pacer-edu/pacer/engine/yamlx"
)

// index fills the lookup maps, reporting duplicate ids with both files.
func index(c *Course, diags *diag.List) {
	c.Competency = map[string]*Competency{}
	c.Activity = map[string]*Activity{}
	c.Unit = map[string]*Unit{}
	c.Group = map[string]*Group{}
	c.Student = map[string]*Student{}
	c.Competencies = dedupe(c.Competencies, c.Competency, "competency", func(x *Competency) *Source { return &x.Source }, func(x *Competency) string { return x.ID }, diags)
	c.Activities = dedupe(c.Activities, c.Activity, "activity", func(x *Activity) *Source { return &x.Source }, func(x *Activity) string { return x.ID }, diags)
	c.Units = dedupe(c.Units, c.Unit, "unit", func(x *Unit) *Source { return &x.Source }, func(x *Unit) string { return x.ID }, diags)
	c.Groups = dedupe(c.Groups, c.Group, "group", func(x *Group) *Source { return &x.Source }, func(x *Group) string { return x.ID }, diags)
	c.Students = dedupe(c.Students, c.Student, "student", func(x *Student) *Source { return &x.Source }, func(x *Student) string { return x.ID }, diags)

	c.ActivitiesFor = map[string][]*Activity{}
	aliasOf := map[string]*Activity{}
	for _, a := range c.Activities {
		for _, r := range a.For {
			c.ActivitiesFor[r.ID] = append(c.ActivitiesFor[r.ID], a)
		}
		for _, al := range a.Aliases {
			if other, ok := c.Activity[al]; ok {
				diags.Errorf(a.IDPos, "alias %q of activity %q is the id of another activity (%s)", al, a.ID, other.File).
					Hint = "an alias names the activity's old id after a rename; remove it or rename the other activity"
			} else if prev, ok := aliasOf[al]; ok {
				diags.Errorf(a.IDPos, "alias %q is claimed by both %s and %s", al, prev.File, a.File)
			}
			aliasOf[al] = a
		}
	}
}

func dedupe[T any](items []T, m map[string]T, what string, src func(T) *Source, id func(T) string, diags *diag.List) []T {
	sort.SliceStable(items, func(i, j int) bool {
		if id(items[i]) != id(items[j]) {
			return id(items[i]) < id(items[j])
		}
		return src(items[i]).File < src(items[j]).File
	})
	out := items[:0]
	for _, it := range items {
		if prev, ok := m[id(it)]; ok {
			diags.Errorf(src(it).IDPos, "duplicate %s id %q: also defined in %s", what, id(it), src(prev).File).
				Hint = "ids must be unique; rename one of the files or set a different id:"
			continue
		}
		m[id(it)] = it
		out = append(out, it)
	}
	return out
}

func keys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// resolve reports refs that name nothing in m.
func (c *Course) resolve(refs []Ref, k kind, diags *diag.List) {
	switch k {
	case kCompetency:
		resolve(c, refs, c.Competency, k, diags)
	case kUnit:
		resolve(c, refs, c.Unit, k, diags)
	case kGroup:
		resolve(c, refs, c.Group, k, diags)
	}
}

func resolve[T any](c *Course, refs []Ref, m map[string]T, k kind, diags *diag.List) {
	what := kindNames[k]
	var names []string
	for _, r := range refs {
		if _, ok := m[r.ID]; ok || c.unreadable[unreadable{k, r.ID}] {
			continue
		}
		if names == nil {
			names = keys(m)
		}
		e := diags.Errorf(r.Pos, "unknown %s %q", what, r.ID)
		if h := diag.DidYouMean(r.ID, names); h != "" {
			e.Hint = h
		} else if len(names) == 0 {
			e.Hint = fmt.Sprintf("there is no %s yet", what)
		} else if len(names) <= 8 {
			e.Hint = fmt.Sprintf("known: %s", strings.Join(names, ", "))
		}
	}
}

func crossCheck(c *Course, diags *diag.List) {
	fence := pubfile.New(c.Root, RosterDir(c.Root, c.Config))
	for _, a := range c.Activities {
		c.resolve(a.For, kCompetency, diags)
		checkMedia(c, a, fence, diags)
	}
	actsUnknown := false
	for u := range c.unreadable {
		actsUnknown = actsUnknown || u.kind == kActivity
	}
	ids := make([]string, 0, len(c.Competencies))
	requires := map[string][]string{}
	for _, k := range c.Competencies {
		c.resolve(k.Requires, kCompetency, diags)
		ids = append(ids, k.ID)
		for _, r := range k.Requires {
			if _, ok := c.Competency[r.ID]; ok {
				requires[k.ID] = append(requires[k.ID], r.ID)
			}
		}
		if !yamlx.ValidID(k.ID) || actsUnknown {
			continue // reported already, or an activity file is unreadable: advice about its activities would be noise
		}
		acts := c.ActivitiesFor[k.ID]
		core, checks := 0, 0
		for _, a := range acts {
			if a.Level == "core" {
				core++
			}
			checks += len(a.Checks)
		}
		switch {
		case len(acts) == 0:
			diags.Warnf(k.IDPos, "competency %q has no activities", k.ID).
				Hint = fmt.Sprintf("add an activity with for: [%s] (pacer new activity ID --for %s)", k.ID, k.ID)
		case core == 0:
			diags.Warnf(k.IDPos, "competency %q has no core activity, so its step requires nothing", k.ID).
				Hint = "mark at least one of its activities level: core"
		}
		if len(acts) > 0 && checks == 0 {
			diags.Warnf(k.IDPos, "competency %q has no quick check, so mastery rests on self-assessment alone", k.ID).
				Hint = "add a ```check block to one of its activities"
		}
	}
	reportCycles(c, graph.New(ids, requires).Cycles(), diags)
	for _, u := range c.Units {
		c.resolve(u.Competencies, kCompetency, diags)
		if u.Competencies != nil && len(u.Competencies) == 0 {
			diags.Errorf(u.IDPos, "unit %q lists no competencies", u.ID).Hint = "list them in teaching order: competencies: [a, b]"
		}
		if u.Diagnostic {
			n := 0
			for _, r := range u.Competencies {
				for _, a := range c.ActivitiesFor[r.ID] {
					n += len(a.Checks)
				}
			}
			if n == 0 {
				diags.Warnf(u.IDPos, "unit %q offers a diagnostic but its competencies have no quick checks", u.ID)
			}
		}
	}
	for _, g := range c.Groups {
		c.resolve(g.Units, kUnit, diags)
		if !g.Start.IsZero() && !g.End.IsZero() && g.End.Before(g.Start) {
			diags.Errorf(g.IDPos, "group %q ends (%s) before it starts (%s)", g.ID, g.End, g.Start)
		}
	}
	for _, s := range c.Students {
		c.resolve(s.Units, kUnit, diags)
		c.resolve(s.Mastered, kCompetency, diags)
		for _, f := range s.Feedback {
			c.resolve([]Ref{f.Competency}, kCompetency, diags)
		}
		for _, k := range s.Confirmed {
			c.resolve([]Ref{k.Competency}, kCompetency, diags)
		}
		var g *Group
		if s.Group != nil {
			c.resolve([]Ref{*s.Group}, kGroup, diags)
			g = c.Group[s.Group.ID]
		}
		if len(s.Units) == 0 && (g == nil || len(g.Units) == 0) && (s.Group == nil || g != nil) {
			diags.Errorf(s.IDPos, "student %q has no units", s.ID).Hint = "give the student units: [..] or a group: that has units"
		}
	}
}

// reportCycles reports each requires entry on a cycle once, where it is
// written, with the shortest cycle through it starting from its own
// competency: an edit that closes a cycle is reported in the file edited,
// and every other entry of the cycle in its own file.
func reportCycles(c *Course, cycles [][]string, diags *diag.List) {
	type edge struct{ from, to string }
	shortest := map[edge][]string{}
	var order []edge
	for _, cyc := range cycles {
		for i, id := range cyc {
			e := edge{id, cyc[(i+1)%len(cyc)]}
			prev, ok := shortest[e]
			if !ok {
				order = append(order, e)
			}
			if !ok || len(cyc) < len(prev) {
				shortest[e] = append(slices.Clone(cyc[i:]), cyc[:i]...)
			}
		}
	}
	for _, e := range order {
		k := c.Competency[e.from]
		pos := k.IDPos
		for _, r := range k.Requires {
			if r.ID == e.to {
				pos = r.Pos
				break
			}
		}
		diags.Errorf(pos, "prerequisite cycle: %s", chain(shortest[e])).
			Hint = "a competency cannot require itself, directly or through others: remove the requires entry that is wrong"
	}
}

// chain writes a cycle as "a -> b -> c -> a", eliding the middle of a long
// one.
func chain(cyc []string) string {
	ids := append(slices.Clone(cyc), cyc[0])
	if len(cyc) > 6 {
		ids = slices.Concat(ids[:3], []string{fmt.Sprintf("(%d more)", len(cyc)-5)}, ids[len(ids)-3:])
	}
	return strings.Join(ids, " -> ")
}

// PublishHint is the hint for a file the build must not publish.
const PublishHint = "publish only files meant for students: copy such a file into the course folder rather than linking to it"

// checkMedia reports media that is neither a web link nor a file beside
// the activity, and a media or captions file that must not be published.
func checkMedia(c *Course, a *Activity, fence *pubfile.Fence, diags *diag.List) {
	if a.Media == "" || strings.Contains(a.Media, "://") {
		if a.Media != "" && !strings.HasPrefix(a.Media, "https://") && !strings.HasPrefix(a.Media, "http://") {
			diags.Errorf(a.MediaPos, "media %q: only http and https links or local files can be used", a.Media)
		}
		return
	}
	if strings.HasPrefix(a.Media, "/") || strings.Contains(a.Media, "..") {
		diags.Errorf(a.MediaPos, "media %q must be a file beside the activity", a.Media).
			Hint = "put the file in the same folder as the activity and write its name, e.g. media: clip.mp4"
		return
	}
	p := filepath.Join(c.Root, filepath.FromSlash(path.Dir(a.File)), filepath.FromSlash(a.Media))
	if _, err := os.Stat(p); err != nil {
		diags.Errorf(a.MediaPos, "media file %q not found beside %s", a.Media, path.Base(a.File)).
			Hint = "put the file in " + path.Dir(a.File) + "/ or link to it with https://"
		return
	}
	if err := fence.Check(p); err != nil {
		diags.Errorf(a.MediaPos, "media %q: %v", a.Media, err).Hint = PublishHint
	}
	vtt := CaptionsFile(p) // the captions the build copies beside it
	if _, err := os.Stat(vtt); err == nil {
		if err := fence.Check(vtt); err != nil {
			diags.Errorf(a.MediaPos, "captions %q: %v", filepath.Base(vtt), err).Hint = PublishHint
		}
	}
}

// CaptionsFile returns the WebVTT file that captions a local media file:
// the file of the same name beside it, clip.mp4 -> clip.vtt (a slash path
// or one of this system's). The build publishes it with the media and the
// player offers it.
func CaptionsFile(media string) string {
	return strings.TrimSuffix(media, filepath.Ext(media)) + ".vtt"
}
