// The student page's "keep my progress safe" panel (export, import, undo
// per import), "hand in" panel (the receipt for the teacher), "this
// device" panel (remember me, forget me), and the offer to restore a kept
// copy that could not be read.
import { formatDay, stamp, stampDay } from "./clock";
import { add, button, h, own, section, strings } from "./dom";
import { showCodes } from "./handinload";
import { groups, practice, type View } from "./mastery";
import { type Change, diff, merge, revert } from "./merge";
import { pace } from "./pace";
import type { StudentPage } from "./playlist";
import { migrate, type Progress, version } from "./storage";
import { clean, encode, exportDoc, fileLink, parse, progressPrefix, receiptPrefix, salvage } from "./transfer";

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "student";

// codeBox is a read-only text area holding a code, selected on focus.
function codeBox(id: string, label: string, code: string): HTMLElement[] {
  const area = h("textarea", { id, rows: "3", readonly: true, spellcheck: "false", class: "code" });
  area.value = code;
  area.addEventListener("focus", () => area.select());
  return [h("label", { for: id }, label), area];
}

// changeList says, one line each, what changes would do on this device.
function changeList(page: StudentPage, ch: Change[], before: Progress, after: Progress): string[] {
  const { t } = page.ctx;
  const done = (p: Progress, id: string) => (own(p.done, id) || "") > (own(p.undone, id) || "");
  const n: Record<string, number> = {};
  const seen: Record<string, boolean> = {};
  for (const c of ch) {
    let k = c.f;
    if (c.f === "done" || c.f === "undone") {
      if (seen[c.id!] || done(before, c.id!) === done(after, c.id!)) continue;
      seen[c.id!] = true;
      k = done(after, c.id!) ? "done" : "undone";
    }
    n[k] = (n[k] || 0) + 1;
  }
  const keys: [string, string][] = [
    ["done", "io.ch.done"],
    ["undone", "io.ch.undone"],
    ["placed", "io.ch.placed"],
    ["ratings", "io.ch.ratings"],
    ["answers", "io.ch.answers"],
    ["notes", "io.ch.notes"],
    ["picks", "io.ch.picks"],
    ["goals", "io.ch.goals"],
  ];
  return keys.filter(([k]) => n[k]).map(([k, key]) => t(key, { n: n[k] }));
}

export function initTransfer(page: StudentPage): void {
  const { ctx, token, app, me } = page;
  const { t, store, lang, alerts, course } = ctx;
  const site = store.site;
  const saved = () => me.setInfo({ saved: stamp() });
  // export and hand-in never come from a failed read
  const blocked = (box: HTMLElement) => {
    if (!me.unread && !me.backups().length) return false;
    box.textContent = "";
    box.append(h("p", { class: "error" }, t("io.unreadFirst")));
    box.hidden = false;
    return true;
  };

  // a kept copy that could not be read: restore what can be, or let it go
  const offer = () => {
    const old = document.querySelector("#pacer-alerts .restore");
    if (old) old.remove();
    const keys = me.backups();
    if (!keys.length) return;
    const region = alerts.region();
    const box = h("p", { class: "restore" });
    const decided = (msg: string) => {
      page.refresh();
      offer();
      region.append(h("p", { class: "alert" }, t(msg)));
    };
    box.append(
      button(t("restore.do"), async () => {
        let any = false;
        for (const k of keys) {
          const text = await me.backupText(k);
          const x = text === null ? null : salvage(text);
          if (x) {
            migrate(x, typeof x.v === "number" && x.v >= 1 ? x.v : version);
            me.p = merge(me.p, clean(x, course.scale.length).progress);
            any = true;
          }
          me.drop(k);
        }
        await me.save();
        decided(any ? "restore.done" : "restore.nothing");
      }),
      " ",
      button(
        t("restore.drop"),
        async () => {
          for (const k of keys) me.drop(k);
          await me.save();
          decided("restore.dropped");
        },
        { class: "secondary" },
      ),
    );
    region.append(box);
  };
  offer();

  // export
  const out = h("div", { class: "export", hidden: true });
  const exp = () => {
    if (blocked(out)) return;
    const doc = exportDoc(site, token, me.p);
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
  let pending: { merged: Progress; ch: Change[]; says: string } | null = null;
  const show = (kids: (Node | string | null)[]) => {
    result.textContent = "";
    add(result, kids);
  };
  const check = (text: string) => {
    const r = parse(text, site, token, course.scale.length);
    pending = null;
    if (typeof r === "string") return show([h("p", { class: "error" }, t(r))]);
    const merged = merge(me.p, r.progress);
    const ch = diff(me.p, merged);
    const lines = changeList(page, ch, me.p, merged);
    const date = r.at ? formatDay(stampDay(r.at), lang) : "?";
    if (ch.length) pending = { merged, ch, says: lines.join(", ") };
    show([
      r.future ? h("p", { class: "error" }, t("io.future", { n: r.future, date: formatDay(stampDay(new Date(Date.now() + 864e5).toISOString()), lang) })) : null,
      h("p", null, t(ch.length ? "io.summary" : "io.nothing", { date })),
      lines.length ? h("ul", null, ...lines.map((l) => h("li", null, l))) : null,
      ch.length ? h("p", null, button(t("io.confirm"), apply, { "data-k": "ok" }), " ", button(t("io.cancel"), () => show([]), { class: "secondary" })) : null,
    ]);
    const b = result.querySelector("button");
    if (b) b.focus();
  };
  const apply = () => {
    if (!pending) return;
    me.p = pending.merged;
    me.save();
    me.undos.push({ at: stamp(), ch: JSON.parse(JSON.stringify(pending.ch)), says: pending.says });
    me.saveUndos();
    pending = null;
    paste.value = "";
    file.value = "";
    page.refresh();
    undoBox();
    show([h("p", null, t("io.done"))]);
  };
  const undoWrap = h("div", { class: "undo" });
  const undoBox = () => {
    undoWrap.textContent = "";
    me.undos.forEach((u) =>
      undoWrap.append(
        h(
          "p",
          null,
          button(t("io.undo", { date: formatDay(stampDay(u.at), lang), what: typeof u.says === "string" ? u.says : "" }), () => {
            me.update((p) => revert(p, u.ch));
            me.undos = me.undos.filter((x) => x !== u);
            me.saveUndos();
            page.refresh();
            undoBox();
            show([h("p", null, t("io.undone"))]);
          }),
        ),
      ),
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
          if (blocked(receiptOut)) return;
          const r = receipt(page, page.view());
          receiptOut.textContent = "";
          add(receiptOut, [
            ...codeBox("pacer-receipt", t("hand.code"), receiptPrefix + encode(JSON.stringify(r))),
            h("p", { class: "actions" }, fileLink("pacer-receipt-" + slug(page.name) + "-" + page.day + ".json", JSON.stringify(r, null, 2), t("hand.file"))),
          ]);
          const src = app.getAttribute("data-handin");
          if (src) {
            const qr = h("div", { class: "handin-codes" });
            receiptOut.append(qr);
            void showCodes(qr, r, src);
          }
          receiptOut.hidden = false;
          saved();
          page.refresh();
          (receiptOut.querySelector("textarea") as HTMLElement).focus();
        }),
      ),
      receiptOut,
    ),
  );

  // this device: remember me, forget me
  const dev = h("div");
  const drawDevice = (forgetting?: boolean) => {
    const mine = store.remembered() === token;
    dev.textContent = "";
    add(dev, [
      h("p", null, t(mine ? "dev.remembered" : "dev.help")),
      h(
        "p",
        null,
        button(t(mine ? "dev.stop" : "dev.remember"), () => {
          store.remember(mine ? null : token);
          drawDevice();
          (dev.querySelector("button") as HTMLElement).focus();
        }),
        " ",
        button(t("dev.forget"), () => drawDevice(true), { class: "secondary", "aria-expanded": String(!!forgetting) }),
      ),
    ]);
    if (!forgetting) return;
    const box = h(
      "div",
      { class: "forget" },
      h("p", null, t("dev.forgetHelp")),
      h(
        "p",
        null,
        button(t("io.export"), exp),
        " ",
        button(t("dev.forgetNow"), async () => {
          await me.forget();
          app.textContent = "";
          const done = section("pacer-forgotten", t("dev.heading"), h("p", { tabindex: "-1" }, t("dev.forgotten")));
          app.append(done);
          (done.querySelector("p") as HTMLElement).focus();
        }),
        " ",
        button(t("io.cancel"), () => drawDevice(), { class: "secondary" }),
      ),
    );
    dev.append(box);
    (box.querySelector("button") as HTMLElement).focus();
  };
  drawDevice();
  app.append(section("pacer-device", t("dev.heading"), dev));

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

// receipt is the hand-in record (engine/receipt, format version 2: every
// quick-check answer of a step, practice marked, as tries).
export function receipt(page: StudentPage, v: View): Record<string, unknown> {
  const { ctx, plan } = page;
  const { course, store } = ctx;
  const p = pace(plan.steps, v, page.day, page.cal, plan);
  return {
    pacer: "receipt",
    v: 2,
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
      const atts = v.attempts(s.c);
      const prac = practice(atts, v.day);
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
      if (atts.length)
        out.tries = atts.map((a, i) => {
          const t: Record<string, unknown> = { a: a.act, q: +a.item.slice(a.item.lastIndexOf("#") + 1) || 0, ok: a.right, at: a.at };
          if (prac[i]) t.p = true;
          return t;
        });
      if (s.target) out.target = s.target;
      if (note && note.t) out.note = note.t;
      return out;
    }),
    goals: v.p.goals ? v.p.goals.list : plan.goals,
  };
}
