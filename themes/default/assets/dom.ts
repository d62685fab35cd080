// DOM helpers. Text always goes in as text nodes: nothing the client shows
// (course data, a student's name, an imported file) is ever parsed as HTML.

export type Child = Node | string | number | null | undefined | false;
export type Props = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...kids: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const k of Object.keys(props)) {
      const v = props[k];
      if (v === undefined || v === false) continue;
      if (k === "class") el.className = v === true ? "" : v;
      else el.setAttribute(k, v === true ? "" : v);
    }
  }
  for (const c of kids) {
    if (c !== null && c !== undefined && c !== false) el.append(typeof c === "number" ? String(c) : c);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

// readJSON parses the JSON in <script type="application/json" id=id>, or
// returns undefined when it is missing or broken.
export function readJSON(id: string): unknown {
  const el = byId(id);
  if (!el || !el.textContent) return undefined;
  try {
    return JSON.parse(el.textContent);
  } catch (e) {
    console.error("pacer: #" + id + " is not valid JSON", e);
    return undefined;
  }
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

// own reads a key only if the object itself has it: ids are slugs, and
// "constructor" is a slug.
export function own<T>(obj: Record<string, T> | undefined, key: string): T | undefined {
  return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === "string") : [];
}
