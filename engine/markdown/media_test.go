package markdown

import (
	"strings"
	"testing"
)

func TestRenderMedia(t *testing.T) {
	for _, tc := range []struct {
		m     Media
		kind  MediaKind
		local bool
		frame string
		html  string
	}{
		{Media{Src: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", Title: "Ratios & rates"}, MediaYouTube, false, YouTubeOrigin,
			`<div class="media media-youtube"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Ratios &amp; rates" width="560" height="315" loading="lazy" allow="encrypted-media; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>` + "\n" +
				`<p class="media-fallback"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-i18n="media.openOnYouTube">Open the video on YouTube</a></p></div>` + "\n"},
		{Media{Src: "https://youtu.be/dQw4w9WgXcQ?t=1m30s"}, MediaYouTube, false, YouTubeOrigin,
			`<div class="media media-youtube"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90" title="Video" width="560" height="315" loading="lazy" allow="encrypted-media; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>` + "\n" +
				`<p class="media-fallback"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90s" data-i18n="media.openOnYouTube">Open the video on YouTube</a></p></div>` + "\n"},
		{Media{Src: "clip.mp4", Title: "Smoothies", Captions: "clip.vtt", Lang: "en"}, MediaVideo, true, "",
			`<div class="media media-video"><video controls preload="metadata" playsinline src="clip.mp4"><track kind="captions" src="clip.vtt" srclang="en" label="Captions" data-i18n="media.captions@label" default><a href="clip.mp4" data-i18n="media.download">Download</a></video>` + "\n</div>\n"},
		{Media{Src: "media/my clip.webm"}, MediaVideo, true, "",
			`<div class="media media-video"><video controls preload="metadata" playsinline src="media/my%20clip.webm"><a href="media/my%20clip.webm" data-i18n="media.download">Download</a></video>` + "\n</div>\n"},
		{Media{Src: "talk.MP3", Captions: "talk.vtt"}, MediaAudio, true, "",
			`<div class="media media-audio"><audio controls preload="metadata" src="talk.MP3"><track kind="captions" src="talk.vtt" label="Captions" data-i18n="media.captions@label" default><a href="talk.MP3" data-i18n="media.download">Download</a></audio>` + "\n" +
				`<p class="media-transcript"><a href="talk.vtt" data-i18n="media.transcript">Transcript</a></p>` + "\n</div>\n"},
		{Media{Src: "https://example.org/lesson?id=1&x=2", Title: "Lesson"}, MediaLink, false, "",
			`<p class="media media-link"><a href="https://example.org/lesson?id=1&amp;x=2">Lesson</a></p>` + "\n"},
		{Media{Src: "https://www.youtube.com/@channel"}, MediaLink, false, "",
			`<p class="media media-link"><a href="https://www.youtube.com/@channel">https://www.youtube.com/@channel</a></p>` + "\n"},
		{Media{Src: "worksheet.pdf", Title: "Worksheet"}, MediaLink, true, "",
			`<p class="media media-link"><a href="worksheet.pdf">Worksheet</a></p>` + "\n"},
	} {
		e, err := RenderMedia(tc.m, english)
		if err != nil {
			t.Errorf("%s: %v", tc.m.Src, err)
			continue
		}
		if e.Kind != tc.kind || e.Local != tc.local || e.FrameSrc != tc.frame {
			t.Errorf("%s: got kind %s local %v frame %q", tc.m.Src, e.Kind, e.Local, e.FrameSrc)
		}
		if string(e.HTML) != tc.html {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.m.Src, e.HTML, tc.html)
		}
	}
}

func TestYouTubeURLForms(t *testing.T) {
	for _, src := range []string{
		"https://www.youtube.com/watch?v=abcdefghijk",
		"https://youtube.com/watch?feature=share&v=abcdefghijk",
		"https://m.youtube.com/watch?v=abcdefghijk",
		"https://youtu.be/abcdefghijk",
		"https://www.youtube.com/embed/abcdefghijk",
		"https://www.youtube.com/shorts/abcdefghijk",
		"https://www.youtube-nocookie.com/embed/abcdefghijk",
		"http://www.youtube.com/live/abc-efg_ijk?si=x",
	} {
		e, err := RenderMedia(Media{Src: src, Title: "t"}, nil)
		if err != nil || e.Kind != MediaYouTube || !strings.Contains(string(e.HTML), "youtube-nocookie.com/embed/") {
			t.Errorf("%s: %v %v", src, e.Kind, err)
		}
	}
}

func TestMediaErrors(t *testing.T) {
	for src, want := range map[string]string{
		"https://www.youtube.com/watch?v=short":   `the video id "short" should be 11`,
		"https://youtu.be/abcdefghijk%22onload=x": `should be 11`,
		"javascript:alert(1)":                     "must be an http(s) URL or a file",
		"/media/clip.mp4":                         "relative to the activity file",
		`media\clip.mp4`:                          "backslash",
		"//cdn.example.org/a.mp4":                 "https://",
		" ":                                       "no URL or file",
	} {
		_, err := RenderMedia(Media{Src: src}, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", src, err, want)
		}
	}
}

func TestMediaStringsAreTranslated(t *testing.T) {
	e, _ := RenderMedia(Media{Src: "https://youtu.be/abcdefghijk"}, spanish)
	if !strings.Contains(string(e.HTML), "Abrir el video en YouTube") {
		t.Error(e.HTML)
	}
}
