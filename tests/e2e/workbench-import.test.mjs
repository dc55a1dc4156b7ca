// The workbench's measurement import is a module of its own
// (workbench-import.html), against the built dist/ in headless Chromium:
// the workbench's first load does not fetch it; the Measurements view
// says that it loads, then shows the importer, whose import reaches the
// tables; when the module cannot load, the view says so and how to import
// without it; after one visit it works offline; a large import (handed to
// the workbench in parts) lands whole, in order, as one undo step.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, workbenchReady } from "./harness.mjs";
import { generateOutages } from "../../scripts/gen-import-csv.mjs";

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const MODULE_WASM = /sla-workbench-import-[0-9a-f]+_bg\.wasm$/;

/** The wasm files the page fetched, without their hashes. */
function recordWasm(page) {
  const wasm = [];
  page.on("request", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) wasm.push(name.replace(/-[0-9a-f]+_bg\./, "."));
  });
  return wasm;
}

/** Pastes two outages into the importer and imports them. */
async function importPasted(page) {
  await page.locator("#import-paste").fill(
    "service,start,end\nmail,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\nweb,2026-03-03T10:00:00Z,2026-03-03T10:30:00Z\n",
  );
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary-line").waitFor();
  // The importer's clicks are its own: the workbench's view stays.
  assert.equal(await page.locator("#tab-measurements").getAttribute("aria-current"), "page");
}

test("the Measurements view loads the import when it is first shown, and an import reaches the tables", async () => {
  const { context, page, errors } = await newPage(browser, { serviceWorkers: "block" });
  const wasm = recordWasm(page);
  // Hold the module's wasm until its loading note has been seen.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(MODULE_WASM, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-measurements").waitFor();
  assert.deepEqual(wasm, ["sla-workbench.wasm"]);
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  const loading = page.locator("#measurements-import-loading");
  await loading.waitFor();
  assert.equal(await loading.innerText(), "Loading the import…");
  release();
  await page.locator("#import-paste").waitFor();
  assert.equal(await loading.count(), 0);
  // The Measurements view is the whole workbench's (workbench-editor.html),
  // which loads the import in turn.
  assert.deepEqual(wasm, ["sla-workbench.wasm", "sla-workbench-editor.wasm", "sla-workbench-import.wasm"]);
  const before = await page.locator("#outages-title").innerText();
  await importPasted(page);
  await page.locator("#outages-title").filter({ hasNotText: before }).waitFor();
  assert.equal(await page.locator("#outage-0-service").count(), 1);

  // Another view and back: the module is not fetched again, the importer is mounted anew.
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  await page.locator("#import-paste").waitFor({ state: "detached" });
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.locator("#import-paste").waitFor();
  assert.equal(await page.locator("#import-summary-line").count(), 0);
  assert.deepEqual(wasm, ["sla-workbench.wasm", "sla-workbench-editor.wasm", "sla-workbench-import.wasm"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("when the import module cannot load, the Measurements view says so and how to import instead", async () => {
  const { context, page } = await newPage(browser, { serviceWorkers: "block" });
  await page.route(MODULE_WASM, (route) => route.abort());
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  const note = page.locator("#measurements-import-loading", { hasText: "could not load" });
  await note.waitFor();
  assert.match(
    await note.innerText(),
    /^The import could not load \(.+\)\. Reload the workbench while online once; it then works offline too\. Until then, `sla import <file> --time-zone <zone> -o measurements\.json` turns a CSV export or a Statuspage history into a measurement file, which "Open a file…" in the Workspace menu adds to this workspace\.$/,
  );
  assert.equal(await page.locator("#import-paste").count(), 0);
  await context.close();
});

test("after one visit to the workbench, its import works offline", async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(server.url + "workbench.html");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await workbenchReady(page);
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await importPasted(page);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The number in a table's heading: "Outages (1,234)" → 1234. */
const counted = (title) => Number(title.match(/\(([\d,]+)\)/)?.[1].replaceAll(",", "") ?? NaN);

/** The workspace as the Workspace menu exports it. */
async function exported(page) {
  await page.locator("#workspace-menu summary").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

test("a large import lands in the workbench whole and in order, and one undo takes it back", async () => {
  const ROWS = 20_000; // many parts of the hand-over
  const csv = generateOutages(ROWS, 7);
  const rows = csv.toString("utf8").trim().split("\n").slice(1).map((line) => line.split(","));
  const { context, page, errors } = await newPage(browser, { serviceWorkers: "block" });
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.locator("#import-file").waitFor({ state: "attached" });
  const title = page.locator("#outages-title");
  const before = counted(await title.innerText());
  await page.setInputFiles("#import-file", { name: "outages.csv", mimeType: "text/csv", buffer: csv });
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary-line").waitFor();
  await title.filter({ hasText: `(${(before + ROWS).toLocaleString("en-US")})` }).waitFor({ timeout: 60_000 });

  const outages = (await exported(page)).measurements.outages;
  assert.equal(outages.length, before + ROWS);
  const imported = outages.slice(before);
  const differing = imported.findIndex(
    (o, i) => o.service !== rows[i][0] || Date.parse(o.start) !== Date.parse(rows[i][1]) || Date.parse(o.end) !== Date.parse(rows[i][2]),
  );
  assert.equal(differing, -1, `record ${differing} differs from the file's row`);

  // The whole import is one step of the workbench's undo.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await title.filter({ hasText: `(${before.toLocaleString("en-US")})` }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
