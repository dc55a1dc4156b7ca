// The target advisor (`sla advise`) against an independent computation:
// scripts/advise-check.mjs, written apart from the Rust code, counts the
// months met, the worst month, the error budget used and the credits of
// each candidate level from the same history, and finds the level met in k
// of n and the level under a credit amount by its own search. No browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sla } from "./harness.mjs";
import { check } from "../../scripts/advise-check.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const AGREEMENT = "tests/fixtures/advise/agreement.json";
const OUTAGES = "tests/fixtures/advise/outages-2025.json";


const sameFraction = ([a, b], [c, d]) => BigInt(a) * BigInt(d) === BigInt(c) * BigInt(b);
const cents = (amount) => String(BigInt(amount.replace(".", "")));

for (const [kOfN, amount] of [["10/12", "300"], ["12/12", "1500"], ["1/3", "0"]]) {
  test(`sla advise agrees with the independent computation (met in ${kOfN}, credits under ${amount})`, () => {
    const ours = JSON.parse(
      sla(["advise", AGREEMENT, "-m", OUTAGES, "-p", "2025", "--met-in", kOfN, "--credits-under", amount, "--format", "json"]),
    );
    const theirs = check(join(root, AGREEMENT), join(root, OUTAGES), 2025, kOfN, amount);
    assert.equal(ours.targets.length, theirs.length);
    for (const [mine, expected] of ours.targets.map((t, i) => [t, theirs[i]])) {
      assert.equal(mine.key, expected.key);
      assert.deepEqual(mine.rows.map((r) => r.candidate), expected.rows.map((r) => r.candidate));
      for (const [row, want] of mine.rows.map((r, i) => [r, expected.rows[i]])) {
        const at = `${mine.key} at ${row.candidate} %`;
        assert.equal(row.periods, want.periods, at);
        assert.equal(row.met, want.met, at);
        assert.equal(cents(row.credits), want.credits_cents, at);
        assert.equal(row.worst.period, want.worst.period, at);
        assert.ok(sameFraction([row.worst.achieved.numerator, row.worst.achieved.denominator], want.worst.achieved), at);
        assert.ok(sameFraction([row.budget_used.numerator, row.budget_used.denominator], want.budget_used), at);
      }
      assert.ok(sameFraction([mine.met_in.level.numerator, mine.met_in.level.denominator], expected.met_in.level));
      assert.equal(mine.met_in.level_percent, expected.met_in.level_percent);
      if (expected.credits_under === null) {
        assert.equal(mine.credits_under.level, null);
      } else {
        assert.equal(mine.credits_under.level, expected.credits_under.level.replace(/\.?0+$/, ""));
        assert.equal(cents(mine.credits_under.credits), expected.credits_under.cents);
      }
    }
  });
}

test("sla advise writes its assumptions into the CSV", () => {
  const csv = sla(["advise", AGREEMENT, "-m", OUTAGES, "-p", "2025", "--format", "csv"]);
  const lines = csv.trim().split("\n");
  assert.match(lines[0], /^# each candidate is put into a copy of the agreement/);
  const header = lines.findIndex((l) => l.startsWith("target,"));
  assert.ok(header > 0);
  // Seven candidates: the standard levels, among which the agreement's own (99.9 %).
  assert.equal(lines.length - header - 1, 7);
  assert.match(lines.find((l) => l.includes(",99.9,")), /,true,12,4,0,2025-08,99\.327956,/);
});
