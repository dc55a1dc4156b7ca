//! The quick calculator's state in the URL fragment, so that a link
//! reproduces the view: `#t=99.9&t=99.99&m=2026-02&d=13m%2037s&rp=month&…`.
//!
//! The fragment never reaches a server. Reading is defensive: a crafted or
//! broken link never panics; each value that is not understood falls back to
//! its default and yields a notice that says which field and why.

use super::quick::{
    parse_downtime, parse_k, parse_month, parse_target, shorten, CompositeMode, QuickState,
    ReversePeriod, MAX_FIELD_CHARS, MAX_PARTS, MAX_TARGETS,
};
use crate::i18n::{texts, Count};
use sla_engine::composite::Component;
use sla_engine::service_hours::WeeklyHours;

/// Longer fragments are ignored whole.
pub const MAX_FRAGMENT_BYTES: usize = 16 * 1024;

/// The fragment (without `#`) for a state.
pub fn to_fragment(state: &QuickState) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for target in &state.targets {
        pairs.push(("t", target));
    }
    pairs.push(("m", &state.month));
    pairs.push(("d", &state.downtime));
    pairs.push(("rp", state.reverse_period.key()));
    pairs.push(("rh", if state.reverse_in_hours { "1" } else { "0" }));
    for day in &state.hours {
        pairs.push(("h", day));
    }
    pairs.push(("c", state.composite_mode.key()));
    pairs.push(("k", &state.composite_k));
    for part in &state.composite_parts {
        pairs.push(("p", part));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The state a fragment describes, starting from `defaults`, and a notice for
/// each part of it that was not understood. An empty fragment gives the
/// defaults and no notice.
pub fn from_fragment(fragment: &str, defaults: &QuickState) -> (QuickState, Vec<String>) {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let t = texts().link();
    let mut state = defaults.clone();
    let mut notices = Vec::new();
    if fragment.is_empty() {
        return (state, notices);
    }
    if fragment.len() > MAX_FRAGMENT_BYTES {
        notices.push(t.too_long(fragment.len() / 1024, MAX_FRAGMENT_BYTES / 1024));
        return (state, notices);
    }

    let mut targets = Vec::new();
    let mut hours = Vec::new();
    let mut parts = Vec::new();
    let mut bad_pairs = 0usize;
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(value) = decode(raw) else {
            bad_pairs += 1;
            continue;
        };
        if value.chars().count() > MAX_FIELD_CHARS {
            notices.push(t.value_too_long(&shorten(key), MAX_FIELD_CHARS));
            continue;
        }
        match key {
            "t" => targets.push(value),
            "h" => hours.push(value),
            "p" => parts.push(value),
            "m" => match parse_month(&value) {
                Ok(_) => state.month = value,
                Err(e) => notices.push(t.month(&e, &defaults.month)),
            },
            "d" => match parse_downtime(&value) {
                Ok(_) => state.downtime = value,
                Err(e) => notices.push(t.downtime(&shorten(&value), &e, &defaults.downtime)),
            },
            "rp" => match ReversePeriod::from_key(&value) {
                Some(p) => state.reverse_period = p,
                None => notices.push(t.unknown_period(&shorten(&value))),
            },
            "rh" => match value.as_str() {
                "1" => state.reverse_in_hours = true,
                "0" => state.reverse_in_hours = false,
                _ => notices.push(t.hours_switch_ignored.into()),
            },
            "c" => match CompositeMode::from_key(&value) {
                Some(mode) => state.composite_mode = mode,
                None => notices.push(t.unknown_composite(&shorten(&value))),
            },
            "k" => state.composite_k = value,
            _ => bad_pairs += 1,
        }
    }
    if bad_pairs > 0 {
        notices.push(t.parts_ignored(&Count::plain(bad_pairs)));
    }

    if !targets.is_empty() {
        if targets.len() > MAX_TARGETS {
            notices.push(t.too_many_targets(targets.len(), MAX_TARGETS));
            targets.truncate(MAX_TARGETS);
        }
        let mut valid = Vec::new();
        for target in targets {
            match parse_target(&target) {
                Ok(_) => valid.push(target),
                Err(e) => notices.push(t.target(&shorten(&target), &e)),
            }
        }
        if !valid.is_empty() {
            state.targets = valid;
        }
    }

    if !hours.is_empty() {
        match <[String; 7]>::try_from(hours) {
            Ok(days) => match WeeklyHours::from_day_texts(&days) {
                Ok(_) => state.hours = days,
                Err((day, e)) => {
                    notices.push(t.hours(texts().quick().weekday(day), &e.to_string()))
                }
            },
            Err(_) => notices.push(t.hours_need_seven_days.into()),
        }
    }

    if !parts.is_empty() {
        if parts.len() > MAX_PARTS {
            notices.push(t.too_many_components(MAX_PARTS));
            parts.truncate(MAX_PARTS);
        }
        let mut valid = Vec::new();
        for part in parts {
            match Component::parse(&part) {
                Ok(_) => valid.push(part),
                Err(e) => notices.push(t.component(&shorten(&part), &e.to_string())),
            }
        }
        if !valid.is_empty() {
            state.composite_parts = valid;
        }
    }
    if state.composite_mode == CompositeMode::KOfN {
        if let Err(e) = parse_k(&state.composite_k, state.composite_parts.len()) {
            notices.push(t.k_of_n(&e));
            state.composite_k = "1".into();
        }
    } else if state.composite_k.trim().parse::<usize>().is_err() {
        state.composite_k = defaults.composite_k.clone();
    }
    (state, notices)
}

/// Percent-encodes everything but ASCII letters, digits and `-._~:,()`.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b','
            | b'('
            | b')' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` as a space; `None` for a broken escape or
/// bytes that are not UTF-8.
pub fn decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn defaults() -> QuickState {
        QuickState::defaults("2026-02")
    }

    #[test]
    fn a_state_survives_the_round_trip_through_the_fragment() {
        let mut state = defaults();
        state.targets = vec!["99.95".into(), "99,5 %".into()];
        state.downtime = "1h 5m".into();
        state.reverse_period = ReversePeriod::CalendarQuarter;
        state.reverse_in_hours = true;
        state.hours[5] = "09:00-13:00".into();
        state.composite_mode = CompositeMode::KOfN;
        state.composite_parts = vec!["99".into(), "serial(99.9, 99.9)".into(), "99.5".into()];
        let (back, notices) = from_fragment(&to_fragment(&state), &defaults());
        assert_eq!(notices, Vec::<String>::new());
        assert_eq!(back, state);
    }

    #[test]
    fn an_empty_fragment_gives_the_defaults_without_notice() {
        assert_eq!(from_fragment("", &defaults()), (defaults(), vec![]));
        assert_eq!(from_fragment("#", &defaults()), (defaults(), vec![]));
    }

    #[test]
    fn a_bad_target_in_a_link_is_dropped_with_a_notice() {
        let (state, notices) = from_fragment("t=abc&t=99.5", &defaults());
        assert_eq!(state.targets, vec!["99.5".to_string()]);
        assert_eq!(notices.len(), 1);
        assert!(notices[0].contains("abc"), "{notices:?}");
    }

    #[test]
    fn broken_escapes_and_unknown_keys_are_counted_not_fatal() {
        let (state, notices) = from_fragment("t=%ZZ&zzz=1&m=2026-13&rp=nope", &defaults());
        assert_eq!(state, defaults());
        assert_eq!(notices.len(), 3, "{notices:?}");
    }

    #[test]
    fn script_in_a_link_stays_text() {
        let (state, notices) = from_fragment("t=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &defaults());
        assert_eq!(state.targets, defaults().targets);
        assert!(
            notices[0].contains("<script>"),
            "the notice quotes the value as text: {notices:?}"
        );
    }

    #[test]
    fn an_overlong_link_is_refused_whole() {
        let link = format!("t={}", "9".repeat(MAX_FRAGMENT_BYTES));
        let (state, notices) = from_fragment(&link, &defaults());
        assert_eq!(state, defaults());
        assert!(notices[0].contains("too long"));
    }

    proptest! {
        #[test]
        fn any_fragment_is_read_without_panic(fragment in ".{0,300}") {
            let _ = from_fragment(&fragment, &defaults());
        }

        #[test]
        fn encoding_round_trips(text in ".{0,100}") {
            prop_assert_eq!(decode(&encode(&text)), Some(text));
        }
    }
}
