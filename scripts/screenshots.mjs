// Screenshots of every page and view, light and dark, at 1280 px and 375 px
// wide, against the built dist/ (`cargo xtask screenshots` builds it first):
// docs/screenshots/<view>-<width>-<theme>.png, the first screen of each (what
// a visitor sees before scrolling), for the README.
//
// node scripts/screenshots.mjs [--out DIR]
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch } from "../tests/e2e/harness.mjs";
// The same views, reached the same way, as the e2e layout check.
import { VIEWS, WIDTHS, THEMES } from "../tests/e2e/views.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const outAt = process.argv.indexOf("--out");
const OUT = outAt > 0 ? process.argv[outAt + 1] : join(ROOT, "docs/screenshots");

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
