// End-to-end journeys through the agreement workbench, against the built
// dist/ in headless Chromium: a multi-level structure built with the
// keyboard only, autosave across a reload, export → open round trip, share
// link round trip, bad files and crafted links refused without losing
// anything, the print stylesheet, axe on every view, a phone-sized screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, launch, newPage, axe, requests, storedInIndexedDb, ARTIFACTS, openMenu, workbenchReady } from "./harness.mjs";

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), "workbench-e2e-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Opens the workbench and waits until it is drawn. */
async function openWorkbench(page, fragment = "") {
  await page.goto(server.url + "workbench.html" + (fragment ? "#" + fragment : ""));
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
}

/** The element id of the field at a JSON path (as `field_id` in fields.rs). */
const fid = (path) => "#f-" + path.replace(/[^A-Za-z0-9]/g, "-");

/** Presses Tab until `selector` (a Playwright selector) has the focus, proving it is reachable by keyboard. */
async function tabTo(page, selector, limit = 400) {
  const target = page.locator(selector).first();
  await target.waitFor();
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${selector} not reached with Tab`);
}

/** Keyboard only: tab to a text field, replace its text. */
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
  assert.equal(await page.locator(selector).inputValue(), text, `${selector} holds what was typed`);
}

/** Keyboard only: tab to a button and press Enter. */
async function press(page, selector) {
  await tabTo(page, selector);
  await page.keyboard.press("Enter");
}

/** Keyboard only: tab to a select and move to the option with `value` with the arrow keys. */
async function choose(page, selector, value) {
  await tabTo(page, selector);
  const values = await page.locator(selector).evaluate((s) => [...s.options].map((o) => o.value));
  const target = values.indexOf(value);
  assert.ok(target >= 0, `${selector} offers ${value} (it has ${values.join(", ")})`);
  for (let guard = 0; guard < 40; guard++) {
    const at = await page.locator(selector).evaluate((s) => s.selectedIndex);
    if (at === target) break;
    await page.keyboard.press(at < target ? "ArrowDown" : "ArrowUp");
  }
  assert.equal(await page.locator(selector).inputValue(), value);
}

/** Keyboard only: tab to a checkbox and toggle it with Space. */
async function tick(page, selector) {
  await tabTo(page, selector);
  await page.keyboard.press("Space");
  assert.ok(await page.locator(selector).isChecked(), `${selector} is ticked`);
}

/** Starts a fresh workspace from `template` with the toolbar (mouse-free too). */
async function newFrom(page, template) {
  await openMenu(page);
  await page.locator("#template").selectOption(template);
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
}

test("only the first template is in the first load; the others are fetched when chosen, and one that cannot be fetched is said so", async () => {
  // Without the service worker, which would answer from its precache.
  const { context, page, errors } = await newPage(browser, { serviceWorkers: "block" });
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(server.url + "workbench.html");
  await page.locator("#kpi-targets").waitFor();
  assert.deepEqual(fetched.filter((p) => p.includes("/templates/")), [], "no template is fetched for the first report");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  // Fetched when chosen: both of its files.
  await newFrom(page, "multi-level");
  assert.deepEqual(fetched.filter((p) => p.includes("/templates/")).map((p) => p.split("/").pop()).sort(), ["multi-level-2026-04.json", "multi-level.json"]);
  assert.equal(await page.locator("#workspace-name").inputValue(), "Multi-level SLA (corporate / customer / service)");
  // A template whose files cannot be fetched: said so, the workspace unchanged.
  await page.route(/\/templates\/service-desk\.json$/, (route) => route.abort());
  await openMenu(page);
  await page.locator("#template").selectOption("service-desk");
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message p", { hasText: /^The template could not be opened: templates\/service-desk\.json could not be fetched, offline before the site was kept for offline use\. Your workspace is unchanged\.$/ }).waitFor();
  assert.equal(await page.locator("#workspace-name").inputValue(), "Multi-level SLA (corporate / customer / service)");
  assert.equal(errors.filter((e) => !/service-desk\.json|ERR_FAILED/.test(e)).length, 0, errors.join("\n"));
  await context.close();
});

test("a multi-level structure built from scratch with the keyboard only gives the effective-target matrix", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await page.locator("#workspace-select").focus();
  await openMenu(page);
  await choose(page, "#template", "blank");
  await openMenu(page);
  await press(page, "#new-workspace");
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();

  // General.
  await press(page, ".outline-item >> text=General");
  await typeInto(page, fid("name"), "Group IT multi-level SLA");
  await typeInto(page, fid("time_zone"), "Europe/Berlin");
  await typeInto(page, fid("provider.name"), "Group IT");

  // Three services.
  await press(page, ".outline-item >> text=/^Services/");
  for (const [i, [id, name]] of [["mail", "E-mail"], ["erp", "ERP"], ["intranet", "Intranet"]].entries()) {
    await press(page, "button.add >> text=Add service");
    // The new service's first field has the focus.
    await page.waitForFunction((want) => document.activeElement?.id === want, fid(`services[${i}].id`).slice(1));
    await typeInto(page, fid(`services[${i}].id`), id);
    await typeInto(page, fid(`services[${i}].name`), name);
  }

  // Two customers and the services they use.
  await press(page, ".outline-item >> text=/^Customers/");
  for (const [i, [id, name, uses]] of [["finance", "Finance", ["mail", "erp", "intranet"]], ["hr", "Human Resources", ["mail", "intranet"]]].entries()) {
    await press(page, "button.add >> text=Add customer");
    await typeInto(page, fid(`customers[${i}].id`), id);
    await typeInto(page, fid(`customers[${i}].name`), name);
    for (const s of uses) await tick(page, `#cu-${i}-${s}`);
  }

  // A calendar.
  await press(page, ".outline-item >> text=/^Calendars/");
  await press(page, "button.add >> text=Add calendar");
  await typeInto(page, fid("calendars[0].id"), "office");
  await typeInto(page, fid("calendars[0].time_zone"), "Europe/Berlin");
  await typeInto(page, fid("calendars[0].hours"), "Mon-Fri 08:00-18:00");

  // Corporate, customer and service levels.
  const levels = [
    { id: "corporate", name: "Corporate level", level: "corporate", expected: "99.5" },
    { id: "finance", name: "Finance customer level", level: "customer", customer: "finance", expected: "99.8" },
    { id: "hr", name: "HR customer level", level: "customer", customer: "hr", expected: "99.6" },
    { id: "finance-erp", name: "Finance ERP service level", level: "service", customer: "finance", service: "erp", expected: "99.9" },
  ];
  for (const [i, a] of levels.entries()) {
    await press(page, "#add-agreement");
    await page.locator(fid(`agreements[${i}].id`)).waitFor();
    await typeInto(page, fid(`agreements[${i}].id`), a.id);
    await typeInto(page, fid(`agreements[${i}].name`), a.name);
    await choose(page, fid(`agreements[${i}].structure`), "multi_level");
    await choose(page, fid(`agreements[${i}].level`), a.level);
    if (a.customer) await choose(page, fid(`agreements[${i}].customer`), a.customer);
    if (a.service) await choose(page, fid(`agreements[${i}].service`), a.service);
    await press(page, "button.add >> text=Add target");
    await typeInto(page, fid(`agreements[${i}].targets[0].id`), "availability");
    await typeInto(page, fid(`agreements[${i}].targets[0].name`), "Availability");
    await typeInto(page, fid(`agreements[${i}].targets[0].expected`), a.expected);
    await choose(page, fid(`agreements[${i}].targets[0].calendar`), "office");
  }

  // The outline nests the levels: corporate → customers → service.
  const outline = await page.locator(".outline-agreements").innerText();
  assert.match(outline, /SLA corporate level: Corporate level[\s\S]*SLA customer level: Finance customer level[\s\S]*SLA service level: Finance ERP service level[\s\S]*SLA customer level: HR customer level/);

  await press(page, ".outline-item >> text=Effective targets");
  await page.locator("#matrix").waitFor();
  const cell = async (customer, service) =>
    (await page.locator(`#matrix td[data-customer="${customer}"][data-service="${service}"]`).innerText()).replace(/\s+/g, " ").trim();
  assert.match(await cell("finance", "erp"), /^Availability ≥ 99\.9 .*finance-erp/);
  assert.match(await cell("finance", "mail"), /^Availability ≥ 99\.8 .*finance/);
  assert.match(await cell("hr", "mail"), /^Availability ≥ 99\.6 .*hr/);
  assert.match(await cell("hr", "intranet"), /^Availability ≥ 99\.6 /);
  // HR does not use the ERP.
  assert.equal(await page.locator('#matrix td[data-customer="hr"][data-service="erp"]').count() === 0 ? "—" : await cell("hr", "erp"), "—");
  // Valid; the engine's alignment checks note that nothing underpins the SLAs yet.
  assert.equal(await page.locator("#validation-summary").innerText(), "0 problems and 3 alignment warnings in the agreements (listed below and on their fields).");
  assert.match(await page.locator("#problem-list").textContent(), /Warning at services\[0\]: service `mail` has no OLA or UC behind it/);
  assert.deepEqual(await axe(page), [], "axe on the matrix");
  assert.deepEqual(errors, []);
  await context.close();
});

test("every change is autosaved: a reload brings back the workspace, and undo/redo still work after it", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "cloud-sla");
  await openMenu(page);
  await page.locator("#workspace-name").fill("Autosaved cloud SLA");
  await page.locator(".outline-item >> text=General").click();
  await page.locator(fid("currency")).fill("CHF");
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  await page.reload();
  await workbenchReady(page);
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  assert.equal(await page.locator("#workspace-name").inputValue(), "Autosaved cloud SLA");
  await page.locator(".outline-item >> text=General").click();
  assert.equal(await page.locator(fid("currency")).inputValue(), "CHF");
  // The list of workspaces holds both the first one and this one.
  const names = await page.locator("#workspace-select option").allInnerTexts();
  assert.ok(names.includes("Autosaved cloud SLA"), names.join(", "));
  assert.ok(names.length >= 2, names.join(", "));
  // Undo within the session: the currency goes back.
  await page.locator(fid("currency")).fill("EUR");
  await page.locator("#undo").click();
  assert.equal(await page.locator(fid("currency")).inputValue(), "CHF");
  await page.locator("#redo").click();
  assert.equal(await page.locator(fid("currency")).inputValue(), "EUR");
  assert.deepEqual(errors, []);
  await context.close();
});

test("export → open round trip: the opened file is a new workspace with the same agreements, measurements and report", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "outsourcing");
  await page.locator("#tab-report").click();
  await page.locator("#report-summary").waitFor();
  const summary = await page.locator("#report-summary").innerText();
  await openMenu(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
  const text = readFileSync(await download.path(), "utf8");
  const file = JSON.parse(text);
  assert.equal(file.format, "sla-workspace");
  assert.equal(file.version, 1);
  assert.equal(file.agreements.format, "sla-agreements");
  assert.ok(file.measurements.outages.length > 0);
  const path = join(tmp, "exported.sla-workspace.json");
  writeFileSync(path, text);
  const before = await page.locator("#workspace-select option").count();
  await page.setInputFiles("#open-file", path);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor();
  assert.equal(await page.locator("#workspace-select option").count(), before + 1);
  await page.locator("#report-summary").waitFor();
  assert.equal(await page.locator("#report-summary").innerText(), summary);
  // The report as CSV.
  await openMenu(page);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-csv").click()]);
  const rows = readFileSync(await csv.path(), "utf8").trim().split("\n");
  assert.ok(rows.length > 5, `${rows.length} CSV rows`);
  assert.match(rows[0], /period/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a broken JSON file and a crafted share link are refused with where and why, and nothing is lost", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "service-desk");
  await openMenu(page);
  await page.locator("#workspace-name").fill("Keep me");
  const count = await page.locator("#workspace-select option").count();
  const broken = join(tmp, "broken.json");
  writeFileSync(broken, '{\n  "format": "sla-workspace",\n  "version": 1,\n  "name": "x",\n  "span": 2026\n  "agreements": {}\n}\n');
  await page.setInputFiles("#open-file", broken);
  await page.locator("#workbench-message", { hasText: "was not opened" }).waitFor();
  assert.match(await page.locator("#workbench-message").innerText(), /line 6, column 3/);
  const wrongType = join(tmp, "wrong-type.json");
  writeFileSync(wrongType, JSON.stringify({ format: "sla-workspace", version: 1, name: "x", span: "2026-01", agreements: { format: "sla-agreements", version: 1, services: [], agreements: [] }, measurements: { format: "sla-measurements", version: 1, outages: [{ service: "a", start: "yesterday", end: "2026-01-01T00:00:00Z" }] } }));
  await page.setInputFiles("#open-file", wrongType);
  await page.locator("#workbench-message", { hasText: "measurements.outages[0]" }).waitFor();
  assert.equal(await page.locator("#workbench-message").locator("text=Nothing was changed").count(), 1);
  assert.equal(await page.locator("#workspace-name").inputValue(), "Keep me");
  assert.equal(await page.locator("#workspace-select option").count(), count);

  // Crafted share links: not base64, not deflate data, script in the payload.
  for (const [fragment, why] of [
    ["workspace=1<script>alert(1)</script>", /damaged|not allowed/],
    ["workspace=1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", /compressed|damaged/],
    ["workspace=9abc", /newer version|format/],
  ]) {
    await page.goto(server.url + "#" + fragment);
    await page.locator("#workbench-message", { hasText: "could not be opened" }).waitFor();
    assert.match(await page.locator("#workbench-message").innerText(), why);
    assert.equal(await page.locator("#workspace-name").inputValue(), "Keep me");
    assert.equal(await page.locator("#workspace-select option").count(), count);
    assert.equal(await page.evaluate(() => window.__injected ?? null), null);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("share link round trip: the link opens as a new workspace in a fresh browser", async () => {
  const first = await newPage(browser);
  await openWorkbench(first.page);
  await newFrom(first.page, "multi-supplier");
  await openMenu(first.page);
  await first.page.locator("#workspace-name").fill("Shared shop SLA");
  await openMenu(first.page);
  await first.page.locator("#share-link").click();
  await first.page.locator("#share-url").waitFor();
  const link = await first.page.locator("#share-url").inputValue();
  assert.ok(link.startsWith(server.url + "workbench.html#workspace="), link.slice(0, 80));
  const current = async (page) => {
    const stored = await storedInIndexedDb(page);
    return stored.workspaces.find((w) => w.manifest.id === stored.current).file;
  };
  await first.page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  const exported = await current(first.page);
  await first.context.close();

  const second = await newPage(browser);
  await second.page.goto(link);
  await second.page.locator("#workbench-message", { hasText: "Opened the shared workspace" }).waitFor();
  assert.equal(await second.page.locator("#workspace-name").inputValue(), "Shared shop SLA");
  // The fragment is cleared once read, so a reload does not open it again.
  assert.equal(await second.page.evaluate(() => location.hash), "");
  assert.ok((await second.page.evaluate(() => location.pathname)).endsWith("/workbench.html"));
  await second.page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  const opened = await current(second.page);
  assert.deepEqual(opened.agreements, exported.agreements);
  assert.deepEqual(opened.measurements, exported.measurements);
  assert.deepEqual(second.errors, []);
  await second.context.close();
});

test("print: the report of a period prints without the editing controls", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "outsourcing");
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = (window.__printed ?? 0) + 1;
    };
  });
  await openMenu(page);
  await page.locator("#print").click();
  await page.locator("#report-summary").waitFor();
  await page.waitForFunction(() => window.__printed === 1);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".wb-toolbar", ".wb-tabs", "nav.views", ".what-if"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} hidden in print`);
  }
  assert.ok(await page.locator("#report-table").isVisible());
  await page.screenshot({ path: join(ARTIFACTS, "workbench-print.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000, `PDF of ${pdf.length} bytes`);
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe finds no serious or critical problem on any workbench view, also at 375 px; nothing leaves 127.0.0.1", async () => {
  for (const viewport of [{ width: 1100, height: 900 }, { width: 375, height: 740 }]) {
    const { context, page, errors } = await newPage(browser, { viewport });
    await openWorkbench(page);
    await newFrom(page, "outsourcing");
    for (const part of ["General", "Services", "Customers", "Suppliers", "Calendars", "Effective targets", "Edit as JSON"]) {
      await page.locator(".outline-item", { hasText: part }).first().click();
      assert.deepEqual(await axe(page), [], `axe on ${part} at ${viewport.width}px`);
    }
    await page.locator(".outline-agreements .outline-item").first().click();
    assert.deepEqual(await axe(page), [], `axe on an agreement at ${viewport.width}px`);
    await page.locator("#tab-measurements").click();
    await workbenchReady(page);
    assert.deepEqual(await axe(page), [], `axe on measurements at ${viewport.width}px`);
    await page.locator("#tab-report").click();
    await page.locator("#report-summary").waitFor();
    await page.locator(".what-if summary").click();
    assert.deepEqual(await axe(page), [], `axe on the report at ${viewport.width}px`);
    if (viewport.width === 375) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at 375px`);
      await page.screenshot({ path: join(ARTIFACTS, "workbench-375.png"), fullPage: true });
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
});

test("what-if: extra downtime changes status and credit live, and reset restores the report", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "cloud-sla");
  await page.locator("#tab-report").click();
  const summary = page.locator("#report-summary");
  await summary.waitFor();
  const before = await summary.innerText();
  await page.locator(".what-if summary").click();
  await page.locator("#whatif-service").selectOption("compute");
  await page.locator("#whatif-minutes-exact").fill("600");
  await page.locator(".what-if-on").waitFor();
  const after = await summary.innerText();
  assert.notEqual(after, before);
  assert.match(after, /missed|below minimum/);
  await page.locator("#whatif-reset").click();
  await page.waitForFunction((text) => document.querySelector("#report-summary")?.innerText === text, before);
  assert.deepEqual(errors, []);
  await context.close();
});

test("two tabs creating workspaces never share an id, and a workspace from a newer version overwrites nothing", async () => {
  const { context, page, errors } = await newPage(browser);
  const other = await context.newPage();
  await openWorkbench(page);
  await openMenu(page);
  await page.locator("#workspace-name").fill("My precious work");
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  await other.goto(server.url + "workbench.html");
  await other.locator("#tab-structure").click();
  await workbenchReady(other);
  // Both tabs create a workspace, each from its own (by then stale) view of the list.
  await newFrom(page, "multi-level");
  await newFrom(other, "outsourcing");
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  await other.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  const stored = (await storedInIndexedDb(page)).workspaces.map((w) => w.name).sort();
  assert.equal(stored.length, 3, stored.join(", "));
  assert.ok(stored.includes("My precious work"), stored.join(", "));
  await other.close();

  // Saved by a newer version (its manifest's format): listed, opened by no
  // one, and left exactly as it is, also when it was the one open last.
  const before = await page.evaluate(async () => {
    const done = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const db = await done(indexedDB.open("sla-workbench"));
    const tx = db.transaction(["manifests", "settings"], "readwrite");
    const all = await done(tx.objectStore("manifests").getAll());
    const precious = all.find((m) => m.name === "My precious work");
    tx.objectStore("manifests").put({ ...precious, format: 2 }, precious.id);
    tx.objectStore("settings").put(precious.id, "current");
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    return precious.id;
  });
  await page.reload();
  await workbenchReady(page);
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  assert.match(await page.locator("#workbench-message").innerText(), /could not be read \(it was saved by a newer version of this app\)/);
  const names = await page.locator("#workspace-select option").allInnerTexts();
  assert.ok(names.includes("My precious work"), names.join(", "));
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  const after = (await storedInIndexedDb(page)).workspaces.find((w) => w.manifest.id === before);
  assert.equal(after.manifest.format, 2);
  assert.equal(after.name, "My precious work");
  assert.deepEqual(errors, []);
  await context.close();
});

test("deleting a workspace by keyboard: focus moves to the confirmation and back, the other workspaces stay", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await openMenu(page);
  await page.locator("#workspace-name").fill("Keep this one");
  await newFrom(page, "service-desk");
  await openMenu(page);
  await page.locator("#workspace-name").fill("Delete this one");
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor();
  await openMenu(page);
  await press(page, "#delete-workspace");
  await page.waitForFunction(() => document.activeElement?.id === "delete-confirm");
  await page.keyboard.press("Enter");
  await page.locator("#workbench-message", { hasText: "Deleted the workspace “Delete this one”" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "delete-workspace");
  assert.equal(await page.locator("#workspace-name").inputValue(), "Keep this one");
  const names = await page.locator("#workspace-select option").allInnerTexts();
  assert.ok(!names.includes("Delete this one"), names.join(", "));
  assert.deepEqual(errors, []);
  await context.close();
});

test("when autosave fails, leaving the workspace warns first and the unsaved work stays open", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  // Storage full from now on, as a browser would say it.
  await page.evaluate(() => {
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (this.name === "chunks") throw new DOMException("full", "QuotaExceededError");
      return original.call(this, value, key);
    };
  });
  await openMenu(page);
  await page.locator("#workspace-name").fill("Unsaved work");
  await page.locator("#save-status", { hasText: "Not saved" }).waitFor();
  // What to do, said with it.
  assert.match(await page.locator("#save-status").innerText(), /more than this browser keeps.*Export the workspace as a file/);
  await openMenu(page);
  await page.locator("#template").selectOption("cloud-sla");
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "is not saved in this browser" }).waitFor();
  assert.equal(await page.locator("#workspace-name").inputValue(), "Unsaved work");
  // Asked again, it goes.
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("measurement tables: a keyboard user can skip past a table's rows", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "outsourcing");
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.locator("#outages-table").waitFor();
  await press(page, "#skip-outages");
  await page.waitForFunction(() => document.activeElement?.id === "add-outage");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "skip-tickets");
  assert.deepEqual(errors, []);
  await context.close();
});

test("two modules: a first visit's report needs no editor code; the editors load when first wanted and nothing is lost", async () => {
  const { context, page, errors } = await newPage(browser);
  const fetched = [];
  // What the page fetches: the service worker's precache of every module
  // in the background is not the page loading it.
  context.on("request", (r) => {
    if (!r.serviceWorker()) fetched.push(new URL(r.url()).pathname);
  });
  await page.goto(server.url + "workbench.html");
  await page.locator("#report-summary").waitFor({ state: "attached" });
  await page.locator(".what-if summary").waitFor();
  const editor = (list) => list.filter((p) => /sla-workbench-editor-[0-9a-f]+(_bg\.wasm|\.js)$/.test(p));
  assert.deepEqual(editor(fetched), [], "the report of a first visit loads no editor module");
  assert.equal(await page.locator("#tab-structure").count(), 1, "the Agreements tab is there");

  // Edits in the first module: a span (an undo step) and a what-if.
  const span = await page.locator("#span").inputValue();
  const other = span === "2025-11" ? "2025-10" : "2025-11";
  const evaluated = await page.locator("#evaluated").innerText();
  await page.locator("#span").fill(other);
  await page.waitForFunction((before) => document.querySelector("#evaluated")?.innerText !== before, evaluated);
  await page.locator(".what-if summary").click();
  const service = await page.locator("#whatif-service option").nth(1).getAttribute("value");
  await page.locator("#whatif-service").selectOption(service);
  await page.locator("#whatif-minutes-exact").fill("90");

  // The editors: loaded on first use, with the workspace, its undo step,
  // the what-if and the keyboard's place carried over.
  await page.locator("#tab-structure").focus();
  await page.keyboard.press("Enter");
  await page.locator(fid("time_zone")).waitFor({ timeout: 60_000 });
  assert.ok(editor(fetched).length >= 2, `the editor module's glue and wasm were fetched (${editor(fetched).join(", ")})`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tab-structure", "the keyboard stays on the tab");
  assert.equal(await page.locator("#span").inputValue(), other, "the span typed before the editors loaded");
  assert.equal(await page.locator("#editor-loading").count(), 0, "the loading line is gone");
  await page.locator("#tab-report").click();
  assert.equal(await page.locator("#whatif-service").inputValue(), service, "the what-if carried over");
  assert.equal(await page.locator("#whatif-minutes-exact").inputValue(), "90");
  await page.locator("#undo").click();
  await page.locator("#span").waitFor();
  assert.equal(await page.locator("#span").inputValue(), span, "undo goes back past the handover");
  await page.locator("#redo").click();
  assert.equal(await page.locator("#span").inputValue(), other, "and redo forward");
  assert.deepEqual(errors, [], "no page errors");
  await context.close();
});
