// The student page's "keep my progress safe" panel (export, import, undo)
// and "hand in" panel (the receipt for the teacher).
import { formatDay, stamp, stampDay } from "./clock";
import { add, button, h, isObject, own, section, strings } from "./dom";
import { groups, type View } from "./mastery";
import { pace } from "./pace";
import type { StudentPage } from "./playlist";
import { encode, exportDoc, fileLink, type Incoming, merge, parse, progressPrefix, receiptPrefix } from "./transfer";

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "student";

// codeBox is a read-only text area holding a code, selected on focus.
function codeBox(id: string, label: string, code: string): HTMLElement[] {
  const area = h("textarea", { id, rows: "3", readonly: true, spellcheck: "false", class: "code" });
  area.value = code;
  area.addEventListener("focus", () => area.select());
  return [h("label", { for: id }, label), area];
}

export function initTransfer(page: StudentPage): void {
  const { ctx, token, app } = page;
  const { t, store, lang } = ctx;
  const site = store.site;
  const undoKey = store.key(token) + ":undo";
  const saved = () => store.remember({ token, saved: stamp() });

  // export
  const out = h("div", { class: "export", hidden: true });
  const exp = () => {
    const doc = exportDoc(site, token, store.read(token));
    const code = progressPrefix + encode(doc);
    const url = location.href.split("#")[0] + "#import=" + code;
    out.textContent = "";
    add(out, [
      ...codeBox("pacer-code", t("io.code"), code),
      h(
        "p",
        { class: "actions" },
        fileLink("pacer-progress-" + slug(page.name) + "-" + page.day + ".json", doc, t("io.file")),
        " ",
        h("a", { href: url, class: "import-link" }, t("io.link")),
      ),
      h("p", { class: "help" }, t("io.linkHelp")),
    ]);
    out.hidden = false;
    saved();
    page.refresh();
    (out.querySelector("textarea") as HTMLElement).focus();
  };

  // import
  const paste = h("textarea", { id: "pacer-import", rows: "3", spellcheck: "false" });
  const file = h("input", { type: "file", id: "pacer-import-file", accept: ".json,.txt,application/json,text/plain" });
  const result = h("div", { class: "import-result", role: "status" });
  let pending: Incoming | null = null;
  const show = (kids: (Node | string | null)[]) => {
    result.textContent = "";
    add(result, kids);
  };
  const check = (text: string) => {
    const r = parse(text, site, token);
    if (typeof r === "string") {
      pending = null;
      show([h("p", { class: "error" }, t(r))]);
      return;
    }
    pending = r;
    const p = r.progress;
    const done = Object.keys(p.done).filter((k) => !(own(p.undone, k)! >= p.done[k])).length;
    const ratings = Object.keys(p.ratings).reduce((n, c) => n + p.ratings[c].length, 0);
    show([
      h(
        "p",
        null,
        t("io.summary", {
          done,
          ratings,
          answers: p.answers.length,
          notes: Object.keys(p.notes).length,
          date: r.at ? formatDay(stampDay(r.at), lang) : "?",
        }),
      ),
      h("p", null, button(t("io.confirm"), apply, { "data-k": "ok" }), " ", button(t("io.cancel"), () => show([]), { class: "secondary" })),
    ]);
    (result.querySelector("button") as HTMLElement).focus();
  };
  const apply = () => {
    if (!pending) return;
    const before = store.get(store.key(token));
    store.set(undoKey, JSON.stringify({ at: stamp(), before }));
    const merged = merge(store.read(token), pending.progress);
    store.write(token, merged);
    pending = null;
    paste.value = "";
    file.value = "";
    page.refresh();
    undoBox();
    show([h("p", null, t("io.done"))]);
  };
  const undoWrap = h("p", { class: "undo" });
  const undoBox = () => {
    const raw = store.get(undoKey);
    let u: unknown = null;
    try {
      u = raw && JSON.parse(raw);
    } catch {
      u = null;
    }
    undoWrap.textContent = "";
    if (!isObject(u) || typeof u.at !== "string") return;
    const before = typeof u.before === "string" ? u.before : null;
    undoWrap.append(
      button(t("io.undo", { date: formatDay(stampDay(u.at), lang) }), () => {
        store.set(store.key(token), before);
        store.set(undoKey, null);
        page.refresh();
        undoBox();
        show([h("p", null, t("io.undone"))]);
      }),
    );
  };
  file.addEventListener("change", () => {
    const f = file.files && file.files[0];
    if (!f) return;
    if (f.size > 4e6) return show([h("p", { class: "error" }, t("io.bad"))]);
    f.text().then(check, () => show([h("p", { class: "error" }, t("io.bad"))]));
  });
  undoBox();

  app.append(
    section(
      "pacer-save",
      t("io.heading"),
      h("p", null, t("io.help")),
      h("p", null, button(t("io.export"), exp)),
      out,
      h("h3", null, t("io.importHeading")),
      h("label", { for: "pacer-import" }, t("io.paste")),
      paste,
      h("p", null, button(t("io.check"), () => check(paste.value))),
      h("label", { for: "pacer-import-file" }, t("io.pick")),
      h("p", null, file),
      result,
      undoWrap,
    ),
  );

  // hand in
  const receiptOut = h("div", { class: "export", hidden: true });
  app.append(
    section(
      "pacer-handin",
      t("hand.heading"),
      h("p", null, t("hand.help")),
      h(
        "p",
        null,
        button(t("hand.make"), () => {
          const r = receipt(page, page.view());
          receiptOut.textContent = "";
          add(receiptOut, [
            ...codeBox("pacer-receipt", t("hand.code"), receiptPrefix + encode(JSON.stringify(r))),
            h("p", { class: "actions" }, fileLink("pacer-receipt-" + slug(page.name) + "-" + page.day + ".json", JSON.stringify(r, null, 2), t("hand.file"))),
          ]);
          receiptOut.hidden = false;
          saved();
          page.refresh();
          (receiptOut.querySelector("textarea") as HTMLElement).focus();
        }),
      ),
      receiptOut,
    ),
  );

  // a link whose fragment carries a code
  const hash = location.hash;
  if (hash.indexOf("#import=") === 0) {
    try {
      history.replaceState(null, "", location.pathname + location.search);
    } catch {
      // file:// in some browsers
    }
    paste.value = hash.slice(8);
    check(paste.value);
    result.scrollIntoView();
  }
}

// receipt is the hand-in record (engine/receipt, format version 1).
export function receipt(page: StudentPage, v: View): Record<string, unknown> {
  const { ctx, plan } = page;
  const { course, store } = ctx;
  const p = pace(plan.steps, v, page.day, page.cal, plan);
  return {
    pacer: "receipt",
    v: 1,
    site: store.site,
    student: page.token,
    name: page.name,
    at: stamp(),
    today: page.day,
    pace: { status: p.status, days: p.days },
    steps: plan.steps.map((s) => {
      const latest = v.latest(s.c);
      const n = course.rule(s.c).n;
      const acts = ([] as string[]).concat(...groups(s).map((g) => g.options), strings(s.support), strings(s.extension));
      const note = own(v.p.notes, s.c);
      const out: Record<string, unknown> = {
        c: s.c,
        status: v.status(s),
        self: v
          .ratings(s.c)
          .filter((r) => r.at)
          .map((r) => ({ level: r.v, at: r.at })),
        checks: { right: latest.filter((x) => x.right).length, total: latest.length, recent: latest.slice(-n).map((x) => x.right) },
        done: acts.filter((a, i) => acts.indexOf(a) === i && v.done(a)),
      };
      if (s.target) out.target = s.target;
      if (note && note.t) out.note = note.t;
      return out;
    }),
    goals: v.p.goals ? v.p.goals.list : plan.goals,
  };
}
