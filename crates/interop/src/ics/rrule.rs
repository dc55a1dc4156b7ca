//! Recurrence rules (RFC 5545 §3.3.10) expanded on the wall clock of the
//! event: FREQ DAILY, WEEKLY, MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL,
//! BYDAY (with ordinals such as `1MO`, `-1FR` in monthly and yearly rules),
//! BYMONTHDAY (negative from the month's end), BYMONTH and WKST.
//!
//! Hand-written: the `rrule` crate needs chrono-tz (the zone database the
//! app keeps out of its wasm), and the subset above is what holiday and
//! maintenance calendars use. Anything else (BYSETPOS, BYWEEKNO,
//! BYYEARDAY, BYHOUR…, FREQ=HOURLY and finer) is refused with its name, so
//! the caller can say which event was not used and why.
//!
//! Conventions, as RFC 5545 says: DTSTART is always the first occurrence
//! and counts towards COUNT; UNTIL is inclusive; a day that does not exist
//! in a month (the 31st, 29 February) is skipped, not moved.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, Weekday};
use sla_engine::time::iso;

/// How often the rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// `UNTIL` as written; the caller turns it into the event's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UntilValue {
    Date(NaiveDate),
    /// Without `Z`: on the event's own clock.
    Local(NaiveDateTime),
    /// With `Z`.
    Utc(NaiveDateTime),
}

/// A parsed rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub count: Option<u32>,
    pub until: Option<UntilValue>,
    /// `(ordinal, weekday)`: `1MO` is `(Some(1), Mon)`, `FR` is `(None, Fri)`.
    pub by_day: Vec<(Option<i32>, Weekday)>,
    pub by_month_day: Vec<i32>,
    pub by_month: Vec<u32>,
    pub week_start: Weekday,
}

/// Why a rule cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// Valid iCalendar, but not in the subset this module expands.
    Unsupported(String),
    /// Not a valid rule.
    Invalid(String),
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RuleError::Unsupported(what) => write!(f, "{what} is not supported"),
            RuleError::Invalid(what) => write!(f, "{what}"),
        }
    }
}

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn numbers(
    part: &str,
    value: &str,
    low: i32,
    high: i32,
    signed: bool,
) -> Result<Vec<i32>, RuleError> {
    value
        .split(',')
        .map(|n| {
            n.trim()
                .parse::<i32>()
                .ok()
                .filter(|v| (low..=high).contains(&v.abs()) && (signed || *v > 0))
                .ok_or_else(|| {
                    RuleError::Invalid(format!("{part}={value} has a value out of range"))
                })
        })
        .collect()
}

/// `UNTIL` values: `20261231`, `20261231T235959`, `20261231T235959Z`.
pub fn parse_until(text: &str) -> Option<UntilValue> {
    let text = text.trim();
    if let Some(utc) = text.strip_suffix('Z') {
        return iso::basic_date_time(utc).map(UntilValue::Utc);
    }
    if text.len() == 8 {
        return iso::basic_date(text).map(UntilValue::Date);
    }
    iso::basic_date_time(text).map(UntilValue::Local)
}

impl Rule {
    /// Reads an RRULE value such as `FREQ=MONTHLY;BYDAY=2TU;COUNT=12`.
    ///
    /// # Errors
    /// [`RuleError::Unsupported`] for the parts and frequencies outside the
    /// subset of the module docs, [`RuleError::Invalid`] for a broken rule.
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        let mut freq = None;
        let mut rule = Rule {
            freq: Freq::Daily,
            interval: 1,
            count: None,
            until: None,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            week_start: Weekday::Mon,
        };
        for part in text.trim().split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| RuleError::Invalid(format!("`{part}` is not NAME=value")))?;
            let key = key.trim().to_ascii_uppercase();
            let value = value.trim().to_ascii_uppercase();
            match key.as_str() {
                "FREQ" => {
                    freq = Some(match value.as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        "SECONDLY" | "MINUTELY" | "HOURLY" => {
                            return Err(RuleError::Unsupported(format!(
                                "FREQ={value} (repeats within a day)"
                            )))
                        }
                        _ => {
                            return Err(RuleError::Invalid(format!(
                                "FREQ={value} is not a frequency"
                            )))
                        }
                    })
                }
                "INTERVAL" => {
                    rule.interval = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=10_000).contains(n))
                        .ok_or_else(|| {
                            RuleError::Invalid(format!(
                                "INTERVAL={value} is not a whole number from 1"
                            ))
                        })?
                }
                "COUNT" => {
                    rule.count = Some(value.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        RuleError::Invalid(format!("COUNT={value} is not a whole number from 1"))
                    })?)
                }
                "UNTIL" => {
                    rule.until = Some(parse_until(&value).ok_or_else(|| {
                        RuleError::Invalid(format!("UNTIL={value} is not a date or date-time"))
                    })?)
                }
                "BYDAY" => {
                    for item in value.split(',') {
                        let item = item.trim();
                        // Split by bytes only after checking the item is
                        // ASCII: a stray non-ASCII character (a zero-width
                        // space pasted with the rule) must be an error, not
                        // a split inside a character.
                        if !item.is_ascii() {
                            return Err(RuleError::Invalid(format!(
                                "BYDAY={value}: `{item}` is not a weekday"
                            )));
                        }
                        let split = item.len().saturating_sub(2);
                        let (ordinal, day) = item.split_at(split);
                        let day = weekday(day).ok_or_else(|| {
                            RuleError::Invalid(format!("BYDAY={value}: `{item}` is not a weekday"))
                        })?;
                        let ordinal = match ordinal {
                            "" => None,
                            n => Some(
                                n.trim_start_matches('+')
                                    .parse::<i32>()
                                    .ok()
                                    .filter(|n| *n != 0 && n.abs() <= 53)
                                    .ok_or_else(|| {
                                        RuleError::Invalid(format!(
                                            "BYDAY={value}: `{item}` has no valid ordinal"
                                        ))
                                    })?,
                            ),
                        };
                        rule.by_day.push((ordinal, day));
                    }
                }
                "BYMONTHDAY" => rule.by_month_day = numbers("BYMONTHDAY", &value, 1, 31, true)?,
                "BYMONTH" => {
                    rule.by_month = numbers("BYMONTH", &value, 1, 12, false)?
                        .into_iter()
                        .map(|m| m.unsigned_abs())
                        .collect()
                }
                "WKST" => {
                    rule.week_start = weekday(&value).ok_or_else(|| {
                        RuleError::Invalid(format!("WKST={value} is not a weekday"))
                    })?
                }
                "BYSETPOS" | "BYWEEKNO" | "BYYEARDAY" | "BYHOUR" | "BYMINUTE" | "BYSECOND"
                | "RSCALE" | "SKIP" => return Err(RuleError::Unsupported(key)),
                _ => {
                    return Err(RuleError::Invalid(format!(
                        "`{key}` is not a part of a recurrence rule"
                    )))
                }
            }
        }
        rule.freq = freq.ok_or_else(|| RuleError::Invalid("FREQ is missing".into()))?;
        if rule.count.is_some() && rule.until.is_some() {
            return Err(RuleError::Invalid(
                "COUNT and UNTIL together (RFC 5545 allows one of them)".into(),
            ));
        }
        if matches!(rule.freq, Freq::Daily | Freq::Weekly)
            && rule.by_day.iter().any(|(n, _)| n.is_some())
        {
            return Err(RuleError::Invalid(
                "a BYDAY ordinal such as 1MO needs FREQ=MONTHLY or YEARLY".into(),
            ));
        }
        if rule.freq == Freq::Weekly && !rule.by_month_day.is_empty() {
            return Err(RuleError::Invalid(
                "BYMONTHDAY does not go with FREQ=WEEKLY".into(),
            ));
        }
        Ok(rule)
    }
}

/// The occurrences of a rule that fall in a range of dates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expansion {
    /// Sorted, without duplicates, each at or after DTSTART, on a date in the range.
    pub occurrences: Vec<NaiveDateTime>,
    /// The limit of occurrences in the range was reached; later ones are left out.
    pub truncated: bool,
    /// The rule ran through more periods than [`MAX_PERIODS`] without reaching the range's end.
    pub exhausted: bool,
}

/// Periods (days, weeks, months, years) walked through at most for one rule.
pub const MAX_PERIODS: u64 = 400_000;

/// Expands `rule` from `start` (DTSTART on the event's wall clock), keeping
/// the occurrences dated `from..=to`, at most `limit` of them. `until` is
/// UNTIL already on the same wall clock.
pub fn expand(
    rule: &Rule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    from: NaiveDate,
    to: NaiveDate,
    limit: usize,
) -> Expansion {
    let mut out = Expansion::default();
    let mut counted: u64 = 0;
    let time = start.time();
    // DTSTART is the first occurrence, whatever the rule says.
    let mut emit = |at: NaiveDateTime, out: &mut Expansion| -> bool {
        counted += 1;
        if rule.count.is_some_and(|c| counted > u64::from(c)) {
            return false;
        }
        let date = at.date();
        if date >= from && date <= to {
            if out.occurrences.len() >= limit {
                out.truncated = true;
                return false;
            }
            out.occurrences.push(at);
        }
        true
    };
    if !emit(start, &mut out) {
        return out;
    }
    // Without COUNT, periods before the range cannot matter: start just before it.
    let skip = match rule.count {
        Some(_) => 0,
        None => {
            let units = match rule.freq {
                Freq::Daily => (from - start.date()).num_days(),
                Freq::Weekly => (from - start.date()).num_days() / 7,
                Freq::Monthly => {
                    i64::from(from.year() - start.year()) * 12 + i64::from(from.month())
                        - i64::from(start.month())
                }
                Freq::Yearly => i64::from(from.year() - start.year()),
            };
            u64::try_from(units / i64::from(rule.interval) - 1).unwrap_or(0)
        }
    };
    let mut period = skip;
    loop {
        if period - skip > MAX_PERIODS {
            out.exhausted = true;
            return out;
        }
        let Some((first_day, candidates)) = candidates(rule, start.date(), period) else {
            return out;
        };
        if first_day > to {
            return out;
        }
        for day in candidates {
            let at = day.and_time(time);
            if at <= start {
                continue;
            }
            if until.is_some_and(|u| at > u) {
                return out;
            }
            if !emit(at, &mut out) {
                return out;
            }
        }
        period += 1;
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|d| d.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(a), Some(b)) => u32::try_from((b - a).num_days()).unwrap_or(30),
        _ => 30,
    }
}

/// `n` from the start (1 is the first) or from the end (-1 is the last) of `1..=len`.
fn nth(n: i32, len: u32) -> Option<u32> {
    let len = i64::from(len);
    let index = if n > 0 {
        i64::from(n)
    } else {
        len + 1 + i64::from(n)
    };
    (1..=len)
        .contains(&index)
        .then(|| u32::try_from(index).ok())
        .flatten()
}

/// Days of `span` (first..=last) that are `day`; the `n`-th of them when `n` is given.
fn weekdays_in(first: NaiveDate, last: NaiveDate, day: Weekday, n: Option<i32>) -> Vec<NaiveDate> {
    let offset = (7 + day.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let all: Vec<NaiveDate> = first
        .checked_add_days(Days::new(u64::from(offset)))
        .into_iter()
        .flat_map(|d| d.iter_weeks())
        .take_while(|d| *d <= last)
        .collect();
    match n {
        None => all,
        Some(n) => nth(n, u32::try_from(all.len()).unwrap_or(0))
            .and_then(|i| all.get(i as usize - 1).copied())
            .into_iter()
            .collect(),
    }
}

fn month_days(rule: &Rule, year: i32, month: u32, start: NaiveDate) -> Vec<NaiveDate> {
    let len = days_in_month(year, month);
    let date = |d: u32| NaiveDate::from_ymd_opt(year, month, d);
    let (Some(first), Some(last)) = (date(1), date(len)) else {
        return Vec::new();
    };
    if !rule.by_month_day.is_empty() {
        rule.by_month_day
            .iter()
            .filter_map(|n| nth(*n, len).and_then(date))
            .filter(|d| weekday_allowed(rule, *d, first, last))
            .collect()
    } else if !rule.by_day.is_empty() {
        rule.by_day
            .iter()
            .flat_map(|(n, day)| weekdays_in(first, last, *day, *n))
            .collect()
    } else {
        date(start.day()).into_iter().collect()
    }
}

/// BYDAY as a filter (with BYMONTHDAY): a plain weekday matches any such
/// day, an ordinal one only that day of the month.
fn weekday_allowed(rule: &Rule, day: NaiveDate, first: NaiveDate, last: NaiveDate) -> bool {
    rule.by_day.is_empty()
        || rule.by_day.iter().any(|(n, wd)| match n {
            None => day.weekday() == *wd,
            Some(_) => weekdays_in(first, last, *wd, *n).contains(&day),
        })
}

/// The first day of period `index` and the candidate days in it, sorted.
fn candidates(rule: &Rule, start: NaiveDate, index: u64) -> Option<(NaiveDate, Vec<NaiveDate>)> {
    let step = index.checked_mul(u64::from(rule.interval))?;
    let (first_day, mut days) = match rule.freq {
        Freq::Daily => {
            let day = start.checked_add_days(Days::new(step))?;
            let keep = (rule.by_month.is_empty() || rule.by_month.contains(&day.month()))
                && (rule.by_month_day.is_empty()
                    || rule.by_month_day.iter().any(|n| {
                        nth(*n, days_in_month(day.year(), day.month())) == Some(day.day())
                    }))
                && (rule.by_day.is_empty()
                    || rule.by_day.iter().any(|(_, wd)| *wd == day.weekday()));
            return Some((day, if keep { vec![day] } else { Vec::new() }));
        }
        Freq::Weekly => {
            let back = (7 + start.weekday().num_days_from_monday()
                - rule.week_start.num_days_from_monday())
                % 7;
            let week = start
                .checked_sub_days(Days::new(u64::from(back)))?
                .checked_add_days(Days::new(step.checked_mul(7)?))?;
            let wanted: Vec<Weekday> = match rule.by_day.is_empty() {
                true => vec![start.weekday()],
                false => rule.by_day.iter().map(|(_, d)| *d).collect(),
            };
            let days = wanted
                .iter()
                .filter_map(|wd| {
                    let offset = (7 + wd.num_days_from_monday()
                        - rule.week_start.num_days_from_monday())
                        % 7;
                    week.checked_add_days(Days::new(u64::from(offset)))
                })
                .filter(|d| rule.by_month.is_empty() || rule.by_month.contains(&d.month()))
                .collect();
            (week, days)
        }
        Freq::Monthly => {
            let first = start
                .with_day(1)?
                .checked_add_months(Months::new(u32::try_from(step).ok()?))?;
            let days = if rule.by_month.is_empty() || rule.by_month.contains(&first.month()) {
                month_days(rule, first.year(), first.month(), start)
            } else {
                Vec::new()
            };
            (first, days)
        }
        Freq::Yearly => {
            let year = start.year().checked_add(i32::try_from(step).ok()?)?;
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let months: Vec<u32> = match rule.by_month.is_empty() {
                false => rule.by_month.clone(),
                true if !rule.by_month_day.is_empty() => (1..=12).collect(),
                true => Vec::new(),
            };
            let days = if !months.is_empty() {
                months
                    .iter()
                    .flat_map(|m| {
                        // BYMONTH alone: DTSTART's day in each listed month.
                        month_days(rule, year, *m, start)
                    })
                    .collect()
            } else if !rule.by_day.is_empty() {
                let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
                rule.by_day
                    .iter()
                    .flat_map(|(n, day)| weekdays_in(first, last, *day, *n))
                    .collect()
            } else {
                NaiveDate::from_ymd_opt(year, start.month(), start.day())
                    .into_iter()
                    .collect()
            };
            (first, days)
        }
    };
    days.sort_unstable();
    days.dedup();
    Some((first_day, days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("date-time")
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn dates(rule: &str, start: &str, from: &str, to: &str) -> Vec<String> {
        let rule = Rule::parse(rule).expect("valid rule");
        expand(&rule, at(start), None, date(from), date(to), 1_000)
            .occurrences
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect()
    }

    #[test]
    fn patch_tuesday_is_the_second_tuesday_of_each_month() {
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYDAY=2TU",
                "2026-01-13 22:00",
                "2026-01-01",
                "2026-04-30"
            ),
            ["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"]
        );
    }

    #[test]
    fn the_last_friday_and_negative_month_days() {
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
                "2026-01-30 18:00",
                "2026-01-01",
                "2026-12-31"
            ),
            ["2026-01-30", "2026-02-27", "2026-03-27"]
        );
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                "2026-01-31 23:00",
                "2026-01-01",
                "2026-03-31"
            ),
            ["2026-01-31", "2026-02-28", "2026-03-31"]
        );
    }

    #[test]
    fn a_missing_31st_is_skipped_not_moved() {
        assert_eq!(
            dates(
                "FREQ=MONTHLY",
                "2026-01-31 02:00",
                "2026-01-01",
                "2026-05-31"
            ),
            ["2026-01-31", "2026-03-31", "2026-05-31"]
        );
    }

    #[test]
    fn weekly_with_interval_and_week_start() {
        assert_eq!(
            dates(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO",
                "2026-01-06 09:00",
                "2026-01-01",
                "2026-02-02"
            ),
            ["2026-01-06", "2026-01-11", "2026-01-20", "2026-01-25"]
        );
        // RFC 5545's own example: WKST=SU gives different weeks.
        assert_eq!(
            dates(
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
                "1997-08-05 09:00",
                "1997-01-01",
                "1997-12-31"
            ),
            ["1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"]
        );
    }

    #[test]
    fn yearly_rules_for_public_holidays() {
        // US Thanksgiving: fourth Thursday of November; Memorial Day: last Monday of May.
        assert_eq!(
            dates(
                "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
                "2024-11-28 00:00",
                "2025-01-01",
                "2027-12-31"
            ),
            ["2025-11-27", "2026-11-26", "2027-11-25"]
        );
        assert_eq!(
            dates(
                "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
                "2026-05-25 00:00",
                "2026-01-01",
                "2027-12-31"
            ),
            ["2026-05-25", "2027-05-31"]
        );
        assert_eq!(
            dates(
                "FREQ=YEARLY",
                "2024-02-29 00:00",
                "2024-01-01",
                "2028-12-31"
            ),
            ["2024-02-29", "2028-02-29"]
        );
        assert_eq!(
            dates(
                "FREQ=YEARLY;BYDAY=1MO",
                "2026-01-05 00:00",
                "2026-01-01",
                "2027-12-31"
            ),
            ["2026-01-05", "2027-01-04"]
        );
    }

    #[test]
    fn until_is_inclusive_and_daily_filters_apply() {
        let rule =
            Rule::parse("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260109T080000").expect("valid");
        let got = expand(
            &rule,
            at("2026-01-05 08:00"),
            Some(at("2026-01-09 08:00")),
            date("2026-01-01"),
            date("2026-12-31"),
            100,
        );
        assert_eq!(got.occurrences.len(), 5);
    }

    #[test]
    fn unsupported_parts_are_named() {
        assert_eq!(
            Rule::parse("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1"),
            Err(RuleError::Unsupported("BYSETPOS".into()))
        );
        assert_eq!(
            Rule::parse("FREQ=YEARLY;BYWEEKNO=20"),
            Err(RuleError::Unsupported("BYWEEKNO".into()))
        );
        assert!(
            matches!(Rule::parse("FREQ=HOURLY;INTERVAL=4"), Err(RuleError::Unsupported(w)) if w.contains("HOURLY"))
        );
        assert!(matches!(
            Rule::parse("FREQ=WEEKLY;BYDAY=1MO"),
            Err(RuleError::Invalid(_))
        ));
        assert!(matches!(Rule::parse("COUNT=3"), Err(RuleError::Invalid(_))));
        assert!(matches!(
            Rule::parse("FREQ=DAILY;COUNT=2;UNTIL=20260101"),
            Err(RuleError::Invalid(_))
        ));
    }

    #[test]
    fn a_huge_rule_stops_at_the_limit() {
        let rule = Rule::parse("FREQ=DAILY").expect("valid");
        let got = expand(
            &rule,
            at("1900-01-01 00:00"),
            None,
            date("1900-01-01"),
            date("2100-12-31"),
            10_000,
        );
        assert_eq!(got.occurrences.len(), 10_000);
        assert!(got.truncated);
        // Far from the range and without COUNT: skipped ahead, not walked.
        let got = expand(
            &rule,
            at("1601-01-01 00:00"),
            None,
            date("2026-01-01"),
            date("2026-01-31"),
            10_000,
        );
        assert_eq!(got.occurrences.len(), 31);
        // With COUNT it must walk; a rule that never matches stops at the period limit.
        let never = Rule::parse("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5").expect("valid");
        let got = expand(
            &never,
            at("1000-01-01 00:00"),
            None,
            date("1000-01-01"),
            date("9000-01-01"),
            10,
        );
        assert!(got.exhausted);
    }

    fn any_rule() -> impl Strategy<Value = String> {
        let freq = prop_oneof![
            Just("DAILY"),
            Just("WEEKLY"),
            Just("MONTHLY"),
            Just("YEARLY")
        ];
        let by_day = prop_oneof![Just(""), Just(";BYDAY=MO,FR"), Just(";BYDAY=SA")];
        let ordinal = prop_oneof![Just(""), Just(";BYDAY=1MO"), Just(";BYDAY=-1FR,2TU")];
        let month_day = prop_oneof![
            Just(""),
            Just(";BYMONTHDAY=1,15,-1"),
            Just(";BYMONTHDAY=31")
        ];
        let month = prop_oneof![Just(""), Just(";BYMONTH=2,6"), Just(";BYMONTH=12")];
        (freq, 1u32..4, by_day, ordinal, month_day, month).prop_map(|(f, i, d, o, md, m)| {
            let day = match f {
                "DAILY" | "WEEKLY" => d,
                _ if o.is_empty() => d,
                _ => o,
            };
            let md = if f == "WEEKLY" { "" } else { md };
            format!("FREQ={f};INTERVAL={i}{day}{md}{m}")
        })
    }

    #[test]
    fn a_non_ascii_weekday_is_an_error_not_a_panic() {
        for rule in [
            "FREQ=WEEKLY;BYDAY=aéb",
            "FREQ=WEEKLY;BYDAY=MO\u{200b}",
            "FREQ=WEEKLY;BYDAY=é",
        ] {
            assert!(Rule::parse(rule).is_err(), "{rule}");
        }
    }

    proptest! {
        #[test]
        fn any_rule_text_parses_or_errs_without_panicking(text in "\\PC{0,40}") {
            let _ = Rule::parse(&text);
            let _ = Rule::parse(&format!("FREQ=WEEKLY;BYDAY={text}"));
        }
    }

    proptest! {
        #[test]
        fn expansion_is_sorted_in_range_and_respects_count(
            rule in any_rule(),
            count in 1u32..40,
            start_day in 0u64..3_000,
            from_day in 0u64..3_000,
            length in 0u64..1_500,
            limit in 1usize..200,
        ) {
            let base = date("2020-01-01");
            let start = base.checked_add_days(Days::new(start_day)).expect("date").and_hms_opt(9, 30, 0).expect("time");
            let from = base.checked_add_days(Days::new(from_day)).expect("date");
            let to = from.checked_add_days(Days::new(length)).expect("date");
            let text = format!("{rule};COUNT={count}");
            let parsed = Rule::parse(&text).expect("generated rules are valid");
            let got = expand(&parsed, start, None, from, to, limit);
            prop_assert!(got.occurrences.windows(2).all(|w| w[0] < w[1]), "{text}: {:?}", got.occurrences);
            prop_assert!(got.occurrences.iter().all(|o| o.date() >= from && o.date() <= to && *o >= start));
            prop_assert!(got.occurrences.iter().all(|o| o.time() == start.time()));
            prop_assert!(got.occurrences.len() <= count as usize);
            prop_assert!(got.occurrences.len() <= limit);
            // With the whole span in range, COUNT occurrences come out unless the limit cut them.
            let all = expand(&parsed, start, None, start.date(), date("2999-12-31"), 1_000);
            prop_assert!(all.occurrences.len() <= count as usize);
            prop_assert_eq!(all.occurrences.first().copied(), Some(start));
            let inside: Vec<_> = all.occurrences.iter().filter(|o| o.date() >= from && o.date() <= to).copied().collect();
            if !got.truncated {
                prop_assert_eq!(&got.occurrences, &inside);
            }
        }
    }
}
