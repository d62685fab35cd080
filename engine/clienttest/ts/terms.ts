// Terms as the shared case files write them, as the client's Term.
import type { Term } from "../../../themes/default/assets/course";

export interface CaseTerm {
  days: string[];
  breaks: string[][];
}

const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export function term(c: CaseTerm, end?: string): Term {
  const days = c.days.map((d) => weekdays.indexOf(d));
  if (days.some((d) => d < 0)) throw new Error("bad days in " + JSON.stringify(c.days));
  return { days, breaks: c.breaks, end };
}
