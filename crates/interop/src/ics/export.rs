//! A calendar's holidays and exclusions → an `.ics` file that calendar
//! programs open: holidays as all-day events, exclusions (maintenance
//! windows) as timed events in UTC, so that no VTIMEZONE is needed and
//! every program reads the same instants.

use chrono::Days;
use sla_engine::model::load::compile_calendar;
use sla_engine::model::CalendarDef;
use sla_engine::time::iso;
use sla_engine::time::UnixNanos;

use super::lexer::{escape_text, fold};
use super::IcsError;

/// Writes the holidays and exclusions of `calendar` as iCalendar (CRLF
/// line ends, folded at 75 octets). `stamp` is the DTSTAMP of every event
/// (RFC 5545 requires one; the caller passes "now", the crate reads no
/// clock). Event UIDs are derived from the calendar id and the date or
/// window, so a second export of the same calendar updates, not duplicates,
/// the events in a calendar program.
///
/// # Errors
/// [`IcsError::Calendar`] when the definition is invalid (an unknown zone,
/// a holiday that is not a date…), with the engine's messages.
///
/// # Example
/// ```
/// use sla_engine::model::CalendarDef;
///
/// let calendar = CalendarDef {
///     id: "office".into(),
///     name: "Office hours".into(),
///     time_zone: "UTC".into(),
///     hours: "Mon-Fri 08:00-18:00".into(),
///     holidays: vec!["2026-12-25".into()],
///     exclusions: vec![],
/// };
/// let ics = sla_interop::ics::export(&calendar, 0).unwrap();
/// assert!(ics.contains("DTSTART;VALUE=DATE:20261225\r\n"));
/// ```
pub fn export(calendar: &CalendarDef, stamp: UnixNanos) -> Result<String, IcsError> {
    let compiled = compile_calendar(calendar).map_err(|errors| {
        IcsError::Calendar(
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let utc = iso::basic_utc_text;
    let uid_base = calendar
        .id
        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-");
    let mut out = String::new();
    let mut line = |text: String| out.push_str(&fold(&text));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//SLA calculator//sla-interop//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    let name = if calendar.name.is_empty() {
        &calendar.id
    } else {
        &calendar.name
    };
    line(format!("X-WR-CALNAME:{}", escape_text(name)));
    line(format!("X-WR-TIMEZONE:{}", calendar.time_zone.trim()));
    let stamp = utc(stamp);
    for date in &compiled.holidays {
        let Some(next) = date.checked_add_days(Days::new(1)) else {
            continue;
        };
        line("BEGIN:VEVENT".into());
        line(format!(
            "UID:{uid_base}-holiday-{}@sla-calculator",
            iso::basic_date_text(*date)
        ));
        line(format!("DTSTAMP:{stamp}"));
        line(format!(
            "DTSTART;VALUE=DATE:{}",
            iso::basic_date_text(*date)
        ));
        line(format!("DTEND;VALUE=DATE:{}", iso::basic_date_text(next)));
        line("SUMMARY:No service (holiday)".into());
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    for (interval, window) in compiled.exclusions.iter().zip(&calendar.exclusions) {
        line("BEGIN:VEVENT".into());
        line(format!(
            "UID:{uid_base}-exclusion-{}-{}@sla-calculator",
            utc(interval.start()),
            utc(interval.end())
        ));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART:{}", utc(interval.start())));
        line(format!("DTEND:{}", utc(interval.end())));
        // No SUMMARY for a window without a reason, so that it comes back without one.
        if !window.reason.is_empty() {
            line(format!("SUMMARY:{}", escape_text(&window.reason)));
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    Ok(out)
}
