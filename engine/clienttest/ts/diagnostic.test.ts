// Diagnostic placement on the cases Go's engine/mastery also runs.
import { place, sample } from "../../../themes/default/assets/placement";
import cases from "../../testdata/cases/diagnostic.json";
import { equal, test } from "./harness";

for (const c of cases.sample) {
  test("diagnostic: sample " + c.name, () => equal(sample(c.counts), c.want, "sample"));
}

for (const c of cases.place) {
  test("diagnostic: place " + c.name, () => equal(place(c.items, c.answers as Record<string, boolean>), c.want, "place"));
}
