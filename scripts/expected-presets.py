#!/usr/bin/env python3
"""Expected figures of every vendor preset on a fixed outage log, computed
independently of the Rust code (crates/presets) from the preset files and the
conventions written down in docs/presets.md.

Inputs (read, never the Rust code's output):
  presets/*.json                          the presets
  examples/vendor-outages-2026-07.csv     the outage log

Two scenarios, both for July 2026 in UTC (31 days = 44,640 minutes = 8,928
five-minute intervals), "today" 2026-08-10:
  default   no deployment given (multi-zone presets take the zones named in
            the log), monthly bill 1,000.00 USD
  zoned     deployment zones eu-west-1a and eu-west-1c, instance i-0abc,
            monthly bill 12.34 EUR

Every number is exact: instants are integer nanoseconds, ratios are
fractions.Fraction, money is integer minor units. Standard library only.

Usage:
  python3 scripts/expected-presets.py          # JSON on standard output
The output is stored in crates/presets/tests/fixtures/expected-presets.json
and compared with the Rust results by crates/presets/tests/expected.rs.
"""

import csv
import json
import sys
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NS = 10**9
MINUTE = 60 * NS
TODAY = date(2026, 8, 10)
YEAR, MONTH = 2026, 7

SCENARIOS = {
    "default": {"zones": [], "instance": None, "bill": 100000, "currency": "USD"},
    "zoned": {"zones": ["eu-west-1a", "eu-west-1c"], "instance": "i-0abc", "bill": 1234, "currency": "EUR"},
}


def pct(text):
    """A percentage string as an exact fraction of one: "99.99" -> 9999/10000."""
    return Fraction(text) / 100


def instant(text):
    """RFC 3339 or 'YYYY-MM-DD HH:MM[:SS]' (UTC) -> integer nanoseconds."""
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    delta = t - epoch
    return (delta.days * 86400 + delta.seconds) * NS + delta.microseconds * 1000


def union(intervals):
    """Sorted, merged (touching intervals join), non-empty."""
    out = []
    for a, b in sorted(i for i in intervals if i[1] > i[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def intersect(xs, ys):
    out = []
    for a, b in xs:
        for c, d in ys:
            lo, hi = max(a, c), min(b, d)
            if lo < hi:
                out.append((lo, hi))
    return union(out)


def length(xs):
    return sum(b - a for a, b in xs)


def floor_min(t):
    return t // MINUTE * MINUTE


def ceil_min(t):
    return -((-t) // MINUTE) * MINUTE


def last_day(d):
    first_next = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def add_months(d, n):
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def read_log():
    rows = []
    with open(ROOT / "examples" / "vendor-outages-2026-07.csv", newline="") as f:
        for row in csv.DictReader(f):
            rows.append({
                "start": instant(row["start"]),
                "end": instant(row["end"]),
                "scope": row["scope"] or "region",
                "zone": row["zone"] or None,
                "instance": row["instance"] or None,
                "rate": pct(row["error_rate"]) if row["error_rate"] else Fraction(1),
                "excluded": row["excluded"] or None,
            })
    return rows


def evaluate(p, log, scenario):
    start = instant(f"{YEAR}-{MONTH:02d}-01T00:00:00Z")
    end = instant(f"{YEAR}-{MONTH + 1:02d}-01T00:00:00Z")
    u = p["uptime"]
    method, unit = u["method"], u["unit"]
    zones_given = scenario["zones"]
    excluded = {e["category"] for e in p.get("exclusions", [])}
    kept = []  # (index, (a, b), rate, zone or None if not a zone record)
    counted_flags = {}
    for i, r in enumerate(log):
        if r["end"] <= r["start"]:
            continue
        if r["excluded"] in excluded:
            continue
        scope = r["scope"]
        if scope in ("zone", "instance") and unit == "region_service":
            continue
        if scope == "instance" and unit in ("multi_zone", "zone_group"):
            continue
        if scope == "zone" and zones_given and r["zone"] not in zones_given:
            continue
        if scope == "instance":
            if scenario["instance"] and r["instance"] != scenario["instance"]:
                continue
            if r["zone"] and zones_given and r["zone"] not in zones_given:
                continue
        if r["rate"] == 0:
            continue
        if method != "error_rate_intervals" and r["rate"] < 1:
            continue
        a, b = max(r["start"], start), min(r["end"], end)
        if a >= b:
            continue
        is_zone = scope == "zone" and unit == "multi_zone"
        kept.append((i, (a, b), r["rate"], r["zone"] if is_zone else None))

    if unit == "multi_zone":
        zones = sorted(set(zones_given)) if zones_given else sorted({k[3] for k in kept if k[3]})
        region = [k[1] for k in kept if k[3] is None]
        if len(zones) < 2:
            kept = [k for k in kept if k[3] is None]  # zone records cannot bring it down
            down_set = union(region)
        else:
            all_down = None
            for z in zones:
                zs = union([k[1] for k in kept if k[3] == z])
                all_down = zs if all_down is None else intersect(all_down, zs)
            down_set = union(region + all_down)
    else:
        down_set = union([k[1] for k in kept])

    if method != "error_rate_intervals" and u.get("minimum_downtime_period"):
        text = u["minimum_downtime_period"]
        assert text.endswith("m"), text
        minimum = int(text[:-1]) * MINUTE
        down_set = [s for s in down_set if s[1] - s[0] >= minimum]

    total_minutes = (end - start) // MINUTE
    if method == "minutes":
        if u["minute_counting"] == "any_part":
            slots = union([(floor_min(a), ceil_min(b)) for a, b in down_set])
        else:
            slots = union([(ceil_min(a), floor_min(b)) for a, b in down_set if ceil_min(a) < floor_min(b)])
        slots = intersect(slots, [(start, end)])
        total = total_minutes
        down = Fraction(length(slots), MINUTE)
        for i, iv, _, _ in kept:
            counted_flags[i] = bool(intersect(slots, [iv])) and bool(intersect(down_set, [iv]))
    elif method == "exact":
        total = end - start
        down = Fraction(length(down_set))
        for i, iv, _, _ in kept:
            counted_flags[i] = bool(intersect(down_set, [iv]))
    else:
        k = u["interval_minutes"]
        size = k * MINUTE
        total = total_minutes // k
        weighted = u.get("partial_interval", "whole_interval") == "time_weighted"
        down = Fraction(0)
        touched = set()
        for j in range(total):
            lo, hi = start + j * size, start + (j + 1) * size
            overlapping = [(max(a, lo), min(b, hi), rate) for _, (a, b), rate, _ in kept if max(a, lo) < min(b, hi)]
            if not overlapping:
                continue
            touched.add(j)
            if not weighted:
                down += max(r for _, _, r in overlapping)
            else:
                # the largest rate at each instant, integrated over the interval
                cuts = sorted({lo, hi} | {a for a, _, _ in overlapping} | {b for _, b, _ in overlapping})
                acc = Fraction(0)
                for x, y in zip(cuts, cuts[1:]):
                    rates = [r for a, b, r in overlapping if a <= x and y <= b]
                    if rates:
                        acc += max(rates) * (y - x)
                down += acc / size
        for i, (a, b), _, _ in kept:
            counted_flags[i] = any(start + j * size < b and a < start + (j + 1) * size for j in touched)

    uptime = (total - down) / total
    commitment = pct(p["commitment"])
    tier = None
    for n, t in enumerate(p["credits"]["tiers"]):
        if "below" in t:
            holds = uptime < pct(t["below"])
        else:
            holds = uptime <= pct(t["at_or_below"])
        if holds:
            tier = n  # the last tier that holds is the lowest level, largest credit
    credit_pct = pct(p["credits"]["tiers"][tier]["credit"]) if tier is not None else Fraction(0)
    bill = scenario["bill"]
    raw_exact = bill * credit_pct
    rounding = p["credits"].get("rounding", "half_up")
    if rounding == "half_up":
        raw = int(raw_exact + Fraction(1, 2)) if raw_exact >= 0 else None
        # int() truncates toward zero; raw_exact >= 0, so this is floor(x + 1/2)
    elif rounding == "down":
        raw = raw_exact.numerator // raw_exact.denominator
    else:
        raw = -((-raw_exact.numerator) // raw_exact.denominator)
    cap_exact = bill * pct(p["credits"]["cap"]["percent"])
    cap = cap_exact.numerator // cap_exact.denominator
    capped = min(raw, cap)
    payable = capped
    minimum = p["credits"].get("minimum")
    if minimum and minimum["currency"] == scenario["currency"]:
        limit = int(Fraction(minimum["amount"]) * 100)
        if 0 < capped <= limit:
            payable = 0

    rule = p["claim"]["deadline"]
    first = date(YEAR, MONTH, 1)
    if rule["rule"] == "end_of_month_after_incident":
        deadline = last_day(add_months(first, rule["months"]))
    elif rule["rule"] == "days_after_month_end":
        deadline = last_day(first) + timedelta(days=rule["days"])
    else:
        starts = [a for a, b in down_set]
        if method == "minutes" and u["minute_counting"] == "whole_minute":
            starts = [a for a, b in down_set if ceil_min(a) < floor_min(b)]
        deadline = None
        if starts:
            first_incident = datetime.fromtimestamp(min(starts) // NS, tz=timezone.utc).date()
            deadline = first_incident + timedelta(days=rule["days"])

    four = uptime * 100 * 10**4
    return {
        "total": total,
        "down": f"{down.numerator}/{down.denominator}",
        "uptime": f"{uptime.numerator}/{uptime.denominator}",
        "uptime_percent": f"{four.numerator // four.denominator // 10**4}.{four.numerator // four.denominator % 10**4:04d}",
        "met": uptime >= commitment,
        "tier": None if tier is None else tier + 1,
        "credit_percent": str(credit_pct * 100),
        "credit_raw_minor": raw,
        "credit_cap_minor": cap,
        "credit_payable_minor": payable,
        "deadline": deadline.isoformat() if deadline else None,
        "days_left": (deadline - TODAY).days if deadline else None,
        "counted_records": sorted(i + 1 for i, c in counted_flags.items() if c),
    }


def main():
    log = read_log()
    presets = {}
    for path in sorted((ROOT / "presets").glob("*.json")):
        p = json.loads(path.read_text())
        presets[p["id"]] = p
    out = {
        "produced_by": "scripts/expected-presets.py",
        "log": "examples/vendor-outages-2026-07.csv",
        "month": f"{YEAR}-{MONTH:02d}",
        "today": TODAY.isoformat(),
        "scenarios": {},
    }
    for name, scenario in SCENARIOS.items():
        out["scenarios"][name] = {
            "deployment": {"zones": scenario["zones"], "instance": scenario["instance"]},
            "bill_minor": scenario["bill"],
            "currency": scenario["currency"],
            "presets": {pid: evaluate(p, log, scenario) for pid, p in presets.items()},
        }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
