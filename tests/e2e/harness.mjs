// Shared set-up for the end-to-end suite: a static server for the built
// dist/ on 127.0.0.1 (under a sub-path, to prove relative URLs), Debian's
// Chromium through playwright-core, and a log of every request made.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { chromium } from "playwright-core";
import { brotli as brotliOf } from "../../scripts/size-report.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST = join(root, "dist");
export const SUBPATH = "/tools/sla/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** What a static host sends brotli-compressed when the browser accepts it. */
const COMPRESSED = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".json", ".svg", ".webmanifest"]);

/** Every text and wasm file under `dir`, brotli-compressed (quality 11, as scripts/size-report.mjs counts them). */
function precompress(dir) {
  const compressed = new Map();
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (COMPRESSED.has(extname(path))) compressed.set(path, brotliOf(readFileSync(path)));
    }
  };
  walk(dir);
  return compressed;
}

/**
 * Serves `dir` at SUBPATH on 127.0.0.1 and a free port. `headers(file)`
 * may add response headers per file (the embed test sends a CSP).
 * `brotli: true` serves the text and wasm files brotli-compressed
 * (`content-encoding: br`) to a browser that accepts it, from copies
 * compressed once at start, as a static host with precompressed files does
 * (the load benchmark, scripts/load-bench.mjs).
 */
export async function serve(dir = DIST, { headers = () => ({}), brotli = false } = {}) {
  dir = resolve(dir);
  const compressed = brotli ? precompress(dir) : new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(SUBPATH)) {
      res.writeHead(404).end("not found");
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUBPATH.length)) || "index.html";
    const path = normalize(join(dir, rel));
    if (!path.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(path);
      const file = info.isDirectory() ? join(path, "index.html") : path;
      const type = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      const packed = compressed.get(file);
      if (packed && /\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
        res.writeHead(200, { ...type, "content-encoding": "br", vary: "accept-encoding", ...headers(file) });
        res.end(packed);
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { ...type, ...(packed ? { vary: "accept-encoding" } : {}), ...headers(file) });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${SUBPATH}`, close: () => new Promise((ok) => server.close(ok)) };
}

function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error("Chromium not found: run `cargo xtask setup --browser`");
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** Every request URL any page of any context made, for the "nothing leaves 127.0.0.1" check. */
export const requests = [];

export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { context, page, errors };
}

/** Opens the app and waits until the wasm has replaced the prerendered skeleton. */
export async function openApp(page, base, fragment = "") {
  await page.goto(base + (fragment ? "#" + fragment : ""));
  await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
}

/**
 * What the workbench stored in IndexedDB: each workspace's manifest, its
 * chunks' sizes and its file (the chunks joined and parsed), and the current
 * id. Read in the page with IndexedDB itself, not through the app.
 */
export async function storedInIndexedDb(page) {
  return page.evaluate(async () => {
    const done = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const open = indexedDB.open("sla-workbench");
    // Never create the database here: only read the one the app made.
    open.onupgradeneeded = () => open.transaction.abort();
    const db = await done(open);
    const tx = db.transaction(["manifests", "chunks", "settings"]);
    const manifests = tx.objectStore("manifests").getAll();
    const chunks = tx.objectStore("chunks").getAll();
    const keys = tx.objectStore("chunks").getAllKeys();
    const current = tx.objectStore("settings").get("current");
    const [m, c, k, cur] = [await done(manifests), await done(chunks), await done(keys), await done(current)];
    db.close();
    const workspaces = m.map((manifest) => {
      const parts = k.map((key, i) => [key, c[i]]).filter(([key]) => key[0] === manifest.id);
      const bytes = new Uint8Array(parts.reduce((n, [, part]) => n + part.length, 0));
      let at = 0;
      for (const [, part] of parts) { bytes.set(part, at); at += part.length; }
      const file = JSON.parse(new TextDecoder().decode(bytes));
      return { manifest, chunkSizes: parts.map(([, part]) => part.length), name: file.name, outages: file.measurements.outages.length, file };
    });
    return { current: cur, workspaces };
  });
}

/** Runs axe-core in the page; returns violations of the given impacts. */
export async function axe(page, impacts = ["serious", "critical"]) {
  const source = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  // Evaluated rather than added as a <script>: the pages' CSP allows no inline script.
  await page.evaluate(source);
  const result = await page.evaluate(async () => await window.axe.run(document));
  return result.violations.filter((v) => impacts.includes(v.impact));
}

export const ARTIFACTS = join(root, "tests/e2e/artifacts");

/**
 * Waits until the workbench takes input: drawn, and not handing itself over
 * to its editors module (workbench.html's first module is inert while
 * `workbench-editor.html` loads, then replaced by it).
 */
export async function workbenchReady(page) {
  await page.waitForFunction(
    () => document.querySelector(".wb-toolbar:not([inert])") && !document.querySelector("#editor-loading"),
    null,
    { timeout: 60_000, polling: 50 },
  );
}

/** Opens the workbench's Workspace menu (rename, new, files, share, print, delete), if it is not open. */
export async function openMenu(page) {
  await workbenchReady(page);
  await page.locator("#workspace-menu").evaluate((menu) => { menu.open = true; });
}

/** The `sla` command line, built from this checkout if need be (a no-op when it is current). */
export function sla(args) {
  execFileSync("cargo", ["build", "--quiet", "-p", "sla-cli", "--bin", "sla"], { cwd: root, stdio: "inherit" });
  return execFileSync(join(root, "target", "debug", "sla"), args, { cwd: root, encoding: "utf8" });
}
