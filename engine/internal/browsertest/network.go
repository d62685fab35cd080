package browsertest

import (
	"context"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Offline cuts the tab off the network (its requests and its service
// worker's fail, navigator.onLine is false) or, with false, reconnects it.
func (p *Page) Offline(off bool) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &off,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	if err == nil {
		_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: off, DownloadThroughput: -1, UploadThroughput: -1,
		})
	}
	if err != nil {
		p.t.Fatal(errTimeout("switching the network", p.Timeout, err))
	}
}

// Block makes the tab's requests to addresses matching any of the
// patterns fail, as a flaky network or a filter would (URLPattern syntax,
// absolute, e.g. "*://*:*/assets/pacer-handin.*"). The recorder lists
// each blocked request as a problem.
func (p *Page) Block(patterns ...string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.Timeout)
	defer cancel()
	var list []*network.BlockPattern
	for _, s := range patterns {
		list = append(list, &network.BlockPattern{URLPattern: s, Block: true})
	}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: list}); err != nil {
		p.t.Fatal(errTimeout("blocking addresses", p.Timeout, err))
	}
}
