// A small test runner for the theme's TypeScript, run in headless Chromium
// by engine/clienttest: test() registers a case, the Go test calls
// window.pacerTests() and reports each result as a subtest.

export interface Result {
  name: string;
  error: string;
}

const tests: { name: string; fn: () => void | Promise<void> }[] = [];

export function test(name: string, fn: () => void | Promise<void>): void {
  tests.push({ name, fn });
}

// equal fails unless got and want have the same JSON form.
export function equal(got: unknown, want: unknown, what: string): void {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(what + ": got " + g + ", want " + w);
}

async function run(): Promise<Result[]> {
  const out: Result[] = [];
  for (const t of tests) {
    try {
      await t.fn();
      out.push({ name: t.name, error: "" });
    } catch (e) {
      out.push({ name: t.name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

declare global {
  interface Window {
    pacerTests?: () => Promise<Result[]>;
  }
}

window.pacerTests = run;
