// Size report of a built dist/: raw, gzip (level 9) and brotli (quality 11)
// per file and in total; then each page's first load (the page and the files
// it links to), checked against budget.json. Exits 1 over budget.
//
//   node scripts/size-report.mjs dist
//
// `sizes(dist)` and `firstLoads(dist)` are exported for the load benchmark
// (scripts/load-bench.mjs), which prints this static figure beside what a
// browser fetched.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

export const budget = JSON.parse(readFileSync(new URL("../budget.json", import.meta.url), "utf8"));

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) continue; // trunk's build lock, not served
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** `bytes` brotli-compressed at quality 11, as this report counts it. */
export function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

/** Every file of `dist` with its raw, gzip and brotli sizes. */
export function sizes(dist) {
  const rows = [];
  for (const path of files(dist)) {
    const bytes = readFileSync(path);
    rows.push({
      file: relative(dist, path),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotli(bytes).length,
    });
  }
  return rows;
}

/**
 * Each budgeted page's first load: the page and the files it links to
 * (stylesheet, JS glue, wasm), each counted once, as a first visit
 * downloads them. `{ page: { files, brotli, limit } }`.
 */
export function firstLoads(dist, rows = sizes(dist)) {
  const byFile = new Map(rows.map((r) => [r.file, r]));
  const loads = {};
  for (const [page, limit] of Object.entries(budget.first_load_brotli_bytes_per_page)) {
    const html = readFileSync(join(dist, page), "utf8");
    const linked = new Set([page]);
    for (const match of html.matchAll(/(?:href|src)\s*=\s*["']?([^"'\s>]+)/g)) {
      const name = match[1].replace(/^\.\//, "").split(/[?#]/)[0];
      // Links to the other pages are navigation, not part of this page's load.
      if (byFile.has(name) && !name.endsWith(".html")) linked.add(name);
    }
    const bytes = [...linked].reduce((sum, f) => sum + byFile.get(f).brotli, 0);
    loads[page] = { files: [...linked], brotli: bytes, limit };
  }
  return loads;
}

function main() {
  const dist = process.argv[2] ?? "dist";
  let rows;
  try {
    rows = sizes(dist);
  } catch {
    rows = [];
  }
  if (rows.length === 0) {
    console.error(`size report: ${dist} is empty or missing; build first`);
    process.exit(1);
  }
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
  const width = Math.max(...rows.map((r) => r.file.length), 5);
  console.log(`${"file".padEnd(width)}  ${"raw".padStart(11)}  ${"gzip".padStart(11)}  ${"brotli".padStart(11)}`);
  for (const r of rows) console.log(`${r.file.padEnd(width)}  ${kb(r.raw)}  ${kb(r.gzip)}  ${kb(r.brotli)}`);
  console.log(`${"total".padEnd(width)}  ${kb(total.raw)}  ${kb(total.gzip)}  ${kb(total.brotli)}`);
  let over = false;
  for (const [page, load] of Object.entries(firstLoads(dist, rows))) {
    const verdict = load.brotli <= load.limit ? "within" : "OVER";
    if (load.brotli > load.limit) over = true;
    console.log(`first load of ${page} (${load.files.join(", ")}), brotli: ${load.brotli} bytes, ${verdict} its budget of ${load.limit} bytes (${(load.limit / 1024).toFixed(0)} KB)`);
  }
  process.exit(over ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
