// In-browser benchmark of the workbench's recompute with 50 services × 12
// months (600 target-periods, 12,000 outages), against the built dist/ in
// headless Chromium.
//
//   node scripts/workbench-bench.mjs [--services 50] [--months 12] [--runs 20] [--large 300000]
//
// Normally run through `cargo xtask bench-workbench`, which builds dist/ first
// with the `bench` feature (the benchmark's exports below; the pages users
// load do not carry them).
//
// Phase 1 (engine path, inside wasm): window.wasmBindings.workbench_bench
//   times the recompute after an edit of the agreements (validation,
//   alignment checks, the report) and after an edit of the measurements or
//   the what-if (the report alone: the checked agreements are kept).
// Phase 2 (what a user sees): the workload is opened through the workbench's
//   file input, the Report view shown, and the what-if minutes typed; each
//   edit is timed from the input event until the what-if line shows the new
//   minutes (drawn in the same render as the recomputed report) and the
//   next frame is painted.
// Phase 3 (a cell edit in a large workspace, inside wasm):
//   window.wasmBindings.workbench_cell_edit_bench times an edit of one
//   outage's cause in a workspace of --large outages (50 services × 12
//   months) through the workbench's reducer, what the Measurements view
//   works out again, the report, the autosave's serialisation and undo, and
//   the wasm memory grown over the edits.
// Phase 4 (the same, as a user sees it): that workspace is opened through
//   the file input, the Measurements view shown, and outage causes edited
//   (typed with spaces around, then `change`): each edit is timed until the
//   cell shows the saved (trimmed) text and the next frame is painted; wasm
//   memory (from Trunk's TrunkApplicationStarted event) and, in Chromium,
//   performance.memory's JS heap are read before and after.
// --large 0 leaves phases 3 and 4 out.
//
// Exit code: 0 success, 1 failure, 2 no dist/ build.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, serve, launch, newPage, requests } from "../tests/e2e/harness.mjs";

function parseArgs(argv) {
  const opts = { services: 50, months: 12, runs: 20, large: 300_000 };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].split("=", 2);
    if (value === undefined) value = argv[++i];
    const name = key.replace(/^--/, "");
    if (!(name in opts) || !/^\d+$/.test(value ?? "") || (Number(value) < 1 && name !== "large")) {
      console.error("usage: node scripts/workbench-bench.mjs [--services 50] [--months 12] [--runs 20] [--large 300000]");
      process.exit(2);
    }
    opts[name] = Number(value);
  }
  return opts;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), max: s[s.length - 1] };
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(DIST, "index.html"))) {
    console.error("no dist/ build: run `cargo xtask bench-workbench` first");
    process.exit(2);
  }
  const server = await serve();
  const browser = await launch();
  const tmp = mkdtempSync(join(tmpdir(), "wb-bench-"));
  try {
    const { context, page, errors } = await newPage(browser);
    // The wasm memory, handed over by Trunk's loader once the app started.
    await page.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", (e) => {
        window.__wasmMemory = e.detail?.wasm?.memory;
      });
    });
    await page.goto(server.url + "workbench.html");
    await page.waitForFunction(() => window.wasmBindings, null, { timeout: 60_000 });

    // Phase 1.
    const engine = JSON.parse(
      await page.evaluate(({ s, m, r }) => window.wasmBindings.workbench_bench(s, m, r), { s: opts.services, m: opts.months, r: opts.runs }),
    );
    // The first run warms caches (zones, calendars): left out of the figures.
    const a = stats(engine.agreement_ms.slice(1));
    const r = stats(engine.report_ms.slice(1));
    console.log(`workload: ${opts.services} services × ${opts.months} months = ${engine.target_periods} target-periods, ${engine.outages} outages`);
    console.log(`agreement edit, in wasm (validate + align + report), ${engine.agreement_ms.length - 1} runs: median ${ms(a.median)}, p90 ${ms(a.p90)}, max ${ms(a.max)} (first ${ms(engine.agreement_ms[0])})`);
    console.log(`measurement or what-if edit, in wasm (report only), ${engine.report_ms.length - 1} runs: median ${ms(r.median)}, p90 ${ms(r.p90)}, max ${ms(r.max)}`);

    // Phase 2.
    const json = await page.evaluate(({ s, m }) => window.wasmBindings.workbench_bench_workspace(s, m), { s: opts.services, m: opts.months });
    const file = join(tmp, "bench.sla-workspace.json");
    writeFileSync(file, json);
    await page.locator("#tab-structure").waitFor();
    await page.setInputFiles("#open-file", file);
    await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor({ timeout: 60_000 });
    await page.locator("#tab-report").click();
    await page.locator("#report-summary").waitFor();
    await page.locator(".what-if summary").click();
    await page.locator("#whatif-service").selectOption("s0");
    const ui = [];
    for (let run = 1; run <= opts.runs; run++) {
      const took = await page.evaluate(async (minutes) => {
        // Shown when the what-if line names the new minutes (it is drawn
        // from the recomputed state, in the same render as the report).
        const input = document.querySelector("#whatif-minutes-exact");
        const shown = () => document.querySelector(".what-if-on")?.textContent.includes(`+${minutes} min`);
        const changed = new Promise((ok) => {
          const observer = new MutationObserver(() => {
            if (shown()) {
              observer.disconnect();
              ok();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        const started = performance.now();
        input.value = String(minutes);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const timeout = new Promise((ok) => setTimeout(() => ok("timeout"), 10_000));
        if ((await Promise.race([changed, timeout])) === "timeout") throw new Error("the report did not update");
        await new Promise((ok) => requestAnimationFrame(() => ok()));
        return performance.now() - started;
      }, run * 37);
      ui.push(took);
    }
    const u = stats(ui.slice(1));
    console.log(`edit → report shown (what-if minutes typed), ${ui.length - 1} runs: median ${ms(u.median)}, p90 ${ms(u.p90)}, max ${ms(u.max)}`);

    if (opts.large > 0) await large(page, tmp, opts);
    const outside = requests.filter((r) => !r.startsWith("http://127.0.0.1"));
    if (outside.length) throw new Error(`requests left the machine: ${outside.join(", ")}`);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/// Phases 3 and 4: a cell edit in a workspace of `opts.large` outages.
async function large(page, tmp, opts) {
  const runs = Math.min(opts.runs, 10);
  const bindings = await page.evaluate(() => ({
    cell: typeof window.wasmBindings.workbench_cell_edit_bench === "function",
    workspace: typeof window.wasmBindings.workbench_bench_workspace_with === "function",
  }));
  if (!bindings.cell || !bindings.workspace) {
    throw new Error("the workbench page does not export workbench_cell_edit_bench and workbench_bench_workspace_with (src/bin/workbench.rs, built with the `bench` feature: run `cargo xtask bench-workbench`)");
  }

  // Phase 3.
  const edit = JSON.parse(
    await page.evaluate(({ n, r }) => window.wasmBindings.workbench_cell_edit_bench(n, r), { n: opts.large, r: runs }),
  );
  console.log(`cell edit in a workspace of ${edit.outages} outages, in wasm, ${runs} runs (medians):`);
  for (const [key, what] of [
    ["edit_ms", "edit through the reducer"],
    ["context_ms", "measurements view: suggestions"],
    ["timeline_ms", "measurements view: outage timeline (drawn after the tables)"],
    ["report_ms", "report (Report view only)"],
    ["save_ms", `autosave serialisation (${mb(edit.saved_bytes)}; after a pause, not per edit)`],
    ["undo_ms", "undo"],
  ]) {
    const st = stats(edit[key]);
    console.log(`  ${what}: median ${ms(st.median)}, max ${ms(st.max)}`);
  }
  console.log(`  wasm memory grown over the edits: ${mb(edit.memory_growth_bytes)}; records held by undo: ${edit.undo_records}`);

  // Phase 4.
  const json = await page.evaluate(({ n }) => window.wasmBindings.workbench_bench_workspace_with(50, 12, n), { n: opts.large });
  const file = join(tmp, "large.sla-workspace.json");
  writeFileSync(file, json);
  const opened = Date.now();
  await page.setInputFiles("#open-file", file);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor({ timeout: 300_000 });
  const openMs = Date.now() - opened;
  await page.locator("#tab-measurements").click();
  await page.locator("#outage-0-cause").waitFor({ timeout: 120_000 });
  const memory = () =>
    page.evaluate(() => ({ wasm: window.__wasmMemory?.buffer.byteLength ?? null, heap: performance.memory?.usedJSHeapSize ?? null }));
  const before = await memory();
  const times = [];
  for (let run = 0; run < runs; run++) {
    const took = await page.evaluate(async ({ id, text }) => {
      const tick = () =>
        new Promise((ok) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => ok();
          channel.port2.postMessage(null);
        });
      const cell = () => document.getElementById(id);
      const started = performance.now();
      cell().value = `  ${text}  `;
      cell().dispatchEvent(new Event("change", { bubbles: true }));
      // Saved when the cell shows the trimmed text the record now holds.
      while (cell()?.value !== text) {
        if (performance.now() - started > 60_000) throw new Error(`the edit of #${id} did not show`);
        await tick();
      }
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      return performance.now() - started;
    }, { id: `outage-${(run * 17) % 200}-cause`, text: `edit ${run}` });
    times.push(took);
  }
  const after = await memory();
  const u = stats(times);
  console.log(`cell edit → shown in a workspace of ${opts.large} outages (opened in ${(openMs / 1000).toFixed(1)} s), ${runs} runs: median ${ms(u.median)}, p90 ${ms(u.p90)}, max ${ms(u.max)}`);
  const grown = (a, b) => (a === null || b === null ? "not readable" : `${mb(a)} → ${mb(b)}`);
  console.log(`  wasm memory ${grown(before.wasm, after.wasm)}; JS heap ${grown(before.heap, after.heap)}`);
  console.log(`  save status: ${await page.locator("#save-status").innerText()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
