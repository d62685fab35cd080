package site

import (
	"encoding/json"
	"html/template"
	"math"
	"slices"
	"strconv"

	"github.com/pacer-edu/pacer/engine/content"
	"github.com/pacer-edu/pacer/engine/depend"
	"github.com/pacer-edu/pacer/engine/plan"
)

// The playlist as a student page carries it (the pacer-playlist script):
// plan.Playlist's JSON, except that each step names its activities by
// rank among the competency's activities in id order (the order of the
// course data's keys), so a step of 20 activities costs a few bytes each,
// not their ids; an id not among them stays a string. Each step's
// "choices", "support" and "extension" come last in the step, and
// "steps" last in the playlist.
//
// It is written by hand, not by encoding/json: a 200-step student's
// playlist went through about 4,000 reflective calls and as many boxed
// ranks. The bytes are those encoding/json gives for the same value
// (TestWirePlaylistIsWhatEncodingJSONGives keeps the reflective encoder
// as its reference).

// actIDs holds each competency's activity ids, sorted, for the ranks.
type actIDs map[string][]string

func newActIDs(c *content.Course) actIDs {
	m := make(actIDs, len(c.ActivitiesFor))
	for k, acts := range c.ActivitiesFor {
		ids := make([]string, len(acts))
		for i, a := range acts {
			ids[i] = a.ID
		}
		slices.Sort(ids)
		m[k] = ids
	}
	return m
}

// wirePlaylist is pl's JSON as the student page carries it.
func (b *builder) wirePlaylist(pl plan.Playlist) template.JS {
	for _, st := range pl.Steps {
		b.read(depend.ActsFor, st.Competency, depend.All)
	}
	ids := b.actIDs
	if ids == nil {
		ids = newActIDs(b.course)
	}
	return template.JS(appendWire(make([]byte, 0, 256+300*len(pl.Steps)), pl, ids))
}

func appendWire(j []byte, pl plan.Playlist, ids actIDs) []byte {
	j = append(j, `{"v":`...)
	j = strconv.AppendInt(j, int64(pl.V), 10)
	j = append(j, `,"units":`...)
	j = appendStrings(j, pl.Units)
	j = append(j, `,"start":`...)
	j = appendString(j, pl.Start)
	j = append(j, `,"end":`...)
	j = appendString(j, pl.End)
	j = append(j, `,"minutesPerDay":`...)
	j = strconv.AppendInt(j, int64(pl.MinutesPerDay), 10)
	j = append(j, `,"timeFactor":`...)
	j = appendFloat(j, pl.TimeFactor)
	j = append(j, `,"pace":`...)
	j = appendString(j, pl.Pace)
	if len(pl.Prefers) > 0 {
		j = append(j, `,"prefers":`...)
		j = appendStrings(j, pl.Prefers)
	}
	if len(pl.Interests) > 0 {
		j = append(j, `,"interests":`...)
		j = appendStrings(j, pl.Interests)
	}
	if len(pl.Goals) > 0 {
		j = append(j, `,"goals":`...)
		j = appendStrings(j, pl.Goals)
	}
	j = append(j, `,"schoolDays":`...)
	j = strconv.AppendInt(j, int64(pl.SchoolDays), 10)
	j = append(j, `,"neededDays":`...)
	j = strconv.AppendInt(j, int64(pl.NeededDays), 10)
	j = append(j, `,"shortfall":`...)
	j = strconv.AppendInt(j, int64(pl.Shortfall), 10)
	if pl.ReadAloud {
		j = append(j, `,"readAloud":true`...)
	}
	j = append(j, `,"steps":[`...)
	for i, st := range pl.Steps {
		if i > 0 {
			j = append(j, ',')
		}
		j = appendStep(j, st, ids[st.Competency])
	}
	return append(j, "]}"...)
}

func appendStep(j []byte, st plan.Step, ids []string) []byte {
	j = append(j, `{"c":`...)
	j = appendString(j, st.Competency)
	if st.Unit != "" {
		j = append(j, `,"unit":`...)
		j = appendString(j, st.Unit)
	}
	if st.Prereq {
		j = append(j, `,"prereq":true`...)
	}
	if st.Placed {
		j = append(j, `,"placed":true`...)
	}
	if len(st.Requires) > 0 {
		j = append(j, `,"requires":`...)
		j = appendStrings(j, st.Requires)
	}
	j = append(j, `,"minutes":`...)
	j = strconv.AppendInt(j, int64(st.Minutes), 10)
	if st.Target != "" {
		j = append(j, `,"target":`...)
		j = appendString(j, st.Target)
	}
	if r := st.Rule; r != nil {
		j = append(j, `,"rule":{"self":`...)
		j = strconv.AppendInt(j, int64(r.Self), 10)
		j = append(j, `,"m":`...)
		j = strconv.AppendInt(j, int64(r.M), 10)
		j = append(j, `,"n":`...)
		j = strconv.AppendInt(j, int64(r.N), 10)
		j = append(j, '}')
	}
	if c := st.Confirmed; c != nil {
		j = append(j, `,"confirmed":{`...)
		if c.Date != "" {
			j = append(j, `"date":`...)
			j = appendString(j, c.Date)
			j = append(j, ',')
		}
		j = append(j, `"level":`...)
		j = strconv.AppendInt(j, int64(c.Level), 10)
		j = append(j, '}')
	}
	j = append(j, `,"choices":[`...)
	for i, ch := range st.Choices {
		if i > 0 {
			j = append(j, ',')
		}
		j = append(j, '{')
		if ch.Key != "" {
			j = append(j, `"key":`...)
			j = appendString(j, ch.Key)
			j = append(j, ',')
		}
		j = append(j, `"r":`...)
		j = appendRanks(j, ch.Options, ids)
		j = append(j, '}')
	}
	j = append(j, ']')
	if len(st.Support) > 0 {
		j = append(j, `,"support":`...)
		j = appendRanks(j, st.Support, ids)
	}
	if len(st.Extension) > 0 {
		j = append(j, `,"extension":`...)
		j = appendRanks(j, st.Extension, ids)
	}
	return append(j, '}')
}

// appendRanks writes each id's rank in ids, or the id where it has none.
func appendRanks(j []byte, list, ids []string) []byte {
	j = append(j, '[')
	for i, id := range list {
		if i > 0 {
			j = append(j, ',')
		}
		if k, ok := slices.BinarySearch(ids, id); ok {
			j = strconv.AppendInt(j, int64(k), 10)
		} else {
			j = appendString(j, id)
		}
	}
	return append(j, ']')
}

// appendStrings writes a list of strings, null for nil as encoding/json.
func appendStrings(j []byte, list []string) []byte {
	if list == nil {
		return append(j, "null"...)
	}
	j = append(j, '[')
	for i, s := range list {
		if i > 0 {
			j = append(j, ',')
		}
		j = appendString(j, s)
	}
	return append(j, ']')
}

// appendString writes s as encoding/json does: as it is when it holds
// only printable ASCII that needs no escape (ids, dates, keys); anything
// else goes to encoding/json.
func appendString(j []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(j, q...)
		}
	}
	j = append(j, '"')
	j = append(j, s...)
	return append(j, '"')
}

// appendFloat writes f as encoding/json does: whole numbers of ordinary
// size as integers, anything else through encoding/json.
func appendFloat(j []byte, f float64) []byte {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 && !(f == 0 && math.Signbit(f)) {
		return strconv.AppendInt(j, int64(f), 10)
	}
	q, _ := json.Marshal(f)
	return append(j, q...)
}
