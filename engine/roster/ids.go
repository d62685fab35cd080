package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pacer-edu/pacer/engine/privfile"
	"github.com/pacer-edu/pacer/engine/token"
	"github.com/pacer-edu/pacer/engine/yamlx"
)

// IDFile is where the map from the school's ids to Pacer's is kept,
// relative to the roster folder. It is private like the link secret: the
// folder holds a .gitignore of its own, and no build reads it.
const IDFile = ".pacer/roster-ids.csv"

// idMap maps a school system's ids (source and sourced id) to the ids of
// the groups and students Pacer made for them.
type idMap struct {
	group, student map[string]string // source + "\x00" + sourced id -> id
	changed        bool
}

func key(source, sid string) string { return source + "\x00" + sid }

func readIDs(roster string) (*idMap, error) {
	m := &idMap{group: map[string]string{}, student: map[string]string{}}
	b, err := os.ReadFile(filepath.Join(roster, filepath.FromSlash(IDFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", IDFile, err)
	}
	for i, r := range recs {
		if i == 0 || len(r) != 4 {
			continue
		}
		switch r[0] {
		case "group":
			m.group[key(r[1], r[2])] = r[3]
		case "student":
			m.student[key(r[1], r[2])] = r[3]
		}
	}
	return m, nil
}

func (m *idMap) write(roster string) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"kind", "source", "sourcedId", "id"})
	for _, kind := range []string{"group", "student"} {
		mm := m.group
		if kind == "student" {
			mm = m.student
		}
		keys := make([]string, 0, len(mm))
		for k := range mm {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			src, sid, _ := strings.Cut(k, "\x00")
			w.Write([]string{kind, src, sid, mm[k]})
		}
	}
	w.Flush()
	dir := filepath.Join(roster, filepath.FromSlash(filepath.Dir(IDFile)))
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, fs.ErrNotExist) {
		note := "# Private to the teacher: the map from the school's student ids to Pacer's.\n# Never commit or publish this folder.\n*\n"
		if err := privfile.Write(ignore, []byte(note)); err != nil {
			return err
		}
	}
	return privfile.Write(filepath.Join(roster, filepath.FromSlash(IDFile)), b.Bytes())
}

// studentID makes the id of a new student: a slug of the name and a
// short suffix derived from the school's id under the link secret, so it
// is stable (the same on another machine with the same secret) and
// reveals nothing of the school's id.
func studentID(secret []byte, source, sid, name string, extra int) string {
	n := 4 + extra
	return slug(name) + "-" + token.For(secret, "pacer-roster\x00"+source+"\x00"+sid)[:n]
}

// slug is yamlx.Slug with accented Latin letters folded to plain ones,
// so "Zoë Núñez" becomes "zoe-nunez".
func slug(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return yamlx.Slug(b.String())
}

var folds = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'þ': "th"}
	for base, letters := range map[string]string{
		"a": "àáâãäåāăąÀÁÂÃÄÅĀĂĄ", "c": "çćĉċčÇĆĈĊČ", "d": "ďĎ", "e": "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
		"g": "ĝğġģĜĞĠĢ", "h": "ĥĤ", "i": "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", "j": "ĵĴ", "k": "ķĶ", "l": "ĺļľĹĻĽ",
		"n": "ñńņňÑŃŅŇ", "o": "òóôõöōŏőÒÓÔÕÖŌŎŐ", "r": "ŕŗřŔŖŘ", "s": "śŝşšŚŜŞŠș", "t": "ţťŢŤț",
		"u": "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", "w": "ŵŴ", "y": "ýÿŷÝŸŶ", "z": "źżžŹŻŽ",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()
