//! [`Ratio`]: an exact non-negative fraction, for achieved values (an
//! availability of `up / total` seconds, `good / total` events) that must be
//! compared with targets without float error.

use crate::natural::Natural;
use crate::units::PPB_PER_WHOLE;
use crate::Percent;

/// `numerator / denominator`, `denominator > 0`, `0 <= numerator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    numerator: i128,
    denominator: i128,
}

impl Ratio {
    /// 0 / 1.
    pub const ZERO: Ratio = Ratio {
        numerator: 0,
        denominator: 1,
    };

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
        self.cmp(&Ratio::from_percent(level))
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
    /// Cross-multiplication in 256 bits: exact for every pair of ratios
    /// (both sides are products of two non-negative `i128`s).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        wide_product(self.numerator, other.denominator)
            .cmp(&wide_product(other.numerator, self.denominator))
    }
}

/// `a × b` of two non-negative `i128`s as (high, low) 128-bit halves, which
/// compare as the full 256-bit product does.
fn wide_product(a: i128, b: i128) -> (u128, u128) {
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    let mask = u128::from(u64::MAX);
    let (a_hi, a_lo) = (a >> 64, a & mask);
    let (b_hi, b_lo) = (b >> 64, b & mask);
    let low = a_lo * b_lo;
    let cross_1 = a_hi * b_lo;
    let cross_2 = a_lo * b_hi;
    let high = a_hi * b_hi;
    // Sum the middle terms with their carries into the high half.
    let (middle, carry_1) = cross_1.overflowing_add(cross_2);
    let (low, carry_2) = low.overflowing_add(middle << 64);
    let high = high + (middle >> 64) + (u128::from(carry_1) << 64) + u128::from(carry_2);
    (high, low)
}

/// Whether the product of `levels` (availabilities in series) is below
/// `target`, exactly, for any number of levels.
pub fn product_below(levels: &[Percent], target: Percent) -> bool {
    // Π(ppb_i / 1e9) < t / 1e9  ⇔  Π ppb_i × 1e9 < t × 1e9^n
    // A product of n levels has a denominator of 1e9^n, which leaves
    // `i128` behind at the fifth factor.
    let billion = Natural::from(PPB_PER_WHOLE);
    let product = levels
        .iter()
        .fold(billion.clone(), |p, l| &p * &Natural::from(l.ppb()));
    let bound = levels
        .iter()
        .fold(Natural::from(target.ppb()), |p, _| &p * &billion);
    product < bound
}

/// The product of `levels` in parts per billion, rounded down (for display:
/// the exact product is at least this).
pub fn product_ppb(levels: &[Percent]) -> u64 {
    levels.iter().fold(PPB_PER_WHOLE, |p, l| {
        // Both factors are at most 1e9: the product fits in a u64.
        p * l.ppb() / PPB_PER_WHOLE
    })
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
    fn comparisons_do_not_saturate() {
        let huge = i128::MAX / 3;
        let a = Ratio::new(huge, huge - 1).expect("valid");
        let b = Ratio::new(huge - 1, huge - 2).expect("valid");
        // (h)/(h−1) < (h−1)/(h−2) exactly; saturating products called them equal.
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        assert_eq!(b.cmp(&a), std::cmp::Ordering::Greater);
        assert_eq!(a.cmp(&a), std::cmp::Ordering::Equal);
    }

    #[test]
    fn wide_products_match_u128_where_it_fits() {
        for (a, b) in [
            (0i128, 5i128),
            (1 << 63, 1 << 63),
            (u64::MAX as i128, 12345),
        ] {
            assert_eq!(wide_product(a, b), (0, (a * b) as u128));
        }
        assert_eq!(wide_product(1 << 100, 1 << 100), (1 << 72, 0));
    }

    #[test]
    fn ten_levels_in_series_compare_exactly() {
        let level = Percent::parse("99.95").expect("valid");
        let target = Percent::parse("99.9").expect("valid");
        // 0.9995^10 = 0.99501... < 0.999
        assert!(product_below(&[level; 10], target));
        assert!(!product_below(&[level; 2], target));
        // 0.9995^2 = 0.99900025: just above 99.9 %.
        assert_eq!(product_ppb(&[level; 2]), 999_000_250);
        let exact = Percent::parse("99.900025").expect("valid");
        assert!(!product_below(&[level; 2], exact));
        let above = Percent::parse("99.9000251").expect("valid");
        assert!(product_below(&[level; 2], above));
        assert!(product_below(&[level; 40], target));
    }

    #[test]
    fn invalid_ratios_do_not_exist() {
        assert_eq!(Ratio::new(1, 0), None);
        assert_eq!(Ratio::new(-1, 3), None);
    }
}
