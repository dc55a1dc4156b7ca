//! Local timestamps to instants.
//!
//! Exports often write local wall-clock times without an offset. The user
//! chooses the time zone they are in (shown next to every figure), and the
//! import turns such a time into an instant with the engine's rules, read as
//! the start of a range ([`sla_engine::time::calendar::Edge::Start`]): a time
//! inside a DST gap (02:30 on the spring-forward night) becomes the first
//! instant after the gap; a repeated time (the fall-back night) is the
//! earlier instant.
//!
//! The zones are the engine's own ([`sla_engine::time::zone`]), so the
//! import, the agreements and the reports read local times the same way:
//! [`Fixed`] offsets, [`Tzdb`] (chrono-tz's database, with the `tzdb`
//! feature, on by default) natively, and in the browser whatever the app
//! registers with [`Zone::set_resolver`] (the browser's `Intl`, so the wasm
//! carries no zone data). [`Zone`] asks its source once per day (per quarter
//! hour on a day with a change) and caches.

#[cfg(feature = "tzdb")]
pub use sla_engine::time::zone::Tzdb;
pub use sla_engine::time::zone::{Fixed, Offsets, Resolver, Zone};
