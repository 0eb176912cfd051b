//! Slots for the state–action pairs one episode visits: sums over the episode's steps that
//! depend on a step only through its pair are gathered per pair, then met with each pair's
//! score once per episode (the long-episode paths of [`crate::estimators`] and
//! [`crate::grid`]).

/// A pair not visited yet.
const NO_SLOT: u32 = u32::MAX;

/// The pairs an episode has visited, each given a slot in the order of its first visit.
#[derive(Clone, Debug, Default)]
pub(crate) struct PairSlots {
    /// The slot of each pair `s * |A| + a`, or [`NO_SLOT`].
    slot_of: Vec<u32>,
    /// The pairs visited, in the order of their slots.
    pairs: Vec<(usize, usize)>,
    /// Their keys `s * |A| + a`, to forget them in [`PairSlots::clear`].
    keys: Vec<usize>,
}

impl PairSlots {
    /// The slot of (s, a) among `n_actions` actions, and whether this is its first visit.
    pub(crate) fn slot(&mut self, s: usize, a: usize, n_actions: usize) -> (usize, bool) {
        let key = s * n_actions + a;
        if self.slot_of.len() <= key {
            self.slot_of.resize(key + 1, NO_SLOT);
        }
        match self.slot_of[key] {
            NO_SLOT => {
                let slot = self.pairs.len();
                // Pairs number at most |S|·|A| ≤ the limits, far below u32::MAX.
                self.slot_of[key] = slot as u32;
                self.pairs.push((s, a));
                self.keys.push(key);
                (slot, true)
            }
            slot => (slot as usize, false),
        }
    }

    /// The pairs visited, in the order of their slots.
    pub(crate) fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// Forgets every pair, for the next episode, in work proportional to the pairs visited.
    pub(crate) fn clear(&mut self) {
        for &key in &self.keys {
            self.slot_of[key] = NO_SLOT;
        }
        self.pairs.clear();
        self.keys.clear();
    }
}
