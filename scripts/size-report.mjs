// Size report of a built dist/: raw, gzip (level 9) and brotli (quality 11)
// per file and in total; then each page's first load (the page and the files
// it links to), checked against budget.json. Exits 1 over budget.
//
//   node scripts/size-report.mjs dist
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const budget = JSON.parse(readFileSync(new URL("../budget.json", import.meta.url), "utf8"));

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) continue; // trunk's build lock, not served
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const rows = [];
for (const path of files(dist)) {
  const bytes = readFileSync(path);
  rows.push({
    file: relative(dist, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  });
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
// Each page's first load: the page and the files it links to (stylesheet,
// JS glue, wasm), each counted once, as a first visit downloads them.
const byFile = new Map(rows.map((r) => [r.file, r]));
let over = false;
for (const [page, limit] of Object.entries(budget.first_load_brotli_bytes_per_page)) {
  const html = readFileSync(join(dist, page), "utf8");
  const files = new Set([page]);
  for (const match of html.matchAll(/(?:href|src)\s*=\s*["']?([^"'\s>]+)/g)) {
    const name = match[1].replace(/^\.\//, "").split(/[?#]/)[0];
    // Links to the other pages are navigation, not part of this page's load.
    if (byFile.has(name) && !name.endsWith(".html")) files.add(name);
  }
  const brotli = [...files].reduce((sum, f) => sum + byFile.get(f).brotli, 0);
  const verdict = brotli <= limit ? "within" : "OVER";
  if (brotli > limit) over = true;
  console.log(`first load of ${page} (${[...files].join(", ")}), brotli: ${brotli} bytes, ${verdict} its budget of ${limit} bytes (${(limit / 1024).toFixed(0)} KB)`);
}
process.exit(over ? 1 : 0);
