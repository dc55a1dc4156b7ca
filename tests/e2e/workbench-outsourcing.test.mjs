// End-to-end journey through the agreement workbench with CSV data: the
// outsourcing template (half a year of measurements, Jan–Jun 2026), a month
// of outages and a month of tickets uploaded as CSV and ADDED to them, then
// the report of 2026-01..2026-07 checked for July: achieved values, status,
// credits per target, the agreement's totals (at-risk pool, period cap, year
// cap) and the termination rights.
//
// Every expected figure was computed independently from the input files by
// scripts/expected-outsourcing.py (Python fractions; run it to see each step
// and the convention it applies), and cross-checked with
// `sla report examples/outsourcing.json -m examples/outsourcing-2026-h1.json
//  -m <both CSVs> --period 2026-01..2026-07` (`--compare-cli` does that);
// nothing here was read back from the app.
//
// Fixtures (tests/fixtures/workbench/, every time with an explicit +02:00
// offset, so the import's zone setting cannot move them):
// - outsourcing-outages-2026-07.csv (generic outage log, detected by its
//   `service,start` headers): core banking down 7 July 10:00–11:00 and
//   degraded (50 %) 10:30–11:30 — merged, the larger impact counting: 75 min;
//   15 July 21:00–23:30, of which only up to 22:00 is banking hours: 60 min;
//   20 July 14:00–14:45: 45 min. Not counted: Sunday 12 July 02:00–05:00 (no
//   banking hours on Sundays), a planned Saturday maintenance, and an outage
//   of `reporting` (no availability target). 180 min of 392 h of banking
//   hours (23 weekdays × 16 h + 4 Saturdays × 6 h = 1,411,200 s):
//   availability 389/392 = 99.234693…%, shown rounded DOWN as 99.2346 —
//   below the 99.5 % minimum.
// - outsourcing-tickets-2026-07.csv: five P1 tickets on desk hours (Mon–Fri
//   07:00–19:00), 4 h target: 3 h, exactly 4 h (Fri 17–19 + Mon 07–09: met),
//   4 h 30 (breached), 3 h 30, 3 h 30 (created on a Saturday) → 4 of 5 =
//   80 %, exactly the minimum: "missed", not "below minimum". Two P2 tickets
//   met (18 h, exactly 24 h), one P2 still open (pending, not counted), one
//   P3 (no target).
//
// July, as the engine must report it (span 2026-01..2026-07):
// - the at-risk pool: 12 % of 100,000.00 = 12,000.00 at risk; core
//   availability (80 %) 9,600.00 + P1 resolution (70 %) 8,400.00 = 18,000.00,
//   capped at 12,000.00 in proportion: 6,400.00 and 5,600.00; the period cap
//   (12 % of the charges) is reached exactly: "at cap";
// - the year cap of 50,000.00 was used up by January–June (9,600 + 12,000 +
//   12,000 + 0 + 12,000 + 4,400): July pays 0.00;
// - termination: core availability is below its minimum in May, June (the
//   template) and July (the CSV): 3 of 6 consecutive months. It is the first
//   critical target in the file, so the report names it (without the July
//   data it names P1 resolution, Feb, Mar, May): this proves the July records
//   were added to the template's, not put in their place.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, requests, ARTIFACTS, openMenu, workbenchReady } from "./harness.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/workbench");

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the workbench and waits until it is drawn. */
async function openWorkbench(page) {
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
}

/** Starts a fresh workspace from `template` with the toolbar. */
async function newFrom(page, template) {
  await openMenu(page);
  await page.locator("#template").selectOption(template);
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
}

/**
 * Chooses `file` in the Measurements view's importer, checks how it was
 * detected, chooses to ADD to the records already there, imports it and
 * waits for its summary line.
 */
async function importCsv(page, file, { detected, already, summary }) {
  await page.setInputFiles("#import-file", join(FIXTURES, file));
  // The preview of this file (not the one of the file imported before).
  await page.locator("#import-preview-title", { hasText: `Check how ${file} is read` }).waitFor();
  await page.locator("#import-preview-table").waitFor();
  await page.locator("#import-detected", { hasText: detected }).waitFor();
  // Every timestamp has an offset: the zone only matters for times without one.
  const zone = page.getByLabel("Time zone of times without an offset");
  await zone.fill("Europe/Berlin");
  await zone.press("Tab");
  // The template's records are there: add to them, do not replace them.
  const legend = page.locator("fieldset.confirm legend", { hasText: "This import will:" });
  assert.equal(await legend.innerText(), `The measurements already hold ${already} outages and tickets. This import will:`);
  await page.locator("#import-add").check();
  assert.equal(await page.locator("#import-replace").isChecked(), false);
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary-line", { hasText: summary }).waitFor();
  assert.match(await page.locator("#import-summary-line").innerText(), new RegExp("^" + summary + " · "));
  assert.doesNotMatch(await page.locator("#import-summary-line").innerText(), /replaced/);
}

/**
 * The whole journey up to the report of 2026-07: template, both CSVs added
 * in the Measurements view, the span 2026-01..2026-07, the Report view.
 */
async function journey(page) {
  await openWorkbench(page);
  await newFrom(page, "outsourcing");
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  // The template: 7 outages and 14 tickets (and 6 manual values, which an import never touches).
  await page.locator("#outages-title", { hasText: "Outages (7)" }).waitFor();
  await importCsv(page, "outsourcing-outages-2026-07.csv", {
    detected: "recognised: Generic outage log",
    already: "21",
    summary: "7 rows: 7 used, 0 skipped",
  });
  await page.locator("#outages-title", { hasText: "Outages (14)" }).waitFor();
  await importCsv(page, "outsourcing-tickets-2026-07.csv", {
    detected: "comma · header row",
    already: "28",
    summary: "9 rows: 9 used, 0 skipped",
  });
  await page.locator("#tickets-title", { hasText: "Tickets (23)" }).waitFor();
  assert.equal(await page.locator("#outages-title").innerText(), "Outages (14)");
  assert.equal(await page.locator("#manual-title").innerText(), "Manual values (6)");
  // Report on January to July: the half year of the template and the imported month.
  await page.locator("#span").fill("2026-01..2026-07");
  await page.locator("#tab-report").click();
  await page.locator("#report-summary").waitFor();
  await page.locator("#report-period").selectOption("2026-07");
  await page.locator("#report-summary", { hasText: /^2026-07: / }).waitFor();
}

/** The cells of a target's row in the report table, by their roles. */
async function targetRow(page, key) {
  const row = page.locator(`#report-table tr.status-row[data-target="${key}"]`);
  assert.equal(await row.count(), 1, `one row for ${key}`);
  const cells = (await row.locator("td").allInnerTexts()).map((t) => t.trim());
  return {
    row,
    achieved: (await row.locator("td.achieved").innerText()).trim(),
    // The status cell: a symbol (hidden from screen readers) and words.
    status: (await row.locator("td.status").innerText()).trim().replace(/^\S+\s+/, ""),
    levels: cells[1],
    margin: cells[3],
    budget: cells[4],
    credit: (await row.locator("td.credit").innerText()).trim(),
  };
}

/** The agreement's totals row of a period: period, charges, at risk, before caps, period cap, paid, earned back, net. */
async function totalsRow(page, period) {
  const row = page.locator(`section[data-agreement="bank-msa"] tr[data-period="${period}"]`);
  assert.equal(await row.count(), 1, `one totals row for ${period}`);
  return {
    cells: (await row.locator("th, td").allInnerTexts()).map((t) => t.trim()),
    paid: (await row.locator(".paid-total").innerText()).trim(),
  };
}

test("outsourcing template + July outages and tickets from CSV: July's figures, credits, caps and termination rights", async () => {
  const { context, page, errors } = await newPage(browser);
  await journey(page);

  // The summary: 1 met (P2), 1 missed (P1), 1 below minimum (core), 1 no
  // data (no manual value for July's regulatory reports); all three
  // termination rights are triggered over January to July.
  const summary = await page.locator("#report-summary").innerText();
  assert.match(summary, /^2026-07: 4 targets · 1 met · 1 missed · 1 below minimum · 1 no data · SLA credits before caps €12,000\.00 · paid €0\.00 · net of earn-back €0\.00 · 3 termination rights TRIGGERED$/);

  // Only July's rows are shown.
  assert.equal(await page.locator("#report-table tr.status-row").count(), 4);

  // Core banking availability: (1,411,200 s − 10,800 s) ÷ 1,411,200 s =
  // 389/392 = 99.2346938…%, shown rounded down; below the 99.5 minimum.
  // Margin 99.2346938… − 99.95 = −0.7153061…; error budget 1,411,200 s ×
  // 0.05 % = 705.6 s, left 705.6 − 10,800 = −10,094.4 s. Pool credit
  // 9,600.00 × 12,000 ÷ 18,000 = 6,400.00; paid 0.00 (year cap used up).
  const core = await targetRow(page, "bank-msa/core-availability");
  assert.equal(core.achieved, "99.2346");
  assert.equal(core.status, "below minimum");
  assert.equal(core.levels, "99.95 / 99.5");
  assert.equal(core.margin, "−0.7153");
  assert.match(core.budget, /\(−10,094\.4 s\) of .*\(705\.6 s\)$/);
  assert.equal(core.credit, "6,400.00 (paid 0.00)");
  assert.match(await core.row.getAttribute("class"), /\bbelow-minimum\b/);

  // P1 resolution within 4 business hours: 4 ÷ (4 + 1) = 80 %, exactly the
  // minimum: missed. Pool credit 8,400.00 × 12,000 ÷ 18,000 = 5,600.00.
  const p1 = await targetRow(page, "bank-msa/p1-resolution");
  assert.equal(p1.achieved, "80.0000");
  assert.equal(p1.status, "missed");
  assert.equal(p1.margin, "−15");
  assert.equal(p1.credit, "5,600.00 (paid 0.00)");

  // P2 resolution within 24 business hours: 2 ÷ (2 + 0); the open ticket is pending.
  const p2 = await targetRow(page, "bank-msa/p2-resolution");
  assert.equal(p2.achieved, "100.0000");
  assert.equal(p2.status, "met");
  assert.equal(p2.margin, "+10");
  assert.equal(p2.credit, "0.00");

  // Regulatory reports: a manual target, nothing entered for July.
  const reports = await targetRow(page, "bank-msa/reports-on-time");
  assert.equal(reports.achieved, "—");
  assert.equal(reports.status, "no data");
  assert.equal(reports.credit, "0.00");

  // Why: the numbers put into the availability formula, and the planned
  // maintenance of the CSV (the 12th outage: 7 of the template, then the
  // CSV's in file order) named as not counted.
  await core.row.locator("button.why-toggle").click();
  const why = page.locator("#report-table tr.explain-row");
  await why.waitFor();
  const explanation = await why.innerText();
  assert.ok(explanation.includes("(1,411,200 s − 10,800 s) ÷ 1,411,200 s = 99.2346%"), explanation);
  assert.ok(explanation.includes("outages[11]: planned outage (excluded by the agreement)"), explanation);
  await p2.row.locator("button.why-toggle").click();
  await page.locator("#report-table tr.explain-row", { hasText: "2 ticket(s) counted, 1 pending" }).waitFor();

  // The agreement's totals for July: charges 100,000.00; at risk 12 % =
  // 12,000.00; credits before caps min(18,000, 12,000) = 12,000.00; period
  // cap 12,000.00, reached; paid 0.00: the 50,000.00 year cap is used up.
  const july = await totalsRow(page, "2026-07");
  assert.deepEqual(july.cells, ["2026-07", "100,000.00", "12,000.00", "12,000.00", "12,000.00 (at cap)", "0.00", "0.00", "0.00"]);
  assert.equal(july.paid, "0.00");

  // Termination rights over 2026-01..2026-07: all three triggered.
  const group = page.locator('section[data-agreement="bank-msa"]');
  assert.equal(await group.locator("li.triggered").count(), 3);
  assert.equal(await group.locator("li.not-triggered").count(), 0);
  const right = async (rule) => (await group.locator(`li[data-rule="${rule}"]`).innerText()).replace(/\s+/g, " ");
  // Core availability below 99.5 in May, June (template) and July (CSV).
  assert.match(
    await right("a critical target below its minimum in 3 of any 6 consecutive periods"),
    /^‼ TRIGGERED: a critical target below its minimum in 3 of any 6 consecutive periods \(periods 2026-05, 2026-06, 2026-07\)/,
  );
  // At the cap in February and March (July is at the cap too, but the right fired at March).
  assert.match(
    await right("credits at the cap in 2 of any 12 consecutive periods"),
    /^‼ TRIGGERED: credits at the cap in 2 of any 12 consecutive periods \(periods 2026-02, 2026-03\)/,
  );
  // Mean of March, April, May: (99.9867… + 99.9806… + 97.7142…) ÷ 3 = 99.227… < 99.8.
  assert.match(
    await right("the mean of `core-availability` over the last 3 periods below 99.8"),
    /^‼ TRIGGERED: the mean of `core-availability` over the last 3 periods below 99\.8 \(periods 2026-03, 2026-04, 2026-05\)/,
  );

  assert.deepEqual(await axe(page), [], "axe on the report of July");
  await page.screenshot({ path: join(ARTIFACTS, "workbench-outsourcing-2026-07.png"), fullPage: true });

  // The template's months are still there (the CSV records were added):
  // June's core availability (1,353,600 s − 14,400 s) ÷ 1,353,600 s =
  // 98.9361…%, below minimum; credit 9,600.00, of which 4,400.00 is paid
  // before the year cap is used up.
  await page.locator("#report-period").selectOption("2026-06");
  await page.locator("#report-summary", { hasText: /^2026-06: / }).waitFor();
  const june = await targetRow(page, "bank-msa/core-availability");
  assert.equal(june.achieved, "98.9361");
  assert.equal(june.status, "below minimum");
  assert.equal(june.credit, "9,600.00 (paid 4,400.00)");
  const juneTotals = await totalsRow(page, "2026-06");
  assert.deepEqual(juneTotals.cells, ["2026-06", "100,000.00", "12,000.00", "9,600.00", "12,000.00", "4,400.00", "0.00", "4,400.00"]);

  assert.deepEqual(errors, []);
  await context.close();
});

// The summary line states the same credits before caps as the totals
// table, and what is paid after the period and year caps.
test("the report's summary line counts July's credits before caps as the totals table does", async () => {
  // "credits before caps" in the summary is the same quantity as the
  // totals table's "Credits before caps" column: for July 6,400.00 +
  // 5,600.00 = 12,000.00 (before the period and year caps; the year cap
  // makes July's paid credits 0.00).
  const { context, page, errors } = await newPage(browser);
  await journey(page);
  const july = await totalsRow(page, "2026-07");
  assert.equal(july.cells[3], "12,000.00");
  assert.match(await page.locator("#report-summary").innerText(), / · SLA credits before caps €12,000\.00 · paid €0\.00 · net of earn-back €0\.00 · /);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the journey made no request beyond 127.0.0.1", () => {
  assert.ok(requests.length > 5, "requests were recorded");
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
});
