package mastery

import (
	"slices"
	"testing"

	"github.com/pacer-edu/pacer/engine/config"
	"github.com/pacer-edu/pacer/engine/internal/cases"
)

type masteryCases struct {
	About string `json:"about"`
	Cases []struct {
		Name         string      `json:"name"`
		Rule         config.Rule `json:"rule"`
		Own          config.Rule `json:"own"`
		Items        int         `json:"items"`
		RequiredDone bool        `json:"requiredDone"`
		Started      bool        `json:"started"`
		Rating       int         `json:"rating"`
		Placed       bool        `json:"placed"`
		Confirmed    bool        `json:"confirmed"`
		Attempts     []Attempt   `json:"attempts"`
		Want         struct {
			Counted      []int   `json:"counted"`
			Checks       *Checks `json:"checks"`
			NeedsSupport bool    `json:"needsSupport"`
			Status       string  `json:"status"`
		} `json:"want"`
	} `json:"cases"`
}

func TestSharedMasteryRule(t *testing.T) {
	var f masteryCases
	cases.Load(t, "mastery.json", &f)
	if len(f.Cases) == 0 {
		t.Fatal("mastery.json has no cases")
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			rule := c.Own.Apply(c.Rule)
			counted := Counted(c.Attempts)
			var idx []int
			for _, a := range counted {
				idx = append(idx, slices.Index(c.Attempts, a))
			}
			if idx == nil {
				idx = []int{}
			}
			if !slices.Equal(idx, c.Want.Counted) {
				t.Errorf("counted %v, want %v", idx, c.Want.Counted)
			}
			k, ok := CheckCount(counted, rule, c.Items)
			switch {
			case c.Want.Checks == nil && ok:
				t.Errorf("checks %+v, want none", k)
			case c.Want.Checks != nil && (!ok || k != *c.Want.Checks):
				t.Errorf("checks %+v (%v), want %+v", k, ok, *c.Want.Checks)
			}
			if got := NeedsSupportFrom(counted); got != c.Want.NeedsSupport {
				t.Errorf("needs support %v, want %v", got, c.Want.NeedsSupport)
			}
			got := Status(Input{Placed: c.Placed, Confirmed: c.Confirmed, RequiredDone: c.RequiredDone, Started: c.Started,
				Attempts: c.Attempts, Rating: c.Rating, Rule: rule, Items: c.Items})
			if got != c.Want.Status {
				t.Errorf("status %s, want %s", got, c.Want.Status)
			}
		})
	}
}
