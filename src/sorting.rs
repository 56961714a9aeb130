//! Sorting through one compiled copy of the standard library's stable sort.
//!
//! Each `slice::sort_by` with its own element type and comparison is compiled into a sort of
//! its own, about 4 KB of wasm apiece: the app had 83 of them, 300 KB of its code before
//! wasm-opt (issue 14: the app's weight). These functions sort the positions instead, with the
//! comparison behind a `dyn`, so the sort itself is compiled once, and then move the elements
//! into place by following the permutation's cycles (swaps, no clones).
//!
//! Invariants: the order is exactly `slice::sort_by`'s (stable: equal elements keep their
//! order), for any comparison. The sorts on a measured path over tens of thousands of elements
//! (the deadline table, the project list's keystroke, the 180,000 monthly reports put in month
//! order per project, the draft check's bigrams) call the standard sort directly.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by a key, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order, stably (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them: the one compiled sort.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts `items[order[i]]` at `i` for every `i`, in place: each cycle of the permutation is
/// walked once with swaps, and a visited position is marked by pointing it at itself.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        loop {
            let next = order[current];
            order[current] = current;
            if next == start || next == current {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no crate.
    fn numbers(seed: u64, count: usize, modulo: u64) -> Vec<u64> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn the_order_is_the_standard_stable_sorts_for_any_input() {
        for (seed, count, modulo) in [
            (1, 0, 1),
            (2, 1, 5),
            (3, 2, 2),
            (4, 17, 3),
            (5, 1000, 10),
            (6, 1000, 1_000_000),
        ] {
            // Pairs of (key, original place): the place shows whether equal keys kept their order.
            let items: Vec<(u64, usize)> =
                numbers(seed, count, modulo).into_iter().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            assert_eq!(ours, expected, "seed {seed}, {count} items");
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |item| std::cmp::Reverse(item.0));
            let mut reversed = items;
            reversed.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(by_key, reversed, "seed {seed}, by key");
        }
    }

    #[test]
    fn elements_that_cannot_be_copied_are_moved_not_cloned() {
        let mut names: Vec<String> = ["丙", "甲", "乙", "甲", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut names);
        assert_eq!(names, ["", "丙", "乙", "甲", "甲"]);
        let mut boxed: Vec<Box<i32>> = vec![Box::new(3), Box::new(1), Box::new(2)];
        sort_by(&mut boxed, |a, b| b.cmp(a));
        assert_eq!(boxed, [Box::new(3), Box::new(2), Box::new(1)]);
    }
}
