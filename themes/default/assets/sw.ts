// The service worker: sw.js at the site root, so that its scope is the
// whole site whatever subpath it is served under. main.ts registers it over
// http(s) only (never from file://). The build writes, before this bundle,
// self.PacerSW = {cache, assets}: the cache's name (a hash of the build's
// assets, chunks included) and the assets every page loads, all
// content-hashed.
//
// Assets are cached when the worker installs and served from the cache;
// the course data's chunks (course.<unit>.<hash>.js), which differ from
// page to page, are cached as pages use them. Pages go to the network
// first and fall back to the cache offline; the student page sends the
// addresses of its activities to cache as well, with their chunks. A
// new build is a new sw.js: the new worker fills its own cache and deletes
// the site's other caches, so the browser never mixes two builds' assets.

export {};

interface Config {
  cache: string;
  assets: string[];
}

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}

interface MessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}

interface WorkerScope {
  PacerSW?: Config;
  readonly location: Location;
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", f: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", f: (e: FetchEvent) => void): void;
  addEventListener(type: "message", f: (e: MessageEvent) => void): void;
}

const sw = self as unknown as WorkerScope;
const config: Config = sw.PacerSW || { cache: "none", assets: [] };
const scope = sw.registration.scope;
// The site's caches: the scope is part of the name, so that two sites on
// one origin (a school server with a folder per course) keep theirs.
const prefix = "pacer:" + scope + ":";
const name = prefix + config.cache;
const assetsURL = new URL("assets/", sw.location.href).href;
// A content-hashed name (pacer.3f9a1c2b04.js, font.KX3B7Q2A.woff2); the
// dev server's assets keep their names and go to the network first.
const hashed = /\.[0-9A-Za-z]{8,}\.[a-z0-9]+$/;

sw.addEventListener("install", (e) => {
  const urls = config.assets.map((a) => new URL(a, sw.location.href).href);
  e.waitUntil(
    caches
      .open(name)
      .then((c) => c.addAll(urls))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.indexOf(prefix) === 0 && k !== name).map((k) => caches.delete(k)))),
  );
});

// plain drops the mark of a followed redirect (a server answering
// a/index.html with a redirect to a/): browsers refuse a redirected
// response to a navigation.
function plain(res: Response): Promise<Response> {
  if (!res.redirected) return Promise.resolve(res);
  return res.blob().then((b) => new Response(b, { status: res.status, statusText: res.statusText, headers: res.headers }));
}

// fromNetwork fetches req and keeps a good answer in the cache.
function fromNetwork(req: Request): Promise<Response> {
  return fetch(req).then((res) => {
    if (res.ok && res.type === "basic") {
      const copy = res.clone();
      Promise.all([caches.open(name), plain(copy)])
        .then(([c, r]) => c.put(req, r))
        .catch(() => undefined);
    }
    return res;
  });
}

function fromCache(req: Request): Promise<Response | undefined> {
  return caches
    .open(name)
    .then((c) => c.match(req).then((r) => r || (req.mode === "navigate" ? c.match(req.url, { ignoreSearch: true }) : undefined)))
    .then((r) => r && plain(r));
}

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || req.url.indexOf(scope) !== 0) return;
  if (req.url.indexOf(assetsURL) === 0 && hashed.test(req.url.replace(/[?#].*/, ""))) {
    // Content-hashed: a cached copy is never stale.
    e.respondWith(fromCache(req).then((r) => r || fromNetwork(req)));
    return;
  }
  e.respondWith(
    fromNetwork(req).catch((err: unknown) =>
      fromCache(req).then((r) => {
        if (r) return r;
        throw err;
      }),
    ),
  );
});

// keep stores the answer to u in cache c unless it is there already, and
// returns it (undefined when the network gave none).
function keep(c: Cache, u: string): Promise<Response | undefined> {
  return c
    .match(u)
    .then((hit) => hit || fetch(u).then((res) => (res.ok ? plain(res).then((r) => c.put(u, r.clone()).then(() => r)) : undefined)));
}

// scriptsOf lists the site's scripts a page's HTML loads: the course
// data's chunks differ from page to page.
function scriptsOf(html: string, page: string): string[] {
  const out: string[] = [];
  const re = /<script src="([^"]+)"/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const u = new URL(m[1], page).href;
    if (u.indexOf(assetsURL) === 0) out.push(u);
  }
  return out;
}

// A page asks for addresses to be kept ({cache: [url, ...]}), with the
// scripts those pages load; those already cached are left as they are (a
// visit online refreshes them). The answer on the message's port says when
// they are stored.
sw.addEventListener("message", (e) => {
  const d = e.data;
  const list = d && typeof d === "object" && Array.isArray((d as { cache?: unknown }).cache) ? (d as { cache: unknown[] }).cache : [];
  const urls = list.filter((u): u is string => typeof u === "string" && u.indexOf(scope) === 0);
  const done = caches.open(name).then((c) =>
    Promise.all(
      urls.map((u) =>
        keep(c, u).then((page) => page && page.text().then((html) => Promise.all(scriptsOf(html, u).map((s) => keep(c, s))))),
      ),
    ),
  );
  e.waitUntil(
    done.then(
      () => e.ports[0] && e.ports[0].postMessage({ cached: urls.length }),
      () => e.ports[0] && e.ports[0].postMessage({ cached: 0, failed: true }),
    ),
  );
});
