//! The cross terms of steps 6–7: `C[k,t]` = E\[γ^k R_k ∇ln π_θ(a_t|s_t)\], a d-vector per cell,
//! estimated from sampled episodes and computed exactly by dynamic programming.
//!
//! Summed over every cell, C gives the mean of the `trajectory` estimator; summed over k ≥ t,
//! ∇J. The cells with k < t are zero (causality), which the heatmap shows within its band.
//! Both routes use the layout `[(k * len + t) * d + i]`.

use crate::blocks::{add_into, DecodeError, Reader};
use crate::exact::occupancy;
use crate::mdp::Mdp;
use crate::policy::Policy;
use crate::sample::Episode;

/// Most rows and columns tracked: len = min(H, this). A heatmap of more cells would not be
/// readable, and the O(len²·d) work per episode stays small. Cells with k or t at or beyond it
/// are not tracked, so for H above it the sums over cells miss the late terms.
pub const MAX_CROSS_TERM_LEN: usize = 24;

/// The side of the cross-term matrix for `mdp`: min(H, [`MAX_CROSS_TERM_LEN`]).
pub fn cross_term_len(mdp: &Mdp) -> usize {
    mdp.horizon().min(MAX_CROSS_TERM_LEN)
}

/// Monte Carlo sums of R_k·∇ln π(a_t|s_t) and of its square, per component, over episodes.
///
/// They carry no γ: `C[k,t]` = γ^k E\[R_k score_t\] is scaled at read time, so a γ change costs
/// O(len²·d) and needs no resampling.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossTermSums {
    len: usize,
    dim: usize,
    count: u64,
    sum: Vec<f64>,
    sum_sq: Vec<f64>,
}

/// A Monte Carlo estimate of the cross-term matrix at one γ.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossTermEstimate {
    /// Rows and columns: k, t < len.
    pub len: usize,
    /// Entries per cell, d.
    pub dim: usize,
    /// Episodes behind the estimate.
    pub count: u64,
    /// Sample mean of γ^k R_k ∇ln π(a_t|s_t), at `[(k * len + t) * dim + i]`.
    pub mean: Vec<f64>,
    /// Its standard error, same layout (zero with fewer than two episodes).
    pub stderr: Vec<f64>,
}

/// γ^k for k < len, with γ⁰ = 1 also at γ = 0.
fn discounts(gamma: f64, len: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(len);
    let mut discount = 1.0;
    for _ in 0..len {
        out.push(discount);
        discount *= gamma;
    }
    out
}

impl CrossTermSums {
    /// Empty sums for the episodes of `mdp`, over [`cross_term_len`] rows and columns.
    pub fn new(mdp: &Mdp) -> CrossTermSums {
        let (len, dim) = (cross_term_len(mdp), mdp.dim());
        CrossTermSums {
            len,
            dim,
            count: 0,
            sum: vec![0.0; len * len * dim],
            sum_sq: vec![0.0; len * len * dim],
        }
    }

    /// Adds one episode sampled under `policy`; steps at or beyond `len` are not tracked.
    pub fn add(&mut self, episode: &Episode, policy: &Policy) {
        let (len, d) = (self.len, self.dim);
        self.count += 1;
        let steps = episode.len().min(len);
        for k in 0..steps {
            let r = episode.rewards[k];
            // A zero reward adds zero to every cell of its row; rewards are often sparse.
            if r == 0.0 {
                continue;
            }
            for t in 0..steps {
                let score = policy.score(episode.states[t], episode.actions[t]);
                let cell = (k * len + t) * d;
                for (i, &x) in score.iter().enumerate() {
                    let v = r * x;
                    self.sum[cell + i] += v;
                    self.sum_sq[cell + i] += v * v;
                }
            }
        }
    }

    /// Appends the sums in flat form: the count, the sums, the squares.
    pub fn encode(&self, out: &mut Vec<f64>) {
        out.push(self.count as f64);
        out.extend_from_slice(&self.sum);
        out.extend_from_slice(&self.sum_sq);
    }

    /// Reads sums in the flat form of [`CrossTermSums::encode`] and, if `apply`, adds them to
    /// these.
    ///
    /// # Errors
    /// The flat form does not fit sums of this shape.
    pub fn merge(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        let count = r.count("cross-term episodes")?;
        let sum = r.take(self.sum.len(), "cross-term sums")?;
        let sum_sq = r.take(self.sum_sq.len(), "cross-term squares")?;
        if apply {
            self.count += count;
            add_into(&mut self.sum, sum);
            add_into(&mut self.sum_sq, sum_sq);
        }
        Ok(())
    }

    /// Drops every episode.
    pub fn clear(&mut self) {
        self.count = 0;
        self.sum.fill(0.0);
        self.sum_sq.fill(0.0);
    }

    /// Episodes added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Rows and columns tracked.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no cell is tracked (never, for a valid MDP).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entries per cell, d.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Means and standard errors of every cell at discount γ.
    pub fn estimate(&self, gamma: f64) -> CrossTermEstimate {
        let (len, d) = (self.len, self.dim);
        let mut mean = vec![0.0; self.sum.len()];
        let mut stderr = vec![0.0; self.sum.len()];
        if self.count > 0 {
            let n = self.count as f64;
            let discount = discounts(gamma, len);
            for (k, &g) in discount.iter().enumerate() {
                let row = k * len * d..(k + 1) * len * d;
                for j in row {
                    let m = self.sum[j] / n;
                    mean[j] = g * m;
                    if self.count > 1 {
                        // γ^k scales every value of row k, so its standard error too.
                        let variance = ((self.sum_sq[j] - n * m * m) / (n - 1.0)).max(0.0);
                        stderr[j] = g * (variance / n).sqrt();
                    }
                }
            }
        }
        CrossTermEstimate {
            len,
            dim: d,
            count: self.count,
            mean,
            stderr,
        }
    }
}

/// E\[f_{t+ℓ} | s_t = s, a_t = a\] for ℓ = 0, 1, …, for a per-step quantity f(s,a) of `width`
/// entries that is zero once the episode has ended, walked forward one lag at a time.
struct Lookahead<'a> {
    mdp: &'a Mdp,
    policy: &'a Policy,
    width: usize,
    /// `[(s * |A| + a) * width + i]` at the current lag.
    table: Vec<f64>,
    /// Σ_b π(b|s) table(s,b), per state: the expectation on arriving in s.
    arrival: Vec<f64>,
}

impl<'a> Lookahead<'a> {
    /// Lag 0: f itself.
    fn new(
        mdp: &'a Mdp,
        policy: &'a Policy,
        width: usize,
        f: impl Fn(usize, usize) -> Vec<f64>,
    ) -> Self {
        let (n_states, n_actions) = (mdp.num_states(), mdp.num_actions());
        let mut table = vec![0.0; n_states * n_actions * width];
        for s in (0..n_states).filter(|&s| !mdp.is_terminal(s)) {
            for a in 0..n_actions {
                let i = (s * n_actions + a) * width;
                table[i..i + width].copy_from_slice(&f(s, a));
            }
        }
        Lookahead {
            mdp,
            policy,
            width,
            table,
            arrival: vec![0.0; n_states * width],
        }
    }

    /// The table at lag ℓ, `[(s * |A| + a) * width + i]`.
    fn table(&self) -> &[f64] {
        &self.table
    }

    /// One lag further: E_{ℓ+1}(s,a) = Σ_{s' non-terminal} P(s'|s,a) Σ_b π(b|s') E_ℓ(s',b).
    /// Within the horizon, the only way to stop is a terminal state, where f is zero.
    fn advance(&mut self) {
        let (n_states, n_actions, w) = (self.mdp.num_states(), self.mdp.num_actions(), self.width);
        self.arrival.fill(0.0);
        for s in (0..n_states).filter(|&s| !self.mdp.is_terminal(s)) {
            for a in 0..n_actions {
                let p = self.policy.prob(s, a);
                let row = &self.table[(s * n_actions + a) * w..(s * n_actions + a + 1) * w];
                for (x, &v) in self.arrival[s * w..(s + 1) * w].iter_mut().zip(row) {
                    *x += p * v;
                }
            }
        }
        self.table.fill(0.0);
        for s in (0..n_states).filter(|&s| !self.mdp.is_terminal(s)) {
            for a in 0..n_actions {
                let out = (s * n_actions + a) * w;
                for &(next, p) in self.mdp.successors(s, a) {
                    if self.mdp.is_terminal(next) {
                        continue;
                    }
                    for i in 0..w {
                        self.table[out + i] += p * self.arrival[next * w + i];
                    }
                }
            }
        }
    }
}

/// The exact cross terms `C[k,t]` = E\[γ^k R_k ∇ln π(a_t|s_t)\] for k, t < `len`, by dynamic
/// programming (no enumeration), laid out as `[(k * len + t) * d + i]`.
///
/// With d_t the state distribution of [`occupancy`], for k ≥ t
/// E\[R_k score_t\] = Σ_s d_t(s) Σ_a π(a|s) score(s,a) E\[R_k | s_t=s, a_t=a\],
/// the reward carried k − t steps forward; for k < t the roles swap,
/// E\[R_k score_t\] = Σ_s d_k(s) Σ_a π(a|s) R(s,a) E\[score_t | s_k=s, a_k=a\],
/// the score carried t − k steps forward. The latter is computed as written rather than set
/// to zero: that it comes out zero (E\[score_t | s_t\] = 0) is what step 7 shows.
/// Cells with k or t at or beyond H are zero (no action is taken there), so a `len` above
/// [`cross_term_len`] only adds zeros.
pub fn exact_cross_terms(mdp: &Mdp, policy: &Policy, gamma: f64, len: usize) -> Vec<f64> {
    let all: Vec<usize> = (0..policy.dim()).collect();
    exact_cross_terms_of(mdp, policy, gamma, len, &all)
}

/// [`exact_cross_terms`] of the entries `components` of ∇ln π only, laid out as
/// `[(k * len + t) * m + j]` for the j-th of the m components listed: a panel that shows one
/// component pays for one, not for d (entries past d read 0).
pub fn exact_cross_terms_of(
    mdp: &Mdp,
    policy: &Policy,
    gamma: f64,
    len: usize,
    components: &[usize],
) -> Vec<f64> {
    let d = components.len();
    let n_actions = mdp.num_actions();
    // The scores' entries in `components`, per (s, a): `[(s * |A| + a) * d + j]`.
    let picked: Vec<f64> = (0..mdp.num_states() * n_actions)
        .flat_map(|i| {
            let score = policy.score(i / n_actions.max(1), i % n_actions.max(1));
            components
                .iter()
                .map(move |&k| score.get(k).copied().unwrap_or(0.0))
        })
        .collect();
    let picked_of =
        |s: usize, a: usize| &picked[(s * n_actions + a) * d..(s * n_actions + a + 1) * d];
    let mut c = vec![0.0; len * len * d];
    let steps = len.min(mdp.horizon());
    if steps == 0 {
        return c;
    }
    let occ = occupancy(mdp, policy);
    let discount = discounts(gamma, steps);
    let live: Vec<usize> = (0..mdp.num_states())
        .filter(|&s| !mdp.is_terminal(s))
        .collect();

    // Upper triangle and diagonal: the reward lag ℓ = k − t.
    let mut reward = Lookahead::new(mdp, policy, 1, |s, a| vec![mdp.reward(s, a)]);
    for lag in 0..steps {
        let expected = reward.table();
        for t in 0..steps - lag {
            let k = t + lag;
            let cell = &mut c[(k * len + t) * d..(k * len + t + 1) * d];
            for &s in &live {
                let mass = occ[t][s];
                if mass == 0.0 {
                    continue;
                }
                for a in 0..n_actions {
                    let weight =
                        discount[k] * mass * policy.prob(s, a) * expected[s * n_actions + a];
                    if weight == 0.0 {
                        continue;
                    }
                    for (x, &v) in cell.iter_mut().zip(picked_of(s, a)) {
                        *x += weight * v;
                    }
                }
            }
        }
        reward.advance();
    }

    // Lower triangle: the score lag ℓ = t − k ≥ 1.
    let mut score = Lookahead::new(mdp, policy, d, |s, a| picked_of(s, a).to_vec());
    for lag in 1..steps {
        score.advance();
        let expected = score.table();
        for k in 0..steps - lag {
            let t = k + lag;
            let cell = &mut c[(k * len + t) * d..(k * len + t + 1) * d];
            for &s in &live {
                let mass = occ[k][s];
                if mass == 0.0 {
                    continue;
                }
                for a in 0..n_actions {
                    let weight = discount[k] * mass * policy.prob(s, a) * mdp.reward(s, a);
                    if weight == 0.0 {
                        continue;
                    }
                    let row = &expected[(s * n_actions + a) * d..(s * n_actions + a + 1) * d];
                    for (x, &v) in cell.iter_mut().zip(row) {
                        *x += weight * v;
                    }
                }
            }
        }
    }
    c
}
