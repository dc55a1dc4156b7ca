// End-to-end journeys through the workbench's OpenSLO and iCalendar files,
// against the built dist/ in headless Chromium: an .ics file adds a holiday
// and a maintenance window to a calendar and the report changes (undo
// brings it back); the agreements download as OpenSLO, with the list of
// what OpenSLO cannot say, and the download reads back as a new workspace
// with the same targets. The code that reads and writes these files is a
// module of its own (interop.html): the workbench fetches it when a file is
// first read, once, and it works offline after a visit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, launch, newPage, axe, requests, openMenu, workbenchReady } from "./harness.mjs";

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), "interop-e2e-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Opens the workbench and waits until it is drawn. */
async function openWorkbench(page) {
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
}

/** The element id of the field at a JSON path (as `field_id` in fields.rs). */
const fid = (path) => "#f-" + path.replace(/[^A-Za-z0-9]/g, "-");

/** Presses Tab until `selector` has the focus, proving it is reachable by keyboard. */
async function tabTo(page, selector, limit = 400) {
  const target = page.locator(selector).first();
  await target.waitFor({ state: "attached" });
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${selector} not reached with Tab`);
}

/** Starts a fresh workspace from `template` with the toolbar. */
async function newFrom(page, template) {
  await openMenu(page);
  await page.locator("#template").selectOption(template);
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
}

/** The report's row of a target, as text. */
async function reportRow(page, name) {
  await page.locator("#tab-report").click();
  const row = page.locator("#report-table tbody tr", { hasText: name }).first();
  await row.waitFor();
  return row.innerText();
}

// A company closure on Monday 2 March 2026 (the e-mail service was down
// 09:00–10:30 that morning, Berlin time), a maintenance window on
// Wednesday 18 March in Berlin time, and a month-end freeze whose rule the
// calculator does not support (listed with its line, not used).
const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Example//Office closures//EN",
  "X-WR-TIMEZONE:Europe/Berlin",
  "BEGIN:VEVENT",
  "UID:closure-2026-03-02@example.org",
  "DTSTAMP:20260101T000000Z",
  "DTSTART;VALUE=DATE:20260302",
  "SUMMARY:Company closure",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:maintenance-2026-03-18@example.org",
  "DTSTAMP:20260101T000000Z",
  "DTSTART;TZID=Europe/Berlin:20260318T100000",
  "DTEND;TZID=Europe/Berlin:20260318T113000",
  "SUMMARY:Mail server upgrade",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:freeze@example.org",
  "DTSTAMP:20260101T000000Z",
  "DTSTART:20260130T160000Z",
  "DURATION:PT8H",
  "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
  "SUMMARY:Month-end freeze",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

test("an .ics file adds a holiday and a maintenance window to a calendar, the report changes, and undo takes it back", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "service-based");
  const before = await reportRow(page, "Availability");

  await page.locator("#tab-structure").click();

  await workbenchReady(page);
  await page.locator(".outline-item", { hasText: /^Calendars/ }).click();
  // The dates default to the span reported on.
  assert.equal(await page.locator("#ics-from").inputValue(), "2026-03-01");
  assert.equal(await page.locator("#ics-to").inputValue(), "2026-03-31");
  await tabTo(page, "#ics-file");
  await page.setInputFiles("#ics-file", { name: "office-closures.ics", mimeType: "text/calendar", buffer: Buffer.from(ICS) });
  const outcome = page.locator("#ics-outcome");
  await outcome.waitFor();
  assert.match(await outcome.innerText(), /^office-closures\.ics \(2026-03-01 to 2026-03-31\): 1 holiday and 1 maintenance window added to Business hours Berlin \(business\); Undo takes them back\./);
  assert.match(await page.locator(fid("calendars[0].holidays")).inputValue(), /^2026-03-02$/m);
  // The window is in UTC (10:00 in Berlin is 09:00 UTC in March), with its reason.
  assert.equal(await page.locator(fid("calendars[0].exclusions[1].start")).inputValue(), "2026-03-18T09:00:00Z");
  assert.equal(await page.locator(fid("calendars[0].exclusions[1].reason")).inputValue(), "Mail server upgrade");
  // The rule that is not supported is listed with its line and property.
  const note = page.locator("#ics-notes tbody tr", { hasText: "Month-end freeze" });
  await note.waitFor();
  const cells = await note.locator("td").allInnerTexts();
  assert.equal(cells[0], "23");
  assert.equal(cells[1], "RRULE");
  assert.equal(cells[3], "event skipped");
  assert.match(cells[4], /BYSETPOS/);
  assert.deepEqual(await axe(page), [], "axe on the calendar editor with an import's notes");

  // The closure day is no longer service time: the morning outage stops counting.
  const after = await reportRow(page, "Availability");
  assert.notEqual(after, before);

  // One undo takes the whole import back.
  await page.locator("#undo").click();
  await page.waitForFunction(
    (text) => [...document.querySelectorAll("#report-table tbody tr")].some((r) => r.innerText === text),
    before,
  );
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  await page.locator(".outline-item", { hasText: /^Calendars/ }).click();
  assert.doesNotMatch(await page.locator(fid("calendars[0].holidays")).inputValue(), /2026-03-02/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the agreements download as OpenSLO with what OpenSLO cannot say, and the download opens as a new workspace", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await newFrom(page, "service-based");
  const targets = await page.locator(".outline-targets > li").allInnerTexts();
  await openMenu(page);
  await page.locator("#openslo-toggle").click();
  await page.locator("#openslo").waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#openslo-export").click()]);
  assert.equal(download.suggestedFilename(), "e-mail-service-sla-service-based.openslo.yaml");
  const yaml = readFileSync(await download.path(), "utf8");
  assert.match(yaml, /^apiVersion: openslo\/v1$/m);
  assert.equal((yaml.match(/^kind: SLO$/gm) ?? []).length, targets.length);
  const exported = page.locator("#openslo-exported");
  await exported.waitFor();
  assert.match(await exported.innerText(), /OpenSLO cannot say/);
  const lost = await page.locator("#openslo-export-notes li").allInnerTexts();
  assert.ok(lost.some((n) => n.startsWith("calendars")), lost.join("\n"));
  assert.ok(lost.some((n) => /\.credit/.test(n)), lost.join("\n"));

  // The download read back: the same targets, as a new workspace.
  const path = join(tmp, download.suggestedFilename());
  await download.saveAs(path);
  const workspaces = await page.locator("#workspace-select option").count();
  await tabTo(page, "#openslo-file");
  await page.setInputFiles("#openslo-file", path);
  const summary = page.locator("#openslo-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), new RegExp(`: ${targets.length} targets, `));
  assert.deepEqual(await axe(page), [], "axe on the OpenSLO panel with a file read");
  await page.locator("#openslo-name").fill("E-mail SLOs");
  await page.locator("#openslo-apply").click();
  await page.locator("#openslo-applied", { hasText: "opened as the new workspace “E-mail SLOs”" }).waitFor();
  assert.equal(await page.locator("#workspace-select option").count(), workspaces + 1);
  assert.equal(await page.locator("#workspace-name").inputValue(), "E-mail SLOs");
  assert.deepEqual((await page.locator(".outline-targets > li").allInnerTexts()).sort(), [...targets].sort());
  assert.deepEqual(errors, []);
  await context.close();
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
});

// An OpenSLO file of one SLO, pasted as a person would.
const ONE_SLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability }
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-requests }
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus, spec: { query: ok } } }
        total: { metricSource: { type: Prometheus, spec: { query: all } } }
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ displayName: Good requests, target: 0.999 }]
`;

/** Pastes `ONE_SLO` into the OpenSLO panel and reads it. */
async function readPastedSlo(page) {
  await openMenu(page);
  await page.locator("#openslo-toggle").click();
  await page.locator("#openslo").waitFor();
  await page.locator("#openslo-text").fill(ONE_SLO);
  await page.locator("#openslo-read").click();
}

test("the workbench loads its OpenSLO and iCalendar code only when a file is first read, and says so meanwhile", async () => {
  // Without the service worker, so that every file the page loads is its own request.
  const { context, page, errors } = await newPage(browser, { serviceWorkers: "block" });
  const wasm = [];
  page.on("request", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) wasm.push(name.replace(/-[0-9a-f]+_bg\./, "."));
  });
  // Hold the module's wasm until its loading note has been seen.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/sla-interop-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await openWorkbench(page);
  await newFrom(page, "service-based");
  // The Agreements view is the whole workbench's (workbench-editor.html).
  assert.deepEqual(wasm, ["sla-workbench.wasm", "sla-workbench-editor.wasm"]);

  await readPastedSlo(page);
  const loading = page.locator("#openslo-loading");
  await loading.waitFor();
  assert.equal(await loading.innerText(), "Loading the OpenSLO and iCalendar reader…");
  release();
  const summary = page.locator("#openslo-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /: 1 target, 1 service;/);
  assert.equal(await loading.count(), 0);
  assert.deepEqual(wasm, ["sla-workbench.wasm", "sla-workbench-editor.wasm", "sla-interop.wasm"]);

  // Loaded once: the calendar's .ics export uses it without another download.
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  await page.locator(".outline-item", { hasText: /^Calendars/ }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#ics-export").click()]);
  assert.match(readFileSync(await download.path(), "utf8"), /^BEGIN:VCALENDAR\r$/m);
  await page.locator("#ics-exported").waitFor();
  assert.deepEqual(wasm, ["sla-workbench.wasm", "sla-workbench-editor.wasm", "sla-interop.wasm"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("when the module cannot load, the panel says so and nothing changes", async () => {
  const { context, page } = await newPage(browser, { serviceWorkers: "block" });
  await page.route(/sla-interop-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  await openWorkbench(page);
  await newFrom(page, "service-based");
  await readPastedSlo(page);
  const problem = page.locator("#openslo-problem");
  await problem.waitFor();
  assert.match(await problem.innerText(), /^The OpenSLO and iCalendar reader could not load \(.+\); nothing was changed\. Reload the workbench while online once; it then works offline too\.$/);
  assert.equal(await page.locator("#openslo-summary").count(), 0);
  assert.equal(await page.locator("#openslo-loading").count(), 0);
  await context.close();
});

test("after one visit to the workbench, OpenSLO and iCalendar files work offline", async () => {
  const { context, page, errors } = await newPage(browser);
  await openWorkbench(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await workbenchReady(page);
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  await newFrom(page, "service-based");
  await readPastedSlo(page);
  const summary = page.locator("#openslo-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /: 1 target, 1 service;/);

  await page.locator("#tab-structure").click();

  await workbenchReady(page);
  await page.locator(".outline-item", { hasText: /^Calendars/ }).click();
  await page.setInputFiles("#ics-file", { name: "office-closures.ics", mimeType: "text/calendar", buffer: Buffer.from(ICS) });
  const outcome = page.locator("#ics-outcome");
  await outcome.waitFor();
  assert.match(await outcome.innerText(), /^office-closures\.ics \(2026-03-01 to 2026-03-31\): 1 holiday and 1 maintenance window added/);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});
