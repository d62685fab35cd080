import { describe, pace, Calendar, type Step } from "../../../themes/default/assets/pace";
import cases from "../../testdata/cases/pace.json";
import { equal, test } from "./harness";
import { term, type CaseTerm } from "./terms";

const terms: Record<string, CaseTerm> = cases.terms;

for (const p of cases.plans) {
  // The term's own end is left out: pace must use the plan's.
  const cal = new Calendar(term(terms[p.term]));
  const steps: Step[] = p.steps.map((s) => ({ c: s.c, minutes: s.minutes, target: s.target }));
  for (const on of p.on) {
    const name = "pace: " + p.name + " on " + on.today + " with " + (on.done.length ? on.done.join(", ") : "nothing") + " done";
    test(name, () => {
      const done: string[] = on.done;
      const v = { finished: (s: Step) => done.indexOf(s.c) >= 0 };
      const got = pace(steps, v, on.today, cal, { end: p.end, minutesPerDay: p.minutesPerDay, timeFactor: p.timeFactor });
      equal(
        { status: got.status, days: got.days, ended: got.ended, due: got.due, catchUp: got.catchUp, allDone: got.allDone },
        { status: on.status, days: on.days, ended: on.ended, due: on.due, catchUp: on.catchUp, allDone: on.allDone },
        "pace",
      );
    });
  }
}

// The words follow the numbers: behind says the days and the minutes due,
// a catch-up that fits says how, one that does not sends the student to
// the teacher, and a plan past its end says so.
const words: Record<string, string> = {
  "pace.behindDue": "{n} behind, {min} min due",
  "pace.behindDue.one": "1 behind, {min} min due",
  "pace.catchUpFits": "start {title}: +{extra} for {n} days",
  "pace.catchUpTeacher": "start {title}: see your teacher",
  "pace.ended": "ended {date}",
  "pace.endedHelp": "{min} min left: see your teacher",
  "pace.ahead": "{n} ahead",
  "pace.onTrack": "on track",
  "pace.done": "all done",
};
const t = (key: string, vars?: Record<string, string | number>): string => {
  const one = vars && vars.n === 1 && words[key + ".one"];
  const s = one || words[key] || key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
};

test("pace: describe words each state", () => {
  const plan = cases.plans[0];
  const cal = new Calendar(term(terms[plan.term]));
  const steps: Step[] = plan.steps.map((s) => ({ c: s.c, minutes: s.minutes, target: s.target }));
  const opts = { end: plan.end, minutesPerDay: plan.minutesPerDay, timeFactor: plan.timeFactor };
  const say = (today: string, done: string[]) =>
    describe(pace(steps, { finished: (s: Step) => done.indexOf(s.c) >= 0 }, today, cal, opts), t, (c) => c.toUpperCase(), (d) => "<" + d + ">");
  equal(say("2026-11-18", []), { status: "1 behind, 60 min due", help: "start A: +15 for 4 days" }, "behind with a catch-up");
  equal(say("2026-11-30", ["a"]), { status: "2 behind, 60 min due", help: "start B: see your teacher" }, "behind with no catch-up that fits");
  equal(say("2027-03-01", []), { status: "ended <2026-12-04>", help: "300 min left: see your teacher" }, "past the end");
  equal(say("2026-11-16", ["a", "b"]), { status: "3 ahead", help: "" }, "ahead");
  equal(say("2026-11-16", []), { status: "on track", help: "" }, "on track");
  equal(say("2026-12-07", ["a", "b", "c", "d"]), { status: "all done", help: "" }, "done");
});

test("pace: without the plan's end, the term's end is used", () => {
  const plan = cases.plans[0];
  const cal = new Calendar(term(terms[plan.term], plan.end));
  const steps: Step[] = plan.steps.map((s) => ({ c: s.c, minutes: s.minutes, target: s.target }));
  const got = pace(steps, { finished: () => false }, "2027-03-01", cal);
  equal({ status: got.status, days: got.days, ended: got.ended }, { status: "behind", days: 9, ended: true }, "pace");
});
