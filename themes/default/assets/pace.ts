// Pace (SPEC 5.1): where the student stands against their target dates,
// counted in school days of the course's term (weekdays minus breaks).
import { dayNum, weekday } from "./clock";
import type { Term } from "./course";
import type { View } from "./mastery";
import type { PlanStep } from "./storage";

export interface Step extends PlanStep {
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

export interface Pace {
  status: "on-track" | "ahead" | "behind";
  days: number;
  // late lists the steps not finished whose target is before today.
  late: Step[];
  allDone: boolean;
}

// pace: behind when the first unfinished step's target is past, by the
// school days from that target up to today; ahead when the steps finished
// before it were due after today, by the school days from today up to the
// last one's target; else on track.
export function pace(steps: Step[], v: View, today: string, cal: Calendar): Pace {
  const dated = steps.filter((s) => s.target && !isNaN(dayNum(s.target)));
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
  if (first && (first.target || "") < today) {
    return { status: "behind", days: Math.max(1, cal.count(first.target || "", today)), late, allDone: false };
  }
  const ahead = prev > today ? cal.count(today, prev) : 0;
  return { status: ahead > 0 ? "ahead" : "on-track", days: ahead, late, allDone: !first && dated.length > 0 };
}
