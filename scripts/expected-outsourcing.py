#!/usr/bin/env python3
"""Expected figures of the workbench journey "outsourcing template + a month
of CSV outages and tickets", computed independently of the engine.

Inputs (read, never the engine's output):
  examples/outsourcing.json                           the agreement file
  examples/outsourcing-2026-h1.json                   its measurements, Jan-Jun 2026
  tests/fixtures/workbench/outsourcing-outages-2026-07.csv
  tests/fixtures/workbench/outsourcing-tickets-2026-07.csv

The CSV records are ADDED to the template's measurements (the workbench's
import "add its records to them"), and the report covers 2026-01..2026-07.
The evaluation instant ("now") is the end of the span, 2026-08-01 00:00
Europe/Berlin: the CLI's default, and the workbench's min(clock, span end)
once the span is over.

Every number is exact: instants are whole seconds (int), ratios are
fractions.Fraction, money is integer cents. The conventions applied are the
ones written down in docs/format.md and docs/conventions.md; each is named
where it is used.

Usage:
  python3 scripts/expected-outsourcing.py            # the figures, as text
  python3 scripts/expected-outsourcing.py --json     # the same, as JSON
  python3 scripts/expected-outsourcing.py --compare-cli
      # also runs `sla report ... --format json` on the same inputs and
      # compares every figure printed here with the engine's (exit 1 on a
      # difference). The expectations are never taken from the CLI.
"""

import csv
import json
import re
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "examples/outsourcing.json"
TEMPLATE_MEASUREMENTS = ROOT / "examples/outsourcing-2026-h1.json"
OUTAGES_CSV = ROOT / "tests/fixtures/workbench/outsourcing-outages-2026-07.csv"
TICKETS_CSV = ROOT / "tests/fixtures/workbench/outsourcing-tickets-2026-07.csv"
MONTHS = [(2026, m) for m in range(1, 8)]  # the span 2026-01..2026-07
FOCUS = "2026-07"

# --------------------------------------------------------------- time


def instant(text, zone):
    """Seconds since the epoch of an RFC 3339 timestamp, or of a local time
    without offset read in `zone` (docs/format.md "Timestamps"). None of the
    inputs falls in a DST gap or fold, so zoneinfo's default (fold=0, the
    earlier instant) is the documented rule anyway."""
    text = text.strip().replace(" ", "T")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
    return int(dt.timestamp())


def month_window(year, month, zone):
    """A calendar month cut at local midnight in the agreement's zone
    (docs/conventions.md "Periods")."""
    start = datetime(year, month, 1, tzinfo=zone)
    nxt = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    return int(start.timestamp()), int(nxt.timestamp())


def label(year, month):
    return f"{year:04d}-{month:02d}"


DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def parse_hours(text):
    """`Mon-Fri 06:00-22:00; Sat 08:00-14:00` → {weekday: [(start, end) minutes]}.
    Only the forms used by examples/outsourcing.json (day or day range, one or
    more HH:MM-HH:MM ranges, no overnight range) are needed here."""
    week = {d: [] for d in range(7)}
    for group in text.split(";"):
        days, *ranges = group.split()
        if "-" in days:
            a, b = days.split("-")
            chosen = range(DAYS.index(a), DAYS.index(b) + 1)
        else:
            chosen = [DAYS.index(days)]
        for r in ranges:
            s, e = r.split("-")
            sm = int(s[:2]) * 60 + int(s[3:])
            em = int(e[:2]) * 60 + int(e[3:])
            assert em > sm, "overnight ranges are not used by this agreement"
            for d in chosen:
                week[d].append((sm, em))
    return week


def service_intervals(calendar, start, end):
    """Service time of a calendar between two instants: its weekly hours on
    each local date, minus holidays (whole local days), clipped to
    [start, end). Returned as sorted, disjoint (start, end) second pairs."""
    zone = ZoneInfo(calendar["time_zone"])
    week = parse_hours(calendar["hours"])
    holidays = {date.fromisoformat(h) for h in calendar.get("holidays", [])}
    assert not calendar.get("exclusions"), "no exclusion windows in this agreement"
    day = datetime.fromtimestamp(start, zone).date() - timedelta(days=1)
    last = datetime.fromtimestamp(end, zone).date() + timedelta(days=1)
    out = []
    while day <= last:
        if day not in holidays:
            for sm, em in week[day.weekday()]:
                s = int(datetime.combine(day, time(sm // 60, sm % 60), zone).timestamp())
                e = int(datetime.combine(day, time(em // 60 % 24, em % 60), zone).timestamp())
                if em == 24 * 60:
                    e = int(datetime.combine(day + timedelta(days=1), time(0), zone).timestamp())
                s, e = max(s, start), min(e, end)
                if s < e:
                    out.append((s, e))
        day += timedelta(days=1)
    return merge(out)


def merge(intervals):
    """Union of intervals: overlapping ones counted once."""
    out = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlap(a, b):
    """Total length of the intersection of two sorted disjoint interval lists."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            total += e - s
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def subtract(a, b):
    """a minus b, both sorted disjoint interval lists."""
    out = []
    for s, e in a:
        cur = s
        for bs, be in b:
            if be <= cur or bs >= e:
                continue
            if bs > cur:
                out.append((cur, bs))
            cur = max(cur, be)
        if cur < e:
            out.append((cur, e))
    return out


# --------------------------------------------------------------- inputs


def read_inputs():
    agreements = json.loads(AGREEMENTS.read_text())
    template = json.loads(TEMPLATE_MEASUREMENTS.read_text())
    zone = ZoneInfo(template.get("time_zone") or agreements["time_zone"])
    outages, tickets = [], []
    # The template's own records (Jan-Jun), local times in Europe/Berlin.
    for o in template["outages"]:
        outages.append({
            "source": "template", "service": o["service"],
            "start": instant(o["start"], zone), "end": instant(o["end"], zone),
            "impact": Fraction(o.get("impact", "100")) / 100,
            "planned": bool(o.get("planned", False)), "cause": o.get("cause", ""),
        })
    for t in template["tickets"]:
        tickets.append({
            "source": "template", "id": t["id"], "service": t.get("service"),
            "priority": t["priority"], "created": instant(t["created"], zone),
            "resolved": instant(t["resolved"], zone) if t.get("resolved") else None,
            "pauses": [(instant(p["start"], zone), instant(p["end"], zone)) for p in t.get("pauses", [])],
            "reopenings": [(instant(r["reopened"], zone), instant(r["resolved"], zone) if r.get("resolved") else None)
                           for r in t.get("reopenings", [])],
        })
    manual = {(m["target"], m["period"]): Fraction(m["value"]) for m in template["manual"]}
    # The July CSVs: every timestamp carries its offset, so the import's time
    # zone setting does not matter. Impact: a percentage, empty = 100 %;
    # planned: yes/no (docs/import.md "Values").
    with OUTAGES_CSV.open(newline="") as f:
        for row in csv.DictReader(f):
            impact = row["impact"].strip().rstrip("%").strip() or "100"
            outages.append({
                "source": "csv", "service": row["service"],
                "start": instant(row["start"], zone), "end": instant(row["end"], zone),
                "impact": Fraction(impact) / 100,
                "planned": row["planned"].strip().lower() in {"yes", "y", "true", "1", "x", "planned"},
                "cause": row["cause"],
            })
    with TICKETS_CSV.open(newline="") as f:
        for row in csv.DictReader(f):
            tickets.append({
                "source": "csv", "id": row["id"], "service": row["service"] or None,
                "priority": row["priority"], "created": instant(row["created"], zone),
                # An empty resolved time is an open ticket (docs/import.md).
                "resolved": instant(row["resolved"], zone) if row["resolved"].strip() else None,
                "pauses": [], "reopenings": [],
            })
    return agreements, zone, outages, tickets, manual


# --------------------------------------------------------------- metrics


def availability(outages, service, calendar, window):
    """docs/format.md "Downtime rules" and docs/conventions.md:
    - planned outages are excluded (the agreement has no count_planned);
    - overlapping records are merged: at each instant the LARGEST impact of
      the records open then counts, never the sum;
    - only downtime inside service time counts (service hours minus
      holidays), clipped to the period;
    - availability = (service time − Σ length × impact) ÷ service time."""
    ws, we = window
    service_time = service_intervals(calendar, ws, we)
    total = sum(e - s for s, e in service_time)
    records = [o for o in outages if o["service"] == service and not o["planned"]
               and o["end"] > o["start"] and o["start"] < we and o["end"] > ws]
    # Elementary segments between consecutive boundaries; each weighted by
    # the largest impact open over it.
    points = sorted({p for o in records for p in (o["start"], o["end"])})
    down = Fraction(0)
    for s, e in zip(points, points[1:]):
        impacts = [o["impact"] for o in records if o["start"] <= s and o["end"] >= e]
        if impacts:
            down += overlap([(s, e)], service_time) * max(impacts)
    return total, down, (Fraction(total) - down) / total if total else None


def hours(seconds):
    return f"{Fraction(seconds, 3600)} h"


def ticket_share(tickets, service, priority, within, calendar, window, now):
    """docs/format.md "Tickets" and crates docs of the ticket rules:
    - a ticket belongs to the period it was created in; a ticket of another
      service is not part of the figure (no service = any), nor is one of
      another priority;
    - time to resolution = business time (the target's calendar, from the
      period start on) while open: created → resolved, plus each reopening
      → its resolution; pauses removed (merged first);
    - met when the time is AT MOST the target (exactly at it is met);
    - still open at `now`: time up to now; breached if already over the
      target, otherwise pending and not counted;
    - share = met ÷ (met + breached); no decided ticket = no data."""
    ws, we = window
    business = service_intervals(calendar, ws, we + 366 * 86400)
    met, breached, pending, detail = 0, 0, 0, []
    for t in tickets:
        if t["priority"] != priority or not (ws <= t["created"] < we):
            continue
        if t["service"] is not None and t["service"] != service:
            continue
        open_spans, still_open = [], False
        end = t["resolved"] if t["resolved"] is not None else now
        still_open |= t["resolved"] is None
        open_spans.append((t["created"], min(end, now)))
        for reopened, resolved in t["reopenings"]:
            if reopened >= now:
                continue
            still_open |= resolved is None or resolved > now
            open_spans.append((reopened, min(resolved if resolved is not None else now, now)))
        clock = subtract(merge(open_spans), merge(t["pauses"]))
        spent = overlap(clock, business)
        if spent > within:
            breached += 1
            verdict = "breached"
        elif still_open:
            pending += 1
            verdict = "pending"
        else:
            met += 1
            verdict = "met"
        detail.append(f"{t['id']}: {hours(spent)} → {verdict}")
    share = Fraction(met, met + breached) if met + breached else None
    return share, met, breached, pending, detail


DURATION = re.compile(r"^(\d+)([smhd])$")


def duration(text):
    n, unit = DURATION.match(text).groups()
    return int(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


# --------------------------------------------------------------- display


def percent_down(r):
    """A share as a percentage with 4 decimals, ROUNDED DOWN (a shown figure
    never overstates what was achieved; docs/conventions.md)."""
    scaled = (r * 100 * 10**4).numerator // (r * 100 * 10**4).denominator
    return f"{scaled // 10**4}.{scaled % 10**4:04d}"


def margin(achieved, expected):
    """achieved − expected in percentage points, magnitude rounded half away
    from zero to 4 decimals, trailing zeros dropped, with its sign."""
    d = (achieved - expected) * 100
    mag = abs(d) * 10**4
    q, r = divmod(mag.numerator, mag.denominator)
    if 2 * r >= mag.denominator:
        q += 1
    text = f"{q // 10**4}.{q % 10**4:04d}".rstrip("0").rstrip(".")
    if text == "0":
        return "0"
    return ("−" if d < 0 else "+") + text


def seconds(x):
    """Exact seconds as the engine writes them: `1,411,200`, `705.6`, `−10,094.4`."""
    x = Fraction(x)
    sign = "−" if x < 0 else ""
    x = abs(x)
    whole = x.numerator // x.denominator
    frac = x - whole
    digits = ""
    while frac and len(digits) < 9:
        frac *= 10
        digits += str(frac.numerator // frac.denominator)
        frac -= frac.numerator // frac.denominator
    return f"{sign}{whole:,}" + (f".{digits}" if digits else "")


def money(cents):
    """Integer cents as `12,345.67`."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{frac:02d}"


def half_up(x):
    """Money is rounded once, half up, to the cent (credits.rounding default)."""
    return (x * 2 + 1) // 2 if x >= 0 else -((-x * 2 + 1) // 2)


def proportional(amounts, cap, total):
    """A cap shared in proportion: each share rounded down, the cents left
    over one each to the largest remainders, ties to the earlier target
    (docs/conventions.md "Money")."""
    if total <= 0:
        return [0] * len(amounts)
    shares = [a * cap // total for a in amounts]
    rema = sorted(((a * cap % total, i) for i, a in enumerate(amounts)), key=lambda x: (-x[0], x[1]))
    for _, i in rema[: max(cap - sum(shares), 0)]:
        shares[i] += 1
    return shares


# --------------------------------------------------------------- the report


def compute():
    agreements, zone, outages, tickets, manual = read_inputs()
    calendars = {c["id"]: c for c in agreements["calendars"]}
    agreement = agreements["agreements"][0]
    aid = agreement["id"]
    span_end = month_window(*MONTHS[-1], zone)[1]
    now = span_end  # evaluation instant: the end of the span
    targets = []
    for target in agreement["targets"]:
        metric = target["metric"]
        expected = Fraction(target["expected"]) / 100
        minimum = Fraction(target["minimum"]) / 100 if "minimum" in target else None
        rows = []
        for ym in MONTHS:
            window = month_window(*ym, zone)
            period = label(*ym)
            note, budget = "", None
            if metric["type"] == "availability":
                total, down, achieved = availability(outages, metric["service"], calendars[target["calendar"]], window)
                note = f"availability ({total:,} s − {seconds(down)} s) ÷ {total:,} s"
                # Error budget: service time × (100 % − expected); left =
                # budget − downtime (exact seconds; shown as `(705.6 s)`).
                allowed = total * (1 - expected)
                budget = {"allowed": seconds(allowed), "used": seconds(down), "left": seconds(allowed - down)}
            elif metric["type"] == "resolution_time":
                achieved, met, breached, pending, detail = ticket_share(
                    tickets, metric.get("service"), metric["priority"], duration(metric["within"]),
                    calendars[target["calendar"]], window, now)
                note = f"{met} met, {breached} breached, {pending} pending; " + "; ".join(detail)
            elif metric["type"] == "manual":
                # Manual values are taken as entered ("%": entered in percent).
                v = manual.get((f"{aid}/{target['id']}", period))
                achieved = v / 100 if v is not None else None
                note = "manual value" if v is not None else "no manual value"
            else:
                raise SystemExit(f"metric {metric['type']} not modelled")
            # Status: met if achieved ≥ expected; below minimum if achieved <
            # minimum (so exactly AT the minimum is "missed"); no data without a
            # value. Compared exactly, before any rounding.
            if achieved is None:
                status = "no data"
            elif achieved >= expected:
                status = "met"
            elif minimum is not None and achieved < minimum:
                status = "below minimum"
            else:
                status = "missed"
            rows.append({
                "period": period, "exact": achieved, "status": status, "note": note,
                "achieved": percent_down(achieved) if achieved is not None else None,
                "margin": margin(achieved, expected) if achieved is not None else None,
                "budget": budget,
            })
        targets.append({"key": f"{aid}/{target['id']}", "target": target, "rows": rows})

    # Credits, per period in order (docs/format.md "Credit terms"): raw credit
    # → at-risk pool → period cap → year cap → earn-back.
    terms = agreement["credits"]
    charges = int(Fraction(agreement["monthly_charge"]) * 100)  # cents; monthly periods
    at_risk_pct = Fraction(terms["at_risk_percent"]) / 100
    at_risk = half_up(charges * at_risk_pct)
    period_cap = half_up(charges * Fraction(terms["period_cap"]["percent_of_charges"]) / 100)
    year_cap_left = int(Fraction(terms["year_cap"]["amount"]) * 100)
    groups = []
    for n, ym in enumerate(MONTHS):
        # Pool: each MISSED or BELOW-MINIMUM critical level with a pool credit
        # earns charges × at risk × allocation, rounded half up once; the
        # period's pool total is capped at the at-risk amount, in proportion.
        missed = [t for t in targets if t["target"].get("critical") and t["target"].get("credit", {}).get("type") == "pool"
                  and t["rows"][n]["status"] in ("missed", "below minimum")]
        raw = [half_up(charges * at_risk_pct * Fraction(t["target"]["credit"]["allocation"]) / 100) for t in missed]
        pool = proportional(raw, at_risk, sum(raw)) if sum(raw) > at_risk else raw
        credit = {t["key"]: c for t, c in zip(missed, pool)}
        raw_of = {t["key"]: r for t, r in zip(missed, raw)}
        amounts = [credit.get(t["key"], 0) for t in targets]
        before = sum(amounts)
        # Period cap (12 % of the charges): the total is min(Σ, cap); "at cap"
        # when the credits reach it (exceed or equal it).
        if before > period_cap:
            after, shares, at_cap = period_cap, proportional(amounts, period_cap, before), True
        else:
            after, shares, at_cap = before, amounts, before > 0 and before == period_cap
        # Year cap (an amount per calendar year): periods pay in order until it
        # is used; later periods pay nothing. The targets' paid credits are
        # reduced in proportion.
        paid = min(after, year_cap_left)
        year_cap_left -= paid
        if paid != after:
            shares = proportional(shares, paid, after)
        for t, c, s in zip(targets, amounts, shares):
            t["rows"][n]["credit"] = c
            t["rows"][n]["credit_raw"] = raw_of.get(t["key"], 0)
            t["rows"][n]["paid"] = s
        groups.append({"period": label(*ym), "charges": charges, "at_risk": at_risk, "before": before,
                       "cap": period_cap, "at_cap": at_cap, "after": after, "paid": paid, "earned_back": 0})
    # Earn-back (N periods): a credit PAID in period i is returned when the
    # target is met in each of the N following periods (no data is not met);
    # undecided while they are not all known. Counted in period i's row.
    nb = terms["earn_back_periods"]
    for t in targets:
        for i, row in enumerate(t["rows"]):
            following = [r["status"] for r in t["rows"][i + 1: i + 1 + nb]]
            row["earned_back"] = row["paid"] > 0 and len(following) == nb and all(s == "met" for s in following)
            if row["earned_back"]:
                groups[i]["earned_back"] += row["paid"]
    for g in groups:
        g["net"] = g["paid"] - g["earned_back"]

    # Termination rights, over the span's periods in order.
    labels = [label(*ym) for ym in MONTHS]

    def k_of_m(flags, k, m):
        """K of any M consecutive periods: the window of M periods ending at
        each period; fires at the first period whose window holds K; the K
        qualifying periods of that window are named."""
        hits = [i for i, f in enumerate(flags) if f]
        for j in range(k - 1, len(hits)):
            if hits[j] - hits[j - k + 1] < m:
                return [labels[i] for i in hits[j - k + 1: j + 1]]
        return None

    rights = []
    for rule in agreement["termination"]:
        if rule["type"] == "below_minimum":
            # Each critical target on its own, in the file's order; the report
            # names the FIRST target (in that order) whose history fires.
            fired = None
            for t in targets:
                if t["target"].get("critical"):
                    got = k_of_m([r["status"] == "below minimum" for r in t["rows"]], rule["k"], rule["m"])
                    if got and fired is None:
                        fired = (t["key"], got)
            rights.append({"rule": f"a critical target below its minimum in {rule['k']} of any {rule['m']} consecutive periods",
                           "triggered": fired is not None, "target": fired and fired[0], "periods": fired[1] if fired else []})
        elif rule["type"] == "credits_at_cap":
            got = k_of_m([g["at_cap"] for g in groups], rule["k"], rule["m"])
            rights.append({"rule": f"credits at the cap in {rule['k']} of any {rule['m']} consecutive periods",
                           "triggered": got is not None, "target": None, "periods": got or []})
        elif rule["type"] == "rolling_average_below":
            # Mean of the achieved values (exact) over the last N periods, from
            # the N-th period on; periods without a value skipped; STRICTLY
            # below the level fires.
            t = next(t for t in targets if t["target"]["id"] == rule["target"])
            level = Fraction(rule["level"]) / 100
            n = rule["periods"]
            fired = None
            for end in range(n - 1, len(MONTHS)):
                present = [(labels[i], t["rows"][i]["exact"]) for i in range(end + 1 - n, end + 1) if t["rows"][i]["exact"] is not None]
                if present and sum(v for _, v in present) / len(present) < level:
                    fired = [p for p, _ in present]
                    break
            rights.append({"rule": f"the mean of `{rule['target']}` over the last {n} periods below {rule['level']}",
                           "triggered": fired is not None, "target": t["key"] if fired else None, "periods": fired or []})
    return targets, groups, rights


def as_json(targets, groups, rights):
    return {
        "targets": [{
            "key": t["key"],
            "periods": [{k: (money(v) if k in ("credit", "credit_raw", "paid") else v)
                         for k, v in r.items() if k not in ("exact", "note")} for r in t["rows"]],
        } for t in targets],
        "groups": [{**g, **{k: money(g[k]) for k in ("charges", "at_risk", "before", "cap", "after", "paid", "earned_back", "net")}} for g in groups],
        "termination": rights,
    }


def print_text(targets, groups, rights):
    print(f"Expected figures, span 2026-01..2026-07 (template Jan-Jun + CSV July); focus {FOCUS}\n")
    for t in targets:
        print(t["key"])
        for r in t["rows"]:
            mark = "  <<" if r["period"] == FOCUS else ""
            print(f"  {r['period']}: {r['achieved'] or 'no data':>9} {r['status']:<13} margin {r['margin'] or '—':>9}"
                  f"  credit {money(r['credit']):>9} paid {money(r['paid']):>9}{' earned back' if r['earned_back'] else ''}{mark}")
            if r["period"] == FOCUS:
                print(f"      {r['note']}")
                if r["budget"]:
                    b = r["budget"]
                    print(f"      error budget ({b['allowed']} s), used ({b['used']} s), left ({b['left']} s)")
                if r["exact"] is not None:
                    print(f"      exact: {r['exact']} = {float(r['exact'] * 100):.10f} %")
        print()
    print("Credits of bank-msa (cents shown as amounts)")
    for g in groups:
        mark = "  <<" if g["period"] == FOCUS else ""
        print(f"  {g['period']}: at risk {money(g['at_risk'])}, before caps {money(g['before'])}, period cap {money(g['cap'])}"
              f"{' (at cap)' if g['at_cap'] else ''}, paid {money(g['paid'])}, earned back {money(g['earned_back'])}, net {money(g['net'])}{mark}")
    print("\nTermination rights over 2026-01..2026-07")
    for r in rights:
        state = "TRIGGERED" if r["triggered"] else "not triggered"
        print(f"  {r['rule']}: {state}" + (f" by {r['target']}" if r["target"] else "") + (f" in {', '.join(r['periods'])}" if r["periods"] else ""))


def compare_cli(expected):
    """Runs the engine through the CLI on the same inputs (template JSON and
    the two CSVs as measurement files; the CLI reads CSV with the same
    import code as the app) and compares."""
    cmd = ["cargo", "run", "-q", "-p", "sla-cli", "--", "report", str(AGREEMENTS),
           "-m", str(TEMPLATE_MEASUREMENTS), "-m", str(OUTAGES_CSV), "-m", str(TICKETS_CSV),
           "--period", "2026-01..2026-07", "--format", "json"]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if out.returncode not in (0, 1, 3):
        sys.exit(f"CLI failed ({out.returncode}): {out.stderr}")
    report = json.loads(out.stdout)
    problems = []

    def check(what, mine, theirs):
        if mine != theirs:
            problems.append(f"{what}: expected {mine!r}, CLI {theirs!r}")

    for t in expected["targets"]:
        cli = next(x for x in report["targets"] if x["key"] == t["key"])
        for mine, theirs in zip(t["periods"], cli["periods"]):
            p = mine["period"]
            check(f"{t['key']} {p} period", p, theirs["period"])
            check(f"{t['key']} {p} achieved", mine["achieved"], theirs["achieved"])
            check(f"{t['key']} {p} status", mine["status"], theirs["status"])
            check(f"{t['key']} {p} margin", mine["margin"], theirs["margin"])
            check(f"{t['key']} {p} credit", mine["credit"], theirs["credit"] or "0.00")
            check(f"{t['key']} {p} paid", mine["paid"], theirs["credit_paid"] or "0.00")
            check(f"{t['key']} {p} earned back", mine["earned_back"], theirs["earned_back"])
            if mine["budget"]:
                b = theirs["budget"] or {}
                for part in ("allowed", "used", "left"):
                    check(f"{t['key']} {p} budget {part}", f"({mine['budget'][part]} s)",
                          re.search(r"\([^()]* s\)", b.get(part, "")).group(0))
    group = report["groups"][0]
    for mine, theirs in zip(expected["groups"], group["periods"]):
        p = mine["period"]
        for a, b in [("at_risk", "at_risk_amount"), ("before", "credits_before_caps"), ("cap", "period_cap"),
                     ("at_cap", "at_cap"), ("after", "after_period_cap"), ("paid", "paid"),
                     ("earned_back", "earned_back"), ("net", "net")]:
            check(f"group {p} {a}", mine[a], theirs[b])
    for mine, theirs in zip(expected["termination"], group["termination"]):
        check(f"termination {mine['rule']}", (mine["rule"], mine["triggered"], mine["target"], mine["periods"]),
              (theirs["rule"], theirs["triggered"], theirs["target"], theirs["periods"]))
    if problems:
        print("\nCLI cross-check: DIFFERENCES")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print(f"\nCLI cross-check: every figure above agrees with `sla report` (exit code {out.returncode}).")


if __name__ == "__main__":
    targets, groups, rights = compute()
    expected = as_json(targets, groups, rights)
    if "--json" in sys.argv:
        print(json.dumps(expected, indent=2, ensure_ascii=False))
    else:
        print_text(targets, groups, rights)
    if "--compare-cli" in sys.argv:
        compare_cli(expected)
