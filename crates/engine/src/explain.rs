//! Explanations: every computed figure carries the formula that produced it,
//! the same formula with the numbers filled in, and the convention applied.

/// Why a figure has the value it has, in words a user can check by hand.
/// (`Default` is the empty explanation that figures nobody reads carry.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    /// The formula in words, e.g. `allowed downtime = period × (100% − target)`.
    pub formula: String,
    /// The formula with this case's numbers, e.g. `2,629,746 s × 0.1% = 2,629.746 s`.
    /// Numbers here are written without locale (`.` as decimal point, `,` between thousands).
    pub substituted: String,
    /// The convention that decided the value, e.g. `average Gregorian month: 365.2425 d ÷ 12 = 30.436875 d`.
    pub convention: String,
}

/// A value with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained<T> {
    pub value: T,
    pub explanation: Explanation,
}
