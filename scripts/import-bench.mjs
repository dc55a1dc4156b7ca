// In-browser benchmark of our CSV measurement import against two JavaScript
// CSV parsers (PapaParse and uDSV), all in the same headless Chromium run.
//
//   node scripts/import-bench.mjs [--rows 1000000] [--runs 5] [--workbench-rows 100000]
//
// Normally run through `cargo xtask bench-import`, which builds dist/ first.
// Needs the built app in dist/ and Chromium (see tests/e2e/harness.mjs).
// The CSV files are generated in memory and handed to the page through
// page.route(), so nothing but 127.0.0.1 is ever contacted.
//
// Phase 1 times, per file (outages, tickets) and per run, inside the page:
//   ours       the import module's import_bench(bytes, kind): decode + parse +
//              typed validation + normalisation into engine records
//   PapaParse  TextDecoder + Papa.parse(text, { header: false }) (untyped)
//   uDSV       TextDecoder + inferSchema + initParser(schema).stringArrs(text)
// Per parser and file it prints the median, min and max of the runs, and
// ours against PapaParse and uDSV (median time ratio; >1 means ours is faster).
// Phase 2 runs the UI import of the outage file with a long-task probe, in
// the calculator's import panel (the whole file) and in the workbench's
// import module (the first --workbench-rows rows, default 100,000: the
// module hands every record to the workbench in parts of 512 records), and
// prints the longest task and when each long task started.
// Phase 1's figures are the median, min and max of --runs runs after one
// warm-up; the lines starting `perf: ` are what `cargo xtask perf` repeats
// in its summary.
//
// Exit code: 0 success, 1 failure, 2 no dist/ build or bad arguments.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, serve, launch, newPage, requests } from "../tests/e2e/harness.mjs";
import { generateOutages, generateTickets } from "./gen-import-csv.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const PAPA = join(root, "node_modules/papaparse/papaparse.min.js");
const UDSV = join(root, "node_modules/udsv/dist/uDSV.iife.min.js"); // defines the global `uDSV`
const SEED = 20260305;
const MB = 1_000_000;
const PART = 16 * 1024 * 1024; // bytes per routed response (see benchParsers)
/** The lines `cargo xtask perf` repeats in its closing summary. */
const perfLines = [];

// ---------------------------------------------------------------------------
// Arguments: --rows N, --runs N (also --rows=N).
function parseArgs(argv) {
  const opts = { rows: 1_000_000, runs: 5, "workbench-rows": 100_000 };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].split("=", 2);
    if (value === undefined) value = argv[++i];
    const name = key.replace(/^--/, "");
    if (!(name in opts) || !/^\d+$/.test(value ?? "") || Number(value) < 1) {
      console.error("usage: node scripts/import-bench.mjs [--rows 1000000] [--runs 5] [--workbench-rows 100000]");
      process.exit(2);
    }
    opts[name] = Number(value);
  }
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = 1) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------------------
// The timed bodies. Each runs inside the page (page.evaluate) on the
// ArrayBuffer kept in window.__bench[kind]; each returns { ms, rows, ... }.

/** Ours: wasm import into engine records. */
async function timeOurs(page, kind) {
  return page.evaluate((kind) => {
    const buf = window.__bench[kind];
    const t0 = performance.now();
    const json = window.__importModule.import_bench(new Uint8Array(buf), kind);
    const ms = performance.now() - t0;
    const r = JSON.parse(json);
    return { ms, rows: r.used, records: r.records, used: r.used, skipped: r.skipped, bytes: r.bytes };
  }, kind);
}

/** PapaParse: decode + untyped parse, no header handling, no workers. */
async function timePapa(page, kind) {
  return page.evaluate((kind) => {
    const buf = window.__bench[kind];
    const t0 = performance.now();
    const text = new TextDecoder().decode(buf);
    const res = Papa.parse(text, { header: false });
    const ms = performance.now() - t0;
    // Data rows: drop the header row and the empty row after the final newline.
    const data = res.data;
    const trailing = data.length && data[data.length - 1].length === 1 && data[data.length - 1][0] === "" ? 1 : 0;
    return { ms, rows: data.length - 1 - trailing, errors: res.errors.length };
  }, kind);
}

/** uDSV: decode + schema inference + untyped parse to string arrays (header skipped by uDSV). */
async function timeUdsv(page, kind) {
  return page.evaluate((kind) => {
    const buf = window.__bench[kind];
    const t0 = performance.now();
    const text = new TextDecoder().decode(buf);
    const schema = uDSV.inferSchema(text);
    const rows = uDSV.initParser(schema).stringArrs(text);
    const ms = performance.now() - t0;
    return { ms, rows: rows.length };
  }, kind);
}

/** One warm-up run, then `runs` timed runs; returns the per-run results. */
async function measure(page, fn, kind, runs) {
  await fn(page, kind);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await fn(page, kind));
  return results;
}

// ---------------------------------------------------------------------------
// Phase 1: parser throughput.
export async function benchParsers(browser, base, files, opts) {
  const { page, context, errors } = await newPage(browser, { serviceWorkers: "block", bypassCSP: true });
  try {
    // Serve the generated CSVs from memory; the URL is on the app's own origin.
    // (bypassCSP: the reference libraries are added as scripts, which the
    // page's CSP refuses.)
    // A file is sent in parts of PART bytes: a single ~85 MB body would exceed
    // the DevTools pipe's 100 MB message limit once base64-encoded.
    await page.route("**/__bench/*.csv*", (route) => {
      const url = new URL(route.request().url());
      const kind = url.pathname.split("/").pop().replace(/\.csv$/, "");
      const part = Number(url.searchParams.get("part"));
      const file = files[kind];
      if (!file || !Number.isInteger(part)) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ body: file.buf.subarray(part * PART, (part + 1) * PART), contentType: "text/csv" });
    });

    await page.goto(base);
    await page.waitForFunction(() => window.wasmBindings, null, { timeout: 60_000 });
    // The import is the calculator's module loaded after its first result
    // (import-panel.html); importing it again returns the same instance.
    const haveOurs = await page.evaluate(async () => {
      const meta = document.querySelector('meta[name="sla-lazy-import-panel"]');
      if (!meta) return false;
      window.__importModule = (await import(meta.content)).default;
      return typeof window.__importModule.import_bench === "function";
    });
    if (!haveOurs) console.log("WARNING: import_bench is not exported by this build; timing PapaParse and uDSV only.");

    await page.addScriptTag({ path: PAPA });
    await page.addScriptTag({ path: UDSV });

    // Fetch both files, part by part, into ArrayBuffers kept in window.__bench.
    for (const [kind, file] of Object.entries(files)) {
      const size = await page.evaluate(async ({ kind, total, partSize }) => {
        const bytes = new Uint8Array(total);
        for (let part = 0, at = 0; at < total; part++) {
          const res = await fetch(new URL(`__bench/${kind}.csv?part=${part}`, location.href));
          if (!res.ok) throw new Error(`${kind}.csv part ${part}: HTTP ${res.status}`);
          const chunk = new Uint8Array(await res.arrayBuffer());
          if (chunk.length === 0 || chunk.length > partSize) throw new Error(`${kind}.csv part ${part}: ${chunk.length} bytes`);
          bytes.set(chunk, at);
          at += chunk.length;
        }
        window.__bench ??= {};
        window.__bench[kind] = bytes.buffer;
        return bytes.byteLength;
      }, { kind, total: file.buf.length, partSize: PART });
      if (size !== file.buf.length) throw new Error(`${kind}.csv arrived with ${size} bytes, expected ${file.buf.length}`);
    }

    const report = { rows: opts.rows, runs: opts.runs, files: {} };
    for (const [kind, file] of Object.entries(files)) {
      console.log(`\n== ${kind}.csv: ${opts.rows.toLocaleString("en-US")} rows, ${fmt(file.buf.length / MB)} MB; median of ${opts.runs} runs after 1 warm-up ==`);
      const parsers = {};
      if (haveOurs) parsers.ours = await measure(page, timeOurs, kind, opts.runs);
      parsers.papaparse = await measure(page, timePapa, kind, opts.runs);
      parsers.udsv = await measure(page, timeUdsv, kind, opts.runs);

      // Sanity checks on what each parser returned.
      if (haveOurs) {
        const last = parsers.ours[parsers.ours.length - 1];
        if (last.used !== opts.rows) console.log(`WARNING: ours used ${last.used} of ${opts.rows} rows (records ${last.records}, skipped ${last.skipped})`);
        if (last.bytes !== file.buf.length) console.log(`WARNING: ours reports ${last.bytes} bytes, file has ${file.buf.length}`);
      }
      for (const name of ["papaparse", "udsv"]) {
        const last = parsers[name][parsers[name].length - 1];
        if (last.rows !== opts.rows) console.log(`WARNING: ${name} returned ${last.rows} rows, expected ${opts.rows}`);
        if (last.errors) console.log(`WARNING: ${name} reported ${last.errors} parse errors`);
      }

      // Table: parser, median, min and max ms, MB/s and rows/s at the median.
      const summary = {};
      console.log(`${"parser".padEnd(10)} ${"median ms".padStart(10)} ${"min ms".padStart(10)} ${"max ms".padStart(10)} ${"MB/s".padStart(8)} ${"rows/s".padStart(12)}`);
      for (const [name, runs] of Object.entries(parsers)) {
        const times = runs.map((r) => r.ms);
        const ms = median(times);
        const rows = runs[runs.length - 1].rows;
        summary[name] = {
          median_ms: Math.round(ms * 10) / 10,
          min_ms: Math.round(Math.min(...runs.map((r) => r.ms)) * 10) / 10,
          max_ms: Math.round(Math.max(...runs.map((r) => r.ms)) * 10) / 10,
          mb_per_s: Math.round((file.buf.length / MB / (ms / 1000)) * 10) / 10,
          rows_per_s: Math.round(rows / (ms / 1000)),
          rows,
          runs_ms: times.map((t) => Math.round(t * 10) / 10),
        };
        const s = summary[name];
        console.log(`${name.padEnd(10)} ${fmt(s.median_ms).padStart(10)} ${fmt(s.min_ms).padStart(10)} ${fmt(s.max_ms).padStart(10)} ${fmt(s.mb_per_s).padStart(8)} ${s.rows_per_s.toLocaleString("en-US").padStart(12)}`);
      }
      const line = Object.entries(summary)
        .map(([name, s]) => `${name} ${fmt(s.median_ms)} ms (${fmt(s.min_ms)}–${fmt(s.max_ms)}), ${fmt(s.mb_per_s)} MB/s`)
        .join("; ");
      perfLines.push(`${kind}.csv, ${opts.rows.toLocaleString("en-US")} rows (${fmt(file.buf.length / MB)} MB), ${opts.runs} runs, median (min–max): ${line}`);
      // Ratios: how many times faster ours is (>1 = ours faster, <1 = ours slower).
      if (haveOurs) {
        summary.ours_vs_papaparse = Math.round((summary.papaparse.median_ms / summary.ours.median_ms) * 100) / 100;
        summary.ours_vs_udsv = Math.round((summary.udsv.median_ms / summary.ours.median_ms) * 100) / 100;
        console.log(`ours vs PapaParse ×${fmt(summary.ours_vs_papaparse, 2)}, ours vs uDSV ×${fmt(summary.ours_vs_udsv, 2)} (median time ratio; >1 means ours is faster)`);
        perfLines.push(`  ours vs PapaParse ×${fmt(summary.ours_vs_papaparse, 2)}, ours vs uDSV ×${fmt(summary.ours_vs_udsv, 2)} (median time ratio; >1: ours is faster)`);
      }
      report.files[kind] = { bytes: file.buf.length, ...summary };
    }
    if (errors.length) console.log(`page errors:\n  ${errors.join("\n  ")}`);
    return { report, haveOurs };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Phase 2: a UI import of an outage file, with a long-task / frame-gap probe.
// `where`: "calculator" (index.html's import panel) or "workbench" (the
// Measurements view's import module; done when the workbench's outage table
// has taken the records in).
export async function benchUi(browser, base, outages, where = "calculator") {
  const { page, context, errors } = await newPage(browser, { serviceWorkers: "block" });
  // setInputFiles refuses in-memory buffers over 50 MB, so go through a temp file.
  const dir = mkdtempSync(join(tmpdir(), "import-bench-"));
  const label = where === "workbench" ? "the workbench's import module" : "the calculator's import panel";
  try {
    if (where === "workbench") {
      await page.goto(new URL("workbench.html", base).href);
      await page.locator("#tab-measurements").waitFor({ timeout: 60_000 });
      await page.locator("#tab-measurements").click();
    } else {
      await page.goto(base);
    }
    await page.waitForFunction(() => window.wasmBindings, null, { timeout: 60_000 });
    try {
      await page.locator("#import-file").waitFor({ state: "attached", timeout: 60_000 });
    } catch {
      console.log(`\nUI import (${label}): not available in this build`);
      return null;
    }
    const outagesBefore = where === "workbench" ? await page.locator("#outages-title").innerText() : null;

    // The probe: long tasks (buffered, so none are missed) with their start,
    // and the largest gap between animation frames.
    await page.evaluate(() => {
      const probe = (window.__probe = { tasks: [], maxGap: 0, running: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: "longtask", buffered: true });
      let last = performance.now();
      const frame = (now) => {
        probe.maxGap = Math.max(probe.maxGap, now - last);
        last = now;
        if (probe.running) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

    const path = join(dir, "outages.csv");
    writeFileSync(path, outages);
    const mark = () => page.evaluate(() => performance.now());
    const pChosen = await mark();
    const t0 = performance.now();
    await page.setInputFiles("#import-file", path);
    await page.waitForFunction(() => {
      const b = document.querySelector("#import-start");
      return b && !b.disabled;
    }, null, { timeout: 600_000 });
    const tReady = performance.now();
    const pClick = await mark();
    await page.click("#import-start");
    await page.locator("#import-summary").waitFor({ state: "visible", timeout: 600_000 });
    const tSummary = performance.now();
    const pSummary = await mark();
    if (where === "workbench") {
      await page.locator("#outages-title").filter({ hasNotText: outagesBefore }).waitFor({ timeout: 600_000 });
    }
    const tDone = performance.now();

    // Let the observer deliver the last entries, then stop the frame loop.
    const probe = await page.evaluate(async () => {
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 100)));
      window.__probe.running = false;
      return window.__probe;
    });
    const tasks = probe.tasks.filter((t) => t.start + t.ms >= pChosen);
    const longest = tasks.reduce((m, t) => Math.max(m, t.ms), 0);
    const at = (t) => {
      const phase = t.start < pClick ? "after the file was chosen" : t.start < pSummary ? "after the click" : "after the summary showed";
      const from = t.start < pClick ? pChosen : t.start < pSummary ? pClick : pSummary;
      return `${Math.round(t.ms)} ms at +${Math.round(t.start - from)} ms ${phase}`;
    };

    const ui = {
      page: where,
      file_bytes: outages.length,
      total_ms: Math.round(tDone - t0),
      select_to_enabled_ms: Math.round(tReady - t0),
      click_to_summary_ms: Math.round(tSummary - tReady),
      summary_to_tables_ms: where === "workbench" ? Math.round(tDone - tSummary) : null,
      longest_long_task_ms: tasks.length ? Math.round(longest) : null,
      long_tasks: tasks.length,
      long_tasks_ms: tasks.map((t) => Math.round(t.ms)),
      max_frame_gap_ms: Math.round(probe.maxGap),
    };
    console.log(`\n== UI import of outages.csv (${fmt(outages.length / MB)} MB) in ${label} ==`);
    console.log(`total time          ${ui.total_ms} ms (file chosen → button enabled ${ui.select_to_enabled_ms} ms, click → summary ${ui.click_to_summary_ms} ms${where === "workbench" ? `, summary → the workbench's tables ${ui.summary_to_tables_ms} ms` : ""})`);
    console.log(`longest long task   ${tasks.length ? `${ui.longest_long_task_ms} ms (${tasks.length} long tasks)` : "none over 50 ms"}`);
    for (const t of [...tasks].sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(`  long task ${at(t)}`);
    console.log(`largest frame gap   ${ui.max_frame_gap_ms} ms`);
    perfLines.push(`UI import of outages.csv in ${label} (one run): ${ui.total_ms} ms; longest task ${ui.long_tasks ? `${ui.longest_long_task_ms} ms` : "none over 50 ms"}; largest frame gap ${ui.max_frame_gap_ms} ms`);
    const summary = await page.locator("#import-summary").innerText();
    console.log(`summary: ${summary.replace(/\s+/g, " ").trim().slice(0, 300)}`);
    if (errors.length) console.log(`page errors:\n  ${errors.join("\n  ")}`);
    return ui;
  } finally {
    await context.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(DIST, "index.html"))) {
    console.error("dist/index.html not found: run `cargo xtask bench-import` (it builds dist/ first)");
    process.exit(2);
  }

  console.log(`generating ${opts.rows.toLocaleString("en-US")} rows per file (seed ${SEED})…`);
  const files = {
    outages: { buf: generateOutages(opts.rows, SEED) },
    tickets: { buf: generateTickets(opts.rows, SEED) },
  };

  let server, browser;
  let ok = true;
  try {
    server = await serve();
    browser = await launch();
    console.log(`Chromium ${browser.version()}, app at ${server.url}`);

    const { report, haveOurs } = await benchParsers(browser, server.url, files, opts);
    if (!haveOurs) ok = false;
    report.ui = await benchUi(browser, server.url, files.outages.buf, "calculator");
    const workbenchRows = Math.min(opts.rows, opts["workbench-rows"]);
    const workbenchFile = workbenchRows === opts.rows ? files.outages.buf : generateOutages(workbenchRows, SEED);
    report.ui_workbench = await benchUi(browser, server.url, workbenchFile, "workbench");

    // Every request must have stayed on 127.0.0.1.
    const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(u));
    if (outside.length) {
      console.log(`ERROR: requests left 127.0.0.1:\n  ${outside.join("\n  ")}`);
      ok = false;
    }

    report.ours_available = haveOurs;
    console.log("\n" + JSON.stringify(report));
    if (!haveOurs) console.log("\nimport_bench is not exported by this build: only PapaParse and uDSV were timed.");
  } catch (e) {
    console.error(`import-bench failed: ${e.stack ?? e}`);
    ok = false;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.close().catch(() => {});
  }
  for (const line of perfLines) console.log(`perf: ${line}`);
  process.exit(ok ? 0 : 1);
}

// Run only when invoked as a script (the phases are exported for testing).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
