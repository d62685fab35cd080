// Package coursedata owns the wire format of the shared course data pages
// load as window.PacerCourse: what all students share (titles, links,
// rules, the term), under the short JSON names the client reads
// (themes/default/assets/course.ts). The data comes in parts, so that a
// page loads only what it shows: a head every page loads (Data without
// its maps) and chunks (a unit's competencies and activities) that merge
// into it. The names are checked against the client's TypeScript
// interfaces in this package's test. It builds nothing from a course: the
// site package fills these in and picks the chunks of each page.
package coursedata

import "encoding/json"

// Version is the format's version, Data.V.
const Version = 1

// Data is window.PacerCourse. Fields are in the order of their JSON
// names, which is the order encoding/json gave the map this replaced. The
// head leaves the maps empty; the page's chunks fill them.
type Data struct {
	Activities   map[string]Activity   `json:"activities,omitempty"`
	Competencies map[string]Competency `json:"competencies,omitempty"`
	// Rule is the site's mastery rule, for competencies without their own.
	Rule Rule `json:"rule"`
	// Scale is the self-rating scale, lowest first.
	Scale []string `json:"scale"`
	// Site is the site's key in browsers' storage.
	Site  string          `json:"site"`
	Term  Term            `json:"term"`
	Units map[string]Unit `json:"units,omitempty"`
	V     int             `json:"v"`
}

// Competency is a competency as the client shows it.
type Competency struct {
	T   string `json:"t"`   // title
	Can string `json:"can"` // the "I can" line
	U   string `json:"u"`   // page URL, relative to the site root
	// R lists the ids of its prerequisites.
	R    []string `json:"r,omitempty"`
	Rule Rule     `json:"rule"`
}

// Activity is an activity as the client links and counts it.
type Activity struct {
	T   string `json:"t"`   // title
	U   string `json:"u"`   // page URL, relative to the site root
	Mod string `json:"mod"` // modality
	Min int    `json:"min"` // minutes
	Lvl string `json:"lvl"` // level: core, support or extension
	Ch  string `json:"ch,omitempty"`
	// F lists the ids of the competencies it is for.
	F []string `json:"f"`
	// N is its number of quick checks.
	N int `json:"n"`
	// Al lists ids it had before, so progress saved under them is kept.
	Al []string `json:"al,omitempty"`
}

// Unit is a unit as the client links it.
type Unit struct {
	T string `json:"t"` // title
	U string `json:"u"` // page URL, relative to the site root
	// C lists its competencies' ids, in order.
	C []string `json:"c"`
	// Diag is its diagnostic page's URL, "" when it has none.
	Diag string `json:"diag"`
}

// Rule is a mastery rule: a self-rating of at least Self and M of the
// last N checks right.
type Rule struct {
	M    int `json:"m"`
	N    int `json:"n"`
	Self int `json:"self"`
}

// Term is the school term, for pacing in the browser.
type Term struct {
	// Breaks are [from, to] pairs of dates (YYYY-MM-DD), both included.
	Breaks [][2]string `json:"breaks"`
	// Days are the school weekdays, 0 (Sunday) to 6.
	Days  []int  `json:"days"`
	End   string `json:"end"`
	Start string `json:"start"`
}

// Lang is window.PacerLang: the part of the course data that differs by
// language, set by each language's strings script; the head's script
// (Data.Script) takes it over its own fields.
type Lang struct {
	Scale []string `json:"scale"`
}

// Script is d as the script that sets window.PacerCourse. encoding/json
// escapes <, > and &, so the data cannot close a script element. What
// differs by language (the scale) comes from window.PacerLang, set by the
// page's strings script, which loads before this one.
func (d *Data) Script() []byte {
	js, _ := json.Marshal(d)
	return append(append([]byte("window.PacerCourse=Object.assign("), js...), ",window.PacerLang);\n"...)
}

// Chunk is a part of the course data: a unit with its competencies and
// every activity for any of them (so an activity for competencies of two
// units is in both units' chunks), or the competencies in no unit with
// their activities. A competency's activities are never split between
// chunks: the client ranks a step's options among all of them.
type Chunk struct {
	Activities   map[string]Activity   `json:"activities,omitempty"`
	Competencies map[string]Competency `json:"competencies,omitempty"`
	Units        map[string]Unit       `json:"units,omitempty"`
}

// chunkMerge merges the chunk (d) into window.PacerCourse (created when
// the head did not load): the merge is in each chunk, not in the page's
// script, whose size has a budget.
const chunkMerge = "(function(d){var c=self.PacerCourse=self.PacerCourse||{};for(var k in d)c[k]=Object.assign(c[k]||{},d[k])})("

// Script is c as the script that merges it into window.PacerCourse. Pages
// load it after the head.
func (c *Chunk) Script() []byte {
	js, _ := json.Marshal(c)
	return append(append([]byte(chunkMerge), js...), ");\n"...)
}
