package markdown

// Strings are the UI strings the extensions write into pages, by key (the
// keys below). A missing key falls back to English, so a theme's i18n file
// may hold only what it translates.
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

// English returns the English strings.
func English() Strings {
	return Strings{
		KeyCheckSubmit:       "Check",
		KeyCheckChooseOne:    "Choose one answer.",
		KeyCheckChooseAll:    "Choose all that apply.",
		KeyCheckYourAnswer:   "Your answer",
		KeyCheckShowAnswer:   "Show answer",
		KeyCheckAlsoAccepted: "Also accepted:",
		KeyMediaVideo:        "Video",
		KeyMediaYouTube:      "Open the video on YouTube",
		KeyMediaDownload:     "Download",
		KeyMediaTranscript:   "Transcript",
		KeyMediaCaptions:     "Captions",
	}
}

// Spanish returns the Spanish strings.
func Spanish() Strings {
	return Strings{
		KeyCheckSubmit:       "Comprobar",
		KeyCheckChooseOne:    "Elige una respuesta.",
		KeyCheckChooseAll:    "Elige todas las que correspondan.",
		KeyCheckYourAnswer:   "Tu respuesta",
		KeyCheckShowAnswer:   "Mostrar respuesta",
		KeyCheckAlsoAccepted: "También se acepta:",
		KeyMediaVideo:        "Video",
		KeyMediaYouTube:      "Abrir el video en YouTube",
		KeyMediaDownload:     "Descargar",
		KeyMediaTranscript:   "Transcripción",
		KeyMediaCaptions:     "Subtítulos",
	}
}

var english = English()

// Get returns the string for key, falling back to English.
func (s Strings) Get(key string) string {
	if v, ok := s[key]; ok && v != "" {
		return v
	}
	if v, ok := english[key]; ok {
		return v
	}
	return key
}
