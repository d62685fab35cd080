package e2e

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// Scenario 5: with today fixed, pace reads behind, on track and ahead, in
// school days of the term (weekends and the day off on Wed 9 Sep do not
// count), names the date it used, and shows the week's target dates.
// Ada's targets: Adding Mon 7, Doubling Tue 8, Halving Thu 10, Tripling Fri 11.
func TestPaceIsOnTrackAheadOrBehindInSchoolDays(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	pace := p.ByRole("region", "My pace")

	// Monday 14: nothing done, Adding was due Mon 7. School days since:
	// Mon 7, Tue 8, Thu 10, Fri 11.
	c.openStudent(t, p, "Ada L.", "2026-09-14")
	pace.WaitText("Today, Mon, Sep 14")
	pace.ByCSS(".pace-status").WaitText("4 school days behind")
	if got := pace.Text(); !strings.Contains(got, "To catch up, start with “Adding”") {
		t.Errorf("no catch-up suggestion naming the first late step: %q", got)
	}
	card(p, "Adding").WaitText("a good one to catch up on next")

	// Tuesday 8 with Adding done: Doubling is due today.
	c.openStudent(t, p, "Ada L.", "2026-09-08")
	tap(p, card(p, "Adding").ByRole("button", "Mark done: Adding on a number line"))
	pace.ByCSS(".pace-status").WaitText("On track")
	pace.WaitText("Today, Tue, Sep 8")

	// Monday 7 with Adding, Doubling and Halving done: the work due by
	// Thursday 10 is done, two school days early (Wednesday is off).
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	tap(p, card(p, "Doubling").ByRole("button", "Mark done: Doubling practice"))
	pace.ByCSS(".pace-status").WaitText("1 school day ahead")
	tap(p, card(p, "Halving").ByRole("button", "Mark done: Halving game"))
	pace.ByCSS(".pace-status").WaitText("2 school days ahead")

	// The week view lists the target dates of this week.
	week := pace.ByRole("list", "This week")
	want := []string{"Mon, Sep 7 Adding", "Tue, Sep 8 Doubling", "Wed, Sep 9 No school", "Thu, Sep 10 Halving", "Fri, Sep 11 Tripling"}
	items := week.ByCSS(".week > li")
	if n := items.Count(); n != len(want) {
		t.Fatalf("the week shows %d days, want %d: %q", n, len(want), week.Text())
	}
	for i, w := range want {
		if got := items.Nth(i).Text(); !strings.HasPrefix(got, w) {
			t.Errorf("day %d reads %q, want it to start with %q", i, got, w)
		}
	}
	tap(p, pace.ByRole("button", "Later week"))
	pace.ByRole("list", "Week of Mon, Sep 14").WaitText("Nothing due")
	noneOffHost(t, p)
}

// Behind shows the minutes of work due and a catch-up that fits the
// student's minutes a day; after the plan's end, the page says the end has
// passed (it once read "107 school days behind" on 1 March).
func TestPaceShowsMinutesDueACatchUpThatFitsAndThePlansEnd(t *testing.T) {
	c := buildTiny(t)
	p := browsertest.NewPage(t)
	pace := p.ByRole("region", "My pace")

	// Mon 14 Sep, nothing done: all four steps (20 minutes each) are late;
	// Ada has 20 minutes a day and nothing else planned before 30 Oct.
	c.openStudent(t, p, "Ada L.", "2026-09-14")
	pace.ByCSS(".pace-status").WaitText("4 school days behind: about 80 min of work is due")
	pace.ByCSS(".pace-help").WaitText("To catch up, start with “Adding”: 20 extra minutes a day for the next 4 school days fits in your time.")

	// Mon 1 Mar, after the plan's end on Fri 30 Oct.
	c.openStudent(t, p, "Ada L.", "2027-03-01")
	pace.WaitText("Today, Mon, Mar 1")
	pace.ByCSS(".pace-status").WaitText("Your plan ended on Fri, Oct 30, with work left.")
	pace.ByCSS(".pace-help").WaitText("About 80 min of work is left. Talk with your teacher about what comes next.")
	if got := pace.Text(); strings.Contains(got, "school days behind") {
		t.Errorf("after the end the page still counts days behind: %q", got)
	}
}
