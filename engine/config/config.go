// Package config owns site.yaml: its defaults, strict decoding and
// validation. It does not read content files.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pacer-edu/pacer/engine/calendar"
	"github.com/pacer-edu/pacer/engine/diag"
	"github.com/pacer-edu/pacer/engine/yamlx"
	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file at the root of a site.
const FileName = "site.yaml"

// Config is a decoded site.yaml.
type Config struct {
	Title    string
	Language string
	Theme    string
	BaseURL  string
	Term     Term
	Mastery  Mastery
	Students Students
	Markdown Markdown
	Params   map[string]any
}

// Term is the school calendar used for pacing.
type Term struct {
	Start, End    calendar.Date
	Days          []time.Weekday
	Breaks        []calendar.Break
	MinutesPerDay int
	// Pace is how target dates are laid: PaceEven (spread over the
	// student's school days to their end) or PaceASAP (at minutesPerDay
	// from the start).
	Pace string
}

// Ways of laying target dates (term.pace).
const (
	PaceEven = "even"
	PaceASAP = "asap"
)

// Mastery holds the self-assessment scale and the default mastery rule.
type Mastery struct {
	// Scale is the scale site.yaml gives as a list, level 1 first; nil
	// when it gives none (the theme's words are used) or one per language.
	Scale []string
	// Scales are the scales site.yaml gives per language
	// (scale: {en: [...], es: [...]}), all with the same number of levels.
	Scales map[string][]string
	// Levels is the number of levels of the scale.
	Levels int
	Rule   Rule
}

// ScaleIn returns the scale in lang, level 1 first: site.yaml's for lang
// (or its base language: es for es-MX), else its list, else its scale in
// the site's language siteLang, else the theme's words (scale.1, scale.2,
// ...), words being the theme's strings in lang.
func (m Mastery) ScaleIn(lang, siteLang string, words map[string]string) []string {
	base, _, _ := strings.Cut(lang, "-")
	for _, l := range []string{lang, base} {
		if sc, ok := m.Scales[l]; ok {
			return sc
		}
	}
	if m.Scale != nil {
		return m.Scale
	}
	if sc, ok := m.Scales[siteLang]; ok {
		return sc
	}
	out := make([]string, m.Levels)
	for i := range out {
		k := "scale." + strconv.Itoa(i+1)
		out[i] = words[k]
		if out[i] == "" {
			out[i] = strconv.Itoa(i + 1)
		}
	}
	return out
}

// Rule is a mastery rule: the latest self-rating must be at least Self and
// at least M of the N most recent check answers must be right.
type Rule struct {
	Self int `json:"self"`
	M    int `json:"m"`
	N    int `json:"n"`
}

// Students says where the roster lives and where the link secret comes from.
type Students struct {
	SecretEnv string
	// Dir is the folder holding groups/ and students/, relative to the site
	// root unless absolute.
	Dir string
	// Receipts is the folder of hand-in receipts whose newest one per
	// student is merged into that student's own page (students.receipts;
	// "" = off), relative to the site root unless absolute. It is private
	// like the roster: never published.
	Receipts string
	// ReceiptsPos is where site.yaml sets Receipts.
	ReceiptsPos diag.Pos
}

// Markdown holds rendering switches.
type Markdown struct {
	Unsafe bool
}

// Default returns the configuration used for keys site.yaml leaves out.
func Default() *Config {
	return &Config{
		Title:    "My course",
		Language: "en",
		Theme:    "default",
		Term: Term{
			Days:          []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
			MinutesPerDay: 45,
			Pace:          PaceEven,
		},
		Mastery: Mastery{
			Levels: 4,
			Rule:   Rule{Self: 3, M: 2, N: 3},
		},
		Students: Students{SecretEnv: "PACER_SECRET", Dir: "content"},
	}
}

// Load reads site.yaml from root. A missing file is an error with a hint.
func Load(root string, diags *diag.List) *Config {
	cfg := Default()
	src, err := os.ReadFile(filepath.Join(root, FileName))
	if err != nil {
		e := diags.Errorf(diag.Pos{File: FileName}, "cannot read %s: %v", FileName, errText(err))
		e.Hint = "run pacer in a site folder, pass -s DIR, or create one with: pacer new site DIR"
		return cfg
	}
	Decode(src, cfg, diags)
	return cfg
}

func errText(err error) string {
	if os.IsNotExist(err) {
		return "no such file"
	}
	return err.Error()
}

// Decode decodes site.yaml source into cfg, which holds the defaults.
func Decode(src []byte, cfg *Config, diags *diag.List) {
	d := &yamlx.Decoder{File: FileName, Diags: diags}
	root := d.Parse(src)
	if root == nil {
		return
	}
	d.Mapping(root, FileName, map[string]yamlx.Field{
		"title": func(_, v *yaml.Node) { str(d, v, "title", &cfg.Title) },
		"language": func(_, v *yaml.Node) {
			if s, ok := d.String(v, "language"); ok {
				if !langRE.MatchString(s) {
					d.Errorf(v, "language %q is not a language code", s).Hint = "use a code such as en or es"
					return
				}
				cfg.Language = s
			}
		},
		"theme": func(_, v *yaml.Node) {
			if s, ok := d.String(v, "theme"); ok {
				if !yamlx.ValidID(s) {
					d.Errorf(v, "theme %q is not a valid theme name", s).Hint = yamlx.IDHint(s)
					return
				}
				cfg.Theme = s
			}
		},
		"baseURL": func(_, v *yaml.Node) {
			if isEmpty(v) {
				return
			}
			if s, ok := d.String(v, "baseURL"); ok {
				if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
					d.Errorf(v, "baseURL %q must start with http:// or https://", s).Hint = `leave it "" to make every link relative`
					return
				}
				cfg.BaseURL = strings.TrimRight(s, "/") + "/"
			}
		},
		"term":     func(_, v *yaml.Node) { decodeTerm(d, v, &cfg.Term) },
		"mastery":  func(_, v *yaml.Node) { decodeMastery(d, v, &cfg.Mastery) },
		"students": func(_, v *yaml.Node) { decodeStudents(d, v, &cfg.Students) },
		"markdown": func(_, v *yaml.Node) {
			d.Mapping(v, "markdown", map[string]yamlx.Field{
				"unsafe": func(_, v *yaml.Node) {
					if b, ok := d.Bool(v, "markdown.unsafe"); ok {
						cfg.Markdown.Unsafe = b
					}
				},
			})
		},
		"params": func(_, v *yaml.Node) {
			if m, ok := yamlx.Any(v).(map[string]any); ok {
				cfg.Params = m
			}
		},
	})
	if sc := cfg.Mastery.Scales; sc != nil {
		base, _, _ := strings.Cut(cfg.Language, "-")
		if sc[cfg.Language] == nil && sc[base] == nil {
			at := yamlx.Value(yamlx.Value(root, "mastery"), "scale")
			d.Errorf(at, "mastery.scale has no %s scale, the site's language", cfg.Language).
				Hint = "add " + cfg.Language + ": [...] to it: the teacher's pages and students without another language use it"
		}
	}
	if !cfg.Term.Start.IsZero() && !cfg.Term.End.IsZero() && cfg.Term.End.Before(cfg.Term.Start) {
		at := yamlx.Keys(root)["term"]
		if term := yamlx.Value(root, "term"); term != nil {
			if v := yamlx.Value(term, "end"); v != nil {
				at = v
			}
		}
		d.Errorf(at, "term ends (%s) before it starts (%s)", cfg.Term.End, cfg.Term.Start)
	}
}

var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func isEmpty(v *yaml.Node) bool {
	return v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "")
}

func str(d *yamlx.Decoder, v *yaml.Node, key string, dst *string) {
	if s, ok := d.String(v, key); ok {
		*dst = s
	}
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

var weekdayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func decodeTerm(d *yamlx.Decoder, n *yaml.Node, t *Term) {
	d.Mapping(n, "term", map[string]yamlx.Field{
		"start": func(_, v *yaml.Node) {
			if x, ok := d.Date(v, "term.start"); ok {
				t.Start = x
			}
		},
		"end": func(_, v *yaml.Node) {
			if x, ok := d.Date(v, "term.end"); ok {
				t.End = x
			}
		},
		"days": func(_, v *yaml.Node) {
			items, _ := d.Strings(v, "term.days")
			var days []time.Weekday
			for _, it := range items {
				wd, ok := weekdays[strings.ToLower(it.Value)]
				if !ok {
					e := d.Errorf(it.Node, "%q is not a day of the week", it.Value)
					e.Hint = diag.DidYouMean(strings.ToLower(it.Value), weekdayNames)
					if e.Hint == "" {
						e.Hint = "use mon, tue, wed, thu, fri, sat, sun"
					}
					continue
				}
				days = append(days, wd)
			}
			if len(items) == 0 {
				d.Errorf(v, "term.days lists no school days").Hint = "for example: days: [mon, tue, wed, thu, fri]"
			}
			t.Days = days
		},
		"breaks": func(_, v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				d.Errorf(v, "term.breaks must be a list of {from, to, name}")
				return
			}
			t.Breaks = nil
			for _, b := range v.Content {
				var br calendar.Break
				d.Mapping(b, "a break", map[string]yamlx.Field{
					"from": func(_, v *yaml.Node) { br.From, _ = d.Date(v, "from") },
					"to":   func(_, v *yaml.Node) { br.To, _ = d.Date(v, "to") },
					"name": func(_, v *yaml.Node) { br.Name, _ = d.String(v, "name") },
				})
				if b.Kind != yaml.MappingNode {
					continue
				}
				if br.From.IsZero() {
					d.Errorf(b, "a break needs a from date").Hint = "for example: {from: 2026-11-23, to: 2026-11-27, name: Thanksgiving}"
					continue
				}
				if br.To.IsZero() {
					br.To = br.From
				}
				if br.To.Before(br.From) {
					d.Errorf(b, "break ends (%s) before it starts (%s)", br.To, br.From)
					continue
				}
				t.Breaks = append(t.Breaks, br)
			}
		},
		"minutesPerDay": func(_, v *yaml.Node) {
			if m, ok := d.Int(v, "term.minutesPerDay", 1, 24*60); ok {
				t.MinutesPerDay = m
			}
		},
		"pace": func(_, v *yaml.Node) {
			if p, ok := d.OneOf(v, "term.pace", []string{PaceEven, PaceASAP}); ok {
				t.Pace = p
			}
		},
	})
}

func decodeMastery(d *yamlx.Decoder, n *yaml.Node, m *Mastery) {
	d.Mapping(n, "mastery", map[string]yamlx.Field{
		"scale": func(_, v *yaml.Node) {
			if v.Kind == yaml.MappingNode {
				decodeScales(d, v, m)
				return
			}
			if sc, ok := decodeScale(d, v, "mastery.scale"); ok {
				m.Scale, m.Levels = sc, len(sc)
			}
		},
		"rule": func(_, v *yaml.Node) {
			if r, ok := DecodeRule(d, v, "mastery.rule"); ok {
				m.Rule = r
			}
		},
	})
	if m.Rule.Self > m.Levels {
		d.Errorf(yamlx.Keys(n)["rule"], "mastery.rule self: %d is above the top of the %d-level scale", m.Rule.Self, m.Levels)
	}
}

func decodeScale(d *yamlx.Decoder, v *yaml.Node, what string) ([]string, bool) {
	items, ok := d.Strings(v, what)
	if !ok {
		return nil, false
	}
	if len(items) < 2 {
		d.Errorf(v, "%s needs at least two levels", what)
		return nil, false
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Value
	}
	return out, true
}

// decodeScales decodes a scale per language: {en: [...], es: [...]}. Every
// language must have as many levels as the first.
func decodeScales(d *yamlx.Decoder, v *yaml.Node, m *Mastery) {
	scales := map[string][]string{}
	var first string
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		lang := k.Value
		if !langRE.MatchString(lang) {
			d.Errorf(k, "mastery.scale: %q is not a language code", lang).Hint = "give one scale per language, as in scale: {en: [Not yet, Got it], es: [Todavía no, Lo logré]}"
			continue
		}
		if _, dup := scales[lang]; dup {
			d.Errorf(k, "mastery.scale: %s is given twice", lang)
			continue
		}
		sc, ok := decodeScale(d, val, "mastery.scale."+lang)
		if !ok {
			continue
		}
		if first == "" {
			first = lang
		} else if len(sc) != len(scales[first]) {
			// kept, so students of lang are not also told it has no scale
			d.Errorf(val, "mastery.scale: %s has %d levels but %s has %d", lang, len(sc), first, len(scales[first])).
				Hint = "every language's scale needs the same levels, in the same order: a rating is stored as its level number"
		}
		scales[lang] = sc
	}
	if first == "" {
		return
	}
	m.Scale, m.Scales, m.Levels = nil, scales, len(scales[first])
}

var ofRE = regexp.MustCompile(`^\s*(\d+)\s+of\s+(\d+)\s*$`)

// DecodeRule decodes {self: 3, checks: 2 of 3}. Keys left out keep the
// site default (0 means "inherit").
func DecodeRule(d *yamlx.Decoder, n *yaml.Node, what string) (Rule, bool) {
	var r Rule
	ok := true
	d.Mapping(n, what, map[string]yamlx.Field{
		"self": func(_, v *yaml.Node) {
			var good bool
			r.Self, good = d.Int(v, what+" self", 1, 10)
			ok = ok && good
		},
		"checks": func(_, v *yaml.Node) {
			m := ofRE.FindStringSubmatch(v.Value)
			if v.Kind != yaml.ScalarNode || m == nil {
				d.Errorf(v, "%s checks must look like \"2 of 3\", not %q", what, v.Value)
				ok = false
				return
			}
			r.M, _ = strconv.Atoi(m[1])
			r.N, _ = strconv.Atoi(m[2])
			if r.N < 1 || r.M < 1 || r.M > r.N {
				d.Errorf(v, "%s checks %q: need 1 <= m <= n", what, v.Value)
				ok = false
			}
		},
	})
	return r, ok
}

func decodeStudents(d *yamlx.Decoder, n *yaml.Node, s *Students) {
	d.Mapping(n, "students", map[string]yamlx.Field{
		"secretEnv": func(_, v *yaml.Node) {
			if x, ok := d.String(v, "students.secretEnv"); ok {
				s.SecretEnv = x
			}
		},
		"dir": func(_, v *yaml.Node) {
			if x, ok := d.String(v, "students.dir"); ok {
				s.Dir = x
			}
		},
		"receipts": func(_, v *yaml.Node) {
			x, ok := d.String(v, "students.receipts")
			switch {
			case ok && strings.TrimSpace(x) == "":
				d.Errorf(v, "students.receipts must name a folder").Hint = "leave students.receipts out to keep receipts out of the students' pages"
			case ok:
				s.Receipts, s.ReceiptsPos = x, d.Pos(v)
			}
		},
	})
}

// Apply fills the zero fields of r from def.
func (r Rule) Apply(def Rule) Rule {
	if r.Self == 0 {
		r.Self = def.Self
	}
	if r.N == 0 {
		r.M, r.N = def.M, def.N
	}
	return r
}

func (r Rule) String() string { return fmt.Sprintf("self %d, checks %d of %d", r.Self, r.M, r.N) }
