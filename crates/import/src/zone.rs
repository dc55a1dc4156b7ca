//! Local timestamps to instants.
//!
//! Exports often write local wall-clock times without an offset. The user
//! chooses the time zone they are in (shown next to every figure), and this
//! module turns such a time into an instant with the engine's rules (see
//! `sla_engine::time::calendar`): a time inside a DST gap (02:30 on the
//! spring-forward night) becomes the first instant after the gap; a
//! repeated time (the fall-back night) is the earlier instant.
//!
//! Where offsets come from is a trait, [`Offsets`]: natively the IANA
//! database compiled in by chrono-tz ([`Tzdb`]), in the browser the
//! browser's own `Intl` (so the wasm carries no zone data). [`Zone`] asks its
//! source once per day (twice on a day with a change) and caches.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime};

const DAY: i64 = 86_400;
const QUARTER_HOUR: i64 = 900;
const NANOS: i64 = 1_000_000_000;

/// A source of UTC offsets.
pub trait Offsets {
    /// The zone's name as the user chose it (`Europe/Berlin`, `UTC`).
    fn name(&self) -> &str;
    /// The offset from UTC, in seconds, in force at `unix_seconds`.
    fn offset_at(&self, unix_seconds: i64) -> Option<i32>;
}

/// A fixed offset: `UTC`, `+01:00`, `-05:30`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    name: String,
    seconds: i32,
}

impl Fixed {
    pub fn utc() -> Fixed {
        Fixed {
            name: "UTC".into(),
            seconds: 0,
        }
    }

    /// `UTC`, `Z`, `GMT`, `+01:00`, `-0530`, `UTC+2`.
    pub fn parse(text: &str) -> Option<Fixed> {
        let trimmed = text.trim();
        let upper = trimmed.to_ascii_uppercase();
        let rest = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        if rest.is_empty() || rest == "Z" {
            return Some(Fixed::utc());
        }
        let (sign, digits) = match rest.as_bytes().first()? {
            b'+' => (1, rest.get(1..)?),
            b'-' => (-1, rest.get(1..)?),
            _ => return None,
        };
        let digits: String = digits.chars().filter(|c| *c != ':').collect();
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (hours, minutes) = if digits.len() <= 2 {
            (digits.parse::<i32>().ok()?, 0)
        } else {
            let split = digits.len() - 2;
            (
                digits.get(..split)?.parse::<i32>().ok()?,
                digits.get(split..)?.parse::<i32>().ok()?,
            )
        };
        if hours > 14 || minutes > 59 {
            return None;
        }
        Some(Fixed {
            name: trimmed.to_string(),
            seconds: sign * (hours * 3600 + minutes * 60),
        })
    }
}

impl Offsets for Fixed {
    fn name(&self) -> &str {
        &self.name
    }

    fn offset_at(&self, _: i64) -> Option<i32> {
        Some(self.seconds)
    }
}

/// IANA zones from the database compiled in by chrono-tz.
#[derive(Debug, Clone, Copy)]
pub struct Tzdb(pub chrono_tz::Tz);

impl Tzdb {
    pub fn parse(name: &str) -> Option<Tzdb> {
        name.trim().parse::<chrono_tz::Tz>().ok().map(Tzdb)
    }
}

impl Offsets for Tzdb {
    fn name(&self) -> &str {
        self.0.name()
    }

    fn offset_at(&self, unix_seconds: i64) -> Option<i32> {
        use chrono::{Offset, TimeZone};
        let utc = DateTime::from_timestamp(unix_seconds, 0)?.naive_utc();
        Some(
            self.0
                .offset_from_utc_datetime(&utc)
                .fix()
                .local_minus_utc(),
        )
    }
}

/// Offsets of one UTC day.
#[derive(Debug, Clone, Copy)]
enum DayOffsets {
    Constant(i32),
    /// The offset changes during the day: ask per quarter hour.
    Changes,
}

/// A zone with a cache in front of its source.
pub struct Zone {
    source: Box<dyn Offsets>,
    days: HashMap<i64, DayOffsets>,
    quarters: HashMap<i64, i32>,
}

impl Zone {
    pub fn new(source: Box<dyn Offsets>) -> Zone {
        Zone {
            source,
            days: HashMap::new(),
            quarters: HashMap::new(),
        }
    }

    pub fn utc() -> Zone {
        Zone::new(Box::new(Fixed::utc()))
    }

    /// A fixed offset (`UTC`, `+01:00`) or an IANA name from chrono-tz's
    /// database (natively; the app looks names up in the browser's `Intl`).
    pub fn named(name: &str) -> Option<Zone> {
        match Fixed::parse(name) {
            Some(fixed) => Some(Zone::new(Box::new(fixed))),
            None => Tzdb::parse(name).map(|tz| Zone::new(Box::new(tz))),
        }
    }

    pub fn name(&self) -> &str {
        self.source.name()
    }

    /// The offset in force at `unix_seconds`.
    ///
    /// Offsets change at most once a day and only on a quarter hour, so the
    /// source is asked at the start and end of the UTC day and, on a day
    /// with a change, per quarter hour.
    pub fn offset_at(&mut self, unix_seconds: i64) -> Option<i32> {
        let day = unix_seconds.div_euclid(DAY);
        let offsets = match self.days.get(&day) {
            Some(known) => *known,
            None => {
                let start = self.source.offset_at(day * DAY)?;
                let end = self.source.offset_at(day * DAY + DAY - 1)?;
                let known = if start == end {
                    DayOffsets::Constant(start)
                } else {
                    DayOffsets::Changes
                };
                self.days.insert(day, known);
                known
            }
        };
        match offsets {
            DayOffsets::Constant(offset) => Some(offset),
            DayOffsets::Changes => {
                let quarter = unix_seconds.div_euclid(QUARTER_HOUR);
                if let Some(offset) = self.quarters.get(&quarter) {
                    return Some(*offset);
                }
                let offset = self.source.offset_at(quarter * QUARTER_HOUR)?;
                self.quarters.insert(quarter, offset);
                Some(offset)
            }
        }
    }

    /// The instant (Unix nanoseconds) of a local wall-clock time, with the
    /// gap and fold rules of the module docs.
    pub fn to_utc(&mut self, local: NaiveDateTime) -> Option<i64> {
        let utc = local.and_utc();
        let wall = utc.timestamp();
        let nanos = i64::from(utc.timestamp_subsec_nanos());
        // The offsets in force around that wall time: no zone is more than
        // 14 hours from UTC, and offsets change at most once a day.
        let before = self.offset_at(wall - DAY / 2)?;
        let after = self.offset_at(wall + DAY / 2)?;
        let mut found: Option<i64> = None;
        for offset in [before, after] {
            let instant = wall - i64::from(offset);
            if self.offset_at(instant)? == offset {
                found = Some(found.map_or(instant, |f| f.min(instant)));
            }
        }
        let seconds = match found {
            Some(instant) => instant,
            // A gap: the first instant after it is where the offset changes,
            // between the wall time read with the later and the earlier offset.
            None => {
                let (mut low, mut high) = (
                    (wall - i64::from(after)).min(wall - i64::from(before)),
                    (wall - i64::from(after)).max(wall - i64::from(before)),
                );
                let first = self.offset_at(low)?;
                while high - low > 1 {
                    let middle = low + (high - low) / 2;
                    if self.offset_at(middle)? == first {
                        low = middle;
                    } else {
                        high = middle;
                    }
                }
                return high.checked_mul(NANOS);
            }
        };
        seconds.checked_mul(NANOS)?.checked_add(nanos)
    }

    /// The local wall-clock time of an instant.
    pub fn to_local(&mut self, unix_nanos: i64) -> Option<NaiveDateTime> {
        let seconds = unix_nanos.div_euclid(NANOS);
        let offset = self.offset_at(seconds)?;
        let local = unix_nanos.checked_add(i64::from(offset).checked_mul(NANOS)?)?;
        Some(DateTime::from_timestamp_nanos(local).naive_utc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use sla_engine::time::calendar::{local_to_utc, Edge};

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("test time")
    }

    #[test]
    fn berlin_gap_and_fold_follow_the_engine() {
        let mut zone = Zone::new(Box::new(Tzdb(chrono_tz::Europe::Berlin)));
        // 02:30 does not exist on 29 March 2026: the first instant after the gap, 01:00 UTC.
        assert_eq!(
            zone.to_utc(local("2026-03-29 02:30:00")),
            Some(1_774_746_000 * NANOS)
        );
        // 02:30 happens twice on 25 October 2026: the earlier, 00:30 UTC.
        assert_eq!(
            zone.to_utc(local("2026-10-25 02:30:00")),
            Some(1_792_888_200 * NANOS)
        );
        assert_eq!(
            zone.to_local(1_792_888_200 * NANOS),
            Some(local("2026-10-25 02:30:00"))
        );
    }

    #[test]
    fn fixed_offsets() {
        assert_eq!(Fixed::parse("utc"), Some(Fixed::utc()));
        assert_eq!(Fixed::parse("+05:30").map(|f| f.seconds), Some(19_800));
        assert_eq!(Fixed::parse("UTC-3").map(|f| f.seconds), Some(-10_800));
        assert_eq!(Fixed::parse("-0930").map(|f| f.seconds), Some(-34_200));
        assert_eq!(Fixed::parse("Europe/Berlin"), None);
        assert_eq!(Fixed::parse("+25:00"), None);
        let mut zone = Zone::new(Box::new(Fixed::parse("+01:00").expect("offset")));
        assert_eq!(
            zone.to_utc(local("2026-03-05 10:00:00")),
            Some(1_772_701_200 * NANOS)
        );
    }

    proptest! {
        #[test]
        fn agrees_with_the_engine_in_every_zone_kind(
            seconds in 0i64..(60 * 365 * 86_400),
            zone_index in 0usize..5,
        ) {
            let tz = [
                chrono_tz::Europe::Berlin,
                chrono_tz::America::New_York,
                chrono_tz::Australia::Lord_Howe,
                chrono_tz::Asia::Kolkata,
                chrono_tz::Pacific::Apia,
            ][zone_index];
            let wall = NaiveDate::from_ymd_opt(1990, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|t| t.checked_add_signed(chrono::TimeDelta::seconds(seconds / 60 * 60)))
                .expect("in range");
            let mut zone = Zone::new(Box::new(Tzdb(tz)));
            prop_assert_eq!(zone.to_utc(wall), local_to_utc(tz, wall, Edge::Start));
        }
    }
}
