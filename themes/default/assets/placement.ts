// Diagnostic placement (SPEC 5.1), shared with Go's engine/mastery through
// engine/testdata/cases/diagnostic.json: at most three items a
// competency, spread over its activities; a competency stops at its first
// wrong answer and is placed out when every asked item is right. Pure.
import { own } from "./dom";

export const perCompetency = 3;

// sample picks at most per items from activities holding counts[i] checks:
// the first check of each activity in turn, then the second, and so on.
export function sample(counts: number[], per: number = perCompetency): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; out.length < per; k++) {
    let more = false;
    counts.forEach((n, i) => {
      if (k < n && out.length < per) out.push([i, k]);
      more = more || k + 1 < n;
    });
    if (!more) break;
  }
  return out;
}

export interface Placement {
  asked: string[];
  next: string;
  done: boolean;
  placed: boolean;
}

// place says where a competency stands, given its items in asking order
// and the answers so far (item -> right).
export function place(items: string[], answers: Record<string, boolean>): Placement {
  const p: Placement = { asked: [], next: "", done: false, placed: false };
  const asked = items.slice(0, perCompetency);
  for (const it of asked) {
    const right = own(answers, it);
    if (typeof right !== "boolean") {
      p.next = it;
      return p;
    }
    p.asked.push(it);
    if (!right) {
      p.done = true;
      return p;
    }
  }
  p.done = true;
  p.placed = asked.length > 0;
  return p;
}
