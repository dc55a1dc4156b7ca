// Offline support for the SLA calculator. No request ever leaves this origin.
//
// - Pages (navigations): network first, so a new deployment is picked up on
//   the next load; the cached copy is used when the network is cut.
// - Files whose names carry a content hash (Trunk's `-<hex>.` names: up to
//   16 hex digits, fewer when the hash starts with zeros):
//   cache first, as they never change.
// - Every other same-origin GET: network first, cache as fallback.
// When a page is fetched from the network, the hashed files it references are
// cached too (so the first visit is enough to work offline) and files of
// older builds are dropped from the cache.
const CACHE = "sla-calculator-v1";
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

// The pages a first visit caches, so that every page of the site works
// offline after one visit to any of them (a first visit downloads the other
// pages' files in the background once). Not the embed: it lives in vendors'
// iframes, whose caches are partitioned, and registers no service worker.
// `import-panel.html` is not a page but the calculator's import module,
// which the calculator loads after its first result: precaching its HTML
// caches its files, so the import works offline too. `interop.html` is the
// workbench's OpenSLO and iCalendar module, loaded when first used, and
// `workbench-import.html` the workbench's measurement import, loaded when
// its Measurements view is first shown, and `workbench-editor.html` the
// whole workbench with its editors, which the workbench's first module
// hands over to when an editing view is first wanted, and `simulate.html`
// the target advisor and contract simulator of the workbench's Plan view,
// whose jobs go to the Web Worker `simulate-worker.js` (which loads
// `plan-worker.html`'s module, the engine's simulator and advisor) and whose rules are
// in `plan.css` (neither a page: cached as they are, so that the view works
// offline too).
const MODULES = ["import-panel.html", "interop.html", "workbench-import.html", "workbench-editor.html", "simulate.html", "plan-worker.html"];
// The workbench's templates after the first, fetched when one is chosen
// (`src/templates.rs`; copied into `templates/` by `workbench.html`).
const TEMPLATES = [
  "templates/service-desk.json", "templates/service-desk-2026-03.json",
  "templates/outsourcing.json", "templates/outsourcing-2026-h1.json",
  "templates/multi-level.json", "templates/multi-level-2026-04.json",
  "templates/multi-supplier.json", "templates/multi-supplier-2026-10.json",
  "templates/service-based.json", "templates/service-based-2026-03.json",
  "templates/customer-based.json", "templates/customer-based-2026-05.json",
];
const PRECACHE = ["./", "workbench.html", "compare.html", ...MODULES, "simulate-worker.js", "plan.css", ...TEMPLATES];
// Every page whose cached HTML keeps its hashed files from being pruned.
const PAGES = [...PRECACHE.filter((file) => !TEMPLATES.includes(file)), "embed.html"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    PRECACHE.reduce(
      (done, page) => done.then(() => {
        const url = new URL(page, self.registration.scope).href;
        return TEMPLATES.includes(page) ? cacheFile(url) : cachePage(url);
      }),
      Promise.resolve(),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    const page = networkFirst(request, true);
    event.respondWith(page);
    // This file does not change between builds, so the worker is not
    // installed again after a deployment: once a page is fetched (and its
    // files cached), the modules' HTML is fetched again too (and so their
    // current files cached), in the background, so that the modules the
    // new pages name work offline as well.
    event.waitUntil(page.catch(() => null).then(refreshModules));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, false));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, isPage) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      // Pages are cached under their URL without the fragment or query.
      const key = isPage ? pageKey(request.url) : request;
      await cache.put(key, response.clone());
      if (isPage) await cacheAssetsOf(await response.clone().text(), request.url, cache);
    }
    return response;
  } catch (error) {
    const hit = (await cache.match(isPage ? pageKey(request.url) : request))
      || (isPage && (await cache.match(new URL("./", self.registration.scope).href)));
    if (hit) return hit;
    throw error;
  }
}

function pageKey(url) {
  const u = new URL(url);
  u.hash = "";
  u.search = "";
  return u.href;
}

async function refreshModules() {
  for (const module of MODULES) {
    try {
      await cachePage(new URL(module, self.registration.scope).href);
    } catch (error) {
      // Offline: the modules cached before stay.
    }
  }
  // The templates of the new deployment, beside its wasm.
  for (const file of TEMPLATES) {
    try {
      await cacheFile(new URL(file, self.registration.scope).href);
    } catch (error) {
      // Offline: the templates cached before stay.
    }
  }
}

// A file that links nothing (a template): fetched again and kept as it is.
async function cacheFile(url) {
  const cache = await caches.open(CACHE);
  const response = await fetch(url, { cache: "no-cache" });
  if (response.ok) await cache.put(url, response);
}

async function cachePage(url) {
  const cache = await caches.open(CACHE);
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) return;
  await cache.put(url, response.clone());
  await cacheAssetsOf(await response.text(), url, cache);
}

// Caches every hashed file the page links to, then forgets hashed files that
// no cached page links to any more (older builds).
async function cacheAssetsOf(html, base, cache) {
  const wanted = hashedLinks(html, base);
  // The wasm is fetched by the JS glue; Trunk also links it with a preload, which this finds.
  await Promise.all([...wanted].map(async (href) => {
    if (!(await cache.match(href))) {
      const response = await fetch(href);
      if (response.ok) await cache.put(href, response);
    }
  }));
  const kept = new Set(wanted);
  for (const page of PAGES) {
    const url = new URL(page, self.registration.scope).href;
    const hit = await cache.match(url);
    if (hit) for (const href of hashedLinks(await hit.text(), url)) kept.add(href);
  }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (HASHED.test(path) && !kept.has(request.url)) await cache.delete(request);
  }
}

// The same-origin hashed files a page's HTML links to.
function hashedLinks(html, base) {
  const links = new Set();
  // Attributes may be unquoted: the release build minifies the HTML.
  for (const match of html.matchAll(/(?:href|src)\s*=\s*["']?([^"'\s>]+)/g)) {
    const url = new URL(match[1], base);
    if (url.origin === self.location.origin && HASHED.test(url.pathname)) links.add(url.href);
  }
  return links;
}
