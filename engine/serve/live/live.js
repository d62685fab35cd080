// Pacer's dev-server client: listens for rebuilds and shows build errors
// over the page. Served only by `pacer serve`, never written by a build.
// Text from the server goes in as text nodes, never as HTML.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? Number(me.getAttribute("data-build")) : 0;

  // The output path of this page, as the server names files.
  function pagePath() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  // The files this page loaded from the server (its scripts, style
  // sheets, course data fetched later, images and media), as the server
  // names them.
  function loaded() {
    var out = {};
    function add(u) {
      try {
        var a = new URL(u, location.href);
        if (a.origin === location.origin) out[decodeURIComponent(a.pathname).replace(/^\/+/, "")] = true;
      } catch (e) {
        // not an address: nothing loaded
      }
    }
    if (window.performance && performance.getEntriesByType) {
      performance.getEntriesByType("resource").forEach(function (e) {
        add(e.name);
      });
    }
    var els = document.querySelectorAll("script[src], link[href], img[src], video[src], audio[src], source[src], track[src]");
    for (var i = 0; i < els.length; i++) add(els[i].getAttribute("src") || els[i].getAttribute("href"));
    return out;
  }

  // stale says whether a rebuild that changed paths changed this page or
  // anything it loaded.
  function stale(paths) {
    if (!paths) return false;
    if (paths.indexOf(pagePath()) >= 0) return true;
    var mine = loaded();
    for (var i = 0; i < paths.length; i++) if (mine[paths[i]]) return true;
    return false;
  }

  function overlay() {
    return document.getElementById("pacer-overlay");
  }

  function hide() {
    var o = overlay();
    if (o) o.parentNode.removeChild(o);
  }

  function show(msg) {
    hide();
    var o = document.createElement("div");
    o.id = "pacer-overlay";
    o.setAttribute("role", "alert");
    var h = document.createElement("p");
    h.className = "pacer-overlay-title";
    h.textContent = msg.title;
    var pre = document.createElement("pre");
    pre.textContent = msg.text;
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = "Hide";
    b.addEventListener("click", hide);
    o.appendChild(h);
    o.appendChild(pre);
    o.appendChild(b);
    document.body.appendChild(o);
  }

  function wire() {
    var b = document.querySelector("#pacer-overlay button");
    if (b) b.addEventListener("click", hide);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();

  // seen marks the build the page is up to date with, once it listens:
  // for whoever looks (tests, a curious teacher).
  function seen(b) {
    document.documentElement.setAttribute("data-pacer-build", String(b));
  }

  if (!window.EventSource) return;
  var es = new EventSource("/_pacer/events");
  es.addEventListener("status", function (e) {
    var s = JSON.parse(e.data);
    if (s.errors) show(s.errors);
    else hide();
    // A reload missed while disconnected (the server restarted, or the
    // computer slept).
    if (build && s.build !== build) location.reload();
    else seen(s.build);
  });
  es.addEventListener("errors", function (e) {
    show(JSON.parse(e.data));
  });
  es.addEventListener("reload", function (e) {
    var r = JSON.parse(e.data);
    hide();
    if (r.all || stale(r.paths)) {
      location.reload();
      return;
    }
    build = r.build;
    seen(build);
  });
})();
