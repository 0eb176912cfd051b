//! The four per-episode gradient estimators (DESIGN §3.3), evaluated directly at one γ and as
//! polynomials in γ whose coefficients can be summed over episodes.

use crate::exact::RewardProfile;
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
        let s = episode.states[t];
        let score = policy.score(s, episode.actions[t]);
        let weights = [
            returns[0],
            discount * returns[t],
            returns[t],
            discount * (returns[t] - values[horizon - t][s]),
        ];
        for (vector, w) in estimators.iter_mut().zip(weights) {
            for (x, sc) in vector.iter_mut().zip(score) {
                *x += w * sc;
            }
        }
        discount *= gamma;
    }
    EpisodeValues {
        g0: returns[0],
        estimators,
    }
}

/// Coefficients of G₀ and of every estimator of one episode as polynomials in γ.
///
/// Sampling does not depend on γ, only the returns do; so summing these coefficients over
/// episodes gives every mean at any γ without resampling. Layout: coefficient k of a vector
/// polynomial occupies `[k * d, (k + 1) * d)`.
#[derive(Clone, Debug)]
pub struct GammaPolynomials {
    dim: usize,
    horizon: usize,
    cumulative: Vec<f64>,
    /// Coefficients of G₀ = Σ_k γ^k R_k.
    pub g0: Vec<f64>,
    /// Coefficients of each estimator, in the order of [`Estimator::ALL`].
    pub estimators: [Vec<f64>; 4],
}

impl GammaPolynomials {
    /// Buffers for `dim` parameters and horizon H.
    pub fn new(dim: usize, horizon: usize) -> GammaPolynomials {
        GammaPolynomials {
            dim,
            horizon,
            cumulative: vec![0.0; dim],
            g0: Vec::with_capacity(horizon),
            estimators: std::array::from_fn(|_| Vec::with_capacity(horizon * dim)),
        }
    }

    /// Σ_t ∇ln π(a_t|s_t) of the episode last given to [`GammaPolynomials::compute`].
    pub fn score_sum(&self) -> &[f64] {
        &self.cumulative
    }

    /// Fills the coefficients for `episode`; `profile` gives the baseline V_{H−t}(s_t).
    pub fn compute(&mut self, episode: &Episode, policy: &Policy, profile: &RewardProfile) {
        let d = self.dim;
        let t_len = episode.len();
        let score = |t: usize| policy.score(episode.states[t], episode.actions[t]);
        let [trajectory, to_go, undiscounted, baseline] = &mut self.estimators;

        self.g0.clear();
        self.g0.extend_from_slice(&episode.rewards);

        // Σ_k γ^k R_k Σ_{t≤k} score_t: the k-th coefficient is R_k times the running score sum.
        to_go.clear();
        self.cumulative.fill(0.0);
        for k in 0..t_len {
            for (c, x) in self.cumulative.iter_mut().zip(score(k)) {
                *c += x;
            }
            let r = episode.rewards[k];
            to_go.extend(self.cumulative.iter().map(|c| r * c));
        }

        // G₀ Σ_t score_t: R_k times the whole score sum.
        trajectory.clear();
        for &r in &episode.rewards {
            trajectory.extend(self.cumulative.iter().map(|c| r * c));
        }

        // Σ_t score_t Σ_{k≥t} γ^{k−t} R_k: coefficient j collects R_{t+j} score_t.
        undiscounted.clear();
        undiscounted.resize(t_len * d, 0.0);
        for (k, &r) in episode.rewards.iter().enumerate() {
            if r == 0.0 {
                continue;
            }
            for t in 0..=k {
                let row = &mut undiscounted[(k - t) * d..(k - t + 1) * d];
                for (c, x) in row.iter_mut().zip(score(t)) {
                    *c += r * x;
                }
            }
        }

        // reward-to-go minus Σ_t γ^t V_{H−t}(s_t) score_t, with V_h(s) = Σ_{j<h} γ^j v_j(s).
        let len = if profile.is_empty() {
            t_len
        } else {
            self.horizon
                .min((t_len + profile.len()).saturating_sub(1))
                .max(t_len)
        };
        baseline.clear();
        baseline.extend_from_slice(to_go);
        baseline.resize(len * d, 0.0);
        for t in 0..t_len {
            let s = episode.states[t];
            let sc = score(t);
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
