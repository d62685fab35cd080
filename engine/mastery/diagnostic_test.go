package mastery

import (
	"reflect"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/cases"
)

type diagnosticCases struct {
	About  string `json:"about"`
	Sample []struct {
		Name   string   `json:"name"`
		Counts []int    `json:"counts"`
		Want   [][2]int `json:"want"`
	} `json:"sample"`
	Place []struct {
		Name    string          `json:"name"`
		Items   []string        `json:"items"`
		Answers map[string]bool `json:"answers"`
		Want    Placement       `json:"want"`
	} `json:"place"`
}

func TestSharedDiagnostic(t *testing.T) {
	var f diagnosticCases
	cases.Load(t, "diagnostic.json", &f)
	if len(f.Sample) == 0 || len(f.Place) == 0 {
		t.Fatal("diagnostic.json has no cases")
	}
	for _, c := range f.Sample {
		t.Run("sample/"+c.Name, func(t *testing.T) {
			if got := Sample(c.Counts, PerCompetency); !reflect.DeepEqual(got, c.Want) {
				t.Errorf("Sample(%v) = %v, want %v", c.Counts, got, c.Want)
			}
		})
	}
	for _, c := range f.Place {
		t.Run("place/"+c.Name, func(t *testing.T) {
			if got := Place(c.Items, c.Answers); !reflect.DeepEqual(got, c.Want) {
				t.Errorf("Place = %+v, want %+v", got, c.Want)
			}
		})
	}
}
