// Mastery and what to do next (SPEC 5.3), computed from a student's
// progress and the course data. Pure: no DOM, no storage.
import type { Course } from "./course";
import { isObject, own, strings } from "./dom";
import type { PlanStep, Progress } from "./storage";

export type Status = "not-started" | "practicing" | "needs-support" | "mastered" | "placed";

export function isDone(p: Progress, course: Course, id: string): boolean {
  return course.ids(id).some((k) => typeof own(p.done, k) === "string");
}

function groups(step: PlanStep): string[][] {
  return (Array.isArray(step.choices) ? step.choices : []).map((g) => strings(isObject(g) ? g.options : undefined));
}

// requiredDone: one activity of every required choice group is done.
export function requiredDone(step: PlanStep, p: Progress, course: Course): boolean {
  return groups(step).every((opts) => opts.length === 0 || opts.some((id) => isDone(p, course, id)));
}

// recent lists, oldest first, whether the latest answer to each quick
// check that builds the competency was right. A retried check counts once,
// with its latest answer.
export function recent(p: Progress, course: Course, competency: string): boolean[] {
  const last: Record<string, [number, boolean]> = {};
  p.answers.forEach((a, i) => {
    if (!isObject(a) || typeof a.activity !== "string" || typeof a.right !== "boolean") return;
    if (!course.builds(a.activity, competency)) return;
    last[course.canonical(a.activity) + "#" + a.check] = [i, a.right];
  });
  return Object.keys(last)
    .map((k) => last[k])
    .sort((x, y) => x[0] - y[0])
    .map((x) => x[1]);
}

function checksMet(p: Progress, course: Course, c: string): boolean {
  const total = course.checkCount(c);
  if (total === 0) return true;
  const rule = course.rule(c);
  const n = Math.min(rule.n, total);
  const m = total < rule.n ? total : rule.m;
  const last = recent(p, course, c).slice(-n);
  return last.length >= n && last.filter((r) => r).length >= m;
}

function selfMet(p: Progress, course: Course, c: string): boolean {
  const hist = own(p.ratings, c);
  const list = Array.isArray(hist) ? hist.filter((r) => isObject(r) && typeof r.v === "number") : [];
  return list.length > 0 && list[list.length - 1].v >= course.rule(c).self;
}

export function needsSupport(p: Progress, course: Course, c: string): boolean {
  return recent(p, course, c).slice(-3).filter((r) => !r).length >= 2;
}

export function status(step: PlanStep, p: Progress, course: Course): Status {
  const c = step.c;
  if (step.placed) return "placed";
  if (requiredDone(step, p, course) && checksMet(p, course, c) && selfMet(p, course, c)) return "mastered";
  if (needsSupport(p, course, c)) return "needs-support";
  const acts = ([] as string[]).concat(...groups(step), strings(step.support), strings(step.extension));
  const started =
    acts.some((id) => isDone(p, course, id)) || recent(p, course, c).length > 0 || Array.isArray(own(p.ratings, c));
  return started ? "practicing" : "not-started";
}

export interface Next {
  step: PlanStep;
  activity: string;
}

// next is the first step still to do and its first-ranked activity not
// done (support first when the student needs it), skipping one activity
// (the page the student is on).
export function next(steps: PlanStep[], p: Progress, course: Course, skip?: string): Next | null {
  for (const step of steps) {
    if (!isObject(step) || typeof step.c !== "string") continue;
    const st = status(step, p, course);
    if (st === "placed" || st === "mastered") continue;
    const todo = (ids: string[]) => ids.filter((id) => id !== skip && !isDone(p, course, id))[0];
    if (st === "needs-support") {
      const s = todo(strings(step.support));
      if (s) return { step, activity: s };
    }
    for (const opts of groups(step)) {
      if (opts.some((id) => isDone(p, course, id))) continue;
      const a = todo(opts);
      if (a) return { step, activity: a };
    }
  }
  return null;
}
