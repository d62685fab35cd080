// Next up (SPEC 5.1, 5.3) on a small course: it stays on a step that needs
// support, and prompts what a step still lacks (an activity, a check, a
// rating) before moving on; the teacher's confirmation moves it on.
import { Course } from "../../../themes/default/assets/course";
import { choose, nextUp, reorder, View, type MasteryStep } from "../../../themes/default/assets/mastery";
import type { Progress } from "../../../themes/default/assets/storage";
import { equal, test } from "./harness";

const course = new Course({
  rule: { self: 3, m: 2, n: 3 },
  scale: ["Not yet", "Getting there", "Got it", "Can teach it"],
  competencies: { a: { t: "A" }, b: { t: "B" } },
  activities: {
    "a-video": { t: "A video", mod: "video", f: ["a"], n: 0 },
    "a-quiz": { t: "A quiz", mod: "practice", f: ["a"], n: 3 },
    "a-blocks": { t: "A blocks", mod: "hands-on", f: ["a"], n: 1, lvl: "support" },
    "b-game": { t: "B game", mod: "game", f: ["b"], n: 0 },
  },
});

const steps: MasteryStep[] = [
  { c: "a", choices: [{ key: "learn", options: ["a-video"] }, { key: "practice", options: ["a-quiz"] }], support: ["a-blocks"] },
  { c: "b", choices: [{ key: "learn", options: ["b-game"] }] },
];

const at = (m: number) => "2026-10-05T14:" + (m < 10 ? "0" : "") + m + ":00Z";

function progress(x: Partial<Progress>): Progress {
  return Object.assign({ v: 2, done: {}, undone: {}, placed: {}, answers: [], picks: {}, ratings: {}, notes: {} }, x) as Progress;
}

const day = (s: string) => s.slice(0, 10);

function next(p: Progress, s: MasteryStep[] = steps) {
  const n = nextUp(s, new View(p, course, day));
  return n && { c: n.step.c, activity: n.activity, lacks: n.lacks };
}

test("next up: an activity of the first step to start", () => {
  equal(next(progress({})), { c: "a", activity: "a-video", lacks: "activity" }, "next");
});

test("next up: activities done but no check answered: the quick check", () => {
  equal(next(progress({ done: { "a-video": at(1), "a-quiz": at(1) } })), { c: "a", activity: "a-quiz", lacks: "check" }, "next");
});

test("next up: checks met but no rating: the rating", () => {
  const answers = [1, 2, 3].map((k) => ({ activity: "a-quiz", check: k, right: true, at: at(k) }));
  equal(next(progress({ done: { "a-video": at(0), "a-quiz": at(0) }, answers })), { c: "a", activity: "", lacks: "rating" }, "next");
});

test("next up: mastered moves on to the next step", () => {
  const answers = [1, 2, 3].map((k) => ({ activity: "a-quiz", check: k, right: true, at: at(k) }));
  equal(next(progress({ done: { "a-video": at(0), "a-quiz": at(0) }, answers, ratings: { a: [{ v: 3, at: at(5) }] } })), { c: "b", activity: "b-game", lacks: "activity" }, "next");
});

test("next up: needs support stays on the step, even with its activities done and rated", () => {
  const answers = [
    { activity: "a-quiz", check: 1, right: false, at: at(1) },
    { activity: "a-quiz", check: 2, right: false, at: at(2) },
    { activity: "a-quiz", check: 2, right: true, at: at(3), explained: true },
  ];
  const p = progress({ done: { "a-video": at(0), "a-quiz": at(0) }, answers, ratings: { a: [{ v: 3, at: at(5) }] } });
  equal(next(p), { c: "a", activity: "a-blocks", lacks: "support" }, "next");
  // the support activity done, still needing support: stay, with a check to retry
  p.done["a-blocks"] = at(6);
  equal(next(p), { c: "a", activity: "a-blocks", lacks: "support" }, "next after the support activity");
});

test("next up: a step the teacher confirmed is passed", () => {
  const confirmed = [Object.assign({}, steps[0], { confirmed: { date: "2026-10-01", level: 3 } }), steps[1]];
  equal(next(progress({}), confirmed), { c: "b", activity: "b-game", lacks: "activity" }, "next");
});

test("next up: a step that needs support is not finished for pacing, its activities done", () => {
  const answers = [1, 2, 3].map((k) => ({ activity: "a-quiz", check: k, right: false, at: at(k) }));
  const v = new View(progress({ done: { "a-video": at(0), "a-quiz": at(0) }, answers }), course, day);
  equal([v.status(steps[0]), v.finished(steps[0])], ["needs-support", false], "status and finished");
  const fine = new View(progress({ done: { "a-video": at(0), "a-quiz": at(0) } }), course, day);
  equal([fine.status(steps[0]), fine.finished(steps[0])], ["practicing", true], "without answers");
});

test("next up: a retry shows the choices in another order, every choice once", () => {
  let seed = 7;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  let prev: number[] = [];
  for (let k = 0; k < 50; k++) {
    const o = reorder(4, prev, rand);
    equal(o.slice().sort(), [0, 1, 2, 3], "a permutation");
    if (JSON.stringify(o) === JSON.stringify(prev.length ? prev : [0, 1, 2, 3])) throw new Error("the same order twice: " + o);
    prev = o;
  }
  equal(reorder(2, [], () => 0.99), [1, 0], "two choices always swap");
  equal(reorder(2, [1, 0], () => 0), [0, 1], "and back");
  equal(reorder(1), [0], "one choice");
});

test("choose: the way in opened or marked done is the pick, and next up follows it", () => {
  const board: MasteryStep[] = [{ c: "a", choices: [{ key: "learn", options: ["a-video", "a-blocks"] }] }];
  const p = progress({});
  equal(choose(p, board, course, "a-blocks", at(1)), true, "a new pick");
  equal(p.picks, { "a/learn": { a: "a-blocks", at: at(1) } }, "picks");
  equal(next(p, board), { c: "a", activity: "a-blocks", lacks: "activity" }, "next");
  equal(choose(p, board, course, "a-blocks", at(2)), false, "the same pick again changes nothing");
  equal(p.picks["a/learn"].at, at(1), "nor its time");
  equal(choose(p, board, course, "b-game", at(3)), false, "an activity of no board is no pick");
  equal(choose(p, board, course, "a-video", at(4)), true, "another way in");
  equal(p.picks["a/learn"].a, "a-video", "is the pick");
});
