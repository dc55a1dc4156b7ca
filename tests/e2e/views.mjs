// Every page and view of the site, and how to reach each from a fresh
// browser, waiting on what it shows (never on time). Shared by the layout
// check (layout.test.mjs) and the README's screenshots
// (scripts/screenshots.mjs), so that both look at the same screens.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
];
export const THEMES = ["light", "dark"];

// `result`: on a page's first view, the element that must show on the first
// screen at 375 px (phone first).
export const VIEWS = [
  {
    name: "calculator",
    result: "table.downtime tbody tr",
    async open(page, base) {
      await page.goto(base + "#t=99.9&t=99.95&m=2026-02");
      await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
      await page.locator("#import-file").waitFor({ state: "attached" });
    },
  },
  {
    name: "workbench-report",
    result: "#kpi-targets",
    // A first visit: the first template's report, the templates beside it.
    async open(page, base) {
      await page.goto(base + "workbench.html");
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
      await page.locator("#f-name").waitFor();
    },
  },
  {
    name: "workbench-measurements",
    async open(page, base) {
      await page.goto(base + "workbench.html");
      await page.locator("#tab-measurements").click();
      await page.locator("#tab-measurements[aria-current='page']").waitFor();
      // The import, a module of its own, mounted.
      await page.locator("#import-paste").waitFor();
    },
  },
  {
    name: "compare",
    result: "#compare-summary",
    // A first visit: an example's result until the visitor enters a log.
    async open(page, base) {
      await page.goto(base + "compare.html");
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
    async open(page, base) {
      const terms = Buffer.from(readFileSync(join(ROOT, "examples/vendor-page/terms.json"))).toString("base64url");
      await page.goto(`${base}embed.html#terms=${terms}&month=2026-07`);
      // The prerendered heading shows first; the terms' name once the wasm has read them.
      await page.getByRole("heading", { name: "Example Cloud compute SLA", level: 1 }).waitFor();
    },
  },
];
