//! Per-episode quantities of derivation steps 3–5: ln P_θ(τ), its policy part, the score sum
//! Σ_t ∇ln π_θ(a_t|s_t), and finite differences in θ that confirm ∇ln P_θ(τ) = Σ_t ∇ln π_θ(a_t|s_t)
//! (the dynamics drop out) and ∇P_θ(τ) = P_θ(τ) ∇ln P_θ(τ).
//!
//! P_θ(τ) is the probability of the whole state–action sequence of a complete episode, its
//! stopping included: an episode that stops in a non-terminal state before the horizon, or
//! runs on past a terminal state or the horizon, is impossible (ln P = −∞). Rewards follow
//! from the states and actions and are not consulted.

use crate::exact::FINITE_DIFFERENCE_STEP;
use crate::mdp::{mdp_error, Mdp, MdpError};
use crate::policy::{dot, log_softmax_into, Policy};
use crate::sample::Episode;

/// Whether `episode` has the shape of a complete episode of `mdp`: T ≥ 1 actions and T + 1
/// states within range, no terminal state before the last, and a last state that is terminal
/// unless the horizon cut the episode at T = H.
fn is_complete_episode(mdp: &Mdp, episode: &Episode) -> bool {
    let t_len = episode.len();
    if t_len == 0 || t_len > mdp.horizon() || episode.states.len() != t_len + 1 {
        return false;
    }
    if episode.states.iter().any(|&s| s >= mdp.num_states())
        || episode.actions.iter().any(|&a| a >= mdp.num_actions())
    {
        return false;
    }
    if episode.states[..t_len].iter().any(|&s| mdp.is_terminal(s)) {
        return false;
    }
    mdp.is_terminal(episode.states[t_len]) || t_len == mdp.horizon()
}

/// ln ρ₀(s₀) + Σ_t ln P(s_{t+1}|s_t,a_t): the part of ln P_θ(τ) that θ does not touch.
/// Assumes a complete episode; −∞ when a start or a transition has probability zero.
fn log_dynamics(mdp: &Mdp, episode: &Episode) -> f64 {
    let mut total = libm::log(mdp.start()[episode.states[0]]);
    for (t, &a) in episode.actions.iter().enumerate() {
        let (s, next) = (episode.states[t], episode.states[t + 1]);
        total += libm::log(mdp.transition(s, a, next));
    }
    total
}

/// ln P_θ(τ) = ln ρ₀(s₀) + Σ_t [ln π_θ(a_t|s_t) + ln P(s_{t+1}|s_t,a_t)] for a complete episode
/// (`states` holds T + 1 entries, the last where it ended).
///
/// −∞ when the episode is impossible under `mdp`: a start, action or transition of probability
/// zero, indices out of range, or a stop that breaks the episode rule (see the module notes).
pub fn log_probability(mdp: &Mdp, policy: &Policy, episode: &Episode) -> f64 {
    if !is_complete_episode(mdp, episode)
        || policy.num_states() != mdp.num_states()
        || policy.num_actions() != mdp.num_actions()
    {
        return f64::NEG_INFINITY;
    }
    log_dynamics(mdp, episode) + policy_log_probability(policy, episode)
}

/// Σ_t ln π_θ(a_t|s_t): the only part of ln P_θ(τ) that depends on θ.
///
/// −∞ if a step lies outside the policy's tables or in a terminal state.
pub fn policy_log_probability(policy: &Policy, episode: &Episode) -> f64 {
    let mut total = 0.0;
    for (&s, &a) in episode.states.iter().zip(&episode.actions) {
        if s >= policy.num_states() || a >= policy.num_actions() {
            return f64::NEG_INFINITY;
        }
        total += policy.log_prob(s, a);
    }
    total
}

/// Σ_t ∇ln π_θ(a_t|s_t), the score of the whole episode, which step 5 shows equals ∇ln P_θ(τ).
///
/// Steps outside the policy's tables (an episode of another MDP) add nothing, so this never
/// panics; [`log_probability`] reports such an episode as impossible.
pub fn score_sum(policy: &Policy, episode: &Episode) -> Vec<f64> {
    let mut total = vec![0.0; policy.dim()];
    for (&s, &a) in episode.states.iter().zip(&episode.actions) {
        if s >= policy.num_states() || a >= policy.num_actions() {
            continue;
        }
        for (x, v) in total.iter_mut().zip(policy.score(s, a)) {
            *x += v;
        }
    }
    total
}

/// ln P_θ(τ) of one possible episode as a function of θ moved along one coordinate.
///
/// The logits θ·φ(s_t,b) of every step are tabulated once, and so is, per coordinate i, the
/// list of steps whose state has a feature φᵢ(s_t,·) ≠ 0: moving θᵢ changes only those
/// steps' ln π, so ln P at θ + h·eᵢ costs O(|A|) per such step. For a tabular policy that is
/// the visits to one state, and the d-dimensional differences cost O(T·|A|) in all instead of
/// O(T·|A|·d).
struct LogProbabilityAlongAxes<'a> {
    mdp: &'a Mdp,
    episode: &'a Episode,
    /// `logits[t * |A| + b]` = θ·φ(s_t, b).
    logits: Vec<f64>,
    /// ln π_θ(a_t|s_t) per step.
    step_log_prob: Vec<f64>,
    /// ln ρ₀(s₀) + Σ_t ln P(s_{t+1}|s_t,a_t) + Σ_t ln π_θ(a_t|s_t): ln P at θ itself.
    total: f64,
    /// `steps_of[i]`: the steps t whose state has φᵢ(s_t, b) ≠ 0 for some action b.
    steps_of: Vec<Vec<usize>>,
}

impl<'a> LogProbabilityAlongAxes<'a> {
    /// `None` when the episode is impossible under `mdp` (ln P = −∞ whatever θ is: the policy
    /// gives every action a positive probability, so only the shape and the dynamics can).
    fn new(mdp: &'a Mdp, theta: &[f64], episode: &'a Episode) -> Option<Self> {
        if !is_complete_episode(mdp, episode) {
            return None;
        }
        let dynamics = log_dynamics(mdp, episode);
        if !dynamics.is_finite() {
            return None;
        }
        let (n_actions, dim) = (mdp.num_actions(), mdp.dim());
        let mut logits = Vec::with_capacity(episode.len() * n_actions);
        let mut step_log_prob = Vec::with_capacity(episode.len());
        let mut steps_of = vec![Vec::new(); dim];
        let mut log_pi = vec![0.0; n_actions];
        // The coordinates each visited state's features involve, found once per state.
        let mut involved: Vec<Option<Vec<usize>>> = vec![None; mdp.num_states()];
        for (t, &a) in episode.actions.iter().enumerate() {
            let s = episode.states[t];
            let here = logits.len();
            logits.extend((0..n_actions).map(|b| dot(theta, mdp.features(s, b))));
            log_softmax_into(&logits[here..], &mut log_pi);
            step_log_prob.push(log_pi[a]);
            let coordinates = involved[s].get_or_insert_with(|| {
                (0..dim)
                    .filter(|&i| (0..n_actions).any(|b| mdp.features(s, b)[i] != 0.0))
                    .collect()
            });
            for &i in coordinates.iter() {
                steps_of[i].push(t);
            }
        }
        let total = dynamics + step_log_prob.iter().sum::<f64>();
        Some(LogProbabilityAlongAxes {
            mdp,
            episode,
            logits,
            step_log_prob,
            total,
            steps_of,
        })
    }

    /// The full ln P at θ + offset·eᵢ: dynamics included, although they cancel in every
    /// difference; that they do is what step 5 shows.
    fn at(&self, i: usize, offset: f64) -> f64 {
        let n_actions = self.mdp.num_actions();
        let mut total = self.total;
        let mut shifted = vec![0.0; n_actions];
        let mut log_pi = vec![0.0; n_actions];
        for &t in &self.steps_of[i] {
            let s = self.episode.states[t];
            for (b, x) in shifted.iter_mut().enumerate() {
                *x = self.logits[t * n_actions + b] + offset * self.mdp.features(s, b)[i];
            }
            log_softmax_into(&shifted, &mut log_pi);
            total += log_pi[self.episode.actions[t]] - self.step_log_prob[t];
        }
        total
    }
}

/// Fourth-order central differences (−f(2h) + 8f(h) − 8f(−h) + f(−2h)) / 12h of `f(i, offset)`
/// in each of `dim` coordinates, with the step of the exact J's differences.
fn central_differences(dim: usize, f: impl Fn(usize, f64) -> f64) -> Vec<f64> {
    let h = FINITE_DIFFERENCE_STEP;
    (0..dim)
        .map(|i| (-f(i, 2.0 * h) + 8.0 * f(i, h) - 8.0 * f(i, -h) + f(i, -2.0 * h)) / (12.0 * h))
        .collect()
}

fn impossible() -> MdpError {
    mdp_error!(
        "episode",
        "mdp-error-episode-impossible",
        "has probability zero under this MDP, so ln P(τ) has no gradient",
    )
}

/// ∇_θ ln P_θ(τ) by central finite differences of the full ln P_θ(τ), dynamics included: the
/// step-5 check, since it must equal [`score_sum`] (the dynamics contribute exactly zero).
///
/// Errors on bad θ, and on an episode that is impossible under `mdp` (located at `episode`).
pub fn log_probability_gradient_fd(
    mdp: &Mdp,
    theta: &[f64],
    episode: &Episode,
) -> Result<Vec<f64>, MdpError> {
    mdp.check_theta(theta)?;
    let path = LogProbabilityAlongAxes::new(mdp, theta, episode).ok_or_else(impossible)?;
    Ok(central_differences(mdp.dim(), |i, h| path.at(i, h)))
}

/// ∇_θ P_θ(τ) by central finite differences of P_θ(τ) itself, to set beside
/// P_θ(τ)·[`score_sum`] (step 3's identity ∇P = P ∇ln P).
///
/// Errors as [`log_probability_gradient_fd`]. A possible episode whose probability underflows
/// gets a zero gradient, as does the formula.
pub fn probability_gradient_fd(
    mdp: &Mdp,
    theta: &[f64],
    episode: &Episode,
) -> Result<Vec<f64>, MdpError> {
    mdp.check_theta(theta)?;
    let path = LogProbabilityAlongAxes::new(mdp, theta, episode).ok_or_else(impossible)?;
    Ok(central_differences(mdp.dim(), |i, h| {
        libm::exp(path.at(i, h))
    }))
}
