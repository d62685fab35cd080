package markdown

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// MediaKind tells how an activity's media is shown.
type MediaKind string

const (
	MediaYouTube MediaKind = "youtube" // privacy-enhanced embed
	MediaVideo   MediaKind = "video"   // local file in <video>
	MediaAudio   MediaKind = "audio"   // local file in <audio>
	MediaLink    MediaKind = "link"    // any other URL or file: a link
)

// YouTubeOrigin is the origin YouTube embeds load from, for the page's
// Content-Security-Policy frame-src.
const YouTubeOrigin = "https://www.youtube-nocookie.com"

var (
	audioExt = map[string]bool{".mp3": true, ".ogg": true, ".oga": true, ".wav": true, ".m4a": true}
	videoExt = map[string]bool{".mp4": true, ".webm": true, ".ogv": true, ".m4v": true}
	ytID     = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
)

// Media is an activity's `media:` value and what the caller knows about it.
type Media struct {
	// Src is the value as written: an http(s) URL, or a file path relative
	// to the page (the caller resolves and copies local files).
	Src string
	// Title names the player or link: the activity's title.
	Title string
	// Captions is the URL of a WebVTT file for a local video or audio, ""
	// when there is none (content.CaptionsFile says which file it is).
	Captions string
	// Lang is the captions' language (BCP 47), "" to leave it out.
	Lang string
}

// Embed is rendered media.
type Embed struct {
	HTML template.HTML
	Kind MediaKind
	// Local is true when Src is a file of the course, which the build must
	// copy next to the page.
	Local bool
	// FrameSrc is the origin the page's Content-Security-Policy must allow
	// in frame-src, "" when none.
	FrameSrc string
}

// ClassifyMedia tells how src will be shown and whether it is a local file.
// The error explains, for a teacher, why src cannot be used; it reads well
// after "media: ".
func ClassifyMedia(src string) (kind MediaKind, local bool, err error) {
	_, kind, local, err = classify(src)
	return kind, local, err
}

type youTube struct {
	id    string
	start int
}

func classify(src string) (yt youTube, kind MediaKind, local bool, err error) {
	src = strings.TrimSpace(src)
	if src == "" {
		return yt, "", false, fmt.Errorf("no URL or file given")
	}
	if strings.Contains(src, `\`) {
		return yt, "", false, fmt.Errorf("%q contains a backslash: separate folders with /", src)
	}
	u, perr := url.Parse(src)
	if perr != nil {
		return yt, "", false, fmt.Errorf("%q is not a valid URL or file path", src)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return yt, "", false, fmt.Errorf("%q has no host", src)
		}
		yt, isVideo, err := parseYouTube(u)
		switch {
		case err != nil:
			return yt, "", false, err
		case isVideo:
			return yt, MediaYouTube, false, nil
		}
		return yt, MediaLink, false, nil
	case "":
		if u.Host != "" {
			return yt, "", false, fmt.Errorf("%q starts with //: write the full URL with https://", src)
		}
		if strings.HasPrefix(src, "/") {
			return yt, "", false, fmt.Errorf("%q starts with /: write the path relative to the activity file, so the site works under any folder", src)
		}
		ext := strings.ToLower(path.Ext(u.Path))
		switch {
		case audioExt[ext]:
			return yt, MediaAudio, true, nil
		case videoExt[ext]:
			return yt, MediaVideo, true, nil
		}
		return yt, MediaLink, true, nil
	}
	return yt, "", false, fmt.Errorf("%q must be an http(s) URL or a file in the course", src)
}

// parseYouTube recognises YouTube video URLs. isVideo is false for other
// URLs, including YouTube pages that are not one video (a channel).
func parseYouTube(u *url.URL) (yt youTube, isVideo bool, err error) {
	host := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "m.", "music."} {
		host = strings.TrimPrefix(host, p)
	}
	seg := strings.Split(strings.Trim(u.Path, "/"), "/")
	q := u.Query()
	switch host {
	case "youtu.be":
		yt.id = seg[0]
	case "youtube.com", "youtube-nocookie.com":
		switch {
		case seg[0] == "watch":
			yt.id = q.Get("v")
		case len(seg) >= 2 && (seg[0] == "embed" || seg[0] == "shorts" || seg[0] == "live" || seg[0] == "v"):
			yt.id = seg[1]
		default:
			return yt, false, nil
		}
	default:
		return yt, false, nil
	}
	if !ytID.MatchString(yt.id) {
		return yt, false, fmt.Errorf("%q is not a link to one YouTube video: the video id %q should be 11 letters, digits, - or _", u.String(), yt.id)
	}
	for _, k := range []string{"t", "start"} {
		if v := q.Get(k); v != "" {
			yt.start = seconds(v)
			break
		}
	}
	return yt, true, nil
}

var hms = regexp.MustCompile(`^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$`)

// seconds reads a YouTube start time: 90, 90s or 1m30s. 0 when unreadable.
func seconds(v string) int {
	m := hms.FindStringSubmatch(v)
	if m == nil {
		return 0
	}
	total := 0
	for i, mult := range []int{3600, 60, 1} {
		n, _ := strconv.Atoi(m[i+1])
		total += n * mult
	}
	return total
}

// RenderMedia renders m: a YouTube video as a privacy-enhanced embed
// (youtube-nocookie) with a link to YouTube for when embeds are blocked,
// a local video or audio file in a player with its captions, anything else
// as a link.
func RenderMedia(m Media, s Strings) (Embed, error) {
	yt, kind, local, err := classify(m.Src)
	if err != nil {
		return Embed{}, err
	}
	e := Embed{Kind: kind, Local: local}
	u, _ := url.Parse(strings.TrimSpace(m.Src)) // classify parsed it
	src := u.String()
	if local {
		src = (&url.URL{Path: u.Path}).String()
	}
	title := strings.TrimSpace(m.Title)
	var b strings.Builder
	esc := html.EscapeString
	switch kind {
	case MediaYouTube:
		e.FrameSrc = YouTubeOrigin
		if title == "" {
			title = s.Get(KeyMediaVideo)
		}
		embed := YouTubeOrigin + "/embed/" + yt.id
		watch := "https://www.youtube.com/watch?v=" + yt.id
		if yt.start > 0 {
			embed += "?start=" + strconv.Itoa(yt.start)
			watch += "&t=" + strconv.Itoa(yt.start) + "s"
		}
		fmt.Fprintf(&b, `<div class="media media-youtube"><iframe src="%s" title="%s" width="560" height="315" loading="lazy" allow="encrypted-media; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`+"\n",
			esc(embed), esc(title))
		fmt.Fprintf(&b, `<p class="media-fallback"><a href="%s" data-i18n="%s">%s</a></p></div>`+"\n", esc(watch), KeyMediaYouTube, esc(s.Get(KeyMediaYouTube)))
	case MediaVideo, MediaAudio:
		tag := string(kind)
		fmt.Fprintf(&b, `<div class="media media-%s"><%s controls preload="metadata"`, tag, tag)
		if kind == MediaVideo {
			b.WriteString(" playsinline")
		}
		fmt.Fprintf(&b, ` src="%s">`, esc(src))
		if m.Captions != "" {
			fmt.Fprintf(&b, `<track kind="captions" src="%s"`, esc(m.Captions))
			if m.Lang != "" {
				fmt.Fprintf(&b, ` srclang="%s"`, esc(m.Lang))
			}
			fmt.Fprintf(&b, ` label="%s" data-i18n="%s@label" default>`, esc(s.Get(KeyMediaCaptions)), KeyMediaCaptions)
		}
		fmt.Fprintf(&b, `<a href="%s" data-i18n="%s">%s</a></%s>`+"\n", esc(src), KeyMediaDownload, esc(s.Get(KeyMediaDownload)), tag)
		if kind == MediaAudio && m.Captions != "" {
			fmt.Fprintf(&b, `<p class="media-transcript"><a href="%s" data-i18n="%s">%s</a></p>`+"\n", esc(m.Captions), KeyMediaTranscript, esc(s.Get(KeyMediaTranscript)))
		}
		b.WriteString("</div>\n")
	default:
		if title == "" {
			title = strings.TrimSpace(m.Src)
		}
		fmt.Fprintf(&b, `<p class="media media-link"><a href="%s">%s</a></p>`+"\n", esc(src), esc(title))
	}
	e.HTML = template.HTML(b.String())
	return e, nil
}
