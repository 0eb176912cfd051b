//! Episodes in fixed blocks, each with a random stream of its own, and the flat form in which a
//! block's sums travel: so any number of workers, merging blocks in block order, gives the same
//! numbers for a seed, in the browser and natively (DESIGN §6).
//!
//! **The block rule.** With B the block size of the MDP ([`Blocks::for_horizon`]: the largest
//! power of ten up to 1000 with B·H ≤ 100 000, at least 10), the blocks end at the checkpoints
//! 1, 2, 5, 10, 20, 50, … up to B, then every B episodes. Every checkpoint of the convergence
//! charts (1, 2, 5, … 10ⁿ) is the end of a block.
//!
//! **The seed rule.** Block b draws from xoshiro256++ seeded by rand's `seed_from_u64` with
//! `splitmix64(seed) XOR b`, where splitmix64 is Steele, Lea and Flood's finaliser (SplitMix64,
//! OOPSLA 2014) applied to `seed + 0x9E3779B97F4A7C15`.
//!
//! **Pieces.** A run that stops inside a block (a target of 12 345 episodes) merges the block's
//! first episodes as a piece; going on later merges the rest as another piece. A block's
//! episodes are the same either way; only the rounding of the sums depends on where a run
//! stopped.

use std::fmt;
use std::ops::Range;

/// The block layout of one MDP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Blocks {
    size: u64,
}

/// The checkpoints up to 1000 (the largest block size), in order.
const WARM_UP: [u64; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/// Environment steps a block may take at most, at the horizon: a block is a worker's unit of
/// work and of reporting, so its time stays around a tenth of a second.
const STEPS_PER_BLOCK: u64 = 100_000;

impl Blocks {
    /// The layout for episodes of at most `horizon` steps.
    pub fn for_horizon(horizon: usize) -> Blocks {
        let horizon = horizon.max(1) as u64;
        let mut size = 1000;
        while size > 10 && size * horizon > STEPS_PER_BLOCK {
            size /= 10;
        }
        Blocks { size }
    }

    /// Episodes in a full block after the warm-up (10, 100 or 1000).
    pub fn size(&self) -> u64 {
        self.size
    }

    fn warm_up(&self) -> &'static [u64] {
        let n = WARM_UP.iter().position(|&c| c == self.size).unwrap_or(0) + 1;
        &WARM_UP[..n]
    }

    /// The episodes of block `index`: `start..end`, numbered from 0.
    pub fn range(&self, index: u64) -> Range<u64> {
        let warm = self.warm_up();
        let end_of = |i: u64| -> u64 {
            match warm.get(i as usize) {
                Some(&end) => end,
                None => self
                    .size
                    .saturating_mul((i - warm.len() as u64).saturating_add(2)),
            }
        };
        let start = if index == 0 { 0 } else { end_of(index - 1) };
        start..end_of(index)
    }

    /// The block holding episode `episode` (numbered from 0).
    pub fn index_of(&self, episode: u64) -> u64 {
        let warm = self.warm_up();
        match warm.iter().position(|&end| episode < end) {
            Some(i) => i as u64,
            None => warm.len() as u64 + (episode - self.size) / self.size,
        }
    }
}

/// Whether `n` is a checkpoint of the convergence charts, 1, 2, 5, 10, 20, 50, … (a 1-2-5
/// series): every one is the end of a block, so a count merged piece by piece never passes
/// one without stopping on it.
pub fn is_checkpoint(n: u64) -> bool {
    let mut m = n;
    while m >= 10 && m.is_multiple_of(10) {
        m /= 10;
    }
    matches!(m, 1 | 2 | 5)
}

/// SplitMix64's output function on `x + golden gamma`.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of block `index`'s generator for the run seeded `seed` (the module's seed rule).
pub fn block_seed(seed: u64, index: u64) -> u64 {
    splitmix64(seed) ^ index
}

/// A flat form is shorter, longer or shaped otherwise than the sums it should merge into:
/// the sender and the receiver built their sums for different models.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "block sums do not fit: {}", self.0)
    }
}

impl std::error::Error for DecodeError {}

/// Reads numbers off a flat form, front to back.
pub struct Reader<'a> {
    data: &'a [f64],
}

impl<'a> Reader<'a> {
    /// A reader of `data`.
    pub fn new(data: &'a [f64]) -> Reader<'a> {
        Reader { data }
    }

    /// The next `n` numbers.
    ///
    /// # Errors
    /// Fewer than `n` are left; `what` names them.
    pub fn take(&mut self, n: usize, what: &str) -> Result<&'a [f64], DecodeError> {
        if n > self.data.len() {
            return Err(DecodeError(format!(
                "{what}: {n} numbers wanted, {} left",
                self.data.len()
            )));
        }
        let (head, tail) = self.data.split_at(n);
        self.data = tail;
        Ok(head)
    }

    /// The next number as a count (a whole number from 0 to 2⁵³).
    ///
    /// # Errors
    /// Nothing is left, or the number is not a count; `what` names it.
    pub fn count(&mut self, what: &str) -> Result<u64, DecodeError> {
        let x = self.take(1, what)?[0];
        if x >= 0.0 && x.fract() == 0.0 && x <= (1u64 << 53) as f64 {
            Ok(x as u64)
        } else {
            Err(DecodeError(format!("{what}: {x} is not a count")))
        }
    }

    /// The next number as a count of at most `max`.
    ///
    /// # Errors
    /// As [`Reader::count`], or the count is above `max`.
    pub fn count_up_to(&mut self, max: usize, what: &str) -> Result<usize, DecodeError> {
        let n = self.count(what)?;
        if n > max as u64 {
            return Err(DecodeError(format!("{what}: {n} is above {max}")));
        }
        Ok(n as usize)
    }

    /// Checks that every number has been read.
    ///
    /// # Errors
    /// Numbers are left over.
    pub fn finish(self) -> Result<(), DecodeError> {
        if self.data.is_empty() {
            Ok(())
        } else {
            Err(DecodeError(format!(
                "{} numbers left over",
                self.data.len()
            )))
        }
    }
}

/// Adds `values` into `into`, entry by entry.
pub(crate) fn add_into(into: &mut [f64], values: &[f64]) {
    for (a, &b) in into.iter_mut().zip(values) {
        *a += b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_on_every_checkpoint_then_every_block_size() {
        let b = Blocks::for_horizon(20);
        assert_eq!(b.size(), 1000);
        let ends: Vec<u64> = (0..13).map(|i| b.range(i).end).collect();
        assert_eq!(
            ends,
            [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 3000, 4000]
        );
        for i in 1..40 {
            assert_eq!(b.range(i).start, b.range(i - 1).end, "block {i}");
        }
        // 1-2-5 checkpoints beyond the warm-up are ends of blocks.
        for c in [2000u64, 5000, 10_000, 20_000, 50_000, 1_000_000] {
            let i = b.index_of(c - 1);
            assert_eq!(b.range(i).end, c);
        }
    }

    #[test]
    fn checkpoints_are_the_one_two_five_series() {
        let found: Vec<u64> = (0..=20_000).filter(|&n| is_checkpoint(n)).collect();
        assert_eq!(
            found,
            [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000]
        );
        assert!(is_checkpoint(5_000_000) && !is_checkpoint(3_000_000));
        // Every checkpoint ends a block, for every block size.
        for horizon in [10, 500, 10_000] {
            let b = Blocks::for_horizon(horizon);
            for n in found.iter().copied().chain([1_000_000, 2_000_000]) {
                assert_eq!(b.range(b.index_of(n - 1)).end, n, "H {horizon}, {n}");
            }
        }
    }

    #[test]
    fn long_episodes_get_small_blocks() {
        assert_eq!(Blocks::for_horizon(100).size(), 1000);
        assert_eq!(Blocks::for_horizon(101).size(), 100);
        assert_eq!(Blocks::for_horizon(1000).size(), 100);
        assert_eq!(Blocks::for_horizon(5000).size(), 10);
        assert_eq!(Blocks::for_horizon(1_000_000).size(), 10);
        let b = Blocks::for_horizon(500);
        let ends: Vec<u64> = (0..5).map(|i| b.range(i).end).collect();
        assert_eq!(ends, [1, 2, 5, 10, 20]);
        assert_eq!(b.range(7), 100..200);
        assert_eq!(b.range(8), 200..300);
    }

    #[test]
    fn every_episode_lies_in_the_block_index_of_names() {
        for horizon in [10, 500, 10_000] {
            let b = Blocks::for_horizon(horizon);
            for e in (0..5000).chain([123_456, 999_999]) {
                assert!(b.range(b.index_of(e)).contains(&e), "H {horizon}, {e}");
            }
        }
    }

    #[test]
    fn block_seeds_differ_between_blocks_and_seeds() {
        let mut seen = std::collections::HashSet::new();
        for seed in 0..50 {
            for block in 0..50 {
                assert!(seen.insert(block_seed(seed, block)));
            }
        }
    }

    #[test]
    fn a_reader_names_what_is_missing_or_malformed() {
        let data = [3.0, 1.5, 2.0];
        let mut r = Reader::new(&data);
        assert_eq!(r.count("count").unwrap(), 3);
        assert!(r.count("episodes").unwrap_err().0.contains("episodes: 1.5"));
        let e = r.take(2, "sums").unwrap_err();
        assert_eq!(e.0, "sums: 2 numbers wanted, 1 left");
        let mut r = Reader::new(&data);
        r.take(1, "x").unwrap();
        assert!(r.finish().unwrap_err().0.contains("2 numbers left over"));
    }
}
