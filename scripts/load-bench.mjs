// Load benchmark of the built pages in headless Chromium: each page's cold
// load on a mobile lab profile and on the desktop, and the bytes it fetched
// before its first result showed.
//
//   node scripts/load-bench.mjs [--runs 5] [--dist dist] [--pages index.html,embed.html]
//
// Normally run through `cargo xtask perf`, which builds dist/ first. What
// each figure means, and the profile, are in docs/performance.md.
//
// dist/ is served on 127.0.0.1 with its text and wasm files brotli-compressed
// (content-encoding: br, compressed once at start, as a static host with
// precompressed files serves them). Every run is a cold load: a fresh browser
// context (no cache, no cookies or storage) with service workers blocked.
//
//   mobile   150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up
//            (Network.emulateNetworkConditions), CPU 4x slower
//            (Emulation.setCPUThrottlingRate), a 375 × 812 viewport
//   desktop  no throttling, 1280 × 800
//
// Per run, from the page's own clock (performance.now(), 0 = navigation):
//   first paint   first-contentful-paint
//   result shown  the animation frame after the page's first result holds its
//                 value (tests/e2e/views.mjs: `shown`, checked after every
//                 change of the DOM, never on a timer)
//   settled       the last change of the DOM (or the result's frame, if
//                 later), once neither the DOM nor the network has moved for
//                 quietMs (2 s mobile, 1 s desktop)
//   TBT           sum over long tasks of (duration - 50 ms), the part between
//                 first paint and settled (as Lighthouse clips it)
//   longest task  the longest task from navigation to settled
//   first load    brotli bytes of every response requested before the result
//                 showed (Resource Timing's encodedBodySize, the page included)
//
// Goals (from the issue on weight and speed) are printed beside the medians;
// a miss is reported, never a failure: this is a benchmark, not a test.
// Exit code: 0 the runs completed, 1 a run failed, 2 no dist/ build or bad arguments.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, serve, launch, requests } from "../tests/e2e/harness.mjs";
import { VIEWS } from "../tests/e2e/views.mjs";
import { firstLoads } from "./size-report.mjs";

const KB = 1024;
/** The pages measured, their first view (tests/e2e/views.mjs) and the goals. */
export const PAGES = [
  { view: "calculator", resultGoalMs: 1500, bytesGoal: 150 * KB },
  { view: "workbench-report", resultGoalMs: 2600, bytesGoal: 300 * KB },
  { view: "embed", resultGoalMs: 1500, bytesGoal: 100 * KB },
  { view: "compare", resultGoalMs: 1500, bytesGoal: 150 * KB },
].map((p) => ({ ...p, ...VIEWS.find((v) => v.name === p.view) }));
const TBT_GOAL_MS = 150;
const DESKTOP_TASK_GOAL_MS = 50;

export const PROFILES = {
  mobile: {
    viewport: { width: 375, height: 812 },
    // Bytes per second, as the DevTools protocol takes them.
    network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
    cpu: 4,
    quietMs: 2000,
  },
  desktop: { viewport: { width: 1280, height: 800 }, network: null, cpu: 1, quietMs: 1000 },
};
/** A run that has not settled by then is reported as such. */
const SETTLE_CAP_MS = 60_000;
const RESULT_TIMEOUT_MS = 60_000;

function parseArgs(argv) {
  const opts = { runs: 5, dist: DIST, pages: PAGES.map((p) => p.page) };
  const usage = () => {
    console.error("usage: node scripts/load-bench.mjs [--runs 5] [--dist dist] [--pages index.html,embed.html]");
    process.exit(2);
  };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].split("=", 2);
    if (value === undefined) value = argv[++i];
    if (value === undefined) usage();
    if (key === "--runs" && /^\d+$/.test(value) && Number(value) >= 1) opts.runs = Number(value);
    else if (key === "--dist") opts.dist = resolve(value);
    else if (key === "--pages") {
      opts.pages = value.split(",").filter(Boolean);
      const unknown = opts.pages.filter((p) => !PAGES.some((q) => q.page === p));
      if (unknown.length || opts.pages.length === 0) {
        console.error(`--pages: not a measured page: ${unknown.join(", ") || "(none)"}; the pages are ${PAGES.map((p) => p.page).join(", ")}`);
        process.exit(2);
      }
    } else usage();
  }
  return opts;
}

/**
 * The probe installed in the page before any of its scripts: a mutation
 * observer that notes the last change of the DOM and the first frame in which
 * `shown()` holds, and a long-task observer. `shown` is the view's predicate,
 * spliced in as source (the pages' CSP allows no eval).
 */
function probeSource(shown) {
  return `(() => {
    const shown = ${shown.toString()};
    const probe = (window.__load = { resultAt: null, resultDomAt: null, lastChangeAt: 0, tasks: [] });
    const check = () => {
      probe.lastChangeAt = performance.now();
      if (probe.resultDomAt === null && shown()) {
        probe.resultDomAt = performance.now();
        requestAnimationFrame(() => { probe.resultAt = performance.now(); });
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  })();`;
}

/** Blocking time of `tasks` inside [from, to]: each task's part after its first 50 ms. */
export function blockingTime(tasks, from, to) {
  let sum = 0;
  for (const { start, duration } of tasks) {
    const blockedFrom = Math.max(start + 50, from);
    const blockedTo = Math.min(start + duration, to);
    if (blockedTo > blockedFrom) sum += blockedTo - blockedFrom;
  }
  return sum;
}

/** One cold load of `target` with `profile`; the figures of that run. */
async function coldLoad(browser, base, target, profile) {
  const context = await browser.newContext({ viewport: profile.viewport, serviceWorkers: "block" });
  const inflight = new Set();
  context.on("request", (r) => {
    requests.push(r.url());
    inflight.add(r);
  });
  const done = (r) => inflight.delete(r);
  context.on("requestfinished", done);
  context.on("requestfailed", done);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    if (profile.network) await cdp.send("Network.emulateNetworkConditions", profile.network);
    if (profile.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    await page.addInitScript({ content: probeSource(target.shown) });

    await page.goto(base + target.path, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__load?.resultAt != null, null, { timeout: RESULT_TIMEOUT_MS, polling: 100 });

    // Settled: neither the DOM nor the network has moved for quietMs.
    let settled = true;
    for (;;) {
      const { now, lastChangeAt } = await page.evaluate(() => ({ now: performance.now(), lastChangeAt: window.__load.lastChangeAt }));
      if (inflight.size === 0 && now - lastChangeAt >= profile.quietMs) break;
      if (now >= SETTLE_CAP_MS) {
        settled = false;
        break;
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }

    const run = await page.evaluate(() => {
      const probe = window.__load;
      const nav = performance.getEntriesByType("navigation")[0];
      const fetched = [nav, ...performance.getEntriesByType("resource")].map((e) => ({
        name: e.name,
        start: e.startTime,
        encoded: e.encodedBodySize,
        decoded: e.decodedBodySize,
      }));
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
      // Settled: the last change, or the frame that shows the result if that came later.
      const settledAt = Math.max(probe.lastChangeAt, probe.resultAt);
      return { fcp, resultAt: probe.resultAt, settledAt, tasks: probe.tasks, fetched };
    });
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    // Every text or wasm file must have come compressed: otherwise the bytes
    // and the times measure another site than the one a host would serve.
    const plain = run.fetched.filter((f) => /\.(html|js|wasm|css|json)(?:[?#]|$)/.test(new URL(f.name).pathname) && f.decoded > 1024 && f.encoded >= f.decoded);
    if (plain.length) throw new Error(`not served brotli-compressed: ${plain.map((f) => f.name).join(", ")}`);
    const before = run.fetched.filter((f) => f.start < run.resultAt);
    return {
      fcp: run.fcp,
      result: run.resultAt,
      settled: settled ? run.settledAt : null,
      tbt: run.fcp === null ? null : blockingTime(run.tasks, run.fcp, run.settledAt),
      tbtToResult: run.fcp === null ? null : blockingTime(run.tasks, run.fcp, run.resultAt),
      longest: run.tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      bytes: before.reduce((sum, f) => sum + f.encoded, 0),
      files: before.map((f) => new URL(f.name).pathname.split("/").pop() || target.page),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/** Median, min and max of `xs` (nulls left out); null when none is left. */
export function spread(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
}

const int = (x) => Math.round(x).toLocaleString("en-US");
const msOf = (st) => (st ? `${int(st.median)} ms (${int(st.min)}–${int(st.max)})` : "none");
const kbOf = (st) => (st ? `${(st.median / KB).toFixed(1)} KB (${(st.min / KB).toFixed(1)}–${(st.max / KB).toFixed(1)})` : "none");
const goal = (value, limit, unit) => (value === null ? `goal ≤ ${limit} ${unit}: not measured` : `goal ≤ ${limit} ${unit}: ${value <= limit ? "met" : "MISSED"}`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(opts.dist, "index.html"))) {
    console.error(`${opts.dist}/index.html not found: run \`cargo xtask perf\` (it builds dist/ first)`);
    process.exit(2);
  }
  const statics = firstLoads(opts.dist);
  const targets = PAGES.filter((p) => opts.pages.includes(p.page));
  let server, browser;
  const summary = [];
  let ok = true;
  try {
    server = await serve(opts.dist, { brotli: true });
    browser = await launch();
    console.log(`Chromium ${browser.version()}, ${opts.dist} served with brotli at ${server.url}`);
    console.log(`${opts.runs} cold run(s) per page and profile; median (min–max); goals judged on the median`);
    for (const target of targets) {
      const runs = { mobile: [], desktop: [] };
      for (let i = 0; i < opts.runs; i++) {
        for (const name of ["mobile", "desktop"]) runs[name].push(await coldLoad(browser, server.url, target, PROFILES[name]));
      }
      const m = (key) => spread(runs.mobile.map((r) => r[key]));
      const d = (key) => spread(runs.desktop.map((r) => r[key]));
      const bytes = spread(runs.mobile.map((r) => r.bytes));
      const fixed = statics[target.page];
      const result = m("result");
      const tbt = m("tbt");
      const longestDesktop = d("longest");
      const unsettled = [...runs.mobile, ...runs.desktop].filter((r) => r.settled === null).length;
      console.log(`\n== ${target.page} (${target.view}: ${target.result})`);
      console.log(`first load before the result (mobile)  ${kbOf(bytes)}; size-report's static first load ${(fixed.brotli / KB).toFixed(1)} KB; ${goal(bytes.median / KB, target.bytesGoal / KB, "KB")}`);
      console.log(`  files: ${[...new Set(runs.mobile.flatMap((r) => r.files))].join(", ")}`);
      console.log(`mobile   first paint   ${msOf(m("fcp"))}`);
      console.log(`         result shown  ${msOf(result)}; ${goal(result?.median ?? null, target.resultGoalMs, "ms")}`);
      console.log(`         settled       ${msOf(m("settled"))}`);
      console.log(`         TBT           ${msOf(tbt)} (first paint → settled; → result shown: ${msOf(m("tbtToResult"))}); ${goal(tbt?.median ?? null, TBT_GOAL_MS, "ms")}`);
      console.log(`         longest task  ${msOf(m("longest"))}`);
      console.log(`desktop  result shown  ${msOf(d("result"))}; settled ${msOf(d("settled"))}`);
      console.log(`         longest task  ${msOf(longestDesktop)} (0: none over 50 ms); ${goal(longestDesktop?.median ?? null, DESKTOP_TASK_GOAL_MS, "ms")}`);
      if (unsettled) console.log(`         ${unsettled} run(s) had not settled ${SETTLE_CAP_MS / 1000} s after navigation: their last change is left out`);
      summary.push(
        `${target.page.padEnd(15)} first load ${kbOf(bytes)} [static ${(fixed.brotli / KB).toFixed(1)} KB] ${goal(bytes.median / KB, target.bytesGoal / KB, "KB")}`,
        `${"".padEnd(15)} mobile: result shown ${msOf(result)} ${goal(result?.median ?? null, target.resultGoalMs, "ms")}; TBT ${msOf(tbt)} ${goal(tbt?.median ?? null, TBT_GOAL_MS, "ms")}`,
        `${"".padEnd(15)} mobile: first paint ${msOf(m("fcp"))}, settled ${msOf(m("settled"))}, longest task ${msOf(m("longest"))}`,
        `${"".padEnd(15)} desktop: longest task ${msOf(longestDesktop)} ${goal(longestDesktop?.median ?? null, DESKTOP_TASK_GOAL_MS, "ms")}`,
      );
    }
    const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(u));
    if (outside.length) throw new Error(`requests left 127.0.0.1: ${outside.join(", ")}`);
  } catch (e) {
    console.error(`load-bench failed: ${e.stack ?? e}`);
    ok = false;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.close().catch(() => {});
  }
  // The lines `cargo xtask perf` repeats in its closing summary.
  console.log(`\nperf: load (${opts.runs} cold run(s) per page and profile; mobile: 150 ms RTT, 1.6 Mbit/s down, CPU 4x slower; median (min–max))`);
  for (const line of summary) console.log(`perf:   ${line}`);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
