package site

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/internal/gencourse"
	"github.com/pacer-edu/pacer/engine/plan"
)

// The reference: the wire playlist as encoding/json writes it. Fields of
// the wire types shadow plan.Step's and plan.Playlist's of the same JSON
// name, and come after them.
type refStep struct {
	plan.Step
	Choices   []refChoice `json:"choices"`
	Support   []any       `json:"support,omitempty"`
	Extension []any       `json:"extension,omitempty"`
}

type refChoice struct {
	Key string `json:"key,omitempty"`
	R   []any  `json:"r"`
}

type refPlaylist struct {
	plan.Playlist
	Steps []refStep `json:"steps"`
}

func refWire(pl plan.Playlist, ids actIDs) string {
	w := refPlaylist{Playlist: pl, Steps: make([]refStep, len(pl.Steps))}
	for i, st := range pl.Steps {
		sorted := ids[st.Competency]
		rank := func(list []string) []any {
			if len(list) == 0 {
				return nil
			}
			out := make([]any, len(list))
			for j, id := range list {
				if k, ok := slices.BinarySearch(sorted, id); ok {
					out[j] = k
				} else {
					out[j] = id
				}
			}
			return out
		}
		ws := refStep{Step: st, Support: rank(st.Support), Extension: rank(st.Extension), Choices: make([]refChoice, len(st.Choices))}
		for j, ch := range st.Choices {
			ws.Choices[j] = refChoice{Key: ch.Key, R: rank(ch.Options)}
			if ws.Choices[j].R == nil {
				ws.Choices[j].R = []any{}
			}
		}
		w.Steps[i] = ws
	}
	b, err := json.Marshal(w)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestWirePlaylistIsWhatEncodingJSONGives compares the hand-written
// playlist encoder with encoding/json on the plans of every student of
// each generated course shape, and on random playlists holding what ids
// and dates never do (quotes, <, &, non-ASCII, invalid UTF-8, control
// characters), empty and nil lists, rules, confirmations and fractions.
func TestWirePlaylistIsWhatEncodingJSONGives(t *testing.T) {
	for _, shape := range gencourse.Shapes {
		o, err := gencourse.ShapeOptions(shape, 400, 30)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if _, err := gencourse.Write(dir, o); err != nil {
			t.Fatal(err)
		}
		res := Inspect(Options{Root: dir, Secret: []byte("x")})
		c := res.Course
		ids, p := newActIDs(c), plan.New(c)
		for _, s := range c.Students {
			pl, _ := p.Build(s)
			if got, want := string(appendWire(nil, pl, ids)), refWire(pl, ids); got != want {
				t.Fatalf("%s, student %s:\ngot  %s\nwant %s", shape, s.ID, got, want)
			}
		}
	}

	odd := []string{"", "a", "c1", `q"uote`, `back\slash`, "<script>", "a&b", "ñandú", "\u2028", "\x00\x1f\x7f", "bad\xffutf8", "tab\there"}
	str := func(r *rand.Rand) string { return odd[r.IntN(len(odd))] }
	list := func(r *rand.Rand) []string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, r.IntN(5)+1)
		for i := range out {
			out[i] = str(r)
		}
		return out
	}
	ids := actIDs{"c1": {"a", "ñandú", `q"uote`}, "": {"", "a&b"}}
	floats := []float64{1, 1.5, 0.1, 2, 10, 1.0 / 3, 0, 1e-7, 1e21, 123456789.125}
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 16))
		pl := plan.Playlist{V: r.IntN(3), Units: list(r), Start: str(r), End: str(r), MinutesPerDay: r.IntN(90) - 5,
			TimeFactor: floats[r.IntN(len(floats))], Pace: str(r), Prefers: list(r), Interests: list(r), Goals: list(r),
			SchoolDays: r.IntN(200), NeededDays: r.IntN(400), Shortfall: r.IntN(3), ReadAloud: r.IntN(2) == 0}
		if r.IntN(5) > 0 {
			pl.Steps = make([]plan.Step, r.IntN(4))
		}
		for i := range pl.Steps {
			st := plan.Step{Competency: []string{"c1", "", "none", "<c>"}[r.IntN(4)], Unit: str(r), Prereq: r.IntN(2) == 0, Placed: r.IntN(3) == 0,
				Requires: list(r), Support: list(r), Extension: list(r), Minutes: r.IntN(200) - 10, Target: str(r)}
			if r.IntN(3) == 0 {
				st.Rule = &config.Rule{Self: r.IntN(5), M: r.IntN(4), N: r.IntN(4)}
			}
			if r.IntN(3) == 0 {
				st.Confirmed = &plan.Confirmed{Date: str(r), Level: r.IntN(5)}
			}
			if r.IntN(4) > 0 {
				st.Choices = make([]plan.Choice, r.IntN(4))
				for j := range st.Choices {
					st.Choices[j] = plan.Choice{Key: str(r), Options: list(r)}
				}
			}
			pl.Steps[i] = st
		}
		if got, want := string(appendWire(nil, pl, ids)), refWire(pl, ids); got != want {
			t.Fatalf("seed %d:\ngot  %s\nwant %s", seed, got, want)
		}
	}
}
