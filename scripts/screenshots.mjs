// Screenshots of every page and view, light and dark, at 1280 px and 375 px
// wide, against the built dist/ (`cargo xtask screenshots` builds it first):
// docs/screenshots/<view>-<width>-<theme>.png, the first screen of each (what
// a visitor sees before scrolling), for the README.
//
// node scripts/screenshots.mjs [--out DIR]
import { mkdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch } from "../tests/e2e/harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const outAt = process.argv.indexOf("--out");
const OUT = outAt > 0 ? process.argv[outAt + 1] : join(ROOT, "docs/screenshots");

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
];
const THEMES = ["light", "dark"];

/** Each view: how to reach it from a fresh browser, waiting on what it shows. */
const VIEWS = [
  {
    name: "calculator",
    async open(page, base) {
      await page.goto(base + "#t=99.9&t=99.95&m=2026-02");
      await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
      await page.locator("#import-file").waitFor({ state: "attached" });
    },
  },
  {
    name: "workbench",
    async open(page, base) {
      await page.goto(base + "workbench.html");
      await page.locator("#tab-structure").waitFor();
    },
  },
  {
    name: "workbench-report",
    async open(page, base) {
      await page.goto(base + "workbench.html");
      await page.locator("#tab-structure").waitFor();
      await page.locator("#template").selectOption("cloud-sla");
      await page.locator("#new-workspace").click();
      await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
      await page.locator("#tab-report").click();
      await page.locator("#report-table").waitFor();
    },
  },
  {
    name: "compare",
    async open(page, base) {
      await page.goto(base + "compare.html");
      await page.getByRole("heading", { name: "1. Your outage log" }).waitFor();
      await page.getByLabel("Upload a CSV file").setInputFiles(join(ROOT, "examples/vendor-outages-2026-07.csv"));
      await page.locator("#compare-log-status", { hasText: "outages read." }).waitFor();
    },
  },
  {
    name: "embed",
    async open(page, base) {
      const terms = Buffer.from(readFileSync(join(ROOT, "examples/vendor-page/terms.json"))).toString("base64url");
      await page.goto(`${base}embed.html#terms=${terms}&month=2026-07`);
      await page.getByRole("heading", { level: 1 }).waitFor();
    },
  },
];

mkdirSync(OUT, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const view of VIEWS) {
    for (const size of WIDTHS) {
      for (const theme of THEMES) {
        const context = await browser.newContext({ viewport: size, colorScheme: theme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await view.open(page, server.url);
        // Fonts and layout settle before the picture.
        await page.evaluate(() => document.fonts.ready);
        const file = join(OUT, `${view.name}-${size.width}-${theme}.png`);
        await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
