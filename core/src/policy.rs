//! The linear-softmax policy π_θ(a|s) ∝ exp(θ·φ(s,a)) and its score ∇ln π_θ(a|s) (DESIGN §3.2).

use crate::mdp::{Mdp, MdpError};

/// Action probabilities and scores of a linear-softmax policy at fixed θ, tabulated per state.
///
/// Terminal states have all-zero rows: no action is taken there.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    n_actions: usize,
    dim: usize,
    probs: Vec<f64>,
    /// ln π_θ(a|s) from the log-softmax, finite even where π_θ(a|s) underflows to zero;
    /// −∞ on terminal rows.
    log_probs: Vec<f64>,
    scores: Vec<f64>,
    /// The indices k where the score of (s, a) is nonzero, ascending, for (s, a) in row-major
    /// order: `support[support_start[i]..support_start[i + 1]]` for i = s·|A| + a.
    support: Vec<u32>,
    support_start: Vec<usize>,
}

/// Writes the softmax of `logits` into `out`, subtracting the largest logit first so that
/// no exponential overflows, whatever the size of θ.
pub fn softmax_into(logits: &[f64], out: &mut [f64]) {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut total = 0.0;
    for (o, &l) in out.iter_mut().zip(logits) {
        *o = libm::exp(l - max);
        total += *o;
    }
    for o in out.iter_mut() {
        *o /= total;
    }
}

/// Writes ln softmax(`logits`) into `out`: l − max − ln Σ exp(l − max), with the largest
/// logit subtracted first, so the sum is at least 1 and nothing underflows or overflows
/// (finite even where the probability itself underflows to 0).
pub fn log_softmax_into(logits: &[f64], out: &mut [f64]) {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_total = libm::log(logits.iter().map(|&l| libm::exp(l - max)).sum::<f64>());
    for (o, &l) in out.iter_mut().zip(logits) {
        *o = l - max - log_total;
    }
}

impl Policy {
    /// Tabulates π_θ and ∇ln π_θ for every state and action of `mdp`.
    pub fn new(mdp: &Mdp, theta: &[f64]) -> Result<Policy, MdpError> {
        mdp.check_theta(theta)?;
        Ok(Policy::new_unchecked(mdp, theta))
    }

    /// As [`Policy::new`] for θ already known to have the right length (finite differences
    /// step just past the limit on |θᵢ|).
    pub(crate) fn new_unchecked(mdp: &Mdp, theta: &[f64]) -> Policy {
        let (n_states, n_actions, dim) = (mdp.num_states(), mdp.num_actions(), mdp.dim());
        let mut probs = vec![0.0; n_states * n_actions];
        let mut log_probs = vec![f64::NEG_INFINITY; n_states * n_actions];
        let mut scores = vec![0.0; n_states * n_actions * dim];
        let mut logits = vec![0.0; n_actions];
        let mut mean_feature = vec![0.0; dim];
        for s in (0..n_states).filter(|&s| !mdp.is_terminal(s)) {
            for (a, logit) in logits.iter_mut().enumerate() {
                *logit = dot(theta, mdp.features(s, a));
            }
            let row = &mut probs[s * n_actions..(s + 1) * n_actions];
            softmax_into(&logits, row);
            log_softmax_into(&logits, &mut log_probs[s * n_actions..(s + 1) * n_actions]);
            mean_feature.fill(0.0);
            for (a, &p) in row.iter().enumerate() {
                for (m, &x) in mean_feature.iter_mut().zip(mdp.features(s, a)) {
                    *m += p * x;
                }
            }
            for a in 0..n_actions {
                let i = (s * n_actions + a) * dim;
                for (k, score) in scores[i..i + dim].iter_mut().enumerate() {
                    *score = mdp.features(s, a)[k] - mean_feature[k];
                }
            }
        }
        let mut support = Vec::new();
        let mut support_start = Vec::with_capacity(n_states * n_actions + 1);
        support_start.push(0);
        for score in scores.chunks_exact(dim.max(1)).take(n_states * n_actions) {
            // d ≤ limits::MAX_DIMENSION, far below u32::MAX.
            support.extend((0..dim).filter(|&k| score[k] != 0.0).map(|k| k as u32));
            support_start.push(support.len());
        }
        support_start.resize(n_states * n_actions + 1, support.len());
        Policy {
            n_actions,
            dim,
            probs,
            log_probs,
            scores,
            support,
            support_start,
        }
    }

    /// π_θ(·|s) as a slice over actions.
    pub fn probs(&self, s: usize) -> &[f64] {
        &self.probs[s * self.n_actions..(s + 1) * self.n_actions]
    }

    /// π_θ(a|s).
    pub fn prob(&self, s: usize, a: usize) -> f64 {
        self.probs[s * self.n_actions + a]
    }

    /// ln π_θ(a|s), computed as a log-softmax so that it stays finite (and exact) where π_θ(a|s)
    /// itself underflows; −∞ in a terminal state, where no action is taken.
    pub fn log_prob(&self, s: usize, a: usize) -> f64 {
        self.log_probs[s * self.n_actions + a]
    }

    /// ∇_θ ln π_θ(a|s) = φ(s,a) − Σ_b π_θ(b|s) φ(s,b).
    pub fn score(&self, s: usize, a: usize) -> &[f64] {
        let i = (s * self.n_actions + a) * self.dim;
        &self.scores[i..i + self.dim]
    }

    /// The indices k where ∇_θ ln π_θ(a|s)\[k\] ≠ 0, ascending: a tabular policy's score of
    /// (s, a) has |A| of them out of d = |S|·|A|, so sums over a score's entries can skip the
    /// rest (sums over long episodes cost O(|A|) per step instead of O(d)).
    pub fn score_support(&self, s: usize, a: usize) -> &[u32] {
        let i = s * self.n_actions + a;
        &self.support[self.support_start[i]..self.support_start[i + 1]]
    }

    /// Number of parameters d.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Number of states tabulated (those of the MDP, terminal ones included).
    pub fn num_states(&self) -> usize {
        self.probs.len() / self.n_actions.max(1)
    }

    /// Number of actions.
    pub fn num_actions(&self) -> usize {
        self.n_actions
    }
}

/// Dot product of two equally long slices.
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

/// Below this Euclidean norm a vector has no direction worth measuring an angle from.
pub const ANGLE_ZERO_NORM: f64 = 1e-12;

/// Euclidean norm, scaled by the largest entry so that squares neither overflow nor underflow.
pub fn norm(x: &[f64]) -> f64 {
    let max = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if max == 0.0 || !max.is_finite() {
        return max;
    }
    max * libm::sqrt(x.iter().map(|v| (v / max) * (v / max)).sum::<f64>())
}

/// The angle between two directions, in degrees from 0 (same way) to 180 (opposite): for
/// instance between ∇J and the mean of `no_discount_weight` (step 9).
///
/// `None` when the lengths differ, an entry is not finite, or either norm is below
/// [`ANGLE_ZERO_NORM`] (a zero vector has no direction). Uses Kahan's 2·atan2(|â − b̂|, |â + b̂|)
/// rather than acos of the cosine, which loses half its digits near 0° and 180°.
pub fn angle_degrees(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.iter().chain(b).any(|x| !x.is_finite()) {
        return None;
    }
    let (na, nb) = (norm(a), norm(b));
    if na < ANGLE_ZERO_NORM || nb < ANGLE_ZERO_NORM {
        return None;
    }
    let difference: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / na - y / nb).collect();
    let sum: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / na + y / nb).collect();
    let radians = 2.0 * libm::atan2(norm(&difference), norm(&sum));
    Some(radians.to_degrees())
}
