// Pace (SPEC 5.1): where the student stands against their target dates,
// counted in school days of the course's term (weekdays minus breaks), and
// never counting days after the plan's end. The rules are shared with Go
// through engine/testdata/cases (schooldays.json, pace.json).
import { dayNum, numDay, weekday } from "./clock";
import type { Rule, Term } from "./course";
import type { Confirmed, View } from "./mastery";
import type { PlanStep } from "./storage";
import type { T } from "./strings";

export interface Step extends PlanStep {
  // rule and confirmed: see MasteryStep (mastery.ts)
  rule?: Rule;
  confirmed?: Confirmed;
  unit?: string;
  prereq?: boolean;
  requires?: string[];
  minutes?: number;
  target?: string;
}

export class Calendar {
  private breaks: number[][];

  constructor(private term: Term) {
    this.breaks = term.breaks.map((b) => [dayNum(b[0]), dayNum(b[1])]);
  }

  // end is the term's last day, or "".
  get end(): string {
    return this.term.end || "";
  }

  // school reports whether day number n is a school day.
  school(n: number): boolean {
    return this.term.days.indexOf(weekday(n)) >= 0 && !this.breaks.some((b) => n >= b[0] && n <= b[1]);
  }

  // count is the number of school days in [from, to), YYYY-MM-DD.
  count(from: string, to: string): number {
    let k = 0;
    for (let n = dayNum(from), e = Math.min(dayNum(to), n + 3660); n < e; n++) if (this.school(n)) k++;
    return k;
  }
}

// Plan is what pace needs of the student's plan beyond its steps.
export interface Plan {
  // start is the student's first day (YYYY-MM-DD), when they have one.
  start?: string;
  // end is the student's last day (YYYY-MM-DD); without it, the term's
  // end; without either, the plan is open-ended and never ends.
  end?: string;
  minutesPerDay?: number;
  timeFactor?: number;
}

export interface CatchUp {
  // extra minutes a day, for days school days, on top of the plan's work.
  extra: number;
  days: number;
}

export interface Pace {
  status: "on-track" | "ahead" | "behind";
  // days ahead or behind, in school days up to the plan's end at most.
  days: number;
  // late lists the steps not finished whose target is before today.
  late: Step[];
  // due is the minutes of the late steps.
  due: number;
  // catchUp fits within the student's minutes a day and ends by the plan's
  // end; null when none does (or nothing is late, or the end has passed).
  catchUp: CatchUp | null;
  // ended: today is after the plan's end and work is left.
  ended: boolean;
  allDone: boolean;
  // end is the plan's end that was used ("" when there is none).
  end: string;
  // starts is the plan's start when today is before it, else "".
  starts: string;
}

// pace: behind when the first unfinished step's target is past, by the
// school days from that target up to today or the day after the plan's
// end, whichever comes first; ahead when the steps finished before it were
// due after today, by the school days from today up to the last one's
// target; else on track.
export function pace(steps: Step[], v: Pick<View, "finished">, today: string, cal: Calendar, plan: Plan = {}): Pace {
  const dated = steps.filter((s) => s.target && !isNaN(dayNum(s.target)));
  const end = [plan.end, cal.end].find((e) => e && !isNaN(dayNum(e))) || "";
  const afterEnd = end ? numDay(dayNum(end) + 1) : "";
  const until = afterEnd && afterEnd < today ? afterEnd : today;
  let prev = "";
  let first: Step | null = null;
  for (const s of dated) {
    if (!v.finished(s)) {
      first = s;
      break;
    }
    prev = s.target || "";
  }
  const late = dated.filter((s) => (s.target || "") < today && !v.finished(s));
  const due = late.reduce((a, s) => a + (s.minutes || 0), 0);
  const starts = plan.start && !isNaN(dayNum(plan.start)) && today < plan.start ? plan.start : "";
  const base = { late, due, catchUp: null, ended: false, allDone: false, end, starts };
  if (first && (first.target || "") < today) {
    const ended = !!afterEnd && today >= afterEnd;
    return {
      ...base,
      status: "behind",
      days: Math.max(1, cal.count(first.target || "", until)),
      ended,
      catchUp: ended ? null : catchUp(dated, v, today, afterEnd, cal, plan, due),
    };
  }
  const ahead = prev > today ? cal.count(today, prev) : 0;
  return { ...base, status: ahead > 0 ? "ahead" : "on-track", days: ahead, allDone: !first && dated.length > 0 };
}

// catchUp spreads the late minutes over the coming school days using the
// room the student's minutes a day leave beside the work still planned from
// today to the end; null when that room runs out before the end.
function catchUp(dated: Step[], v: Pick<View, "finished">, today: string, afterEnd: string, cal: Calendar, plan: Plan, due: number): CatchUp | null {
  const capacity = Math.ceil((plan.minutesPerDay || 0) * (plan.timeFactor || 1) - 1e-9);
  const left = afterEnd ? cal.count(today, afterEnd) : 0;
  if (capacity < 1 || left < 1 || due < 1) return null;
  const ahead = dated.filter((s) => (s.target || "") >= today && !v.finished(s)).reduce((a, s) => a + (s.minutes || 0), 0);
  const extra = Math.min(Math.floor(capacity - ahead / left + 1e-9), due);
  if (extra < 1) return null;
  const days = Math.ceil(due / extra);
  return days <= left ? { extra, days } : null;
}

// describe words a pace for the page: the status line and the help under
// it. title names a competency; fmt formats a YYYY-MM-DD day.
export function describe(p: Pace, t: T, title: (c: string) => string, fmt: (day: string) => string): { status: string; help: string } {
  if (p.ended) {
    return { status: t("pace.ended", { date: fmt(p.end) }), help: t("pace.endedHelp", { min: p.due }) };
  }
  if (p.status === "on-track" && p.starts && !p.allDone) return { status: t("pace.starts", { date: fmt(p.starts) }), help: "" };
  if (p.status !== "behind") {
    return { status: p.status === "ahead" ? t("pace.ahead", { n: p.days }) : t(p.allDone ? "pace.done" : "pace.onTrack"), help: "" };
  }
  const status = t("pace.behindDue", { n: p.days, min: p.due });
  const first = p.late.length ? title(p.late[0].c) : "";
  const help = p.catchUp
    ? t("pace.catchUpFits", { title: first, extra: p.catchUp.extra, n: p.catchUp.days })
    : t("pace.catchUpTeacher", { title: first });
  return { status, help };
}
