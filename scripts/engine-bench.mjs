// The engine's native benchmarks (`cargo bench -p sla-engine --bench
// engine`, criterion) with their figures read back from criterion's own
// records, so that `cargo xtask perf` prints them as the other benchmarks:
// per benchmark, the median, min and max of its samples (criterion's
// samples: each the mean time of one batch of iterations; 10 per
// benchmark), and the issue's goals beside them:
//
// - availability over 1,000,000 outages: at least 10 M outages/s;
// - a one-period report with stateful terms (December alone) costs at most
//   1/6 of the twelve-month one.
//
// The report group also times the whole report over 300,000 outages and
// over 120,000 outages of services no target counts (each left out, with
// its place and reason).
//
//   node scripts/engine-bench.mjs [--smoke]
//
// `--smoke` gives criterion a short warm-up and measurement time: each
// benchmark still runs its 10 samples (criterion's least), over fewer
// iterations. The figures are then not worth quoting; the run checks that
// the benchmarks build, run and write what this script reads.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { spread } from "./load-bench.mjs";

const GROUPS = ["availability", "tickets", "report"];
const OUTAGES_PER_S_GOAL = 10e6;
const ONE_PERIOD_GOAL = 1 / 6;

const smoke = process.argv.includes("--smoke");
for (const arg of process.argv.slice(2)) {
  if (arg !== "--smoke") {
    console.error("usage: node scripts/engine-bench.mjs [--smoke]");
    process.exit(2);
  }
}

// Criterion writes under the target directory: CARGO_TARGET_DIR as the
// bench (run in crates/engine) sees it, else the workspace's target/.
const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const target = process.env.CARGO_TARGET_DIR ? resolve(root, "crates/engine", process.env.CARGO_TARGET_DIR) : join(root, "target");
const records = join(target, "criterion");
// Only what this run writes is read: earlier runs' records (and baselines
// saved with --save-baseline) stay where they are, and are left out by
// their time.
const started = Date.now() - 1000;

const args = ["bench", "-p", "sla-engine", "--bench", "engine", "--"];
if (smoke) args.push("--warm-up-time", "0.1", "--measurement-time", "0.1");
console.log(`cargo ${args.join(" ")}`);
const run = spawnSync("cargo", args, { stdio: "inherit", cwd: root });
if (run.status !== 0) {
  console.error(`engine-bench: cargo bench failed (${run.error ?? `exit ${run.status}`})`);
  process.exit(1);
}

/** Every benchmark criterion recorded in this run: its id, throughput and per-iteration times (ns). */
function recorded() {
  const found = [];
  for (const group of GROUPS) {
    const dir = join(records, group);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const run = join(dir, entry.name, "new");
      if (!entry.isDirectory() || !existsSync(join(run, "sample.json"))) continue;
      if (statSync(join(run, "sample.json")).mtimeMs < started) continue;
      const about = JSON.parse(readFileSync(join(run, "benchmark.json"), "utf8"));
      const sample = JSON.parse(readFileSync(join(run, "sample.json"), "utf8"));
      const times = sample.iters.map((n, i) => sample.times[i] / n);
      found.push({ group, id: about.function_id, elements: about.throughput?.Elements ?? null, times });
    }
  }
  return found;
}

const benches = recorded();
const missing = GROUPS.filter((g) => !benches.some((b) => b.group === g));
if (missing.length > 0) {
  console.error(`engine-bench: criterion recorded nothing for ${missing.join(", ")} under ${records}`);
  process.exit(1);
}

const ms = (ns) => (ns / 1e6).toLocaleString("en-US", { maximumFractionDigits: ns < 1e7 ? 2 : 1 });
const millionsPerS = (elements, ns) => ((elements / ns) * 1e3).toLocaleString("en-US", { maximumFractionDigits: 1 });
const lines = [];
const stats = new Map();
for (const b of benches.sort((x, y) => GROUPS.indexOf(x.group) - GROUPS.indexOf(y.group) || x.id.localeCompare(y.id))) {
  const st = spread(b.times);
  stats.set(`${b.group}/${b.id}`, st);
  let line = `${b.group}/${b.id}: ${ms(st.median)} ms (${ms(st.min)}–${ms(st.max)}), ${st.n} samples`;
  if (b.elements !== null && b.group !== "report") line += `; ${millionsPerS(b.elements, st.median)} M/s (${millionsPerS(b.elements, st.max)}–${millionsPerS(b.elements, st.min)})`;
  if (b.group === "availability") {
    const perS = (b.elements / st.median) * 1e9;
    line += `; goal ≥ 10 M outages/s: ${perS >= OUTAGES_PER_S_GOAL ? "met" : "MISSED"}`;
  }
  lines.push(line);
}
const year = stats.get("report/stateful terms, 50 services x 12 months");
const december = stats.get("report/stateful terms, 50 services x 1 month (December)");
if (year && december) {
  const ratio = december.median / year.median;
  lines.push(
    `report with stateful terms: December alone / twelve months = ${ratio.toFixed(2)} (medians); goal ≤ 1/6 (${ONE_PERIOD_GOAL.toFixed(2)}): ${ratio <= ONE_PERIOD_GOAL ? "met" : "MISSED"}`,
  );
}

console.log(`\nperf: engine, native (criterion; per iteration, median (min–max) of its samples${smoke ? "; smoke: short measurement, not worth quoting" : ""})`);
for (const line of lines) console.log(`perf:   ${line}`);
