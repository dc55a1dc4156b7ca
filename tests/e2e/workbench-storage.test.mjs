// Where the workbench keeps what the user entered, against the built dist/ in
// headless Chromium: a workspace of 300,000 outages (about 30 MB of JSON, far
// beyond localStorage's quota) is autosaved in IndexedDB in chunks and is all
// there after a reload, without an empty workspace shown first; workspaces an
// earlier version left in localStorage move to IndexedDB; without IndexedDB
// localStorage is used, and without either the workbench still works and says
// that nothing is kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, launch, newPage, storedInIndexedDb, openMenu, workbenchReady } from "./harness.mjs";

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), "workbench-storage-e2e-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Opens the workbench and waits until it shows a workspace. */
async function openWorkbench(page) {
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
}

/** The keys of the workbench (`sla.workbench.…`) in localStorage. */
async function workbenchKeysInLocalStorage(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("sla.workbench.")).sort());
}

/**
 * A workspace file with `count` outages over 50 services in 2026 (a
 * deterministic LCG, as src/bench.rs does): 50 SLAs with step credits.
 */
function largeWorkspace(count) {
  const services = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, name: `Service ${i}`, monthly_charge: "1000.00" }));
  const agreements = services.map((s, i) => ({
    id: `sla${i}`, name: `SLA ${i}`, kind: "sla", structure: "service_based", service: s.id,
    targets: [{ id: "availability", name: "Availability", metric: { type: "availability" }, expected: "99.9", minimum: "99", calendar: "office",
      credit: { type: "step", tiers: [{ below: "99.9", credit: "10" }, { below: "99", credit: "25" }] } }],
  }));
  let seed = 3n;
  const next = () => { seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return Number(seed >> 33n); };
  const start = Date.UTC(2026, 0, 1) / 1000;
  const outages = Array.from({ length: count }, (_, i) => {
    const at = start + (next() % (12 * 28 * 86400));
    const length = 60 + (next() % 1800);
    return { service: `s${i % 50}`, start: new Date(at * 1000).toISOString().replace(".000", ""), end: new Date((at + length) * 1000).toISOString().replace(".000", ""), planned: false };
  });
  return {
    format: "sla-workspace", version: 1, name: `Large: ${count} outages`, span: "2026-01..2026-12",
    agreements: { format: "sla-agreements", version: 1, name: "Large", currency: "EUR", time_zone: "Europe/Berlin", provider: { name: "Large" },
      services, calendars: [{ id: "office", time_zone: "Europe/Berlin", hours: "Mon-Fri 08:00-18:00" }], agreements },
    measurements: { format: "sla-measurements", version: 1, outages, tickets: [], events: [], samples: [], manual: [] },
  };
}

test("a workspace of 300,000 outages is autosaved in IndexedDB in chunks and is all there after a reload", { timeout: 900_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  const file = join(tmp, "large.sla-workspace.json");
  const workspace = largeWorkspace(300_000);
  writeFileSync(file, JSON.stringify(workspace));
  await page.setInputFiles("#open-file", file);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor({ timeout: 300_000 });
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor({ timeout: 300_000 });

  // Stored in IndexedDB in chunks of 1 MiB (the file is ~30 MB: more than
  // localStorage holds for the whole origin), none of it in localStorage.
  const stored = await storedInIndexedDb(page);
  const large = stored.workspaces.find((w) => w.name === workspace.name);
  assert.ok(large, stored.workspaces.map((w) => w.name).join(", "));
  assert.equal(stored.current, large.manifest.id);
  assert.equal(large.outages, 300_000);
  assert.ok(large.manifest.bytes > 20_000_000, `${large.manifest.bytes} bytes`);
  assert.equal(large.manifest.chunks, large.chunkSizes.length);
  assert.equal(large.chunkSizes.reduce((a, b) => a + b, 0), large.manifest.bytes);
  assert.ok(large.chunkSizes.slice(0, -1).every((n) => n === 1 << 20), large.chunkSizes.join(", "));
  assert.deepEqual(large.file.measurements.outages[123_456], workspace.measurements.outages[123_456]);
  assert.deepEqual(await workbenchKeysInLocalStorage(page), []);

  // Every name the workspace field shows from the page's start (looked at
  // in every frame and at every change of the page): the stored workspace
  // only, never an empty workspace or a template first. And the chunks
  // written after the reload: none, the workspace is not saved again as it
  // was read.
  await page.addInitScript(() => {
    window.__namesShown = [];
    const look = () => {
      const name = document.querySelector("#workspace-name")?.value;
      if (name !== undefined && window.__namesShown.at(-1) !== name) window.__namesShown.push(name);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
    const everyFrame = () => { look(); requestAnimationFrame(everyFrame); };
    requestAnimationFrame(everyFrame);
    window.__chunksWritten = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (this.name === "chunks") window.__chunksWritten += 1;
      return put.call(this, value, key);
    };
  });
  await page.reload();
  await workbenchReady(page);
  await page.locator("#workspace-name").waitFor({ state: "attached", timeout: 300_000 });
  assert.equal(await page.locator("#workspace-name").inputValue(), workspace.name);
  assert.equal(await page.locator("#save-status").innerText(), "All changes saved in this browser.");
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.locator("#outages-title", { hasText: "300,000" }).waitFor({ timeout: 120_000 });
  assert.match(await page.locator("#outages-title").innerText(), /\(300,000\)/);
  assert.deepEqual(await page.evaluate(() => window.__namesShown), [workspace.name]);
  assert.equal(await page.evaluate(() => window.__chunksWritten), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("workspaces an earlier version kept in localStorage move to IndexedDB on the first load", async () => {
  const { context, page, errors } = await newPage(browser);
  // An existing user: the calculator's page (same origin, it leaves the
  // workbench's storage alone) to write what the earlier version wrote.
  await page.goto(server.url + "index.html");
  await page.evaluate(() => {
    const workspace = (name, provider) => JSON.stringify({
      format: "sla-workspace", version: 1, name, span: "2026-03",
      agreements: { format: "sla-agreements", version: 1, name, currency: "EUR", time_zone: "UTC", provider: { name: provider }, services: [], agreements: [] },
      measurements: { format: "sla-measurements", version: 1, outages: [], tickets: [], events: [], samples: [], manual: [] },
    });
    localStorage.setItem("sla.workbench.index", JSON.stringify({ version: 1, current: "w2", workspaces: [{ id: "w1", name: "Older work" }, { id: "w2", name: "Recent work" }] }));
    localStorage.setItem("sla.workbench.w1", workspace("Older work", "Acme"));
    localStorage.setItem("sla.workbench.w2", workspace("Recent work", "Globex"));
  });
  await openWorkbench(page);
  // The one open last is open again, the other one listed.
  assert.equal(await page.locator("#workspace-name").inputValue(), "Recent work");
  const listed = await page.locator("#workspace-select option").allInnerTexts();
  assert.ok(listed.includes("Older work") && listed.includes("Recent work"), listed.join(", "));
  // Moved: in IndexedDB under their ids, gone from localStorage.
  const stored = await storedInIndexedDb(page);
  assert.deepEqual(stored.workspaces.map((w) => [w.manifest.id, w.name]).sort(), [["w1", "Older work"], ["w2", "Recent work"]]);
  assert.equal(stored.current, "w2");
  assert.deepEqual(await workbenchKeysInLocalStorage(page), []);
  await page.locator("#workspace-select").selectOption("w1");
  await page.locator(".outline-item >> text=General").click();
  await page.locator("#f-provider-name").waitFor();
  assert.equal(await page.locator("#f-provider-name").inputValue(), "Acme");
  assert.deepEqual(errors, []);
  await context.close();
});

test("without IndexedDB the workspaces are kept in localStorage; without either the workbench works and says nothing is kept", async () => {
  // IndexedDB blocked, as in a third-party frame or a private mode that refuses it.
  const blockIndexedDb = () => Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });
  const { context, page, errors } = await newPage(browser);
  await context.addInitScript(blockIndexedDb);
  await openWorkbench(page);
  await openMenu(page);
  await page.locator("#workspace-name").fill("Kept in localStorage");
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  const keys = await workbenchKeysInLocalStorage(page);
  assert.ok(keys.includes("sla.workbench.index"), keys.join(", "));
  await page.reload();
  await workbenchReady(page);
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  assert.equal(await page.locator("#workspace-name").inputValue(), "Kept in localStorage");
  assert.deepEqual(errors, []);
  await context.close();

  // localStorage blocked too: the workbench still works, and says so.
  const blocked = await newPage(browser);
  await blocked.context.addInitScript(blockIndexedDb);
  await blocked.context.addInitScript(() => Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } }));
  await openWorkbench(blocked.page);
  await blocked.page.locator("#save-status", { hasText: "does not let the page store data here" }).waitFor();
  assert.match(await blocked.page.locator("#save-status").innerText(), /export the workspace as a file/i);
  await openMenu(blocked.page);
  await blocked.page.locator("#workspace-name").fill("Not kept");
  await blocked.page.locator("#tab-report").click();
  await blocked.page.locator("#report-summary").waitFor();
  assert.deepEqual(blocked.errors, []);
  await blocked.context.close();
});
