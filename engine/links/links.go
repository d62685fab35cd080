// Package links owns the teacher's roster of student links (SPEC 6): a CSV
// of every student's link and a printable page of cards, each with the
// link, its QR code and short instructions for the student and their
// family in the student's language; and the scan page (SPEC 7) that reads
// students' hand-in QR codes (engine/handin) with a camera. It writes only
// the folder it is given (the CLI keeps that outside the build output) and
// reads no site files: its words are the theme's, passed in (Roster.Words),
// and the scan page's script is the built-in theme's.
package links

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pacer-edu/pacer/engine/privfile"
	"github.com/pacer-edu/pacer/engine/site"
	"github.com/pacer-edu/pacer/engine/teacherpage"
)

// Student is one student's line of the roster.
type Student struct {
	ID, Name string
	// GroupID is the group's id ("" when none); Group is what a person
	// reads (the group's title, else its id).
	GroupID, Group string
	// Language is the student's page language ("" for the site's).
	Language string
	// Link is the absolute address of the student's page.
	Link string
	// Token is the student's token (it is in Link too): the scan page
	// names a student by it.
	Token string
	// Merged says the student's page carries their progress from a
	// receipt (site.yaml students.receipts, or --receipts).
	Merged bool
	// Confirmed and Feedback are what the student's file says to them:
	// the competencies whose mastery the teacher confirmed, and the
	// feedback, each by the competency's title. The scan page shows them
	// as the student's receipt comes in.
	Confirmed []string
	Feedback  []Feedback
}

// Feedback is the teacher's word to a student on a competency.
type Feedback struct {
	Competency, Text string
}

// Roster is everything the CSV and the cards show.
type Roster struct {
	// Title is the course's title.
	Title string
	// Language is the site's language: the teacher's words on the page,
	// and the cards' language for students who set none.
	Language string
	// SiteKey is the site's key: the scan page ignores other sites' codes.
	SiteKey  string
	Students []Student
	// Receipts says the build merges receipts into students' pages: the
	// CSV then says which pages carry merged progress.
	Receipts bool
	// Words are the theme's UI strings; nil means the built-in theme's.
	Words Words
}

// Files the roster is written to, inside the output folder.
const (
	CSVFile   = "links.csv"
	CardsFile = "cards.html"
)

// Link joins a base URL and a student page's path (s/<token>/index.html)
// into the address on the card. The index.html is left off: every host
// serves a folder's index.html, and a shorter link is easier to type and
// makes a smaller QR code.
func Link(baseURL, page string) string {
	return strings.TrimRight(baseURL, "/") + "/" + strings.TrimSuffix(page, "index.html")
}

// WriteCSV writes the roster as CSV: id, name, group, link, and, when the
// build merges receipts, "merged progress" (yes when the student's page
// carries their progress from a receipt). It starts with
// a UTF-8 byte order mark so spreadsheet programs read accented names
// right.
func (r *Roster) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := []string{"id", "name", "group", "link"}
	if r.Receipts {
		head = append(head, "merged progress")
	}
	cw.Write(head)
	for _, s := range r.Students {
		row := []string{s.ID, s.Name, s.GroupID, s.Link}
		if r.Receipts {
			row = append(row, map[bool]string{true: "yes", false: "no"}[s.Merged])
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

//go:embed cards.html
var cardsHTML string

//go:embed cards.css
var cardsCSS string

var cardsTmpl = template.Must(teacherpage.Parse("cards", cardsHTML, nil))

type cardView struct {
	Lang  string // set when it differs from the page's
	Name  string
	Group string
	Link  string
	QR    template.HTML
	T     text
}

// WriteCards writes the printable page of cards: one self-contained HTML
// file (inline CSS, no script, nothing fetched) whose cards never split
// across printed pages.
func (r *Roster) WriteCards(w io.Writer) error {
	page, lang := r.textFor(r.Language)
	// the page needs no script and fetches nothing
	view := struct {
		Head  teacherpage.Head
		Title string
		T     text
		Cards []cardView
	}{Head: teacherpage.NewHead(lang, page.Title+": "+r.Title, cardsCSS, ""), Title: r.Title, T: page}
	for _, s := range r.Students {
		l := s.Language
		if l == "" {
			l = r.Language
		}
		t, tl := r.textFor(l)
		code, err := Encode(s.Link)
		if err != nil {
			return err
		}
		c := cardView{Name: s.Name, Group: s.Group, Link: s.Link, T: t, QR: code.SVG(fmt.Sprintf(t.QR, s.Name))}
		if tl != lang {
			c.Lang = tl
		}
		view.Cards = append(view.Cards, c)
	}
	return cardsTmpl.Execute(w, view)
}

// Write writes links.csv, cards.html and scan.html into dir, creating it
// (readable by the owner only: the links are private). Each file is
// replaced whole or not at all.
func Write(dir string, r *Roster) (csvPath, cardsPath string, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	var c, h, sc bytes.Buffer
	if err := r.WriteCSV(&c); err != nil {
		return "", "", err
	}
	if err := r.WriteCards(&h); err != nil {
		return "", "", err
	}
	if err := r.WriteScan(&sc); err != nil {
		return "", "", err
	}
	csvPath, cardsPath = filepath.Join(dir, CSVFile), filepath.Join(dir, CardsFile)
	if err := privfile.Write(csvPath, c.Bytes()); err != nil {
		return "", "", err
	}
	if err := privfile.Write(cardsPath, h.Bytes()); err != nil {
		return "", "", err
	}
	if err := privfile.Write(filepath.Join(dir, ScanFile), sc.Bytes()); err != nil {
		return "", "", err
	}
	return csvPath, cardsPath, nil
}

// RosterOf takes the roster of an inspected site, with each student's
// link under baseURL.
func RosterOf(res *site.Result, baseURL string) *Roster {
	c := res.Course
	r := &Roster{SiteKey: res.SiteKey, Words: res.Words, Receipts: res.Receipts}
	if c.Config != nil {
		r.Title, r.Language = c.Config.Title, c.Config.Language
	}
	for _, s := range res.Students {
		st := Student{ID: s.ID, Name: s.Name, GroupID: s.Group, Group: s.Group, Link: Link(baseURL, s.Path), Token: s.Token, Merged: s.Merged}
		if g := c.Group[s.Group]; g != nil && g.Title != "" {
			st.Group = g.Title
		}
		if cs := c.Student[s.ID]; cs != nil {
			st.Language = cs.Language
			title := func(id string) string {
				if k := c.Competency[id]; k != nil && k.Title != "" {
					return k.Title
				}
				return id
			}
			for _, k := range cs.Confirmed {
				st.Confirmed = append(st.Confirmed, title(k.Competency.ID))
			}
			for _, f := range cs.Feedback {
				st.Feedback = append(st.Feedback, Feedback{title(f.Competency.ID), f.Text})
			}
		}
		r.Students = append(r.Students, st)
	}
	return r
}
