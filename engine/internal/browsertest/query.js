// The page side of browsertest's queries: find elements the way a person
// (or a screen reader user) finds them, by role and accessible name.
//
// This is a deliberately small subset of WAI-ARIA 1.2, HTML-AAM and
// accname 1.2: enough roles and naming rules for a static site's pages,
// written so that a mismatch with the real accessibility tree shows up as a
// test that cannot find its button, not as a silent pass. It is evaluated
// through the DevTools protocol, so the page's Content-Security-Policy does
// not apply to it, and it adds nothing to the DOM.
(() => {
  if (window.__pacerBrowserTest) return window.__pacerBrowserTest;

  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();

  // hidden reports whether an element is out of the accessibility tree.
  const hidden = (el) => {
    if (el.closest("[aria-hidden=true]")) return true;
    if (el.closest("[hidden]:not([hidden=until-found])")) return true;
    if (typeof el.checkVisibility === "function") {
      return !el.checkVisibility({ visibilityProperty: true });
    }
    const s = getComputedStyle(el);
    return s.display === "none" || s.visibility === "hidden";
  };

  const textInputTypes = new Set(["", "text", "email", "tel", "url", "password"]);

  // landmarkScoped: header and footer are banner/contentinfo only outside
  // these elements (HTML-AAM).
  const sectioning = "article,aside,main,nav,section,[role=article],[role=complementary],[role=main],[role=navigation],[role=region]";

  // implicitRole is the HTML-AAM role of an element without a role attribute.
  const implicitRole = (el) => {
    const tag = el.localName;
    switch (tag) {
      case "a":
      case "area":
        return el.hasAttribute("href") ? "link" : "";
      case "button":
        return "button";
      // Chromium exposes summary as a disclosure button; screen readers
      // announce it as "button, collapsed".
      case "summary":
        return "button";
      case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
        return "heading";
      case "input": {
        const type = (el.getAttribute("type") || "").toLowerCase();
        if (type === "checkbox") return "checkbox";
        if (type === "radio") return "radio";
        if (type === "button" || type === "submit" || type === "reset" || type === "image") return "button";
        if (type === "number") return "spinbutton";
        if (type === "range") return "slider";
        if (type === "search") return "searchbox";
        if (type === "hidden" || type === "file" || type === "color" || type === "date" || type === "datetime-local" || type === "month" || type === "time" || type === "week") return "";
        if (textInputTypes.has(type) || !type) return el.hasAttribute("list") ? "combobox" : "textbox";
        return "textbox";
      }
      case "textarea":
        return "textbox";
      case "select":
        return el.multiple || el.size > 1 ? "listbox" : "combobox";
      case "option":
        return "option";
      case "nav":
        return "navigation";
      case "main":
        return "main";
      case "aside":
        return "complementary";
      case "article":
        return "article";
      case "header":
        return el.parentElement && el.parentElement.closest(sectioning) ? "" : "banner";
      case "footer":
        return el.parentElement && el.parentElement.closest(sectioning) ? "" : "contentinfo";
      case "section":
        return name(el) ? "region" : "";
      case "form":
        return name(el) ? "form" : "";
      case "ul": case "ol": case "menu":
        return "list";
      case "li":
        return "listitem";
      case "dl":
        return "list"; // Chromium's mapping; ARIA has no exact role
      case "fieldset": case "details": case "optgroup":
        return "group";
      case "output":
        return "status";
      case "img":
        return el.getAttribute("alt") === "" ? "presentation" : "img";
      case "figure":
        return "figure";
      case "dialog":
        return "dialog";
      case "progress":
        return "progressbar";
      case "meter":
        return "meter";
      case "table":
        return "table";
      case "tr":
        return "row";
      case "td":
        return "cell";
      case "th":
        return "columnheader";
      case "p":
        return "paragraph";
      case "hr":
        return "separator";
    }
    return "";
  };

  const role = (el) => {
    const explicit = norm(el.getAttribute("role")).split(" ")[0];
    if (explicit) return explicit === "none" ? "presentation" : explicit;
    return implicitRole(el);
  };

  // Roles whose name may come from their content (accname 1.2 step 2F).
  const nameFromContent = new Set([
    "button", "cell", "checkbox", "columnheader", "gridcell", "heading",
    "link", "menuitem", "menuitemcheckbox", "menuitemradio", "option",
    "radio", "row", "rowheader", "switch", "tab", "tooltip", "treeitem",
  ]);

  const isBlock = (el) => {
    const d = getComputedStyle(el).display;
    return !d.startsWith("inline") && d !== "contents";
  };

  // textOf is the text alternative of an element's subtree (accname 2F/2G).
  const textOf = (node, ignoreHidden) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE) return "";
    const el = node;
    if (ignoreHidden && hidden(el)) return "";
    if (el.localName === "script" || el.localName === "style" || el.localName === "template") return "";
    const label = norm(el.getAttribute("aria-label"));
    if (label) return label;
    if (el.localName === "img" || (el.localName === "input" && el.type === "image")) {
      return el.getAttribute("alt") || "";
    }
    if (el.localName === "input" || el.localName === "textarea") return el.value || "";
    if (el.localName === "select") {
      const o = el.selectedOptions[0];
      return o ? o.textContent : "";
    }
    let s = "";
    for (const c of el.childNodes) s += textOf(c, ignoreHidden);
    return isBlock(el) ? " " + s + " " : s;
  };

  const byIDs = (el, attr) =>
    norm(el.getAttribute(attr)).split(" ").filter(Boolean)
      .map((id) => el.ownerDocument.getElementById(id))
      .filter(Boolean);

  // name is the accessible name of an element (accname 1.2, simplified).
  function name(el) {
    const labelledby = byIDs(el, "aria-labelledby");
    if (labelledby.length) {
      // Referenced elements count even when hidden (accname 2B).
      return norm(labelledby.map((r) => textOf(r, false)).join(" "));
    }
    const label = norm(el.getAttribute("aria-label"));
    if (label) return label;

    const tag = el.localName;
    if (tag === "input" && ["button", "submit", "reset"].includes(el.type)) {
      return norm(el.value) || (el.type === "submit" ? "Submit" : el.type === "reset" ? "Reset" : "");
    }
    if (tag === "input" && el.type === "image") return norm(el.getAttribute("alt")) || norm(el.title);
    if (el.labels && el.labels.length) {
      // label[for] and a wrapping label; the control's own value is not
      // part of its name.
      return norm([...el.labels].map((l) => {
        let s = "";
        for (const c of l.childNodes) if (c !== el && !(c.contains && c.contains(el))) s += textOf(c, true);
        return s;
      }).join(" "));
    }
    if (tag === "img" || tag === "area") {
      const alt = norm(el.getAttribute("alt"));
      if (alt) return alt;
    }
    if (tag === "fieldset") {
      const legend = el.querySelector(":scope > legend");
      if (legend) return norm(textOf(legend, true));
    }
    if (tag === "figure") {
      const cap = el.querySelector(":scope > figcaption");
      if (cap) return norm(textOf(cap, true));
    }
    if (tag === "table" && el.caption) return norm(textOf(el.caption, true));
    if (tag === "details") {
      // Not in accname, but how people refer to a disclosure.
      const sum = el.querySelector(":scope > summary");
      if (sum) return norm(textOf(sum, true));
    }
    // section and form take their role from their name: do not recurse.
    const r = el.hasAttribute("role") || (tag !== "section" && tag !== "form") ? role(el) : "";
    if (nameFromContent.has(r)) {
      const s = norm(textOf(el, true));
      if (s) return s;
    }
    const title = norm(el.getAttribute("title"));
    if (title) return title;
    if ((tag === "input" || tag === "textarea") && el.placeholder) return norm(el.placeholder);
    return "";
  }

  // matches reports whether el fits one step of a query: a role (or "" for
  // any), a name (exact after whitespace normalisation, or a substring when
  // contains is set; "" for any) and a text the element's visible text must
  // contain.
  const matches = (el, q) => {
    if (q.role && role(el) !== q.role) return false;
    if (hidden(el)) return false;
    if (q.name) {
      const n = name(el);
      if (q.contains ? !n.includes(norm(q.name)) : n !== norm(q.name)) return false;
    }
    if (q.text && !norm(el.innerText).includes(norm(q.text))) return false;
    if (q.css && !el.matches(q.css)) return false;
    return true;
  };

  // resolve returns the elements a chain of query steps matches.
  const resolve = (chain) => {
    let scopes = [document.documentElement];
    for (const q of chain) {
      const found = new Set();
      for (const scope of scopes) {
        for (const el of scope.querySelectorAll("*")) {
          if (!found.has(el) && matches(el, q)) found.add(el);
        }
      }
      const list = [...found];
      scopes = q.nth >= 0 ? (list[q.nth] ? [list[q.nth]] : []) : list;
    }
    return scopes;
  };

  const describe = (el) => {
    const r = role(el);
    return `<${el.localName}${el.id ? "#" + el.id : ""}> role=${r || "(none)"} name=${JSON.stringify(name(el))}`;
  };

  // one resolves a chain to exactly one element, or says why not.
  const one = (chain) => {
    const els = resolve(chain);
    if (els.length === 1) return { el: els[0] };
    if (els.length === 0) return { error: "no element matches" };
    return { error: `${els.length} elements match: ${els.slice(0, 5).map(describe).join("; ")}` };
  };

  const state = (el) => ({
    role: role(el),
    name: name(el),
    text: norm(el.innerText),
    value: "value" in el ? String(el.value) : "",
    checked: el.checked === true || el.getAttribute("aria-checked") === "true",
    disabled: el.disabled === true || el.getAttribute("aria-disabled") === "true",
    expanded: el.localName === "details" ? el.open : el.getAttribute("aria-expanded") === "true",
    focused: el === document.activeElement,
    tag: el.localName,
    html: el.outerHTML.slice(0, 300),
  });

  // act runs one operation on the single element that chain matches.
  const act = (chain, op) => {
    if (op === "count") return { count: resolve(chain).length };
    const r = one(chain);
    if (r.error) return r;
    const el = r.el;
    switch (op) {
      case "focus":
        el.focus({ focusVisible: true });
        if (document.activeElement !== el) return { error: "element did not take focus: " + describe(el) };
        return state(el);
      case "point": {
        el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
        const b = el.getBoundingClientRect();
        if (b.width === 0 || b.height === 0) return { error: "element has no size: " + describe(el) };
        const x = b.left + b.width / 2, y = b.top + b.height / 2;
        const top = document.elementFromPoint(x, y);
        if (top && top !== el && !el.contains(top) && !(el.labels && [...el.labels].some((l) => l.contains(top)))) {
          return { error: `element is covered by <${top.localName}> at its centre: ` + describe(el) };
        }
        return { x, y };
      }
      default:
        return state(el);
    }
  };

  // focused describes document.activeElement.
  const focused = () => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return state(el);
  };

  return (window.__pacerBrowserTest = { act, focused, role, name });
})()
