package links

import (
	"strings"

	"github.com/pacer-edu/pacer/engine/render"
)

// Words gives a language's UI strings ("es", "es-MX") and the language they
// are in: English, where the theme has none. It is the theme's lookup
// (render.Theme.Lookup), passed in: the cards' and the scan page's words
// live in the theme's i18n files (keys cards.* and scan.*), like every
// other page's.
type Words func(lang string) (string, map[string]string)

// text holds the words of the cards page in one language. Page is for the
// teacher (the site's language); the rest is for the student and family
// (the student's language).
type text struct {
	Title, Intro, Private string
	Group, QR, Link       string
	You, YouText          string
	Family, FamilyText    string
}

// words looks up lang's strings: r.Words, else the built-in theme's.
func (r *Roster) words(lang string) (string, map[string]string) {
	if r.Words != nil {
		return r.Words(lang)
	}
	th, err := render.Builtin()
	if err != nil {
		panic(err) // the embedded theme is tested
	}
	return th.Lookup(lang)
}

// textFor returns the cards' words in lang, and the language they are in.
func (r *Roster) textFor(lang string) (text, string) {
	l, s := r.words(lang)
	return text{
		Title: s["cards.title"], Intro: s["cards.intro"], Private: s["cards.private"],
		Group: s["cards.group"], QR: s["cards.qr"], Link: s["cards.link"],
		You: s["cards.you"], YouText: s["cards.youText"],
		Family: s["cards.family"], FamilyText: s["cards.familyText"],
	}, l
}

// scanText holds the words of the scan page (the teacher's, in the site's
// language). Msg are the messages its script shows as codes come in;
// {name}, {i}, {n} and {date} are filled in by the script.
type scanText struct {
	Title, Intro, Private, NoScript string
	Camera, Start, Stop, Video      string
	Photo, Status                   string
	In, Missing, Unknown            string
	Save, SaveHelp, SaveButton      string
	Clear                           string
	Msg                             map[string]string
}

// scanMsgs are the keys of the messages the scan page's script shows.
var scanMsgs = []string{
	"scan.msg.ready", "scan.msg.noCamera", "scan.msg.denied", "scan.msg.stopped",
	"scan.msg.got", "scan.msg.again", "scan.msg.newer", "scan.msg.older",
	"scan.msg.part", "scan.msg.partAgain", "scan.msg.site", "scan.msg.not",
	"scan.msg.damaged", "scan.msg.update", "scan.msg.noCode", "scan.msg.count",
	"scan.msg.none", "scan.msg.all", "scan.msg.unknown", "scan.msg.cleared",
	"scan.msg.confirm",
}

// scanTextFor returns the scan page's words in lang, and the language they
// are in.
func (r *Roster) scanTextFor(lang string) (scanText, string) {
	l, s := r.words(lang)
	t := scanText{
		Title: s["scan.title"], Intro: s["scan.intro"], Private: s["scan.private"], NoScript: s["scan.noScript"],
		Camera: s["scan.camera"], Start: s["scan.start"], Stop: s["scan.stop"], Video: s["scan.video"],
		Photo: s["scan.photo"], Status: s["scan.status"],
		In: s["scan.in"], Missing: s["scan.missing"], Unknown: s["scan.unknown"],
		Save: s["scan.save"], SaveHelp: s["scan.saveHelp"], SaveButton: s["scan.saveButton"],
		Clear: s["scan.clear"],
		Msg:   map[string]string{},
	}
	for _, k := range scanMsgs {
		t.Msg[strings.TrimPrefix(k, "scan.msg.")] = s[k]
	}
	return t, l
}
