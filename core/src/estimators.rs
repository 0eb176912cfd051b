//! The four per-episode gradient estimators (DESIGN §3.3), evaluated directly at one γ and as
//! polynomials in γ whose coefficients can be summed over episodes.

use crate::exact::RewardProfile;
use crate::pair_slots::PairSlots;
use crate::policy::Policy;
use crate::sample::Episode;

/// A per-episode estimator of a gradient direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Estimator {
    /// G₀ · Σ_t ∇ln π(a_t|s_t) (derivation steps 3–5).
    Trajectory,
    /// Σ_t γ^t G_t ∇ln π(a_t|s_t) (steps 7–8).
    RewardToGo,
    /// Σ_t G_t ∇ln π(a_t|s_t), without γ^t (step 9): biased unless γ = 1.
    NoDiscountWeight,
    /// Σ_t γ^t (G_t − V_{H−t}(s_t)) ∇ln π(a_t|s_t) (step 10).
    Baseline,
}

impl Estimator {
    /// Every estimator, in the order used by arrays of results.
    pub const ALL: [Estimator; 4] = [
        Estimator::Trajectory,
        Estimator::RewardToGo,
        Estimator::NoDiscountWeight,
        Estimator::Baseline,
    ];

    /// The id used in reports, URLs and test ids.
    pub fn id(self) -> &'static str {
        match self {
            Estimator::Trajectory => "trajectory",
            Estimator::RewardToGo => "reward_to_go",
            Estimator::NoDiscountWeight => "no_discount_weight",
            Estimator::Baseline => "baseline",
        }
    }

    /// The estimator with this id.
    pub fn from_id(id: &str) -> Option<Estimator> {
        Estimator::ALL.into_iter().find(|e| e.id() == id)
    }

    /// Position in [`Estimator::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// G₀ and every estimator of one episode at one γ.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeValues {
    /// The discounted return G₀.
    pub g0: f64,
    /// One vector per estimator, in the order of [`Estimator::ALL`].
    pub estimators: Vec<Vec<f64>>,
}

/// Evaluates every estimator on one episode straight from the formulas of DESIGN §3.3.
///
/// `values` are the state values `V[h][s]` for h = 0..=H at the same γ (the baseline).
pub fn evaluate_all(
    episode: &Episode,
    policy: &Policy,
    gamma: f64,
    values: &[Vec<f64>],
) -> EpisodeValues {
    let horizon = values.len() - 1;
    let t_len = episode.len();
    let dim = policy.dim();
    let mut returns = vec![0.0; t_len + 1];
    for t in (0..t_len).rev() {
        returns[t] = episode.rewards[t] + gamma * returns[t + 1];
    }
    let mut estimators = vec![vec![0.0; dim]; 4];
    let mut discount = 1.0;
    for t in 0..t_len {
        let (s, a) = (episode.states[t], episode.actions[t]);
        let score = policy.score(s, a);
        let weights = [
            returns[0],
            discount * returns[t],
            returns[t],
            discount * (returns[t] - values[horizon - t][s]),
        ];
        for (vector, w) in estimators.iter_mut().zip(weights) {
            for &i in policy.score_support(s, a) {
                vector[i as usize] += w * score[i as usize];
            }
        }
        discount *= gamma;
    }
    EpisodeValues {
        g0: returns[0],
        estimators,
    }
}

/// Coefficients of G₀ and of the estimators of one episode as polynomials in γ.
///
/// Sampling does not depend on γ, only the returns do; so summing these coefficients over
/// episodes gives every mean at any γ without resampling. Layout: coefficient k of a vector
/// polynomial occupies `[k * d, (k + 1) * d)`. Every coefficient here costs O(T·d) per episode
/// of T steps, but for the baseline's, which [`GammaPolynomials::compute_baseline`] fills only
/// on request (its state values have degree up to H).
#[derive(Clone, Debug)]
pub struct GammaPolynomials {
    dim: usize,
    horizon: usize,
    cumulative: Vec<f64>,
    /// Σ_{t<m} score_t for m = 0..=T.
    prefix: Vec<f64>,
    /// Per state–action pair the episode visited, Σ over its visits t of δ_{t+j}, j = 0..T
    /// (`[slot * T + j]`): the rewards' departures from the frequent one, gathered per pair.
    pair_deltas: Vec<f64>,
    /// The pairs the episode visited.
    pairs: PairSlots,
    /// Coefficients of G₀ = Σ_k γ^k R_k.
    pub g0: Vec<f64>,
    /// Coefficients of each estimator, in the order of [`Estimator::ALL`]; the trajectory
    /// estimator's stay empty (its rows are R_k times [`GammaPolynomials::score_sum`]), and
    /// the baseline's are filled by [`GammaPolynomials::compute_baseline`].
    pub estimators: [Vec<f64>; 4],
}

/// A value that occurs often in `values`: any value making up more than a quarter of them is
/// found (the Misra–Gries summary with three counters, one pass, no sorting); 0 for none.
/// Which value it returns changes only the work of [`GammaPolynomials::compute`], never its
/// result.
fn frequent_value(values: &[f64]) -> f64 {
    let mut counters = [(0.0f64, 0usize); 3];
    for &v in values {
        if let Some(c) = counters.iter_mut().find(|c| c.1 > 0 && c.0 == v) {
            c.1 += 1;
        } else if let Some(c) = counters.iter_mut().find(|c| c.1 == 0) {
            *c = (v, 1);
        } else {
            for c in &mut counters {
                c.1 -= 1;
            }
        }
    }
    counters
        .iter()
        .max_by_key(|c| c.1)
        .map_or(0.0, |c| if c.1 > 0 { c.0 } else { 0.0 })
}

impl GammaPolynomials {
    /// Buffers for `dim` parameters and horizon H.
    pub fn new(dim: usize, horizon: usize) -> GammaPolynomials {
        GammaPolynomials {
            dim,
            horizon,
            cumulative: vec![0.0; dim],
            prefix: Vec::with_capacity((horizon + 1) * dim),
            pair_deltas: Vec::new(),
            pairs: PairSlots::default(),
            g0: Vec::with_capacity(horizon),
            estimators: std::array::from_fn(|_| Vec::with_capacity(horizon * dim)),
        }
    }

    /// Σ_t ∇ln π(a_t|s_t) of the episode last given to [`GammaPolynomials::compute`].
    pub fn score_sum(&self) -> &[f64] {
        &self.cumulative
    }

    /// Fills the coefficients of G₀, reward-to-go and the estimator without γᵗ for
    /// `episode`, in O(T·d) work, plus, where rewards differ from a frequent one, the lesser of
    /// O(T·n) per such reward and O(T² / 2 + pairs·T·n), with n the nonzero entries of a score
    /// ([`Policy::score_support`]: |A| for a tabular policy) and pairs the distinct
    /// state–action pairs the episode visits.
    pub fn compute(&mut self, episode: &Episode, policy: &Policy) {
        let d = self.dim;
        let t_len = episode.len();
        let score = |t: usize| policy.score(episode.states[t], episode.actions[t]);
        let [trajectory, to_go, undiscounted, baseline] = &mut self.estimators;
        trajectory.clear();
        baseline.clear();

        self.g0.clear();
        self.g0.extend_from_slice(&episode.rewards);

        // Σ_k γ^k R_k Σ_{t≤k} score_t: the k-th coefficient is R_k times the running score
        // sum. The running sums, from 0, are kept: P_m = Σ_{t<m} score_t.
        to_go.clear();
        self.prefix.clear();
        self.prefix.resize(d, 0.0);
        self.cumulative.fill(0.0);
        for k in 0..t_len {
            for (c, x) in self.cumulative.iter_mut().zip(score(k)) {
                *c += x;
            }
            self.prefix.extend_from_slice(&self.cumulative);
            let r = episode.rewards[k];
            to_go.extend(self.cumulative.iter().map(|c| r * c));
        }

        // Σ_t score_t Σ_{k≥t} γ^{k−t} R_k: coefficient j is Σ_t R_{t+j} score_t. With r₀ a
        // frequent reward and δ_k = R_k − r₀, that is r₀ P_{T−j} plus a few δ terms: linear in
        // T when rewards are mostly one value (a cost per step, a reward at the end).
        let r0 = frequent_value(&episode.rewards);
        undiscounted.clear();
        undiscounted.resize(t_len * d, 0.0);
        for j in 0..t_len {
            let p = &self.prefix[(t_len - j) * d..(t_len - j + 1) * d];
            for (c, &x) in undiscounted[j * d..(j + 1) * d].iter_mut().zip(p) {
                *c = r0 * x;
            }
        }
        // The δ terms, Σ_{k: δ_k ≠ 0} Σ_{t≤k} δ_k score_t in row k − t, cost the nonzero score
        // entries of every step before each δ: quadratic in T when rewards vary. Gathered per
        // state–action pair instead (Q_pair(j) = Σ_{t visits pair} δ_{t+j}, one contiguous
        // pass over the δs per step, then each pair's score meets its Q once), they cost about
        // T²/2 additions plus pairs · T · |support|. Whichever is less is done; both give
        // the same coefficients up to the order of additions.
        let mut direct = 0usize;
        let mut support_sum = 0usize;
        for (k, &r) in episode.rewards.iter().enumerate() {
            let (s, a) = (episode.states[k], episode.actions[k]);
            support_sum += policy.score_support(s, a).len();
            if r != r0 {
                direct += support_sum;
            }
        }
        if direct == 0 {
            return;
        }
        let mean_support = support_sum.div_ceil(t_len.max(1));
        let n_actions = policy.num_actions();
        // An upper bound on the pairs: distinct pairs are at most the steps and the table.
        let most_pairs = t_len.min(policy.num_states() * n_actions);
        let by_pairs = t_len * (t_len + 1) / 2 + most_pairs * t_len * mean_support;
        if direct <= by_pairs {
            for (k, &r) in episode.rewards.iter().enumerate() {
                let delta = r - r0;
                if delta == 0.0 {
                    continue;
                }
                for t in 0..=k {
                    let row = &mut undiscounted[(k - t) * d..(k - t + 1) * d];
                    let (s, a) = (episode.states[t], episode.actions[t]);
                    let x = policy.score(s, a);
                    // Only the score's nonzero entries: |A| of d for a tabular policy.
                    for &i in policy.score_support(s, a) {
                        row[i as usize] += delta * x[i as usize];
                    }
                }
            }
            return;
        }
        self.pair_deltas.clear();
        for t in 0..t_len {
            let (slot, first) = self
                .pairs
                .slot(episode.states[t], episode.actions[t], n_actions);
            if first {
                self.pair_deltas.resize((slot + 1) * t_len, 0.0);
            }
            let q = &mut self.pair_deltas[slot * t_len..slot * t_len + (t_len - t)];
            for (q, &r) in q.iter_mut().zip(&episode.rewards[t..]) {
                *q += r - r0;
            }
        }
        for (slot, &(s, a)) in self.pairs.pairs().iter().enumerate() {
            let x = policy.score(s, a);
            let q = &self.pair_deltas[slot * t_len..(slot + 1) * t_len];
            for (j, &qj) in q.iter().enumerate() {
                if qj == 0.0 {
                    continue;
                }
                let row = &mut undiscounted[j * d..(j + 1) * d];
                for &i in policy.score_support(s, a) {
                    row[i as usize] += qj * x[i as usize];
                }
            }
        }
        self.pairs.clear();
    }

    /// How many coefficient rows the baseline's polynomial of an episode of `t_len` steps has:
    /// its state values V_{H−t}(s_t) reach degree H − 1 unless the profile is shorter.
    pub fn baseline_len(&self, t_len: usize, profile: &RewardProfile) -> usize {
        if profile.is_empty() {
            t_len
        } else {
            self.horizon
                .min((t_len + profile.len()).saturating_sub(1))
                .max(t_len)
        }
    }

    /// Fills the baseline's coefficients for the episode last given to
    /// [`GammaPolynomials::compute`]: reward-to-go minus Σ_t γ^t V_{H−t}(s_t) score_t, with
    /// V_h(s) = Σ_{j<h} γ^j v_j(s). O(T · profile length · d): for short polynomials only.
    pub fn compute_baseline(
        &mut self,
        episode: &Episode,
        policy: &Policy,
        profile: &RewardProfile,
    ) {
        let d = self.dim;
        let t_len = episode.len();
        let len = self.baseline_len(t_len, profile);
        let [_, to_go, _, baseline] = &mut self.estimators;
        baseline.clear();
        baseline.extend_from_slice(to_go);
        baseline.resize(len * d, 0.0);
        for t in 0..t_len {
            let s = episode.states[t];
            let sc = policy.score(s, episode.actions[t]);
            for j in 0..profile.len().min(self.horizon - t) {
                let v = profile.get(j, s);
                if v == 0.0 {
                    continue;
                }
                let row = &mut baseline[(t + j) * d..(t + j + 1) * d];
                for (c, x) in row.iter_mut().zip(sc) {
                    *c -= v * x;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_making_up_over_a_quarter_is_found() {
        assert_eq!(frequent_value(&[]), 0.0);
        assert_eq!(frequent_value(&[-1.0; 9]), -1.0);
        assert_eq!(
            frequent_value(&[1.0, 2.0, 3.0, 4.0, 2.0, 5.0, 2.0, 6.0, 2.0]),
            2.0
        );
        let mut v = vec![-0.05; 30];
        v.push(1.0);
        assert_eq!(frequent_value(&v), -0.05);
    }
}
