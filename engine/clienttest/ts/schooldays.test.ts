import { dayNum, numDay } from "../../../themes/default/assets/clock";
import { Calendar } from "../../../themes/default/assets/pace";
import cases from "../../testdata/cases/schooldays.json";
import { equal, test } from "./harness";
import { term, type CaseTerm } from "./terms";

const terms: Record<string, CaseTerm> = cases.terms;

function calendar(name: string): Calendar {
  const t = terms[name];
  if (!t) throw new Error("no term " + name);
  return new Calendar(term(t));
}

for (const c of cases.days) {
  test("schooldays: " + c.term + " " + c.day, () => {
    equal(calendar(c.term).school(dayNum(c.day)), c.school, "school day");
  });
}

for (const c of cases.counts) {
  test("schooldays: " + c.name, () => {
    // count is [from, to): the day after to closes the range
    equal(calendar(c.term).count(c.from, numDay(dayNum(c.to) + 1)), c.count, "school days from " + c.from + " to " + c.to);
  });
}
