// An independent computation of the target advisor's figures, written apart
// from the Rust code (crates/engine/src/advise.rs) to check it: for an
// agreement with availability targets over 24x7 service time in UTC, monthly
// periods and step credit tiers as a share of a monthly charge, and a file of
// outages, it counts for each candidate level the months met, the worst
// month, the error budget used and the credits, then the strictest level met
// in k of the last n months and the strictest level (in steps of 0.001 %)
// whose credits stay at or under an amount. Exact arithmetic throughout
// (BigInt fractions), no engine code.
//
//   node scripts/advise-check.mjs AGREEMENT.json OUTAGES.json YEAR [K/N] [AMOUNT]
//
// prints JSON. Conventions, as docs/advisor.md states them: a candidate moves
// every tier's `below` (and the minimum) by its difference from the
// agreement's level, within 0 and 100 %; an outage record without `impact`
// makes the service wholly unavailable; overlapping records count once.
// Supports only what it needs: no service calendars, impacts, planned
// outages, exclusions, caps, earn-back or repeat misses (it refuses a file
// that has them rather than guess).
import { readFileSync } from "node:fs";

const CANDIDATES = ["99", "99.5", "99.8", "99.9", "99.95", "99.99", "99.999"];

/** A decimal text as a fraction [numerator, denominator] of BigInts. */
function decimal(text) {
  const [whole, fraction = ""] = text.trim().split(".");
  const denominator = 10n ** BigInt(fraction.length);
  return [BigInt(whole) * denominator + BigInt(fraction || "0"), denominator];
}
const lt = ([a, b], [c, d]) => a * d < c * b;
const le = ([a, b], [c, d]) => a * d <= c * b;
const sub = ([a, b], [c, d]) => [a * d - c * b, b * d];
const add = ([a, b], [c, d]) => [a * d + c * b, b * d];
const clamp = (x) => (lt(x, [0n, 1n]) ? [0n, 1n] : lt([100n, 1n], x) ? [100n, 1n] : x);
/** Percent with `decimals` decimals, rounded down, as text. */
function percentText([n, d], decimals) {
  const scale = 10n ** BigInt(decimals);
  const scaled = (n * 100n * scale) / d;
  const whole = scaled / scale;
  return decimals ? `${whole}.${(scaled % scale).toString().padStart(decimals, "0")}` : `${whole}`;
}

export function check(agreementFile, outageFile, year, kOfN, amount) {
  const file = JSON.parse(readFileSync(agreementFile, "utf8"));
  const outages = JSON.parse(readFileSync(outageFile, "utf8")).outages;
  if (file.time_zone !== "UTC") throw new Error("only UTC");
  for (const o of outages) {
    if (o.impact !== undefined || o.planned) throw new Error("only whole, unplanned outages");
  }
  const charges = new Map(file.services.map((s) => [s.id, decimal(s.monthly_charge)]));
  const results = [];
  for (const agreement of file.agreements) {
    if (agreement.credits) throw new Error("no credit terms across targets");
    for (const target of agreement.targets) {
      if (target.metric.type !== "availability" || target.calendar || target.excluded_periods || target.cap) {
        throw new Error(`only plain availability targets: ${target.id}`);
      }
      const service = target.metric.service ?? agreement.service;
      const charge = charges.get(service);
      // Months of the year: service time and downtime in seconds (as BigInt).
      const months = [];
      for (let m = 0; m < 12; m++) {
        const start = Date.UTC(year, m, 1) / 1000;
        const end = Date.UTC(year, m + 1, 1) / 1000;
        const spans = outages
          .filter((o) => o.service === service)
          .map((o) => [Math.max(start, Date.parse(o.start) / 1000), Math.min(end, Date.parse(o.end) / 1000)])
          .filter(([a, b]) => b > a)
          .sort((x, y) => x[0] - y[0]);
        let down = 0;
        let reach = start;
        for (const [a, b] of spans) {
          const from = Math.max(a, reach);
          if (b > from) down += b - from;
          reach = Math.max(reach, b);
        }
        const total = BigInt(end - start);
        months.push({ label: `${year}-${String(m + 1).padStart(2, "0")}`, total, down: BigInt(down), achieved: [total - BigInt(down), total] });
      }
      const expected = decimal(target.expected);
      const tiers = target.credit.tiers.map((t) => ({ below: decimal(t.below), credit: decimal(t.credit), inclusive: !!t.inclusive }));
      /** Credits in cents at a candidate level (a fraction in percent). */
      const creditsAt = (level) => {
        const shift = sub(level, expected);
        let cents = 0n;
        for (const month of months) {
          const achievedPercent = [month.achieved[0] * 100n, month.achieved[1]];
          let share = [0n, 1n];
          for (const tier of tiers) {
            const below = clamp(add(tier.below, shift));
            const applies = tier.inclusive ? le(achievedPercent, below) : lt(achievedPercent, below);
            if (applies && lt(share, tier.credit)) share = tier.credit;
          }
          // charge × share / 100, in cents, rounded half up.
          const [n, d] = [charge[0] * share[0] * 100n, charge[1] * share[1] * 100n];
          cents += (2n * n + d) / (2n * d);
        }
        return cents;
      };
      const levels = [...new Set([...CANDIDATES, target.expected])].map((t) => [t, decimal(t)]);
      levels.sort((x, y) => (lt(x[1], y[1]) ? -1 : 1));
      const rows = levels.map(([text, level]) => {
        const fraction = [level[0], level[1] * 100n];
        const met = months.filter((m) => le(fraction, m.achieved)).length;
        const worst = months.reduce((w, m) => (lt(m.achieved, w.achieved) ? m : w));
        // Allowed: service time × (100 % − level), per month, in nanoseconds.
        let used = 0n;
        let allowed = 0n;
        for (const m of months) {
          used += m.down * 1_000_000_000n;
          const [n, d] = sub([1n, 1n], fraction);
          allowed += (2n * m.total * 1_000_000_000n * n + d) / (2n * d);
        }
        return {
          candidate: text,
          periods: months.length,
          met,
          worst: { period: worst.label, achieved: worst.achieved.map(String) },
          budget_used: [String(used), String(allowed)],
          credits_cents: String(creditsAt(level)),
        };
      });
      const result = { key: `${agreement.id}/${target.id}`, rows };
      if (kOfN) {
        const [k, n] = kOfN.split("/").map(Number);
        const last = months.slice(-n).map((m) => m.achieved);
        last.sort((x, y) => (lt(x, y) ? 1 : -1));
        result.met_in = { k, n, level: last[k - 1].map(String), level_percent: percentText(last[k - 1], 6) };
      }
      if (amount !== undefined) {
        const limit = decimal(amount);
        const limitCents = (limit[0] * 100n) / limit[1];
        // Every level from 0.001 % to 100 % in steps of 0.001 %, from the
        // loosest candidate up: the strictest within the amount.
        let best = null;
        for (let step = 0; step <= 100_000; step++) {
          const level = [BigInt(step), 1000n];
          if (lt(level, levels[0][1])) continue;
          const cents = creditsAt(level);
          if (cents <= limitCents) best = { level: percentText([BigInt(step), 100_000n], 3), cents: String(cents) };
        }
        result.credits_under = best;
      }
      results.push(result);
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [agreement, outages, year, kOfN, amount] = process.argv.slice(2);
  if (!year) {
    console.error("usage: node scripts/advise-check.mjs AGREEMENT.json OUTAGES.json YEAR [K/N] [AMOUNT]");
    process.exit(2);
  }
  console.log(JSON.stringify(check(agreement, outages, Number(year), kOfN, amount), null, 1));
}
