//! Stable sorting compiled once.
//!
//! The standard library's sort is compiled anew for every element type and
//! every comparison closure: about 4 KB of wasm each (stable sort) and 2 to
//! 3 KB (unstable), repeated in every page's module. The functions here sort
//! through one compiled copy instead: they work out the order of the
//! positions with a comparison passed as `&dyn Fn` (the one place the
//! standard sort is instantiated), then move the elements into that order
//! (a short loop per element type). The result is the standard stable
//! sort's, element for element (a property test below compares them); the
//! price is an allocation of one index per element and an indirect call per
//! comparison, so the engine's hot paths over many records (availability's
//! outages, interval unions, ticket clocks) keep the standard sort.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably (equal elements keep their order).
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives each, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..n` in the order `cmp` gives them, equal ones in their
/// own order: the one instance of the standard sort behind this module.
#[inline(never)]
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the elements so that position `i` holds what was at `order[i]`:
/// each cycle of the permutation is followed once, by swaps (linear time).
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // Marks `at` as holding its element.
            order[at] = at;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_stably_by_key() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn sorts_nothing_and_one() {
        let mut none: Vec<String> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
        let mut one = vec!["x".to_string()];
        sort(&mut one);
        assert_eq!(one, ["x"]);
    }

    proptest! {
        /// Element for element the standard stable sort's result, for any
        /// input and a comparison that sees only part of each element.
        #[test]
        fn same_as_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn strings_in_their_natural_order(items in prop::collection::vec("[a-c]{0,3}", 0..60)) {
            let mut ours = items.clone();
            sort(&mut ours);
            let mut std = items;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }
}
