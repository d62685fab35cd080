// The date the client plans with: the device clock, or ?today=YYYY-MM-DD
// for tests and demos. Pages name the date they used, so a wrong clock shows.

const dayRE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return (n < 10 ? "0" : "") + n;
}

export function dayOf(d: Date): string {
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

// parseDay reads YYYY-MM-DD as a local calendar day, or null.
export function parseDay(s: string | undefined): Date | null {
  const m = s ? dayRE.exec(s) : null;
  if (!m) return null;
  const d = new Date(+m[1], +m[2] - 1, +m[3]);
  return dayOf(d) === s ? d : null;
}

function override(): string | null {
  try {
    const q = new URLSearchParams(location.search).get("today");
    return q && parseDay(q) ? q : null;
  } catch {
    return null;
  }
}

export function today(): string {
  return override() || dayOf(new Date());
}

// stamp is the time recorded with progress: now, moved to the overridden day.
export function stamp(): string {
  const now = new Date().toISOString();
  const o = override();
  return o ? o + now.slice(10) : now;
}

// Building an Intl formatter is slow on phones; a page of 200 steps needs one.
const formats: Record<string, Intl.DateTimeFormat> = {};

export function formatDay(s: string, lang: string): string {
  const d = parseDay(s);
  if (!d) return s;
  let f = formats[lang];
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short" };
    try {
      f = new Intl.DateTimeFormat(lang || undefined, opts);
    } catch {
      f = new Intl.DateTimeFormat(undefined, opts);
    }
    formats[lang] = f;
  }
  return f.format(d);
}
