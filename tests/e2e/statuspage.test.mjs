// End-to-end journeys through the import of a status page's incident
// history in Statuspage's JSON (docs/import.md, "Status page histories"),
// against the built dist/ in headless Chromium. Histories are read in the
// workbench only (the calculator's page does not link the reader): pasted
// into the workbench's measurements (preview, impact weights, figures), to
// get a vendor's monthly uptime and credit under the cloud SLA template; the
// calculator, given one, says in one line where it is read.
//
// The fixture, tests/fixtures/statuspage/acme-2026-02.json, is the page
// "Acme Cloud"'s /api/v2/incidents.json for February 2026 (every timestamp
// in UTC), 6 incidents, newest first:
//   [0] line 10  maintenance, window 20 Feb 02:00–04:00, resolved 04:30 on
//                "Compute (eu-west)": planned 2 h, then 30 min unplanned at
//                the maintenance weight (100 %), and a note;
//   [1] line 24  minor, still investigating (resolved_at null): listed;
//   [2] line 35  minor, 14 Feb 23:00 – 15 Feb 00:00 on "Compute (eu-west)"
//                and "Dashboard": one outage each, 60 min at the minor weight;
//   [3] line 49  none, 10 Feb 12:00–12:05, no component: an outage of the
//                whole page ("Acme Cloud") weighing 0 %;
//   [4] line 59  major, 3 Feb 10:00:00–10:42:10 (started_at; created_at is
//                10:02) on "Compute (eu-west)": 42 min 10 s at 100 %;
//   [5] line 70  impact `severe`, which Statuspage does not write: listed.
// So 4 incidents used, 2 listed, 6 outages (1 planned, 1 weighing 0 %), and
// the components in the order first met: Compute (eu-west), Dashboard, Acme
// Cloud. Every expected figure below is worked out by hand from this list,
// not read back from the app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, openApp, axe, requests, openMenu, workbenchReady } from "./harness.mjs";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/statuspage/acme-2026-02.json");
const HISTORY = readFileSync(FIXTURE, "utf8");

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

/** Pastes the history into the import's text box, reads it and waits for its preview. */
async function pasteHistory(page) {
  await page.getByLabel("Or paste rows copied from a spreadsheet (with the header row)").fill(HISTORY);
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  await page.locator("#import-preview-title", { hasText: "Check how pasted history is read" }).waitFor();
}

/** The months of the figures in UTC, whatever the browser's zone. */
async function figuresInUtc(page) {
  const zone = page.getByLabel("Time zone of the monthly figures");
  await zone.fill("UTC");
  await zone.press("Tab");
}

/** The cells of the figures row of `service`. */
async function serviceRow(page, service) {
  const row = page.locator("#import-services tr").filter({ has: page.getByRole("rowheader", { name: service, exact: true }) });
  return (await row.locator("td").allInnerTexts()).map((t) => t.trim());
}

/** The texts of each row of a table's body. */
async function bodyRows(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

test("a pasted Statuspage history: the preview shows what is used, listed and noted; weights are checked; the outages' figures follow the weights", async () => {
  const { context, page, errors } = await newPage(browser);
  await cloudWorkspace(page);
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.locator("#outages-title", { hasText: "Outages (5)" }).waitFor();
  await pasteHistory(page);
  assert.equal(await page.locator("#import-detected").innerText(), "Statuspage incident history (JSON) · page “Acme Cloud” · 2.7 KB");
  assert.equal(
    await page.locator("#import-status-counts").innerText(),
    "6 incidents: 4 used, giving 6 outages (1 planned, 1 weighing 0 %); 2 listed, not used.",
  );
  // The listed incidents, by reason (most frequent first, then by name) and one by one.
  assert.equal(await page.locator("#import-status-reasons").innerText(), "1 × not resolved\n1 × unknown impact");
  // Line, incident number, JSON path, value, reason: as the summary lists skipped rows.
  assert.deepEqual(await bodyRows(page, "#import-status-errors"), [
    ["24", "2", "incidents[1].resolved_at", "", "not resolved: `incidents[1].resolved_at` is null (status `investigating`); an incident that has not ended cannot be counted yet"],
    ["70", "6", "incidents[5].impact", "severe", "`incidents[5].impact`: `severe` is not an impact Statuspage writes (none, minor, major, critical, maintenance)"],
  ]);
  assert.equal(await page.locator("#import-status-errors caption").innerText(), "The first 2 of 2 listed incidents");
  assert.equal(
    await page.locator("#import-status-notes").innerText(),
    "line 10, incidents[0] (Scheduled database maintenance): the maintenance ran 30m past its window: planned until `scheduled_until` 2026-02-20T04:00:00.000Z, then an unplanned outage at 100 % until `resolved_at` 2026-02-20T04:30:00.000Z",
  );
  // The weights, labelled, with Weights::default() in them.
  const weights = {};
  for (const [level, value] of [["Critical", "100"], ["Major", "100"], ["Minor", "50"], ["None", "0"], ["Maintenance", "100"]]) {
    weights[level] = page.getByLabel(`${level} (%)`, { exact: true });
    assert.equal(await weights[level].inputValue(), value, `${level} weight`);
  }
  // Each component becomes the service of its own name until told otherwise.
  for (const component of ["Compute (eu-west)", "Dashboard", "Acme Cloud"]) {
    assert.equal(await page.getByLabel(`Service id for “${component}”`).inputValue(), component);
  }
  await figuresInUtc(page);
  assert.deepEqual(await axe(page), [], "axe on the preview");

  // A weight above 100 %: marked, said why, and the import waits.
  await weights.Minor.fill("150");
  await page.locator("#import-weight-minor[aria-invalid='true']").waitFor();
  assert.equal(await page.locator("#import-weight-minor-error").innerText(), "a percentage cannot exceed 100");
  await page.locator("#import-start[disabled]").waitFor();
  assert.equal(await page.locator("#import-problems").innerText(), "Correct the fields marked above to import.");
  // Typed with the keyboard, a quarter for minor incidents.
  await weights.Minor.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("25 %");
  await page.locator("#import-weight-minor[aria-invalid='false']").waitFor();
  assert.equal(await page.locator("#import-weight-minor-error").count(), 0);
  assert.equal(await page.locator("#import-problems").count(), 0);
  // Added to the template's 5 outages.
  await page.locator("#import-add").check();
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary").waitFor();

  assert.match(await page.locator("#import-summary-line").innerText(), /^6 incidents: 4 used, 2 listed · 2\.7 KB in \d+\.\d s$/);
  assert.equal(await page.locator("#import-status-outages").innerText(), "The status page “Acme Cloud”: 6 outages (1 planned).");
  assert.equal(
    await page.locator("#import-status-became").innerText(),
    "Recorded as services: “Compute (eu-west)” → `Compute (eu-west)`, “Dashboard” → `Dashboard`, “Acme Cloud” → `Acme Cloud`.",
  );
  assert.equal(await page.locator("#import-reasons").innerText(), "1 × not resolved\n1 × unknown impact");
  assert.deepEqual((await bodyRows(page, "#import-errors"))[1], [
    "70",
    "6",
    "incidents[5].impact",
    "severe",
    "`incidents[5].impact`: `severe` is not an impact Statuspage writes (none, minor, major, critical, maintenance)",
  ]);
  // The figures, in UTC; February 2026 is 28 × 86,400 = 2,419,200 s long.
  // Compute (eu-west): 4 outage records (the window, its overrun, [2], [4]),
  // 1 planned. Downtime: overrun 1,800 s × 100 % + [2] 3,600 s × 25 % = 900 s
  // + [4] 2,530 s × 100 % = 5,230 s (1h 27m 10s); 1 − 5,230 ÷ 2,419,200 =
  // 99.783812…%, shown rounded down.
  assert.deepEqual(await serviceRow(page, "Compute (eu-west)"), ["4", "1", "1h 27m 10s", "2026-02: 99.7838 % (1h 27m 10s down)"]);
  // Dashboard: [2] only ([1] is listed): 3,600 s × 25 % = 900 s;
  // 1 − 900 ÷ 2,419,200 = 99.962797…%.
  assert.deepEqual(await serviceRow(page, "Dashboard"), ["1", "0", "15m", "2026-02: 99.9627 % (15m down)"]);
  // The whole page: [3] weighs 0 %, so it counts as an outage but no
  // downtime; the figures list the months downtime spans, here none.
  assert.deepEqual(await serviceRow(page, "Acme Cloud"), ["1", "0", "0s", ""]);
  assert.deepEqual(await axe(page), [], "axe on the summary");

  // Handed to the measurements: 5 + 6 outages.
  await page.locator("#outages-title", { hasText: "Outages (11)" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the calculator reads no history: pasted or chosen, it says in one line that the workbench does, with a link to it", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url);
  assert.equal(await page.locator("#import-paste-hint").count(), 0);
  await page.getByLabel("Or paste rows copied from a spreadsheet (with the header row)").fill(HISTORY);
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  const pointer = page.locator("#import-json-elsewhere");
  await pointer.waitFor();
  assert.equal(
    await pointer.innerText(),
    "pasted history is a status page's incident history (JSON): histories are read in the workbench, where its components become the services of your agreement with that vendor. Open the workbench",
  );
  assert.equal(await pointer.getByRole("link", { name: "Open the workbench" }).getAttribute("href"), "workbench.html");
  assert.equal(await page.locator("#import-preview-title").count(), 0);
  await page.setInputFiles("#import-file", FIXTURE);
  await page.locator("#import-json-elsewhere", { hasText: /^acme-2026-02\.json is a status page's incident history/ }).waitFor();
  // A CSV afterwards is read as ever, and the pointer goes.
  await page.getByLabel("Or paste rows copied from a spreadsheet (with the header row)").fill("service,start,end\nmail,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z");
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  await page.locator("#import-preview-table").waitFor();
  assert.equal(await page.locator("#import-json-elsewhere").count(), 0);
  assert.deepEqual(await axe(page), [], "axe on the calculator's import");
  assert.deepEqual(errors, []);
  await context.close();
});

test("workbench: a Statuspage file is chosen like a CSV; one that is not JSON or above 20 MB is refused with why; a CSV is still read as CSV", async () => {
  const { context, page, errors } = await newPage(browser);
  await cloudWorkspace(page);
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.setInputFiles("#import-file", FIXTURE);
  await page.locator("#import-preview-title", { hasText: "Check how acme-2026-02.json is read" }).waitFor();
  await page.locator("#import-status-counts", { hasText: "6 incidents: 4 used" }).waitFor();
  // Read whole, so refused above 20 MB, before it is read.
  const dir = mkdtempSync(join(tmpdir(), "sla-statuspage-"));
  try {
    const large = join(dir, "huge-history.json");
    writeFileSync(large, "[" + " ".repeat(25_000_000) + "]");
    await page.setInputFiles("#import-file", large);
    await page.locator("#import-message", { hasText: "huge-history.json is a Statuspage history of 25.0 MB" }).waitFor();
    assert.match(await page.locator("#import-message").innerText(), /it is read whole, and at most 20\.0 MB can be\./);
    // The history chosen before is no longer offered for import.
    assert.equal(await page.locator("#import-start").count(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.getByLabel("Or paste rows copied from a spreadsheet (with the header row)").fill('{"incidents": [\n  {"id": "a",}\n]}');
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  await page.locator("#import-refused").waitFor();
  assert.match(await page.locator("#import-refused").innerText(), /^pasted history: line 2, column 14: not valid JSON: /);
  await page.getByLabel("Or paste rows copied from a spreadsheet (with the header row)").fill("service,start,end\nmail,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z");
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  await page.locator("#import-preview-table").waitFor();
  assert.equal(await page.locator("#import-weights").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Opens the workbench and starts a workspace from the cloud SLA template:
 * service `compute` (monthly charge 1,200.00 USD), one agreement
 * `compute-sla` whose target `monthly-uptime` is availability around the
 * clock in UTC, each outage rounded up to whole minutes, expected 99.99 %,
 * minimum 95 %, credits 10 % below 99.99, 30 % below 99.0, 100 % below 95.0;
 * the span is February 2026.
 */
async function cloudWorkspace(page) {
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  await openMenu(page);
  await page.locator("#template").selectOption("cloud-sla");
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
}

test("workbench: a vendor's Statuspage history, its compute component mapped to the agreement's service, gives February's uptime and credit", async () => {
  const { context, page, errors } = await newPage(browser);
  await cloudWorkspace(page);
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  // The template's own outages, replaced below by the vendor's history.
  await page.locator("#outages-title", { hasText: "Outages (5)" }).waitFor();
  await pasteHistory(page);
  const compute = page.getByLabel("Service id for “Compute (eu-west)”");
  assert.equal(await compute.inputValue(), "Compute (eu-west)");
  // A component must become some service: an empty id is marked and waits.
  await compute.fill("  ");
  await page.locator("#import-service-1[aria-invalid='true']").waitFor();
  assert.equal(await page.locator("#import-service-1-error").innerText(), "Enter the service id this component's outages are recorded for.");
  assert.equal(await page.locator("#import-start").isDisabled(), true);
  await compute.fill("compute");
  await page.locator("#import-service-1[aria-invalid='false']").waitFor();
  await figuresInUtc(page);
  const legend = page.locator("fieldset.confirm legend", { hasText: "This import will:" });
  assert.equal(await legend.innerText(), "The measurements already hold 5 outages and tickets. This import will:");
  await page.locator("#import-replace").check();
  assert.deepEqual(await axe(page), [], "axe on the preview in the workbench");
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary-line", { hasText: "6 incidents" }).waitFor();
  assert.match(
    await page.locator("#import-summary-line").innerText(),
    /^6 incidents: 4 used, 2 listed · 2\.7 KB in \d+\.\d s · replaced the outages and tickets of the measurements$/,
  );
  assert.equal(
    await page.locator("#import-status-became").innerText(),
    "Recorded as services: “Compute (eu-west)” → `compute`, “Dashboard” → `Dashboard`, “Acme Cloud” → `Acme Cloud`.",
  );
  // The 6 outages are the measurements' outages now (the measurement records).
  await page.locator("#outages-title", { hasText: "Outages (6)" }).waitFor();
  assert.deepEqual(await axe(page), [], "axe on the measurements after the import");

  await page.locator("#tab-report").click();
  await page.locator("#report-summary", { hasText: /^2026-02: / }).waitFor();
  const row = page.locator('#report-table tr.status-row[data-target="compute-sla/monthly-uptime"]');
  assert.equal(await row.count(), 1);
  // February 2026 in UTC, 24×7: 2,419,200 s of service time. The outages of
  // `compute`, each rounded up to whole minutes (the agreement's
  // round_up_to 1m) and weighted by impact (default weights):
  //   [4] major 42 min 10 s → 43 min × 100 %             = 2,580 s
  //   [2] minor 60 min      → 60 min × 50 %              = 1,800 s
  //   [0] past its window 04:00–04:30, unplanned, 100 %   = 1,800 s
  //   [0] its window 02:00–04:00 is planned: not counted.
  // (Dashboard and Acme Cloud are not services of the agreement.)
  // Downtime 6,180 s: 1 − 6,180 ÷ 2,419,200 = 99.7445436…%, shown rounded
  // down: 99.7445. Below the expected 99.99, above the 95 minimum: missed.
  // Error budget 2,419,200 s × 0.01 % = 241.92 s; left 241.92 − 6,180 =
  // −5,938.08 s. Credit: the lowest tier that holds is "below 99.99" (not
  // below 99.0): 10 % of 1,200.00 = 120.00, under the 100 % period cap.
  assert.equal((await row.locator("td.achieved").innerText()).trim(), "99.7445");
  assert.equal((await row.locator("td.status").innerText()).trim().replace(/^\S+\s+/, ""), "missed");
  const cells = (await row.locator("td").allInnerTexts()).map((t) => t.trim());
  assert.equal(cells[1], "99.99 / 95.0");
  assert.match(cells[4], /\(−5,938\.08 s\) of .*\(241\.92 s\)$/);
  assert.equal((await row.locator("td.credit").innerText()).trim(), "120.00");
  assert.deepEqual(await axe(page), [], "axe on the report");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the Statuspage imports made no request beyond 127.0.0.1", () => {
  assert.ok(requests.length > 5, "requests were recorded");
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
});
