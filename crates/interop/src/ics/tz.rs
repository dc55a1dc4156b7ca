//! A VTIMEZONE of the file as a source of UTC offsets, for `TZID`s that are
//! not IANA names (Outlook writes `W. Europe Standard Time` and describes
//! it in a VTIMEZONE): its STANDARD and DAYLIGHT observances, with their
//! DTSTART, TZOFFSETFROM, TZOFFSETTO, RRULE and RDATE, become an
//! [`Offsets`] that the engine's [`Zone`](sla_engine::time::Zone) caches
//! and applies with its usual gap and fold rules.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use sla_engine::time::zone::Offsets;

use super::rrule::{expand, Rule, UntilValue};

/// One STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    /// DTSTART: the first change, on the wall clock before it (TZOFFSETFROM).
    pub start: NaiveDateTime,
    /// TZOFFSETFROM, seconds east of UTC.
    pub from: i32,
    /// TZOFFSETTO, seconds east of UTC.
    pub to: i32,
    pub rule: Option<Rule>,
    pub rdates: Vec<NaiveDateTime>,
}

/// A zone described by the file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileZone {
    pub name: String,
    pub observances: Vec<Observance>,
}

/// `+0100`, `-0500`, `+013045` → seconds east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let text = text.trim();
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, text.get(1..)?),
        b'-' => (-1, text.get(1..)?),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let part =
        |range: std::ops::Range<usize>| digits.get(range).and_then(|d| d.parse::<i32>().ok());
    let (hours, minutes) = (part(0..2)?, part(2..4)?);
    let seconds = if digits.len() == 6 { part(4..6)? } else { 0 };
    (hours < 24 && minutes < 60 && seconds < 60)
        .then_some(sign * (hours * 3_600 + minutes * 60 + seconds))
}

impl Offsets for FileZone {
    fn name(&self) -> &str {
        &self.name
    }

    fn offset_at(&self, unix_seconds: i64) -> Option<i32> {
        let year = DateTime::from_timestamp(unix_seconds, 0)?
            .naive_utc()
            .year();
        let (from, to) = (
            NaiveDate::from_ymd_opt(year - 1, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        );
        // The latest change at or before the instant wins; before the first
        // change, the offset in force before it.
        let mut latest: Option<(i64, i32)> = None;
        let mut earliest: Option<(i64, i32)> = None;
        for observance in &self.observances {
            let mut changes = vec![observance.start];
            changes.extend(observance.rdates.iter().copied());
            if let Some(rule) = &observance.rule {
                let until = rule.until.map(|u| match u {
                    UntilValue::Utc(t) => t + TimeDelta::seconds(i64::from(observance.from)),
                    UntilValue::Local(t) => t,
                    UntilValue::Date(d) => d
                        .and_hms_opt(23, 59, 59)
                        .unwrap_or(d.and_time(chrono::NaiveTime::MIN)),
                });
                changes.extend(expand(rule, observance.start, until, from, to, 64).occurrences);
            }
            for local in changes {
                let instant = local.and_utc().timestamp() - i64::from(observance.from);
                if earliest.is_none_or(|(t, _)| instant < t) {
                    earliest = Some((instant, observance.from));
                }
                if instant <= unix_seconds && latest.is_none_or(|(t, _)| instant > t) {
                    latest = Some((instant, observance.to));
                }
            }
        }
        latest.or(earliest).map(|(_, offset)| offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn berlin_as_outlook_writes_it() -> FileZone {
        let at = |t: &str| NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S").expect("date-time");
        FileZone {
            name: "W. Europe Standard Time".into(),
            observances: vec![
                Observance {
                    start: at("16010101T030000"),
                    from: 7_200,
                    to: 3_600,
                    rule: Some(Rule::parse("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10").expect("rule")),
                    rdates: Vec::new(),
                },
                Observance {
                    start: at("16010101T020000"),
                    from: 3_600,
                    to: 7_200,
                    rule: Some(Rule::parse("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3").expect("rule")),
                    rdates: Vec::new(),
                },
            ],
        }
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+0100"), Some(3_600));
        assert_eq!(parse_offset("-0530"), Some(-19_800));
        assert_eq!(parse_offset("+013045"), Some(5_445));
        assert_eq!(parse_offset("0100"), None);
        assert_eq!(parse_offset("+2500"), None);
    }

    #[test]
    fn an_outlook_vtimezone_agrees_with_the_database_for_berlin() {
        let zone = berlin_as_outlook_writes_it();
        let tz = chrono_tz::Europe::Berlin;
        use chrono::Offset;
        // Every six hours through 2025-2027, and just around the 2026 changes.
        let start = chrono::Utc
            .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
            .single()
            .expect("instant")
            .timestamp();
        let mut instants: Vec<i64> = (0..(3 * 365 * 4)).map(|i| start + i * 21_600).collect();
        for change in [1_774_746_000i64, 1_792_890_000] {
            instants.extend([change - 1, change, change + 1]);
        }
        for t in instants {
            let expected = tz
                .offset_from_utc_datetime(&DateTime::from_timestamp(t, 0).expect("t").naive_utc())
                .fix()
                .local_minus_utc();
            assert_eq!(zone.offset_at(t), Some(expected), "at {t}");
        }
    }
}
