//! [`Natural`]: an arbitrary-precision natural number, with only what exact
//! composites and the alignment check's products of levels need (add,
//! subtract, multiply, compare, powers of ten, decimal text).
//!
//! Why not `num-bigint`: it is the crate for the job, and the tests below
//! check every operation against it, but linked into the calculator's page
//! it added 8.8 KB (brotli) to a first load that exact composites must not
//! grow. Held in base 10⁹ limbs, least significant first, so that the
//! decimal text, which is all a composite's figure needs, is each limb's
//! nine digits.

use std::cmp::Ordering;
use std::ops::{Add, Mul, Sub};

/// 10⁹, the base of a limb.
const BASE: u64 = 1_000_000_000;
/// Decimal digits in a limb.
const DIGITS: u32 = 9;

/// A natural number (0, 1, 2, …) of any size.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Natural {
    /// Base-10⁹ digits, least significant first, no trailing (most
    /// significant) zero limbs: zero is the empty list.
    limbs: Vec<u32>,
}

impl Natural {
    /// `10^exponent`.
    pub fn pow10(exponent: u32) -> Natural {
        let mut limbs = vec![0; (exponent / DIGITS) as usize];
        limbs.push(10u32.pow(exponent % DIGITS));
        Natural { limbs }
    }

    /// Drops most significant zero limbs.
    fn trimmed(mut self) -> Natural {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
        self
    }

    /// The decimal digits, without leading zeros (`0` for zero).
    pub fn to_decimal_string(&self) -> String {
        let Some((most, rest)) = self.limbs.split_last() else {
            return "0".into();
        };
        let mut text = most.to_string();
        for &limb in rest.iter().rev() {
            // Nine digits, leading zeros kept (no formatter: a smaller wasm).
            let mut digits = [b'0'; DIGITS as usize];
            let mut rest = limb;
            for digit in digits.iter_mut().rev() {
                *digit = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
            text.extend(digits.iter().map(|&d| char::from(d)));
        }
        text
    }
}

impl From<u64> for Natural {
    fn from(mut value: u64) -> Natural {
        let mut limbs = Vec::new();
        while value > 0 {
            limbs.push((value % BASE) as u32);
            value /= BASE;
        }
        Natural { limbs }
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Natural) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Natural) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Add for &Natural {
    type Output = Natural;
    fn add(self, other: &Natural) -> Natural {
        let len = self.limbs.len().max(other.limbs.len());
        let mut limbs = Vec::with_capacity(len + 1);
        let mut carry = 0u64;
        for i in 0..len {
            let sum = u64::from(self.limbs.get(i).copied().unwrap_or(0))
                + u64::from(other.limbs.get(i).copied().unwrap_or(0))
                + carry;
            limbs.push((sum % BASE) as u32);
            carry = sum / BASE;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
        Natural { limbs }
    }
}

impl Sub for &Natural {
    type Output = Natural;
    /// `self − other`, saturating at zero (composites only ever take a
    /// part from its whole, which is never smaller).
    fn sub(self, other: &Natural) -> Natural {
        if self <= other {
            return Natural::default();
        }
        let mut limbs = Vec::with_capacity(self.limbs.len());
        let mut borrow = 0i64;
        for (i, limb) in self.limbs.iter().enumerate() {
            let mut difference =
                i64::from(*limb) - i64::from(other.limbs.get(i).copied().unwrap_or(0)) - borrow;
            borrow = 0;
            if difference < 0 {
                difference += BASE as i64;
                borrow = 1;
            }
            limbs.push(difference as u32);
        }
        Natural { limbs }.trimmed()
    }
}

impl Mul for &Natural {
    type Output = Natural;
    fn mul(self, other: &Natural) -> Natural {
        if self.limbs.is_empty() || other.limbs.is_empty() {
            return Natural::default();
        }
        let mut limbs = vec![0u32; self.limbs.len() + other.limbs.len()];
        for (i, a) in self.limbs.iter().enumerate() {
            // At most (10⁹ − 1)² + 2 × (10⁹ − 1) < 2⁶⁴ per step.
            let mut carry = 0u64;
            for (j, b) in other.limbs.iter().enumerate() {
                let t = u64::from(*a) * u64::from(*b) + u64::from(limbs[i + j]) + carry;
                limbs[i + j] = (t % BASE) as u32;
                carry = t / BASE;
            }
            limbs[i + other.limbs.len()] = carry as u32;
        }
        Natural { limbs }.trimmed()
    }
}

impl<'a> std::iter::Sum<&'a Natural> for Natural {
    fn sum<I: Iterator<Item = &'a Natural>>(iter: I) -> Natural {
        iter.fold(Natural::default(), |sum, n| &sum + n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;
    use proptest::prelude::*;

    /// Up to ~60 decimal digits, zero and limb edges included.
    fn any_natural() -> impl Strategy<Value = (Natural, BigUint)> {
        prop_oneof![
            Just(vec![0u64]),
            Just(vec![BASE - 1, BASE - 1]),
            proptest::collection::vec(0u64..u64::MAX, 0..4),
        ]
        .prop_map(|words| {
            let mut n = Natural::default();
            let mut b = BigUint::from(0u32);
            for w in words {
                let shift = Natural::from(u64::MAX);
                n = &(&n * &shift) + &Natural::from(w);
                b = b * BigUint::from(u64::MAX) + BigUint::from(w);
            }
            (n, b)
        })
    }

    #[test]
    fn powers_of_ten_and_text() {
        assert_eq!(Natural::pow10(0).to_decimal_string(), "1");
        assert_eq!(Natural::pow10(9).to_decimal_string(), "1000000000");
        assert_eq!(
            Natural::pow10(20).to_decimal_string(),
            format!("1{}", "0".repeat(20))
        );
        assert_eq!(Natural::default().to_decimal_string(), "0");
        assert_eq!(
            Natural::from(1_000_000_007).to_decimal_string(),
            "1000000007"
        );
    }

    proptest! {
        #[test]
        fn agrees_with_num_bigint((a, ba) in any_natural(), (b, bb) in any_natural()) {
            prop_assert_eq!((&a + &b).to_decimal_string(), (&ba + &bb).to_string());
            prop_assert_eq!((&a * &b).to_decimal_string(), (&ba * &bb).to_string());
            prop_assert_eq!(a.cmp(&b), ba.cmp(&bb));
            if ba >= bb {
                prop_assert_eq!((&a - &b).to_decimal_string(), (&ba - &bb).to_string());
            } else {
                prop_assert_eq!(&a - &b, Natural::default());
            }
        }

        #[test]
        fn powers_of_ten_agree(exponent in 0u32..200) {
            prop_assert_eq!(
                Natural::pow10(exponent).to_decimal_string(),
                BigUint::from(10u32).pow(exponent).to_string()
            );
        }
    }
}
