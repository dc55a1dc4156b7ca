// The contract simulator in the workbench's Plan view, against the built
// dist/ in headless Chromium: the module and its Web Worker load on first
// use (nothing of them before the view is shown), a run gives every year exactly as `sla simulate` does for the same
// seed (the page's CSV against the command line's), a cancel stops a run,
// a field that cannot be read is refused at the field, axe finds nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, requests, workbenchReady, sla } from "./harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const AGREEMENT = "tests/fixtures/advise/agreement.json";

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), "simulate-e2e-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});


/** Opens the workbench with the advisor's test agreement as a new workspace. */
async function openAgreement(page) {
  await page.goto(server.url + "workbench.html");
  await workbenchReady(page);
  const workspace = {
    format: "sla-workspace",
    version: 1,
    name: "Simulated shop",
    span: "2025",
    agreements: JSON.parse(readFileSync(join(root, AGREEMENT), "utf8")),
    measurements: { format: "sla-measurements", version: 1, outages: [] },
  };
  const path = join(tmp, "shop.sla-workspace.json");
  writeFileSync(path, JSON.stringify(workspace));
  await page.setInputFiles("#open-file", path);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor();
}

async function fill(page, selector, text) {
  await page.locator(selector).fill(text);
  assert.equal(await page.locator(selector).inputValue(), text);
}

test("the simulator runs in a worker and gives sla simulate's years for the seed; a cancel stops a run", async () => {
  const { page, errors } = await newPage(browser);
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  await openAgreement(page);
  assert.ok(!fetched.some((u) => u.includes("sla-simulate")), "nothing of the simulator before the Plan view");
  await page.locator("#tab-plan").click();
  await page.locator("#sim-form").waitFor();
  await workbenchReady(page);
  // The simulator's module, loaded by the workbench's editor module (the
  // Plan view is one of its views).
  assert.ok(fetched.some((u) => /sla-simulate-[0-9a-f]+_bg\.wasm$/.test(u)), fetched.join("\n"));
  assert.ok(fetched.some((u) => /sla-workbench-editor-[0-9a-f]+_bg\.wasm$/.test(u)), fetched.join("\n"));

  // A field that cannot be read is refused at the field, with the focus on it.
  await fill(page, "#sim-mttr-0", "soon");
  await page.locator("#sim-run").click();
  await page.locator("#sim-mttr-0-error").waitFor();
  assert.equal(await page.locator("#sim-mttr-0").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "sim-mttr-0");

  await fill(page, "#sim-start", "2026-01");
  await fill(page, "#sim-years", "500");
  await fill(page, "#sim-seed", "7");
  await fill(page, "#sim-mtbf-0", "20d");
  await fill(page, "#sim-mttr-0", "3h");
  assert.equal(await page.locator("#sim-model-0").innerText(), "0.6211 %");
  await page.locator("#sim-run").click();
  await page.locator("#sim-status", { hasText: "500 contract years simulated, seed 7." }).waitFor({ timeout: 60_000 });
  assert.ok(fetched.some((u) => u.endsWith("/simulate-worker.js")), "the run went to the worker");
  const targets = await page.locator("#sim-targets").innerText();
  // The command line's golden run (crates/cli/tests/cli.rs) for the same seed.
  assert.match(targets, /99\.3702 % ± 0\.0091 %/);
  assert.match(targets, /P1 98\.8475 %, P5 99\.0035 %, P50 99\.3910 %, P95 99\.6811 %/);
  assert.match(targets, /8\.494 ± 0\.071/);
  const agreements = await page.locator("#sim-agreements").innerText();
  assert.match(agreements, /2,382\.30 ± 29\.25 EUR/);
  assert.match(agreements, /P50 2,400\.00, P95 3,450\.00, P99 3,800\.00/);
  // Every year, as the command line writes it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#sim-download").click()]);
  assert.equal(download.suggestedFilename(), "simulation-2026-01-seed-7.csv");
  const csv = readFileSync(await download.path(), "utf8");
  const cli = sla(["simulate", AGREEMENT, "--failure", "shop=20d/3h", "--start", "2026-01", "--years", "500", "--seed", "7", "--format", "csv"]);
  assert.equal(csv, cli);
  // The histogram, of the availability and then of the credits.
  await page.locator("#sim-histogram-title", { hasText: "availability of shop-sla/availability" }).waitFor({ state: "attached" });
  await page.locator("#sim-histogram-of").selectOption({ index: 1 });
  await page.locator("#sim-histogram-title", { hasText: "credits of shop-sla" }).waitFor({ state: "attached" });
  assert.deepEqual(await axe(page), []);
  // Another view and back: the form and the figures are still there.
  await page.locator("#tab-report").click();
  await page.locator(".wb-report").waitFor();
  await page.locator("#tab-plan").click();
  await page.locator("#sim-form").waitFor();
  assert.equal(await page.locator("#sim-seed").inputValue(), "7");
  assert.equal(await page.locator("#sim-mtbf-0").inputValue(), "20d");
  await page.locator("#sim-status", { hasText: "500 contract years simulated, seed 7." }).waitFor();

  // A long run, cancelled while it runs.
  await fill(page, "#sim-years", "1000000");
  await page.locator("#sim-run").click();
  await page.locator("#sim-cancel").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "sim-cancel");
  await page.waitForFunction(() => Number(document.querySelector("#sim-progress")?.value) > 0, null, { timeout: 60_000 });
  await page.locator("#sim-cancel").click();
  await page.locator("#sim-status", { hasText: "Cancelled after" }).waitFor();
  assert.equal(await page.locator("#sim-run").isDisabled(), false);
  await page.waitForFunction(() => document.activeElement?.id === "sim-run");
  assert.deepEqual(errors, []);
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(u));
  assert.deepEqual(outside, []);
  await page.context().close();
});
