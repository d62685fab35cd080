// Package teacherpage owns what the pages made for the teacher alone
// share (the report, the link cards, the scan page): one self-contained
// HTML file each, opened from disk, whose head keeps it out of search
// engines, asks for no favicon, carries its style sheet (and script)
// inline and allows exactly those by a Content-Security-Policy of their
// hashes, so text from a receipt or a roster can never run as script.
//
// A page template says {{template "head" .Head}} where its <head> goes;
// Parse adds that template.
package teacherpage

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"strings"
)

// Head is what the shared head shows of a page.
type Head struct {
	Lang, Title string
	CSP         string
	CSS         template.CSS
}

// NewHead is the head of a page in lang titled title, with the inline
// style sheet css and, when script is not empty, one inline script;
// sources adds CSP directives beyond images from data: URLs (e.g.
// "media-src blob: mediastream:" for a camera, "img-src data: blob:" to
// replace the default).
func NewHead(lang, title, css, script string, sources ...string) Head {
	dirs := []string{"default-src 'none'"}
	if script != "" {
		dirs = append(dirs, "script-src "+Hash(script))
	}
	dirs = append(dirs, "style-src "+Hash(css))
	img := "img-src data:"
	for _, s := range sources {
		if strings.HasPrefix(s, "img-src ") {
			img = s
			continue
		}
		dirs = append(dirs, s)
	}
	dirs = append(dirs, img, "base-uri 'none'", "form-action 'none'")
	return Head{Lang: lang, Title: title, CSP: strings.Join(dirs, "; "), CSS: template.CSS(css)}
}

// Hash is the CSP source that allows exactly the inline text s.
func Hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

const head = `{{define "head"}}<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<link rel="icon" href="data:,">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>{{end}}`

// Parse parses a teacher page's template text (with funcs, which may be
// nil) together with the shared head.
func Parse(name, text string, funcs template.FuncMap) (*template.Template, error) {
	t := template.New(name)
	if funcs != nil {
		t = t.Funcs(funcs)
	}
	if _, err := t.Parse(head); err != nil {
		return nil, err
	}
	return t.Parse(text)
}
