// The layout check of every page and view (tests/e2e/views.mjs), at 1280 px
// and 375 px, light and dark: the page never scrolls sideways, nothing is
// cut off by `overflow: hidden` or `clip`, the report's targets table fits
// its box at 1280 px, and axe finds nothing serious or critical (contrast
// included, so in both themes).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, axe } from "./harness.mjs";
import { VIEWS, WIDTHS, THEMES } from "./views.mjs";

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What of the page breaks the layout rules, described for a failure message. */
async function layoutFaults(page) {
  return page.evaluate(() => {
    const faults = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      faults.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth} px`);
    }
    const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.classList.length ? "." + [...e.classList].join(".") : "");
    for (const e of document.querySelectorAll("body *")) {
      const style = getComputedStyle(e);
      if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") continue;
      // A form control scrolls its own text: what is typed stays reachable.
      if (["INPUT", "TEXTAREA", "SELECT"].includes(e.tagName)) continue;
      // The accessible ways of hiding (a 1 px box) are not clipping.
      if (e.clientWidth <= 1 && e.clientHeight <= 1) continue;
      // Nothing is pushed off the left edge, where no scrolling reaches.
      const box = e.getBoundingClientRect();
      if (box.width > 1 && box.right > 0 && box.left < -1 && !e.closest(".visually-hidden")) {
        faults.push(`${name(e)} starts ${Math.round(-box.left)} px left of the page`);
      }
      for (const [axis, overflow, scroll, client] of [
        ["x", style.overflowX, e.scrollWidth, e.clientWidth],
        ["y", style.overflowY, e.scrollHeight, e.clientHeight],
      ]) {
        if ((overflow === "hidden" || overflow === "clip") && scroll > client + 1) {
          faults.push(`${name(e)} cuts off its content (${axis}: ${scroll} px in ${client} px)`);
        }
      }
    }
    return faults;
  });
}

for (const view of VIEWS) {
  for (const size of WIDTHS) {
    for (const theme of THEMES) {
      test(`${view.name} at ${size.width} px, ${theme}: fits, nothing clipped, axe finds nothing serious`, async () => {
        const context = await browser.newContext({ viewport: size, colorScheme: theme });
        const page = await context.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        try {
          await view.open(page, server.url);
          assert.deepEqual(await layoutFaults(page), [], "layout");
          if (view.result && size.width === 375) {
            // Phone first: the page's result is on its first screen.
            const box = await page.locator(view.result).first().boundingBox();
            assert.ok(box && box.y + Math.min(box.height, 40) <= size.height, `${view.result} starts at ${box?.y} px, on the first screen of ${size.height} px`);
          }
          if (view.name === "workbench-report" && size.width === 1280) {
            const table = await page.evaluate(() => {
              const t = document.querySelector("#report-table");
              const box = t.parentElement;
              return { table: t.getBoundingClientRect().width, box: box.clientWidth, scroll: box.scrollWidth };
            });
            assert.ok(table.scroll <= table.box, `the targets table (${table.table} px) fits its box (${table.box} px)`);
          }
          const violations = await axe(page);
          assert.deepEqual(
            violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`),
            [],
            "axe",
          );
          assert.deepEqual(errors, [], "no script error");
        } finally {
          await context.close();
        }
      });
    }
  }
}
