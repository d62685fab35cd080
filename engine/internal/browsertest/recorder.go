package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// ProblemKind names what went wrong in a page.
type ProblemKind string

// The kinds of [Problem].
const (
	OffHostRequest ProblemKind = "request off 127.0.0.1"
	Exception      ProblemKind = "JavaScript exception"
	ConsoleError   ProblemKind = "console error"
	FailedRequest  ProblemKind = "failed request"
)

// Problem is one thing that went wrong in a page.
type Problem struct {
	Kind ProblemKind
	// URL is the request's address, or where an exception or message came
	// from (may be empty).
	URL  string
	Text string
	// Page is the address of the tab's page when it happened.
	Page string
}

func (p Problem) String() string {
	s := string(p.Kind) + ": " + p.Text
	if p.URL != "" && !strings.Contains(p.Text, p.URL) {
		s += " (" + p.URL + ")"
	}
	return s
}

// recorder collects a tab's events. Its listen method runs on the tab's
// reading goroutine: it must be fast and must not call the browser.
type recorder struct {
	mu       sync.Mutex
	requests []string
	urls     map[network.RequestID]string
	problems []Problem
	document string   // the main frame's address
	allow    []string // hosts a test allows the page to reach
}

// allowed reports whether u goes to a host the test allowed.
func (r *recorder) allowed(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Hostname() != "" && slices.Contains(r.allow, u.Hostname())
}

func (r *recorder) allowHost(host string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.allow = append(r.allow, host)
}

func newRecorder() *recorder {
	return &recorder{urls: map[network.RequestID]string{}}
}

// local reports whether a request stays on the machine: http(s) or ws(s)
// to 127.0.0.1, or a URL that is not a network request at all.
func local(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "about", "blob", "file":
		return true
	case "http", "https", "ws", "wss":
		return u.Hostname() == "127.0.0.1"
	}
	return false
}

func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		r.requests = append(r.requests, u)
		r.urls[ev.RequestID] = u
		if !local(u) && !r.allowed(u) {
			r.add(Problem{Kind: OffHostRequest, URL: u, Text: u})
		}
	case *page.EventFrameNavigated:
		if ev.Frame != nil && ev.Frame.ParentID == "" {
			r.document = ev.Frame.URL
		}
	case *network.EventResponseReceived:
		if ev.Response != nil && ev.Response.Status >= 400 && !r.allowed(ev.Response.URL) {
			r.add(Problem{Kind: FailedRequest, URL: ev.Response.URL,
				Text: fmt.Sprintf("HTTP %d %s", ev.Response.Status, ev.Response.URL)})
		}
	case *network.EventLoadingFailed:
		if ev.Canceled && ev.BlockedReason == "" {
			return // a navigation away stopped it: not a fault of the page
		}
		u := r.urls[ev.RequestID]
		if r.allowed(u) {
			return
		}
		text := ev.ErrorText + " " + u
		if ev.BlockedReason != "" {
			text += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		r.add(Problem{Kind: FailedRequest, URL: u, Text: text})
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			return
		}
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.add(Problem{Kind: Exception, URL: fmt.Sprintf("%s:%d:%d", d.URL, d.LineNumber+1, d.ColumnNumber+1), Text: text})
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, argText(a))
		}
		where := ""
		if ev.StackTrace != nil && len(ev.StackTrace.CallFrames) > 0 {
			f := ev.StackTrace.CallFrames[0]
			where = fmt.Sprintf("%s:%d:%d", f.URL, f.LineNumber+1, f.ColumnNumber+1)
		}
		r.add(Problem{Kind: ConsoleError, URL: where, Text: "console." + string(ev.Type) + ": " + strings.Join(parts, " ")})
	case *log.EventEntryAdded:
		// The browser's own messages: failed loads, Content-Security-Policy
		// violations, deprecated features misused.
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError {
			return
		}
		r.add(Problem{Kind: ConsoleError, URL: e.URL, Text: "[" + string(e.Source) + "] " + e.Text})
	}
}

func argText(a *runtime.RemoteObject) string {
	if a == nil {
		return ""
	}
	if len(a.Value) > 0 {
		var s string
		if json.Unmarshal(a.Value, &s) == nil {
			return s
		}
		return string(a.Value)
	}
	if a.Description != "" {
		return a.Description
	}
	return string(a.Type)
}

func (r *recorder) add(p Problem) {
	p.Page = r.document
	r.problems = append(r.problems, p)
}

func (r *recorder) requestURLs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

func (r *recorder) offHost() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, u := range r.requests {
		if !local(u) {
			out = append(out, u)
		}
	}
	return out
}

func (r *recorder) problemList() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.problems)
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = nil
}
