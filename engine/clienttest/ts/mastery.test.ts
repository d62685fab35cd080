// The mastery rule (SPEC 5.3) on the cases Go's engine/mastery also runs:
// which attempts count, the checks against the rule (a student's own rule
// applied), needs support and the status.
import { applyRule, checkCount, counted, needsSupportFrom, status, type Attempt } from "../../../themes/default/assets/mastery";
import type { Rule } from "../../../themes/default/assets/course";
import cases from "../../testdata/cases/mastery.json";
import { equal, test } from "./harness";

// The cases' day is the date of the stamp, as in Go; the page uses the
// device's local day.
const day = (at: string) => at.slice(0, 10);

interface Case {
  name: string;
  rule: Rule;
  own?: Partial<Rule>;
  items: number;
  requiredDone: boolean;
  started?: boolean;
  rating: number;
  placed?: boolean;
  confirmed?: boolean;
  attempts: Attempt[];
  want: { counted: number[]; checks: { need: number; of: number; right: number } | null; needsSupport: boolean; status: string };
}

for (const c of cases.cases as Case[]) {
  test("mastery: " + c.name, () => {
    const rule = applyRule(c.own, c.rule);
    const got = counted(c.attempts, day);
    equal(got.map((a) => c.attempts.indexOf(a)), c.want.counted, "counted");
    equal(checkCount(got, rule, c.items), c.want.checks, "checks");
    equal(needsSupportFrom(got), c.want.needsSupport, "needs support");
    const st = status(
      { placed: !!c.placed, confirmed: !!c.confirmed, requiredDone: c.requiredDone, started: !!c.started, attempts: c.attempts, rating: c.rating, rule, items: c.items },
      day,
    );
    equal(st, c.want.status, "status");
  });
}
