//! Exact quantities without sampling (DESIGN §3.4): dynamic programming, enumeration of every
//! episode, and finite differences of J. The three routes agree; tests check that they do.

use crate::estimators::{evaluate_all, Estimator};
use crate::mdp::{check_gamma, mdp_error, Mdp, MdpError};
use crate::policy::Policy;
use crate::sample::Episode;

/// J, ∇J and the mean of the `no_discount_weight` estimator, by dynamic programming.
#[derive(Clone, Debug, PartialEq)]
pub struct DpResult {
    /// J(θ, γ) = E\[G₀\].
    pub j: f64,
    /// ∇_θ J.
    pub grad: Vec<f64>,
    /// E\[Σ_t G_t ∇ln π(a_t|s_t)\], the direction most code follows (equal to ∇J only when γ = 1).
    pub no_discount_weight: Vec<f64>,
}

/// Finite-horizon state values `V[h][s]` for h = 0..=H remaining steps (V₀ = 0, V = 0 on terminals).
pub fn state_values(mdp: &Mdp, policy: &Policy, gamma: f64) -> Vec<Vec<f64>> {
    let n = mdp.num_states();
    let mut values = vec![vec![0.0; n]; mdp.horizon() + 1];
    for h in 1..=mdp.horizon() {
        let (done, rest) = values.split_at_mut(h);
        let previous = &done[h - 1];
        for s in (0..n).filter(|&s| !mdp.is_terminal(s)) {
            rest[0][s] = (0..mdp.num_actions())
                .map(|a| policy.prob(s, a) * action_value(mdp, previous, gamma, s, a))
                .sum();
        }
    }
    values
}

/// Q_h(s,a) = R(s,a) + γ Σ_{s'} P(s'|s,a) V_{h−1}(s'), given `previous` = V_{h−1}.
pub fn action_value(mdp: &Mdp, previous: &[f64], gamma: f64, s: usize, a: usize) -> f64 {
    let future: f64 = mdp
        .successors(s, a)
        .iter()
        .map(|&(t, p)| p * previous[t])
        .sum();
    mdp.reward(s, a) + gamma * future
}

/// J(θ, γ) = Σ_s ρ₀(s) V_H(s) alone, for callers that need no gradient (learning curves).
pub fn objective(mdp: &Mdp, policy: &Policy, gamma: f64) -> f64 {
    let values = state_values(mdp, policy, gamma);
    mdp.start()
        .iter()
        .zip(&values[mdp.horizon()])
        .map(|(p, v)| p * v)
        .sum()
}

/// The state distribution `d[t][s]`: probability that the episode is still running at time t
/// (t < H) and is in state s.
pub fn occupancy(mdp: &Mdp, policy: &Policy) -> Vec<Vec<f64>> {
    let n = mdp.num_states();
    let mut d = Vec::with_capacity(mdp.horizon());
    d.push(mdp.start().to_vec());
    for t in 1..mdp.horizon() {
        let mut next = vec![0.0; n];
        for (s, &mass) in d[t - 1].iter().enumerate() {
            if mass == 0.0 {
                continue;
            }
            for a in 0..mdp.num_actions() {
                let flow = mass * policy.prob(s, a);
                for &(u, p) in mdp.successors(s, a) {
                    if !mdp.is_terminal(u) {
                        next[u] += flow * p;
                    }
                }
            }
        }
        d.push(next);
    }
    d
}

/// Exact J, ∇J and the `no_discount_weight` mean for a policy already tabulated.
pub fn dp_with_policy(mdp: &Mdp, policy: &Policy, gamma: f64) -> DpResult {
    let values = state_values(mdp, policy, gamma);
    let d = occupancy(mdp, policy);
    let horizon = mdp.horizon();
    let n_actions = mdp.num_actions();
    // The score does not depend on t, so the sums over time are gathered per (s, a) first
    // and meet the d-vectors once: O(H·|S|·|A|·successors + |S|·|A|·d), not O(H·|S|·|A|·d).
    let mut weight_discounted = vec![0.0; mdp.num_states() * n_actions];
    let mut weight_undiscounted = vec![0.0; mdp.num_states() * n_actions];
    // γ^t starts at 1 even when γ = 0 (γ⁰ = 1).
    let mut discount = 1.0;
    for (t, dt) in d.iter().enumerate() {
        let previous = &values[horizon - t - 1];
        for (s, &mass) in dt.iter().enumerate() {
            if mass == 0.0 {
                continue;
            }
            for a in 0..n_actions {
                let weight = mass * policy.prob(s, a) * action_value(mdp, previous, gamma, s, a);
                weight_undiscounted[s * n_actions + a] += weight;
                weight_discounted[s * n_actions + a] += discount * weight;
            }
        }
        discount *= gamma;
    }
    let dim = mdp.dim();
    let mut grad = vec![0.0; dim];
    let mut undiscounted = vec![0.0; dim];
    for s in 0..mdp.num_states() {
        for a in 0..n_actions {
            let score = policy.score(s, a);
            for &k in policy.score_support(s, a) {
                let k = k as usize;
                grad[k] += weight_discounted[s * n_actions + a] * score[k];
                undiscounted[k] += weight_undiscounted[s * n_actions + a] * score[k];
            }
        }
    }
    let j = mdp
        .start()
        .iter()
        .zip(&values[horizon])
        .map(|(p, v)| p * v)
        .sum();
    DpResult {
        j,
        grad,
        no_discount_weight: undiscounted,
    }
}

/// Exact J, ∇J and the `no_discount_weight` mean at parameters `theta` and discount `gamma`.
pub fn dynamic_programming(mdp: &Mdp, theta: &[f64], gamma: f64) -> Result<DpResult, MdpError> {
    check_gamma("gamma", gamma)?;
    Ok(dp_with_policy(mdp, &Policy::new(mdp, theta)?, gamma))
}

/// The expected reward profile v_j(s) = E\[R_j | s₀ = s\], so that V_h(s) = Σ_{j<h} γ^j v_j(s).
///
/// It lets the state-value baseline be written as a polynomial in γ. Trailing steps whose
/// profile is negligible next to its largest entry are dropped: their share of any value lies
/// below the rounding error of a double.
#[derive(Clone, Debug, PartialEq)]
pub struct RewardProfile {
    n_states: usize,
    rows: Vec<f64>,
}

impl RewardProfile {
    /// Computes the profile for up to H steps.
    pub fn new(mdp: &Mdp, policy: &Policy) -> RewardProfile {
        let n = mdp.num_states();
        let mut rows: Vec<f64> = Vec::with_capacity(n * mdp.horizon());
        // v_0(s) = Σ_a π(a|s) R(s,a); v_j(s) = Σ_a π(a|s) Σ_s' P(s'|s,a) v_{j−1}(s').
        for j in 0..mdp.horizon() {
            for s in 0..n {
                let value = if mdp.is_terminal(s) {
                    0.0
                } else {
                    (0..mdp.num_actions())
                        .map(|a| {
                            let inner = if j == 0 {
                                mdp.reward(s, a)
                            } else {
                                mdp.successors(s, a)
                                    .iter()
                                    .map(|&(t, p)| p * rows[(j - 1) * n + t])
                                    .sum()
                            };
                            policy.prob(s, a) * inner
                        })
                        .sum()
                };
                rows.push(value);
            }
        }
        let scale = rows.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let negligible = scale * 1e-18;
        let mut len = mdp.horizon();
        while len > 0
            && rows[(len - 1) * n..len * n]
                .iter()
                .all(|x| x.abs() <= negligible)
        {
            len -= 1;
        }
        rows.truncate(len * n);
        RewardProfile { n_states: n, rows }
    }

    /// Number of steps kept.
    pub fn len(&self) -> usize {
        self.rows.len() / self.n_states.max(1)
    }

    /// Whether no step is kept (every expected reward is zero).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// v_j(s); zero past the kept steps.
    pub fn get(&self, j: usize, s: usize) -> f64 {
        self.rows.get(j * self.n_states + s).copied().unwrap_or(0.0)
    }

    /// V_h(s) at discount γ.
    pub fn state_value(&self, h: usize, s: usize, gamma: f64) -> f64 {
        let mut value = 0.0;
        for j in (0..h.min(self.len())).rev() {
            value = value * gamma + self.get(j, s);
        }
        value
    }
}

/// The most episodes [`Enumeration::new`] lists.
pub const ENUMERATION_LIMIT: usize = 100_000;

/// The most actions, summed over all episodes, that [`Enumeration::new`] stores.
pub const ENUMERATION_STEP_LIMIT: usize = 4_000_000;

/// Counts the possible episodes and their total number of actions, without listing them;
/// each count saturates just above its limit.
pub fn count_episodes(mdp: &Mdp) -> (usize, usize) {
    let n = mdp.num_states();
    let cap = |x: usize, limit: usize| x.min(limit + 1);
    // paths[s], steps[s]: episodes from s with h actions left, and their actions in all.
    let mut paths = vec![0usize; n];
    let mut steps = vec![0usize; n];
    for h in 1..=mdp.horizon() {
        let mut next_paths = vec![0usize; n];
        let mut next_steps = vec![0usize; n];
        for s in (0..n).filter(|&s| !mdp.is_terminal(s)) {
            let (mut p_sum, mut s_sum) = (0usize, 0usize);
            for a in 0..mdp.num_actions() {
                for &(t, _) in mdp.successors(s, a) {
                    let (p, st) = if mdp.is_terminal(t) || h == 1 {
                        (1, 1)
                    } else {
                        (paths[t], steps[t].saturating_add(paths[t]))
                    };
                    p_sum = cap(p_sum.saturating_add(p), ENUMERATION_LIMIT);
                    s_sum = cap(s_sum.saturating_add(st), ENUMERATION_STEP_LIMIT);
                }
            }
            next_paths[s] = p_sum;
            next_steps[s] = s_sum;
        }
        paths = next_paths;
        steps = next_steps;
    }
    let starts = (0..n).filter(|&s| mdp.start()[s] > 0.0);
    starts.fold((0, 0), |(p, st), s| {
        (
            cap(p + paths[s], ENUMERATION_LIMIT),
            cap(st + steps[s], ENUMERATION_STEP_LIMIT),
        )
    })
}

/// Every possible episode with its probability, for MDPs small enough to list.
#[derive(Clone, Debug)]
pub struct Enumeration {
    episodes: Vec<Episode>,
    probabilities: Vec<f64>,
}

/// Exact mean and variance (trace of the covariance) of one estimator.
#[derive(Clone, Debug, PartialEq)]
pub struct ExactMoments {
    /// E\[x\].
    pub mean: Vec<f64>,
    /// tr Cov\[x\] = E\[|x|²\] − |E\[x\]|².
    pub variance: f64,
}

/// Exact values from enumeration at one γ.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumeratedValues {
    /// J = Σ_τ P(τ) G₀(τ).
    pub j: f64,
    /// Var\[G₀\].
    pub return_variance: f64,
    /// Moments of each estimator, in the order of [`Estimator::ALL`].
    pub estimators: Vec<ExactMoments>,
}

impl Enumeration {
    /// Lists every episode of positive probability, or returns `None` when there are more
    /// than [`ENUMERATION_LIMIT`] or they hold more than [`ENUMERATION_STEP_LIMIT`] actions.
    pub fn new(mdp: &Mdp, policy: &Policy) -> Option<Enumeration> {
        let (episodes, steps) = count_episodes(mdp);
        if episodes > ENUMERATION_LIMIT || steps > ENUMERATION_STEP_LIMIT {
            return None;
        }
        let mut out = Enumeration {
            episodes: Vec::new(),
            probabilities: Vec::new(),
        };
        let mut prefix = Episode::default();
        for (s, &p) in mdp.start().iter().enumerate() {
            if p > 0.0 {
                prefix.clear();
                prefix.states.push(s);
                if !extend(mdp, policy, &mut prefix, p, &mut out) {
                    return None;
                }
            }
        }
        Some(out)
    }

    /// The episodes, each with `states` one longer than `actions` (the last state is where it ended).
    pub fn episodes(&self) -> &[Episode] {
        &self.episodes
    }

    /// P_θ(τ) of each episode, in the order of [`Enumeration::episodes`].
    pub fn probabilities(&self) -> &[f64] {
        &self.probabilities
    }

    /// Number of episodes.
    pub fn len(&self) -> usize {
        self.episodes.len()
    }

    /// Whether no episode was listed (never, for a valid MDP).
    pub fn is_empty(&self) -> bool {
        self.episodes.is_empty()
    }

    /// Exact J and the exact moments of every estimator at discount γ.
    pub fn values(&self, mdp: &Mdp, policy: &Policy, gamma: f64) -> EnumeratedValues {
        let values = state_values(mdp, policy, gamma);
        let dim = policy.dim();
        let mut j = 0.0;
        let mut j_sq = 0.0;
        let mut sums = vec![vec![0.0; dim]; Estimator::ALL.len()];
        let mut squares = vec![0.0; Estimator::ALL.len()];
        for (episode, &p) in self.episodes.iter().zip(&self.probabilities) {
            let x = evaluate_all(episode, policy, gamma, &values);
            j += p * x.g0;
            j_sq += p * x.g0 * x.g0;
            for (e, vector) in x.estimators.iter().enumerate() {
                for (m, v) in sums[e].iter_mut().zip(vector) {
                    *m += p * v;
                }
                squares[e] += p * vector.iter().map(|v| v * v).sum::<f64>();
            }
        }
        let estimators = sums
            .into_iter()
            .zip(squares)
            .map(|(mean, square)| {
                let norm: f64 = mean.iter().map(|m| m * m).sum();
                ExactMoments {
                    variance: (square - norm).max(0.0),
                    mean,
                }
            })
            .collect();
        EnumeratedValues {
            j,
            return_variance: (j_sq - j * j).max(0.0),
            estimators,
        }
    }

    /// The cross terms C\[k\]\[t\] = E\[γ^k R_k ∇ln π(a_t|s_t)\] for k, t below the longest episode,
    /// each a vector of d entries, laid out as `c[(k * len + t) * d + i]`; returns `(len, c)`.
    pub fn cross_terms(&self, policy: &Policy, gamma: f64) -> (usize, Vec<f64>) {
        let len = self.episodes.iter().map(Episode::len).max().unwrap_or(0);
        let dim = policy.dim();
        let mut c = vec![0.0; len * len * dim];
        for (episode, &p) in self.episodes.iter().zip(&self.probabilities) {
            let mut discount = 1.0;
            for k in 0..episode.len() {
                let weight = p * discount * episode.rewards[k];
                discount *= gamma;
                if weight == 0.0 {
                    continue;
                }
                for t in 0..episode.len() {
                    let score = policy.score(episode.states[t], episode.actions[t]);
                    let cell = &mut c[(k * len + t) * dim..(k * len + t + 1) * dim];
                    for (x, s) in cell.iter_mut().zip(score) {
                        *x += weight * s;
                    }
                }
            }
        }
        (len, c)
    }
}

/// Depth-first extension of `prefix` (ending in a non-terminal state) by every action and
/// successor; returns false once the limit is passed.
fn extend(
    mdp: &Mdp,
    policy: &Policy,
    prefix: &mut Episode,
    probability: f64,
    out: &mut Enumeration,
) -> bool {
    let s = *prefix.states.last().expect("a prefix has a current state");
    let t = prefix.actions.len();
    for a in 0..mdp.num_actions() {
        let pa = policy.prob(s, a);
        if pa == 0.0 {
            continue;
        }
        for (&(next, pt), &r) in mdp
            .successors(s, a)
            .iter()
            .zip(mdp.transition_rewards(s, a))
        {
            prefix.actions.push(a);
            prefix.rewards.push(r);
            prefix.states.push(next);
            let p = probability * pa * pt;
            let ok = if mdp.is_terminal(next) || t + 1 == mdp.horizon() {
                out.episodes.push(prefix.clone());
                out.probabilities.push(p);
                out.episodes.len() <= ENUMERATION_LIMIT
            } else {
                extend(mdp, policy, prefix, p, out)
            };
            prefix.actions.pop();
            prefix.rewards.pop();
            prefix.states.pop();
            if !ok {
                return false;
            }
        }
    }
    true
}

/// Step of the finite-difference stencil.
pub const FINITE_DIFFERENCE_STEP: f64 = 1e-3;

/// ∇J by fourth-order central differences of the exact J:
/// (−J(θ+2h) + 8J(θ+h) − 8J(θ−h) + J(θ−2h)) / 12h in each coordinate.
pub fn finite_difference_gradient(
    mdp: &Mdp,
    theta: &[f64],
    gamma: f64,
) -> Result<Vec<f64>, MdpError> {
    check_gamma("gamma", gamma)?;
    mdp.check_theta(theta)?;
    (0..theta.len())
        .map(|i| finite_difference_component(mdp, theta, gamma, i))
        .collect()
}

/// ∂J/∂θ\[i\] alone, by the stencil of [`finite_difference_gradient`] (four exact solves
/// instead of 4·d).
///
/// # Errors
/// γ is outside \[0, 1\], θ does not fit the MDP, or `i` is not one of its indices.
pub fn finite_difference_component(
    mdp: &Mdp,
    theta: &[f64],
    gamma: f64,
    i: usize,
) -> Result<f64, MdpError> {
    check_gamma("gamma", gamma)?;
    mdp.check_theta(theta)?;
    if i >= theta.len() {
        return Err(mdp_error!(
            "theta",
            "mdp-error-no-component",
            "has no component {index} (it has {count})",
            index = i,
            count = theta.len(),
        ));
    }
    let j = FINITE_DIFFERENCE_OFFSETS.map(|offset| shifted_objective(mdp, theta, gamma, i, offset));
    Ok(finite_difference_from(j))
}

/// The stencil's offsets of θ\[i\], in units of θ: +2h, +h, −h, −2h.
pub const FINITE_DIFFERENCE_OFFSETS: [f64; 4] = [
    2.0 * FINITE_DIFFERENCE_STEP,
    FINITE_DIFFERENCE_STEP,
    -FINITE_DIFFERENCE_STEP,
    -2.0 * FINITE_DIFFERENCE_STEP,
];

/// J(θ + offset·eᵢ, γ): one exact solve of the stencil, for callers that spread the four
/// solves of [`finite_difference_component`] over time. θ must fit the MDP and `i` be one of
/// its indices (the shifted θ may pass the limit on |θᵢ|).
///
/// # Panics
/// If `i` ≥ θ's length.
pub fn shifted_objective(mdp: &Mdp, theta: &[f64], gamma: f64, i: usize, offset: f64) -> f64 {
    let mut shifted = theta.to_vec();
    shifted[i] += offset;
    let policy = Policy::new_unchecked(mdp, &shifted);
    let values = state_values(mdp, &policy, gamma);
    mdp.start()
        .iter()
        .zip(&values[mdp.horizon()])
        .map(|(p, v)| p * v)
        .sum::<f64>()
}

/// The fourth-order central difference from J at the four [`FINITE_DIFFERENCE_OFFSETS`], in
/// that order: (−J(+2h) + 8J(+h) − 8J(−h) + J(−2h)) / 12h.
pub fn finite_difference_from(j: [f64; 4]) -> f64 {
    let h = FINITE_DIFFERENCE_STEP;
    (-j[0] + 8.0 * j[1] - 8.0 * j[2] + j[3]) / (12.0 * h)
}
