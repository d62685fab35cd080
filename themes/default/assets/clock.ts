// The date the client plans with: the device clock, or ?today=YYYY-MM-DD
// for tests and demos. Pages name the date they used, so a wrong clock shows.

const dayRE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return (n < 10 ? "0" : "") + n;
}

export function dayOf(d: Date): string {
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

// dayNum is the number of days from 1970-01-01 to a YYYY-MM-DD day, or NaN.
export function dayNum(s: string | undefined): number {
  const m = s ? dayRE.exec(s) : null;
  if (!m) return NaN;
  const n = Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5;
  return numDay(n) === s ? n : NaN;
}

export function numDay(n: number): string {
  return new Date(n * 864e5).toISOString().slice(0, 10);
}

// weekday of day number n, 0 = Sunday.
export function weekday(n: number): number {
  return (n + 4) % 7;
}

export function override(): string | null {
  try {
    const q = new URLSearchParams(location.search).get("today");
    return q && dayNum(q) >= 0 ? q : null;
  } catch {
    return null;
  }
}

export function today(): string {
  return override() || dayOf(new Date());
}

// stamp is the time recorded with progress (RFC 3339, UTC): now, or on an
// overridden day at noon UTC plus the current minutes, so that it is that
// same day in every time zone and stamps still grow.
export function stamp(): string {
  const now = new Date().toISOString();
  const o = override();
  return o ? o + "T12" + now.slice(13) : now;
}

// stampDay is the local calendar day of a stamp.
export function stampDay(s: string): string {
  const d = new Date(s);
  return isNaN(d.getTime()) ? s.slice(0, 10) : dayOf(d);
}

// Building an Intl formatter is slow on phones; a page of 200 steps needs one.
const formats: Record<string, Intl.DateTimeFormat> = {};

export function formatDay(s: string, lang: string): string {
  const n = dayNum(s.slice(0, 10));
  if (isNaN(n)) return s;
  let f = formats[lang];
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" };
    try {
      f = new Intl.DateTimeFormat(lang || undefined, opts);
    } catch {
      f = new Intl.DateTimeFormat(undefined, opts);
    }
    formats[lang] = f;
  }
  return f.format(new Date(n * 864e5));
}
