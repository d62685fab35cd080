// UI strings. Pages carry their language's strings (the theme's i18n keys
// starting "client.", without that prefix) in
// <script type="application/json" id="pacer-strings">. When vars.n is 1 and
// the key has a ".one" form, that form is used.
import { isObject, own, readJSON } from "./dom";

export type T = (key: string, vars?: Record<string, string | number>) => string;

export function loadStrings(): T {
  const page = readJSON("pacer-strings");
  const dict = isObject(page) ? page : {};
  return (key, vars) => {
    const one = vars && vars.n === 1 ? own(dict, key + ".one") : undefined;
    const s = typeof one === "string" ? one : own(dict, key);
    const text = typeof s === "string" ? s : key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}
