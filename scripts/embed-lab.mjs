// The embed's first load in the lab, against the built dist/ (after
// `cargo xtask build --release`): the time until its first result shows,
// its total blocking time and its longest task, on the mobile profile
// (150 ms round trip, 1.6 Mbit/s down, CPU 4x slower) and on desktop (no
// throttling). The cache is off: every run is a first visit. The terms come
// in the fragment (examples/vendor-page/terms.json); the result is the
// summary line the wasm writes (`#embed-summary`). A page's first load is
// everything fetched before that line shows (listed after each run).
//
//   node scripts/embed-lab.mjs [runs]      (default 3 runs per profile)
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch } from "../tests/e2e/harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.argv[2] ?? 3);
const PROFILES = [
  { name: "mobile", latency: 150, down: (1.6e6 / 8), up: (750e3 / 8), cpu: 4 },
  { name: "desktop", latency: 0, down: -1, up: -1, cpu: 1 },
];
const terms = Buffer.from(readFileSync(join(ROOT, "examples/vendor-page/terms.json"))).toString("base64url");

const server = await serve();
const browser = await launch();
try {
  for (const profile of PROFILES) {
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
      // Long tasks from the very start of the page.
      // Long tasks from the very start of the page, and the moment the
      // result's line first has text (measured in the page, not polled).
      await context.addInitScript(() => {
        window.__tasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: "longtask", buffered: true });
        new MutationObserver((_, observer) => {
          if (document.getElementById("embed-summary")?.textContent) {
            window.__result = performance.now();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: profile.latency,
        downloadThroughput: profile.down,
        uploadThroughput: profile.up,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
      await page.goto(`${server.url}embed.html#terms=${terms}&month=2026-07`, { waitUntil: "commit" });
      // The result, computed by the wasm; the prerendered first screen's paint.
      await page.waitForFunction(() => window.__result, null, { timeout: 60_000 });
      const { painted, result } = await page.evaluate(() => ({
        painted: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
        result: window.__result,
      }));
      const { tasks, fetched } = await page.evaluate((until) => ({
        tasks: window.__tasks.filter((t) => t.start < until),
        fetched: performance.getEntriesByType("resource").filter((r) => r.startTime < until).map((r) => r.name.split("/").pop()),
      }), result);
      const blocking = tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
      const longest = tasks.reduce((max, t) => Math.max(max, t.duration), 0);
      console.log(
        `${profile.name} run ${run}: first paint (prerendered fields) at ${painted.toFixed(0)} ms, result at ${result.toFixed(0)} ms, ` +
          `total blocking time ${blocking.toFixed(0)} ms, longest task ${longest.toFixed(0)} ms ` +
          `(${tasks.length} tasks over 50 ms; fetched ${fetched.join(", ")})`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
