// Deterministic generator of synthetic measurement CSVs for the import
// benchmark (scripts/import-bench.mjs). Benchmark tooling only: nothing here
// is shipped in dist/.
//
//   import { generateOutages, generateTickets } from "./gen-import-csv.mjs";
//   node scripts/gen-import-csv.mjs outages 1000000 out.csv
//   node scripts/gen-import-csv.mjs tickets 1000000 out.csv
//
// The same (rows, seed) always gives byte-identical output.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

/** mulberry32: a tiny 32-bit PRNG; returns a function giving floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [lo, hi] (inclusive). */
const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

// 10 × 5 = 50 service names.
const SYSTEMS = ["billing", "checkout", "search", "auth", "catalog", "payments", "mail", "storage", "reports", "gateway"];
const PARTS = ["api", "web", "db", "queue", "worker"];
const SERVICES = SYSTEMS.flatMap((s) => PARTS.map((p) => `${s}-${p}`));

const SUPPLIERS = ["Acme Hosting", "NetCo", "CloudCorp", "DataLine", "PowerGrid"];
const CAUSES = ["power failure", "network outage", "disk full", "config change", "certificate expired", "DNS issue", "memory leak", "DDoS", "database lock", "upstream timeout"];
// Causes written as quoted fields with a comma inside (about 5 % of rows).
const QUOTED_CAUSES = ['"power failure, rack 12"', '"network outage, core switch"', '"disk full, log volume"', '"config change, rolled back"', '"DNS issue, resolver A"'];

const MINUTE = 60_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);

/** `2026-03-05T10:00:00Z` (no milliseconds). */
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + "Z";

/** A start time on a whole minute in 2026, leaving `marginMin` minutes before the year ends. */
const startIn2026 = (rand, marginMin) => YEAR_START + int(rand, 0, (YEAR_END - YEAR_START) / MINUTE - marginMin - 1) * MINUTE;

/**
 * Joins generated lines into one Buffer. Lines are collected in chunks so
 * that no single JS string gets anywhere near the engine's string size limit.
 */
function build(header, rows, line) {
  const chunks = [Buffer.from(header + "\n")];
  let batch = [];
  for (let i = 0; i < rows; i++) {
    batch.push(line(i));
    if (batch.length === 50_000) {
      chunks.push(Buffer.from(batch.join("\n") + "\n"));
      batch = [];
    }
  }
  if (batch.length) chunks.push(Buffer.from(batch.join("\n") + "\n"));
  return Buffer.concat(chunks);
}

/** Outage CSV: service,start,end,impact,planned,supplier,cause */
export function generateOutages(rows, seed = 1) {
  const rand = prng(seed);
  return build("service,start,end,impact,planned,supplier,cause", rows, () => {
    const service = pick(rand, SERVICES);
    const start = startIn2026(rand, 240);
    const end = start + int(rand, 1, 240) * MINUTE;
    const impact = rand() < 0.1 ? "50" : "100";
    const planned = rand() < 0.05 ? "yes" : "no";
    // About one row in six has no supplier (an internal outage).
    const supplier = rand() < 1 / 6 ? "" : pick(rand, SUPPLIERS);
    const cause = rand() < 0.05 ? pick(rand, QUOTED_CAUSES) : pick(rand, CAUSES);
    return `${service},${iso(start)},${iso(end)},${impact},${planned},${supplier},${cause}`;
  });
}

/** Ticket CSV: id,service,priority,created,first_response,resolved */
export function generateTickets(rows, seed = 1) {
  const rand = prng(seed);
  return build("id,service,priority,created,first_response,resolved", rows, (i) => {
    const id = "INC" + String(i + 1).padStart(7, "0");
    const service = pick(rand, SERVICES);
    const priority = "P" + int(rand, 1, 4);
    const created = startIn2026(rand, 72 * 60);
    const firstResponse = created + int(rand, 1, 120) * MINUTE;
    // 3 % still open: empty resolved field.
    const resolved = rand() < 0.03 ? "" : iso(created + int(rand, 60, 72 * 60) * MINUTE);
    return `${id},${service},${priority},${iso(created)},${iso(firstResponse)},${resolved}`;
  });
}

// CLI: node scripts/gen-import-csv.mjs <outages|tickets> <rows> <out.csv> [seed]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [kind, rowsArg, out, seedArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const seed = seedArg === undefined ? 1 : Number(seedArg);
  const gen = { outages: generateOutages, tickets: generateTickets }[kind];
  if (!gen || !Number.isInteger(rows) || rows < 0 || !out || !Number.isInteger(seed)) {
    console.error("usage: node scripts/gen-import-csv.mjs <outages|tickets> <rows> <out.csv> [seed]");
    process.exit(2);
  }
  const buf = gen(rows, seed);
  writeFileSync(out, buf);
  console.log(`${kind}: ${rows} rows, ${buf.length} bytes -> ${out}`);
}
