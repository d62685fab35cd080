package links

// text holds the words of the cards page in one language. Page is for the
// teacher (the site's language); the rest is for the student and family
// (the student's language).
type text struct {
	Title, Intro, Private string
	Group, QR, Link       string
	You, YouText          string
	Family, FamilyText    string
}

// texts are the languages the cards ship in; others fall back to English.
var texts = map[string]text{
	"en": {
		Title:   "Student links",
		Intro:   "Print this page and cut out the cards. Each card opens one student's own playlist; its instructions are in that student's language.",
		Private: "Keep the cards and this file private: anyone with a student's link can open that student's page.",
		Group:   "Group",
		QR:      "QR code of the link to %s's playlist",
		Link:    "Or type this link",
		You:     "For you",
		YouText: "Scan the code with a camera, or type the link, to open your playlist: your steps, your choices and your pace. This link is yours alone: don't share it. Your progress stays in the browser you use; your page can save a copy to carry it to another device.",
		Family:  "For your family",
		FamilyText: "This is your child's own learning playlist: what they are learning, the choices they made and how they are keeping pace. " +
			"There is no login and no app, and nothing is sent anywhere. Open it together and ask them to show you what they are working on.",
	},
	"es": {
		Title:   "Enlaces de los estudiantes",
		Intro:   "Imprime esta página y recorta las tarjetas. Cada tarjeta abre la lista propia de un estudiante; sus instrucciones están en el idioma de ese estudiante.",
		Private: "Guarda las tarjetas y este archivo en privado: quien tenga el enlace de un estudiante puede abrir su página.",
		Group:   "Grupo",
		QR:      "Código QR del enlace a la lista de %s",
		Link:    "O escribe este enlace",
		You:     "Para ti",
		YouText: "Escanea el código con una cámara, o escribe el enlace, para abrir tu lista: tus pasos, lo que eliges y tu ritmo. Este enlace es solo tuyo: no lo compartas. Tu progreso se guarda en el navegador que uses; tu página puede guardar una copia para llevarlo a otro dispositivo.",
		Family:  "Para tu familia",
		FamilyText: "Esta es la lista de aprendizaje propia de su hijo o hija: lo que está aprendiendo, lo que ha elegido y cómo lleva el ritmo. " +
			"No hace falta cuenta ni aplicación, y no se envía nada a ningún sitio. Ábranla juntos y pídanle que les muestre en qué está trabajando.",
	},
}

// textFor returns the words for lang ("es", "es-MX"), English when it has
// none.
func textFor(lang string) (text, string) {
	for _, l := range []string{lang, baseLang(lang)} {
		if t, ok := texts[l]; ok {
			return t, l
		}
	}
	return texts["en"], "en"
}

func baseLang(lang string) string {
	for i, r := range lang {
		if r == '-' {
			return lang[:i]
		}
	}
	return lang
}
