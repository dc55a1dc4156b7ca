// End-to-end journeys through the measurement import, against the built
// dist/ in headless Chromium: files chosen through the real file input
// (setInputFiles), rows pasted, a mapping adjusted, a large import cancelled.
// Expected figures were computed independently (Python fractions) from the
// fixture files, not read back from the app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, openApp, axe, requests } from "./harness.mjs";
import { generateOutages, generateTickets } from "../../scripts/gen-import-csv.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/import");

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

/** Opens the app, chooses `file` in the import's file input and waits for the preview. */
async function choose(page, file) {
  await page.setInputFiles("#import-file", join(FIXTURES, file));
  await page.locator("#import-preview-table").waitFor();
}

/** Sets the time zone of local timestamps. */
async function zone(page, name) {
  const input = page.getByLabel("Time zone of times without an offset");
  await input.fill(name);
  await input.press("Tab");
}

/** The cells of the figures row of `service`. */
async function serviceRow(page, service) {
  const row = page.locator("#import-services tr").filter({ has: page.getByRole("rowheader", { name: service, exact: true }) });
  return (await row.locator("td").allInnerTexts()).map((t) => t.trim());
}

test("an export with ends before starts: each skipped row named by line, column, value and reason; the rest used", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url);
  await choose(page, "end-before-start.csv");
  await assert.doesNotReject(page.locator("#import-detected", { hasText: "comma · header row · LF line ends" }).waitFor());
  await zone(page, "UTC");
  assert.deepEqual(await axe(page), [], "axe on the preview");
  await page.locator("#import-start").click();
  await page.locator("#import-summary").waitFor();
  // 14 data rows; lines 6, 8 and 10 end before they start.
  assert.match(await page.locator("#import-summary-line").innerText(), /^14 rows: 11 used, 3 skipped/);
  assert.equal(await page.locator("#import-reasons").innerText(), "3 × `end` before start");
  const first = (await page.locator("#import-errors tbody tr").first().locator("td").allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(first, ["6", "6", "end", "05.03.2026 09:00", "`05.03.2026 09:00` is before start `05.03.2026 10:00`"]);
  // Customer Portal: 35 min on 3 February (13 March skipped), 15 min on 12 May, UTC months.
  // February: 1 − 2,100 / 2,419,200 = 99.91319…%; May: 1 − 900 / 2,678,400 = 99.96639…%.
  const portal = await serviceRow(page, "Customer Portal");
  assert.deepEqual(portal.slice(0, 3), ["2", "0", "50m"]);
  assert.match(portal[3], /^2026-02: 99\.913\d % \(35m down\); 2026-03: 100\.0000 % \(0s down\); 2026-04: 100\.0000 % \(0s down\); 2026-05: 99\.966\d % \(15m down\)$/);
  // The skipped rows as a CSV download.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#import-download-errors").click()]);
  const text = readFileSync(await download.path(), "utf8");
  assert.equal(text.split("\n")[0], "line,record,column,value,reason");
  assert.equal(text.split("\n")[1], "6,6,end,05.03.2026 09:00,`05.03.2026 09:00` is before start `05.03.2026 10:00`");
  assert.deepEqual(await axe(page), [], "axe on the summary");
  // Undo takes the records away again, redo brings them back.
  await page.locator("#import-undo").click();
  await page.locator("#import-records", { hasText: "No records imported yet." }).waitFor();
  await page.locator("#import-redo").click();
  await page.locator("#import-records", { hasText: "11 records imported" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("pasted spreadsheet rows with unknown headers are mapped by hand, then imported", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url);
  const rows = [
    "System\tDown from\tBack up\tNotes",
    "Billing\t2026-03-02T10:00:00Z\t2026-03-02T12:30:00Z\tdisk full",
    "Billing\t2026-03-02T12:00:00Z\t2026-03-02T13:00:00Z\toverlapping alarm",
    "Intranet\t2026-03-09T08:00:00Z\t2026-03-09T08:20:00Z\tdeploy",
  ].join("\n");
  await page.getByLabel("Or paste rows copied from a spreadsheet (with the header row)").fill(rows);
  await page.getByRole("button", { name: "Read pasted rows" }).click();
  await page.locator("#import-preview-table").waitFor();
  await page.locator("#import-detected", { hasText: "tab" }).waitFor();
  // Neither "Down from" nor "Back up" is a known header: the import waits for a choice.
  assert.equal(await page.locator("#import-start").isDisabled(), true);
  await page.locator("#import-problems", { hasText: "the start of each outage" }).waitFor();
  await page.getByLabel("Column 2 (Down from) is imported as").selectOption("start");
  await page.getByLabel("Column 3 (Back up) is imported as").selectOption("end");
  await page.locator("#import-start:not([disabled])").waitFor();
  await page.locator("#import-start").click();
  await page.locator("#import-summary").waitFor();
  assert.match(await page.locator("#import-summary-line").innerText(), /^3 rows: 3 used, 0 skipped/);
  // Billing: 10:00–12:30 and 12:00–13:00 overlap: 3 h of downtime, not 3 h 30 min.
  // March 2026 (UTC): 1 − 10,800 / 2,678,400 = 99.59677…%.
  const billing = await serviceRow(page, "Billing");
  assert.deepEqual(billing.slice(0, 3), ["2", "0", "3h"]);
  assert.match(billing[3], /^2026-03: 99\.596\d % \(3h down\)$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a ServiceNow history: one ticket per incident, priorities from the priority column, closed and open tickets as they are", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url);
  await choose(page, "servicenow-event-log.csv");
  await page.locator("#import-detected", { hasText: "recognised: ServiceNow incidents" }).waitFor();
  assert.match(await page.locator("#import-evidence").innerText(), /`number`.*`sys_mod_count`/);
  assert.match(await page.locator("#import-notes").innerText(), /^`cmdb_ci` is empty \(or an empty marker such as `\?`\) in 100 % of the sample's rows: not taken as the service$/);
  assert.equal(await page.getByLabel("Values that mean empty").inputValue(), "NULL, null, N/A, n/a, -, (empty), ?");
  await zone(page, "UTC");
  // The preview before import, of the whole file (it fits in the first
  // bytes read): 11 rows read as tickets (INC0000062 is closed without any
  // time), 3 tickets kept, the open one INC0000057.
  await page.locator("#import-preview-rows", { hasText: "The whole file: 12 rows." }).waitFor();
  assert.equal(await page.locator("#import-preview-tickets").innerText(), "3 tickets: 1 open, 2 resolved.");
  assert.equal(
    await page.locator("#import-preview-states").innerText(),
    "Rows per state: New 3, Resolved 3, Active 2, Closed 2, Awaiting User Info 1.",
  );
  // INC0000045 opened 29-02-2016 01:16; INC0000047 resolved at its close, 06-03-2016 10:00.
  assert.equal(await page.locator("#import-preview-span").innerText(), "Times from 2016-02-29 01:16 to 2016-03-06 10:00 (UTC).");
  assert.equal(await page.locator("#import-preview-priorities").innerText(), "Tickets per priority: 2 - High 1, 3 - Moderate 1, 4 - Low 1.");
  await page.locator("#import-preview-history", { hasText: "11 rows → 3 tickets" }).waitFor();
  assert.match(await page.locator("#import-preview-empty-found").innerText(), /`\?` 18×/);
  assert.equal(await page.locator("#import-scan").count(), 0, "nothing more to read for the preview");
  assert.deepEqual(await axe(page), [], "axe on the preview");
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary").waitFor();
  // 12 rows of 5 incidents (worked out by hand in crates/import/tests/fixtures.rs):
  // 3 tickets kept, 6 earlier states, 2 rows tied, 1 closed row without any time.
  assert.match(await page.locator("#import-summary-line").innerText(), /^12 rows: 3 used, 3 skipped/);
  assert.equal(
    await page.locator("#import-history").innerText(),
    "11 rows → 3 tickets: the last update of each kept (by `sys_mod_count`, then `sys_updated_at`); 2 rows left out: another row of the same ticket is as late",
  );
  await page.locator("#import-resolved-at-close", { hasText: "1 closed ticket had no resolution time: it is resolved at its close time." }).waitFor();
  assert.match(await page.locator("#import-empty-found").innerText(), /`\?` 18×/);
  const priorities = await page.locator("#import-priorities tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].slice(0, 3).map((c) => c.textContent.trim())),
  );
  assert.deepEqual(priorities, [
    ["2 - High", "1", "0"],
    ["3 - Moderate", "1", "0"],
    ["4 - Low", "1", "1"],
  ]);
  await page.locator("#import-history-details summary").click();
  const kept = (await page.locator("#import-history-table tbody tr").first().locator("td").allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(kept, ["INC0000045", "5", "2, 3, 4"]);
  assert.deepEqual(await axe(page), [], "axe on the summary");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a snapshot history's on-hold spans become pauses when the user says so", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url);
  await choose(page, "servicenow-snapshots.csv");
  await zone(page, "UTC");
  // Worked out by hand in crates/cli/tests/verdicts.rs: 4 pauses of 3
  // tickets; INC0030003 still on hold; INC0030004's row at line 8 has no
  // update time, so its pauses are not read.
  const box = page.getByLabel("Pauses from the history's states");
  assert.equal(await box.isChecked(), false, "off unless asked");
  await box.check();
  await page.locator("#import-preview-state-pauses", { hasText: "4 pauses from the state history of 3 tickets" }).waitFor();
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary").waitFor();
  assert.equal(
    await page.locator("#import-state-pauses").innerText(),
    "4 pauses from the state history of 3 tickets (`state` on hold, between `sys_updated_on` times); 1 ticket still on hold at the latest update: paused until resolved, or while open until that update; pauses of 1 ticket not read (listed): a row without an update time cannot bound one",
  );
  assert.match(await page.locator("#import-state-pauses-listed").innerText(), /^line 8: .*no usable update time/);
  assert.deepEqual(await axe(page), [], "axe on the summary");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a field-change audit (ServiceNow sys_audit) becomes one ticket per record, its on-hold spans pauses when asked", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url);
  await page.setInputFiles("#import-file", join(FIXTURES, "servicenow-sys-audit.csv"));
  // Worked out by hand in crates/import/tests/audit.rs: 18 change rows of
  // 3 records → 2 tickets (INC0020001 priority 2, resolved; INC0020002
  // priority 1, reopened so open); line 18's record has no priority and
  // line 19's time cannot be read: both listed.
  await page.locator("#import-detected", { hasText: "Recognised: a field-change audit" }).waitFor();
  await zone(page, "UTC");
  await page.getByLabel("Pauses from the history's states").check();
  assert.deepEqual(await axe(page), [], "axe on the audit's form");
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary").waitFor();
  assert.match(await page.locator("#import-summary-line").innerText(), /^18 rows: 16 used, 2 skipped/);
  assert.match(await page.locator("#import-history").innerText(), /^18 rows → 2 tickets/);
  const priorities = await page.locator("#import-priorities tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].slice(0, 3).map((c) => c.textContent.trim())),
  );
  assert.deepEqual(priorities, [
    ["1", "1", "1"],
    ["2", "1", "0"],
  ]);
  const lines = await page.locator("#import-errors tbody tr").evaluateAll((rows) => rows.map((r) => r.children[0].textContent.trim()));
  assert.deepEqual(lines, ["18", "19"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dates that could be day or month first wait for the user's answer", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url);
  await choose(page, "ambiguous-slash.csv");
  await page.locator("#import-date-order").waitFor();
  assert.equal(await page.locator("#import-start").isDisabled(), true);
  await zone(page, "UTC");
  await page.getByLabel("month first (March 4 for 03/04/2026)").check();
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary").waitFor();
  // Month first: 02/03/2026 is 3 February, so Customer Portal's first outage is in February.
  const portal = await serviceRow(page, "Customer Portal");
  assert.match(portal[3], /^2026-02: /);
  await context.close();
});

test("a file that is not UTF-8 or not a CSV is refused with one clear message", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url);
  await page.setInputFiles("#import-file", join(FIXTURES, "utf16.csv"));
  await page.locator("#import-refused", { hasText: "UTF-16" }).waitFor();
  await page.setInputFiles("#import-file", join(FIXTURES, "not-csv.png"));
  await page.locator("#import-refused", { hasText: "not a CSV file" }).waitFor();
  // Windows-1252 is converted, and says so.
  await page.setInputFiles("#import-file", join(FIXTURES, "windows-1252.csv"));
  await page.locator("#import-detected", { hasText: "Windows-1252 (converted)" }).waitFor();
  await context.close();
});

test("a file larger than its first bytes: the preview of its first rows, then of the whole file on request", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sla-import-"));
  try {
    const file = join(dir, "tickets-3000.csv");
    const csv = generateTickets(3000, 11);
    writeFileSync(file, csv);
    // Worked out from the text itself: open tickets have an empty last field.
    const lines = csv.toString().trim().split("\n").slice(1);
    const open = lines.filter((l) => l.endsWith(",")).length;
    const { context, page, errors } = await newPage(browser);
    await openApp(page, server.url);
    await page.setInputFiles("#import-file", file);
    await zone(page, "UTC");
    await page.locator("#import-preview-rows", { hasText: "Its first" }).waitFor();
    const first = await page.locator("#import-preview-rows").innerText();
    const shown = Number(/Its first ([\d,]+) rows/.exec(first)[1].replace(/,/g, ""));
    assert.ok(shown > 100 && shown < 3000, first);
    await page.locator("#import-scan").click();
    await page.locator("#import-preview-rows", { hasText: "The whole file: 3,000 rows." }).waitFor();
    const fmt = (n) => n.toLocaleString("en-US");
    assert.equal(
      await page.locator("#import-preview-tickets").innerText(),
      `3,000 tickets: ${fmt(open)} open, ${fmt(3000 - open)} resolved.`,
    );
    assert.equal(await page.locator("#import-scan").count(), 0);
    assert.deepEqual(await axe(page), [], "axe on the whole file's preview");
    // The preview added nothing; the import does.
    assert.match(await page.locator("#import-records").innerText(), /No records imported yet\./);
    await page.locator("#import-start").click();
    await page.locator("#import-summary-line", { hasText: /^3,000 rows: 3,000 used, 0 skipped/ }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a large import shows its progress and can be cancelled without changing anything", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sla-import-"));
  try {
    const file = join(dir, "outages-large.csv");
    // About 40 MB: long enough to be cancelled while it runs.
    writeFileSync(file, generateOutages(500_000, 7));
    const { context, page, errors } = await newPage(browser);
    await openApp(page, server.url);
    await page.setInputFiles("#import-file", file);
    await page.locator("#import-preview-table").waitFor();
    await page.locator("#import-start").click();
    // The progress bar moves, with rows, bytes and rates.
    await page.waitForFunction(() => Number(document.querySelector("#import-progress")?.getAttribute("value")) > 0);
    assert.match(await page.locator("#import-progress-text").innerText(), /rows \(.* used, .* skipped\) · .* of 4\d\.\d MB · .* MB\/s · .* rows\/s/);
    await page.locator("#import-cancel").click();
    await page.locator("#import-message", { hasText: "Import cancelled: nothing was changed." }).waitFor();
    assert.match(await page.locator("#import-records").innerText(), /No records imported yet\./);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the import panel's own clicks never reach the calculator around it", async () => {
  // The panel is another wasm's Yew app inside the calculator's: clicks on
  // its controls once also ran whichever calculator handler had the same
  // number (here: adding composite parts).
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url, "t=99.9&t=99.95&m=2026-02");
  await page.locator("#import-file").waitFor({ state: "attached" });
  const state = () => page.evaluate(() => [location.hash, [...document.querySelectorAll("main input")].filter((i) => !i.closest("#import-root")).map((i) => i.value).join(",")]);
  const before = await state();
  const controls = await page.locator("#import-root button, #import-root input[type=radio], #import-root input[type=checkbox]").all();
  assert.ok(controls.length > 0, "the panel has controls");
  for (const control of controls) {
    if ((await control.isVisible()) && (await control.isEnabled())) await control.click();
  }
  assert.deepEqual(await state(), before, "the calculator's inputs and URL are unchanged");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the import made no request beyond 127.0.0.1", () => {
  assert.ok(requests.length > 5, "requests were recorded");
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
});
