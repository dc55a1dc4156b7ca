// The "Compare vendor SLAs" page (compare.html), as a customer uses it:
// upload last month's outage log, pick three vendors' SLAs, read their
// figures side by side (checked against the independently computed
// crates/presets/tests/fixtures/expected-presets.json), file the claim
// (copy, download), come back later to the same input, offline too; a
// broken row, 250 of them, rows typed by keyboard, blocked storage; axe at
// 1100 and 375 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, newPage, axe, requests } from "./harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const LOG = join(ROOT, "examples/vendor-outages-2026-07.csv");
const EXPECTED = JSON.parse(readFileSync(join(ROOT, "crates/presets/tests/fixtures/expected-presets.json"), "utf8"));
// The three presets of the journey, as their checkboxes name them.
const PICKED = [
  ["aws-ec2-region", "AWS EC2 region-level"],
  ["aws-s3-standard", "AWS S3 Standard"],
  ["gcp-compute-multi-zone", "GCE multi-zone"],
];

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

/** A page whose clock says the fixture's "today" (deadlines count from it). */
async function openCompare(options = {}, init) {
  const opened = await newPage(browser, options);
  if (init) await opened.context.addInitScript(init);
  await opened.page.clock.setFixedTime(new Date(`${EXPECTED.today}T12:00:00Z`));
  await opened.page.goto(server.url + "compare.html");
  await opened.page.getByRole("heading", { name: "1. Your outage log" }).waitFor();
  return opened;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `100000` minor units → `100.00`, `1234` → `12.34`. */
function amount(minor) {
  return `${Math.floor(minor / 100).toLocaleString("en-US")}.${String(minor % 100).padStart(2, "0")}`;
}

test("upload a log, compare three SLAs, check every figure, claim, come back", async () => {
  const { context, page, errors } = await openCompare();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });

  // 1. The log, from a file.
  await page.getByLabel("Upload a CSV file").setInputFiles(LOG);
  await page.locator("#compare-log-status", { hasText: "10 outages read." }).waitFor();
  assert.match(await page.getByLabel("Or paste the CSV here").inputValue(), /^start,end,scope/);

  // 2. The month before today is proposed; the bill is typed.
  assert.equal(await page.getByLabel("Month", { exact: true }).inputValue(), EXPECTED.month);
  await page.getByLabel("Monthly bill", { exact: true }).fill("1000.00");
  assert.equal(await page.getByLabel("Currency", { exact: true }).inputValue(), EXPECTED.scenarios.default.currency);

  // 3. Three presets, each with its source and the date of its terms.
  const ec2 = page.getByRole("checkbox", { name: /^AWS EC2 region-level \(/ });
  assert.match(await page.locator("#pick-aws-ec2-region-about").innerText(), /Terms of 2022-05-05/);
  assert.equal(await page.locator("li", { has: ec2 }).getByRole("link").getAttribute("href"), "https://aws.amazon.com/compute/sla/");
  for (const [, name] of PICKED) {
    await page.getByRole("checkbox", { name: new RegExp(`^${escape(name)} \\(`) }).check();
  }
  await page.locator("#compare-picked", { hasText: "3 picked." }).waitFor();

  // 4. Side by side: every figure as the independent script computed it.
  await page.locator("#compare-summary", { hasText: `3 SLAs compared for ${EXPECTED.month} on 10 outages` }).waitFor();
  const expected = EXPECTED.scenarios.default.presets;
  for (const [id, name] of PICKED) {
    const want = expected[id];
    const row = page.locator(`#compare-row-${id}`);
    const text = await row.innerText();
    assert.match(text, new RegExp(`^${escape(name)}`), id);
    assert.match(text, new RegExp(`${escape(want.uptime_percent)} %`), `${id} uptime`);
    assert.match(text, want.met ? /✓ met/ : /✗ missed/, `${id} status`);
    assert.match(text, new RegExp(`${escape(want.credit_percent)} %: \\$${escape(amount(want.credit_payable_minor))}`), `${id} credit`);
    assert.match(text, new RegExp(`${want.deadline}\\s+${want.days_left} days left`), `${id} deadline`);
    const counted = want.counted_records.length;
    assert.match(text, new RegExp(`${counted} counted, ${10 - counted} left out`), `${id} records`);
  }
  // The differences, in words.
  const differences = await page.locator(".compare-differences").innerText();
  assert.match(differences, /Record 2 \(line 3\).*GCE multi-zone counts nothing/);
  // A figure's explanation opens from its row: the steps and each outage's fate.
  await page.locator("#compare-row-gcp-compute-multi-zone").getByRole("link", { name: "Why?" }).click();
  const why = page.locator("#why-gcp-compute-multi-zone");
  await why.getByText("Step by step").waitFor();
  const whyText = await why.innerText();
  assert.match(whyText, /shorter than the minimum of 1m: not counted/);
  assert.match(whyText, /#8 \(line 9\)/);

  // The comparison as CSV and as text.
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the comparison (CSV)" }).click()]);
  assert.equal(csv.suggestedFilename(), "sla-comparison-2026-07.csv");
  const csvText = readFileSync(await csv.path(), "utf8");
  assert.match(csvText, /^preset,name,month,/);
  for (const [id] of PICKED) {
    assert.match(csvText, new RegExp(`^${id},.*,${escape(expected[id].uptime_percent)},`, "m"));
  }
  const [text] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the comparison (text)" }).click()]);
  assert.match(readFileSync(await text.path(), "utf8"), /^Vendor SLAs compared for 2026-07 \(UTC\), 10 record\(s\) in the log, monthly bill 1,000\.00 USD/);

  // 5. The claim, for the first SLA picked: text, copy, downloads.
  assert.equal(await page.getByLabel("Claim under").inputValue(), "aws-ec2-region");
  await page.locator("#claim-status", { hasText: "A credit is due" }).waitFor();
  const claimText = await page.getByLabel("The claim, ready to paste into a support case").inputValue();
  await page.getByRole("button", { name: "Copy the claim text" }).click();
  await page.locator("#claim-copy-status", { hasText: "copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), claimText);
  const [claim] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the claim (.txt)" }).click()]);
  assert.equal(claim.suggestedFilename(), "sla-claim-aws-ec2-region-2026-07.txt");
  const claimFile = readFileSync(await claim.path(), "utf8");
  assert.equal(claimFile, claimText);
  const ec2Want = expected["aws-ec2-region"];
  assert.match(claimFile, /^Subject: SLA Credit Request — AWS EC2 region-level, 2026-07\n/);
  assert.match(claimFile, new RegExp(`Monthly uptime: ${escape(ec2Want.uptime_percent)}% = \\(44,640 minutes − 227 minutes\\) ÷ 44,640 minutes`));
  assert.match(claimFile, new RegExp(`Service credit: .*: ${escape(amount(ec2Want.credit_payable_minor))} USD of a monthly bill of 1,000\\.00 USD`));
  assert.match(claimFile, new RegExp(`Claim deadline: ${ec2Want.deadline} `));
  assert.match(claimFile, /2026-07-03 10:00:20 UTC to 2026-07-03 10:03:20 UTC \(3m\), region: 4 minutes counted\. API unreachable in eu-west-1/);
  const [claimCsv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the claim's table (.csv)" }).click()]);
  const claimRows = readFileSync(await claimCsv.path(), "utf8").trim().split("\n");
  assert.match(claimRows[0], /^vendor,service,variant,period_start,/);
  assert.equal(claimRows.length, 1 + 6, "one row per incident counted");

  // Another SLA for the claim: GCE's deadline and text.
  await page.getByLabel("Claim under").selectOption("gcp-compute-multi-zone");
  await page.locator("#claim-status", { hasText: expected["gcp-compute-multi-zone"].deadline }).waitFor();

  // 6. Coming back: a reload keeps everything entered.
  await page.reload();
  await page.locator("#compare-summary", { hasText: "3 SLAs compared for 2026-07 on 10 outages" }).waitFor();
  assert.equal(await page.getByLabel("Monthly bill", { exact: true }).inputValue(), "1000.00");
  assert.equal(await page.getByLabel("Claim under").inputValue(), "gcp-compute-multi-zone");
  assert.ok(await page.getByRole("checkbox", { name: /^AWS S3 Standard \(/ }).isChecked());

  // A broken row: listed with its line, column and field; the good rows kept.
  const csvArea = page.getByLabel("Or paste the CSV here");
  await csvArea.fill((await csvArea.inputValue()) + "2026-07-30T10:00:00Z,never,region,,,,,typo\n");
  await page.locator("#compare-log-status", { hasText: "10 of 11 rows read; 1 row left out" }).waitFor();
  assert.match(await page.locator(".compare-problems").innerText(), /Line 12, column end, field “never”: `never` is not a time/);
  await page.locator("#compare-summary", { hasText: "on 10 outages" }).waitFor();

  assert.deepEqual(errors, []);
  await context.close();
});

test("outages typed in the table, by keyboard", async () => {
  const { context, page, errors } = await openCompare();
  await page.getByLabel("Outages typed in a table").check();
  await page.getByLabel("Outage 1: Start").fill("2026-07-03 10:00:20");
  await page.getByLabel("Outage 1: End").fill("2026-07-03 10:03:20");
  // Enter moves to a new row's start.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "compare-row-1-start");
  await page.keyboard.type("2026-07-04 10:00");
  await page.keyboard.press("Tab");
  await page.keyboard.type("yesterday");
  await page.locator("#compare-log-status", { hasText: "1 of 2 rows read" }).waitFor();
  assert.match(await page.locator(".compare-problems").innerText(), /Outage 2, End: `yesterday` is not a time/);
  assert.equal(await page.getByLabel("Outage 2: End").getAttribute("aria-invalid"), "true");
  await page.getByLabel("Outage 2: Scope").selectOption("zone");
  // Removing the row moves the focus to the row before.
  await page.getByRole("button", { name: "Remove outage 2" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "compare-row-0-start");
  await page.locator("#compare-log-status", { hasText: "1 outage read." }).waitFor();

  // S3 counts one 5-minute interval, AWS EC2 4 minutes, GCE 2 (the crate's own doc example).
  for (const name of ["AWS EC2 region-level", "AWS S3 Standard", "GCE multi-zone"]) {
    await page.getByRole("checkbox", { name: new RegExp(`^${name} \\(`) }).check();
  }
  await page.locator("#compare-summary", { hasText: "3 SLAs compared for 2026-07 on 1 outage: 0 missed their commitment" }).waitFor();
  assert.match(await page.locator("#compare-row-aws-ec2-region").innerText(), /99\.9910 %\s+downtime: 4 minutes of 44,640 minutes/);
  assert.match(await page.locator("#compare-row-aws-s3-standard").innerText(), /99\.9887 %\s+downtime: 1 5-minute interval at 100 % errors of 8,928 5-minute intervals/);
  assert.match(await page.locator("#compare-row-gcp-compute-multi-zone").innerText(), /2 minutes of 44,640 minutes/);
  // Six hours down: without a bill, the credit is a percentage only.
  await page.getByLabel("Outage 1: End").fill("2026-07-03 16:00:20");
  await page.locator("#compare-row-aws-ec2-region", { hasText: "10 % of the monthly bill" }).waitFor();
  // A bad month is named under its field, and the results say why they are gone.
  await page.getByLabel("Month", { exact: true }).fill("");
  await page.locator("#compare-summary", { hasText: "Fix the month" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a log with 250 bad rows: every one found in one reading, the first 50 listed", async () => {
  const { context, page, errors } = await openCompare();
  // A description quoted across two lines first: the rows after it keep their physical lines.
  let log = "start,end,description\n2026-07-02T10:00:00Z,2026-07-02T10:05:00Z,\"two\nlines\"\n";
  for (let n = 0; n < 250; n++) log += `2026-07-03T10:00:00Z,bad ${n},\n`;
  log += "2026-07-04T10:00:00Z,2026-07-04T10:05:00Z,good\n";
  await page.getByLabel("Or paste the CSV here").fill(log);
  await page.locator("#compare-log-status", { hasText: "2 of 252 rows read; 250 rows left out" }).waitFor();
  const problems = page.getByRole("list", { name: "Problems in the log" });
  const items = await problems.getByRole("listitem").allInnerTexts();
  assert.equal(items.length, 51);
  assert.match(items[0], /^Line 4, column end, field “bad 0”: `bad 0` is not a time/);
  assert.match(items[49], /^Line 53, column end, field “bad 49”/);
  assert.equal(items[50], "… and 200 more problems.");
  // An unclosed quote stops the whole log, at its line.
  await page.getByLabel("Or paste the CSV here").fill(log + "2026-07-05T10:00:00Z,2026-07-05T10:05:00Z,\"open\n");
  await page.locator("#compare-log-status", { hasText: "The log cannot be read" }).waitFor();
  assert.match(await problems.innerText(), /^Line 255\b.*a quote \("\) opens a value on this line and never closes/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("blocked storage: the page works and says the input is not kept", async () => {
  const { context, page, errors } = await openCompare({}, () => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  await page.locator("#compare-storage", { hasText: "cannot be kept in this browser" }).waitFor();
  await page.getByLabel("Upload a CSV file").setInputFiles(LOG);
  await page.getByRole("checkbox", { name: /^AWS EC2 region-level \(/ }).check();
  await page.locator("#compare-summary", { hasText: "1 SLA compared for 2026-07 on 10 outages: 1 missed its commitment" }).waitFor();
  // No Clipboard API: the text is selected for the visitor to copy.
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
  await page.getByRole("button", { name: "Copy the claim text" }).click();
  await page.locator("#claim-copy-status", { hasText: "the text is selected" }).waitFor();
  const selected = await page.evaluate(() => {
    const area = document.activeElement;
    return area.id === "claim-text" && area.selectionStart === 0 && area.selectionEnd === area.value.length;
  });
  assert.ok(selected, "the whole claim text is selected");
  assert.deepEqual(errors, []);
  await context.close();
});

test("after one visit the page works offline, with what was entered", async () => {
  const { context, page, errors } = await openCompare();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await page.getByLabel("Upload a CSV file").setInputFiles(LOG);
  await page.getByRole("checkbox", { name: /^GCE multi-zone \(/ }).check();
  await page.locator("#compare-summary", { hasText: "1 SLA compared" }).waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.locator("#compare-summary", { hasText: "1 SLA compared for 2026-07 on 10 outages" }).waitFor();
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const width of [1100, 375]) {
  test(`axe finds nothing serious at ${width} px, and the page fits`, async () => {
    const { context, page, errors } = await openCompare({ viewport: { width, height: 900 } });
    await page.getByLabel("Upload a CSV file").setInputFiles(LOG);
    await page.getByLabel("Monthly bill", { exact: true }).fill("1000.00");
    for (const [, name] of PICKED) {
      await page.getByRole("checkbox", { name: new RegExp(`^${escape(name)} \\(`) }).check();
    }
    await page.locator("#compare-summary", { hasText: "3 SLAs compared" }).waitFor();
    // Every <details> open, so that axe sees their content too.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const violations = await axe(page);
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" ")})`), []);
    // The table mode too.
    await page.getByLabel("Outages typed in a table").check();
    await page.getByLabel("Outage 1: Start").fill("2026-07-03 10:00");
    await page.getByLabel("Outage 1: End").fill("nope");
    await page.locator(".compare-problems").waitFor();
    const tableViolations = await axe(page);
    assert.deepEqual(tableViolations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" ")})`), []);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px viewport`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("no request ever left 127.0.0.1", () => {
  assert.ok(requests.length > 5, "requests were recorded");
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(u));
  assert.deepEqual(outside, []);
});
