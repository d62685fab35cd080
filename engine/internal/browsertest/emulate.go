package browsertest

import (
	"context"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Media emulates CSS media features, such as prefers-color-scheme: dark
// or prefers-reduced-motion: reduce; nil goes back to the browser's own.
func (p *Page) Media(features map[string]string) {
	p.t.Helper()
	var fs []*emulation.MediaFeature
	for name, value := range features {
		fs = append(fs, &emulation.MediaFeature{Name: name, Value: value})
	}
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: fs}); err != nil {
		p.t.Fatal(errTimeout("emulating media features", p.Timeout, err))
	}
}

// Screen emulates a screen width CSS pixels wide at a device scale:
// 640 at 2 is a 1280-pixel window zoomed to 200%.
func (p *Page) Screen(width, height int64, scale float64) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: scale, Mobile: false,
	}); err != nil {
		p.t.Fatal(errTimeout("emulating the screen", p.Timeout, err))
	}
}
