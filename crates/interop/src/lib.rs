//! # sla-interop: SLO definitions and calendars in and out
//!
//! The SLA calculator's agreement model (`sla_engine::model`) is richer than
//! the formats other tools exchange, and poorer in places. This crate maps
//! between them, and says what did not survive the trip:
//!
//! - **OpenSLO v1** ([`openslo`]): SLO definitions (Occurrences, Timeslices,
//!   RatioTimeslices; calendar and rolling windows) to and from our targets.
//!   Import lists every document, field and objective it could not map, with
//!   the document, field path, line and column; export lists what our model
//!   has that OpenSLO cannot say (credits, service hours, minimum levels…).
//! - **iCalendar** ([`ics`]): `.ics` files to holidays (all-day events) and
//!   maintenance windows (timed events) of a calendar, recurring events
//!   expanded over a range of dates; and a calendar's holidays and
//!   exclusions back to `.ics`. Unusable events and lines are listed with
//!   their line and property; the rest of the file is still used.
//!
//! Pure Rust, no browser dependency, no clock: the caller passes in
//! everything (the date range to expand recurring events over, the instant
//! to stamp an export with). Zone names go through the engine's
//! [`Zone`](sla_engine::time::Zone): chrono-tz's database with the `tzdb`
//! feature (the CLI), the browser's `Intl` in the app.
//!
//! ```
//! use sla_interop::openslo;
//!
//! let imported = openslo::import("
//! apiVersion: openslo/v1
//! kind: SLO
//! metadata: { name: api-availability }
//! spec:
//!   service: api
//!   indicatorRef: api-requests
//!   budgetingMethod: Occurrences
//!   timeWindow: [{ duration: 1w, isRolling: false }]
//!   objectives: [{ target: 0.999 }]
//! ").unwrap();
//! // A calendar week is not one of our periods: nothing mapped, one note says why.
//! assert!(imported.targets.is_empty());
//! assert_eq!(imported.notes[0].at.path, "spec.timeWindow[0].duration");
//! ```
//!
//! ## Map of the crate
//!
//! - [`openslo`]: [`openslo::import()`] → [`openslo::Imported`] (targets,
//!   services, notes; [`openslo::Imported::agreement_file`] for a whole
//!   agreement file, [`openslo::Imported::agreement_ids`] for the agreement
//!   each target goes to), [`openslo::export()`] → [`openslo::Exported`]
//!   (YAML and the list of losses).
//! - [`ics`]: [`ics::import()`] with [`ics::IcsOptions`] (the range) →
//!   [`ics::IcsImport`] (holidays, windows, notes;
//!   [`ics::IcsImport::apply_to`] a calendar definition),
//!   [`ics::export()`]; [`ics::rrule`], the recurrence rules.
//! - `yaml` (private): YAML and JSON to a tree that keeps every node's line
//!   and column, with limits against hostile files.
//! - `decimal` (private): exact decimals, so `0.999` becomes `99.9` without
//!   a float in between.
//!
//! The mapping tables and the supported subsets are in `docs/interop.md`.

mod decimal;
pub mod ics;
pub mod openslo;
mod yaml;
