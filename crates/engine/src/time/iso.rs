//! Dates and times as files write them, read by hand: ISO 8601 dates, local
//! date-times, RFC 3339 instants and iCalendar's basic form.
//!
//! chrono's `parse_from_str` reads these too, but its general format
//! interpreter costs every page about 25 KB of wasm; these readers are a few
//! hundred bytes. The tests below read the same texts with chrono and check
//! that every text read here means what chrono makes of it.
//!
//! The rules, stricter than chrono's in places (a stricter reading refuses
//! where chrono guessed; it never gives another value):
//! - a year has four digits, optionally after `+`;
//! - in a date, the month and day have one or two digits (`2026-2-3`);
//! - in a local date-time, the hour, minute and second have one or two
//!   digits, the date and the time are joined by `T` or spaces, and a
//!   fraction of a second has at least one digit (digits after the ninth are
//!   dropped, as chrono does);
//! - RFC 3339 is as its grammar says: an unsigned year, two-digit fields, `T`, `t` or a space
//!   between date and time, and an offset `Z`, `z` or `±hh:mm` below 24 hours;
//! - a second of 60 (a leap second) is refused: the engine's time line has
//!   none.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A cursor over the bytes of one text.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader {
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Takes `byte` if it is next.
    fn take(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// A number of `min..=max` digits (no more digits after it).
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.at;
        let mut value = 0u32;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            if self.at - start == max {
                return None;
            }
            value = value * 10 + u32::from(digit - b'0');
            self.at += 1;
        }
        (self.at - start >= min).then_some(value)
    }

    /// `.digits`, if next, as nanoseconds (digits after the ninth dropped);
    /// `None` for a dot without digits.
    fn fraction(&mut self) -> Option<u32> {
        if !self.take(b'.') {
            return Some(0);
        }
        let start = self.at;
        let mut nanos = 0u32;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            if self.at - start < 9 {
                nanos = nanos * 10 + u32::from(digit - b'0');
            }
            self.at += 1;
        }
        let digits = self.at - start;
        if digits == 0 {
            return None;
        }
        Some(nanos * 10u32.pow(9usize.saturating_sub(digits) as u32))
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// `YYYY-M-D`: four-digit year (optionally after `+`), then month and day
    /// of `min..=2` digits.
    fn date(&mut self, min: usize) -> Option<NaiveDate> {
        self.take(b'+');
        let year = self.number(4, 4)?;
        if !self.take(b'-') {
            return None;
        }
        let month = self.number(min, 2)?;
        if !self.take(b'-') {
            return None;
        }
        let day = self.number(min, 2)?;
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    }

    /// `H:M[:S[.f]]` with fields of `min..=2` digits; seconds required when
    /// `seconds`.
    fn time(&mut self, min: usize, seconds: bool) -> Option<NaiveTime> {
        let hour = self.number(min, 2)?;
        if !self.take(b':') {
            return None;
        }
        let minute = self.number(min, 2)?;
        let (second, nanos) = if self.take(b':') {
            (self.number(min, 2)?, self.fraction()?)
        } else if seconds {
            return None;
        } else {
            (0, 0)
        };
        if second > 59 {
            return None;
        }
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }
}

/// `2026-02-03` (also `2026-2-3`).
pub fn date(text: &str) -> Option<NaiveDate> {
    let mut reader = Reader::new(text);
    let date = reader.date(1)?;
    reader.done().then_some(date)
}

/// A local date and time without offset: `2026-02-03T10:00`,
/// `2026-02-03 10:00:00`, `2026-02-03T10:00:00.250`.
pub fn local(text: &str) -> Option<NaiveDateTime> {
    let mut reader = Reader::new(text);
    let date = reader.date(1)?;
    if !reader.take(b'T') {
        if !reader.take(b' ') {
            return None;
        }
        while reader.take(b' ') {}
    }
    let time = reader.time(1, false)?;
    reader.done().then(|| date.and_time(time))
}

/// An RFC 3339 instant, `2026-02-03T10:00:00Z` or
/// `2026-02-03T11:00:00.5+01:00`, as the UTC date and time it names.
pub fn rfc3339(text: &str) -> Option<NaiveDateTime> {
    if text.starts_with('+') {
        return None;
    }
    let mut reader = Reader::new(text);
    let date = reader.date(2)?;
    if !(reader.take(b'T') || reader.take(b't') || reader.take(b' ')) {
        return None;
    }
    let time = reader.time(2, true)?;
    let offset_seconds = if reader.take(b'Z') || reader.take(b'z') {
        0
    } else {
        let sign = if reader.take(b'+') {
            1
        } else if reader.take(b'-') {
            -1
        } else {
            return None;
        };
        let hours = reader.number(2, 2)?;
        if !reader.take(b':') {
            return None;
        }
        let minutes = reader.number(2, 2)?;
        if hours > 23 || minutes > 59 {
            return None;
        }
        sign * i64::from(hours * 3_600 + minutes * 60)
    };
    if !reader.done() {
        return None;
    }
    date.and_time(time)
        .checked_sub_signed(chrono::TimeDelta::seconds(offset_seconds))
}

/// iCalendar's basic date, `20260203`.
pub fn basic_date(text: &str) -> Option<NaiveDate> {
    let mut reader = Reader::new(text);
    let date = reader.basic_date()?;
    reader.done().then_some(date)
}

/// iCalendar's basic local date and time, `20260203T100000`.
pub fn basic_date_time(text: &str) -> Option<NaiveDateTime> {
    let mut reader = Reader::new(text);
    let date = reader.basic_date()?;
    if !reader.take(b'T') {
        return None;
    }
    let (hour, minute, second) = (reader.fixed(2)?, reader.fixed(2)?, reader.fixed(2)?);
    if second > 59 || !reader.done() {
        return None;
    }
    Some(date.and_time(NaiveTime::from_hms_opt(hour, minute, second)?))
}

impl Reader<'_> {
    /// Exactly `n` digits, whatever follows.
    fn fixed(&mut self, n: usize) -> Option<u32> {
        let mut value = 0;
        for _ in 0..n {
            match self.peek() {
                Some(digit @ b'0'..=b'9') => value = value * 10 + u32::from(digit - b'0'),
                _ => return None,
            }
            self.at += 1;
        }
        Some(value)
    }

    /// `YYYYMMDD`: exactly eight digits.
    fn basic_date(&mut self) -> Option<NaiveDate> {
        let (year, month, day) = (self.fixed(4)?, self.fixed(2)?, self.fixed(2)?);
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    }
}

/// `2026-02-03`.
pub fn date_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `2026-02-03 10:00`, or with `seconds` `2026-02-03 10:00:05` (and its
/// fraction when there is one, `2026-02-03 10:00:05.250`).
pub fn local_text(local: NaiveDateTime, separator: char, seconds: bool) -> String {
    use chrono::Timelike;
    let mut text = format!(
        "{}{separator}{:02}:{:02}",
        date_text(local.date()),
        local.hour(),
        local.minute()
    );
    if seconds {
        text.push_str(&format!(
            ":{:02}{}",
            local.second(),
            fraction_text(local.nanosecond())
        ));
    }
    text
}

/// iCalendar's basic date, `20260203`.
pub fn basic_date_text(date: NaiveDate) -> String {
    date_text(date).replace('-', "")
}

/// iCalendar's basic UTC date-time, `20260203T100005Z` (a fraction dropped).
pub fn basic_utc_text(instant: crate::time::UnixNanos) -> String {
    format!("{}Z", utc_clock(instant, 'T').replace(['-', ':'], ""))
}

/// An instant's UTC date and time to the second (a fraction dropped):
/// `2026-02-03 10:00:05` with `' '`, `2026-02-03T10:00:05` with `'T'`.
pub fn utc_clock(instant: crate::time::UnixNanos, separator: char) -> String {
    use chrono::Timelike;
    let utc = chrono::DateTime::<chrono::Utc>::from_timestamp_nanos(instant).naive_utc();
    format!(
        "{}{separator}{:02}:{:02}:{:02}",
        date_text(utc.date()),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// A fraction of a second as `.250`, `.250500` or `.250500001` (the fewest of
/// 3, 6 or 9 digits that hold it exactly), or nothing for none.
pub fn fraction_text(nanos: u32) -> String {
    if nanos == 0 {
        String::new()
    } else if nanos % 1_000_000 == 0 {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use proptest::prelude::*;

    fn chrono_local(text: &str) -> Option<NaiveDateTime> {
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    }

    #[test]
    fn reads_the_forms_the_format_documents() {
        let at = |y, mo, d, h, mi, s, n| {
            NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|d| d.and_hms_nano_opt(h, mi, s, n))
                .expect("valid")
        };
        assert_eq!(date("2026-02-03"), NaiveDate::from_ymd_opt(2026, 2, 3));
        assert_eq!(date("2026-2-3"), NaiveDate::from_ymd_opt(2026, 2, 3));
        assert_eq!(date("2026-02-29"), None);
        assert_eq!(date("2026-02-03 "), None);
        assert_eq!(date("226-02-03"), None);
        assert_eq!(local("2026-02-03T10:00"), Some(at(2026, 2, 3, 10, 0, 0, 0)));
        assert_eq!(
            local("2026-02-03 10:00:05.25"),
            Some(at(2026, 2, 3, 10, 0, 5, 250_000_000))
        );
        assert_eq!(local("2026-02-03T10:00:60"), None);
        assert_eq!(local("2026-02-03T10:00:00."), None);
        assert_eq!(
            rfc3339("2026-02-03T11:00:00+01:00"),
            Some(at(2026, 2, 3, 10, 0, 0, 0))
        );
        assert_eq!(
            rfc3339("2026-02-03t10:00:00.123456789123z"),
            Some(at(2026, 2, 3, 10, 0, 0, 123_456_789))
        );
        assert_eq!(rfc3339("2026-02-03T10:00:00+0100"), None);
        assert_eq!(rfc3339("2026-02-03T10:00:00+24:00"), None);
        assert_eq!(rfc3339("2026-02-03T10:00Z"), None);
        assert_eq!(basic_date("20260203"), NaiveDate::from_ymd_opt(2026, 2, 3));
        assert_eq!(
            basic_date_time("20260203T100005"),
            Some(at(2026, 2, 3, 10, 0, 5, 0))
        );
        assert_eq!(basic_date_time("20260203T1000"), None);
        assert_eq!(
            local_text(at(2026, 2, 3, 9, 5, 7, 0), ' ', true),
            "2026-02-03 09:05:07"
        );
        assert_eq!(
            local_text(at(2026, 2, 3, 9, 5, 7, 0), 'T', false),
            "2026-02-03T09:05"
        );
        let with_fraction = at(2026, 2, 3, 9, 5, 7, 250_000_000);
        assert_eq!(
            local_text(with_fraction, 'T', true),
            "2026-02-03T09:05:07.250"
        );
        assert_eq!(
            local(&local_text(with_fraction, 'T', true)),
            Some(with_fraction)
        );
        for instant in [
            0,
            1_769_900_400_123_456_789,
            -1_000_000_001,
            i64::MAX,
            i64::MIN,
        ] {
            let utc = chrono::DateTime::<chrono::Utc>::from_timestamp_nanos(instant);
            assert_eq!(
                utc_clock(instant, ' '),
                utc.format("%Y-%m-%d %H:%M:%S").to_string()
            );
            assert_eq!(
                utc_clock(instant, 'T'),
                utc.format("%Y-%m-%dT%H:%M:%S").to_string()
            );
            if (0..i64::MAX).contains(&instant) {
                assert_eq!(
                    basic_utc_text(instant),
                    utc.format("%Y%m%dT%H%M%SZ").to_string()
                );
                let date = utc.date_naive();
                assert_eq!(basic_date_text(date), date.format("%Y%m%d").to_string());
                assert_eq!(date_text(date), date.format("%Y-%m-%d").to_string());
            }
        }
    }

    /// Pieces of a date-time text: right ones, and near misses.
    fn piece(digits: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::sample::select(digits).prop_map(str::to_owned)
    }

    fn text() -> impl Strategy<Value = (String, bool)> {
        (
            piece(&[
                "2026", "+2026", "226", "02026", "1970", "2000", "2261", "1678",
            ]),
            piece(&["-", "/", ""]),
            piece(&["02", "2", "12", "13", "0", "002"]),
            piece(&["-"]),
            piece(&["03", "3", "29", "31", "30", "00"]),
            piece(&["T", "t", " ", "  ", "_", ""]),
            piece(&["10", "1", "23", "24", "00", "100"]),
            piece(&[":", ""]),
            piece(&["00", "5", "59", "60"]),
            piece(&[
                "",
                ":00",
                ":5",
                ":59",
                ":60",
                ":00.5",
                ":00.123456789123",
                ":00.",
                ".5",
            ]),
            piece(&[
                "", "Z", "z", "+01:00", "-00:00", "+0100", "+01", "+23:59", "+24:00", " ",
            ]),
        )
            .prop_map(|parts| {
                let (a, b, c, d, e, f, g, h, i, j, k) = parts;
                // The documented forms join date and time with `T` or spaces.
                let joined = f == "T" || f.starts_with(' ');
                ([a, b, c, d, e, f, g, h, i, j, k].concat(), joined)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        /// What these readers read, chrono reads the same; what chrono reads
        /// in the documented forms, these read too.
        #[test]
        fn reads_what_chrono_reads((text, joined) in text()) {
            let theirs = DateTime::parse_from_rfc3339(&text).ok().map(|t| t.naive_utc());
            let ours = rfc3339(&text);
            if ours.is_some() {
                prop_assert_eq!(ours, theirs, "rfc3339 {}", text);
            }
            let leap = text.contains(":60");
            if theirs.is_some() && !leap {
                prop_assert_eq!(ours, theirs, "rfc3339 {}", text);
            }
            let theirs = chrono_local(&text);
            let ours = local(&text);
            if ours.is_some() {
                prop_assert_eq!(ours, theirs, "local {}", text);
            }
            let documented = joined && !leap && !text.starts_with("226");
            if theirs.is_some() && documented {
                prop_assert_eq!(ours, theirs, "local {}", text);
            }
        }

        #[test]
        fn dates_read_as_chrono_reads_them(
            year in piece(&["2026", "+2026", "226", "02026", "2000"]),
            month in piece(&["02", "2", "12", "13", "0", "002"]),
            day in piece(&["03", "3", "29", "31", "00"]),
            tail in piece(&["", " ", "x"]),
        ) {
            let text = format!("{year}-{month}-{day}{tail}");
            let theirs = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
            let ours = date(&text);
            if ours.is_some() {
                prop_assert_eq!(ours, theirs, "{}", text);
            }
            if theirs.is_some() && year != "226" {
                prop_assert_eq!(ours, theirs, "{}", text);
            }
            let basic = format!("{year}{month}{day}");
            let theirs = NaiveDate::parse_from_str(&basic, "%Y%m%d").ok();
            if let Some(ours) = basic_date(&basic) {
                prop_assert_eq!(Some(ours), theirs, "{}", basic);
            }
        }
    }
}
