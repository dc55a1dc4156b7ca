//! Service hours entered one weekday at a time (the app's form), read with the
//! same grammar as [`WeeklyHours::parse`].

use crate::service_hours::{HoursError, WeeklyHours};

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl WeeklyHours {
    /// Hours from one text per weekday, Monday first: each text is one or more
    /// ranges (`08:00-12:00 13:00-17:00`), empty for a closed day. A range that
    /// runs past midnight (`22:00-06:00`) continues on the next day.
    ///
    /// # Errors
    /// The first weekday (0 = Monday) whose text does not parse, with the
    /// error's position counted within that day's text.
    ///
    /// # Example
    /// ```
    /// use sla_engine::service_hours::WeeklyHours;
    /// let office = "08:00-18:00".to_string();
    /// let days = [office.clone(), office.clone(), office.clone(), office.clone(), office,
    ///             String::new(), String::new()];
    /// let hours = WeeklyHours::from_day_texts(&days).unwrap();
    /// assert_eq!(hours.per_week().nanos(), 50 * 3600 * 1_000_000_000);
    /// ```
    pub fn from_day_texts(days: &[String; 7]) -> Result<WeeklyHours, (usize, HoursError)> {
        let mut groups = Vec::new();
        for (i, text) in days.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let group = format!("{} {text}", DAY_NAMES[i]);
            let prefix = DAY_NAMES[i].len() + 1;
            WeeklyHours::parse(&group).map_err(|e| (i, shift(e, prefix)))?;
            groups.push(group);
        }
        WeeklyHours::parse(&groups.join("; ")).map_err(|e| (0, e))
    }
}

/// Moves an error's position back by `by` characters (the day name added in front).
fn shift(error: HoursError, by: usize) -> HoursError {
    let back = |p: usize| p.saturating_sub(by);
    match error {
        HoursError::UnknownDay { found, position } => HoursError::UnknownDay {
            found,
            position: back(position),
        },
        HoursError::BadTime { found, position } => HoursError::BadTime {
            found,
            position: back(position),
        },
        HoursError::TimeOutOfRange { found, position } => HoursError::TimeOutOfRange {
            found,
            position: back(position),
        },
        HoursError::Expected { expected, position } => HoursError::Expected {
            expected,
            position: back(position),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(texts: [&str; 7]) -> [String; 7] {
        texts.map(String::from)
    }

    #[test]
    fn errors_point_into_the_days_own_text() {
        let err = WeeklyHours::from_day_texts(&week(["", "", "08:00-25:00", "", "", "", ""]));
        match err {
            Err((2, HoursError::TimeOutOfRange { position, .. })) => assert_eq!(position, 6),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn an_overnight_friday_spills_into_saturday() {
        let hours = WeeklyHours::from_day_texts(&week(["", "", "", "", "22:00-06:00", "", ""]))
            .expect("valid");
        assert_eq!(hours.day(4).len(), 1);
        assert_eq!(hours.day(5).len(), 1);
        assert_eq!(hours.per_week().nanos(), 8 * 3600 * 1_000_000_000);
    }

    #[test]
    fn all_days_closed_is_no_service_time() {
        let hours = WeeklyHours::from_day_texts(&Default::default()).expect("valid");
        assert_eq!(hours, WeeklyHours::none());
    }
}
