package serve

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock that moves only when a test advances it. Each
// Reset of one of its timers is announced on armed, so a test can wait
// for the watcher to have taken in a change before moving time on.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Duration
	timers []*fakeTimer
	armed  chan time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{armed: make(chan time.Duration, 1024)} }

type fakeTimer struct {
	clk    *fakeClock
	c      chan time.Time
	at     time.Duration
	active bool
}

func (c *fakeClock) NewTimer() Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{clk: c, c: make(chan time.Time, 1)}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) C() <-chan time.Time { return t.c }

func (t *fakeTimer) Reset(d time.Duration) {
	t.clk.mu.Lock()
	select {
	case <-t.c:
	default:
	}
	t.at, t.active = t.clk.now+d, true
	t.clk.mu.Unlock()
	t.clk.armed <- d
}

func (t *fakeTimer) Stop() {
	t.clk.mu.Lock()
	defer t.clk.mu.Unlock()
	t.active = false
	select {
	case <-t.c:
	default:
	}
}

// advance moves time on by d, firing the timers that are due.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now += d
	for _, t := range c.timers {
		if t.active && t.at <= c.now {
			t.active = false
			select {
			case t.c <- time.Unix(0, int64(c.now)):
			default:
			}
		}
	}
}

// waitArmed waits for a timer to be set and returns its duration.
func (c *fakeClock) waitArmed(t *testing.T) time.Duration {
	t.Helper()
	select {
	case d := <-c.armed:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no timer was set within 10s")
	}
	return 0
}
