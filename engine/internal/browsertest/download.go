package browsertest

import (
	"context"
	"path/filepath"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Download runs fn (a click on a download link or button) with downloads
// of p's profile going into dir, and returns the path of the file that
// matches pattern (a filepath.Match pattern of its name) once the browser
// has finished writing it.
func (p *Page) Download(dir, pattern string, fn func()) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	yes := true
	_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &yes,
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
	})
	if err != nil {
		p.t.Fatal(errTimeout("allowing downloads", p.Timeout, err))
	}
	done := make(chan string, 1)
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	chromedp.ListenBrowser(lctx, func(ev any) {
		if e, ok := ev.(*cdpbrowser.EventDownloadProgress); ok && e.State == cdpbrowser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	})
	fn()
	select {
	case <-done:
	case <-ctx.Done():
		p.t.Fatal(errTimeout("waiting for a download", p.Timeout, ctx.Err()))
	}
	m, _ := filepath.Glob(filepath.Join(dir, pattern))
	if len(m) != 1 {
		p.t.Fatalf("the download is not one file named %s in %s: %v", pattern, dir, m)
	}
	return m[0]
}
