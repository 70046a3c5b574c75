//! Small-cell suppression for the counts a summary publishes.
//!
//! A count between 1 and k − 1 could point at one person or one entry, so it is hidden. Hiding
//! it is not enough when the total is shown: one hidden cell is the total minus the others. So
//! more cells are hidden (the smallest others first) until the hidden ones cannot be worked
//! out: at least two are hidden and their sum is more than their number (a sum equal to the
//! number of hidden cells would mean each is 1). When no cell is left to hide, the total goes too.

use serde::Serialize;

/// The smallest k a worker may choose: with k = 1 nothing would be protected.
pub const MIN_K: u64 = 2;
/// The default k.
pub const DEFAULT_K: u64 = 5;

/// A distribution as published: each cell's count, or `None` where it is withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    pub cells: Vec<Option<u64>>,
    pub total: Option<u64>,
}

/// Suppresses `counts` (whose total is published) for threshold `k` (at least [`MIN_K`]).
/// Zeros stay visible: they describe nobody.
pub fn suppress(counts: &[u64], k: u64) -> Published {
    let k = k.max(MIN_K);
    let total: u64 = counts.iter().sum();
    let mut hidden: Vec<bool> = counts.iter().map(|&c| c > 0 && c < k).collect();
    if total > 0 && total < k {
        return Published {
            cells: counts.iter().map(|&c| (c == 0).then_some(0)).collect(),
            total: None,
        };
    }
    loop {
        let (n, sum) = counts
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .fold((0u64, 0u64), |(n, s), (c, _)| (n + 1, s + c));
        if n == 0 || (n >= 2 && sum > n) {
            break;
        }
        // Hide the smallest visible non-zero cell as a complement.
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, c)| !hidden[*i] && **c > 0)
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => {
                return Published {
                    cells: counts
                        .iter()
                        .zip(&hidden)
                        .map(|(&c, &h)| (!h).then_some(c))
                        .collect(),
                    total: None,
                };
            }
        }
    }
    Published {
        cells: counts
            .iter()
            .zip(&hidden)
            .map(|(&c, &h)| (!h).then_some(c))
            .collect(),
        total: Some(total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// How many ways positive counts could fill the hidden cells, given what is shown; stops
    /// counting at 2, which is all the property needs.
    fn ways(hidden: usize, remaining: u64) -> u64 {
        match hidden {
            0 => u64::from(remaining == 0),
            1 => u64::from(remaining >= 1),
            _ => (1..remaining)
                .map(|first| ways(hidden - 1, remaining - first))
                .sum::<u64>()
                .min(2),
        }
    }

    #[test]
    fn one_small_cell_takes_the_next_smallest_with_it() {
        let p = suppress(&[12, 3, 7, 0], 5);
        assert_eq!(p.cells, vec![Some(12), None, None, Some(0)]);
        assert_eq!(p.total, Some(22));
    }

    #[test]
    fn two_ones_are_not_enough_because_their_sum_gives_them_away() {
        let p = suppress(&[1, 1, 9, 20], 5);
        assert_eq!(p.cells, vec![None, None, None, Some(20)]);
    }

    #[test]
    fn a_total_under_k_hides_everything_but_zeros() {
        let p = suppress(&[2, 0, 1], 5);
        assert_eq!(p.cells, vec![None, Some(0), None]);
        assert_eq!(p.total, None);
    }

    proptest! {
        #[test]
        fn no_cell_under_k_can_be_recovered_from_what_is_shown(
            counts in proptest::collection::vec(0u64..15, 1..7),
            k in 2u64..8,
        ) {
            let p = suppress(&counts, k);
            for (c, shown) in counts.iter().zip(&p.cells) {
                if *c > 0 && *c < k {
                    prop_assert!(shown.is_none(), "{counts:?} k={k}: {c} shown");
                }
                if let Some(s) = shown {
                    prop_assert_eq!(s, c);
                }
            }
            let hidden = p.cells.iter().filter(|c| c.is_none()).count();
            if let (Some(total), true) = (p.total, hidden > 0) {
                let shown: u64 = p.cells.iter().flatten().sum();
                prop_assert!(
                    ways(hidden, total - shown) >= 2,
                    "{counts:?} k={k}: the hidden cells have only one possible filling: {p:?}"
                );
            }
        }
    }
}
