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

var scanTexts = map[string]scanText{
	"en": {
		Title:      "Scan hand-ins",
		Intro:      "Each student opens “Hand in to my teacher” on their playlist, makes a receipt and holds its QR code up to this camera. When a receipt has several codes, show them one after another, in any order. The names of those who handed in move up as they come in.",
		Private:    "Keep this page and the file it saves private: they hold students' names, links and notes.",
		NoScript:   "This page needs JavaScript to use the camera.",
		Camera:     "Camera",
		Start:      "Start the camera",
		Stop:       "Stop the camera",
		Video:      "What the camera sees",
		Photo:      "Or read a photo of a code",
		Status:     "What was read",
		In:         "Handed in",
		Missing:    "Still missing",
		Unknown:    "Not on this roster",
		Save:       "Save for the report",
		SaveHelp:   "Save the receipts as one file, then run pacer report with that file to make the class report. The page keeps what it read until you close its tab.",
		SaveButton: "Save the receipts file",
		Clear:      "Start over",
		Msg: map[string]string{
			"ready":     "Hold a hand-in code up to the camera.",
			"noCamera":  "This browser cannot use a camera here (a camera needs this page opened from a file, from localhost or over https). Read a photo of each code instead.",
			"denied":    "The camera could not be opened: {error}. Allow the camera for this page, or read a photo of each code.",
			"stopped":   "The camera is off.",
			"got":       "{name} handed in ({date}).",
			"again":     "{name} is already in.",
			"newer":     "{name} handed in again: the newer receipt is kept.",
			"older":     "{name} is already in with a newer receipt.",
			"part":      "{name}: code {i} of {n} read. Show the next one.",
			"partAgain": "{name}: that code was already read ({i} of {n}). Show another one.",
			"site":      "That code is from another course: ignored.",
			"not":       "That is not a hand-in code.",
			"damaged":   "That code could not be read whole. Ask the student to make the receipt again.",
			"update":    "That code was made by a newer Pacer: update pacer and run pacer links again.",
			"noCode":    "No code was found in that photo.",
			"count":     "{i} of {n}",
			"none":      "Nobody yet.",
			"all":       "Everyone handed in.",
			"unknown":   "{name} (not on this roster)",
			"cleared":   "Cleared: nobody has handed in yet.",
			"confirm":   "Forget every receipt read on this page?",
		},
	},
	"es": {
		Title:      "Escanear entregas",
		Intro:      "Cada estudiante abre «Entregar a mi docente» en su lista, hace un comprobante y muestra su código QR a esta cámara. Si un comprobante tiene varios códigos, se muestran uno tras otro, en cualquier orden. Los nombres de quienes entregaron suben a medida que llegan.",
		Private:    "Guarda esta página y el archivo que guarda en privado: contienen nombres, enlaces y notas de estudiantes.",
		NoScript:   "Esta página necesita JavaScript para usar la cámara.",
		Camera:     "Cámara",
		Start:      "Encender la cámara",
		Stop:       "Apagar la cámara",
		Video:      "Lo que ve la cámara",
		Photo:      "O leer una foto de un código",
		Status:     "Lo leído",
		In:         "Entregaron",
		Missing:    "Faltan",
		Unknown:    "No están en esta lista",
		Save:       "Guardar para el informe",
		SaveHelp:   "Guarda los comprobantes en un archivo y ejecuta pacer report con ese archivo para hacer el informe de la clase. La página conserva lo leído hasta que cierres su pestaña.",
		SaveButton: "Guardar el archivo de comprobantes",
		Clear:      "Empezar de nuevo",
		Msg: map[string]string{
			"ready":     "Acerca un código de entrega a la cámara.",
			"noCamera":  "Este navegador no puede usar una cámara aquí (la cámara necesita abrir esta página desde un archivo, desde localhost o por https). Lee una foto de cada código.",
			"denied":    "No se pudo abrir la cámara: {error}. Permite la cámara para esta página o lee una foto de cada código.",
			"stopped":   "La cámara está apagada.",
			"got":       "{name} entregó ({date}).",
			"again":     "{name} ya entregó.",
			"newer":     "{name} entregó otra vez: se conserva el comprobante más nuevo.",
			"older":     "{name} ya entregó un comprobante más nuevo.",
			"part":      "{name}: código {i} de {n} leído. Muestra el siguiente.",
			"partAgain": "{name}: ese código ya se leyó ({i} de {n}). Muestra otro.",
			"site":      "Ese código es de otro curso: se ignora.",
			"not":       "Eso no es un código de entrega.",
			"damaged":   "Ese código no se pudo leer completo. Pide al estudiante que haga el comprobante otra vez.",
			"update":    "Ese código lo hizo un Pacer más nuevo: actualiza pacer y ejecuta pacer links otra vez.",
			"noCode":    "No se encontró ningún código en esa foto.",
			"count":     "{i} de {n}",
			"none":      "Nadie todavía.",
			"all":       "Todos entregaron.",
			"unknown":   "{name} (no está en esta lista)",
			"cleared":   "Borrado: nadie ha entregado todavía.",
			"confirm":   "¿Olvidar todos los comprobantes leídos en esta página?",
		},
	},
}

// scanTextFor returns the scan page's words for lang, English when it has
// none.
func scanTextFor(lang string) (scanText, string) {
	for _, l := range []string{lang, baseLang(lang)} {
		if t, ok := scanTexts[l]; ok {
			return t, l
		}
	}
	return scanTexts["en"], "en"
}
