// UI strings. Each page loads its language's strings (the theme's i18n keys
// starting "client.", without that prefix) from strings.<lang>.<hash>.js,
// which sets window.PacerStrings. A missing key shows as the key itself.
// When vars.n is 1 and the key has a ".one" form, that form is used.
import { isObject, own } from "./dom";

export type T = (key: string, vars?: Record<string, string | number>) => string;

export function loadStrings(): T {
  const dict = isObject(window.PacerStrings) ? window.PacerStrings : {};
  return (key, vars) => {
    const one = vars && vars.n === 1 ? own(dict, key + ".one") : undefined;
    const s = typeof one === "string" ? one : own(dict, key);
    const text = typeof s === "string" ? s : key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}
