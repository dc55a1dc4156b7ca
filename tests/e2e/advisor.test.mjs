// The target advisor in the workbench's Plan view, against the built dist/
// in headless Chromium: a workspace with a year of outages, the advisor run
// in the view's Web Worker over that history, its figures checked against
// scripts/advise-check.mjs (an independent computation written apart from
// the Rust code) and its CSV against `sla advise`'s, byte for byte; a field
// that cannot be read refused at the field; and the simulator's failure
// model fitted from the same measurements as `sla simulate --history` fits
// it, so that a run gives the command line's years for the seed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, workbenchReady, sla } from "./harness.mjs";
import { check } from "../../scripts/advise-check.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const AGREEMENT = "tests/fixtures/advise/agreement.json";
const OUTAGES = "tests/fixtures/advise/outages-2025.json";

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), "advisor-e2e-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});


/** Opens the workbench with the advisor's test agreement and its year of outages. */
async function openWorkspace(page) {
  await page.goto(server.url + "workbench.html");
  await workbenchReady(page);
  const workspace = {
    format: "sla-workspace",
    version: 1,
    name: "Advised shop",
    span: "2025",
    agreements: JSON.parse(readFileSync(join(root, AGREEMENT), "utf8")),
    measurements: JSON.parse(readFileSync(join(root, OUTAGES), "utf8")),
  };
  const path = join(tmp, "advised.sla-workspace.json");
  writeFileSync(path, JSON.stringify(workspace));
  await page.setInputFiles("#open-file", path);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor();
  await page.locator("#tab-plan").click();
  await page.locator("#adv-form").waitFor();
  await workbenchReady(page);
}

async function fill(page, selector, text) {
  await page.locator(selector).fill(text);
  assert.equal(await page.locator(selector).inputValue(), text);
}

test("the advisor gives the independent computation's figures and sla advise's CSV", async () => {
  const { page, errors } = await newPage(browser);
  const fetched = [];
  page.on("request", (r) => {
    if (!r.serviceWorker()) fetched.push(r.url());
  });
  await openWorkspace(page);
  // The history offered first is the workspace's span.
  assert.equal(await page.locator("#adv-history").inputValue(), "2025");

  // A field that cannot be read is refused at the field, with the focus on it.
  await fill(page, "#adv-k", "13");
  await page.locator("#adv-run").click();
  await page.locator("#adv-k-error").waitFor();
  assert.equal(await page.locator("#adv-k").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "adv-k");
  await fill(page, "#adv-limit", "lots");
  await page.locator("#adv-run").click();
  await page.locator("#adv-limit-error").waitFor();

  await fill(page, "#adv-k", "10");
  await fill(page, "#adv-n", "12");
  await fill(page, "#adv-limit", "300");
  await page.locator("#adv-run").click();
  await page.locator("#adv-status", { hasText: "1 target advised on over 2025." }).waitFor({ timeout: 60_000 });
  assert.ok(fetched.some((u) => u.endsWith("/simulate-worker.js")), "the advice ran in the worker");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "adv-run");

  // Against the independent computation of the same history.
  const [theirs] = check(join(root, AGREEMENT), join(root, OUTAGES), 2025, "10/12", "300");
  const current = theirs.rows.find((r) => r.candidate === "99.9");
  const summary = await page.locator("#adv-summary").innerText();
  assert.match(summary, new RegExp(`${current.met} of ${current.periods}`));
  const level = theirs.met_in.level_percent.replace(/(\.\d{4})\d*/, "$1");
  assert.ok(summary.includes(`${level} %`), `${summary}\nwants ${level} %`);
  assert.ok(summary.includes(`${theirs.credits_under.level.replace(/\.?0+$/, "")} %`), summary);
  const table = await page.locator("#adv-candidates").innerText();
  for (const row of theirs.rows) {
    const cents = BigInt(row.credits_cents);
    const euros = `${(cents / 100n).toLocaleString("en")}.${String(cents % 100n).padStart(2, "0")} EUR`;
    assert.ok(table.includes(`${row.met} of ${row.periods}`), `${row.candidate}: ${table}`);
    assert.ok(table.includes(euros), `${row.candidate} wants ${euros}: ${table}`);
  }
  // The charts of periods met and credits against the level.
  await page.locator("#adv-met-title", { hasText: "Periods met at each candidate of shop-sla/availability" }).waitFor({ state: "attached" });
  await page.locator("#adv-credits-title", { hasText: "Credits (EUR)" }).waitFor({ state: "attached" });
  assert.match(await page.locator("#adv-assumptions").innerText(), /each candidate is put into a copy of the agreement/);

  // The table with its assumptions, as the command line writes it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#adv-download").click()]);
  assert.equal(download.suggestedFilename(), "advice-2025.csv");
  const csv = readFileSync(await download.path(), "utf8");
  const cli = sla(["advise", AGREEMENT, "-m", OUTAGES, "-p", "2025", "--met-in", "10/12", "--credits-under", "300", "--format", "csv"]);
  assert.equal(csv, cli);
  assert.deepEqual(await axe(page), []);

  // Another view and back: the form and the advice are still there.
  await page.locator("#tab-report").click();
  await page.locator(".wb-report").waitFor();
  await page.locator("#tab-plan").click();
  await page.locator("#adv-form").waitFor();
  assert.equal(await page.locator("#adv-limit").inputValue(), "300");
  await page.locator("#adv-summary").waitFor();
  assert.ok(fetched.every((u) => u.startsWith(server.url)), fetched.join("\n"));
  assert.deepEqual(errors, []);
});

test("the simulator's failure model is fitted from the measurements as sla simulate fits it", async () => {
  const { page, errors } = await newPage(browser);
  await openWorkspace(page);
  await page.locator("#sim-form").waitFor();
  assert.equal(await page.locator("#sim-history").inputValue(), "2025");
  await fill(page, "#sim-history", "2025-13");
  await page.locator("#sim-fit").click();
  await page.locator("#sim-fit-status", { hasText: "could not be fitted" }).waitFor();
  await fill(page, "#sim-history", "2025");
  await page.locator("#sim-fit").click();
  await page.locator("#sim-fit-status", { hasText: "1 service's model fitted from the unplanned outages of 2025" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "sim-fit");
  assert.match(await page.locator("#sim-fit-details").innerText(), /^shop: \d+ down times?, MTBF about /);
  // The fields hold the fitted means exactly.
  const mtbf = await page.locator("#sim-mtbf-0").inputValue();
  const mttr = await page.locator("#sim-mttr-0").inputValue();
  assert.match(mtbf, /^\d+d( \d+h)?( \d+m)?( [\d.]+s)?$/);
  await fill(page, "#sim-start", "2026-01");
  await fill(page, "#sim-years", "200");
  await fill(page, "#sim-seed", "3");
  await page.locator("#sim-run").click();
  await page.locator("#sim-status", { hasText: "200 contract years simulated, seed 3." }).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#sim-download").click()]);
  const csv = readFileSync(await download.path(), "utf8");
  const cli = sla(["simulate", AGREEMENT, "-m", OUTAGES, "--history", "2025", "--start", "2026-01", "--years", "200", "--seed", "3", "--format", "csv"]);
  assert.equal(csv, cli, `fitted ${mtbf} / ${mttr}`);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
});
