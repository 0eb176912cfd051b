//! Empirical episode frequencies for step 4: how often each whole episode was sampled, set
//! beside the product formula P_θ(τ) (total-variation distance), and the action frequencies at
//! one state and time split by the previous action (the Markov property).
//!
//! An episode's identity is its states and actions; rewards follow from them. Memory stays
//! bounded however many episodes are counted: at most [`MAX_DISTINCT_EPISODES`] distinct
//! episodes holding at most [`MAX_KEY_UNITS`] units are counted one by one; the rest go to an
//! "other" bucket that is counted but not told apart.

use std::collections::HashMap;

use crate::blocks::{DecodeError, Reader};

use crate::exact::{Enumeration, ENUMERATION_LIMIT, ENUMERATION_STEP_LIMIT};
use crate::mdp::{limits, mdp_error, Mdp, MdpError};
use crate::sample::Episode;

/// Most distinct episodes counted one by one; as many as an [`Enumeration`] can list, so every
/// episode of an enumerable MDP gets its own count.
pub const MAX_DISTINCT_EPISODES: usize = ENUMERATION_LIMIT;

/// Most key units stored (one 16-bit unit per state: about 8 MB); as many as the episodes of
/// any enumerable MDP need, so an episode cap is never hit there.
pub const MAX_KEY_UNITS: usize = ENUMERATION_STEP_LIMIT + ENUMERATION_LIMIT;

// A key packs each step into one 16-bit unit: s₀, then a_t·MAX_STATES + s_{t+1}.
const _: () = assert!(limits::MAX_STATES * limits::MAX_ACTIONS <= 1 << 16);

/// Counts of sampled episodes by identity (states and actions).
#[derive(Clone, Debug)]
pub struct EpisodeCounter {
    n_states: usize,
    n_actions: usize,
    max_distinct: usize,
    counts: HashMap<Box<[u16]>, u64>,
    key_units: usize,
    other: u64,
    total: u64,
    /// Reused key buffer, so counting a known episode allocates nothing.
    scratch: Vec<u16>,
}

/// Writes the compact key of `episode` into `out`; false if it does not fit the MDP's numbers
/// (a state or action out of range, or states not one longer than actions).
fn encode(episode: &Episode, n_states: usize, n_actions: usize, out: &mut Vec<u16>) -> bool {
    out.clear();
    if episode.states.len() != episode.actions.len() + 1
        || episode.states.iter().any(|&s| s >= n_states)
        || episode.actions.iter().any(|&a| a >= n_actions)
    {
        return false;
    }
    out.push(episode.states[0] as u16);
    for (t, &a) in episode.actions.iter().enumerate() {
        out.push((a * limits::MAX_STATES + episode.states[t + 1]) as u16);
    }
    true
}

impl EpisodeCounter {
    /// An empty counter for episodes of `mdp`.
    pub fn new(mdp: &Mdp) -> EpisodeCounter {
        EpisodeCounter::with_limit(mdp, MAX_DISTINCT_EPISODES)
    }

    /// An empty counter that tells apart at most `max_distinct` episodes (capped at
    /// [`MAX_DISTINCT_EPISODES`]); a small one shows the "other" bucket at work.
    pub fn with_limit(mdp: &Mdp, max_distinct: usize) -> EpisodeCounter {
        EpisodeCounter {
            n_states: mdp.num_states(),
            n_actions: mdp.num_actions(),
            max_distinct: max_distinct.min(MAX_DISTINCT_EPISODES),
            counts: HashMap::new(),
            key_units: 0,
            other: 0,
            total: 0,
            scratch: Vec::new(),
        }
    }

    /// Counts one episode. A new episode that would pass the caps, or one that does not fit
    /// this MDP, goes to the "other" bucket.
    pub fn add(&mut self, episode: &Episode) {
        self.total += 1;
        if !encode(episode, self.n_states, self.n_actions, &mut self.scratch) {
            self.other += 1;
            return;
        }
        if let Some(count) = self.counts.get_mut(self.scratch.as_slice()) {
            *count += 1;
        } else if self.counts.len() < self.max_distinct
            && self.key_units + self.scratch.len() <= MAX_KEY_UNITS
        {
            self.key_units += self.scratch.len();
            self.counts
                .insert(self.scratch.clone().into_boxed_slice(), 1);
        } else {
            self.other += 1;
        }
    }

    /// Appends the counts in flat form: the total, the "other" bucket, the number of
    /// distinct episodes, then each one's key length, key units and count.
    pub fn encode(&self, out: &mut Vec<f64>) {
        out.extend([
            self.total as f64,
            self.other as f64,
            self.counts.len() as f64,
        ]);
        for (key, &count) in &self.counts {
            out.push(key.len() as f64);
            out.extend(key.iter().map(|&b| f64::from(b)));
            out.push(count as f64);
        }
    }

    /// Reads counts in the flat form of [`EpisodeCounter::encode`] and, if `apply`, adds them
    /// to these; an episode new here that would pass the caps goes to the "other" bucket.
    ///
    /// # Errors
    /// The flat form is not one of counts.
    pub fn merge(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        let total = r.count("episodes counted")?;
        let other = r.count("other episodes")?;
        let distinct = r.count_up_to(MAX_DISTINCT_EPISODES, "distinct episodes")?;
        if apply {
            self.total += total;
            self.other += other;
        }
        for _ in 0..distinct {
            let len = r.count_up_to(MAX_KEY_UNITS, "episode key")?;
            let key = r.take(len, "episode key")?;
            let count = r.count("episode count")?;
            if key
                .iter()
                .any(|&b| !(0.0..65536.0).contains(&b) || b.fract() != 0.0)
            {
                return Err(DecodeError("an episode key unit out of range".into()));
            }
            if !apply {
                continue;
            }
            self.scratch.clear();
            self.scratch.extend(key.iter().map(|&b| b as u16));
            if let Some(c) = self.counts.get_mut(self.scratch.as_slice()) {
                *c += count;
            } else if self.counts.len() < self.max_distinct
                && self.key_units + self.scratch.len() <= MAX_KEY_UNITS
            {
                self.key_units += self.scratch.len();
                self.counts
                    .insert(self.scratch.clone().into_boxed_slice(), count);
            } else {
                self.other += count;
            }
        }
        Ok(())
    }

    /// Drops every count.
    pub fn clear(&mut self) {
        self.counts.clear();
        self.key_units = 0;
        self.other = 0;
        self.total = 0;
    }

    /// Episodes counted, the "other" bucket included.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Distinct episodes counted one by one.
    pub fn distinct(&self) -> usize {
        self.counts.len()
    }

    /// Episodes in the "other" bucket: new ones that came after the caps were reached, and any
    /// that do not fit the MDP. Zero for every enumerable MDP.
    pub fn other(&self) -> u64 {
        self.other
    }

    /// How often `episode` was counted (zero if it is in the "other" bucket or never seen).
    pub fn count(&self, episode: &Episode) -> u64 {
        let mut key = Vec::with_capacity(episode.states.len());
        if !encode(episode, self.n_states, self.n_actions, &mut key) {
            return 0;
        }
        self.counts.get(key.as_slice()).copied().unwrap_or(0)
    }

    /// The count of each enumerated episode, in the order of [`Enumeration::episodes`] (for a
    /// scatter of count/N against P(τ)).
    pub fn counts_for(&self, enumeration: &Enumeration) -> Vec<u64> {
        let mut key = Vec::new();
        enumeration
            .episodes()
            .iter()
            .map(|episode| {
                if encode(episode, self.n_states, self.n_actions, &mut key) {
                    self.counts.get(key.as_slice()).copied().unwrap_or(0)
                } else {
                    0
                }
            })
            .collect()
    }

    /// The total-variation distance ½ Σ_τ |count(τ)/N − P(τ)| between the empirical episode
    /// distribution and the enumerated one.
    ///
    /// Sampled episodes that are not in the enumeration count fully (their P is zero), and so
    /// does the "other" bucket: spreading its mass over the episodes it hides could only lower
    /// the sum, so with a non-empty bucket this is an upper bound, exact otherwise. With no
    /// episode counted it is 1, the largest distance.
    pub fn total_variation(&self, enumeration: &Enumeration) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let n = self.total as f64;
        let counts = self.counts_for(enumeration);
        let mut matched = 0u64;
        let mut sum = 0.0;
        for (&count, &p) in counts.iter().zip(enumeration.probabilities()) {
            matched += count;
            sum += (count as f64 / n - p).abs();
        }
        // Everything not matched to an enumerated episode: unknown episodes and the bucket.
        sum += (self.total - matched) as f64 / n;
        0.5 * sum
    }

    /// Action counts at `state` at time `time` split by the previous action, gathered from the
    /// episodes counted one by one (the "other" bucket is left out).
    ///
    /// Errors as [`ActionsByHistory::new`].
    pub fn action_frequencies_by_history(
        &self,
        mdp: &Mdp,
        state: usize,
        time: usize,
    ) -> Result<ActionsByHistory, MdpError> {
        let mut split = ActionsByHistory::new(mdp, state, time)?;
        for (key, &count) in &self.counts {
            // Unit t holds a_{t−1} and s_t; unit t + 1 holds a_t.
            if key.len() <= time + 1 {
                continue;
            }
            let (previous, here) = (
                key[time] as usize / limits::MAX_STATES,
                key[time] as usize % limits::MAX_STATES,
            );
            if here == state {
                let action = key[time + 1] as usize / limits::MAX_STATES;
                split.counts[previous * split.n_actions + action] += count;
            }
        }
        Ok(split)
    }
}

/// Counts of the action a_t taken at s_t = `state`, split by the previous action a_{t−1}, at
/// one time t ≥ 1. The Markov property says each split has the same action distribution,
/// π_θ(·|state), whatever came before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionsByHistory {
    state: usize,
    time: usize,
    n_actions: usize,
    /// `counts[previous * n_actions + action]`.
    counts: Vec<u64>,
}

impl ActionsByHistory {
    /// Empty counts for `state` at `time`. Errors (located at `state` or `time`) when the state
    /// is out of range or terminal (no action is taken there), or when the time is 0 (there is
    /// no previous action) or not below the horizon.
    pub fn new(mdp: &Mdp, state: usize, time: usize) -> Result<ActionsByHistory, MdpError> {
        if state >= mdp.num_states() {
            return Err(mdp_error!(
                "state",
                "mdp-error-state-number",
                "{state} is not a state number below {count}",
                state = state,
                count = mdp.num_states(),
            ));
        }
        if mdp.is_terminal(state) {
            return Err(mdp_error!(
                "state",
                "mdp-error-state-terminal",
                "'{name}' is terminal: no action is taken there",
                name = mdp.states()[state],
            ));
        }
        if time == 0 || time >= mdp.horizon() {
            return Err(mdp_error!(
                "time",
                "mdp-error-time-range",
                "must be between 1 and {max} (one below the horizon), not {value}",
                max = mdp.horizon().saturating_sub(1),
                value = time,
            ));
        }
        let n_actions = mdp.num_actions();
        Ok(ActionsByHistory {
            state,
            time,
            n_actions,
            counts: vec![0; n_actions * n_actions],
        })
    }

    /// Counts one episode if it is at `state` at `time` (and took an action there).
    pub fn add(&mut self, episode: &Episode) {
        let t = self.time;
        if episode.actions.len() > t && episode.states.get(t) == Some(&self.state) {
            let (previous, action) = (episode.actions[t - 1], episode.actions[t]);
            if previous < self.n_actions && action < self.n_actions {
                self.counts[previous * self.n_actions + action] += 1;
            }
        }
    }

    /// The state s.
    pub fn state(&self) -> usize {
        self.state
    }

    /// The time t.
    pub fn time(&self) -> usize {
        self.time
    }

    /// Number of actions.
    pub fn num_actions(&self) -> usize {
        self.n_actions
    }

    /// Episodes with a_{t−1} = `previous`, s_t = s and a_t = `action`.
    pub fn count(&self, previous: usize, action: usize) -> u64 {
        if previous >= self.n_actions || action >= self.n_actions {
            return 0;
        }
        self.counts[previous * self.n_actions + action]
    }

    /// Episodes with a_{t−1} = `previous` and s_t = s.
    pub fn total(&self, previous: usize) -> u64 {
        (0..self.n_actions).map(|a| self.count(previous, a)).sum()
    }

    /// The frequency of `action` among episodes with a_{t−1} = `previous` and s_t = s, with
    /// its binomial standard error √(f(1−f)/n); `None` before any such episode.
    pub fn frequency(&self, previous: usize, action: usize) -> Option<(f64, f64)> {
        let n = self.total(previous);
        if n == 0 {
            return None;
        }
        let f = self.count(previous, action) as f64 / n as f64;
        Some((f, (f * (1.0 - f) / n as f64).sqrt()))
    }
}
