// Package receipt owns the hand-in receipt: the record a student's browser
// produces for the teacher ("Hand in" on the playlist page) and the
// teacher report reads. It defines the format, decodes and validates it.
// A receipt is signed by nothing: it is a record, not a proof.
//
// Format, version 1 (JSON; as a code it is "PACER1." followed by the
// base64url of the JSON):
//
//	{
//	  "pacer": "receipt",            // constant, identifies the format
//	  "v": 1,                        // format version
//	  "site": "x57lfqi7z2",          // the site key (body data-site)
//	  "student": "44vqwmvcmbff37am5gj6", // the student's token
//	  "name": "Ana R.",              // as greeted on the student's page
//	  "at": "2026-11-25T14:03:00Z",  // when it was made (RFC 3339)
//	  "today": "2026-11-25",         // the date the page used for pacing
//	  "pace": {"status": "behind", "days": 3},  // on-track | ahead | behind; days >= 0
//	  "steps": [                     // the playlist in order
//	    {"c": "ratio-language",
//	     "status": "mastered",       // not-started | practicing | needs-support | mastered | placed
//	     "target": "2026-10-02",
//	     "self": [{"level": 3, "at": "2026-10-01T10:00:00Z"}],   // history, oldest first
//	     "checks": {"right": 4, "total": 5, "recent": [true, false, true]},
//	     "done": ["garden-ratios-video"],                        // activity ids done
//	     "note": "The tape diagram helped."}
//	  ],
//	  "goals": ["Finish ratios before winter break"]
//	}
//
// Version 2 adds every quick-check answer to each step, oldest first, so
// the teacher sees practice apart from first tries (SPEC 5.3):
//
//	"tries": [{"a": "garden-ratios-video", // the activity
//	           "q": 0,                      // its quick check, from 0
//	           "ok": false,                 // right or not
//	           "at": "2026-10-01T10:02:00Z",
//	           "p": true}]                  // practice: answered after the
//	                                        // explanation was shown that day
//
// A version 1 receipt reads as one without tries.
//
// Unknown fields are ignored (newer clients may add some within a version).
package receipt

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Version is the newest format version this build understands (and the
// one browsers write).
const Version = 2

// MaxTries bounds the answers of one step: a student answering all year
// stays far below it.
const MaxTries = 5000

// CodePrefix starts a receipt given as a code rather than a file.
const CodePrefix = "PACER1."

// MaxSize bounds a receipt's JSON: a year of a long playlist with notes is
// well under it; anything bigger is not a receipt a browser made.
const MaxSize = 1 << 20

// Receipt is one student's hand-in.
type Receipt struct {
	Pacer   string    `json:"pacer"`
	V       int       `json:"v"`
	Site    string    `json:"site"`
	Student string    `json:"student"`
	Name    string    `json:"name"`
	At      time.Time `json:"at"`
	Today   string    `json:"today"`
	Pace    Pace      `json:"pace"`
	Steps   []Step    `json:"steps"`
	Goals   []string  `json:"goals,omitempty"`
}

// Pace is where the student stood against their target dates.
type Pace struct {
	Status string `json:"status"`
	Days   int    `json:"days"`
}

// Step is one competency of the playlist as the student's browser saw it.
type Step struct {
	C      string   `json:"c"`
	Status string   `json:"status"`
	Target string   `json:"target,omitempty"`
	Self   []Rating `json:"self,omitempty"`
	Checks Checks   `json:"checks"`
	Done   []string `json:"done,omitempty"`
	Note   string   `json:"note,omitempty"`
	// Tries are the step's quick-check answers, oldest first (version 2).
	Tries []Try `json:"tries,omitempty"`
}

// Try is one answer to a quick check.
type Try struct {
	Activity string    `json:"a"`
	Check    int       `json:"q"`
	Right    bool      `json:"ok"`
	At       time.Time `json:"at"`
	// Practice: given after the check's explanation was shown that day;
	// it does not count toward mastery.
	Practice bool `json:"p,omitempty"`
}

// Rating is one self-assessment on the site's scale (1-based).
type Rating struct {
	Level int       `json:"level"`
	At    time.Time `json:"at"`
}

// Checks summarises the student's quick-check answers for a competency.
type Checks struct {
	Right  int    `json:"right"`
	Total  int    `json:"total"`
	Recent []bool `json:"recent,omitempty"`
}

// Statuses a step may have.
var Statuses = []string{"not-started", "practicing", "needs-support", "mastered", "placed"}

// PaceStatuses a receipt's pace may have.
var PaceStatuses = []string{"on-track", "ahead", "behind"}

// Errors that tell a teacher what is wrong with a receipt.
var (
	ErrNotReceipt = errors.New("not a Pacer receipt")
	ErrTruncated  = errors.New("the receipt is cut off (incomplete JSON): ask the student to hand in again")
	// ErrOtherSecret: the student's page was built with another link
	// secret than the one this course has now.
	ErrOtherSecret = errors.New("the receipt comes from a page built with another link secret: " +
		"it is from another course, or this course's link secret changed since the student's page was built " +
		"(for example, the links were made on another computer). " +
		"Copy the link secret from the computer that built the students' pages " +
		"(its .pacer/secret file, or the PACER_SECRET variable) into this course, then make the report again")
)

func errTooLarge(n int) error {
	return fmt.Errorf("too large for a receipt (%.1f MB; a receipt is at most %d MB)", float64(n)/(1<<20), MaxSize>>20)
}

// Decode reads a receipt from a file's bytes: JSON, or a code.
// site, when not empty, must match the receipt's site key.
func Decode(data []byte, site string) (*Receipt, error) {
	data = bytes.TrimSpace(data)
	if len(data) > base64.RawURLEncoding.EncodedLen(MaxSize)+len(CodePrefix) {
		return nil, errTooLarge(len(data))
	}
	if s, ok := strings.CutPrefix(string(data), CodePrefix); ok {
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(strings.Join(strings.Fields(s), ""), "="))
		if err != nil {
			return nil, fmt.Errorf("the receipt code is damaged: %v", err)
		}
		data = raw
	}
	if len(data) > MaxSize {
		return nil, errTooLarge(len(data))
	}
	if len(data) == 0 || data[0] != '{' {
		return nil, ErrNotReceipt
	}
	var probe struct {
		Pacer string `json:"pacer"`
		V     int    `json:"v"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset >= int64(len(data)) || errors.Is(err, errUnexpectedEOF(err)) {
			return nil, ErrTruncated
		}
		return nil, fmt.Errorf("the receipt is not valid JSON: %v", err)
	}
	if probe.Pacer != "receipt" {
		return nil, ErrNotReceipt
	}
	if probe.V > Version {
		return nil, fmt.Errorf("the receipt is format version %d, newer than this pacer understands (%d): update pacer", probe.V, Version)
	}
	if probe.V < 1 {
		return nil, fmt.Errorf("the receipt has no valid version")
	}
	var r Receipt
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("the receipt does not match format version %d: %v", probe.V, err)
	}
	if site != "" && r.Site != site {
		return nil, ErrOtherSecret
	}
	if err := r.validate(); err != nil {
		return nil, err
	}
	return &r, nil
}

func errUnexpectedEOF(err error) error {
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return err
	}
	return errors.New("")
}

func (r *Receipt) validate() error {
	if r.Student == "" {
		return errors.New("the receipt names no student")
	}
	if r.At.IsZero() {
		return errors.New("the receipt has no date")
	}
	if r.Pace.Status != "" && !oneOf(r.Pace.Status, PaceStatuses) {
		return fmt.Errorf("the receipt has an unknown pace status %q", r.Pace.Status)
	}
	for _, s := range r.Steps {
		if s.C == "" {
			return errors.New("a step of the receipt names no competency")
		}
		if !oneOf(s.Status, Statuses) {
			return fmt.Errorf("step %q has an unknown status %q", s.C, s.Status)
		}
		if len(s.Tries) > MaxTries {
			return fmt.Errorf("step %q has %d answers, more than a receipt holds (%d)", s.C, len(s.Tries), MaxTries)
		}
		for _, t := range s.Tries {
			if t.Activity == "" || t.Check < 0 || t.At.IsZero() {
				return fmt.Errorf("step %q has an answer with no activity, check or date", s.C)
			}
		}
	}
	return nil
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

// Encode returns r as JSON (what the browser writes into a file).
func Encode(r *Receipt) ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// Code returns r as a code to paste.
func Code(r *Receipt) (string, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return "", err
	}
	return CodePrefix + base64.RawURLEncoding.EncodeToString(b), nil
}
