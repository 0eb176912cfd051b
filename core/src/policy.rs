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
    scores: Vec<f64>,
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
        let mut scores = vec![0.0; n_states * n_actions * dim];
        let mut logits = vec![0.0; n_actions];
        let mut mean_feature = vec![0.0; dim];
        for s in (0..n_states).filter(|&s| !mdp.is_terminal(s)) {
            for (a, logit) in logits.iter_mut().enumerate() {
                *logit = dot(theta, mdp.features(s, a));
            }
            let row = &mut probs[s * n_actions..(s + 1) * n_actions];
            softmax_into(&logits, row);
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
        Policy {
            n_actions,
            dim,
            probs,
            scores,
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

    /// ∇_θ ln π_θ(a|s) = φ(s,a) − Σ_b π_θ(b|s) φ(s,b).
    pub fn score(&self, s: usize, a: usize) -> &[f64] {
        let i = (s * self.n_actions + a) * self.dim;
        &self.scores[i..i + self.dim]
    }

    /// Number of parameters d.
    pub fn dim(&self) -> usize {
        self.dim
    }
}

/// Dot product of two equally long slices.
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}
