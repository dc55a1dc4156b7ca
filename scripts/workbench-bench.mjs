// In-browser benchmark of the workbench's recompute with 50 services × 12
// months (600 target-periods, 12,000 outages), against the built dist/ in
// headless Chromium.
//
//   node scripts/workbench-bench.mjs [--services 50] [--months 12] [--runs 20] [--large 300000] [--dist target/bench-dist]
//
// Normally run through `cargo xtask bench-workbench` or `cargo xtask perf`,
// which build the site first into target/bench-dist/ with the workbench
// built with the `bench` feature (the benchmark's exports below; dist/, the
// pages users load, does not carry them).
//
// Every figure is the median, min and max of --runs timed runs; phases 1 to
// 3 run once more first, as a warm-up left out of the figures (caches of
// zones and calendars, the report's buffers).
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
// --large 0 leaves phases 3 and 4 out. Phases 3 and 4 run at most 10 times.
//
// Exit code: 0 success, 1 failure, 2 no dist/ build.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve, launch, newPage, requests } from "../tests/e2e/harness.mjs";

const USAGE = "usage: node scripts/workbench-bench.mjs [--services 50] [--months 12] [--runs 20] [--large 300000] [--dist target/bench-dist]";

function parseArgs(argv) {
  const opts = { services: 50, months: 12, runs: 20, large: 300_000, dist: "target/bench-dist" };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].split("=", 2);
    if (value === undefined) value = argv[++i];
    const name = key.replace(/^--/, "");
    if (name === "dist" && value) {
      opts.dist = value;
      continue;
    }
    if (!(name in opts) || name === "dist" || !/^\d+$/.test(value ?? "") || (Number(value) < 1 && name !== "large")) {
      console.error(USAGE);
      process.exit(2);
    }
    opts[name] = Number(value);
  }
  opts.dist = resolve(opts.dist);
  return opts;
}

/** Median, min and max. */
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1] };
};
const ms = (x) => `${x.toFixed(1)} ms`;
const spread = (st) => `median ${ms(st.median)}, min ${ms(st.min)}, max ${ms(st.max)}`;
/** The lines `cargo xtask perf` repeats in its closing summary. */
const summary = [];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(opts.dist, "workbench.html"))) {
    console.error(`no site in ${opts.dist}: run \`cargo xtask bench-workbench\` (it builds the workbench with its benchmark exports there)`);
    process.exit(2);
  }
  const server = await serve(opts.dist);
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

    if ((await page.evaluate(() => typeof window.wasmBindings.workbench_bench)) !== "function") {
      throw new Error(`the workbench in ${opts.dist} does not export workbench_bench (src/bin/workbench.rs, built with the \`bench\` feature: run \`cargo xtask bench-workbench\`)`);
    }

    // Phase 1: one warm-up run, then opts.runs.
    const engine = JSON.parse(
      await page.evaluate(({ s, m, r }) => window.wasmBindings.workbench_bench(s, m, r), { s: opts.services, m: opts.months, r: opts.runs + 1 }),
    );
    // The first run warms caches (zones, calendars): left out of the figures.
    const a = stats(engine.agreement_ms.slice(1));
    const r = stats(engine.report_ms.slice(1));
    const workload = `${opts.services} services × ${opts.months} months = ${engine.target_periods} target-periods, ${engine.outages} outages`;
    console.log(`workload: ${workload}`);
    console.log(`agreement edit, in wasm (validate + align + report), ${opts.runs} runs: ${spread(a)} (warm-up ${ms(engine.agreement_ms[0])})`);
    console.log(`measurement or what-if edit, in wasm (report only), ${opts.runs} runs: ${spread(r)}`);
    summary.push(`recompute of ${workload}, ${opts.runs} runs:`);
    summary.push(`  agreement edit, in wasm (validate + align + report): ${spread(a)}`);
    summary.push(`  measurement or what-if edit, in wasm (report only): ${spread(r)}`);

    // Phase 2.
    const json = await page.evaluate(({ s, m }) => window.wasmBindings.workbench_bench_workspace(s, m), { s: opts.services, m: opts.months });
    const file = join(tmp, "bench.sla-workspace.json");
    writeFileSync(file, json);
    await page.locator("#tab-structure").waitFor();
    await page.setInputFiles("#open-file", file);
    await page.locator("#workbench-message", { hasText: "bench.sla-workspace.json: opened as the new workspace" }).waitFor({ timeout: 60_000 });
    await page.locator("#tab-report").click();
    await page.locator("#report-summary").waitFor();
    await page.locator(".what-if summary").click();
    await page.locator("#whatif-service").selectOption("s0");
    const ui = [];
    for (let run = 1; run <= opts.runs + 1; run++) {
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
    console.log(`edit → report shown (what-if minutes typed), ${opts.runs} runs after a warm-up: ${spread(u)}`);
    summary.push(`  edit → report shown (what-if minutes typed, through the UI): ${spread(u)}`);

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
  for (const line of summary) console.log(`perf: ${line}`);
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

  // Phase 3: one warm-up run, then `runs`.
  const edit = JSON.parse(
    await page.evaluate(({ n, r }) => window.wasmBindings.workbench_cell_edit_bench(n, r), { n: opts.large, r: runs + 1 }),
  );
  console.log(`cell edit in a workspace of ${edit.outages} outages, in wasm, ${runs} runs after a warm-up:`);
  summary.push(`cell edit in a workspace of ${edit.outages} outages, ${runs} runs:`);
  for (const [key, what] of [
    ["edit_ms", "edit through the reducer"],
    ["context_ms", "measurements view: suggestions"],
    ["timeline_ms", "measurements view: outage timeline (drawn after the tables)"],
    ["report_ms", "report (Report view only)"],
    ["save_ms", `autosave serialisation (${mb(edit.saved_bytes)}; after a pause, not per edit; in the page it runs in slices of at most 8 ms)`],
    ["undo_ms", "undo"],
  ]) {
    const st = stats(edit[key].slice(1));
    console.log(`  ${what}: ${spread(st)}`);
    if (key === "edit_ms" || key === "context_ms" || key === "report_ms") summary.push(`  in wasm, ${what}: ${spread(st)}`);
  }
  console.log(`  wasm memory grown over the edits: ${mb(edit.memory_growth_bytes)}; records held by undo: ${edit.undo_records}`);

  // Phase 4.
  const json = await page.evaluate(({ n }) => window.wasmBindings.workbench_bench_workspace_with(50, 12, n), { n: opts.large });
  const file = join(tmp, "large.sla-workspace.json");
  writeFileSync(file, json);
  const opened = Date.now();
  await page.setInputFiles("#open-file", file);
  // The message names the file: phase 2's message about bench.sla-workspace.json
  // is still on the page until this one replaces it, and editing that
  // workspace's cells while this one opens would lose the edits to the
  // opened workspace (the cells then never show them).
  await page.locator("#workbench-message", { hasText: "large.sla-workspace.json: opened as the new workspace" }).waitFor({ timeout: 300_000 });
  const openMs = Date.now() - opened;
  await page.locator("#tab-measurements").click();
  await page.locator("#outage-0-cause").waitFor({ timeout: 120_000 });
  // The tables show the opened workspace's outages.
  // (Paging shows past one page of rows, PAGE_ROWS = 50; the thousands are grouped as the page's locale does.)
  const total = new RegExp(`of ${String(opts.large).replace(/\B(?=(\d{3})+$)/g, "\\D?")}$`);
  if (opts.large > 50) await page.locator("#outages-rows", { hasText: total }).waitFor({ timeout: 120_000 });
  const memory = () =>
    page.evaluate(() => ({ wasm: window.__wasmMemory?.buffer.byteLength ?? null, heap: performance.memory?.usedJSHeapSize ?? null }));
  const before = await memory();
  // Long tasks from here on, to tell those of the autosave after the edits.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: "longtask" });
  });
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
    }, { id: `outage-${(run * 17) % 50}-cause`, text: `edit ${run}` });
    times.push(took);
  }
  // The autosave of the edits (once they pause): serialised in slices with
  // the page's turn between them, then written; its long tasks are those
  // after the last edit showed, until the page says all is saved.
  const editsEnded = await page.evaluate(() => performance.now());
  const saveStarted = Date.now();
  await page.locator("#save-status", { hasText: "All changes saved" }).waitFor({ timeout: 300_000 });
  const saveMs = Date.now() - saveStarted;
  const saveTasks = await page.evaluate((from) => window.__longTasks.filter((t) => t.start >= from), editsEnded);
  const saveLongest = saveTasks.reduce((m, t) => Math.max(m, t.ms), 0);
  const after = await memory();
  const u = stats(times);
  console.log(`cell edit → shown in a workspace of ${opts.large} outages (opened in ${(openMs / 1000).toFixed(1)} s), ${runs} runs: ${spread(u)}`);
  summary.push(`  cell edit → shown, through the UI: ${spread(u)} (the workspace opened once, in ${(openMs / 1000).toFixed(1)} s)`);
  const grown = (a, b) => (a === null || b === null ? "not readable" : `${mb(a)} → ${mb(b)}`);
  console.log(`  wasm memory ${grown(before.wasm, after.wasm)}; JS heap ${grown(before.heap, after.heap)}`);
  const saving = `saved ${(saveMs / 1000).toFixed(1)} s after the last edit showed (a pause of 0.5 s first); longest task meanwhile ${saveTasks.length ? `${Math.round(saveLongest)} ms (${saveTasks.length} over 50 ms)` : "none over 50 ms"}`;
  console.log(`  autosave of the edits (one run): ${saving}`);
  summary.push(`  autosave of the edits, through the UI (one run): ${saving}`);
  console.log(`  save status: ${await page.locator("#save-status").innerText()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
