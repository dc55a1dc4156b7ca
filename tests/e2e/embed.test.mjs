// The embed, cross-origin: the app's dist/ on one loopback port (with the
// CSP of docs/embed.md as a header, frame-ancestors included) and the
// example vendor page of examples/vendor-page/ on another, so the iframe is
// a real third-party frame. A third port plays a hostile page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, requests } from "./harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const VENDOR = join(ROOT, "examples/vendor-page");
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'";

let app;
let vendor;
let hostile;
let browser;

/** A server of fixed pages on 127.0.0.1 and a free port: `pages` maps a path to [type, body]. */
async function pagesServer(pages) {
  const server = createServer((req, res) => {
    const page = pages(new URL(req.url, "http://127.0.0.1").pathname);
    if (!page) return res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": page[0], "cache-control": "no-cache" }).end(page[1]);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}

before(async () => {
  // The vendor's origin must be known before the app's headers name it:
  // reserve the vendor server first, with its pages filled in afterwards.
  let vendorPages = () => null;
  vendor = await pagesServer((path) => vendorPages(path));
  // The hostile page frames the calculator claiming the vendor's origin is allowed.
  hostile = await pagesServer((path) =>
    path === "/"
      ? ["text/html; charset=utf-8", `<!doctype html><title>hostile</title><iframe id="f" title="calculator" src="${app.url}embed.html#origin=${encodeURIComponent(vendor.origin)}&month=2026-07"></iframe>`]
      : null,
  );
  app = await serve(undefined, {
    headers: (file) =>
      file.endsWith("embed.html")
        ? { "content-security-policy": `${CSP}; frame-ancestors ${vendor.origin} ${hostile.origin}` }
        : {},
  });
  const index = readFileSync(join(VENDOR, "index.html"), "utf8").replaceAll("https://sla-calculator.example/", app.url);
  const terms = readFileSync(join(VENDOR, "terms.json"), "utf8");
  vendorPages = (path) =>
    path === "/" ? ["text/html; charset=utf-8", index] : path === "/terms.json" ? ["application/json", terms] : null;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await vendor?.close();
  await hostile?.close();
});

/** Collects CSP violations reported in any frame of the page. */
function cspWatch(page) {
  const violations = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("the vendor's page shows the calculator: terms by message, locked, resized, results sent back", async () => {
  const { context, page, errors } = await newPage(browser);
  const violations = cspWatch(page);
  await page.goto(vendor.origin + "/");
  const frame = page.frameLocator("#calculator iframe");
  // The terms arrive in a message from the loader (data-terms-url on the vendor's origin).
  await frame.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
  await frame.getByText("only your month can be changed here").waitFor();
  assert.equal(await frame.getByText("Change the terms (JSON)").count(), 0, "locked: no terms editor");

  // Resized to its content: the iframe's height follows the frame's document.
  const iframe = page.locator("#calculator iframe");
  const fits = async () =>
    page.waitForFunction(() => {
      const el = document.querySelector("#calculator iframe");
      const inner = el.contentDocument; // null: cross-origin, so compare with the reported height instead
      return inner === null && el.style.height !== "600px";
    });
  await fits();
  const before = parseInt(await iframe.evaluate((el) => el.style.height), 10);

  // 90 minutes in July: (44,640 − 90) / 44,640 = 99.7983 % (cut to 4 decimals) → 10 % of 1,200.00.
  await frame.getByLabel("Minutes of downtime in the month").fill("90");
  await frame.locator("#embed-summary", { hasText: "missed" }).waitFor();
  const row = frame.getByRole("row", { name: /Monthly uptime percentage/ });
  assert.match(await row.innerText(), /99\.7983/);
  assert.match(await row.innerText(), /120\.00/);
  // The opt-in results reached the vendor page as a DOM event.
  await page.locator("#last-result", { hasText: "credit 120.00 USD" }).waitFor();
  assert.match(await page.locator("#last-result").innerText(), /2026-07: 99\.7983 % uptime/);

  // More content (outages mode, three rows) → the iframe grows.
  await frame.getByLabel("Outages, one by one").check();
  await frame.getByRole("button", { name: "Add an outage" }).click();
  await frame.getByRole("button", { name: "Add an outage" }).click();
  await page.waitForFunction((h) => parseInt(document.querySelector("#calculator iframe").style.height, 10) > h, before);

  // The plain iframe (terms in the fragment, no origin) works too, at its fixed height.
  const plain = page.frameLocator("#plain");
  await plain.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
  assert.equal(await page.locator("#plain").evaluate((el) => el.style.height), "640px");

  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("hostile messages change nothing and inject nothing", async () => {
  const { context, page, errors } = await newPage(browser);
  const violations = cspWatch(page);
  await page.goto(vendor.origin + "/");
  const frame = page.frameLocator("#calculator iframe");
  await frame.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
  await frame.getByLabel("Minutes of downtime in the month").fill("90");
  await frame.locator("#embed-summary", { hasText: "missed" }).waitFor();
  const summary = await frame.locator("#embed-summary").innerText();
  const target = await page.evaluate(() => new URL(document.querySelector("#calculator iframe").src).origin);

  // From the allowed parent: bad JSON, another protocol version, unknown
  // types, a theme that tries to leave CSS, a field of the wrong type.
  await page.evaluate((origin) => {
    const w = document.querySelector("#calculator iframe").contentWindow;
    w.postMessage("{not json", origin);
    w.postMessage({ protocol: "sla-embed", version: 2, type: "agreement", agreement: { name: "v2" } }, origin);
    w.postMessage({ protocol: "sla-embed", version: 1, type: "eval", code: "parent.__pwned = 1" }, origin);
    w.postMessage({ protocol: "sla-embed", version: 1, type: "theme", theme: { accent: "red;background:url(javascript:parent.__pwned=1)" } }, origin);
    w.postMessage({ protocol: "sla-embed", version: 1, type: "agreement", agreement: 42 }, origin);
  }, target);
  // A message the calculator does accept, sent after the bad ones: once it
  // shows, the bad ones have been handled (messages arrive in order).
  const terms = JSON.parse(readFileSync(join(VENDOR, "terms.json"), "utf8"));
  const evil = '<img src=x onerror="parent.__pwned=1">Evil & Co <script>parent.__pwned=1</script>';
  await page.evaluate(({ origin, agreement }) => {
    document.querySelector("#calculator iframe").contentWindow.postMessage({ protocol: "sla-embed", version: 1, type: "agreement", agreement, locked: true }, origin);
  }, { origin: target, agreement: { ...terms, name: evil } });
  // Script in a field is shown as text, never run or parsed as markup.
  await frame.getByRole("heading", { level: 1 }).filter({ hasText: "Evil & Co" }).waitFor();
  assert.equal(await frame.getByRole("heading", { level: 1 }).innerText(), evil);
  assert.equal(await frame.locator("main img, main script").count(), 0);
  assert.equal(await frame.locator("#embed-summary").innerText(), summary);
  const accent = await frame.locator("html").evaluate((el) => el.style.getPropertyValue("--accent"));
  assert.equal(accent, "#6b2fb3", "the theme from the loader, untouched by the bad theme");

  // From another origin that frames the calculator and claims the vendor's origin.
  const attacker = await context.newPage();
  await attacker.goto(hostile.origin + "/");
  const hostileFrame = attacker.frameLocator("#f");
  await hostileFrame.getByText("Waiting for the terms").waitFor();
  await attacker.evaluate((origin) => {
    document.querySelector("#f").contentWindow.postMessage({ protocol: "sla-embed", version: 1, type: "agreement", agreement: { name: "stolen" } }, origin);
  }, target);
  // Let the frame handle every message posted so far: its own message to
  // itself is queued behind them.
  const inner = attacker.frames().find((f) => f.url().includes("embed.html"));
  await inner.evaluate(() => new Promise((done) => {
    addEventListener("message", function flush(e) {
      if (e.data === "__flush") { removeEventListener("message", flush); done(); }
    });
    postMessage("__flush", "*");
  }));
  await hostileFrame.getByText("Waiting for the terms").waitFor();
  assert.equal(await hostileFrame.getByText("stolen").count(), 0);

  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.equal(await attacker.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors.filter((e) => !/sla-embed: message ignored/.test(e)), []);
  await context.close();
});

test("the loader refuses an embed address that is not beside it", async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(vendor.origin + "/");
  await page.frameLocator("#calculator iframe").getByRole("heading", { level: 1 }).waitFor();
  for (const address of ["javascript:parent.__pwned=1", "https://evil.example/embed.html", `${vendor.origin}/embed.html`]) {
    const result = await page.evaluate((address) => new Promise((done) => {
      const el = document.createElement("div");
      el.setAttribute("data-sla-embed", address);
      el.setAttribute("data-terms-url", "terms.json");
      el.addEventListener("sla-embed:error", (e) => done({ message: e.detail.message, frames: el.querySelectorAll("iframe").length }));
      document.body.appendChild(el);
      window.SlaEmbed.mount(el);
    }), address);
    assert.equal(result.frames, 0, address);
    assert.match(result.message, /beside embed\.js/, address);
  }
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the embed page alone: bad settings are listed, axe finds nothing serious at 375 px, no storage needed", async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 375, height: 800 } });
  // Storage blocked, as in a third-party iframe with partitioned storage turned off.
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  const terms = Buffer.from(readFileSync(join(VENDOR, "terms.json"))).toString("base64url");
  await page.goto(`${app.url}embed.html#terms=${terms}&month=2026-07&origin=*&theme.accent=url(x)&nonsense=1`);
  await page.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
  await page.getByText("3 settings of this page were ignored").waitFor();
  // Not locked: the terms can be changed as JSON; a broken edit says where.
  await page.getByText("Change the terms (JSON)").click();
  await page.getByLabel("The agreement file (docs/format.md)").fill('{"format": "sla-agreements",');
  await page.getByRole("button", { name: "Use these terms" }).click();
  await page.getByRole("alert").filter({ hasText: "line 1" }).waitFor();
  const violations = await axe(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px viewport`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the prerendered first screen shows before the wasm, and what is typed there is kept", async () => {
  const { context, page, errors } = await newPage(browser);
  // Hold the wasm back until the visitor has typed in the prerendered field.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  const terms = Buffer.from(readFileSync(join(VENDOR, "terms.json"))).toString("base64url");
  await page.goto(`${app.url}embed.html#terms=${terms}&month=2026-07`, { waitUntil: "commit" });
  await page.getByRole("status").filter({ hasText: "Loading the calculator" }).waitFor();
  await page.getByLabel("Minutes of downtime in the month").fill("90");
  assert.equal(await page.locator("#embed-summary").count(), 0, "no result before the wasm");
  release();
  await page.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
  await page.locator("#embed-summary", { hasText: "missed" }).waitFor();
  assert.equal(await page.getByLabel("Minutes of downtime in the month").inputValue(), "90");
  assert.match(await page.getByRole("row", { name: /Monthly uptime percentage/ }).innerText(), /99\.7983/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("no request ever left 127.0.0.1", () => {
  assert.ok(requests.length > 5, "requests were recorded");
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(u));
  assert.deepEqual(outside, []);
});
