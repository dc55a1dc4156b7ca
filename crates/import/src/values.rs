//! Values as exports write them. (Being written: see the helper's task.)

/// The unit of a bare number in a duration column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    Seconds,
    Minutes,
    Hours,
}
