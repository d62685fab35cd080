// Package standards owns importing published standards: it reads a CASE
// 1.0/1.1 CFPackage (CFDocument, CFItems, CFAssociations) and plans one
// competency file per standard or component, with its code, its CASE
// identifier, its prerequisites from precedes associations and its full
// statement, and one unit per cluster or domain that holds them. It
// leaves what only a teacher can write (the "I can" statement in a
// student's words, activities) marked TODO, and never overwrites a file.
package standards

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/pacer-edu/pacer/engine/diag"
)

// Package is a read CFPackage.
type Package struct {
	File     string
	Title    string
	Items    []*Item // in file order
	Item     map[string]*Item
	Children map[string][]*Item // parent identifier -> children, in sequence
	// Precedes maps an item to the items that come before it.
	Precedes map[string][]string
	// assoc is where the precedes association of a pair (origin + "\x00"
	// + destination) is written in the file.
	assoc map[string]diag.Pos
}

// Item is a CFItem.
type Item struct {
	ID, Code, Type   string
	Statement, Short string
	Levels           []string
	List             string // listEnumeration
	Parent           string
	seq              int
}

type ref struct {
	Identifier string `json:"identifier"`
	Title      string `json:"title"`
	URI        string `json:"uri"`
}

type cfPackage struct {
	Document *struct {
		Identifier string `json:"identifier"`
		Title      string `json:"title"`
	} `json:"CFDocument"`
	Items []struct {
		Identifier           string   `json:"identifier"`
		FullStatement        string   `json:"fullStatement"`
		AbbreviatedStatement string   `json:"abbreviatedStatement"`
		HumanCodingScheme    string   `json:"humanCodingScheme"`
		ListEnumeration      string   `json:"listEnumeration"`
		CFItemType           string   `json:"CFItemType"`
		CFItemTypeURI        *ref     `json:"CFItemTypeURI"`
		EducationLevel       []string `json:"educationLevel"`
		EducationalLevel     []string `json:"educationalLevel"`
	} `json:"CFItems"`
	Associations []struct {
		Identifier      string `json:"identifier"`
		AssociationType string `json:"associationType"`
		SequenceNumber  *int   `json:"sequenceNumber"`
		Origin          ref    `json:"originNodeURI"`
		Destination     ref    `json:"destinationNodeURI"`
	} `json:"CFAssociations"`
}

// Read reads the CFPackage in file. A file that is not JSON or not a
// CFPackage is an error saying so; problems inside one go to diags.
func Read(file string, diags *diag.List) (*Package, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("cannot read %s: no such file", file)
		}
		return nil, fmt.Errorf("cannot read %s: %v", file, err)
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	var raw cfPackage
	if err := json.Unmarshal(b, &raw); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(b, se.Offset)
			diags.Errorf(diag.Pos{File: file, Line: line, Col: col}, "not a CASE CFPackage: this is not JSON (%v)", se).
				Hint = "a CASE package is the JSON a CASE server sends for CFPackages/{identifier}"
			return nil, nil
		case errors.As(err, &te):
			line, col := lineCol(b, te.Offset)
			return nil, fmt.Errorf("%s:%d:%d: %s is not a CASE CFPackage: %s should not be %s", file, line, col, file, te.Field, te.Value)
		}
		return nil, fmt.Errorf("%s is not a CASE CFPackage: %v", file, err)
	}
	if raw.Document == nil || raw.Items == nil {
		return nil, fmt.Errorf("%s is not a CASE CFPackage: it has no CFDocument and CFItems\n\thint: download the framework's package (the CFPackages/{identifier} JSON) from a CASE server such as the CASE Network or OpenSALT", file)
	}
	p := &Package{File: file, Title: raw.Document.Title, Item: map[string]*Item{}, Children: map[string][]*Item{}, Precedes: map[string][]string{}, assoc: map[string]diag.Pos{}}
	assocs := bytes.Index(b, []byte(`"CFAssociations"`))
	for _, it := range raw.Items {
		if it.Identifier == "" {
			diags.Warnf(diag.Pos{File: file}, "an item with no identifier is left out (%q)", short(it.FullStatement, 40))
			continue
		}
		if _, dup := p.Item[it.Identifier]; dup {
			diags.Warnf(diag.Pos{File: file}, "item %s appears twice; the first is used", it.Identifier)
			continue
		}
		lv := it.EducationLevel
		if len(lv) == 0 {
			lv = it.EducationalLevel
		}
		typ := it.CFItemType
		if typ == "" && it.CFItemTypeURI != nil {
			typ = it.CFItemTypeURI.Title
		}
		x := &Item{ID: it.Identifier, Code: strings.TrimSpace(it.HumanCodingScheme), Type: typ,
			Statement: strings.TrimSpace(it.FullStatement), Short: strings.TrimSpace(it.AbbreviatedStatement),
			Levels: lv, List: it.ListEnumeration, seq: -1}
		p.Items = append(p.Items, x)
		p.Item[x.ID] = x
	}
	for _, a := range raw.Associations {
		o, d := a.Origin.Identifier, a.Destination.Identifier
		switch strings.ToLower(a.AssociationType) {
		case "ischildof":
			if c, ok := p.Item[o]; ok && c.Parent == "" {
				c.Parent = d
				if a.SequenceNumber != nil {
					c.seq = *a.SequenceNumber
				}
			}
		case "precedes":
			if _, ok := p.Item[d]; ok {
				p.Precedes[d] = append(p.Precedes[d], o)
				p.assoc[o+"\x00"+d] = p.where(b, assocs, a.Identifier)
			}
		}
	}
	for _, x := range p.Items {
		if x.Parent != "" {
			p.Children[x.Parent] = append(p.Children[x.Parent], x)
		}
	}
	return p, nil
}

// where finds the position of an association by its identifier, written
// after from in b (positions are not kept by encoding/json).
func (p *Package) where(b []byte, from int, id string) diag.Pos {
	if from < 0 || id == "" {
		return diag.Pos{File: p.File}
	}
	q, _ := json.Marshal(id)
	i := bytes.Index(b[from:], q)
	if i < 0 {
		return diag.Pos{File: p.File}
	}
	line, col := lineCol(b, int64(from+i))
	return diag.Pos{File: p.File, Line: line, Col: col}
}

// Label names an item for messages: its code, else its short statement.
func (x *Item) Label() string {
	if x.Code != "" {
		return x.Code
	}
	return short(x.Statement, 40)
}

func lineCol(b []byte, off int64) (int, int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	before := b[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	if col < 1 {
		col = 1
	}
	return line, col
}

// short cuts s to its first sentence, at most n characters, at a word.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(plain(s)), " ")
	if i := strings.Index(s, ". "); i > 0 && i < n {
		return s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// plain drops the Markdown marks a statement may hold (emphasis, links,
// list bullets), for titles.
func plain(s string) string {
	r := strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "\n- ", " ", "\n", " ")
	s = r.Replace(s)
	// [text](url) -> text
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			break
		}
		j := strings.LastIndex(s[:i], "[")
		k := strings.Index(s[i:], ")")
		if j < 0 || k < 0 {
			break
		}
		s = s[:j] + s[j+1:i] + s[i+k+1:]
	}
	return s
}
