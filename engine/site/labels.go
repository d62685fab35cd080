package site

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/pacer-edu/pacer/engine/markdown"
)

// labelRE finds a layout's marked labels: data-i18n="key" or
// "key@attribute"; a key cut short by a template action
// ("modality.{{.Modality}}") stands for every key with that prefix.
var labelRE = regexp.MustCompile(`data-i18n="([A-Za-z0-9.-]*)(\{\{|@|")`)

// labels are the words of lang that pages students share print as labels
// (the layouts' and the markdown extensions' marked keys): the student's
// language's strings script carries them so that a shared page rendered
// in the site's language can show them in the tab student's (see the
// theme's labels.ts). The words stay in the theme's i18n files.
func labels(theme fs.FS, words map[string]string) map[string]string {
	keys := slices.Clone(markdown.Labels)
	var prefixes []string
	files, _ := fs.Glob(theme, "layouts/*.html")
	for _, f := range files {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			continue
		}
		for _, m := range labelRE.FindAllStringSubmatch(string(b), -1) {
			if m[2] == "{{" {
				prefixes = append(prefixes, m[1])
			} else {
				keys = append(keys, m[1])
			}
		}
	}
	out := map[string]string{}
	for k, v := range words {
		if slices.Contains(keys, k) || slices.ContainsFunc(prefixes, func(p string) bool { return p != "" && strings.HasPrefix(k, p) }) {
			out[k] = v
		}
	}
	return out
}
