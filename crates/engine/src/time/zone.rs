//! Time zones: where UTC offsets come from, and local wall-clock times to
//! instants and back.
//!
//! Where offsets come from is a trait, [`Offsets`]: a fixed offset
//! ([`Fixed`]: `UTC`, `+01:00`), the IANA database compiled in by chrono-tz
//! ([`Tzdb`], with the `tzdb` feature, on by default), or anything a caller
//! registers with [`Zone::set_resolver`]: the browser app reads offsets from
//! the browser's own `Intl`, so its wasm carries no zone database.
//!
//! [`Zone`] is the handle the engine works with. It asks its source once per
//! UTC day (per quarter hour on a day with a change) and caches, and it
//! applies the engine's rules for local times (see [`super::calendar`]):
//!
//! - a local time inside a DST gap (02:30 on the spring-forward night) is the
//!   first instant after the gap;
//! - a local time inside a fold (02:30 on the fall-back night, which happens
//!   twice) is the earlier instant at [`Edge::Start`] and the later one at
//!   [`Edge::End`], so a range over the repeated hour covers both copies.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use super::calendar::Edge;
use super::interval::UnixNanos;

const DAY: i64 = 86_400;
/// How far either side of a wall time read as UTC its offsets are looked up.
const BRACKET: i64 = 16 * 3_600;
const QUARTER_HOUR: i64 = 900;
const NANOS: i64 = 1_000_000_000;

/// A source of UTC offsets.
pub trait Offsets {
    /// The zone's name as the user chose it (`Europe/Berlin`, `UTC`).
    fn name(&self) -> &str;
    /// The offset from UTC, in seconds, in force at `unix_seconds`; `None`
    /// when the source cannot say (out of its range).
    fn offset_at(&self, unix_seconds: i64) -> Option<i32>;
}

/// A fixed offset: `UTC`, `+01:00`, `-05:30`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    name: String,
    seconds: i32,
}

impl Fixed {
    /// UTC itself, named `UTC`.
    pub fn utc() -> Fixed {
        Fixed {
            name: "UTC".into(),
            seconds: 0,
        }
    }

    /// Reads `UTC`, `Z`, `GMT` (any case), `+01:00`, `-0530`, `+1`, `UTC+2`,
    /// `GMT-03:30`: at most 14 hours and 59 minutes either side of UTC. The
    /// sign is the ISO 8601 one (`+01:00` is ahead of UTC), not the POSIX
    /// one of `Etc/GMT+1`, which is an IANA name and not read here.
    ///
    /// # Example
    /// ```
    /// use sla_engine::time::zone::{Fixed, Offsets};
    ///
    /// assert_eq!(Fixed::parse("+05:30").and_then(|f| f.offset_at(0)), Some(19_800));
    /// assert_eq!(Fixed::parse("gmt").map(|f| f.name().to_string()), Some("UTC".into()));
    /// assert_eq!(Fixed::parse("Europe/Berlin"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Fixed> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            // An empty zone is a mistake to point out, not UTC in disguise.
            return None;
        }
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

/// IANA zones from the database compiled in by chrono-tz (the `tzdb`
/// feature, on by default; the browser app leaves it off).
#[cfg(feature = "tzdb")]
#[derive(Debug, Clone, Copy)]
pub struct Tzdb(pub chrono_tz::Tz);

#[cfg(feature = "tzdb")]
impl Tzdb {
    /// An IANA name as the database spells it (`Europe/Berlin`; case matters).
    pub fn parse(name: &str) -> Option<Tzdb> {
        name.trim().parse::<chrono_tz::Tz>().ok().map(Tzdb)
    }
}

#[cfg(feature = "tzdb")]
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

/// Looks up a zone name that is not a fixed offset; see [`Zone::set_resolver`].
pub type Resolver = fn(&str) -> Option<Box<dyn Offsets>>;

thread_local! {
    static RESOLVER: Cell<Option<Resolver>> = const { Cell::new(None) };
    static UTC: Zone = Zone::new(Box::new(Fixed::utc()));
    /// The IANA zones looked up so far, by the name asked for: one zone, and
    /// so one cache, per name for the thread's life (see [`Zone::named`]).
    static NAMED: RefCell<HashMap<String, Zone>> = RefCell::new(HashMap::new());
}

/// Offsets of one UTC day.
#[derive(Debug, Clone, Copy)]
enum DayOffsets {
    Constant(i32),
    /// The offset changes during the day: ask per quarter hour.
    Changes,
}

#[derive(Default)]
struct Cache {
    days: HashMap<i64, DayOffsets>,
    quarters: HashMap<i64, i32>,
}

struct Inner {
    source: Box<dyn Offsets>,
    cache: RefCell<Cache>,
}

/// A time zone: a source of offsets with a cache in front of it.
///
/// Cloning is cheap and clones share the cache. Two zones are equal when
/// they have the same name. A `Zone` is not `Send`: the engine runs on one
/// thread (the browser's, or the CLI's).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use sla_engine::time::calendar::Edge;
/// use sla_engine::time::Zone;
///
/// let berlin = Zone::named("Europe/Berlin").unwrap();
/// // 02:30 happens twice on 25 October 2026: 00:30 UTC, then 01:30 UTC.
/// let local = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// assert_eq!(berlin.to_utc(local, Edge::Start), Some(1_792_888_200_000_000_000));
/// assert_eq!(berlin.to_utc(local, Edge::End), Some(1_792_891_800_000_000_000));
/// ```
#[derive(Clone)]
pub struct Zone(Rc<Inner>);

impl Zone {
    /// A zone reading its offsets from `source`.
    pub fn new(source: Box<dyn Offsets>) -> Zone {
        Zone(Rc::new(Inner {
            source,
            cache: RefCell::new(Cache::default()),
        }))
    }

    /// UTC (one shared zone per thread).
    pub fn utc() -> Zone {
        UTC.with(Zone::clone)
    }

    /// A zone by name: a fixed offset ([`Fixed::parse`]), then what the
    /// resolver registered with [`Zone::set_resolver`] finds, then (with the
    /// `tzdb` feature) an IANA name from chrono-tz's database. `None` when
    /// none of them knows the name.
    ///
    /// An IANA zone is looked up once per name and thread: later calls give
    /// the same zone, whose cache then outlives one report (in the browser,
    /// each offset not cached is a call into `Intl`, so a report that found
    /// its offsets cached runs without one).
    pub fn named(name: &str) -> Option<Zone> {
        if let Some(fixed) = Fixed::parse(name) {
            return Some(Zone::new(Box::new(fixed)));
        }
        if let Some(known) = NAMED.with(|named| named.borrow().get(name).cloned()) {
            return Some(known);
        }
        let source = RESOLVER.with(Cell::get).and_then(|resolve| resolve(name));
        #[cfg(feature = "tzdb")]
        let source =
            source.or_else(|| Tzdb::parse(name).map(|tz| Box::new(tz) as Box<dyn Offsets>));
        let zone = Zone::new(source?);
        NAMED.with(|named| named.borrow_mut().insert(name.to_owned(), zone.clone()));
        Some(zone)
    }

    /// Registers where [`Zone::named`] looks up names that are not fixed
    /// offsets, for the current thread (the browser app: its `Intl`). A
    /// second call replaces the first.
    pub fn set_resolver(resolver: Resolver) {
        RESOLVER.with(|r| r.set(Some(resolver)));
        // Zones looked up before may be another source's.
        NAMED.with(|named| named.borrow_mut().clear());
    }

    /// The zone's name as its source gives it (`Europe/Berlin`, `+01:00`).
    pub fn name(&self) -> &str {
        self.0.source.name()
    }

    /// The offset from UTC, in seconds, in force at `unix_seconds`.
    ///
    /// Offsets change at most once a day and only on a quarter hour, so the
    /// source is asked at the start and end of the UTC day and, on a day
    /// with a change, per quarter hour.
    pub fn offset_at(&self, unix_seconds: i64) -> Option<i32> {
        let day = unix_seconds.div_euclid(DAY);
        let known = self.0.cache.borrow().days.get(&day).copied();
        let offsets = match known {
            Some(known) => known,
            None => {
                let source = &self.0.source;
                let start = source.offset_at(day.checked_mul(DAY)?)?;
                let end = source.offset_at(day.checked_mul(DAY)?.checked_add(DAY - 1)?)?;
                let known = if start == end {
                    DayOffsets::Constant(start)
                } else {
                    DayOffsets::Changes
                };
                self.0.cache.borrow_mut().days.insert(day, known);
                known
            }
        };
        match offsets {
            DayOffsets::Constant(offset) => Some(offset),
            DayOffsets::Changes => {
                let quarter = unix_seconds.div_euclid(QUARTER_HOUR);
                if let Some(offset) = self.0.cache.borrow().quarters.get(&quarter) {
                    return Some(*offset);
                }
                let offset = self.0.source.offset_at(quarter * QUARTER_HOUR)?;
                self.0.cache.borrow_mut().quarters.insert(quarter, offset);
                Some(offset)
            }
        }
    }

    /// The instant of a local wall-clock time: in a gap the first instant
    /// after it, in a fold the earlier instant for [`Edge::Start`] and the
    /// later one for [`Edge::End`] (module docs). `None` out of range.
    pub fn to_utc(&self, local: NaiveDateTime, edge: Edge) -> Option<UnixNanos> {
        let utc = local.and_utc();
        let wall = utc.timestamp();
        let nanos = i64::from(utc.timestamp_subsec_nanos());
        // The offsets in force before and after that wall time: today's
        // offsets are between 12 hours behind and 14 hours ahead of UTC,
        // and the local mean times of the tz database's early years at
        // most 15:57 either way, so 16 hours each way brackets the instant
        // (a zone 14 hours ahead, such as Pacific/Apia, changed its offset
        // within 12 hours of the instant, which 12 hours each way missed).
        // Offsets change at most once in that span (the closest changes in
        // the database are about four days apart).
        let before = self.offset_at(wall.checked_sub(BRACKET)?)?;
        let after = self.offset_at(wall.checked_add(BRACKET)?)?;
        let mut found: Option<i64> = None;
        for offset in [before, after] {
            let instant = wall.checked_sub(i64::from(offset))?;
            if self.offset_at(instant)? == offset {
                found = Some(match (found, edge) {
                    (None, _) => instant,
                    (Some(other), Edge::Start) => other.min(instant),
                    (Some(other), Edge::End) => other.max(instant),
                });
            }
        }
        match found {
            Some(seconds) => seconds.checked_mul(NANOS)?.checked_add(nanos),
            // A gap: the first instant after it is where the offset changes,
            // between the wall time read with the later and the earlier offset.
            None => {
                let read_after = wall.checked_sub(i64::from(after))?;
                let read_before = wall.checked_sub(i64::from(before))?;
                let (mut low, mut high) =
                    (read_after.min(read_before), read_after.max(read_before));
                let first = self.offset_at(low)?;
                while high - low > 1 {
                    let middle = low + (high - low) / 2;
                    if self.offset_at(middle)? == first {
                        low = middle;
                    } else {
                        high = middle;
                    }
                }
                high.checked_mul(NANOS)
            }
        }
    }

    /// The local wall-clock time of an instant.
    pub fn to_local(&self, instant: UnixNanos) -> Option<NaiveDateTime> {
        let offset = self.offset_at(instant.div_euclid(NANOS))?;
        let local = instant.checked_add(i64::from(offset).checked_mul(NANOS)?)?;
        Some(DateTime::from_timestamp_nanos(local).naive_utc())
    }

    /// The local date of an instant.
    pub fn local_date(&self, instant: UnixNanos) -> Option<NaiveDate> {
        self.to_local(instant).map(|local| local.date())
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name()).finish()
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{LocalResult, TimeDelta, TimeZone, Timelike};
    use proptest::prelude::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("test time")
    }

    thread_local! {
        static ASKED: Cell<u32> = const { Cell::new(0) };
    }

    /// A source that counts the offsets it is asked for.
    struct Counted;

    impl Offsets for Counted {
        fn name(&self) -> &str {
            "Test/Counted"
        }

        fn offset_at(&self, _: i64) -> Option<i32> {
            ASKED.with(|a| a.set(a.get() + 1));
            Some(3_600)
        }
    }

    fn counted(name: &str) -> Option<Box<dyn Offsets>> {
        (name == "Test/Counted").then(|| Box::new(Counted) as Box<dyn Offsets>)
    }

    #[test]
    fn a_zone_looked_up_again_by_name_keeps_what_it_was_told() {
        Zone::set_resolver(counted);
        let first = Zone::named("Test/Counted").expect("resolved");
        assert_eq!(first.offset_at(1_767_225_600), Some(3_600));
        let asked = ASKED.with(Cell::get);
        assert!(asked > 0);
        // Another report asks for the zone again: its offsets come from the cache.
        let again = Zone::named("Test/Counted").expect("resolved");
        assert_eq!(again.offset_at(1_767_225_600), Some(3_600));
        assert_eq!(ASKED.with(Cell::get), asked);
        // Another resolver: zones are looked up anew.
        Zone::set_resolver(counted);
        let fresh = Zone::named("Test/Counted").expect("resolved");
        assert_eq!(fresh.offset_at(1_767_225_600), Some(3_600));
        assert!(ASKED.with(Cell::get) > asked);
        assert!(Zone::named("Test/Unknown").is_none());
    }

    #[test]
    fn berlin_gap_and_fold_follow_the_calendar_rules() {
        let zone = Zone::new(Box::new(Tzdb(chrono_tz::Europe::Berlin)));
        // 02:30 does not exist on 29 March 2026: the first instant after the gap, 01:00 UTC,
        // whichever edge, and seconds inside the gap do not carry over.
        for edge in [Edge::Start, Edge::End] {
            assert_eq!(
                zone.to_utc(local("2026-03-29 02:30:00"), edge),
                Some(1_774_746_000 * NANOS)
            );
            assert_eq!(
                zone.to_utc(local("2026-03-29 02:59:59"), edge),
                Some(1_774_746_000 * NANOS)
            );
        }
        // 02:30 happens twice on 25 October 2026: 00:30 UTC to start a range, 01:30 UTC to end one.
        assert_eq!(
            zone.to_utc(local("2026-10-25 02:30:00"), Edge::Start),
            Some(1_792_888_200 * NANOS)
        );
        assert_eq!(
            zone.to_utc(local("2026-10-25 02:30:00"), Edge::End),
            Some(1_792_891_800 * NANOS)
        );
        for instant in [1_792_888_200 * NANOS, 1_792_891_800 * NANOS] {
            assert_eq!(zone.to_local(instant), Some(local("2026-10-25 02:30:00")));
        }
    }

    #[test]
    fn fixed_offsets() {
        assert_eq!(Fixed::parse("utc"), Some(Fixed::utc()));
        assert_eq!(Fixed::parse("Z"), Some(Fixed::utc()));
        assert_eq!(Fixed::parse("+05:30").map(|f| f.seconds), Some(19_800));
        assert_eq!(Fixed::parse("UTC-3").map(|f| f.seconds), Some(-10_800));
        assert_eq!(Fixed::parse("-0930").map(|f| f.seconds), Some(-34_200));
        assert_eq!(Fixed::parse("Europe/Berlin"), None);
        assert_eq!(Fixed::parse("Etc/GMT+1"), None);
        assert_eq!(Fixed::parse("+25:00"), None);
        assert_eq!(Fixed::parse("+01:60"), None);
        let zone = Zone::new(Box::new(Fixed::parse("+01:00").expect("offset")));
        assert_eq!(
            zone.to_utc(local("2026-03-05 10:00:00"), Edge::Start),
            Some(1_772_701_200 * NANOS)
        );
    }

    #[test]
    fn zones_by_name_compare_by_name_and_share_their_cache() {
        assert_eq!(Zone::named("UTC"), Some(Zone::utc()));
        assert_eq!(
            Zone::named(" Europe/Berlin ").map(|z| z.name().to_string()),
            Some("Europe/Berlin".into())
        );
        assert_eq!(Zone::named("Mars/Olympus_Mons"), None);
        assert_ne!(Zone::named("Europe/Berlin"), Zone::named("Europe/Paris"));
        assert_eq!(format!("{:?}", Zone::utc()), "Zone(\"UTC\")");
        let zone = Zone::named("Europe/Berlin").expect("zone");
        let copy = zone.clone();
        assert_eq!(zone.offset_at(0), Some(3_600));
        assert_eq!(copy.0.cache.borrow().days.len(), 1);
    }

    fn resolve_mars(name: &str) -> Option<Box<dyn Offsets>> {
        (name == "Mars/Olympus_Mons").then(|| {
            Box::new(Fixed {
                name: name.into(),
                seconds: 7_200,
            }) as Box<dyn Offsets>
        })
    }

    #[test]
    fn a_registered_resolver_is_asked_before_the_database() {
        // Each test runs on its own thread: the resolver is registered for this one only.
        Zone::set_resolver(resolve_mars);
        let mars = Zone::named("Mars/Olympus_Mons").expect("resolved");
        assert_eq!(mars.offset_at(0), Some(7_200));
        // Fixed offsets are read before the resolver; other names fall through to the database.
        assert_eq!(
            Zone::named("+01:00").and_then(|z| z.offset_at(0)),
            Some(3_600)
        );
        assert!(Zone::named("Europe/Berlin").is_some());
    }

    /// What chrono-tz itself says, with the calendar's rules.
    fn expected(tz: chrono_tz::Tz, wall: NaiveDateTime, edge: Edge) -> Option<UnixNanos> {
        match tz.from_local_datetime(&wall) {
            LocalResult::Single(t) => t.timestamp_nanos_opt(),
            LocalResult::Ambiguous(early, late) => match edge {
                Edge::Start => early.timestamp_nanos_opt(),
                Edge::End => late.timestamp_nanos_opt(),
            },
            LocalResult::None => {
                // Gaps start and end on a whole minute: the first whole
                // minute after `wall` that exists is the end of the gap.
                let mut probe = wall.with_second(0)?.with_nanosecond(0)?;
                for _ in 0..(24 * 60) {
                    probe = probe.checked_add_signed(TimeDelta::minutes(1))?;
                    if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                        return t.timestamp_nanos_opt();
                    }
                }
                None
            }
        }
    }

    /// Pacific/Apia, 13 then 14 hours ahead of UTC, moved its clocks on
    /// 2014-09-28: wall times around the change read as chrono-tz reads them
    /// (the offsets were looked up only 12 hours either way before, which
    /// does not bracket an instant 14 hours behind its wall time).
    #[test]
    fn a_zone_fourteen_hours_ahead_reads_around_its_change() {
        let tz = chrono_tz::Pacific::Apia;
        let zone = Zone::new(Box::new(Tzdb(tz)));
        for (day, hour, minute) in [
            (27, 23, 59),
            (28, 2, 59),
            (28, 3, 0),
            (28, 3, 30),
            (28, 4, 0),
            (28, 4, 1),
            (28, 12, 0),
        ] {
            let wall = NaiveDate::from_ymd_opt(2014, 9, day)
                .and_then(|d| d.and_hms_opt(hour, minute, 0))
                .expect("a date");
            for edge in [Edge::Start, Edge::End] {
                assert_eq!(
                    zone.to_utc(wall, edge),
                    expected(tz, wall, edge),
                    "{wall} {edge:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_chrono_tz(
            seconds in 0i64..(51 * 365 * 86_400),
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            zone_index in 0usize..5,
            end in any::<bool>(),
        ) {
            let tz = [
                chrono_tz::Europe::Berlin,
                chrono_tz::America::New_York,
                chrono_tz::Australia::Lord_Howe,
                chrono_tz::Asia::Kolkata,
                chrono_tz::Pacific::Apia,
            ][zone_index];
            let edge = if end { Edge::End } else { Edge::Start };
            let wall = NaiveDate::from_ymd_opt(1990, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|t| t.checked_add_signed(TimeDelta::seconds(seconds)))
                .and_then(|t| t.with_nanosecond(nanos))
                .expect("in range");
            let zone = Zone::new(Box::new(Tzdb(tz)));
            let instant = zone.to_utc(wall, edge);
            prop_assert_eq!(instant, expected(tz, wall, edge));
            if tz.from_local_datetime(&wall).earliest().is_some() {
                prop_assert_eq!(instant.and_then(|i| zone.to_local(i)), Some(wall));
            }
        }

        #[test]
        fn local_dates_agree_with_chrono_tz(
            instant in 631_152_000i64..2_208_988_800,
            zone_index in 0usize..4,
        ) {
            let tz = [
                chrono_tz::Europe::Berlin,
                chrono_tz::America::New_York,
                chrono_tz::Australia::Lord_Howe,
                chrono_tz::Asia::Kolkata,
            ][zone_index];
            let zone = Zone::new(Box::new(Tzdb(tz)));
            let local = chrono::Utc
                .timestamp_opt(instant, 0)
                .single()
                .map(|t| t.with_timezone(&tz).naive_local());
            prop_assert_eq!(zone.to_local(instant * NANOS), local);
            prop_assert_eq!(zone.local_date(instant * NANOS), local.map(|l| l.date()));
        }
    }
}
