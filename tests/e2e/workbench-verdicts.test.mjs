// End-to-end: a ServiceNow history (a row per update) imported into a
// workbench whose agreement has resolution targets per ServiceNow priority,
// and the report's list of tickets where ServiceNow's own verdict
// (made_sla) differs from ours. Expected figures are worked out by hand in
// crates/cli/tests/verdicts.rs from the same fixtures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, workbenchReady } from "./harness.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures");

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), "workbench-verdicts-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test("a ServiceNow history in the workbench: one ticket per incident, and the tickets where made_sla differs from ours, with the reason", async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  // The agreement names its priorities P2, P3, P4: the export's `2 - High`,
  // `3 - Moderate` and `4 - Low` map to them by rank, shown before import.
  const agreements = JSON.parse(
    readFileSync(join(FIXTURES, "verdicts/incident-sla.json"), "utf8").replace(/"(\d) - (High|Moderate|Low)"/g, '"P$1"'),
  );
  const workspace = {
    format: "sla-workspace",
    version: 1,
    name: "ServiceNow verdicts",
    span: "2016-02..2016-03",
    agreements,
    measurements: { format: "sla-measurements", version: 1 },
  };
  const path = join(tmp, "verdicts.sla-workspace.json");
  writeFileSync(path, JSON.stringify(workspace));
  await page.setInputFiles("#open-file", path);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor();
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.setInputFiles("#import-file", join(FIXTURES, "import/servicenow-event-log.csv"));
  await page.locator("#import-detected", { hasText: "recognised: ServiceNow incidents" }).waitFor();
  const zone = page.getByLabel("Time zone of times without an offset");
  await zone.fill("UTC");
  await zone.press("Tab");
  await page.locator("#import-priority-map").waitFor();
  const mapRows = () =>
    page.locator("#import-priority-map tbody tr").evaluateAll((rows) =>
      rows.map((r) => [r.querySelector("th").textContent.trim(), ...[...r.querySelectorAll("td")].map((c) => (c.querySelector("select")?.value ?? c.textContent).trim())]),
    );
  assert.deepEqual(await mapRows(), [
    ["2 - High", "1", "P2", "both rank 2 (1 the most urgent)"],
    ["3 - Moderate", "1", "P3", "both rank 3 (1 the most urgent)"],
    ["4 - Low", "1", "P4", "both rank 4 (1 the most urgent)"],
  ]);
  // A choice is the user's: shown as such, and kept for the import.
  await page.getByLabel("4 - Low", { exact: true }).selectOption("P3");
  await page.locator("#import-priority-map tbody tr", { hasText: "your choice" }).waitFor();
  await page.getByLabel("4 - Low", { exact: true }).selectOption("P4");
  assert.deepEqual((await mapRows())[2], ["4 - Low", "1", "P4", "your choice"]);
  assert.deepEqual(await axe(page), [], "axe on the preview with the priorities");
  await page.locator("#import-start:not([disabled])").click();
  await page.locator("#import-summary-line", { hasText: "12 rows: 3 used, 3 skipped" }).waitFor();
  assert.deepEqual(await page.locator("#import-priorities-mapped li").allInnerTexts(), [
    "`3 - Moderate` → `P3` (both rank 3, 1 the most urgent)",
    "`2 - High` → `P2` (both rank 2, 1 the most urgent)",
    "`4 - Low` → `P4` (chosen)",
  ]);
  await page.locator("#import-history", { hasText: "11 rows → 3 tickets" }).waitFor();
  await page.locator("#tickets-title", { hasText: "Tickets (3)" }).waitFor();
  await page.locator("#tab-report").click();
  await page.locator("#report-verdicts-line").waitFor();
  assert.equal(
    await page.locator("#report-verdicts-line").innerText(),
    "The source system's own verdict (made_sla (ServiceNow incidents)) is given for 3 tickets the targets count: ours differs on 1.",
  );
  const differ = await page.locator("#report-verdicts-differ li").allInnerTexts();
  assert.deepEqual(differ, [
    "INC0000057: theirs met; here missed: desk-sla/p4-resolution: resolution 31d 17h 50m of business time against 3d (missed, 2016-02); the export has no pauses",
  ]);
  assert.deepEqual(await axe(page), [], "axe on the report");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a field-change audit chosen in the workbench says in one line how it is read, and imports nothing", async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(server.url + "workbench.html");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  await page.locator("#tab-measurements").click();
  await workbenchReady(page);
  await page.setInputFiles("#import-file", join(FIXTURES, "import/servicenow-sys-audit.csv"));
  const message = page.locator("#import-message", { hasText: "servicenow-sys-audit.csv is a field-change audit (ServiceNow sys_audit)" });
  await message.waitFor();
  assert.match(await message.innerText(), /sla import servicenow-sys-audit\.csv --time-zone <zone> -o measurements\.json/);
  assert.equal(await page.locator("#import-start").count(), 0, "nothing to import here");
  assert.deepEqual(errors, []);
  await context.close();
});
