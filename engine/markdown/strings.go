package markdown

// Strings are the UI strings the extensions write into pages, by key (the
// keys below): the theme's strings of the page's language, passed in. The
// words live in the theme's i18n files, not here.
type Strings map[string]string

// String keys.
const (
	KeyCheckSubmit       = "check.submit"
	KeyCheckChooseOne    = "check.chooseOne"
	KeyCheckChooseAll    = "check.chooseAll"
	KeyCheckYourAnswer   = "check.yourAnswer"
	KeyCheckShowAnswer   = "check.showAnswer"
	KeyCheckAlsoAccepted = "check.alsoAccepted"
	KeyMediaVideo        = "media.video"
	KeyMediaYouTube      = "media.openOnYouTube"
	KeyMediaDownload     = "media.download"
	KeyMediaTranscript   = "media.transcript"
	KeyMediaCaptions     = "media.captions"
)

// Labels are the keys whose words the extensions mark data-i18n="key"
// (key@attribute for an attribute), so that a page shared by students of
// several languages can show them in the reader's (the theme's client
// swaps them). The check form's own controls are reworded by the client.
var Labels = []string{KeyCheckAlsoAccepted, KeyMediaYouTube, KeyMediaDownload, KeyMediaTranscript, KeyMediaCaptions}

// Get returns the string for key; the key itself when there is none, so a
// missing string shows rather than vanishes.
func (s Strings) Get(key string) string {
	if v, ok := s[key]; ok && v != "" {
		return v
	}
	return key
}
