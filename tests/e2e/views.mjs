// Every page and view of the site, and how to reach each from a fresh
// browser, waiting on what it shows (never on time). Shared by the layout
// check (layout.test.mjs) and the README's screenshots
// (scripts/screenshots.mjs), so that both look at the same screens.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { workbenchReady } from "./harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
];
export const THEMES = ["light", "dark"];

const EMBED_TERMS = Buffer.from(readFileSync(join(ROOT, "examples/vendor-page/terms.json"))).toString("base64url");

// `result`: on a page's first view, the element that must show on the first
// screen at 375 px (phone first). `page` and `path`: the page file and what
// is opened (relative to the site's base). `shown`: run in the page, true
// once that result holds its value, not the prerendered skeleton's (the load
// benchmark, scripts/load-bench.mjs, waits on it after every change of the
// DOM, so it must not use anything but the DOM).
export const VIEWS = [
  {
    name: "calculator",
    result: "table.downtime tbody tr",
    page: "index.html",
    path: "#t=99.9&t=99.95&m=2026-02",
    shown: () => [...document.querySelectorAll("main:not(.skeleton) table.downtime tbody tr td")].some((td) => td.textContent.trim() !== ""),
    async open(page, base) {
      await page.goto(base + this.path);
      await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
      await page.locator("#import-file").waitFor({ state: "attached" });
    },
  },
  {
    name: "workbench-report",
    result: "#kpi-targets",
    page: "workbench.html",
    path: "workbench.html",
    // A first visit: the first template's report (its key figures), the templates beside it.
    shown: () => (document.querySelector("main:not(.skeleton) #kpi-targets .kpi-value")?.textContent.trim() ?? "") !== "",
    async open(page, base) {
      await page.goto(base + this.path);
      await page.locator("#key-figures").waitFor();
      await page.locator(".chart-burndown").waitFor();
    },
  },
  {
    name: "workbench-menu",
    async open(page, base) {
      await page.goto(base + "workbench.html");
      await page.locator("#key-figures").waitFor();
      await page.locator("#workspace-menu > summary").click();
      await page.locator("#export-json").waitFor();
    },
  },
  {
    name: "workbench",
    async open(page, base) {
      await page.goto(base + "workbench.html");
      await page.locator("#tab-structure").click();
      await workbenchReady(page);
      await page.locator("#f-name").waitFor();
    },
  },
  {
    name: "workbench-measurements",
    async open(page, base) {
      await page.goto(base + "workbench.html");
      await page.locator("#tab-measurements").click();
      await workbenchReady(page);
      await page.locator("#tab-measurements[aria-current='page']").waitFor();
      // The import, a module of its own, mounted.
      await page.locator("#import-paste").waitFor();
    },
  },
  {
    name: "compare",
    result: "#compare-summary",
    page: "compare.html",
    path: "compare.html",
    // A first visit: an example's result until the visitor enters a log.
    shown: () => /\bSLAs? compared\b/.test(document.querySelector("main:not(.skeleton) #compare-summary")?.textContent ?? ""),
    async open(page, base) {
      await page.goto(base + this.path);
      await page.locator("#compare-example").waitFor();
      await page.locator("#compare-summary", { hasText: "3 SLAs compared" }).waitFor();
    },
  },
  {
    name: "compare-log",
    async open(page, base) {
      await page.goto(base + "compare.html");
      await page.getByRole("heading", { name: "1. Your outage log" }).waitFor();
      await page.getByLabel("Upload a CSV file").setInputFiles(join(ROOT, "examples/vendor-outages-2026-07.csv"));
      await page.locator("#compare-log-status", { hasText: "outages read." }).waitFor();
      await page.getByRole("checkbox", { name: /^AWS EC2 region-level \(/ }).check();
      await page.locator("#compare-summary", { hasText: "1 SLA compared" }).waitFor();
    },
  },
  {
    name: "embed",
    result: "#embed-summary",
    page: "embed.html",
    path: `embed.html#terms=${EMBED_TERMS}&month=2026-07`,
    // The month's summary (`.big`), not the note asking to correct the fields.
    shown: () => (document.querySelector("main:not(.skeleton) #embed-summary.big")?.textContent.trim() ?? "") !== "",
    async open(page, base) {
      await page.goto(base + this.path);
      // The prerendered heading shows first; the terms' name once the wasm has read them.
      await page.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
    },
  },
];
