// In-browser benchmark of the contract simulator (the workbench's Plan
// view, its Web Worker) against the built dist/ in headless Chromium:
// 10,000 contract years of 50 services, each with a monthly availability
// target on business hours in Europe/Berlin and a failure model of MTBF
// 30 days, MTTR 2 hours (the models the page starts with) — the workload of
// `cargo bench -p sla-engine --bench simulate`.
//
//   node scripts/simulate-bench.mjs [--runs 5] [--years 10000] [--stateful]
//
// Each run is timed from the click on Run until the page says the years are
// simulated (the worker's run, the result handed back and read, the figures
// drawn); the median, min and max of the runs. `--stateful` gives each
// agreement caps, repeat misses, earn-back and three termination rights.
// Needs `cargo xtask build --release` (dist/) and Chromium.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, launch, newPage, workbenchReady } from "../tests/e2e/harness.mjs";

const opts = { runs: 5, years: 10_000, stateful: false };
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === "--stateful") opts.stateful = true;
  else if (arg === "--runs" || arg === "--years") opts[arg.slice(2)] = Number(process.argv[++i]);
  else {
    console.error("usage: node scripts/simulate-bench.mjs [--runs 5] [--years 10000] [--stateful]");
    process.exit(2);
  }
}

function workspace(stateful) {
  const services = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, name: `Service ${i}`, monthly_charge: "1000.00" }));
  const agreements = services.map((s, i) => ({
    id: `sla${i}`, name: `SLA ${i}`, kind: "sla", structure: "service_based", service: s.id,
    targets: [{ id: "availability", name: "Availability", metric: { type: "availability" }, expected: "99.9", minimum: "99",
      critical: true, calendar: "office",
      credit: { type: "step", tiers: [{ below: "99.9", credit: "10" }, { below: "99", credit: "25" }] } }],
    ...(stateful ? {
      credits: { period_cap: { percent_of_charges: "30" }, year_cap: { amount: "1500.00" }, repeat_miss: { multiplier: "2", after: 1 }, earn_back_periods: 3 },
      termination: [{ type: "below_minimum", k: 3, m: 6 }, { type: "credits_at_cap", k: 2, m: 12 },
        { type: "rolling_average_below", target: "availability", periods: 3, level: "99.5" }],
    } : {}),
  }));
  return {
    format: "sla-workspace", version: 1, name: "Simulator bench", span: "2026",
    agreements: { format: "sla-agreements", version: 1, name: "Bench", currency: "EUR", time_zone: "Europe/Berlin",
      provider: { name: "Bench" }, services,
      calendars: [{ id: "office", time_zone: "Europe/Berlin", hours: "Mon-Fri 08:00-18:00" }], agreements },
    measurements: { format: "sla-measurements", version: 1, outages: [] },
  };
}

const dir = mkdtempSync(join(tmpdir(), "simulate-bench-"));
const server = await serve();
const browser = await launch();
const times = [];
try {
  const { page } = await newPage(browser);
  await page.goto(server.url + "workbench.html");
  await workbenchReady(page);
  const path = join(dir, "bench.sla-workspace.json");
  writeFileSync(path, JSON.stringify(workspace(opts.stateful)));
  await page.setInputFiles("#open-file", path);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor();
  await page.locator("#tab-plan").click();
  await page.locator("#sim-form").waitFor();
  await page.locator("#sim-start").fill("2026-01");
  await page.locator("#sim-years").fill(String(opts.years));
  const shown = `${opts.years.toLocaleString("en-US")} contract years simulated`;
  console.log(`Chromium ${browser.version()}: ${opts.years} years x 50 services${opts.stateful ? ", stateful terms and rights" : ""}, ${opts.runs} runs after a warm-up`);
  for (let run = 0; run <= opts.runs; run++) {
    await page.locator("#sim-seed").fill(String(run + 1));
    const started = Date.now();
    await page.locator("#sim-run").click();
    await page.locator("#sim-status", { hasText: shown }).waitFor({ timeout: 600_000 });
    const ms = Date.now() - started;
    if (run > 0) times.push(ms);
    console.log(`${run === 0 ? "warm-up" : `run ${run}`}: ${ms} ms`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`perf: simulator in the browser, ${opts.years} years x 50 services${opts.stateful ? " (stateful)" : ""}: median ${median} ms (${sorted[0]}–${sorted.at(-1)}), ${times.length} runs`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
