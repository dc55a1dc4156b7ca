// Requirements against capability in the workbench's Plan view, against
// the built dist/ in headless Chromium: a requirement added and edited in
// the view (each edit an edit of the agreements, undone with Undo), the
// dependencies typed in one line, a value that cannot be read refused at
// its field, each requirement beside what the suppliers deliver with the
// figures `sla requirements` prints, and the back-to-back exposure worked
// out in the view's worker with `sla exposure`'s figures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, workbenchReady, sla } from "./harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const AGREEMENT = "examples/requirements.json";
const OUTAGES = "examples/requirements-2026-q4.json";

let server;
let browser;
let tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), "requirements-e2e-"));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});


test("requirements are edited in the Plan view and stand beside what the suppliers deliver, as sla requirements says", async () => {
  const { page, errors } = await newPage(browser);
  const fetched = [];
  page.on("request", (r) => {
    if (!r.serviceWorker()) fetched.push(r.url());
  });
  await page.goto(server.url + "workbench.html");
  await workbenchReady(page);
  // The example without the shop's requirements and dependencies: they are
  // entered in the view.
  const agreements = JSON.parse(readFileSync(join(root, AGREEMENT), "utf8"));
  const shop = agreements.services[0];
  const { requirements, dependencies } = shop;
  delete shop.requirements;
  delete shop.dependencies;
  const workspace = {
    format: "sla-workspace", version: 1, name: "Shop requirements", span: "2026-Q4",
    agreements, measurements: JSON.parse(readFileSync(join(root, OUTAGES), "utf8")),
  };
  const path = join(tmp, "shop.sla-workspace.json");
  writeFileSync(path, JSON.stringify(workspace));
  await page.setInputFiles("#open-file", path);
  await page.locator("#workbench-message", { hasText: "opened as the new workspace" }).waitFor();
  await page.locator("#tab-plan").click();
  await page.locator("#req-title").waitFor();
  await workbenchReady(page);

  // A requirement added: the first SLA target at its own level; the level
  // asked for typed, a level that cannot be read refused at its field.
  await page.locator("#req-0-add").click();
  await page.locator("#req-0-0-expected").waitFor();
  assert.equal(await page.locator("#req-0-0-expected").inputValue(), "99.9");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "req-0-0-expected");
  await page.locator("#req-0-0-expected").fill("lots");
  await page.locator("#req-0-0-expected").press("Tab");
  await page.locator("#req-0-0-expected-error").waitFor();
  assert.equal(await page.locator("#req-0-0-expected").getAttribute("aria-invalid"), "true");
  await page.locator("#req-0-0-expected").fill(requirements[0].expected);
  await page.locator("#req-0-0-note").fill(requirements[0].note);
  await page.locator("#req-0-0-note").press("Tab");
  await page.locator("#req-0-checks", { hasText: "the supporting targets in series" }).waitFor();
  // Without dependencies the supporting agreements are in series.
  assert.match(await page.locator("#req-0-checks").innerText(), /The suppliers deliver 98\.9529987[0-9]* %/);

  // The dependencies typed in one line: a reference that does not exist is
  // refused at the field, then the example's dependencies.
  await page.locator("#dep-0").fill("serial(ops-ola/availability, nope/availability)");
  await page.locator("#dep-0").press("Tab");
  await page.locator("#dep-0-error", { hasText: "no target is `nope/availability`" }).waitFor();
  await page.locator("#dep-0").fill("serial(ops-ola/availability, parallel(hosting-a/availability, hosting-b/availability), service:db)");
  await page.locator("#dep-0").press("Tab");
  await page.locator("#req-0-checks", { hasText: "by the dependencies of service `shop`" }).waitFor();

  // The same figures and options as the command line for the example.
  const cli = sla(["requirements", AGREEMENT]);
  const checks = await page.locator("#req-0-checks").innerText();
  assert.ok(checks.includes("The suppliers deliver 99.937506499… %"), checks);
  assert.ok(checks.includes("Gap −0.0125 pp: the requirement is not met."), checks);
  for (const line of cli.split("\n").filter((l) => l.startsWith("  - ")).slice(0, 10)) {
    assert.ok(checks.includes(line.slice(4)), `${line.slice(4)}\n${checks}`);
  }
  // Undo takes back the dependencies, as any edit of the agreements.
  await page.locator("#undo").click();
  await page.locator("#req-0-checks", { hasText: "the supporting targets in series" }).waitFor();
  await page.locator("#redo").click();
  await page.locator("#req-0-checks", { hasText: "by the dependencies of service `shop`" }).waitFor();
  assert.equal(await page.locator("#dep-0").inputValue(), "serial(ops-ola/availability, parallel(hosting-a/availability, hosting-b/availability), service:db)");

  // The back-to-back exposure over the workspace's span, in the worker.
  await page.locator("#exp-run").click();
  await page.locator("#exp-status", { hasText: "1 SLA backed by UCs, over 2026-Q4." }).waitFor({ timeout: 60_000 });
  const exposure = await page.locator("#exp-shop-sla").innerText();
  const cliExposure = sla(["exposure", AGREEMENT, "-m", OUTAGES, "-p", "2026-Q4"]);
  assert.match(cliExposure, /2026-11: pays 1,250\.00 EUR, gets back 200\.00 EUR, left with us 1,050\.00 EUR/);
  assert.match(exposure, /2026-11\s+1,250\.00 EUR\s+200\.00 EUR\s+1,050\.00 EUR/);
  assert.ok(exposure.includes("`hosting-a/availability` gives back (behind `shop-sla/availability`): -200.00 EUR"), exposure);
  assert.deepEqual(await axe(page), []);
  assert.ok(fetched.every((u) => u.startsWith(server.url)), fetched.join("\n"));
  assert.deepEqual(errors, []);
  void dependencies;
});
