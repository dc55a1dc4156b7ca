// The workbench's report as a dashboard, against the built dist/ in headless
// Chromium: a first visit opens the first template on its report with the
// templates as cards beside it; the key figures (targets met, credits, the
// least error budget left, termination risk) say the engine's figures; a
// chart reads out its points by keyboard and by pointer; the print
// stylesheet puts the key figures and the targets table before the charts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, axe, openMenu } from "./harness.mjs";

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

const text = async (page, selector) => (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();

test("a first visit opens the first template's report, its key figures from the engine, the templates beside it", async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + "workbench.html");
  await page.locator("#key-figures").waitFor();
  assert.equal(await page.locator("#tab-report").getAttribute("aria-current"), "page");
  // The cloud template, 2026-02 (tests/golden/cloud-sla.txt): one target, missed; $120.00 paid.
  assert.match(await text(page, "#kpi-targets"), /Targets met 0 of 1 ✗ 1 missed/);
  assert.match(await text(page, "#kpi-credits"), /\$120\.00 \$120\.00 before caps · \$120\.00 net of earn-back/);
  assert.match(await text(page, "#kpi-budget"), /Least error budget left −1h 3m 28s −1574\.10 % of the 4m 2s \(241\.92 s\) allowed · Monthly uptime percentage, 2026-02/);
  assert.match(await text(page, "#kpi-risk"), /Termination risk none The agreements give no termination rights\./);
  // The key figures are on the first screen, at the top of the report.
  const box = await page.locator("#key-figures").boundingBox();
  assert.ok(box.y + box.height <= 800, `the key figures end at ${box.y + box.height} px, inside the first screen`);

  // The templates as cards: another one opens on its report.
  const cards = page.locator("#template-cards");
  assert.ok((await cards.locator("button").count()) >= 7, "a card per template");
  await cards.getByRole("button", { name: /^IT service desk SLA/ }).click();
  await page.locator("#kpi-risk", { hasText: "0 of 3" }).waitFor();
  // tests/golden/service-desk.json: the right's standing at 2026-03.
  assert.match(await text(page, "#kpi-risk"), /a critical target below its minimum in 3 of any 6 consecutive periods: 0 of 3 needed in the last 6 periods \(the 1 so far\)/);
  assert.equal(await page.locator("#tab-report").getAttribute("aria-current"), "page");

  await cards.getByRole("button", { name: /^Outsourcing contract/ }).click();
  await page.locator("#kpi-risk", { hasText: "triggered" }).waitFor();
  assert.match(await text(page, "#kpi-risk"), /the mean of `core-availability` over the last 3 periods below 99\.8: ‼ triggered/);
  assert.deepEqual(await axe(page), [], "axe on the dashboard");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a blank workspace's report says what to do next, and its key figures claim nothing", async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + "workbench.html");
  await page.locator("#key-figures").waitFor();
  await openMenu(page);
  await page.locator("#template").selectOption("blank");
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace" }).waitFor();
  await page.locator("#report-empty").waitFor();
  assert.match(await text(page, "#report-empty"), /no target\. Add an agreement and its targets in Agreements/);
  assert.match(await text(page, "#kpi-targets"), /0 of 0 no target is measured in this period/);
  assert.doesNotMatch(await text(page, "#kpi-targets"), /all met/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the Workspace menu by keyboard: Enter opens it, an action closes it, Escape too, and the focus returns to its button", async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + "workbench.html");
  await page.locator("#key-figures").waitFor();
  const menu = page.locator("#workspace-menu");
  const isOpen = () => menu.evaluate((d) => d.open);
  await menu.locator("summary").focus();
  await page.keyboard.press("Enter");
  await page.locator("#export-json").waitFor();
  await page.keyboard.press("Escape");
  assert.equal(await isOpen(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY");
  await page.keyboard.press("Enter");
  await page.locator("#export-json").focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.match(download.suggestedFilename(), /\.json$/);
  assert.equal(await isOpen(), false, "closed after the action");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a chart reads out its points by keyboard and by pointer", async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + "workbench.html");
  await page.locator("#key-figures").waitFor();
  const chart = page.locator(".chart-burndown").first();
  await chart.waitFor();
  const tip = chart.locator(".chart-tip");
  // Until a point is chosen, the line says how (its hint drawn by the stylesheet).
  assert.equal(await tip.innerText(), "");
  assert.match(await tip.getAttribute("data-hint"), /arrow keys/);
  await chart.locator("svg").first().focus();
  await page.keyboard.press("End");
  // The last point: the whole period elapsed, the budget left as the engine counted it.
  assert.match(await tip.innerText(), /^100\.0 %: -1574\.1 %$/);
  await page.keyboard.press("Home");
  const first = await tip.innerText();
  assert.match(first, /^0\.0 %: 100\.0 %$/);
  await page.keyboard.press("ArrowRight");
  assert.notEqual(await tip.innerText(), first, "the next point");
  await page.keyboard.press("Escape");
  assert.equal(await tip.innerText(), "");
  await page.keyboard.press("Escape");
  // The pointer near the plot's bottom right reads the last point (the
  // budget at its lowest when the period ends).
  await chart.scrollIntoViewIfNeeded();
  const svg = await chart.locator("svg").first().boundingBox();
  await page.mouse.move(svg.x + svg.width * 0.97, svg.y + svg.height * 0.85);
  await page.locator(".chart-burndown .chart-tip", { hasText: /^100\.0 %: -1574\.1 %$/ }).first().waitFor();

  // With several charts, each reads out its own points: a trend of the
  // outsourcing template's half year, not the first chart on the page.
  await page.locator("#template-cards").getByRole("button", { name: /^Outsourcing contract/ }).click();
  const trend = page.locator(".chart-trend").first();
  await trend.waitFor();
  await trend.scrollIntoViewIfNeeded();
  const box = await trend.locator("svg").first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height * 0.5);
  await trend.locator(".chart-tip", { hasText: /^2026-06: / }).waitFor();
  assert.equal(await page.locator(".chart").first().locator(".chart-tip").innerText(), "", "the first chart reads nothing");
  assert.deepEqual(errors, []);
  await context.close();
});

test("printed, the dashboard shows its key figures and targets first, the charts after, and no controls", async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + "workbench.html");
  await page.locator("#key-figures").waitFor();
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".wb-tabs", "#workspace-menu", "nav.views", ".why-toggle"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  // The key figures in one row, the summary line naming the period, the charts on a page of their own.
  assert.equal(await page.locator("#key-figures").evaluate((e) => getComputedStyle(e).gridTemplateColumns.split(" ").length), 4);
  assert.ok(await page.locator("#report-summary").isVisible());
  assert.equal(await page.locator("#report-period").isVisible(), false, "the period's control is not printed");
  assert.equal(await page.locator(".report-charts").evaluate((e) => getComputedStyle(e).breakBefore), "page");
  // An applied what-if prints its banner even with its controls closed.
  await page.emulateMedia({ media: "screen" });
  await page.locator(".what-if summary").click();
  await page.locator("#whatif-service").selectOption("compute");
  await page.locator("#whatif-minutes-exact").fill("60");
  await page.locator(".what-if-on").waitFor();
  await page.locator(".what-if summary").click();
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator(".what-if-on").isVisible(), "the what-if banner is printed");
  assert.equal(await page.locator(".what-if").isVisible(), false);
  await context.close();
});
