// The target dates of pacing.json are laid by Go (engine/calendar); the
// page counts school days between them. Both calendars must agree on the
// same cases: every target is a school day within the plan, in order, and
// the school days available are the same count.
import { dayNum, numDay } from "../../../themes/default/assets/clock";
import { Calendar } from "../../../themes/default/assets/pace";
import cases from "../../testdata/cases/pacing.json";
import { equal, test } from "./harness";
import { term, type CaseTerm } from "./terms";

const terms: Record<string, CaseTerm> = cases.terms;

for (const c of cases.cases) {
  test("pacing: " + c.name, () => {
    const cal = new Calendar(term(terms[c.term]));
    const targets: string[] = c.targets;
    if (c.end) equal(cal.count(c.start, numDay(dayNum(c.end) + 1)), c.available, "school days from start to end");
    let prev = "";
    for (const d of targets) {
      equal(cal.school(dayNum(d)), true, d + " is a school day");
      equal(d >= c.start && (!c.end || d <= c.end), true, d + " lies within " + c.start + ".." + c.end);
      equal(d >= prev, true, d + " comes after " + prev);
      prev = d;
    }
    if (c.pace === "even" && targets.length && c.minutes.some((m) => m > 0)) {
      equal(cal.count(targets[targets.length - 1], numDay(dayNum(c.end) + 1)), 1, "the last step is due on the last school day");
    }
  });
}
