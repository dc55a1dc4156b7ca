// End-to-end journeys through the quick calculator, against the built dist/
// served from 127.0.0.1 under a sub-path, in Debian's headless Chromium.
// Expected figures were computed independently (Python fractions), not read
// back from the app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, newPage, openApp, axe, requests, ARTIFACTS, workbenchReady, openMenu, sla } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The text of the cell for `period` (a row header) in the named table's `column`-th target column. */
async function cell(page, table, period, column = 1) {
  const row = page.getByRole("table", { name: table }).getByRole("row").filter({
    has: page.getByRole("rowheader", { name: period, exact: false }),
  });
  return (await row.first().getByRole("cell").nth(column - 1).innerText()).trim();
}

test("typing a target shows its allowed downtime, with the exact value and formula on demand", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url, "m=2026-02");
  const target = page.getByLabel("Target 1 (%)", { exact: true });
  await target.fill("99.95");
  // 2,629,746 s × 0.05 % = 1,314.873 s = 21m 55s; February 2026: 2,419,200 s × 0.05 % = 1,209.6 s = 20m 10s
  await page.getByRole("columnheader", { name: "99.95 %" }).first().waitFor();
  assert.equal(await cell(page, "Allowed downtime", "month (average)"), "21m 55s");
  assert.equal(await cell(page, "Allowed downtime", "February 2026"), "20m 10s");
  assert.equal(await cell(page, "Allowed downtime", "Q1 2026"), "1h 4m 48s");
  const figure = page.getByRole("button", { name: /^Allowed downtime per month \(average\) at 99\.95 %/ });
  await figure.click();
  await page.getByText("Exact: 1,314.873 s").waitFor();
  await page.getByText(/30\.436875/).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("shortcuts and N nines add targets side by side", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "t=99.9&m=2026-02");
  await page.getByRole("button", { name: "Add target 99.999 %" }).click();
  await page.getByLabel("Nines", { exact: true }).selectOption("5");
  await page.getByRole("button", { name: "Add nines" }).click();
  await page.getByLabel("Target 3 (%)", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Target 3 (%)", { exact: true }).inputValue(), "99.999");
  // 99.999 % of a day: 0.864 s
  assert.equal(await cell(page, "Allowed downtime", "day", 2), "864ms");
  await context.close();
});

test("reverse mode turns downtime into availability, rounded down", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "m=2026-02&t=99.9&t=99.99");
  await page.getByLabel("Downtime", { exact: true }).fill("00:13:37");
  await page.getByLabel("Period", { exact: true }).selectOption("cal-month");
  // 1 − 817 / 2,419,200 = 99.966228…% → 99.9662 %
  const output = page.locator("output").filter({ hasText: "%" }).first();
  await page.getByText("99.9662 %").waitFor();
  assert.match(await output.innerText(), /99\.9662 %/);
  await page.getByText("meets 99.9 %").waitFor();
  await page.getByText("misses 99.99 %").waitFor();
  await page.getByLabel("Downtime", { exact: true }).fill("1h 5m");
  await page.getByLabel("Period", { exact: true }).selectOption("month");
  // 1 − 3,900 / 2,629,746 = 99.851696…% → 99.8516 %
  await page.getByText("99.8516 %").waitFor();
  await context.close();
});

test("service hours give service time and the allowed downtime inside it", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "m=2026-02&t=99.9");
  await page.getByRole("button", { name: "Mon–Fri 09:00–17:00" }).click();
  const table = /Service time and allowed downtime/;
  await page.getByRole("table", { name: table }).waitFor();
  // 5 × 8 h = 40 h a week; 99.9 % of it is 144 s
  assert.equal(await cell(page, table, "week", 1), "1d 16h");
  assert.equal(await cell(page, table, "week", 2), "2m 24s");
  // February 2026 has 20 weekdays: 160 h; 99.9 % of it is 576 s
  assert.equal(await cell(page, table, "February 2026", 1), "6d 16h");
  assert.equal(await cell(page, table, "February 2026", 2), "9m 36s");
  await page.getByLabel("Saturday", { exact: true }).fill("09:00-13:00");
  // + 4 Saturdays × 4 h = 176 h → 633.6 s
  await page.waitForFunction(() => document.body.innerText.includes("10m 34s"));
  await page.getByLabel("Sunday", { exact: true }).fill("25:00-26:00");
  await page.getByText(/not a time of day/).waitFor();
  await context.close();
});

test("bad input gets an inline message and the rest of the page keeps working", async () => {
  const { context, page, errors } = await newPage(browser);
  await openApp(page, server.url, "m=2026-02&t=99.9&t=99.99");
  const target = page.getByLabel("Target 1 (%)", { exact: true });
  for (const bad of ["abc", "101", "-3", "99.9.9", "", "9".repeat(5000)]) {
    await target.fill(bad);
    await assert.doesNotReject(page.locator("#target-0-error").waitFor());
    assert.equal(await target.getAttribute("aria-invalid"), "true");
    // The second target's figures are still there.
    assert.equal(await cell(page, "Allowed downtime", "month (average)", 2), "4m 23s");
  }
  await page.getByLabel("Downtime", { exact: true }).fill("abc");
  await page.locator("#downtime-error").waitFor();
  await target.fill("99.9");
  await page.locator("#target-0-error").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("reload restores everything from the URL", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "m=2026-02");
  await page.getByLabel("Target 1 (%)", { exact: true }).fill("99.5");
  await page.getByLabel("Downtime", { exact: true }).fill("2h");
  await page.getByLabel("Saturday", { exact: true }).fill("10:00-12:00");
  await page.waitForFunction(() => location.hash.includes("t=99.5") && location.hash.includes("10:00-12:00"));
  await page.reload();
  await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Target 1 (%)", { exact: true }).inputValue(), "99.5");
  assert.equal(await page.getByLabel("Downtime", { exact: true }).inputValue(), "2h");
  assert.equal(await page.getByLabel("Saturday", { exact: true }).inputValue(), "10:00-12:00");
  // The same link in a fresh tab shows the same view.
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  await other.getByLabel("Target 1 (%)", { exact: true }).waitFor();
  assert.equal(await other.getByLabel("Target 1 (%)", { exact: true }).inputValue(), "99.5");
  await context.close();
});

test("a crafted link falls back to defaults with a visible notice, and injects nothing", async () => {
  const { context, page, errors } = await newPage(browser);
  const crafted = "t=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&m=2026-99&d=%ZZ&rp=nope&h=1&p=serial(";
  await openApp(page, server.url, crafted);
  const notice = page.getByRole("status").filter({ hasText: "Parts of the link were not used" });
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /<img src=x onerror=alert\(1\)>/, "the value is quoted as text");
  assert.equal(await page.locator("img").count(), 0, "no element was injected");
  assert.equal(await page.getByLabel("Target 1 (%)", { exact: true }).inputValue(), "99.9");
  await page.getByRole("button", { name: "Dismiss" }).click();
  await notice.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard only: add a target, type into it, open an explanation", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "t=99.9&m=2026-02");
  // Tab from the top of the page to the first target field.
  await page.keyboard.press("Tab");
  for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement?.id === "target-0")); i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "target-0");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("99.95");
  // Next stops: the shortcut buttons; Enter on the first adds a 99 % target.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "99 %");
  await page.keyboard.press("Enter");
  await page.getByLabel("Target 2 (%)", { exact: true }).waitFor();
  // Focus a figure and open it with the keyboard.
  await page.getByRole("button", { name: /per day at 99\.95 %/ }).focus();
  await page.keyboard.press("Enter");
  await page.getByText("Exact: 43.2 s").waitFor();
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");
  await context.close();
});

test("axe finds no serious or critical violations, with explanations open and errors shown", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "m=2026-02&c=kofn&k=2&p=99&p=99&p=99");
  await page.getByRole("button", { name: /per day at 99\.9 %/ }).click();
  await page.getByLabel("Downtime", { exact: true }).fill("nonsense");
  await page.locator("#downtime-error").waitFor();
  const violations = await axe(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), []);
  await context.close();
});

test("at 375 px wide the page has no horizontal scroll", async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await openApp(page, server.url, "m=2026-02&t=99.9&t=99.99&t=99.999");
  await page.screenshot({ path: join(ARTIFACTS, "quick-375.png"), fullPage: true });
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px viewport`);
  await context.close();
});

test("the first screen is meaningful before the wasm loads, and matches the app", async () => {
  const { context, page } = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(server.url);
  const skeleton = page.getByRole("table", { name: "Allowed downtime" });
  await skeleton.waitFor();
  const prerendered = await skeleton.innerText();
  // Chromium's script switch does not make the parser render <noscript>, so read its markup.
  assert.match(await page.locator("noscript").textContent(), /needs JavaScript and WebAssembly/);
  await context.close();

  const live = await newPage(browser);
  await openApp(live.page, server.url, "t=99.9&t=99.99&m=2026-02");
  for (const period of ["day", "week", "month (average)", "quarter (average)", "year (average)"]) {
    const row = `${period}\t${await cell(live.page, "Allowed downtime", period, 1)}\t${await cell(live.page, "Allowed downtime", period, 2)}`;
    assert.ok(prerendered.includes(row), `prerendered table has "${row}":\n${prerendered}`);
  }
  await live.context.close();
});

test("after one visit the app works offline, from the service worker", async () => {
  const { context, page } = await newPage(browser);
  await openApp(page, server.url, "t=99.95&m=2026-02");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Target 1 (%)", { exact: true }).inputValue(), "99.95");
  assert.equal(await cell(page, "Allowed downtime", "month (average)"), "21m 55s");
  // The import, a module loaded after the first result, works offline too.
  await page.locator("#import-file").waitFor({ state: "attached" });
  await context.setOffline(false);
  await context.close();
});

test("the import is a module loaded after the calculator's first result, and the calculator never waits for it", async () => {
  const { context, page, errors } = await newPage(browser);
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop().replace(/-[0-9a-f]+(_bg)?\./, ".")));
  // Hold the import module's wasm until the figures are on screen.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/sla-import-panel-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await openApp(page, server.url, "t=99.9&m=2026-02");
  assert.equal(await cell(page, "Allowed downtime", "month (average)"), "43m 50s");
  assert.equal(await page.locator("#import-loading").innerText(), "Loading the import…");
  release();
  await page.locator("#import-file").waitFor();
  assert.equal(await page.locator("#import-loading").count(), 0);
  const wasm = fetched.filter((f) => f.endsWith(".wasm"));
  assert.deepEqual(wasm, ["sla-app.wasm", "sla-import-panel.wasm"]);
  // The panel works: a pasted log is read and previewed.
  await page.locator("#import-paste").fill("service,start,end\nmail,2026-03-01T10:00:00Z,2026-03-01T11:00:00Z\n");
  await page.locator("#import-use-paste").click();
  await page.locator("#import-preview-rows", { hasText: "The whole file: 1 row." }).waitFor();
  assert.deepEqual(await axe(page), [], "axe with the import panel mounted");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a visit to the calculator works offline for the workbench too, and never downloads the workbench", async () => {
  const { context, page, errors } = await newPage(browser);
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await openApp(page, server.url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  // The page itself loaded only its own wasm (the service worker's precache
  // of the other page is not the page's request).
  // Its import module comes after its first result (see the test above).
  await page.locator("#import-file").waitFor({ state: "attached" });
  assert.deepEqual(fetched.filter((p) => p.endsWith(".wasm")).map((p) => p.split("/").pop().replace(/-[0-9a-f]+_bg/, "")), ["sla-app.wasm", "sla-import-panel.wasm"]);
  await context.setOffline(true);
  await page.getByRole("link", { name: "Agreement workbench" }).click();
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  assert.ok(page.url().endsWith("/workbench.html"), page.url());
  // A template that is not in the wasm (fetched when chosen) opens offline too.
  await openMenu(page);
  await page.locator("#template").selectOption("service-desk");
  await openMenu(page);
  await page.locator("#new-workspace").click();
  await page.locator("#workbench-message", { hasText: "Created the workspace “IT service desk SLA (P1–P4)”." }).waitFor();
  await page.getByRole("link", { name: "Quick calculator" }).click();
  await page.getByLabel("Target 1 (%)", { exact: true }).waitFor();
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link made before the workbench had its own page still opens it", async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(server.url + "#workbench");
  await page.locator("#tab-structure").click();
  await workbenchReady(page);
  assert.ok(page.url().endsWith("/workbench.html#workbench"), page.url());
  assert.deepEqual(errors, []);
  await context.close();
});

test("no request ever left 127.0.0.1", () => {
  assert.ok(requests.length > 10, "requests were recorded");
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
});


/** A text table's rows (columns two or more spaces apart), after its title line. */
function cliTable(out, title) {
  const lines = out.split("\n");
  const start = lines.findIndex((l) => l.startsWith(title));
  assert.ok(start >= 0, `no table "${title}" in:\n${out}`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim()) break;
    // "43m 50s (2,629.746 s)": the page shows the first part, the exact value on demand.
    rows.push(line.split(/\s{2,}/).map((c) => c.replace(/ \([\d,.]+ s\)$/, "")));
  }
  return rows;
}

/** Every row of a table on the page, header cell first. */
async function pageTable(page, name) {
  return page.getByRole("table", { name, exact: typeof name === "string" }).locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => (c.querySelector(".figure-value") ?? c).innerText.replace(/\s+/g, " ").trim())),
  );
}

test("the command line's quick calculations print the page's figures for the same inputs", async () => {
  const { context, page, errors } = await newPage(browser);
  const weekday = "08:00-18:00";
  const fragment = [
    "t=99.9", "t=99.95", "m=2026-02", "d=13m37s", "rp=month", "rh=0",
    ...[weekday, weekday, weekday, weekday, weekday, "", ""].map((h) => "h=" + encodeURIComponent(h)),
    "c=serial", "k=2", "p=99.99999", "p=99.99999", "p=" + encodeURIComponent("parallel(99.5, 99.5)"),
  ].join("&");
  await openApp(page, server.url, fragment);
  await page.getByRole("columnheader", { name: "99.95 %" }).first().waitFor();
  const hours = /Service time and allowed downtime/;
  await page.getByRole("table", { name: hours }).waitFor();

  const downtime = sla(["downtime", "99.9", "99.95", "--month", "2026-02", "--hours", "Mon-Fri 08:00-18:00"]);
  const pageDowntime = await pageTable(page, "Allowed downtime");
  assert.equal(pageDowntime.length, 8);
  assert.deepEqual(cliTable(downtime, "Allowed downtime"), pageDowntime);
  assert.deepEqual(cliTable(downtime, "Allowed downtime within service hours"), await pageTable(page, hours));

  // The reverse calculation, over the average month and over February 2026.
  const uptime = sla(["uptime", "13m37s", "--period", "month", "--month", "2026-02"]);
  const shown = async () => (await page.locator(".reverse output").innerText()).trim();
  await page.getByText("99.9689 %").waitFor();
  assert.match(uptime, new RegExp(`  ${(await shown()).replace(".", "\\.")} over the month \\(average\\)`));
  await page.getByLabel("Period", { exact: true }).selectOption("cal-month");
  await page.getByText("99.9662 %").waitFor();
  assert.match(uptime, new RegExp(`  ${(await shown()).replace(".", "\\.")} over February 2026`));

  // The composite, beyond double precision: 99.99999 % twice in series, then a
  // redundant pair.
  const composite = sla(["composite", "serial(99.99999, 99.99999, parallel(99.5, 99.5))"]);
  const pageComposite = (await page.locator(".composite output").innerText()).trim();
  assert.equal(composite.split("\n")[0], `${pageComposite} (rounded down to 6 decimals)`);
  assert.deepEqual(errors, []);
  await context.close();
});
