//! [`Ratio`]: an exact non-negative fraction, for achieved values (an
//! availability of `up / total` seconds, `good / total` events) that must be
//! compared with targets without float error.

use crate::units::PPB_PER_WHOLE;
use crate::Percent;

/// `numerator / denominator`, `denominator > 0`, `0 <= numerator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    numerator: i128,
    denominator: i128,
}

impl Ratio {
    /// `None` when the denominator is not positive or the numerator is negative.
    pub fn new(numerator: i128, denominator: i128) -> Option<Ratio> {
        (denominator > 0 && numerator >= 0).then_some(Ratio {
            numerator,
            denominator,
        })
    }

    /// The level of a percentage, exactly.
    pub fn from_percent(level: Percent) -> Ratio {
        Ratio {
            numerator: i128::from(level.ppb()),
            denominator: i128::from(PPB_PER_WHOLE),
        }
    }

    pub fn numerator(self) -> i128 {
        self.numerator
    }

    pub fn denominator(self) -> i128 {
        self.denominator
    }

    /// Exact comparison with a percentage level: `Less`, `Equal` or `Greater`.
    pub fn cmp_percent(self, level: Percent) -> std::cmp::Ordering {
        (self.numerator * i128::from(PPB_PER_WHOLE))
            .cmp(&(i128::from(level.ppb()) * self.denominator))
    }

    /// As a percentage with `decimals` decimals (at most 9), rounded down.
    pub fn to_percent_string(self, decimals: u32) -> String {
        let decimals = decimals.min(9);
        let scale = 10i128.pow(decimals);
        let scaled = self.numerator.saturating_mul(100 * scale) / self.denominator;
        if decimals == 0 {
            return scaled.to_string();
        }
        format!(
            "{}.{:0width$}",
            scaled / scale,
            scaled % scale,
            width = decimals as usize
        )
    }

    /// For charts only.
    pub fn as_f64(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    /// Cross-multiplication; operands stay far below i128's range for the
    /// engine's values (nanosecond totals times 1e9).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.numerator.saturating_mul(other.denominator))
            .cmp(&other.numerator.saturating_mul(self.denominator))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_compare_exactly_with_levels() {
        let level = Percent::parse("99.9").expect("valid");
        let exactly = Ratio::new(999, 1000).expect("valid");
        assert_eq!(exactly.cmp_percent(level), std::cmp::Ordering::Equal);
        let below = Ratio::new(2_627_116, 2_629_746).expect("valid");
        assert_eq!(below.cmp_percent(level), std::cmp::Ordering::Less);
        assert_eq!(below.to_percent_string(4), "99.8999");
        assert!(below < exactly);
    }

    #[test]
    fn invalid_ratios_do_not_exist() {
        assert_eq!(Ratio::new(1, 0), None);
        assert_eq!(Ratio::new(-1, 3), None);
    }
}
