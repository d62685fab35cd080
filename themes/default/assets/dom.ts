// DOM helpers. Text always goes in as text nodes: nothing the client shows
// (course data, a student's name, an imported file) is ever parsed as HTML.

export type Child = Node | string | number | null | undefined | false;
export type Props = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...kids: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const k of Object.keys(props)) {
      const v = props[k];
      if (v === undefined || v === false) continue;
      if (k === "class") el.className = v === true ? "" : v;
      else el.setAttribute(k, v === true ? "" : v);
    }
  }
  add(el, kids);
  return el;
}

export function add(el: Element, kids: Child[]): void {
  for (const c of kids) {
    if (c !== null && c !== undefined && c !== false) el.append(typeof c === "number" ? String(c) : c);
  }
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

// setAttr writes only changes: a refresh of 200 cards then costs no style
// recalculation for what stayed the same.
export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export function setText(el: Node, s: string): void {
  if (el.textContent !== s) el.textContent = s;
}

// slot rebuilds el's content when its signature changes, keeping the
// keyboard focus on the element with the same data-k.
export function slot(el: HTMLElement, sig: string, build: () => Child[]): void {
  if (el.dataset.sig === sig) return;
  const f = document.activeElement as HTMLElement | null;
  const k = f && el.contains(f) ? f.dataset.k : undefined;
  el.dataset.sig = sig;
  el.textContent = "";
  add(el, build());
  el.hidden = !el.firstChild;
  const n = k && el.querySelector<HTMLElement>('[data-k="' + k + '"]');
  if (n) n.focus();
}

export function section(id: string, title: string, ...kids: Child[]): HTMLElement {
  return h("section", { id, class: "card", "aria-labelledby": id + "-h" }, h("h2", { id: id + "-h" }, title), ...kids);
}

export function button(label: string, onClick: () => void, props?: Props): HTMLButtonElement {
  const b = h("button", Object.assign({ type: "button" }, props), label);
  b.addEventListener("click", onClick);
  return b;
}

// noProto is a JSON.parse reviver that drops the keys that would reach an
// object's prototype: an import is untrusted input.
export function noProto(k: string, v: unknown): unknown {
  return k === "__proto__" || k === "constructor" || k === "prototype" ? undefined : v;
}

export function b64(b: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function unb64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/"));
  const b = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
  return b;
}

// icon is a decorative modality icon drawn from the page's sprite
// (layouts/partials.html "icons"); the modality stays in the text.
export function icon(name: string | undefined): SVGSVGElement | null {
  if (!name) return null;
  const ns = "http://www.w3.org/2000/svg";
  const s = document.createElementNS(ns, "svg");
  const u = document.createElementNS(ns, "use");
  s.setAttribute("class", "icon");
  s.setAttribute("aria-hidden", "true");
  u.setAttribute("href", "#i-" + name);
  s.append(u);
  return s;
}
