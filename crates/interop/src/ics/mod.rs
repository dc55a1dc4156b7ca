//! iCalendar (`.ics`, RFC 5545): holidays and maintenance windows in and out.
//!
//! [`import()`] reads a calendar export (a public-holiday calendar, an
//! Outlook or Google maintenance series) and gives, for a range of dates:
//!
//! - **all-day events** (`DTSTART;VALUE=DATE`) as [`Holiday`]s: whole local
//!   days without service (a three-day event gives three days);
//! - **timed events** as maintenance windows ([`Window`]s of our model):
//!   `Z` times and times with a `TZID` become UTC instants (the zone is
//!   resolved through the engine's [`Zone`]: IANA names through its
//!   database or the browser, other names through the file's VTIMEZONE);
//!   floating times (no zone) stay local times, which the engine reads in
//!   the calendar's own zone.
//!
//! Recurring events are expanded over the range (see [`rrule`] for the
//! RRULE subset), with EXDATE, RDATE and RECURRENCE-ID overrides;
//! cancelled events and occurrences are left out. Whatever cannot be used
//! is an [`IcsNote`] with its line and property, and the rest of the file
//! is still used. [`export()`] writes a calendar's holidays and exclusions
//! back to an `.ics` file.

mod export;
mod lexer;
pub mod rrule;
mod tz;

use std::collections::HashMap;
use std::fmt;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};
use sla_engine::model::{CalendarDef, Timestamp, Window};
use sla_engine::time::calendar::Edge;
use sla_engine::time::iso;
use sla_engine::time::Zone;
use thiserror::Error;

pub use export::export;
use lexer::{lex, unescape_text, ContentLine, Lexed};
use rrule::{Rule, RuleError, UntilValue};
use tz::{parse_offset, FileZone, Observance};

/// Larger files are refused.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Default for [`IcsOptions::limit`].
pub const DEFAULT_LIMIT: usize = 10_000;
/// The longest range of dates expanded (in days, about a century).
pub const MAX_RANGE_DAYS: i64 = 36_600;

/// What to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IcsOptions {
    /// First day (inclusive) whose holidays and windows are wanted.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// At most this many occurrences of one recurring event are taken; the
    /// rest are left out with a note.
    pub limit: usize,
}

impl IcsOptions {
    /// `from..=to` with the default limit of 10,000 occurrences per event.
    pub fn new(from: NaiveDate, to: NaiveDate) -> IcsOptions {
        IcsOptions {
            from,
            to,
            limit: DEFAULT_LIMIT,
        }
    }

    /// The range from two dates as a form or a command line gives them
    /// (`2026-01-01`, `2026-12-31`), with the default limit.
    ///
    /// # Errors
    /// A text that is not a date (the message names it); the range itself
    /// is checked by [`import()`].
    ///
    /// # Example
    /// ```
    /// let range = sla_interop::ics::IcsOptions::parse("2026-01-01", "2026-12-31").unwrap();
    /// assert_eq!(range.to.to_string(), "2026-12-31");
    /// assert!(sla_interop::ics::IcsOptions::parse("2026-13-01", "2026-12-31").is_err());
    /// ```
    pub fn parse(from: &str, to: &str) -> Result<IcsOptions, String> {
        let date = |text: &str| {
            iso::date(text.trim())
                .ok_or_else(|| format!("`{}` is not a date such as 2026-01-31", text.trim()))
        };
        Ok(IcsOptions::new(date(from)?, date(to)?))
    }
}

/// A file that cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IcsError {
    #[error("the file is larger than {} MB", MAX_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("not an iCalendar file: there is no BEGIN:VCALENDAR")]
    NotICalendar,
    #[error("the range {from}..{to} is empty or longer than a century")]
    Range { from: NaiveDate, to: NaiveDate },
    /// Export: the calendar definition is not valid (the engine's message).
    #[error("the calendar cannot be exported: {0}")]
    Calendar(String),
}

/// What happened to the part a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IcsEffect {
    /// The whole event (or one occurrence of it) was not used.
    EventSkipped,
    /// A property or parameter was ignored; the event was used.
    PartIgnored,
    /// A line that is not a content line was skipped.
    LineSkipped,
    /// Only the first occurrences (up to the limit) were used.
    Limited,
    /// Used, read in a way worth knowing (a zone from the file's VTIMEZONE).
    Info,
}

impl IcsEffect {
    pub fn label(self) -> &'static str {
        match self {
            IcsEffect::EventSkipped => "event skipped",
            IcsEffect::PartIgnored => "ignored",
            IcsEffect::LineSkipped => "line skipped",
            IcsEffect::Limited => "limited",
            IcsEffect::Info => "note",
        }
    }
}

/// Something in the file that was not used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcsNote {
    /// The physical line, from 1 (the first line of a folded property).
    pub line: usize,
    /// `RRULE`, `DTSTART`, `BEGIN`…; `None` for a line that is not a property.
    pub property: Option<String>,
    /// The event's SUMMARY (or UID) when the note is about one.
    pub event: Option<String>,
    pub effect: IcsEffect,
    pub message: String,
}

impl fmt::Display for IcsNote {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(property) = &self.property {
            write!(f, ", {property}")?;
        }
        if let Some(event) = &self.event {
            write!(f, " (event `{event}`)")?;
        }
        write!(f, ": {}: {}", self.effect.label(), self.message)
    }
}

/// A whole local day without service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The event's SUMMARY.
    pub name: String,
}

/// What an `.ics` file gave for the range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IcsImport {
    /// `X-WR-CALNAME`, when the file has one.
    pub name: Option<String>,
    /// `X-WR-TIMEZONE` (Google, Apple), when the file has one: the zone the
    /// calendar was kept in, a good default for the calendar's `time_zone`.
    pub time_zone: Option<String>,
    /// Sorted by date, one per date (the first event's name).
    pub holidays: Vec<Holiday>,
    /// Maintenance windows, sorted by start; `reason` is the SUMMARY.
    pub maintenance: Vec<Window>,
    /// In file order.
    pub notes: Vec<IcsNote>,
}

impl IcsImport {
    /// Adds the holidays and windows to a calendar definition (dates and
    /// windows it already has are not added twice); holidays stay sorted.
    ///
    /// A window is already there when one of the calendar's starts and ends
    /// at the same instants, local times read in the calendar's zone: the
    /// export writes a local window (`2026-03-14T06:00` in Europe/Berlin)
    /// in UTC (`20260314T050000Z`), and reading that file back into the
    /// same calendar must not list the window twice. When the zone cannot
    /// be resolved, windows are compared as written.
    pub fn apply_to(&self, calendar: &mut CalendarDef) {
        for holiday in &self.holidays {
            let text = iso::date_text(holiday.date);
            if !calendar.holidays.contains(&text) {
                calendar.holidays.push(text);
            }
        }
        calendar.holidays.sort();
        let zone = Zone::named(&calendar.time_zone);
        let utc = |at: Timestamp| {
            zone.as_ref()
                .and_then(|zone| at.instant(zone))
                .map_or(at, Timestamp::Utc)
        };
        let instants = |window: &Window| (utc(window.start), utc(window.end));
        for window in &self.maintenance {
            let new = instants(window);
            if !calendar.exclusions.iter().any(|w| instants(w) == new) {
                calendar.exclusions.push(window.clone());
            }
        }
    }
}

/// A component between BEGIN and END.
#[derive(Debug, Default)]
struct Component {
    name: String,
    line: usize,
    properties: Vec<ContentLine>,
    children: Vec<Component>,
}

impl Component {
    fn first(&self, name: &str) -> Option<&ContentLine> {
        self.properties.iter().find(|p| p.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ContentLine> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }
}

/// Components that hold events and cannot nest in each other.
const ITEMS: [&str; 5] = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"];

/// The components of the file, with notes on broken lines and unterminated
/// components (dropped, except a VCALENDAR whose finished parts are kept).
fn components(text: &str, notes: &mut Vec<IcsNote>) -> Vec<Component> {
    let mut roots = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let unterminated = |c: &Component, before: String, notes: &mut Vec<IcsNote>| {
        notes.push(IcsNote {
            line: c.line,
            property: Some("BEGIN".into()),
            event: c.first("SUMMARY").map(|s| unescape_text(&s.value)),
            effect: if c.name == "VCALENDAR" {
                IcsEffect::PartIgnored
            } else {
                IcsEffect::EventSkipped
            },
            message: format!("BEGIN:{} is not ended by END:{} {before}", c.name, c.name),
        });
    };
    let attach = |c: Component, stack: &mut Vec<Component>, roots: &mut Vec<Component>| match stack
        .last_mut()
    {
        Some(parent) => parent.children.push(c),
        None => roots.push(c),
    };
    for lexed in lex(text) {
        let line = match lexed {
            Lexed::Line(line) => line,
            Lexed::Broken { line, message } => {
                notes.push(IcsNote {
                    line,
                    property: None,
                    event: stack
                        .last()
                        .and_then(|c| c.first("SUMMARY"))
                        .map(|s| unescape_text(&s.value)),
                    effect: IcsEffect::LineSkipped,
                    message,
                });
                continue;
            }
        };
        match line.name.as_str() {
            "BEGIN" => {
                let name = line.value.trim().to_ascii_uppercase();
                if ITEMS.contains(&name.as_str()) {
                    while stack.last().is_some_and(|c| {
                        ITEMS.contains(&c.name.as_str())
                            || c.name == "VALARM"
                            || c.name == "STANDARD"
                            || c.name == "DAYLIGHT"
                    }) {
                        if let Some(open) = stack.pop() {
                            if ITEMS.contains(&open.name.as_str()) {
                                unterminated(
                                    &open,
                                    format!("before BEGIN:{name} on line {}", line.line),
                                    notes,
                                );
                            }
                        }
                    }
                }
                stack.push(Component {
                    name,
                    line: line.line,
                    ..Component::default()
                });
            }
            "END" => {
                let name = line.value.trim().to_ascii_uppercase();
                match stack.iter().rposition(|c| c.name == name) {
                    Some(index) => {
                        while stack.len() > index + 1 {
                            if let Some(open) = stack.pop() {
                                unterminated(
                                    &open,
                                    format!("before END:{name} on line {}", line.line),
                                    notes,
                                );
                            }
                        }
                        if let Some(done) = stack.pop() {
                            attach(done, &mut stack, &mut roots);
                        }
                    }
                    None => notes.push(IcsNote {
                        line: line.line,
                        property: Some("END".into()),
                        event: None,
                        effect: IcsEffect::LineSkipped,
                        message: format!("END:{name} without BEGIN:{name}"),
                    }),
                }
            }
            _ => {
                // Properties outside any component (before BEGIN:VCALENDAR) mean nothing.
                if let Some(component) = stack.last_mut() {
                    component.properties.push(line);
                }
            }
        }
    }
    while let Some(open) = stack.pop() {
        unterminated(&open, "before the end of the file".into(), notes);
        if open.name == "VCALENDAR" {
            attach(open, &mut stack, &mut roots);
        }
    }
    roots
}

/// A DTSTART-like value.
#[derive(Clone)]
enum When {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(NaiveDateTime),
    Zoned(NaiveDateTime, Zone),
}

impl When {
    /// The wall-clock time in `frame`'s terms (the DTSTART of the event).
    fn in_frame(&self, frame: &When) -> Option<NaiveDateTime> {
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN);
        Some(match (self, frame) {
            (When::Date(d), _) => midnight(*d),
            (When::Floating(t), _) => *t,
            (When::Utc(t), When::Zoned(_, zone)) => {
                zone.to_local(t.and_utc().timestamp_nanos_opt()?)?
            }
            (When::Utc(t), _) => *t,
            (When::Zoned(t, zone), When::Utc(_)) => {
                chrono::DateTime::from_timestamp_nanos(zone.to_utc(*t, Edge::Start)?).naive_utc()
            }
            (When::Zoned(t, zone), When::Zoned(_, frame_zone)) if zone != frame_zone => {
                frame_zone.to_local(zone.to_utc(*t, Edge::Start)?)?
            }
            (When::Zoned(t, _), _) => *t,
        })
    }
}

/// Reads dates and times with the file's zones.
struct Zones {
    file: HashMap<String, Zone>,
}

impl Zones {
    fn read(&self, property: &ContentLine, value: &str) -> Result<(When, Option<String>), String> {
        let value = value.trim();
        let is_date = property
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || value.len() == 8;
        if is_date {
            return iso::basic_date(value)
                .map(|d| (When::Date(d), None))
                .ok_or_else(|| format!("`{value}` is not a date such as 20261225"));
        }
        let time = |text: &str| {
            iso::basic_date_time(text).ok_or_else(|| {
                format!("`{value}` is not a date-time such as 20260301T020000 or 20260301T010000Z")
            })
        };
        if let Some(utc) = value.strip_suffix(['Z', 'z']) {
            return Ok((When::Utc(time(utc)?), None));
        }
        let local = time(value)?;
        match property.param("TZID") {
            None => Ok((When::Floating(local), None)),
            Some(tzid) => match self.zone(tzid) {
                Some((zone, note)) => Ok((When::Zoned(local, zone), note)),
                None => Ok((
                    When::Floating(local),
                    Some(format!("TZID `{tzid}` is neither a known zone nor a VTIMEZONE of the file: the time is read on the calendar's own clock")),
                )),
            },
        }
    }

    /// An IANA name (also inside `/mozilla.org/20050126_1/Europe/Berlin`),
    /// else the file's VTIMEZONE of that name.
    fn zone(&self, tzid: &str) -> Option<(Zone, Option<String>)> {
        let tzid = tzid.trim();
        if let Some(zone) = Zone::named(tzid) {
            return Some((zone, None));
        }
        let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
        for take in [3, 2] {
            if parts.len() > take {
                let tail = parts[parts.len() - take..].join("/");
                if let Some(zone) = Zone::named(&tail) {
                    return Some((zone, None));
                }
            }
        }
        self.file.get(tzid).map(|z| (z.clone(), None))
    }
}

/// The zones the file describes in VTIMEZONE components.
fn file_zones(calendars: &[Component], notes: &mut Vec<IcsNote>) -> HashMap<String, Zone> {
    let mut zones = HashMap::new();
    for vtimezone in calendars
        .iter()
        .flat_map(|c| &c.children)
        .filter(|c| c.name == "VTIMEZONE")
    {
        let Some(tzid) = vtimezone.first("TZID").map(|t| t.value.trim().to_owned()) else {
            notes.push(IcsNote {
                line: vtimezone.line,
                property: Some("TZID".into()),
                event: None,
                effect: IcsEffect::PartIgnored,
                message: "a VTIMEZONE without TZID is not used".into(),
            });
            continue;
        };
        let mut observances = Vec::new();
        for part in vtimezone
            .children
            .iter()
            .filter(|c| c.name == "STANDARD" || c.name == "DAYLIGHT")
        {
            let read = || -> Result<Observance, (usize, &'static str, String)> {
                let field = |name: &'static str| {
                    part.first(name).ok_or((
                        part.line,
                        name,
                        format!("{} has no {name}", part.name),
                    ))
                };
                let start = field("DTSTART")?;
                let start_value = iso::basic_date_time(start.value.trim()).ok_or_else(|| {
                    (
                        start.line,
                        "DTSTART",
                        format!("`{}` is not a local date-time", start.value),
                    )
                })?;
                let offset = |name: &'static str| -> Result<i32, (usize, &'static str, String)> {
                    let p = field(name)?;
                    parse_offset(&p.value).ok_or((
                        p.line,
                        name,
                        format!("`{}` is not an offset such as +0100", p.value),
                    ))
                };
                let rule = match part.first("RRULE") {
                    Some(r) => {
                        Some(Rule::parse(&r.value).map_err(|e| (r.line, "RRULE", e.to_string()))?)
                    }
                    None => None,
                };
                let rdates = part
                    .all("RDATE")
                    .flat_map(|r| r.value.split(',').map(str::to_owned).collect::<Vec<_>>())
                    .filter_map(|v| iso::basic_date_time(v.trim()))
                    .collect();
                Ok(Observance {
                    start: start_value,
                    from: offset("TZOFFSETFROM")?,
                    to: offset("TZOFFSETTO")?,
                    rule,
                    rdates,
                })
            };
            match read() {
                Ok(observance) => observances.push(observance),
                Err((line, property, message)) => notes.push(IcsNote {
                    line,
                    property: Some(property.into()),
                    event: None,
                    effect: IcsEffect::PartIgnored,
                    message: format!(
                        "in VTIMEZONE `{tzid}`: {message}; that part of the zone is not used"
                    ),
                }),
            }
        }
        if observances.is_empty() {
            continue;
        }
        if Zone::named(&tzid).is_none() {
            notes.push(IcsNote {
                line: vtimezone.line,
                property: Some("TZID".into()),
                event: None,
                effect: IcsEffect::Info,
                message: format!("`{tzid}` is not an IANA zone name: its offsets are read from the file's VTIMEZONE"),
            });
        }
        zones.insert(
            tzid.clone(),
            Zone::new(Box::new(FileZone {
                name: tzid,
                observances,
            })),
        );
    }
    zones
}

/// How long each occurrence lasts.
#[derive(Clone)]
enum Length {
    /// Whole days (all-day events).
    Days(u64),
    /// Exact time (DTEND on a timed event; RFC 5545: the same exact duration for every occurrence).
    Exact(TimeDelta),
    /// DURATION: nominal days and weeks on the wall clock, then exact time.
    Nominal { days: u64, exact: TimeDelta },
}

/// `P1D`, `PT4H`, `PT1H30M`, `P1W`, `P1DT2H`; not negative.
fn parse_duration(text: &str) -> Option<(u64, TimeDelta)> {
    let text = text.trim().strip_prefix('+').unwrap_or(text.trim());
    let body = text.strip_prefix('P')?;
    let (date_part, time_part) = body.split_once('T').unwrap_or((body, ""));
    let mut days = 0u64;
    let mut number = String::new();
    for c in date_part.chars() {
        match c {
            '0'..='9' => number.push(c),
            'W' => days = days.checked_add(number.parse::<u64>().ok()?.checked_mul(7)?)?,
            'D' => days = days.checked_add(number.parse::<u64>().ok()?)?,
            _ => return None,
        }
        if !c.is_ascii_digit() {
            number.clear();
        }
    }
    let mut seconds = 0i64;
    for c in time_part.chars() {
        let unit = match c {
            '0'..='9' => {
                number.push(c);
                continue;
            }
            'H' => 3_600,
            'M' => 60,
            'S' => 1,
            _ => return None,
        };
        seconds = seconds.checked_add(number.parse::<i64>().ok()?.checked_mul(unit)?)?;
        number.clear();
    }
    if !number.is_empty() || (date_part.is_empty() && time_part.is_empty()) || days > 36_600 {
        return None;
    }
    Some((days, TimeDelta::seconds(seconds)))
}

/// One VEVENT, read.
struct Event {
    line: usize,
    uid: Option<String>,
    /// SUMMARY, else the UID: names the event in notes.
    summary: String,
    /// SUMMARY alone: the holiday's name, the window's reason.
    title: String,
    start: When,
    length: Length,
    /// The rule and the line of its RRULE.
    rule: Option<(Rule, usize)>,
    rdates: Vec<When>,
    exdates: Vec<When>,
    recurrence_id: Option<When>,
    /// The line of `STATUS:CANCELLED`.
    cancelled: Option<usize>,
}

struct Reader<'a> {
    zones: &'a Zones,
    notes: &'a mut Vec<IcsNote>,
}

impl Reader<'_> {
    fn note(
        &mut self,
        line: usize,
        property: &str,
        event: &str,
        effect: IcsEffect,
        message: impl Into<String>,
    ) {
        self.notes.push(IcsNote {
            line,
            property: Some(property.into()),
            event: (!event.is_empty()).then(|| event.to_owned()),
            effect,
            message: message.into(),
        });
    }

    /// A VEVENT as an [`Event`]; `None` (with a note) when it cannot be used.
    fn event(&mut self, component: &Component) -> Option<Event> {
        let summary = component
            .first("SUMMARY")
            .map(|s| unescape_text(&s.value))
            .or_else(|| component.first("UID").map(|u| u.value.clone()))
            .unwrap_or_default();
        let skip = |this: &mut Self, line: usize, property: &str, message: String| {
            this.note(line, property, &summary, IcsEffect::EventSkipped, message);
            None
        };
        let Some(start_line) = component.first("DTSTART") else {
            return skip(
                self,
                component.line,
                "DTSTART",
                "the event has no DTSTART".into(),
            );
        };
        let (start, zone_note) = match self.zones.read(start_line, &start_line.value) {
            Ok(read) => read,
            Err(message) => return skip(self, start_line.line, "DTSTART", message),
        };
        if let Some(message) = zone_note {
            self.note(
                start_line.line,
                "DTSTART",
                &summary,
                IcsEffect::PartIgnored,
                message,
            );
        }
        let length = match (component.first("DTEND"), component.first("DURATION")) {
            (Some(end), _) => {
                let end_value = match self.zones.read(end, &end.value) {
                    Ok((when, _)) => when,
                    Err(message) => return skip(self, end.line, "DTEND", message),
                };
                match (&start, &end_value) {
                    (When::Date(a), When::Date(b)) => {
                        let days = (*b - *a).num_days();
                        if days < 1 {
                            return skip(self, end.line, "DTEND", "DTEND is not after DTSTART".into());
                        }
                        Length::Days(u64::try_from(days).unwrap_or(1))
                    }
                    _ => {
                        let (Some(a), Some(b)) = (instant(&start), instant(&end_value)) else {
                            return skip(self, end.line, "DTEND", "out of range".into());
                        };
                        if b <= a {
                            return skip(self, end.line, "DTEND", "DTEND is not after DTSTART".into());
                        }
                        Length::Exact(TimeDelta::nanoseconds(b - a))
                    }
                }
            }
            (None, Some(duration)) => match parse_duration(&duration.value) {
                Some((days, exact)) if matches!(start, When::Date(_)) => {
                    if exact != TimeDelta::zero() {
                        self.note(duration.line, "DURATION", &summary, IcsEffect::PartIgnored, "hours in the DURATION of an all-day event are ignored");
                    }
                    Length::Days(days.max(1))
                }
                Some((days, exact)) if days > 0 || exact > TimeDelta::zero() => Length::Nominal { days, exact },
                _ => return skip(self, duration.line, "DURATION", format!("`{}` is not a positive duration such as PT4H or P1D", duration.value)),
            },
            (None, None) if matches!(start, When::Date(_)) => Length::Days(1),
            (None, None) => {
                return skip(
                    self,
                    start_line.line,
                    "DTEND",
                    "a timed event without DTEND or DURATION lasts no time (RFC 5545); a maintenance window needs an end".into(),
                )
            }
        };
        let rule = match component.all("RRULE").collect::<Vec<_>>().as_slice() {
            [] => None,
            [first, rest @ ..] => {
                for extra in rest {
                    self.note(
                        extra.line,
                        "RRULE",
                        &summary,
                        IcsEffect::PartIgnored,
                        "a second RRULE is not supported; only the first is used",
                    );
                }
                match Rule::parse(&first.value) {
                    Ok(rule) => Some((rule, first.line)),
                    Err(RuleError::Unsupported(what)) => {
                        return skip(self, first.line, "RRULE", format!("{what} is not supported (supported: FREQ DAILY, WEEKLY, MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST)"))
                    }
                    Err(RuleError::Invalid(what)) => return skip(self, first.line, "RRULE", format!("not a valid rule: {what}")),
                }
            }
        };
        for unsupported in ["EXRULE"] {
            if let Some(p) = component.first(unsupported) {
                self.note(
                    p.line,
                    unsupported,
                    &summary,
                    IcsEffect::PartIgnored,
                    "EXRULE (deprecated by RFC 5545) is not supported",
                );
            }
        }
        let dates = |name: &str, this: &mut Self| -> Vec<When> {
            let mut out = Vec::new();
            for property in component.all(name) {
                if property
                    .param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
                {
                    this.note(
                        property.line,
                        name,
                        &summary,
                        IcsEffect::PartIgnored,
                        "periods (VALUE=PERIOD) are not supported; use date-times",
                    );
                    continue;
                }
                for value in property.value.split(',').filter(|v| !v.trim().is_empty()) {
                    match this.zones.read(property, value) {
                        Ok((when, _)) => out.push(when),
                        Err(message) => this.note(
                            property.line,
                            name,
                            &summary,
                            IcsEffect::PartIgnored,
                            message,
                        ),
                    }
                }
            }
            out
        };
        let rdates = dates("RDATE", self);
        let exdates = dates("EXDATE", self);
        let recurrence_id = component
            .first("RECURRENCE-ID")
            .and_then(|r| self.zones.read(r, &r.value).ok())
            .map(|(w, _)| w);
        Some(Event {
            title: component
                .first("SUMMARY")
                .map(|s| unescape_text(&s.value))
                .unwrap_or_default(),
            line: component.line,
            uid: component.first("UID").map(|u| u.value.trim().to_owned()),
            summary,
            start,
            length,
            rule,
            rdates,
            exdates,
            recurrence_id,
            cancelled: component
                .first("STATUS")
                .filter(|s| s.value.trim().eq_ignore_ascii_case("CANCELLED"))
                .map(|s| s.line),
        })
    }
}

/// The UTC instant (nanoseconds) of a value; floating and dates as if UTC.
fn instant(when: &When) -> Option<i64> {
    match when {
        When::Date(d) => d.and_time(NaiveTime::MIN).and_utc().timestamp_nanos_opt(),
        When::Floating(t) | When::Utc(t) => t.and_utc().timestamp_nanos_opt(),
        When::Zoned(t, zone) => zone.to_utc(*t, Edge::Start),
    }
}

/// Reads an `.ics` file and gives its holidays and maintenance windows
/// dated `options.from..=options.to` (recurring events expanded).
///
/// # Errors
/// [`IcsError::TooLarge`] over 64 MB, [`IcsError::NotICalendar`] without a
/// VCALENDAR, [`IcsError::Range`] when `to` is before `from` or the range
/// is longer than a century. Everything else is an [`IcsNote`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use sla_interop::ics::{import, IcsOptions};
///
/// let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Christmas Day\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let range = IcsOptions::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 12, 31).unwrap());
/// let imported = import(file, &range).unwrap();
/// let dates: Vec<String> = imported.holidays.iter().map(|h| h.date.to_string()).collect();
/// assert_eq!(dates, ["2026-12-25", "2027-12-25"]);
/// ```
pub fn import(text: &str, options: &IcsOptions) -> Result<IcsImport, IcsError> {
    if text.len() > MAX_BYTES {
        return Err(IcsError::TooLarge);
    }
    if options.to < options.from || (options.to - options.from).num_days() > MAX_RANGE_DAYS {
        return Err(IcsError::Range {
            from: options.from,
            to: options.to,
        });
    }
    let mut out = IcsImport::default();
    let roots = components(text, &mut out.notes);
    let calendars: Vec<Component> = roots
        .into_iter()
        .filter(|c| c.name == "VCALENDAR")
        .collect();
    if calendars.is_empty() {
        return Err(IcsError::NotICalendar);
    }
    out.name = calendars
        .iter()
        .find_map(|c| c.first("X-WR-CALNAME"))
        .map(|p| unescape_text(&p.value));
    out.time_zone = calendars
        .iter()
        .find_map(|c| c.first("X-WR-TIMEZONE"))
        .map(|p| p.value.trim().to_owned());
    let zones = Zones {
        file: file_zones(&calendars, &mut out.notes),
    };
    let mut reader = Reader {
        zones: &zones,
        notes: &mut out.notes,
    };
    let events: Vec<Event> = calendars
        .iter()
        .flat_map(|c| &c.children)
        .filter(|c| c.name == "VEVENT")
        .filter_map(|c| reader.event(c))
        .collect();
    // Occurrences replaced by an override (same UID, RECURRENCE-ID).
    let mut replaced: HashMap<&str, Vec<&When>> = HashMap::new();
    for event in &events {
        if let (Some(uid), Some(id)) = (&event.uid, &event.recurrence_id) {
            replaced.entry(uid.as_str()).or_default().push(id);
        }
    }
    let mut holidays: Vec<Holiday> = Vec::new();
    let mut windows: Vec<(i64, Window)> = Vec::new();
    for event in &events {
        if let Some(line) = event.cancelled {
            reader.note(
                line,
                "STATUS",
                &event.summary,
                IcsEffect::EventSkipped,
                "cancelled (STATUS:CANCELLED)",
            );
            continue;
        }
        let overrides: &[&When] = match (&event.uid, &event.recurrence_id) {
            (Some(uid), None) => replaced.get(uid.as_str()).map(Vec::as_slice).unwrap_or(&[]),
            _ => &[],
        };
        occurrences(
            event,
            overrides,
            options,
            &mut reader,
            &mut holidays,
            &mut windows,
        );
    }
    holidays.sort_by_key(|h| h.date);
    holidays.dedup_by_key(|h| h.date);
    windows.sort_by_key(|(key, _)| *key);
    out.holidays = holidays;
    out.maintenance = windows.into_iter().map(|(_, w)| w).collect();
    Ok(out)
}

/// Expands one event into holidays or windows in the range.
fn occurrences(
    event: &Event,
    overrides: &[&When],
    options: &IcsOptions,
    reader: &mut Reader,
    holidays: &mut Vec<Holiday>,
    windows: &mut Vec<(i64, Window)>,
) {
    let Some(start) = event.start.in_frame(&event.start) else {
        return;
    };
    // An occurrence that starts before the range may reach into it.
    let reach = match &event.length {
        Length::Days(days) => *days,
        Length::Exact(delta) => u64::try_from(delta.num_days()).unwrap_or(0) + 1,
        Length::Nominal { days, exact } => days + u64::try_from(exact.num_days()).unwrap_or(0) + 1,
    };
    let from = options
        .from
        .checked_sub_days(Days::new(reach))
        .unwrap_or(options.from);
    let mut starts: Vec<NaiveDateTime> = match &event.rule {
        Some((rule, rule_line)) => {
            let until = rule.until.and_then(|u| match u {
                UntilValue::Date(d) => d.and_hms_opt(23, 59, 59),
                UntilValue::Local(t) => Some(t),
                UntilValue::Utc(t) => When::Utc(t).in_frame(&event.start),
            });
            // Occurrences before the range that reach into it come on top of the limit.
            let extra = usize::try_from(reach).unwrap_or(0).saturating_add(1);
            let expansion = rrule::expand(
                rule,
                start,
                until,
                from,
                options.to,
                options.limit.saturating_add(extra),
            );
            if expansion.truncated {
                reader.note(
                    *rule_line,
                    "RRULE",
                    &event.summary,
                    IcsEffect::Limited,
                    format!(
                        "more than {} occurrences in the range: only the first {} are used",
                        options.limit, options.limit
                    ),
                );
            }
            if expansion.exhausted {
                reader.note(*rule_line, "RRULE", &event.summary, IcsEffect::Limited, format!("the rule was followed through {} periods without reaching the end of the range; later occurrences are left out", rrule::MAX_PERIODS));
            }
            expansion.occurrences
        }
        None => (start.date() >= from && start.date() <= options.to)
            .then_some(start)
            .into_iter()
            .collect(),
    };
    for rdate in &event.rdates {
        if let Some(at) = rdate.in_frame(&event.start) {
            if at.date() >= from && at.date() <= options.to && !starts.contains(&at) {
                starts.push(at);
            }
        }
    }
    let excluded = |at: &NaiveDateTime, list: &[&When]| {
        list.iter().any(|ex| match ex {
            // A date excludes every occurrence on it.
            When::Date(d) => at.date() == *d,
            other => other.in_frame(&event.start).is_some_and(|t| t == *at),
        })
    };
    let exdates: Vec<&When> = event.exdates.iter().collect();
    starts.retain(|at| !excluded(at, &exdates) && !excluded(at, overrides));
    starts.sort();
    let mut used = 0;
    for at in starts {
        if used >= options.limit {
            break;
        }
        match (&event.start, &event.length) {
            (When::Date(_), length) => {
                let days = match length {
                    Length::Days(d) => *d,
                    _ => 1,
                };
                let mut any = false;
                for offset in 0..days {
                    let Some(date) = at.date().checked_add_days(Days::new(offset)) else {
                        continue;
                    };
                    if date >= options.from && date <= options.to {
                        any = true;
                        holidays.push(Holiday {
                            date,
                            name: event.title.clone(),
                        });
                    }
                }
                used += usize::from(any);
            }
            (frame, length) => {
                let Some(window) = window_of(frame, at, length, &event.title) else {
                    reader.note(
                        event.line,
                        "DTSTART",
                        &event.summary,
                        IcsEffect::EventSkipped,
                        format!("the occurrence at {at} is out of range"),
                    );
                    continue;
                };
                let (start_date, end_date) = (
                    local_date(frame, &window.start),
                    local_date(frame, &window.end),
                );
                if start_date.is_some_and(|d| d <= options.to)
                    && end_date.is_some_and(|d| d >= options.from)
                {
                    let key = match window.start {
                        Timestamp::Utc(n) => n,
                        Timestamp::Local(l) => l.and_utc().timestamp_nanos_opt().unwrap_or(0),
                    };
                    windows.push((key, window));
                    used += 1;
                }
            }
        }
    }
}

/// The local date of a window edge on the event's clock.
fn local_date(frame: &When, at: &Timestamp) -> Option<NaiveDate> {
    match (at, frame) {
        (Timestamp::Local(l), _) => Some(l.date()),
        (Timestamp::Utc(n), When::Zoned(_, zone)) => zone.local_date(*n),
        (Timestamp::Utc(n), _) => Some(chrono::DateTime::from_timestamp_nanos(*n).date_naive()),
    }
}

/// The window of one occurrence starting at `at` (on the event's clock).
fn window_of(frame: &When, at: NaiveDateTime, length: &Length, reason: &str) -> Option<Window> {
    let reason = reason.to_owned();
    match frame {
        When::Floating(_) | When::Date(_) => {
            let end = match length {
                Length::Exact(delta) => at.checked_add_signed(*delta)?,
                Length::Nominal { days, exact } => at
                    .checked_add_days(Days::new(*days))?
                    .checked_add_signed(*exact)?,
                Length::Days(days) => at.checked_add_days(Days::new(*days))?,
            };
            Some(Window {
                start: Timestamp::Local(at),
                end: Timestamp::Local(end),
                reason,
            })
        }
        When::Utc(_) | When::Zoned(..) => {
            let to_instant = |local: NaiveDateTime, edge: Edge| match frame {
                When::Zoned(_, zone) => zone.to_utc(local, edge),
                _ => local.and_utc().timestamp_nanos_opt(),
            };
            let start = to_instant(at, Edge::Start)?;
            let end = match length {
                Length::Exact(delta) => start.checked_add(delta.num_nanoseconds()?)?,
                Length::Nominal { days, exact } => {
                    to_instant(at.checked_add_days(Days::new(*days))?, Edge::End)?
                        .checked_add(exact.num_nanoseconds()?)?
                }
                Length::Days(days) => {
                    to_instant(at.checked_add_days(Days::new(*days))?, Edge::End)?
                }
            };
            (end > start).then_some(Window {
                start: Timestamp::Utc(start),
                end: Timestamp::Utc(end),
                reason,
            })
        }
    }
}

#[cfg(test)]
mod tests;
