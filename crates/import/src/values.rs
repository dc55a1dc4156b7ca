//! Values as exports write them: timestamps, durations, percentages, outage
//! impacts and yes/no, and the detection of a column's timestamp format and
//! decimal separator from a sample of its values.
//!
//! These functions run once per cell of imports with a million rows, in
//! WebAssembly. So they read bytes by hand (no format strings, no regex),
//! allocate nothing when a value parses, and count in integers only: a value
//! is read exactly or not at all. Only a failure allocates, to build a
//! [`ValueError`] that tells the person importing what the cell holds and
//! what was expected.
//!
//! Conventions worth knowing (all documented again in `docs/import.md`):
//!
//! - two-digit years are 2000 + yy;
//! - `12:xx AM` is 00:xx and `12:xx PM` is 12:xx;
//! - a timestamp without an offset is a [`Stamp::Local`] date and time, read
//!   later in the import's time zone; with `Z`, `+01:00`, ` UTC`, ... it is a
//!   [`Stamp::Instant`];
//! - Excel serials use the 1900 date system (serial 25569 is 1970-01-01);
//!   their fraction is the time of day, rounded to the nearest second;
//! - a bare number in a duration column is in the column's [`DurationUnit`];
//!   a duration written `a:b` is h:mm or mm:ss for the whole column
//!   ([`ClockUnit`]): `1:30` is one hour thirty unless the header says
//!   seconds or mm:ss ([`ClockEvidence::reading`]); `a:b:c` is always h:mm:ss;
//! - a percentage is always read as percent: `0.5` is 0.5 %, not 50 %;
//! - an impact column's bare numbers are percent or a factor for the whole
//!   column ([`ImpactUnit`]), decided from all its values and its header
//!   ([`ImpactEvidence::reading`]): `0.5` next to `1` is half the service,
//!   next to `50` it is 0.5 %; a `%` sign is always percent;
//! - the decimal separator is either `.` or `,` for a whole import; the other
//!   one is refused with a message rather than guessed, because `1.500` may
//!   mean one and a half or fifteen hundred.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use sla_engine::{Percent, TimeSpan};

/// The unit of a bare number in a duration column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    Seconds,
    Minutes,
    Hours,
}

impl DurationUnit {
    /// Every unit, in the order the app lists them.
    pub const ALL: [DurationUnit; 3] = [
        DurationUnit::Seconds,
        DurationUnit::Minutes,
        DurationUnit::Hours,
    ];

    /// Stable id for saved mappings and the CLI: `s`, `min`, `h`.
    pub fn id(self) -> &'static str {
        match self {
            DurationUnit::Seconds => "s",
            DurationUnit::Minutes => "min",
            DurationUnit::Hours => "h",
        }
    }

    /// The unit with this [`id`](DurationUnit::id).
    pub fn from_id(id: &str) -> Option<DurationUnit> {
        DurationUnit::ALL.into_iter().find(|unit| unit.id() == id)
    }

    /// Shown to the user: `seconds`, `minutes`, `hours`.
    pub fn label(self) -> &'static str {
        match self {
            DurationUnit::Seconds => "seconds",
            DurationUnit::Minutes => "minutes",
            DurationUnit::Hours => "hours",
        }
    }

    fn nanos(self) -> u128 {
        match self {
            DurationUnit::Seconds => NANOS_PER_SECOND,
            DurationUnit::Minutes => 60 * NANOS_PER_SECOND,
            DurationUnit::Hours => 3_600 * NANOS_PER_SECOND,
        }
    }
}

/// How a duration written with two parts, `a:b`, is read: hours and
/// minutes or minutes and seconds. Exports write both (`1:30` for an hour
/// and a half, `12:30` for twelve and a half minutes), and no value tells
/// them apart (`a` may exceed 24 or 60 in either), so one reading holds for
/// a whole column. Three parts (`1:30:00`) are always h:mm:ss, and days
/// before a clock (`2d 03:00`) always take hours and minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockUnit {
    /// `1:30` is 1 hour 30 minutes (as imports always read it).
    HoursMinutes,
    /// `1:30` is 1 minute 30 seconds.
    MinutesSeconds,
}

impl ClockUnit {
    /// Both readings, in the order the app lists them.
    pub const ALL: [ClockUnit; 2] = [ClockUnit::HoursMinutes, ClockUnit::MinutesSeconds];

    /// Stable id for saved mappings and the CLI: `h:mm`, `mm:ss`.
    pub fn id(self) -> &'static str {
        match self {
            ClockUnit::HoursMinutes => "h:mm",
            ClockUnit::MinutesSeconds => "mm:ss",
        }
    }

    /// The reading with this [`id`](ClockUnit::id).
    pub fn from_id(id: &str) -> Option<ClockUnit> {
        ClockUnit::ALL.into_iter().find(|unit| unit.id() == id)
    }

    /// Shown to the user, with an example.
    pub fn label(self) -> &'static str {
        match self {
            ClockUnit::HoursMinutes => "h:mm (1:30 = 1 hour 30 minutes)",
            ClockUnit::MinutesSeconds => "mm:ss (1:30 = 1 minute 30 seconds)",
        }
    }
}

/// What a duration column's values say about the [`ClockUnit`] of its `a:b`
/// values, gathered one value at a time ([`ClockEvidence::note`]) over the
/// whole column, then read with its header ([`ClockEvidence::reading`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockEvidence {
    /// Some value is written `a:b` with `b` below 60: it reads either way.
    pub two_part: bool,
}

/// Which [`ClockUnit`] an import read a duration column's `a:b` values in, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockReading {
    pub unit: ClockUnit,
    pub basis: ClockBasis,
}

/// Why a duration column's `a:b` values were read in their [`ClockUnit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockBasis {
    /// The user chose the reading (`Settings::clock_unit`).
    Chosen,
    /// The header names it ([`clock_unit_of_header`]).
    Header,
    /// Nothing decides: h:mm, as imports always read `a:b`, but the column
    /// may as well hold minutes and seconds.
    Ambiguous,
}

impl ClockReading {
    /// The header does not decide the reading: the user should confirm it.
    pub fn is_ambiguous(self) -> bool {
        self.basis == ClockBasis::Ambiguous
    }

    /// The one reading to show for several duration columns (a ticket
    /// export's time to first response and time to resolution), each read
    /// by itself: the first one that is ambiguous, so that the user is
    /// asked, else the first one; `None` when no column has a reading.
    pub fn of_columns(
        readings: impl IntoIterator<Item = Option<ClockReading>>,
    ) -> Option<ClockReading> {
        let mut shown: Option<ClockReading> = None;
        for reading in readings.into_iter().flatten() {
            if reading.is_ambiguous() {
                return Some(reading);
            }
            shown = shown.or(Some(reading));
        }
        shown
    }
}

impl std::fmt::Display for ClockReading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match self.basis {
            ClockBasis::Chosen => "as chosen",
            ClockBasis::Header => "the column's header says so",
            ClockBasis::Ambiguous => "nothing in the column says otherwise",
        };
        write!(f, "`a:b` durations read as {}: {why}", self.unit.label())
    }
}

/// The [`ClockUnit`] a duration column's header names: `mm:ss` (`m:ss`,
/// `min:sec`) or seconds (`seconds`, `…sec`, `…secs`, `Sekunden`) →
/// minutes and seconds; `h:mm` (`hh:mm`) or hours (`hours`, `…hrs`,
/// `Stunden`) → hours and minutes. A header naming both clocks
/// (`hh:mm:ss`) says nothing about two parts; minutes say nothing either
/// (`12:30` minutes may be 12 minutes 30 seconds or 12 hours 30 minutes).
pub fn clock_unit_of_header(header: &str) -> Option<ClockUnit> {
    let lower = header.to_ascii_lowercase();
    let hours_minutes = lower.contains("h:mm");
    let minutes_seconds = lower.contains("m:ss") || lower.contains("min:sec");
    match (hours_minutes, minutes_seconds) {
        (true, false) => return Some(ClockUnit::HoursMinutes),
        (false, true) => return Some(ClockUnit::MinutesSeconds),
        _ => {}
    }
    let words = crate::mapping::normalise_header(header);
    if words.contains("second")
        || words.contains("sekunde")
        || words.ends_with("sec")
        || words.ends_with("secs")
    {
        Some(ClockUnit::MinutesSeconds)
    } else if words.contains("hour") || words.contains("stunde") || words.ends_with("hrs") {
        Some(ClockUnit::HoursMinutes)
    } else {
        None
    }
}

impl ClockEvidence {
    /// Notes one value of the column (trimmed, as written). Only a value
    /// that is just `a:b` counts; one whose `b` is 60 or more reads in
    /// neither unit (it is refused either way) and tells nothing.
    pub fn note(&mut self, text: &str) {
        if !self.two_part && two_part_clock(text) {
            self.two_part = true;
        }
    }

    /// How the column's `a:b` values read: `None` when it has none (there
    /// is nothing to read two ways); else as its header names
    /// ([`clock_unit_of_header`]); else h:mm, as imports always read them,
    /// marked [ambiguous](ClockReading::is_ambiguous).
    pub fn reading(&self, header: &str) -> Option<ClockReading> {
        if !self.two_part {
            return None;
        }
        Some(match clock_unit_of_header(header) {
            Some(unit) => ClockReading {
                unit,
                basis: ClockBasis::Header,
            },
            None => ClockReading {
                unit: ClockUnit::HoursMinutes,
                basis: ClockBasis::Ambiguous,
            },
        })
    }
}

/// `text` is a duration of two parts, `a:b` (digits, a colon, two digits
/// below 60), that reads both as h:mm and as mm:ss.
fn two_part_clock(text: &str) -> bool {
    let Some((first, second)) = text.split_once(':') else {
        return false;
    };
    all_digits_nonempty(first.as_bytes())
        && second.len() == 2
        && all_digits(second.as_bytes())
        && value(second.as_bytes()).is_some_and(|b| b < 60)
}

/// Which of day and month a numeric date writes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// `05.03.2026` is 5 March (most of the world).
    DayFirst,
    /// `03/05/2026` is 5 March (the United States).
    MonthFirst,
}

/// How a timestamp column is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// ISO 8601 / RFC 3339 and `YYYY-MM-DD HH:MM[:SS[.fraction]]` (T or space), date only `YYYY-MM-DD`,
    /// optional offset `Z`, `+01:00`, `+0100`, `+01`, or a ` UTC`/` GMT` suffix (= Z).
    Iso,
    /// Numeric day/month/year with `.`, `/` or `-` separators, 2- or 4-digit years (2-digit: 2000+yy),
    /// optional time `H:MM[:SS]` with optional `AM`/`PM` (any case, with or without space), e.g.
    /// `05.03.2026 10:00`, `3/5/2026 1:05 PM`, `05/03/26 13:05`, `5.3.2026`.
    Numeric(DateOrder),
    /// Month names (English, 3-letter or full, any case): `05/Mar/26 10:00 AM` (Jira), `5 Mar 2026 10:00`,
    /// `Mar 5, 2026 10:00 AM`, `05-Mar-2026 10:00:00`.
    MonthName,
    /// Unix time in seconds (optionally with a fraction): `1772704800`.
    UnixSeconds,
    /// Unix time in milliseconds: `1772704800000`.
    UnixMillis,
    /// Excel serial day numbers, 1900 date system (serial 25569 = 1970-01-01; the fraction is the time of day, rounded to the nearest second): `46086.5`.
    ExcelSerial,
}

impl TimestampFormat {
    /// Every format, in the order the app lists them (and detection prefers on ties).
    pub const ALL: [TimestampFormat; 7] = [
        TimestampFormat::Iso,
        TimestampFormat::Numeric(DateOrder::DayFirst),
        TimestampFormat::Numeric(DateOrder::MonthFirst),
        TimestampFormat::MonthName,
        TimestampFormat::UnixSeconds,
        TimestampFormat::UnixMillis,
        TimestampFormat::ExcelSerial,
    ];

    /// Stable id for saved mappings and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            TimestampFormat::Iso => "iso",
            TimestampFormat::Numeric(DateOrder::DayFirst) => "dmy",
            TimestampFormat::Numeric(DateOrder::MonthFirst) => "mdy",
            TimestampFormat::MonthName => "month-name",
            TimestampFormat::UnixSeconds => "unix-s",
            TimestampFormat::UnixMillis => "unix-ms",
            TimestampFormat::ExcelSerial => "excel",
        }
    }

    /// The format with this [`id`](TimestampFormat::id).
    pub fn from_id(id: &str) -> Option<TimestampFormat> {
        TimestampFormat::ALL
            .into_iter()
            .find(|format| format.id() == id)
    }

    /// Shown to the user, with an example.
    pub fn label(self) -> &'static str {
        match self {
            TimestampFormat::Iso => "ISO 8601 (2026-03-05 10:00)",
            TimestampFormat::Numeric(DateOrder::DayFirst) => "day first (05.03.2026 10:00)",
            TimestampFormat::Numeric(DateOrder::MonthFirst) => "month first (03/05/2026 10:00 AM)",
            TimestampFormat::MonthName => "month name (05/Mar/26 10:00 AM)",
            TimestampFormat::UnixSeconds => "Unix time in seconds (1772704800)",
            TimestampFormat::UnixMillis => "Unix time in milliseconds (1772704800000)",
            TimestampFormat::ExcelSerial => "Excel serial date (46086.5)",
        }
    }

    /// What to write instead, for error messages.
    fn hint(self) -> &'static str {
        match self {
            TimestampFormat::Iso => {
                "write it as 2026-03-05 10:00 or 2026-03-05T10:00:00Z (ISO 8601)"
            }
            TimestampFormat::Numeric(DateOrder::DayFirst) => {
                "write the day first, e.g. 05.03.2026 10:00 or 5/3/2026 1:05 PM"
            }
            TimestampFormat::Numeric(DateOrder::MonthFirst) => {
                "write the month first, e.g. 03/05/2026 10:00 AM or 3/5/26 13:05"
            }
            TimestampFormat::MonthName => {
                "write e.g. 05/Mar/26 10:00 AM, 5 Mar 2026 10:00 or Mar 5, 2026 10:00 AM"
            }
            TimestampFormat::UnixSeconds => "expected Unix time in seconds, e.g. 1772704800",
            TimestampFormat::UnixMillis => "expected Unix time in milliseconds, e.g. 1772704800000",
            TimestampFormat::ExcelSerial => "expected an Excel serial date, e.g. 46086.5",
        }
    }
}

/// A parsed timestamp: an instant when the text carries an offset (or is Unix time), else a local
/// date and time to be read in the import's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// Nanoseconds since 1970-01-01 00:00 UTC.
    Instant(i64),
    /// A wall-clock date and time, without a zone.
    Local(NaiveDateTime),
}

/// Why a value could not be read (shown to the user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

// ---------------------------------------------------------------------------
// Timestamps

/// Reads a timestamp written in `format`. Surrounding whitespace is ignored.
///
/// # Errors
/// Empty text (the message is `empty`), text not in `format`, or a date or
/// time that does not exist (`31.02.2026`, `25:00`, `13:00 PM`), with a
/// message saying which.
///
/// # Example
/// ```
/// use sla_import::values::{parse_timestamp, DateOrder, Stamp, TimestampFormat};
///
/// let stamp = parse_timestamp("2026-03-05T10:00:00+01:00", TimestampFormat::Iso).unwrap();
/// assert_eq!(stamp, Stamp::Instant(1_772_701_200_000_000_000));
///
/// let day_first = TimestampFormat::Numeric(DateOrder::DayFirst);
/// assert!(matches!(parse_timestamp("05.03.2026 10:00", day_first), Ok(Stamp::Local(_))));
/// assert_eq!(
///     parse_timestamp("31.02.2026 10:00", day_first).unwrap_err().to_string(),
///     "`31.02.2026 10:00` is not a date: February has 28 days in 2026"
/// );
/// ```
pub fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<Stamp, ValueError> {
    if format == TimestampFormat::Iso {
        if let Some(nanos) = iso_utc(text.as_bytes()) {
            return Ok(Stamp::Instant(nanos));
        }
    }
    let text = text.trim();
    stamp(text, format).map_err(|why| why.explain(text, What::Timestamp(format)))
}

/// `YYYY-MM-DDTHH:MM:SSZ` exactly (`T`, `t` or a space; `Z` or `z`), the
/// form most exports write, as Unix nanoseconds, without the general
/// parser: the same instant [`stamp`] gives. `None` for any other text, or
/// a value outside 1678–2261 or not a real date and time, which [`stamp`]
/// then reads or refuses with its reason.
fn iso_utc(text: &[u8]) -> Option<i64> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T' | b't' | b' ', h0, h1, b':', i0, i1, b':', s0, s1, b'Z' | b'z'] =
        text
    else {
        return None;
    };
    let two = |a: u8, b: u8| {
        (a.is_ascii_digit() && b.is_ascii_digit())
            .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
    };
    let year = two(y0, y1)? * 100 + two(y2, y3)?;
    let (month, day) = (two(m0, m1)?, two(d0, d1)?);
    let (hour, minute, second) = (two(h0, h1)?, two(i0, i1)?, two(s0, s1)?);
    // Years whose every instant fits in i64 nanoseconds.
    if !(1678..=2261).contains(&year)
        || !(1..=12).contains(&month)
        || day < 1
        || day > i64::from(days_in_month(year as i32, month as u32))
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
    // `days_from_civil`; every year here is positive).
    let y = if month <= 2 { year - 1 } else { year };
    let (era, year_of_era) = (y / 400, y % 400);
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some((((days * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000_000)
}

/// The result of [`detect_timestamp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampGuess {
    pub format: TimestampFormat,
    /// Numeric dates whose day/month order the samples do not decide (or on which
    /// they disagree): the user should confirm the order.
    pub ambiguous: bool,
    /// Non-empty samples that parse in `format`.
    pub matched: usize,
    /// Non-empty samples.
    pub total: usize,
}

/// The format that parses the most non-empty samples (None when no format parses at least half of them).
/// Numeric: a sample whose first component is > 12 decides DayFirst; second > 12 decides MonthFirst;
/// when none decides: `.`-separated dates are DayFirst and not ambiguous (that is how they are written);
/// `/` or `-` separated → `ambiguous: true`, format DayFirst unless a sample has AM/PM (then MonthFirst).
/// UnixSeconds only for 9–10 digit integers (optionally with fraction), UnixMillis for 12–13 digits,
/// ExcelSerial for numbers between 20000 and 80000; Iso wins ties.
pub fn detect_timestamp(samples: &[&str]) -> Option<TimestampGuess> {
    let mut total = 0;
    let mut iso = 0;
    let mut month_name = 0;
    let mut unix_seconds = 0;
    let mut unix_millis = 0;
    let mut excel = 0;
    let mut day_first = 0;
    let mut month_first = 0;
    let mut votes_day_first = 0;
    let mut votes_month_first = 0;
    let mut dotted_only = true;
    let mut twelve_hour = false;

    for sample in samples {
        let text = sample.trim();
        if text.is_empty() {
            continue;
        }
        total += 1;
        if stamp(text, TimestampFormat::Iso).is_ok() {
            iso += 1;
        }
        if stamp(text, TimestampFormat::MonthName).is_ok() {
            month_name += 1;
        }
        if looks_like_unix_seconds(text) && stamp(text, TimestampFormat::UnixSeconds).is_ok() {
            unix_seconds += 1;
        }
        if looks_like_unix_millis(text) && stamp(text, TimestampFormat::UnixMillis).is_ok() {
            unix_millis += 1;
        }
        if looks_like_excel(text) && stamp(text, TimestampFormat::ExcelSerial).is_ok() {
            excel += 1;
        }
        let as_day_first = numeric_parts(text, DateOrder::DayFirst);
        let as_month_first = numeric_parts(text, DateOrder::MonthFirst);
        match (as_day_first, as_month_first) {
            (Some(_), None) => votes_day_first += 1,
            (None, Some(_)) => votes_month_first += 1,
            _ => {}
        }
        if let Some(parts) = as_day_first.or(as_month_first) {
            dotted_only &= parts.separator == b'.';
            twelve_hour |= parts.twelve_hour;
        }
        day_first += usize::from(as_day_first.is_some());
        month_first += usize::from(as_month_first.is_some());
    }
    if total == 0 {
        return None;
    }

    let (order, ambiguous) = match (votes_day_first > 0, votes_month_first > 0) {
        (true, false) => (DateOrder::DayFirst, false),
        (false, true) => (DateOrder::MonthFirst, false),
        (true, true) if day_first >= month_first => (DateOrder::DayFirst, true),
        (true, true) => (DateOrder::MonthFirst, true),
        (false, false) if dotted_only => (DateOrder::DayFirst, false),
        (false, false) if twelve_hour => (DateOrder::MonthFirst, true),
        (false, false) => (DateOrder::DayFirst, true),
    };
    let numeric = match order {
        DateOrder::DayFirst => day_first,
        DateOrder::MonthFirst => month_first,
    };

    let candidates = [
        (TimestampFormat::Iso, iso, false),
        (TimestampFormat::Numeric(order), numeric, ambiguous),
        (TimestampFormat::MonthName, month_name, false),
        (TimestampFormat::UnixSeconds, unix_seconds, false),
        (TimestampFormat::UnixMillis, unix_millis, false),
        (TimestampFormat::ExcelSerial, excel, false),
    ];
    // Strictly more matches replace the best so far: earlier formats (Iso first) win ties.
    let (format, matched, ambiguous) =
        candidates
            .into_iter()
            .fold((TimestampFormat::Iso, 0, false), |best, candidate| {
                if candidate.1 > best.1 {
                    candidate
                } else {
                    best
                }
            });
    (matched > 0 && matched * 2 >= total).then_some(TimestampGuess {
        format,
        ambiguous,
        matched,
        total,
    })
}

/// 9–10 digits, optionally a fraction: the Unix seconds of 1973 to 2286.
fn looks_like_unix_seconds(text: &str) -> bool {
    let (int, frac) = split_decimal(text, b'.');
    (9..=10).contains(&int.len()) && all_digits(int) && frac.is_none_or(all_digits_nonempty)
}

/// 12–13 digits: the Unix milliseconds of 1973 to 2286.
fn looks_like_unix_millis(text: &str) -> bool {
    (12..=13).contains(&text.len()) && all_digits(text.as_bytes())
}

/// A number from 20000 to 80000: the Excel serials of 1954 to 2119.
fn looks_like_excel(text: &str) -> bool {
    let separator = if text.contains(',') { b',' } else { b'.' };
    let (int, frac) = split_decimal(text, separator);
    int.len() == 5
        && all_digits(int)
        && frac.is_none_or(all_digits_nonempty)
        && value(int).is_some_and(|serial| (20_000..=80_000).contains(&serial))
}

fn split_decimal(text: &str, separator: u8) -> (&[u8], Option<&[u8]>) {
    let bytes = text.as_bytes();
    match bytes.iter().position(|&b| b == separator) {
        Some(at) => (
            bytes.get(..at).unwrap_or_default(),
            Some(bytes.get(at + 1..).unwrap_or_default()),
        ),
        None => (bytes, None),
    }
}

fn all_digits(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_digit)
}

fn all_digits_nonempty(bytes: &[u8]) -> bool {
    !bytes.is_empty() && all_digits(bytes)
}

/// The fields of a textual timestamp, before validation.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    year: u64,
    month: u64,
    day: u64,
    hour: u64,
    minute: u64,
    second: u64,
    nano: u32,
    /// Seconds east of UTC, when the text gives an offset.
    offset: Option<i64>,
    /// The separator between day, month and year (numeric dates).
    separator: u8,
    /// The time had AM or PM.
    twelve_hour: bool,
}

fn stamp(text: &str, format: TimestampFormat) -> Result<Stamp, Why> {
    if text.is_empty() {
        return Err(Why::Empty);
    }
    let mut cursor = Cursor::new(text);
    match format {
        TimestampFormat::Iso => finish(iso_parts(&mut cursor)?),
        TimestampFormat::Numeric(order) => finish(numeric(&mut cursor, order)?),
        TimestampFormat::MonthName => finish(month_name(&mut cursor)?),
        TimestampFormat::UnixSeconds => unix(&mut cursor, NANOS_PER_SECOND, 9),
        TimestampFormat::UnixMillis => unix(&mut cursor, 1_000_000, 6),
        TimestampFormat::ExcelSerial => excel(&mut cursor),
    }
}

/// The parts of a numeric date that is valid in `order`, for detection.
fn numeric_parts(text: &str, order: DateOrder) -> Option<Parts> {
    let parts = numeric(&mut Cursor::new(text), order).ok()?;
    finish(parts).ok().map(|_| parts)
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][offset]`
fn iso_parts(c: &mut Cursor) -> Result<Parts, Why> {
    let year = c.digits();
    if year.len() != 4 || !c.eat(b'-') {
        return Err(Why::Shape);
    }
    let month = c.digits();
    if !(1..=2).contains(&month.len()) || !c.eat(b'-') {
        return Err(Why::Shape);
    }
    let day = c.digits();
    if !(1..=2).contains(&day.len()) {
        return Err(Why::Shape);
    }
    let mut parts = Parts {
        year: value(year).ok_or(Why::Shape)?,
        month: value(month).ok_or(Why::Shape)?,
        day: value(day).ok_or(Why::Shape)?,
        ..Parts::default()
    };
    if c.done() {
        return Ok(parts);
    }
    if !(c.eat(b'T') || c.eat(b't') || c.spaces() > 0) {
        return Err(Why::Shape);
    }
    time(c, &mut parts, false)?;
    offset(c, &mut parts)?;
    c.end(parts)
}

/// `D.M.YYYY`, `M/D/YY H:MM PM`, ...
fn numeric(c: &mut Cursor, order: DateOrder) -> Result<Parts, Why> {
    let first = c.digits();
    let separator = match c.peek() {
        Some(separator @ (b'.' | b'/' | b'-')) => separator,
        _ => return Err(Why::Shape),
    };
    c.bump();
    let second = c.digits();
    if !c.eat(separator) {
        return Err(Why::Shape);
    }
    let year = c.digits();
    if !(1..=2).contains(&first.len()) || !(1..=2).contains(&second.len()) {
        return Err(Why::Shape);
    }
    let (day, month) = match order {
        DateOrder::DayFirst => (first, second),
        DateOrder::MonthFirst => (second, first),
    };
    let mut parts = Parts {
        year: year_value(year)?,
        month: value(month).ok_or(Why::Shape)?,
        day: value(day).ok_or(Why::Shape)?,
        separator,
        ..Parts::default()
    };
    if c.done() {
        return Ok(parts);
    }
    let comma = c.eat(b',');
    if c.spaces() == 0 && !comma {
        return Err(Why::Shape);
    }
    time(c, &mut parts, true)?;
    offset(c, &mut parts)?;
    c.end(parts)
}

/// `05/Mar/26 10:00 AM`, `5 Mar 2026 10:00`, `Mar 5, 2026 10:00 AM`,
/// `05-Mar-2026 10:00:00`, `Thu, 5 Mar 2026 10:00:00 +0000`, `05/Mar/2026:10:00:00 +0000`.
fn month_name(c: &mut Cursor) -> Result<Parts, Why> {
    // An optional weekday: `Thu, ` or `Thursday `.
    let before_weekday = c.pos;
    if is_weekday(c.letters()) {
        c.eat(b',');
        c.spaces();
    } else {
        c.pos = before_weekday;
    }
    let (day, month) = if c.peek().is_some_and(|b| b.is_ascii_digit()) {
        let day = c.digits();
        ordinal_suffix(c);
        if !date_separator(c, false) {
            return Err(Why::Shape);
        }
        let month = month_number(c.letters()).ok_or(Why::Shape)?;
        abbreviation_point(c);
        (day, month)
    } else {
        let month = month_number(c.letters()).ok_or(Why::Shape)?;
        abbreviation_point(c);
        if !date_separator(c, false) {
            return Err(Why::Shape);
        }
        let day = c.digits();
        ordinal_suffix(c);
        (day, month)
    };
    if !(1..=2).contains(&day.len()) || !date_separator(c, true) {
        return Err(Why::Shape);
    }
    let year = c.digits();
    let mut parts = Parts {
        year: year_value(year)?,
        month,
        day: value(day).ok_or(Why::Shape)?,
        ..Parts::default()
    };
    if c.done() {
        return Ok(parts);
    }
    if !c.eat(b':') {
        let comma = c.eat(b',');
        if c.spaces() == 0 && !comma {
            return Err(Why::Shape);
        }
        if c.eat_ci(b"at ") {
            c.spaces();
        }
    }
    time(c, &mut parts, true)?;
    offset(c, &mut parts)?;
    c.end(parts)
}

/// Between the parts of a month-name date: `/`, `-`, `.` or spaces (and a comma when allowed).
fn date_separator(c: &mut Cursor, allow_comma: bool) -> bool {
    let comma = allow_comma && c.eat(b',');
    match c.peek() {
        Some(b'/' | b'-' | b'.') if !comma => {
            c.bump();
            c.spaces();
            true
        }
        _ => c.spaces() > 0 || comma,
    }
}

/// The point of `Mar. 5`; in `5.Mar.2026` the point is a separator instead.
fn abbreviation_point(c: &mut Cursor) {
    if c.peek() == Some(b'.') && c.peek_at(1) == Some(b' ') {
        c.bump();
    }
}

/// `1st`, `2nd`, `3rd`, `4th`.
fn ordinal_suffix(c: &mut Cursor) {
    let _ = c.eat_ci(b"st") || c.eat_ci(b"nd") || c.eat_ci(b"rd") || c.eat_ci(b"th");
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `word` is `name` or its first three letters, in any case.
fn names(word: &[u8], name: &str) -> bool {
    let name = name.as_bytes();
    (word.len() == 3 || word.len() == name.len())
        && name
            .get(..word.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(word))
}

fn month_number(word: &[u8]) -> Option<u64> {
    if word.eq_ignore_ascii_case(b"sept") {
        return Some(9);
    }
    (1..)
        .zip(MONTHS)
        .find(|&(_, name)| names(word, name))
        .map(|(number, _)| number)
}

fn is_weekday(word: &[u8]) -> bool {
    WEEKDAYS.iter().any(|name| names(word, name))
}

/// A 4-digit year, or 2 digits for 2000 + yy.
fn year_value(digits: &[u8]) -> Result<u64, Why> {
    match (digits.len(), value(digits)) {
        (4, Some(year)) => Ok(year),
        (2, Some(year)) => Ok(2000 + year),
        _ => Err(Why::Shape),
    }
}

/// `H:MM[:SS[.fraction]]`, then `AM`/`PM` when `twelve_hour` is allowed.
fn time(c: &mut Cursor, parts: &mut Parts, twelve_hour: bool) -> Result<(), Why> {
    let hour = c.digits();
    if !(1..=2).contains(&hour.len()) || !c.eat(b':') {
        return Err(Why::Shape);
    }
    let minute = c.digits();
    if minute.len() != 2 {
        return Err(Why::Shape);
    }
    parts.hour = value(hour).ok_or(Why::Shape)?;
    parts.minute = value(minute).ok_or(Why::Shape)?;
    if c.eat(b':') {
        let second = c.digits();
        if second.len() != 2 {
            return Err(Why::Shape);
        }
        parts.second = value(second).ok_or(Why::Shape)?;
        if matches!(c.peek(), Some(b'.' | b',')) && c.peek_at(1).is_some_and(|b| b.is_ascii_digit())
        {
            c.bump();
            parts.nano = fraction_nanos(c.digits())?;
        }
    }
    if twelve_hour {
        let before = c.pos;
        c.spaces();
        let pm = if c.eat_ci(b"am") || c.eat_ci(b"a.m.") {
            Some(false)
        } else if c.eat_ci(b"pm") || c.eat_ci(b"p.m.") {
            Some(true)
        } else {
            None
        };
        match pm {
            None => c.pos = before,
            Some(pm) => {
                if !(1..=12).contains(&parts.hour) {
                    return Err(Why::TwelveHour(parts.hour));
                }
                parts.hour = match (pm, parts.hour) {
                    (false, 12) => 0,
                    (true, 12) => 12,
                    (false, hour) => hour,
                    (true, hour) => hour + 12,
                };
                parts.twelve_hour = true;
            }
        }
    }
    Ok(())
}

/// An optional `Z`, `±HH[:MM]`, `±HHMM`, ` UTC`, ` GMT`, `GMT+1`.
fn offset(c: &mut Cursor, parts: &mut Parts) -> Result<(), Why> {
    let before = c.pos;
    c.spaces();
    match c.peek() {
        Some(b'Z' | b'z') => {
            c.bump();
            parts.offset = Some(0);
        }
        Some(b'+' | b'-') => parts.offset = Some(numeric_offset(c)?),
        _ if c.eat_ci(b"utc") || c.eat_ci(b"gmt") => {
            parts.offset = Some(match c.peek() {
                Some(b'+' | b'-') => numeric_offset(c)?,
                _ => 0,
            });
        }
        _ => c.pos = before,
    }
    Ok(())
}

/// `+01:00`, `+0100`, `+01`, `-5`: seconds east of UTC.
fn numeric_offset(c: &mut Cursor) -> Result<i64, Why> {
    let sign = if c.eat(b'-') {
        -1
    } else {
        c.bump();
        1
    };
    let digits = c.digits();
    let (hours, minutes) = match digits.len() {
        1 | 2 if c.eat(b':') => {
            let minutes = c.digits();
            if minutes.len() != 2 {
                return Err(Why::Shape);
            }
            (value(digits), value(minutes))
        }
        1 | 2 => (value(digits), Some(0)),
        4 => (
            digits.get(..2).and_then(value),
            digits.get(2..).and_then(value),
        ),
        _ => return Err(Why::Shape),
    };
    let (Some(hours), Some(minutes)) = (hours, minutes) else {
        return Err(Why::Shape);
    };
    if hours > 23 || minutes > 59 {
        return Err(Why::Offset);
    }
    // Both are below 60: the casts are exact.
    Ok(sign * (hours as i64 * 3_600 + minutes as i64 * 60))
}

/// Digits after a decimal point, as nanoseconds; more than 9 digits only when the rest are zeros.
fn fraction_nanos(digits: &[u8]) -> Result<u32, Why> {
    let mut nanos = 0u32;
    for (position, &digit) in digits.iter().enumerate() {
        let digit = u32::from(digit - b'0');
        if position < 9 {
            nanos = nanos * 10 + digit;
        } else if digit != 0 {
            return Err(Why::Precision);
        }
    }
    for _ in digits.len()..9 {
        nanos *= 10;
    }
    Ok(nanos)
}

/// Validates the parts and makes them a [`Stamp`].
fn finish(parts: Parts) -> Result<Stamp, Why> {
    let year = i32::try_from(parts.year).map_err(|_| Why::Range)?;
    let month = match u32::try_from(parts.month) {
        Ok(month @ 1..=12) => month,
        _ => return Err(Why::Month(parts.month)),
    };
    let day = u32::try_from(parts.day).map_err(|_| Why::Day {
        year,
        month,
        day: parts.day,
    })?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(Why::Day {
        year,
        month,
        day: parts.day,
    })?;
    let hour = match u32::try_from(parts.hour) {
        Ok(hour @ 0..=23) => hour,
        _ => return Err(Why::Hour(parts.hour)),
    };
    let minute = match u32::try_from(parts.minute) {
        Ok(minute @ 0..=59) => minute,
        _ => return Err(Why::Minute(parts.minute)),
    };
    let second = match u32::try_from(parts.second) {
        Ok(second @ 0..=59) => second,
        _ => return Err(Why::Second(parts.second)),
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, parts.nano).ok_or(Why::Shape)?;
    let local = date.and_time(time);
    match parts.offset {
        None => Ok(Stamp::Local(local)),
        Some(offset) => local
            .and_utc()
            .timestamp_nanos_opt()
            .and_then(|nanos| nanos.checked_sub(offset * 1_000_000_000))
            .map(Stamp::Instant)
            .ok_or(Why::Range),
    }
}

/// Unix time: `[-]digits[.fraction]` counted in units of `unit_nanos`, whose
/// fraction may have `precision` digits (the rest must be zeros).
fn unix(c: &mut Cursor, unit_nanos: u128, precision: usize) -> Result<Stamp, Why> {
    let negative = c.eat(b'-');
    let int = c.digits();
    let point = c.eat(b'.');
    let frac = c.digits();
    if int.is_empty() || !c.done() || (point && frac.is_empty()) {
        return Err(Why::Shape);
    }
    let int = value(int).ok_or(Why::Range)?;
    let mut frac_nanos = 0u128;
    for (position, &digit) in frac.iter().enumerate() {
        if position < precision {
            frac_nanos = frac_nanos * 10 + u128::from(digit - b'0');
        } else if digit != b'0' {
            return Err(Why::Precision);
        }
    }
    for _ in frac.len()..precision {
        frac_nanos *= 10;
    }
    // `unit_nanos / 10^precision` is 1 for both units: the fraction is in nanoseconds.
    let magnitude = u128::from(int) * unit_nanos + frac_nanos;
    let magnitude = i64::try_from(magnitude).map_err(|_| Why::Range)?;
    Ok(Stamp::Instant(if negative {
        -magnitude
    } else {
        magnitude
    }))
}

/// Days from 1900-01-00 (Excel's 1900 system, which counts a 29 February 1900).
fn excel(c: &mut Cursor) -> Result<Stamp, Why> {
    const MAX_DECIMALS: usize = 30;
    let int = c.digits();
    let point = c.eat(b'.') || c.eat(b',');
    let frac = c.digits();
    if int.is_empty() || !c.done() || (point && frac.is_empty()) {
        return Err(Why::Shape);
    }
    if frac.len() > MAX_DECIMALS {
        return Err(Why::Precision);
    }
    let serial = value(int).ok_or(Why::Range)?;
    let serial = i64::try_from(serial).map_err(|_| Why::Range)?;
    // Serial 60 is the 29 February 1900 that Lotus 1-2-3 invented and Excel kept;
    // before it, serials are one day off from a true count.
    let days = match serial {
        60 => return Err(Why::ExcelLeapDay),
        0..=59 => serial - 25_568,
        _ => serial - 25_569,
    };
    // round(0.f × 86400) = floor((f × 172800 + 10^k) / (2 × 10^k)), exactly.
    let scale = 10u128.pow(frac.len() as u32);
    let fraction = frac
        .iter()
        .fold(0u128, |acc, &digit| acc * 10 + u128::from(digit - b'0'));
    let seconds_of_day = (fraction * 172_800 + scale) / (2 * scale);
    let seconds = days
        .checked_mul(86_400)
        .and_then(|seconds| seconds.checked_add(seconds_of_day as i64))
        .ok_or(Why::Range)?;
    DateTime::from_timestamp(seconds, 0)
        .map(|instant| Stamp::Local(instant.naive_utc()))
        .ok_or(Why::Range)
}

// ---------------------------------------------------------------------------
// Durations

const NANOS_PER_SECOND: u128 = 1_000_000_000;

/// A duration. Forms: a bare number in `unit` (`90`, `1.5`, `1,5` when decimal_comma); units written out
/// (`1h 30m`, `1h30m`, `2d 4h`, `90s`, `45 min`, `1.5 h`, `2 hours 5 minutes`, `3 days`); clock forms
/// `01:30:00`, `1:30` (h:mm; [`parse_duration_in`] reads it as mm:ss when a column does), `36:00:00` (hours
/// may exceed 24), `1:30:00.250`; `2 days 03:00:00` / `2d 03:00`;
/// ISO 8601 `PT1H30M`, `P1DT2H`, `PT90S`. Negative or overflowing values are errors; fractions finer than a
/// nanosecond are errors. Result exact.
///
/// Units are `w`, `d`, `h`, `m`, `s`, `ms` and their long forms (`hr`, `min`, `sec`, `hours`, ...), in
/// any case; each may appear once; `,` or `and` may separate them. Months and years are refused: they
/// have no fixed length.
///
/// # Errors
/// Empty text (the message is `empty`), an unknown form or unit, a unit given twice, minutes or seconds
/// of 60 or more in clock form, a negative value, more than about 292 years, a fraction finer than a
/// nanosecond, or the decimal separator this import does not use.
///
/// # Example
/// ```
/// use sla_import::values::{parse_duration, DurationUnit};
///
/// let minutes = DurationUnit::Minutes;
/// let ninety = parse_duration("90", minutes, false).unwrap();
/// assert_eq!(ninety.nanos(), 5_400_000_000_000);
/// assert_eq!(parse_duration("1h 30m", minutes, false), Ok(ninety));
/// assert_eq!(parse_duration("01:30:00", minutes, false), Ok(ninety));
/// assert_eq!(parse_duration("1,5 h", minutes, true), Ok(ninety));
/// assert_eq!(parse_duration("PT1H30M", minutes, false), Ok(ninety));
/// ```
pub fn parse_duration(
    text: &str,
    unit: DurationUnit,
    decimal_comma: bool,
) -> Result<TimeSpan, ValueError> {
    parse_duration_in(text, unit, decimal_comma, ClockUnit::HoursMinutes)
}

/// A duration as [`parse_duration`] reads it, with a value of two parts,
/// `a:b`, read in `clock`: as [`ClockUnit::MinutesSeconds`], `12:30` is 12
/// minutes 30 seconds. Three parts (`0:12:30`) and a clock after days
/// (`2d 03:00`) read as in [`parse_duration`] whatever `clock` is.
///
/// # Errors
/// As [`parse_duration`]; as minutes and seconds, `b` of 60 or more is
/// refused as seconds.
///
/// # Example
/// ```
/// use sla_import::values::{parse_duration_in, ClockUnit, DurationUnit};
///
/// let read = |text, clock| {
///     parse_duration_in(text, DurationUnit::Minutes, false, clock).map(|span| span.nanos() / 1_000_000_000)
/// };
/// assert_eq!(read("12:30", ClockUnit::HoursMinutes), Ok(45_000));
/// assert_eq!(read("12:30", ClockUnit::MinutesSeconds), Ok(750));
/// assert_eq!(read("0:12:30", ClockUnit::MinutesSeconds), Ok(750));
/// assert_eq!(
///     read("12:75", ClockUnit::MinutesSeconds).unwrap_err().to_string(),
///     "`12:75` is not a duration: seconds must be below 60, not 75"
/// );
/// ```
pub fn parse_duration_in(
    text: &str,
    unit: DurationUnit,
    decimal_comma: bool,
    clock: ClockUnit,
) -> Result<TimeSpan, ValueError> {
    let text = text.trim();
    duration_nanos(text, unit, decimal_comma, clock)
        .and_then(|nanos| TimeSpan::from_nanos(nanos).ok_or(Why::Negative))
        .map_err(|why| why.explain(text, What::Duration(unit, decimal_comma)))
}

/// A unit written out in a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanUnit {
    Weeks,
    Days,
    Hours,
    Minutes,
    Seconds,
    Milliseconds,
}

impl SpanUnit {
    fn nanos(self) -> u128 {
        match self {
            SpanUnit::Weeks => 7 * 86_400 * NANOS_PER_SECOND,
            SpanUnit::Days => 86_400 * NANOS_PER_SECOND,
            SpanUnit::Hours => 3_600 * NANOS_PER_SECOND,
            SpanUnit::Minutes => 60 * NANOS_PER_SECOND,
            SpanUnit::Seconds => NANOS_PER_SECOND,
            SpanUnit::Milliseconds => 1_000_000,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    fn plural(self) -> &'static str {
        match self {
            SpanUnit::Weeks => "weeks",
            SpanUnit::Days => "days",
            SpanUnit::Hours => "hours",
            SpanUnit::Minutes => "minutes",
            SpanUnit::Seconds => "seconds",
            SpanUnit::Milliseconds => "milliseconds",
        }
    }
}

/// Unit words, matched in any case.
const SPAN_UNITS: &[(&str, SpanUnit)] = &[
    ("w", SpanUnit::Weeks),
    ("wk", SpanUnit::Weeks),
    ("wks", SpanUnit::Weeks),
    ("week", SpanUnit::Weeks),
    ("weeks", SpanUnit::Weeks),
    ("d", SpanUnit::Days),
    ("day", SpanUnit::Days),
    ("days", SpanUnit::Days),
    ("h", SpanUnit::Hours),
    ("hr", SpanUnit::Hours),
    ("hrs", SpanUnit::Hours),
    ("hour", SpanUnit::Hours),
    ("hours", SpanUnit::Hours),
    ("m", SpanUnit::Minutes),
    ("min", SpanUnit::Minutes),
    ("mins", SpanUnit::Minutes),
    ("minute", SpanUnit::Minutes),
    ("minutes", SpanUnit::Minutes),
    ("s", SpanUnit::Seconds),
    ("sec", SpanUnit::Seconds),
    ("secs", SpanUnit::Seconds),
    ("second", SpanUnit::Seconds),
    ("seconds", SpanUnit::Seconds),
    ("ms", SpanUnit::Milliseconds),
    ("msec", SpanUnit::Milliseconds),
    ("msecs", SpanUnit::Milliseconds),
    ("millisecond", SpanUnit::Milliseconds),
    ("milliseconds", SpanUnit::Milliseconds),
];

/// Words for units of no fixed length, refused with a reason.
const CALENDAR_UNITS: &[&str] = &[
    "mo", "mon", "month", "months", "y", "yr", "yrs", "year", "years",
];

fn span_unit(word: &[u8], start: usize, end: usize) -> Result<SpanUnit, Why> {
    if let Some(&(_, unit)) = SPAN_UNITS
        .iter()
        .find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(word))
    {
        return Ok(unit);
    }
    if CALENDAR_UNITS
        .iter()
        .any(|name| name.as_bytes().eq_ignore_ascii_case(word))
    {
        return Err(Why::Calendar);
    }
    Err(Why::UnknownUnit { start, end })
}

fn duration_nanos(
    text: &str,
    unit: DurationUnit,
    decimal_comma: bool,
    two_parts: ClockUnit,
) -> Result<i64, Why> {
    if text.is_empty() {
        return Err(Why::Empty);
    }
    let mut c = Cursor::new(text);
    match c.peek() {
        Some(b'-') => return Err(Why::Negative),
        Some(b'P' | b'p') => return iso_duration(&mut c),
        _ => {}
    }
    let mut total = 0u128;
    let mut seen = 0u8;
    loop {
        let number = number(&mut c, Some(decimal_comma))?.ok_or(Why::Shape)?;
        if c.done() {
            if seen != 0 {
                return Err(Why::Shape);
            }
            total = scale(number, unit.nanos())?;
            break;
        }
        if c.peek() == Some(b':') {
            // A clock, alone or after days: `01:30:00`, `2 days 03:00:00`.
            if seen & !SpanUnit::Days.bit() != 0 || !number.frac.is_empty() {
                return Err(Why::Shape);
            }
            // After days, a clock is a time of day's hours and minutes.
            let two_parts = if seen == 0 {
                two_parts
            } else {
                ClockUnit::HoursMinutes
            };
            let clock = clock(&mut c, number.int, decimal_comma, two_parts)?;
            total = total.checked_add(clock).ok_or(Why::TooLarge)?;
            if !c.done() {
                return Err(Why::Shape);
            }
            break;
        }
        c.spaces();
        let start = c.pos;
        let word = c.letters();
        if word.is_empty() {
            return Err(Why::Shape);
        }
        let span_unit = span_unit(word, start, c.pos)?;
        if seen & span_unit.bit() != 0 {
            return Err(Why::Repeated(span_unit));
        }
        seen |= span_unit.bit();
        total = total
            .checked_add(scale(number, span_unit.nanos())?)
            .ok_or(Why::TooLarge)?;
        c.spaces();
        let comma = c.eat(b',');
        c.spaces();
        let before_and = c.pos;
        if c.eat_ci(b"and") && c.spaces() == 0 {
            c.pos = before_and;
        }
        if c.done() {
            if comma || c.pos != before_and {
                return Err(Why::Shape);
            }
            break;
        }
    }
    i64::try_from(total).map_err(|_| Why::TooLarge)
}

/// `:MM[:SS[.fraction]]` after `hours`, or `:SS` after minutes when a clock
/// of two parts is read as `two_parts` [`ClockUnit::MinutesSeconds`].
fn clock(
    c: &mut Cursor,
    hours: u64,
    decimal_comma: bool,
    two_parts: ClockUnit,
) -> Result<u128, Why> {
    if !c.eat(b':') {
        return Err(Why::Shape);
    }
    let minutes = c.digits();
    if minutes.len() != 2 {
        return Err(Why::Shape);
    }
    let minutes = value(minutes).ok_or(Why::Shape)?;
    if two_parts == ClockUnit::MinutesSeconds && c.peek() != Some(b':') {
        let (minutes, seconds) = (hours, minutes);
        if seconds >= 60 {
            return Err(Why::Second(seconds));
        }
        return Ok(
            u128::from(minutes) * 60 * NANOS_PER_SECOND + u128::from(seconds) * NANOS_PER_SECOND
        );
    }
    if minutes >= 60 {
        return Err(Why::Minute(minutes));
    }
    let mut nanos =
        u128::from(hours) * 3_600 * NANOS_PER_SECOND + u128::from(minutes) * 60 * NANOS_PER_SECOND;
    if c.eat(b':') {
        let seconds = c.digits();
        if seconds.len() != 2 {
            return Err(Why::Shape);
        }
        let seconds = value(seconds).ok_or(Why::Shape)?;
        if seconds >= 60 {
            return Err(Why::Second(seconds));
        }
        nanos += u128::from(seconds) * NANOS_PER_SECOND;
        let decimal = c.peek() == Some(b'.') || (decimal_comma && c.peek() == Some(b','));
        if decimal && c.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            c.bump();
            nanos += u128::from(fraction_nanos(c.digits())?);
        }
    }
    Ok(nanos)
}

/// `P[nW][nD][T[nH][nM][nS]]`, with `.` or `,` fractions.
fn iso_duration(c: &mut Cursor) -> Result<i64, Why> {
    c.bump(); // the `P`
    let mut in_time = false;
    let mut since_t = 0;
    let mut components = 0;
    let mut seen = 0u8;
    let mut total = 0u128;
    while !c.done() {
        if !in_time && (c.eat(b'T') || c.eat(b't')) {
            in_time = true;
            continue;
        }
        let number = number(c, None)?.ok_or(Why::Shape)?;
        let designator = c.peek().map(|b| b.to_ascii_uppercase());
        c.bump();
        let span_unit = match (designator, in_time) {
            (Some(b'Y'), _) | (Some(b'M'), false) => return Err(Why::Calendar),
            (Some(b'W'), false) => SpanUnit::Weeks,
            (Some(b'D'), false) => SpanUnit::Days,
            (Some(b'H'), true) => SpanUnit::Hours,
            (Some(b'M'), true) => SpanUnit::Minutes,
            (Some(b'S'), true) => SpanUnit::Seconds,
            _ => return Err(Why::Shape),
        };
        if seen & span_unit.bit() != 0 {
            return Err(Why::Repeated(span_unit));
        }
        seen |= span_unit.bit();
        components += 1;
        if in_time {
            since_t += 1;
        }
        total = total
            .checked_add(scale(number, span_unit.nanos())?)
            .ok_or(Why::TooLarge)?;
    }
    if components == 0 || (in_time && since_t == 0) {
        return Err(Why::Shape);
    }
    i64::try_from(total).map_err(|_| Why::TooLarge)
}

// ---------------------------------------------------------------------------
// Percentages, impacts, yes/no

/// A percentage 0–100: `99,5 %` (decimal_comma), `99.5%`, `100`, `50 %`, `0.5`. The number is always read as
/// percent (0.5 means 0.5 %, not 50 %). Above 100 → error.
///
/// # Errors
/// Empty text (the message is `empty`), anything but a number and an optional `%`, a negative number, a
/// number above 100, more than 7 decimals (the engine holds levels to 99.9999999 %), or the decimal
/// separator this import does not use.
///
/// # Example
/// ```
/// use sla_import::values::parse_percent;
///
/// assert_eq!(parse_percent("99,95 %", true).unwrap().ppb(), 999_500_000);
/// assert_eq!(parse_percent("0.5", false).unwrap().ppb(), 5_000_000); // 0.5 %, not 50 %
/// ```
pub fn parse_percent(text: &str, decimal_comma: bool) -> Result<Percent, ValueError> {
    let text = text.trim();
    percent(text, decimal_comma).map_err(|why| why.explain(text, What::Percent(decimal_comma)))
}

fn percent(text: &str, decimal_comma: bool) -> Result<Percent, Why> {
    if text.is_empty() {
        return Err(Why::Empty);
    }
    let mut c = Cursor::new(text);
    if c.peek() == Some(b'-') {
        return Err(Why::Negative);
    }
    let too_large_is_above_hundred = |why| match why {
        Why::TooLarge => Why::AboveHundred,
        other => other,
    };
    let number = number(&mut c, Some(decimal_comma))
        .map_err(too_large_is_above_hundred)?
        .ok_or(Why::Shape)?;
    c.spaces();
    c.eat(b'%');
    if !c.done() {
        return Err(Why::Shape);
    }
    // 1 % is 10^7 parts per billion.
    let ppb = scale(number, 10_000_000).map_err(too_large_is_above_hundred)?;
    u64::try_from(ppb)
        .ok()
        .and_then(Percent::from_ppb)
        .ok_or(Why::AboveHundred)
}

/// How an impact column's bare numbers (no `%` sign) are read: the share of
/// the service lost as a percentage or as a factor. One reading holds for a
/// whole column; words (`major outage`) and numbers with a `%` sign mean the
/// same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImpactUnit {
    /// `50` is half the service, `100` all of it; `0.5` is 0.5 %.
    Percent,
    /// `0.5` is half the service, `1` all of it (a share from 0 to 1).
    Factor,
}

impl ImpactUnit {
    /// Both units, in the order the app lists them.
    pub const ALL: [ImpactUnit; 2] = [ImpactUnit::Percent, ImpactUnit::Factor];

    /// Stable id for saved mappings and the CLI: `percent`, `factor`.
    pub fn id(self) -> &'static str {
        match self {
            ImpactUnit::Percent => "percent",
            ImpactUnit::Factor => "factor",
        }
    }

    /// The unit with this [`id`](ImpactUnit::id).
    pub fn from_id(id: &str) -> Option<ImpactUnit> {
        ImpactUnit::ALL.into_iter().find(|unit| unit.id() == id)
    }

    /// Shown to the user, with an example.
    pub fn label(self) -> &'static str {
        match self {
            ImpactUnit::Percent => "percent (50 = half the service)",
            ImpactUnit::Factor => "a factor (0.5 = half the service)",
        }
    }
}

/// What an impact column's values say about the [`ImpactUnit`] of its bare
/// numbers, gathered one value at a time ([`ImpactEvidence::note`]) over the
/// whole column, then read with its header ([`ImpactEvidence::reading`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImpactEvidence {
    /// Some number has a `%` sign.
    pub percent_sign: bool,
    /// Some bare number is above 1, which no factor is.
    pub above_one: bool,
    /// Some bare number lies strictly between 0 and 1.
    pub fraction: bool,
    /// Some bare number is exactly 1 (1 % or all of the service).
    pub one: bool,
}

/// Which [`ImpactUnit`] an import read an impact column's bare numbers in, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImpactReading {
    pub unit: ImpactUnit,
    pub basis: ImpactBasis,
}

/// Why an impact column was read in its [`ImpactUnit`] (the rule of
/// [`ImpactEvidence::reading`], in its order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpactBasis {
    /// The user chose the unit (`Settings::impact_unit`).
    Chosen,
    /// Some value has a `%` sign: percent.
    PercentSign,
    /// Some value is above 1, which no factor is: percent.
    AboveOne,
    /// No number tells the units apart (only words, zeros or empty cells):
    /// percent, and either reading gives the same levels.
    Undecided,
    /// The header names the unit (`%`, `percent`; `factor`, `fraction`).
    Header,
    /// Every number is from 0 to 1 and some lie strictly between: a factor.
    Fractions,
    /// Only 0 and 1, and the header names no unit: read as percent (as
    /// imports always did), but `1` may well mean the whole service.
    Ambiguous,
}

impl ImpactReading {
    /// The values and header do not decide the unit: the user should confirm it.
    pub fn is_ambiguous(self) -> bool {
        self.basis == ImpactBasis::Ambiguous
    }
}

impl std::fmt::Display for ImpactReading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match self.basis {
            ImpactBasis::Chosen => "as chosen",
            ImpactBasis::PercentSign => "the values have % signs",
            ImpactBasis::AboveOne => "some values are above 1",
            ImpactBasis::Undecided => "no value tells percent from a factor",
            ImpactBasis::Header => "the column's header says so",
            ImpactBasis::Fractions => "every value is from 0 to 1 and some are fractions",
            ImpactBasis::Ambiguous => {
                "the values are only 0 and 1, which may also be a factor (1 = the whole service); choose the unit to be sure"
            }
        };
        write!(f, "impact read as {}: {why}", self.unit.label())
    }
}

/// The unit an impact column's header names: `%`, `percent`, `pct`,
/// `prozent` → percent; `factor`, `fraction`, `faktor` → factor.
pub fn impact_unit_of_header(header: &str) -> Option<ImpactUnit> {
    let words = crate::mapping::normalise_header(header);
    if header.contains('%')
        || words.contains("percent")
        || words.contains("prozent")
        || words.ends_with("pct")
    {
        Some(ImpactUnit::Percent)
    } else if ["factor", "fraction", "faktor"]
        .iter()
        .any(|w| words.contains(w))
    {
        Some(ImpactUnit::Factor)
    } else {
        None
    }
}

impl ImpactEvidence {
    /// Notes one value of the column: `text` (trimmed) as written, `impact`
    /// the same value read as percent ([`parse_impact`]). Words tell nothing.
    pub fn note(&mut self, text: &str, impact: Impact) {
        if !starts_like_a_number(text) {
            return;
        }
        if text.ends_with('%') {
            self.percent_sign = true;
            return;
        }
        // 1 is 10^7 ppb when read as percent.
        match impact.level.ppb() {
            0 => {}
            ppb if ppb < ONE_PERCENT_PPB => self.fraction = true,
            ONE_PERCENT_PPB => self.one = true,
            _ => self.above_one = true,
        }
    }

    /// The unit of the column's bare numbers, by this rule, in order:
    ///
    /// 1. a `%` sign on some value → percent;
    /// 2. some value above 1 → percent (no factor is);
    /// 3. no value other than 0 (only words, zeros, empty cells) →
    ///    percent; both readings agree;
    /// 4. a header naming the unit ([`impact_unit_of_header`]) → that unit;
    /// 5. every value from 0 to 1, some strictly between → a factor;
    /// 6. only 0 and 1 → percent, as imports always read them, marked
    ///    [ambiguous](ImpactReading::is_ambiguous).
    pub fn reading(&self, header: &str) -> ImpactReading {
        let (unit, basis) = if self.percent_sign {
            (ImpactUnit::Percent, ImpactBasis::PercentSign)
        } else if self.above_one {
            (ImpactUnit::Percent, ImpactBasis::AboveOne)
        } else if !self.fraction && !self.one {
            (ImpactUnit::Percent, ImpactBasis::Undecided)
        } else if let Some(unit) = impact_unit_of_header(header) {
            (unit, ImpactBasis::Header)
        } else if self.fraction {
            (ImpactUnit::Factor, ImpactBasis::Fractions)
        } else {
            (ImpactUnit::Percent, ImpactBasis::Ambiguous)
        };
        ImpactReading { unit, basis }
    }
}

/// 1 % in parts per billion: a bare `1` read as percent.
pub(crate) const ONE_PERCENT_PPB: u64 = 10_000_000;

/// Impact of an outage, as a status page or an outage log writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Impact {
    /// The share of the service lost.
    pub level: Percent,
    /// Planned maintenance rather than an outage.
    pub planned: bool,
}

/// The words an impact column may hold: (word, percent of the service lost, planned).
/// Matched in any case, with `_`, `-` and space equivalent. This is the documented convention;
/// the app shows this table to the user.
pub const IMPACT_WORDS: &[(&str, u8, bool)] = &[
    ("major outage", 100, false),
    ("major", 100, false),
    ("critical", 100, false),
    ("full", 100, false),
    ("outage", 100, false),
    ("down", 100, false),
    ("total", 100, false),
    ("partial outage", 50, false),
    ("partial", 50, false),
    ("minor", 50, false),
    ("degraded", 50, false),
    ("degraded performance", 50, false),
    ("none", 0, false),
    ("operational", 0, false),
    ("no impact", 0, false),
    ("maintenance", 100, true),
    ("under maintenance", 100, true),
    ("scheduled", 100, true),
];

/// Impact of an outage: a percentage (as [`parse_percent`]) or a word of [`IMPACT_WORDS`],
/// case-insensitive, `_`/`-`/space equivalent. A bare number is percent: `0.5` is 0.5 %
/// ([`parse_impact_in`] reads it in a column's [`ImpactUnit`]).
///
/// # Errors
/// Empty text (the message is `empty`), a word not in [`IMPACT_WORDS`], or a percentage that
/// [`parse_percent`] refuses.
pub fn parse_impact(text: &str, decimal_comma: bool) -> Result<Impact, ValueError> {
    parse_impact_in(text, decimal_comma, ImpactUnit::Percent)
}

/// Impact of an outage as [`parse_impact`] reads it, with a bare number in `unit`: as a
/// factor, `0.5` is half the service and `1` all of it. A number with a `%` sign is percent
/// in either unit.
///
/// # Errors
/// As [`parse_impact`]; as a factor, a bare number above 1 or with more than 9 decimals.
///
/// # Example
/// ```
/// use sla_import::values::{parse_impact_in, ImpactUnit};
///
/// let half = |text| parse_impact_in(text, true, ImpactUnit::Factor).unwrap().level.ppb();
/// assert_eq!(half("0,5"), 500_000_000);
/// assert_eq!(half("50 %"), 500_000_000);
/// assert!(parse_impact_in("50", false, ImpactUnit::Factor).is_err());
/// ```
pub fn parse_impact_in(
    text: &str,
    decimal_comma: bool,
    unit: ImpactUnit,
) -> Result<Impact, ValueError> {
    let text = text.trim();
    if let Some(impact) = whole_number_impact(text, unit) {
        return Ok(impact);
    }
    let factor = unit == ImpactUnit::Factor && !text.ends_with('%');
    impact(text, decimal_comma, factor).map_err(|why| {
        let what = if factor {
            What::ImpactFactor(decimal_comma)
        } else {
            What::Impact(decimal_comma)
        };
        why.explain(text, what)
    })
}

/// An impact written as a whole number of one to three digits (`100`,
/// `50`; `0` or `1` as a factor), read without the general parser: the
/// impact [`impact`] gives. `None` for any other text, which [`impact`]
/// then reads or refuses.
fn whole_number_impact(text: &str, unit: ImpactUnit) -> Option<Impact> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 3 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = bytes
        .iter()
        .fold(0u64, |n, digit| n * 10 + u64::from(digit - b'0'));
    let ppb = match unit {
        ImpactUnit::Percent if number <= 100 => number * 10_000_000,
        ImpactUnit::Factor if number <= 1 => number * 1_000_000_000,
        _ => return None,
    };
    Some(Impact {
        level: Percent::from_ppb(ppb)?,
        planned: false,
    })
}

/// Whether an impact is written as a number rather than a word.
fn starts_like_a_number(text: &str) -> bool {
    text.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+'))
}

fn impact(text: &str, decimal_comma: bool, factor: bool) -> Result<Impact, Why> {
    if text.is_empty() {
        return Err(Why::Empty);
    }
    if let Some(&(_, percent, planned)) = IMPACT_WORDS
        .iter()
        .find(|(word, _, _)| same_words(text, word))
    {
        let level = Percent::from_ppb(u64::from(percent) * 10_000_000).ok_or(Why::AboveHundred)?;
        return Ok(Impact { level, planned });
    }
    if !starts_like_a_number(text) {
        return Err(Why::Shape);
    }
    let level = if factor {
        share(text, decimal_comma)?
    } else {
        percent(text, decimal_comma)?
    };
    Ok(Impact {
        level,
        planned: false,
    })
}

/// A bare number from 0 to 1 as a share of the whole: `0.5` is 50 %.
fn share(text: &str, decimal_comma: bool) -> Result<Percent, Why> {
    let mut c = Cursor::new(text);
    if c.peek() == Some(b'-') {
        return Err(Why::Negative);
    }
    let too_large_is_above_one = |why| match why {
        Why::TooLarge => Why::AboveOne,
        other => other,
    };
    let number = number(&mut c, Some(decimal_comma))
        .map_err(too_large_is_above_one)?
        .ok_or(Why::Shape)?;
    c.spaces();
    if !c.done() {
        return Err(Why::Shape);
    }
    // The whole is 10^9 parts per billion.
    let ppb = scale(number, 1_000_000_000).map_err(too_large_is_above_one)?;
    u64::try_from(ppb)
        .ok()
        .and_then(Percent::from_ppb)
        .ok_or(Why::AboveOne)
}

/// `text` is `word` in any case, with any run of `_`, `-` or spaces for each space of `word`.
fn same_words(text: &str, word: &str) -> bool {
    fn separator(b: u8) -> bool {
        matches!(b, b' ' | b'\t' | b'_' | b'-')
    }
    let text = text.as_bytes();
    let word = word.as_bytes();
    let (mut i, mut j) = (0, 0);
    loop {
        match (text.get(i), word.get(j)) {
            (None, None) => return true,
            (Some(&t), Some(b' ')) if separator(t) => {
                while text.get(i).is_some_and(|&b| separator(b)) {
                    i += 1;
                }
                j += 1;
            }
            (Some(t), Some(w)) if !separator(*t) && t.eq_ignore_ascii_case(w) => {
                i += 1;
                j += 1;
            }
            _ => return false,
        }
    }
}

const YES: &[&str] = &[
    "yes",
    "y",
    "true",
    "t",
    "1",
    "x",
    "planned",
    "scheduled",
    "maintenance",
    "ja",
    "oui",
];
const NO: &[&str] = &["no", "n", "false", "f", "0", "unplanned", "nein", "non"];

/// yes/no: `yes y true t 1 x planned scheduled maintenance ja oui` → true; `no n false f 0 unplanned`
/// (and `nein`, `non`) and empty → false (any case).
///
/// # Errors
/// Any other text.
pub fn parse_bool(text: &str) -> Result<bool, ValueError> {
    let text = text.trim();
    let is = |words: &[&str]| {
        words
            .iter()
            .any(|word| word.as_bytes().eq_ignore_ascii_case(text.as_bytes()))
    };
    if text.is_empty() || is(NO) {
        Ok(false)
    } else if is(YES) {
        Ok(true)
    } else {
        Err(Why::Shape.explain(text, What::YesNo))
    }
}

/// States that close a ticket, compared as lower-case letters only (`Closed`,
/// `Resolved`, `Canceled`, Jira's `Done`, Zendesk's `solved`; German, French
/// and Spanish exports' words too). Any other state (`New`, `In Progress`,
/// `Awaiting User Info`, `On Hold`) leaves the ticket open.
const CLOSING_STATES: &[&str] = &[
    "closed",
    "resolved",
    "cancelled",
    "canceled",
    "solved",
    "done",
    "completed",
    "complete",
    "declined",
    "geschlossen",
    "gelöst",
    "geloest",
    "erledigt",
    "fermé",
    "ferme",
    "résolu",
    "resolu",
    "cerrado",
    "resuelto",
];

/// The rank a priority value names, 1 the most urgent: a number first
/// (`1 - Critical`, `1`), after `P`, `Prio`, `Priority`, `Sev`,
/// `Severity` or `S` (`P1`, `Sev 2`, `S3`), else a word of the common
/// scales: ServiceNow (Critical, High, Moderate, Low, Planning), Jira
/// (Highest, High, Medium, Low, Lowest), Zendesk (Urgent, High, Normal, Low),
/// and Blocker, Major, Minor, Trivial. `None` for anything else.
pub fn priority_rank(text: &str) -> Option<u8> {
    let lower = text.trim().to_ascii_lowercase();
    let digits_after = |rest: &str| -> Option<u8> {
        let rest = rest.trim_start_matches([' ', '-', '_', '.', ':']);
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (number, tail) = rest.split_at(end);
        // `1 - Critical`, `P1`, `Sev 1`: a number, then nothing or a label.
        let tail_ok = tail.is_empty() || tail.starts_with([' ', '-', '(', ':', '.']);
        number
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=9).contains(n) && tail_ok)
    };
    if let Some(rank) = digits_after(&lower) {
        return Some(rank);
    }
    for prefix in ["priority", "prio", "severity", "sev", "p", "s"] {
        if let Some(rank) = lower.strip_prefix(prefix).and_then(digits_after) {
            return Some(rank);
        }
    }
    let word: String = lower.chars().filter(char::is_ascii_alphabetic).collect();
    match word.as_str() {
        "critical" | "highest" | "urgent" | "blocker" | "emergency" => Some(1),
        "high" | "major" => Some(2),
        "medium" | "moderate" | "normal" => Some(3),
        "low" | "minor" => Some(4),
        "lowest" | "planning" | "trivial" => Some(5),
        _ => None,
    }
}

/// Whether a ticket's state stops its clock: `On Hold`, `Pending`, or
/// `Awaiting …` (`Awaiting User Info`, `Awaiting Vendor`: ServiceNow's
/// on-hold states and reasons). Case, spaces and punctuation do not count;
/// other words (`Waiting for customer`) are not read as a pause. A state's
/// numeric value (ServiceNow's `3`) is read only where the source is known
/// to write values (the field-change audit).
///
/// One rule for the field-change audit and for snapshot histories, so that
/// both read "on hold" the same way.
pub fn is_pause_state(text: &str) -> bool {
    let word: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    word == "onhold" || word == "pending" || word.starts_with("awaiting")
}

/// Whether a ticket's state closes it (see [`CLOSING_STATES`]).
pub fn is_closing_state(text: &str) -> bool {
    let word: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    !word.is_empty() && CLOSING_STATES.contains(&word.as_str())
}

/// Whether numbers in these samples use a decimal comma: Some(true) when some sample looks like `1,5` or
/// `99,95 %` (a comma followed by 1–2 or 4+ digits and no `.`), Some(false) when some sample has a `.` decimal
/// point, None when nothing decides.
///
/// A `.` or `,` followed by exactly three digits decides nothing (`1.500` may be a thousands separator),
/// nor do dates (`05.03.2026`). `1.234,5` has a decimal comma and `1,234.5` a decimal point. When samples
/// disagree, the majority decides; a tie decides nothing.
pub fn detect_decimal_comma(samples: &[&str]) -> Option<bool> {
    let mut comma = 0usize;
    let mut point = 0usize;
    for sample in samples {
        let (has_comma, has_point) = decimal_evidence(sample.as_bytes());
        match (has_comma, has_point) {
            (true, false) => comma += 1,
            (false, true) => point += 1,
            _ => {}
        }
    }
    match comma.cmp(&point) {
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    }
}

/// (a number with a decimal comma, a number with a decimal point) in `text`.
fn decimal_evidence(text: &[u8]) -> (bool, bool) {
    let mut comma = false;
    let mut point = false;
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .iter()
            .position(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
            .unwrap_or(rest.len());
        let tail = rest.get(start..).unwrap_or_default();
        let len = tail
            .iter()
            .position(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b',')))
            .unwrap_or(tail.len());
        let token = tail.get(..len).unwrap_or_default();
        match token_separator(token) {
            Some(b',') => comma = true,
            Some(b'.') => point = true,
            _ => {}
        }
        rest = tail.get(len..).unwrap_or_default();
    }
    (comma, point)
}

/// The decimal separator a run of digits, `.` and `,` shows, if it shows one.
fn token_separator(token: &[u8]) -> Option<u8> {
    let separators: usize = token.iter().filter(|&&b| b == b'.' || b == b',').count();
    if separators == 0 {
        return None;
    }
    // Every separator between digits: no `1.`, `,5`, `1..2`.
    let well_formed = token.first().is_some_and(u8::is_ascii_digit)
        && token.last().is_some_and(u8::is_ascii_digit)
        && !token
            .windows(2)
            .any(|pair| pair.iter().all(|&b| b == b'.' || b == b','));
    if !well_formed {
        return None;
    }
    let last_at = token.iter().rposition(|&b| b == b'.' || b == b',')?;
    let last = *token.get(last_at)?;
    let decimals = token.len() - last_at - 1;
    let others = token
        .get(..last_at)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b == b'.' || b == b',');
    let mut grouped = 0;
    for &other in others {
        if other == last {
            // `1.234.567` or a date: thousands or no number at all.
            return None;
        }
        grouped += 1;
    }
    if grouped > 0 || decimals != 3 {
        Some(last)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Shared pieces

/// A number as written: whole part and the digits after the decimal separator.
#[derive(Debug, Clone, Copy)]
struct Number<'a> {
    int: u64,
    frac: &'a [u8],
}

/// Reads `digits[(.|,)digits]` or `.digits`. `decimal_comma`: `Some(false)` takes `.`, `Some(true)`
/// takes `,` and refuses the other with [`Why::Separator`]; `None` takes both (ISO 8601).
/// `Ok(None)` when no number starts here.
fn number<'a>(c: &mut Cursor<'a>, decimal_comma: Option<bool>) -> Result<Option<Number<'a>>, Why> {
    let int = c.digits();
    let mut frac: &[u8] = &[];
    if let Some(separator @ (b'.' | b',')) = c.peek() {
        if c.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            let accepted = match decimal_comma {
                None => true,
                Some(true) => separator == b',',
                Some(false) => separator == b'.',
            };
            if !accepted {
                return Err(Why::Separator);
            }
            c.bump();
            frac = c.digits();
        }
    }
    if int.is_empty() && frac.is_empty() {
        return Ok(None);
    }
    let int = if int.is_empty() {
        0
    } else {
        value(int).ok_or(Why::TooLarge)?
    };
    Ok(Some(Number { int, frac }))
}

/// `number × unit`, exactly, or [`Why::Precision`] when that is not a whole count.
fn scale(number: Number, unit: u128) -> Result<u128, Why> {
    let mut frac = number.frac;
    while let [rest @ .., b'0'] = frac {
        frac = rest;
    }
    // A whole count needs 10^k to divide frac × unit; unit has at most 16 factors of 2 and 5.
    if frac.len() > 18 {
        return Err(Why::Precision);
    }
    let numerator = frac
        .iter()
        .fold(0u128, |acc, &digit| acc * 10 + u128::from(digit - b'0'))
        * unit;
    let denominator = 10u128.pow(frac.len() as u32);
    if numerator.checked_rem(denominator) != Some(0) {
        return Err(Why::Precision);
    }
    Ok(u128::from(number.int) * unit + numerator / denominator)
}

/// The value of a run of ASCII digits; `None` when empty or above `u64` (20 significant digits).
fn value(digits: &[u8]) -> Option<u64> {
    let mut significant = digits;
    while let [b'0', rest @ ..] = significant {
        significant = rest;
    }
    if digits.is_empty() || significant.len() > 19 {
        return None;
    }
    Some(
        significant
            .iter()
            .fold(0u64, |acc, &digit| acc * 10 + u64::from(digit - b'0')),
    )
}

/// A position in the bytes of a trimmed value.
#[derive(Debug, Clone, Copy)]
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos.saturating_add(ahead)).copied()
    }

    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn bump(&mut self) {
        if !self.done() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Eats `word` (ASCII, any case).
    fn eat_ci(&mut self, word: &[u8]) -> bool {
        let end = self.pos.saturating_add(word.len());
        let found = self
            .bytes
            .get(self.pos..end)
            .is_some_and(|here| here.eq_ignore_ascii_case(word));
        if found {
            self.pos = end;
        }
        found
    }

    fn run(&mut self, wanted: fn(&u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(wanted) {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    fn digits(&mut self) -> &'a [u8] {
        self.run(u8::is_ascii_digit)
    }

    fn letters(&mut self) -> &'a [u8] {
        self.run(u8::is_ascii_alphabetic)
    }

    /// Skips spaces, tabs, no-break spaces (U+00A0) and narrow no-break spaces
    /// (U+202F, which newer locale data puts before AM/PM); returns the bytes skipped.
    fn spaces(&mut self) -> usize {
        let start = self.pos;
        loop {
            match (self.peek(), self.peek_at(1), self.peek_at(2)) {
                (Some(b' ' | b'\t'), _, _) => self.pos += 1,
                (Some(0xC2), Some(0xA0), _) => self.pos += 2,
                (Some(0xE2), Some(0x80), Some(0xAF)) => self.pos += 3,
                _ => break,
            }
        }
        self.pos - start
    }

    /// `parts` when the whole text was read.
    fn end(&self, parts: Parts) -> Result<Parts, Why> {
        if self.done() {
            Ok(parts)
        } else {
            Err(Why::Shape)
        }
    }
}

// ---------------------------------------------------------------------------
// Errors

/// What was being read, for the message.
#[derive(Debug, Clone, Copy)]
enum What {
    Timestamp(TimestampFormat),
    Duration(DurationUnit, bool),
    Percent(bool),
    Impact(bool),
    /// An impact whose bare number is a factor ([`ImpactUnit::Factor`]).
    ImpactFactor(bool),
    YesNo,
}

/// Why a value could not be read; a [`ValueError`] only once it fails, so that
/// nothing allocates on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    Empty,
    /// Not in the expected form.
    Shape,
    Month(u64),
    Day {
        year: i32,
        month: u32,
        day: u64,
    },
    Hour(u64),
    TwelveHour(u64),
    Minute(u64),
    Second(u64),
    Offset,
    /// Outside what an `i64` of nanoseconds (or chrono) holds.
    Range,
    Precision,
    ExcelLeapDay,
    Negative,
    TooLarge,
    AboveHundred,
    /// A factor above 1.
    AboveOne,
    Separator,
    Repeated(SpanUnit),
    Calendar,
    UnknownUnit {
        start: usize,
        end: usize,
    },
}

impl Why {
    fn explain(self, text: &str, what: What) -> ValueError {
        if self == Why::Empty {
            return ValueError("empty".to_owned());
        }
        let noun = match (what, self) {
            (What::Timestamp(_), Why::Hour(_) | Why::TwelveHour(_) | Why::Minute(_))
            | (What::Timestamp(_), Why::Second(_) | Why::Offset) => "a date and time",
            (What::Timestamp(_), _) => "a date",
            (What::Duration(..), _) => "a duration",
            (What::Percent(_), _) => "a percentage",
            (What::Impact(_) | What::ImpactFactor(_), _) => "an impact",
            (What::YesNo, _) => "yes or no",
        };
        let reason = self.reason(text, what);
        ValueError(format!("{} is not {noun}: {reason}", Quoted(text)))
    }

    fn reason(self, text: &str, what: What) -> String {
        let decimal_comma = match what {
            What::Duration(_, comma)
            | What::Percent(comma)
            | What::Impact(comma)
            | What::ImpactFactor(comma) => comma,
            What::Timestamp(_) | What::YesNo => false,
        };
        let (point, example) = if decimal_comma {
            ("`,` as the decimal separator", "1,5")
        } else {
            ("`.` as the decimal point", "1.5")
        };
        match self {
            Why::Empty => "it is empty".to_owned(),
            Why::Shape => match what {
                What::Timestamp(format) => format.hint().to_owned(),
                What::Duration(unit, _) => {
                    let bare = match (unit, decimal_comma) {
                        (DurationUnit::Hours, true) => "1,5",
                        (DurationUnit::Hours, false) => "1.5",
                        _ => "90",
                    };
                    format!("write 1h 30m, {bare} ({}) or 01:30:00", unit.label())
                }
                What::Percent(_) if decimal_comma => {
                    "write a number from 0 to 100, e.g. 99,95 or 99,95 %".to_owned()
                }
                What::Percent(_) => {
                    "write a number from 0 to 100, e.g. 99.95 or 99.95 %".to_owned()
                }
                What::Impact(_) => {
                    "write a percentage (e.g. 50 %) or a word such as major outage, \
                     partial outage, degraded, none or maintenance"
                        .to_owned()
                }
                What::ImpactFactor(_) => format!(
                    "write a factor from 0 to 1 (e.g. {}), a percentage (50 %) or a word such as \
                     major outage, partial outage, degraded, none or maintenance",
                    if decimal_comma { "0,5" } else { "0.5" }
                ),
                What::YesNo => "write yes or no (or true/false, 1/0, x)".to_owned(),
            },
            Why::Month(month) => format!("there is no month {month}"),
            Why::Day { day: 0, .. } => "there is no day 0".to_owned(),
            Why::Day { year, month, .. } => {
                let name = month_display(month);
                let days = days_in_month(year, month);
                if month == 2 {
                    format!("{name} has {days} days in {year}")
                } else {
                    format!("{name} has {days} days")
                }
            }
            Why::Hour(hour) => format!("there is no hour {hour} (hours run from 0 to 23)"),
            Why::TwelveHour(hour) => format!("with AM or PM the hour is 1 to 12, not {hour}"),
            Why::Minute(minute) => match what {
                What::Duration(..) => format!("minutes must be below 60, not {minute}"),
                _ => format!("there is no minute {minute} (minutes run from 0 to 59)"),
            },
            Why::Second(second) => match what {
                What::Duration(..) => format!("seconds must be below 60, not {second}"),
                _ => format!("there is no second {second} (seconds run from 0 to 59)"),
            },
            Why::Offset => "a UTC offset is at most ±23:59, e.g. +01:00".to_owned(),
            Why::Range => "it is outside the dates that can be stored (1677 to 2262)".to_owned(),
            Why::Precision => match what {
                What::Timestamp(TimestampFormat::ExcelSerial) => {
                    "at most 30 decimals are supported".to_owned()
                }
                What::Timestamp(_) => "at most 9 decimals of a second are supported".to_owned(),
                What::Duration(..) => "it is finer than a nanosecond".to_owned(),
                What::ImpactFactor(_) => {
                    "at most 9 decimals are supported (0.999999999)".to_owned()
                }
                _ => "at most 7 decimals are supported (99.9999999)".to_owned(),
            },
            Why::ExcelLeapDay => {
                "Excel's day 60 is 29 February 1900, a day that never existed".to_owned()
            }
            Why::Negative => match what {
                What::Duration(..) => "a duration cannot be negative".to_owned(),
                What::ImpactFactor(_) => "an impact cannot be negative".to_owned(),
                _ => "a percentage cannot be negative".to_owned(),
            },
            Why::TooLarge => "it is too long (more than 292 years)".to_owned(),
            Why::AboveHundred => "a percentage is at most 100".to_owned(),
            Why::AboveOne => "this column's impacts are read as a factor, which is at most 1 \
                              (1 = the whole service); choose percent if it holds percentages"
                .to_owned(),
            Why::Separator => format!("this import reads {point}; write e.g. {example}"),
            Why::Repeated(unit) => format!("{} are given twice", unit.plural()),
            Why::Calendar => {
                "months and years have no fixed length; write days, e.g. 30d or P30D".to_owned()
            }
            Why::UnknownUnit { start, end } => format!(
                "unknown unit `{}`; use d, h, m, s or ms",
                text.get(start..end).unwrap_or_default()
            ),
        }
    }
}

fn month_display(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    month
        .checked_sub(1)
        .and_then(|index| NAMES.get(index as usize))
        .copied()
        .unwrap_or("that month")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The value in backticks, cut to 40 characters so a stray megabyte cell stays readable.
struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MAX_CHARS: usize = 40;
        match self.0.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => write!(f, "`{}…`", self.0.get(..cut).unwrap_or_default()),
            None => write!(f, "`{}`", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use proptest::prelude::*;

    const SECOND: i64 = 1_000_000_000;

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Stamp {
        Stamp::Local(
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, s)
                .unwrap(),
        )
    }

    /// A timestamp of the fast path's shape, with digits that may make it
    /// invalid (month 13, day 31 of April, hour 24, years out of range).
    fn iso_shaped() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec![
                0u32, 1000, 1677, 1678, 1970, 2000, 2024, 2026, 2100, 2261, 2262, 9999,
            ]),
            0u32..=13,
            0u32..=32,
            0u32..=24,
            0u32..=60,
            0u32..=60,
            prop::sample::select(vec!['T', 't', ' ', 'x']),
            prop::sample::select(vec!["Z", "z", "", "+01:00", " "]),
        )
            .prop_map(|(y, mo, d, h, mi, s, sep, zone)| {
                format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{zone}")
            })
    }

    proptest! {
        /// The fast path of `YYYY-MM-DDTHH:MM:SSZ` gives what the general
        /// parser gives, and leaves to it every value it does not take.
        #[test]
        fn iso_utc_agrees_with_the_general_parser(text in iso_shaped()) {
            let general = stamp(text.trim(), TimestampFormat::Iso);
            match iso_utc(text.as_bytes()) {
                Some(nanos) => prop_assert_eq!(general, Ok(Stamp::Instant(nanos))),
                None => {
                    let year: u32 = text.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
                    let other_shape = text.len() != 20
                        || !text.ends_with(['Z', 'z'])
                        || text.as_bytes().get(10) == Some(&b'x');
                    prop_assert!(
                        other_shape || general.is_err() || !(1678..=2261).contains(&year),
                        "{} left to the general parser, which reads it: {:?}", text, general
                    );
                }
            }
        }

        /// Whole-number impacts read as the general parser reads them, in
        /// both units.
        #[test]
        fn whole_number_impacts_agree_with_the_general_parser(number in 0u32..1000, width in 1usize..=3) {
            let text = format!("{number:0width$}");
            for unit in ImpactUnit::ALL {
                let general = impact(&text, false, unit == ImpactUnit::Factor);
                match whole_number_impact(&text, unit) {
                    Some(fast) => prop_assert_eq!(Ok(fast), general),
                    None => prop_assert!(general.is_err() || text.len() > 3, "{} {:?}", text, unit),
                }
            }
        }
    }

    fn ts(text: &str, format: TimestampFormat) -> Stamp {
        parse_timestamp(text, format).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn ts_err(text: &str, format: TimestampFormat) -> String {
        match parse_timestamp(text, format) {
            Ok(stamp) => panic!("{text:?} parsed as {stamp:?}"),
            Err(error) => error.to_string(),
        }
    }

    const DMY: TimestampFormat = TimestampFormat::Numeric(DateOrder::DayFirst);
    const MDY: TimestampFormat = TimestampFormat::Numeric(DateOrder::MonthFirst);

    // --- identifiers

    #[test]
    fn ids_round_trip() {
        for format in TimestampFormat::ALL {
            assert_eq!(TimestampFormat::from_id(format.id()), Some(format));
            assert!(!format.label().is_empty());
        }
        for unit in DurationUnit::ALL {
            assert_eq!(DurationUnit::from_id(unit.id()), Some(unit));
        }
        assert_eq!(DurationUnit::Minutes.id(), "min");
        assert_eq!(DurationUnit::Hours.label(), "hours");
        assert_eq!(TimestampFormat::from_id("mdy"), Some(MDY));
        assert_eq!(TimestampFormat::from_id("nope"), None);
    }

    // --- ISO

    #[test]
    fn iso_without_offset_is_local() {
        let expected = local(2026, 3, 5, 10, 0, 0);
        assert_eq!(ts("2026-03-05 10:00", TimestampFormat::Iso), expected);
        assert_eq!(ts("2026-03-05T10:00:00", TimestampFormat::Iso), expected);
        assert_eq!(ts("  2026-03-05t10:00 ", TimestampFormat::Iso), expected);
        assert_eq!(
            ts("2026-03-05", TimestampFormat::Iso),
            local(2026, 3, 5, 0, 0, 0)
        );
    }

    #[test]
    fn iso_with_offset_is_an_instant() {
        let at = |text| ts(text, TimestampFormat::Iso);
        assert_eq!(
            at("2026-03-05T10:00:00+01:00"),
            Stamp::Instant(1_772_701_200 * SECOND)
        );
        assert_eq!(
            at("2026-03-05T10:00:00+0100"),
            at("2026-03-05T10:00:00+01:00")
        );
        assert_eq!(
            at("2026-03-05T10:00:00+01"),
            at("2026-03-05T10:00:00+01:00")
        );
        let utc = Stamp::Instant(1_772_704_800 * SECOND);
        assert_eq!(at("2026-03-05T10:00:00Z"), utc);
        assert_eq!(at("2026-03-05 10:00:00 UTC"), utc);
        assert_eq!(at("2026-03-05 10:00 gmt"), utc);
        assert_eq!(at("2026-03-05T10:00:00-00:00"), utc);
        assert_eq!(
            at("2026-03-05T10:00:00-05:30"),
            Stamp::Instant((1_772_704_800 + 5 * 3600 + 1800) * SECOND)
        );
        assert_eq!(
            at("2026-03-05T10:00:00.123456789Z"),
            Stamp::Instant(1_772_704_800 * SECOND + 123_456_789)
        );
        assert_eq!(
            at("2026-03-05T10:00:00.25Z"),
            Stamp::Instant(1_772_704_800 * SECOND + 250_000_000)
        );
        assert_eq!(
            at("2026-03-05T10:00:00.1234567890Z"),
            Stamp::Instant(1_772_704_800 * SECOND + 123_456_789)
        );
    }

    #[test]
    fn iso_errors_say_what_is_wrong() {
        assert_eq!(ts_err("", TimestampFormat::Iso), "empty");
        assert_eq!(ts_err("   ", TimestampFormat::Iso), "empty");
        assert!(ts_err("05.03.2026", TimestampFormat::Iso).contains("2026-03-05 10:00"));
        assert_eq!(
            ts_err("2026-13-05", TimestampFormat::Iso),
            "`2026-13-05` is not a date: there is no month 13"
        );
        assert_eq!(
            ts_err("2026-02-29", TimestampFormat::Iso),
            "`2026-02-29` is not a date: February has 28 days in 2026"
        );
        assert_eq!(
            ts_err("2026-04-31", TimestampFormat::Iso),
            "`2026-04-31` is not a date: April has 30 days"
        );
        assert!(ts_err("2026-03-05 24:00", TimestampFormat::Iso).contains("no hour 24"));
        assert!(ts_err("2026-03-05 10:60", TimestampFormat::Iso).contains("no minute 60"));
        assert!(ts_err("2026-03-05 10:00:60", TimestampFormat::Iso).contains("no second 60"));
        assert!(ts_err("2026-03-05 10:00+25:00", TimestampFormat::Iso).contains("offset"));
        assert!(
            ts_err("2026-03-05T10:00:00.1234567891Z", TimestampFormat::Iso).contains("9 decimals")
        );
        for bad in [
            "2026-03-05T",
            "2026-03-05 10",
            "2026-03-05 10:00 PM",
            "2026-03-05 10:00 CET",
            "26-03-05",
            "2026/03/05",
            "2026-03-05 10:00:00.",
        ] {
            assert!(parse_timestamp(bad, TimestampFormat::Iso).is_err(), "{bad}");
        }
    }

    // --- numeric

    #[test]
    fn numeric_day_first_and_month_first() {
        assert_eq!(ts("05.03.2026 10:00", DMY), local(2026, 3, 5, 10, 0, 0));
        assert_eq!(ts("5.3.2026", DMY), local(2026, 3, 5, 0, 0, 0));
        assert_eq!(ts("05/03/26 13:05", DMY), local(2026, 3, 5, 13, 5, 0));
        assert_eq!(ts("05-03-2026 13:05:09", DMY), local(2026, 3, 5, 13, 5, 9));
        assert_eq!(ts("3/5/2026 1:05 PM", MDY), local(2026, 3, 5, 13, 5, 0));
        assert_eq!(ts("3/5/2026, 1:05:00 PM", MDY), local(2026, 3, 5, 13, 5, 0));
        assert_eq!(
            ts("3/5/2026, 1:05:00\u{202f}PM", MDY),
            local(2026, 3, 5, 13, 5, 0)
        );
        assert_eq!(ts("03/05/2026 10:00 am", MDY), local(2026, 3, 5, 10, 0, 0));
        assert_eq!(ts("3/5/2026 1:05pm", MDY), local(2026, 3, 5, 13, 5, 0));
        assert_eq!(ts("3/5/2026 1:05 p.m.", MDY), local(2026, 3, 5, 13, 5, 0));
        assert_eq!(
            ts("05.03.2026 10:00 UTC", DMY),
            Stamp::Instant(1_772_704_800 * SECOND)
        );
    }

    #[test]
    fn twelve_am_is_midnight_and_twelve_pm_is_noon() {
        assert_eq!(ts("3/5/2026 12:30 AM", MDY), local(2026, 3, 5, 0, 30, 0));
        assert_eq!(ts("3/5/2026 12:30 PM", MDY), local(2026, 3, 5, 12, 30, 0));
        assert_eq!(ts("3/5/2026 11:59 PM", MDY), local(2026, 3, 5, 23, 59, 0));
        assert_eq!(ts("3/5/2026 1:00 AM", MDY), local(2026, 3, 5, 1, 0, 0));
        assert_eq!(
            ts_err("3/5/2026 13:00 PM", MDY),
            "`3/5/2026 13:00 PM` is not a date and time: with AM or PM the hour is 1 to 12, not 13"
        );
        assert!(ts_err("3/5/2026 0:30 AM", MDY).contains("1 to 12"));
    }

    #[test]
    fn february_29_exists_only_in_leap_years() {
        assert_eq!(ts("29.02.2024", DMY), local(2024, 2, 29, 0, 0, 0));
        assert_eq!(ts("29.02.2000", DMY), local(2000, 2, 29, 0, 0, 0));
        assert_eq!(ts("2/29/24", MDY), local(2024, 2, 29, 0, 0, 0));
        assert_eq!(
            ts_err("31.02.2026 10:00", DMY),
            "`31.02.2026 10:00` is not a date: February has 28 days in 2026"
        );
        assert_eq!(
            ts_err("29.02.2100", DMY),
            "`29.02.2100` is not a date: February has 28 days in 2100"
        );
        assert_eq!(
            ts_err("30.02.2024", DMY),
            "`30.02.2024` is not a date: February has 29 days in 2024"
        );
        assert!(ts_err("00.03.2026", DMY).contains("no day 0"));
        assert!(ts_err("05.13.2026", DMY).contains("no month 13"));
    }

    #[test]
    fn two_digit_years_are_this_century() {
        assert_eq!(ts("05.03.99", DMY), local(2099, 3, 5, 0, 0, 0));
        assert_eq!(ts("05.03.00", DMY), local(2000, 3, 5, 0, 0, 0));
        assert!(parse_timestamp("05.03.202", DMY).is_err());
        assert!(parse_timestamp("05.03.20260", DMY).is_err());
    }

    #[test]
    fn numeric_refuses_other_shapes() {
        for bad in [
            "05.03/2026",
            "2026-03-05",
            "5.3",
            "05.03.2026 10",
            "05.03.2026 10:0",
            "05.03.2026 10:00 XM",
            "05.03.2026T10:00",
            "005.03.2026",
        ] {
            assert!(parse_timestamp(bad, DMY).is_err(), "{bad}");
        }
    }

    // --- month names

    #[test]
    fn month_names_in_their_usual_places() {
        let f = TimestampFormat::MonthName;
        let ten = local(2026, 3, 5, 10, 0, 0);
        assert_eq!(ts("05/Mar/26 10:00 AM", f), ten);
        assert_eq!(ts("5 Mar 2026 10:00", f), ten);
        assert_eq!(ts("Mar 5, 2026 10:00 AM", f), ten);
        assert_eq!(ts("05-Mar-2026 10:00:00", f), ten);
        assert_eq!(ts("5 MARCH 2026 10:00", f), ten);
        assert_eq!(ts("March 5th, 2026 at 10:00 am", f), ten);
        assert_eq!(ts("Sept 30, 2026", f), local(2026, 9, 30, 0, 0, 0));
        assert_eq!(ts("5.Mar.2026", f), local(2026, 3, 5, 0, 0, 0));
        assert_eq!(ts("Mar. 5, 2026", f), local(2026, 3, 5, 0, 0, 0));
        assert_eq!(ts("Thu Mar 05 2026", f), local(2026, 3, 5, 0, 0, 0));
        assert_eq!(ts("05/mar/26 12:00 am", f), local(2026, 3, 5, 0, 0, 0));
        let utc = Stamp::Instant(1_772_704_800 * SECOND);
        assert_eq!(ts("Thu, 05 Mar 2026 10:00:00 +0000", f), utc);
        assert_eq!(ts("05/Mar/2026:10:00:00 +0000", f), utc);
        assert_eq!(ts("5 Mar 2026 10:00 GMT", f), utc);
        assert!(ts_err("31 Apr 2026", f).contains("April has 30 days"));
        for bad in [
            "05/Mrz/26",
            "Ma 5 2026",
            "5 Mar",
            "Thu 10:00",
            "5 Mar 2026 10",
        ] {
            assert!(parse_timestamp(bad, f).is_err(), "{bad}");
        }
    }

    // --- Unix and Excel

    #[test]
    fn unix_time_is_an_instant() {
        assert_eq!(
            ts("1772704800", TimestampFormat::UnixSeconds),
            Stamp::Instant(1_772_704_800 * SECOND)
        );
        assert_eq!(
            ts("1772704800.5", TimestampFormat::UnixSeconds),
            Stamp::Instant(1_772_704_800 * SECOND + 500_000_000)
        );
        assert_eq!(
            ts("1772704800000", TimestampFormat::UnixMillis),
            Stamp::Instant(1_772_704_800 * SECOND)
        );
        assert_eq!(
            ts("1772704800123", TimestampFormat::UnixMillis),
            Stamp::Instant(1_772_704_800 * SECOND + 123_000_000)
        );
        assert_eq!(
            ts("-1", TimestampFormat::UnixSeconds),
            Stamp::Instant(-SECOND)
        );
        assert!(parse_timestamp("1772704800.", TimestampFormat::UnixSeconds).is_err());
        assert!(parse_timestamp("17727e4", TimestampFormat::UnixSeconds).is_err());
        assert!(parse_timestamp("99999999999999999999", TimestampFormat::UnixSeconds).is_err());
        assert!(parse_timestamp("1.0000000001", TimestampFormat::UnixSeconds).is_err());
    }

    #[test]
    fn excel_serials_are_local_days_since_1900() {
        let f = TimestampFormat::ExcelSerial;
        assert_eq!(ts("46086.5", f), local(2026, 3, 5, 12, 0, 0));
        assert_eq!(ts("46086,5", f), local(2026, 3, 5, 12, 0, 0));
        assert_eq!(ts("46086", f), local(2026, 3, 5, 0, 0, 0));
        assert_eq!(ts("46086.4166666667", f), local(2026, 3, 5, 10, 0, 0));
        assert_eq!(ts("25569", f), local(1970, 1, 1, 0, 0, 0));
        assert_eq!(ts("61", f), local(1900, 3, 1, 0, 0, 0));
        assert_eq!(ts("59", f), local(1900, 2, 28, 0, 0, 0));
        assert_eq!(ts("1", f), local(1900, 1, 1, 0, 0, 0));
        // 23:59:59.6 rounds to the next day.
        assert_eq!(ts("46086.99999537", f), local(2026, 3, 6, 0, 0, 0));
        assert!(ts_err("60", f).contains("29 February 1900"));
        assert!(parse_timestamp("46086.", f).is_err());
        assert!(parse_timestamp("-46086", f).is_err());
    }

    // --- detection

    fn guess(samples: &[&str]) -> Option<(TimestampFormat, bool)> {
        detect_timestamp(samples).map(|g| (g.format, g.ambiguous))
    }

    #[test]
    fn a_day_above_12_decides_day_first() {
        assert_eq!(
            guess(&["05/03/2026 10:00", "13/03/2026 10:00"]),
            Some((DMY, false))
        );
    }

    #[test]
    fn a_second_component_above_12_decides_month_first() {
        assert_eq!(
            guess(&["03/05/2026 10:00", "03/13/2026 10:00"]),
            Some((MDY, false))
        );
        assert_eq!(guess(&["3/13/2026 1:00 PM"]), Some((MDY, false)));
    }

    #[test]
    fn undecided_slashes_are_ambiguous() {
        assert_eq!(
            guess(&["05/03/2026 10:00", "06/03/2026 11:00"]),
            Some((DMY, true))
        );
        assert_eq!(
            guess(&["05/03/2026 10:00 AM", "06/03/2026 11:00 PM"]),
            Some((MDY, true))
        );
        assert_eq!(guess(&["05-03-2026"]), Some((DMY, true)));
    }

    #[test]
    fn dotted_dates_are_day_first() {
        assert_eq!(
            guess(&["05.03.2026 10:00", "06.03.2026"]),
            Some((DMY, false))
        );
    }

    #[test]
    fn detection_of_the_other_formats() {
        assert_eq!(
            guess(&["2026-03-05T10:00:00Z", "2026-03-06 11:00"]),
            Some((TimestampFormat::Iso, false))
        );
        assert_eq!(
            guess(&["05/Mar/26 10:00 AM", "06/Mar/26 1:00 PM"]),
            Some((TimestampFormat::MonthName, false))
        );
        assert_eq!(
            guess(&["1772704800", "1772708400.25"]),
            Some((TimestampFormat::UnixSeconds, false))
        );
        assert_eq!(
            guess(&["1772704800000"]),
            Some((TimestampFormat::UnixMillis, false))
        );
        assert_eq!(
            guess(&["46086.5", "46087"]),
            Some((TimestampFormat::ExcelSerial, false))
        );
        // Small numbers are none of these.
        assert_eq!(guess(&["42", "7"]), None);
    }

    #[test]
    fn detection_needs_half_of_the_non_empty_samples() {
        let g = detect_timestamp(&["2026-03-05", "", "  ", "n/a"]).unwrap();
        assert_eq!((g.format, g.matched, g.total), (TimestampFormat::Iso, 1, 2));
        assert_eq!(detect_timestamp(&["2026-03-05", "n/a", "?"]), None);
        assert_eq!(detect_timestamp(&[]), None);
        assert_eq!(detect_timestamp(&["", " "]), None);
        // The most matches win, whatever the order.
        assert_eq!(
            guess(&["05.03.2026", "06.03.2026", "2026-03-07"]),
            Some((DMY, false))
        );
    }

    // --- durations

    fn dur(text: &str, unit: DurationUnit) -> i64 {
        parse_duration(text, unit, false)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .nanos()
    }

    fn dur_err(text: &str, unit: DurationUnit, comma: bool) -> String {
        match parse_duration(text, unit, comma) {
            Ok(span) => panic!("{text:?} parsed as {span:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn bare_numbers_are_in_the_columns_unit() {
        use DurationUnit::*;
        assert_eq!(dur("90", Minutes), 5_400 * SECOND);
        assert_eq!(dur("90", Seconds), 90 * SECOND);
        assert_eq!(dur("1.5", Hours), 5_400 * SECOND);
        assert_eq!(dur(".5", Minutes), 30 * SECOND);
        assert_eq!(
            parse_duration("1,5", Hours, true).unwrap().nanos(),
            5_400 * SECOND
        );
        assert_eq!(dur("0.000000001", Seconds), 1);
        assert_eq!(dur("0", Hours), 0);
    }

    #[test]
    fn units_written_out() {
        use DurationUnit::Seconds as S;
        assert_eq!(dur("1h 30m", S), 5_400 * SECOND);
        assert_eq!(dur("1h30m", S), 5_400 * SECOND);
        assert_eq!(dur("2d 4h", S), (2 * 86_400 + 4 * 3_600) * SECOND);
        assert_eq!(dur("90s", S), 90 * SECOND);
        assert_eq!(dur("45 min", S), 45 * 60 * SECOND);
        assert_eq!(dur("1.5 h", S), 5_400 * SECOND);
        assert_eq!(dur("2 hours 5 minutes", S), 7_500 * SECOND);
        assert_eq!(dur("2 Hours, 5 Minutes", S), 7_500 * SECOND);
        assert_eq!(dur("1 hour and 5 minutes", S), 3_900 * SECOND);
        assert_eq!(dur("3 days", S), 3 * 86_400 * SECOND);
        assert_eq!(dur("1 week", S), 7 * 86_400 * SECOND);
        assert_eq!(dur("250ms", S), 250_000_000);
        assert_eq!(dur("1H 30M 15S", S), 5_415 * SECOND);
    }

    #[test]
    fn clock_forms() {
        use DurationUnit::Seconds as S;
        assert_eq!(dur("01:30:00", S), 5_400 * SECOND);
        assert_eq!(dur("1:30", S), 5_400 * SECOND);
        assert_eq!(dur("36:00:00", S), 36 * 3_600 * SECOND);
        assert_eq!(dur("1:30:00.250", S), 5_400 * SECOND + 250_000_000);
        assert_eq!(dur("2 days 03:00:00", S), (2 * 86_400 + 3 * 3_600) * SECOND);
        assert_eq!(dur("2d 03:00", S), (2 * 86_400 + 3 * 3_600) * SECOND);
        assert_eq!(dur("1 day, 03:00:00", S), (86_400 + 3 * 3_600) * SECOND);
        assert_eq!(
            parse_duration("1:30:00,5", S, true).unwrap().nanos(),
            5_400 * SECOND + 500_000_000
        );
        assert!(dur_err("1:75", S, false).contains("minutes must be below 60"));
        assert!(dur_err("1:30:60", S, false).contains("seconds must be below 60"));
        for bad in [
            "1:5",
            "1:30:5",
            "1h 01:00",
            "1.5:00",
            "1:30:00:00",
            "01:30 x",
        ] {
            assert!(parse_duration(bad, S, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn two_parts_read_as_minutes_and_seconds_only_when_asked() {
        use ClockUnit::{HoursMinutes as HM, MinutesSeconds as MS};
        let read = |text: &str, clock| {
            parse_duration_in(text, DurationUnit::Minutes, false, clock)
                .map(|span| span.nanos() / SECOND)
                .map_err(|e| e.to_string())
        };
        // As always: h:mm.
        assert_eq!(read("12:30", HM), Ok(45_000));
        assert_eq!(read("1:30", HM), Ok(5_400));
        assert_eq!(
            parse_duration("12:30", DurationUnit::Seconds, false).map(|span| span.nanos() / SECOND),
            Ok(45_000)
        );
        // As mm:ss; minutes may exceed 60, as hours may exceed 24.
        assert_eq!(read("12:30", MS), Ok(750));
        assert_eq!(read("1:30", MS), Ok(90));
        assert_eq!(read("00:05", MS), Ok(5));
        assert_eq!(read("125:00", MS), Ok(7_500));
        // Three parts, and a clock after days, are h:mm:ss and h:mm in both.
        for text in ["0:12:30", "1:30:00.250", "2d 03:00", "1 day, 03:00:00"] {
            assert_eq!(read(text, MS), read(text, HM), "{text}");
        }
        assert_eq!(read("0:12:30", MS), Ok(750));
        assert_eq!(read("2d 03:00", MS), Ok(2 * 86_400 + 3 * 3_600));
        // `b` of 60 or more reads in neither: refused as today, naming what it would be.
        assert_eq!(
            read("1:75", HM),
            Err("`1:75` is not a duration: minutes must be below 60, not 75".into())
        );
        assert_eq!(
            read("1:75", MS),
            Err("`1:75` is not a duration: seconds must be below 60, not 75".into())
        );
        for bad in ["1:5", "12:30.5", "12:30 x", "1.5:00", ":30", "12:"] {
            assert!(read(bad, MS).is_err(), "{bad}");
        }
        assert_eq!(ClockUnit::from_id("h:mm"), Some(HM));
        assert_eq!(ClockUnit::from_id("mm:ss"), Some(MS));
        assert_eq!(ClockUnit::from_id("m:s"), None);
    }

    fn clock_reading(values: &[&str], header: &str) -> Option<ClockReading> {
        let mut evidence = ClockEvidence::default();
        for text in values {
            evidence.note(text.trim());
        }
        evidence.reading(header)
    }

    #[test]
    fn a_duration_column_reads_a_b_as_its_header_says_else_h_mm_and_asks() {
        use ClockBasis::*;
        use ClockUnit::{HoursMinutes as HM, MinutesSeconds as MS};
        type Case<'a> = (&'a [&'a str], &'a str, Option<(ClockUnit, ClockBasis)>);
        let cases: &[Case] = &[
            // Nothing written `a:b`: nothing to read two ways.
            (&["90", "1h 30m", "01:30:00", "PT5M"], "duration", None),
            (&["2d 03:00", "0:12:30"], "duration", None),
            (&[], "duration", None),
            // `b` of 60 or more reads in neither unit: it decides nothing.
            (&["1:75", "0:60"], "duration", None),
            // `a:b` and nothing decides: h:mm, as before, but ambiguous.
            (&["12:30", "90"], "duration", Some((HM, Ambiguous))),
            (&["1:75", "0:45"], "duration", Some((HM, Ambiguous))),
            (&["12:30"], "Duration (minutes)", Some((HM, Ambiguous))),
            (&["12:30"], "Duration (hh:mm:ss)", Some((HM, Ambiguous))),
            // The header decides.
            (&["12:30"], "duration (mm:ss)", Some((MS, Header))),
            (&["12:30"], "Dauer min:sec", Some((MS, Header))),
            (&["12:30"], "seconds_to_resolve", Some((MS, Header))),
            (&["12:30"], "time_sec", Some((MS, Header))),
            (&["12:30"], "Dauer in Sekunden", Some((MS, Header))),
            (&["12:30"], "duration (h:mm)", Some((HM, Header))),
            (&["12:30"], "Downtime hh:mm", Some((HM, Header))),
            (&["12:30"], "duration_hours", Some((HM, Header))),
            (&["12:30"], "Dauer (Stunden)", Some((HM, Header))),
        ];
        for (values, header, expected) in cases {
            assert_eq!(
                clock_reading(values, header).map(|r| (r.unit, r.basis)),
                *expected,
                "{values:?} under `{header}`"
            );
        }
        let ambiguous = clock_reading(&["12:30"], "downtime").unwrap();
        assert!(ambiguous.is_ambiguous());
        assert_eq!(
            ambiguous.to_string(),
            "`a:b` durations read as h:mm (1:30 = 1 hour 30 minutes): nothing in the column says otherwise"
        );
        let header = clock_reading(&["12:30"], "seconds").unwrap();
        assert!(!header.is_ambiguous());
        assert_eq!(
            header.to_string(),
            "`a:b` durations read as mm:ss (1:30 = 1 minute 30 seconds): the column's header says so"
        );
    }

    #[test]
    fn several_duration_columns_show_the_one_to_ask_about() {
        let header = ClockReading {
            unit: ClockUnit::MinutesSeconds,
            basis: ClockBasis::Header,
        };
        let ambiguous = ClockReading {
            unit: ClockUnit::HoursMinutes,
            basis: ClockBasis::Ambiguous,
        };
        assert_eq!(ClockReading::of_columns([None, None]), None);
        assert_eq!(ClockReading::of_columns([None, Some(header)]), Some(header));
        assert_eq!(
            ClockReading::of_columns([Some(header), Some(ambiguous)]),
            Some(ambiguous)
        );
    }

    #[test]
    fn iso_8601_durations() {
        use DurationUnit::Seconds as S;
        assert_eq!(dur("PT1H30M", S), 5_400 * SECOND);
        assert_eq!(dur("P1DT2H", S), 26 * 3_600 * SECOND);
        assert_eq!(dur("PT90S", S), 90 * SECOND);
        assert_eq!(dur("pt0.5s", S), 500_000_000);
        assert_eq!(dur("PT0,5S", S), 500_000_000);
        assert_eq!(dur("P2W", S), 14 * 86_400 * SECOND);
        assert_eq!(dur("P1D", S), 86_400 * SECOND);
        for bad in ["P", "PT", "P1H", "PT1D", "P1DT", "PT1H1H", "PT1", "P-1D"] {
            assert!(parse_duration(bad, S, false).is_err(), "{bad}");
        }
        assert!(dur_err("P1M", S, false).contains("no fixed length"));
        assert!(dur_err("P1Y", S, false).contains("no fixed length"));
    }

    #[test]
    fn duration_errors_say_what_to_write() {
        use DurationUnit::*;
        assert_eq!(
            dur_err("abc", Minutes, false),
            "`abc` is not a duration: write 1h 30m, 90 (minutes) or 01:30:00"
        );
        assert_eq!(dur_err("", Minutes, false), "empty");
        assert!(dur_err("-5", Minutes, false).contains("negative"));
        assert!(dur_err("1h 1h", Minutes, false).contains("hours are given twice"));
        assert!(dur_err("3 months", Minutes, false).contains("no fixed length"));
        assert_eq!(
            dur_err("5 parsecs", Minutes, false),
            "`5 parsecs` is not a duration: unknown unit `parsecs`; use d, h, m, s or ms"
        );
        assert!(dur_err("0.0000000001", Seconds, false).contains("finer than a nanosecond"));
        assert!(dur_err("1.0000000001 s", Hours, false).contains("finer than a nanosecond"));
        assert!(dur_err("99999999999999999999h", Minutes, false).contains("too long"));
        assert!(dur_err("300 years", Minutes, false).contains("no fixed length"));
        assert!(dur_err("110000 days", Minutes, false).contains("too long"));
        assert!(dur_err("1,5", Hours, false).contains("decimal point"));
        assert!(dur_err("1.5", Hours, true).contains("decimal separator"));
        for bad in ["1h 30", "1h,", "1h and", "h", "1 h -30m", "1..5"] {
            assert!(parse_duration(bad, Minutes, false).is_err(), "{bad}");
        }
    }

    // --- percentages, impact, yes/no

    fn ppb(text: &str, comma: bool) -> u64 {
        parse_percent(text, comma)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .ppb()
    }

    #[test]
    fn percentages_are_read_as_percent() {
        assert_eq!(ppb("99,5 %", true), 995_000_000);
        assert_eq!(ppb("99.5%", false), 995_000_000);
        assert_eq!(ppb("100", false), 1_000_000_000);
        assert_eq!(ppb("100.000", false), 1_000_000_000);
        assert_eq!(ppb("50 %", false), 500_000_000);
        assert_eq!(ppb("0.5", false), 5_000_000);
        assert_eq!(ppb("99.9999999", false), 999_999_999);
        assert_eq!(ppb("0", false), 0);
        assert_eq!(parse_percent("100%", false), Ok(Percent::HUNDRED));
    }

    #[test]
    fn percentages_refused() {
        let err = |text: &str, comma| parse_percent(text, comma).unwrap_err().to_string();
        assert_eq!(
            err("100.5", false),
            "`100.5` is not a percentage: a percentage is at most 100"
        );
        assert!(err("-1", false).contains("negative"));
        assert!(err("99.99999999", false).contains("7 decimals"));
        assert!(err("99,5", false).contains("decimal point"));
        assert!(err("abc", false).contains("0 to 100"));
        assert!(err("99 %%", false).contains("0 to 100"));
        assert!(err("1e2", false).contains("0 to 100"));
        assert_eq!(err("", false), "empty");
        assert!(err("123456789012345678901234567890", false).contains("at most 100"));
    }

    #[test]
    fn impact_words_and_percentages() {
        let imp = |text: &str| parse_impact(text, false).unwrap_or_else(|e| panic!("{e}"));
        let full = Impact {
            level: Percent::HUNDRED,
            planned: false,
        };
        let half = Impact {
            level: Percent::from_ppb(500_000_000).unwrap(),
            planned: false,
        };
        assert_eq!(imp("Major Outage"), full);
        assert_eq!(imp("major_outage"), full);
        assert_eq!(imp("MAJOR-OUTAGE"), full);
        assert_eq!(imp("down"), full);
        assert_eq!(imp("critical"), full);
        assert_eq!(imp("partial_outage"), half);
        assert_eq!(imp("Degraded Performance"), half);
        assert_eq!(imp("degraded  performance"), half);
        assert_eq!(imp("minor"), half);
        assert_eq!(
            imp("operational"),
            Impact {
                level: Percent::ZERO,
                planned: false
            }
        );
        assert_eq!(
            imp("no impact"),
            Impact {
                level: Percent::ZERO,
                planned: false
            }
        );
        assert_eq!(
            imp("under_maintenance"),
            Impact {
                level: Percent::HUNDRED,
                planned: true
            }
        );
        assert_eq!(
            imp("Scheduled"),
            Impact {
                level: Percent::HUNDRED,
                planned: true
            }
        );
        assert_eq!(
            imp("75 %"),
            Impact {
                level: Percent::from_ppb(750_000_000).unwrap(),
                planned: false
            }
        );
        assert_eq!(parse_impact("75,5", true).unwrap().level.ppb(), 755_000_000);
        assert!(parse_impact("majorish", false)
            .unwrap_err()
            .to_string()
            .starts_with("`majorish` is not an impact: write a percentage"));
        assert!(parse_impact("150", false)
            .unwrap_err()
            .to_string()
            .contains("at most 100"));
        assert!(parse_impact("major outage outage", false).is_err());
        assert!(parse_impact("", false).is_err());
    }

    #[test]
    fn impact_table_levels_are_valid() {
        for &(word, percent, _) in IMPACT_WORDS {
            assert!(percent <= 100, "{word}");
            assert!(parse_impact(word, false).is_ok(), "{word}");
            assert_eq!(word.trim(), word);
            // The import makes every level up to 1 % a factor once a column
            // decides it holds factors (`Rows::read_impacts`): no word may
            // mean a level in (0 %, 1 %].
            assert!(percent == 0 || percent > 1, "{word}");
            assert_eq!(
                parse_impact_in(word, false, ImpactUnit::Factor),
                parse_impact(word, false)
            );
        }
    }

    #[test]
    fn a_factor_is_a_share_of_the_whole_service() {
        let ppb = |text: &str, comma| {
            parse_impact_in(text, comma, ImpactUnit::Factor)
                .map(|i| i.level.ppb())
                .map_err(|e| e.0)
        };
        assert_eq!(ppb("1", false), Ok(1_000_000_000));
        assert_eq!(ppb("0", false), Ok(0));
        assert_eq!(ppb("0,5", true), Ok(500_000_000));
        assert_eq!(ppb(" .25 ", false), Ok(250_000_000));
        assert_eq!(ppb("0.123456789", false), Ok(123_456_789));
        // A `%` sign is percent whatever the column's unit.
        assert_eq!(ppb("50 %", false), Ok(500_000_000));
        assert_eq!(ppb("0.5%", false), Ok(5_000_000));
        assert_eq!(
            ppb("50", false),
            Err("`50` is not an impact: this column's impacts are read as a factor, which is at most 1 (1 = the whole service); choose percent if it holds percentages".into())
        );
        assert_eq!(
            ppb("1.5", false),
            Err("`1.5` is not an impact: this column's impacts are read as a factor, which is at most 1 (1 = the whole service); choose percent if it holds percentages".into())
        );
        assert_eq!(
            ppb("0.1234567891", false),
            Err(
                "`0.1234567891` is not an impact: at most 9 decimals are supported (0.999999999)"
                    .into()
            )
        );
        assert_eq!(
            ppb("-0.5", false),
            Err("`-0.5` is not an impact: an impact cannot be negative".into())
        );
        assert_eq!(
            ppb("half", true),
            Err("`half` is not an impact: write a factor from 0 to 1 (e.g. 0,5), a percentage (50 %) or a word such as major outage, partial outage, degraded, none or maintenance".into())
        );
        assert_eq!(
            ppb("0.5", true),
            Err("`0.5` is not an impact: this import reads `,` as the decimal separator; write e.g. 1,5".into())
        );
        // As percent nothing changed: `0.5` is 0.5 %.
        assert_eq!(
            parse_impact("0.5", false).map(|i| i.level.ppb()),
            Ok(5_000_000)
        );
        assert_eq!(ImpactUnit::from_id("factor"), Some(ImpactUnit::Factor));
        assert_eq!(ImpactUnit::from_id("percent"), Some(ImpactUnit::Percent));
        assert_eq!(ImpactUnit::from_id("%"), None);
    }

    /// The column's unit from its values (each read as percent, as the import
    /// reads them until the column decides) and its header.
    fn reading(values: &[&str], header: &str) -> ImpactReading {
        let mut evidence = ImpactEvidence::default();
        for text in values {
            let impact = parse_impact(text, true).unwrap_or_else(|e| panic!("{e}"));
            evidence.note(text.trim(), impact);
        }
        evidence.reading(header)
    }

    #[test]
    fn an_impact_column_is_percent_or_a_factor_by_all_its_values_and_header() {
        use ImpactBasis::*;
        use ImpactUnit::{Factor, Percent};
        let cases: &[(&[&str], &str, ImpactUnit, ImpactBasis)] = &[
            // Every file read as percent before still is.
            (&["50", "100", "25"], "impact", Percent, AboveOne),
            (&["100%", "50 %", "0,5 %"], "impact", Percent, PercentSign),
            (&["1", "0,5", "100 %"], "impact", Percent, PercentSign),
            (&["0,5", "1", "2"], "impact", Percent, AboveOne),
            (&["0,5", "75"], "factor", Percent, AboveOne),
            (
                &["major outage", "partial", "none"],
                "impact",
                Percent,
                Undecided,
            ),
            (&["0", "0", "none"], "impact", Percent, Undecided),
            (&[], "impact", Percent, Undecided),
            // Only 0 and 1: the header decides, else percent but ambiguous.
            (&["1", "0", "1"], "impact", Percent, Ambiguous),
            (&["1"], "Auswirkung", Percent, Ambiguous),
            (&["1", "0"], "impact factor", Factor, Header),
            (&["1", "0"], "Impact (fraction)", Factor, Header),
            (&["1", "1"], "impact_faktor", Factor, Header),
            (&["1", "0"], "impact %", Percent, Header),
            (&["1", "0"], "Impact percent", Percent, Header),
            (&["1"], "impact_pct", Percent, Header),
            // Fractions up to 1: a factor, unless the header says percent.
            (&["1", "0,5"], "impact", Factor, Fractions),
            (&["0,25", "0,5", "0"], "Auswirkung", Factor, Fractions),
            (&["0,5", "major outage"], "impact", Factor, Fractions),
            (&["0,5", "1"], "impact %", Percent, Header),
            (&["0,5", "1"], "impact factor", Factor, Header),
        ];
        for (values, header, unit, basis) in cases {
            assert_eq!(
                reading(values, header),
                ImpactReading {
                    unit: *unit,
                    basis: *basis
                },
                "{values:?} under `{header}`"
            );
        }
        assert!(reading(&["1", "0"], "impact").is_ambiguous());
        assert!(!reading(&["1", "0,5"], "impact").is_ambiguous());
        assert_eq!(
            reading(&["1", "0"], "impact").to_string(),
            "impact read as percent (50 = half the service): the values are only 0 and 1, which may also be a factor (1 = the whole service); choose the unit to be sure"
        );
    }

    #[test]
    fn header_words_name_an_impact_unit() {
        for (header, unit) in [
            ("impact", None),
            ("Auswirkung", None),
            ("status", None),
            ("impact %", Some(ImpactUnit::Percent)),
            ("Impact (%)", Some(ImpactUnit::Percent)),
            ("impact_percent", Some(ImpactUnit::Percent)),
            ("Percentage impacted", Some(ImpactUnit::Percent)),
            ("Auswirkung in Prozent", Some(ImpactUnit::Percent)),
            ("impact pct", Some(ImpactUnit::Percent)),
            ("impact factor", Some(ImpactUnit::Factor)),
            ("Impact-Faktor", Some(ImpactUnit::Factor)),
            ("fraction_down", Some(ImpactUnit::Factor)),
        ] {
            assert_eq!(impact_unit_of_header(header), unit, "{header}");
        }
    }

    #[test]
    fn yes_and_no() {
        for yes in [
            "yes",
            "Y",
            "TRUE",
            "t",
            "1",
            "x",
            "X",
            "planned",
            "Scheduled",
            "maintenance",
            "ja",
            "Oui",
        ] {
            assert_eq!(parse_bool(yes), Ok(true), "{yes}");
        }
        for no in ["no", "N", "false", "F", "0", "unplanned", "", "  "] {
            assert_eq!(parse_bool(no), Ok(false), "{no}");
        }
        assert_eq!(
            parse_bool("maybe").unwrap_err().to_string(),
            "`maybe` is not yes or no: write yes or no (or true/false, 1/0, x)"
        );
    }

    // --- decimal separator

    #[test]
    fn decimal_comma_detection() {
        assert_eq!(detect_decimal_comma(&["1,5"]), Some(true));
        assert_eq!(detect_decimal_comma(&["99,95 %", "100"]), Some(true));
        assert_eq!(detect_decimal_comma(&["1,2345"]), Some(true));
        assert_eq!(detect_decimal_comma(&["1.234,5"]), Some(true));
        assert_eq!(detect_decimal_comma(&["1.5"]), Some(false));
        assert_eq!(detect_decimal_comma(&["99.95%", "100"]), Some(false));
        assert_eq!(detect_decimal_comma(&["1,234.5"]), Some(false));
        assert_eq!(detect_decimal_comma(&["1:30:00.5"]), Some(false));
        assert_eq!(detect_decimal_comma(&["1.500"]), None);
        assert_eq!(detect_decimal_comma(&["1,500"]), None);
        assert_eq!(detect_decimal_comma(&["05.03.2026", "1.234.567"]), None);
        assert_eq!(detect_decimal_comma(&["100", "abc", ""]), None);
        assert_eq!(detect_decimal_comma(&[]), None);
        assert_eq!(detect_decimal_comma(&["1,5", "2,5", "3.5"]), Some(true));
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "é".repeat(100);
        let message = parse_bool(&long).unwrap_err().to_string();
        assert!(message.starts_with(&format!("`{}…` is not yes or no", "é".repeat(40))));
    }

    // --- properties

    fn parse_everything(text: &str) {
        for format in TimestampFormat::ALL {
            let _ = parse_timestamp(text, format);
        }
        for unit in DurationUnit::ALL {
            for comma in [false, true] {
                let _ = parse_duration(text, unit, comma);
            }
        }
        for comma in [false, true] {
            let _ = parse_percent(text, comma);
            let _ = parse_impact(text, comma);
        }
        let _ = parse_bool(text);
        let _ = detect_timestamp(&[text, text]);
        let _ = detect_decimal_comma(&[text]);
    }

    fn date_times() -> impl Strategy<Value = NaiveDateTime> {
        (
            1971i32..2099,
            1u32..=12,
            1u32..=31,
            0u32..24,
            0u32..60,
            0u32..60,
        )
            .prop_filter_map("a real date", |(y, mo, d, h, mi, s)| {
                NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(h, mi, s)
            })
    }

    /// Each format's typical text for `at`, and what it should parse to.
    fn typical(at: NaiveDateTime) -> Vec<(TimestampFormat, String, Stamp)> {
        use chrono::{Datelike, Timelike};
        let (y, mo, d) = (at.year(), at.month(), at.day());
        let (h, mi, s) = (at.hour(), at.minute(), at.second());
        let h12 = match h {
            0 => 12,
            1..=12 => h,
            _ => h - 12,
        };
        let ampm = if h < 12 { "AM" } else { "PM" };
        let month = MONTHS[mo as usize - 1];
        let mon = &month[..3];
        let unix = at.and_utc().timestamp();
        let days = unix.div_euclid(86_400) + 25_569;
        let seconds = unix.rem_euclid(86_400);
        // Ten decimals, as Excel writes them (rounded).
        let frac = (seconds * 20_000_000_000 + 86_400) / 172_800;
        let whole = Stamp::Local(at);
        let minute = Stamp::Local(at.with_second(0).unwrap());
        let mut cases = vec![
            (
                TimestampFormat::Iso,
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
                whole,
            ),
            (
                TimestampFormat::Iso,
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}"),
                minute,
            ),
            (
                TimestampFormat::Iso,
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
                Stamp::Instant(unix * SECOND),
            ),
            (
                TimestampFormat::Iso,
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+02:00"),
                Stamp::Instant((unix - 7_200) * SECOND),
            ),
            (
                DMY,
                format!("{d:02}.{mo:02}.{y} {h:02}:{mi:02}:{s:02}"),
                whole,
            ),
            (DMY, format!("{d}/{mo}/{y} {h}:{mi:02}"), minute),
            (
                MDY,
                format!("{mo}/{d}/{y} {h12}:{mi:02}:{s:02} {ampm}"),
                whole,
            ),
            (MDY, format!("{mo:02}-{d:02}-{y} {h:02}:{mi:02}"), minute),
            (
                TimestampFormat::MonthName,
                format!("{d:02}-{mon}-{y} {h:02}:{mi:02}:{s:02}"),
                whole,
            ),
            (
                TimestampFormat::MonthName,
                format!("{month} {d}, {y} {h12}:{mi:02} {ampm}"),
                minute,
            ),
            (
                TimestampFormat::UnixSeconds,
                unix.to_string(),
                Stamp::Instant(unix * SECOND),
            ),
            (
                TimestampFormat::UnixMillis,
                (unix * 1_000).to_string(),
                Stamp::Instant(unix * SECOND),
            ),
            (
                TimestampFormat::ExcelSerial,
                format!("{days}.{frac:010}"),
                whole,
            ),
        ];
        if y >= 2000 {
            cases.push((
                TimestampFormat::MonthName,
                format!("{d:02}/{mon}/{:02} {h12}:{mi:02} {ampm}", y % 100),
                minute,
            ));
            cases.push((
                DMY,
                format!("{d:02}/{mo:02}/{:02} {h:02}:{mi:02}", y % 100),
                minute,
            ));
        }
        cases
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            parse_everything(&text);
        }

        #[test]
        fn value_like_text_never_panics(
            text in "[0-9a-zA-Z:./, +\\-%_TZ\u{a0}\u{202f}é]{0,40}"
        ) {
            parse_everything(&text);
        }

        #[test]
        fn detectors_never_panic(samples in proptest::collection::vec("[0-9:./, aApPmM\\-]{0,24}", 0..8)) {
            let samples: Vec<&str> = samples.iter().map(String::as_str).collect();
            if let Some(guess) = detect_timestamp(&samples) {
                prop_assert!(guess.matched <= guess.total);
                prop_assert!(guess.matched * 2 >= guess.total);
            }
            let _ = detect_decimal_comma(&samples);
        }

        #[test]
        fn typical_text_of_every_format_parses_back(at in date_times()) {
            for (format, text, expected) in typical(at) {
                let parsed = parse_timestamp(&text, format);
                prop_assert_eq!(parsed, Ok(expected), "{} as {}", text, format.id());
            }
        }

        #[test]
        fn typical_texts_are_detected(at in date_times()) {
            let unix = at.and_utc().timestamp();
            for (format, text, _) in typical(at) {
                let unix_format = matches!(format, TimestampFormat::UnixSeconds | TimestampFormat::UnixMillis);
                if unix_format && unix < 100_000_000 {
                    // Before March 1973 Unix seconds have 8 digits: too short to be told from other numbers.
                    continue;
                }
                let guess = detect_timestamp(&[&text]).unwrap();
                match format {
                    TimestampFormat::Numeric(_) => {
                        prop_assert!(matches!(guess.format, TimestampFormat::Numeric(_)), "{}", text);
                    }
                    _ => prop_assert_eq!(guess.format, format, "{}", text),
                }
            }
        }

        #[test]
        fn units_and_clocks_agree(h in 0i64..10_000, m in 0i64..60, s in 0i64..60) {
            let expected = Ok(TimeSpan::from_nanos((h * 3_600 + m * 60 + s) * SECOND).unwrap());
            for unit in DurationUnit::ALL {
                prop_assert_eq!(parse_duration(&format!("{h}h {m}m {s}s"), unit, false), expected.clone());
                prop_assert_eq!(parse_duration(&format!("{h:02}:{m:02}:{s:02}"), unit, true), expected.clone());
                prop_assert_eq!(parse_duration(&format!("PT{h}H{m}M{s}S"), unit, false), expected.clone());
                // Three parts are h:mm:ss whichever way two parts read.
                for clock in ClockUnit::ALL {
                    prop_assert_eq!(parse_duration_in(&format!("{h}:{m:02}:{s:02}"), unit, false, clock), expected.clone());
                }
            }
        }

        #[test]
        fn two_parts_as_minutes_and_seconds_are_a_sixtieth_of_hours_and_minutes(a in 0i64..100_000, b in 0i64..60) {
            let text = format!("{a}:{b:02}");
            let read = |clock| parse_duration_in(&text, DurationUnit::Minutes, false, clock).map(TimeSpan::nanos);
            prop_assert_eq!(read(ClockUnit::MinutesSeconds), Ok((a * 60 + b) * SECOND));
            prop_assert_eq!(read(ClockUnit::HoursMinutes), Ok((a * 60 + b) * 60 * SECOND));
            let mut evidence = ClockEvidence::default();
            evidence.note(&text);
            prop_assert!(evidence.two_part);
        }

        #[test]
        fn percentages_with_up_to_seven_decimals_are_exact(ppb in 0u64..=1_000_000_000) {
            let text = format!("{}.{:07}", ppb / 10_000_000, ppb % 10_000_000);
            prop_assert_eq!(parse_percent(&text, false).map(Percent::ppb), Ok(ppb));
            let text = format!("{} %", text.replace('.', ","));
            prop_assert_eq!(parse_percent(&text, true).map(Percent::ppb), Ok(ppb));
        }
    }
}
