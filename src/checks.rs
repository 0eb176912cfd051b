//! The numbers behind the panels of steps 2–5, computed from the core without the DOM: two
//! routes to the same quantity, side by side, so a panel can show that they agree.

use pg_core::estimators::evaluate_all;
use pg_core::exact::{occupancy, DpResult, Enumeration};
use pg_core::policy::dot;
use pg_core::sample::Episode;
use pg_core::trajectory::{
    log_probability, log_probability_gradient_fd, probability_gradient_fd, score_sum,
};
use pg_core::{Estimator, Mdp, MdpError, Policy};

/// Episodes drawn for the per-episode identities: enough points to see the diagonal.
pub const IDENTITY_EPISODES: usize = 60;

/// Points (route A, route B) of one component, and the largest gap over every component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agreement {
    /// (x, y) per episode, in the component shown.
    pub points: Vec<(f64, f64)>,
    /// The largest |x − y| over every episode and component.
    pub max_gap: f64,
    /// The largest |x| over every episode and component, for scale.
    pub max_value: f64,
}

/// J against the probability of one action, for a policy that is the same in every state
/// (two actions whose features do not depend on the state, as in Sutton and Barto's short
/// corridor, Example 13.1).
#[derive(Clone, Debug, PartialEq)]
pub struct ProbabilityCurve {
    /// The action whose probability is on the x axis (the second one).
    pub action: String,
    /// (π(action), exact J) on a grid of probabilities in (0, 1).
    pub points: Vec<(f64, f64)>,
    /// The best probability, refined between grid points, and its J.
    pub best: (f64, f64),
    /// The probability the current θ gives.
    pub current: f64,
}

/// [`ProbabilityCurve`] at γ with `points` grid points, or `None` when the policy can differ
/// between states (or there are not exactly two actions, or their features are equal).
///
/// θ is set to logit(p) · (φ₂ − φ₁)/|φ₂ − φ₁|², so θ·(φ₂ − φ₁) = logit(p) and π(a₂) = p in
/// every state.
pub fn objective_against_probability(
    mdp: &Mdp,
    theta: &[f64],
    gamma: f64,
    points: usize,
) -> Option<ProbabilityCurve> {
    if mdp.num_actions() != 2 {
        return None;
    }
    let mut live = (0..mdp.num_states()).filter(|&s| !mdp.is_terminal(s));
    let first = live.next()?;
    let (f1, f2) = (mdp.features(first, 0), mdp.features(first, 1));
    if !live.all(|s| mdp.features(s, 0) == f1 && mdp.features(s, 1) == f2) {
        return None;
    }
    let diff: Vec<f64> = f2.iter().zip(f1).map(|(a, b)| a - b).collect();
    let norm2 = dot(&diff, &diff);
    if norm2 <= 0.0 {
        return None;
    }
    let j_at = |p: f64| {
        let logit = (p / (1.0 - p)).ln();
        let th: Vec<f64> = diff.iter().map(|d| logit * d / norm2).collect();
        pg_core::exact::dynamic_programming(mdp, &th, gamma)
            .ok()
            .map(|dp| dp.j)
    };
    let n = points.max(3);
    let curve: Vec<(f64, f64)> = (1..n)
        .map(|i| i as f64 / n as f64)
        .filter_map(|p| Some((p, j_at(p)?)))
        .collect();
    let (mut lo, mut hi) = {
        let k = curve
            .iter()
            .enumerate()
            .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1))?
            .0;
        // Between the best grid point's neighbours, or up to the end of (0, 1): a J that
        // rises all the way (a linear one) is best at the boundary.
        let at = |i: usize| curve.get(i).map(|q| q.0);
        (
            k.checked_sub(1).and_then(at).unwrap_or(1e-9),
            at(k + 1).unwrap_or(1.0 - 1e-9),
        )
    };
    // Golden-section search between the neighbours of the best grid point: each round keeps
    // one inner point and its J, so it costs one evaluation.
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (hi - ratio * (hi - lo), lo + ratio * (hi - lo));
    let (mut ja, mut jb) = (j_at(a)?, j_at(b)?);
    for _ in 0..60 {
        if ja < jb {
            lo = a;
            (a, ja) = (b, jb);
            b = lo + ratio * (hi - lo);
            jb = j_at(b)?;
        } else {
            hi = b;
            (b, jb) = (a, ja);
            a = hi - ratio * (hi - lo);
            ja = j_at(a)?;
        }
    }
    let p = 0.5 * (lo + hi);
    let current = Policy::new(mdp, theta).ok()?.prob(first, 1);
    Some(ProbabilityCurve {
        action: mdp.actions().get(1)?.clone(),
        points: curve,
        best: (p, j_at(p)?),
        current,
    })
}

/// Episodes in the histograms of step 10: the run's first ones.
pub const HISTOGRAM_EPISODES: usize = 2000;

/// Environment steps those episodes may take in all: long episodes (H up to 1000) make
/// fewer of them, so that the page's work and memory stay bounded.
pub const HISTOGRAM_STEPS: usize = 100_000;

/// Each estimator's value on each episode at γ, projected on `direction` (a unit vector
/// for a component, ∇J/|∇J| for the length along the gradient): one vector per estimator,
/// one entry per episode (DESIGN §3.3's formulas, the baseline from the exact state values).
pub fn projected_values(
    mdp: &Mdp,
    policy: &Policy,
    episodes: &[Episode],
    gamma: f64,
    direction: &[f64],
    estimators: &[Estimator],
) -> Vec<Vec<f64>> {
    let values = pg_core::exact::state_values(mdp, policy, gamma);
    let mut out = vec![Vec::with_capacity(episodes.len()); estimators.len()];
    for episode in episodes {
        let all = evaluate_all(episode, policy, gamma, &values);
        for (column, e) in out.iter_mut().zip(estimators) {
            let value = all
                .estimators
                .get(e.index())
                .map_or(f64::NAN, |v| dot(v, direction));
            column.push(value);
        }
    }
    out
}

/// The first `n` episodes of the run with this seed, the ones the page samples first.
pub use pg_core::sample::first_episodes;

/// One episode's two routes to a per-episode identity: the pair in the component shown, and
/// the largest gap and value over every component.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpisodeAgreement {
    /// (x, y) in the component shown, if it exists.
    pub point: Option<(f64, f64)>,
    /// The largest |x − y| over the components.
    pub max_gap: f64,
    /// The largest |x| over the components.
    pub max_value: f64,
}

impl Agreement {
    /// The agreement over episodes, from each one's.
    pub fn collect(episodes: impl IntoIterator<Item = EpisodeAgreement>) -> Agreement {
        let mut out = Agreement::default();
        for e in episodes {
            out.max_gap = out.max_gap.max(e.max_gap);
            out.max_value = out.max_value.max(e.max_value);
            out.points.extend(e.point);
        }
        out
    }
}

/// The per-episode identities of steps 3 and 5, each checked by finite differences of the
/// episode's probability (one pass over the episode per parameter moved: at the limits,
/// milliseconds per episode, so a page checks them an episode at a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// Step 3: ∇P(τ) by finite differences (x) against P(τ)·∇ln P(τ) (y).
    Probability,
    /// Step 5: ∇ln P(τ) of the full probability, dynamics included, by finite differences
    /// (x) against the sum of the policy's scores (y).
    DynamicsDropOut,
}

impl Identity {
    /// Both routes on one episode under `policy` (the policy at θ), compared.
    ///
    /// # Errors
    /// θ does not fit the MDP.
    pub fn episode(
        self,
        mdp: &Mdp,
        theta: &[f64],
        policy: &Policy,
        e: &Episode,
        component: usize,
    ) -> Result<EpisodeAgreement, MdpError> {
        let (a, b) = match self {
            Identity::Probability => {
                let p = log_probability(mdp, policy, e).exp();
                (
                    probability_gradient_fd(mdp, theta, e)?,
                    score_sum(policy, e).into_iter().map(|s| p * s).collect(),
                )
            }
            Identity::DynamicsDropOut => (
                log_probability_gradient_fd(mdp, theta, e)?,
                score_sum(policy, e),
            ),
        };
        let mut out = EpisodeAgreement {
            point: None,
            max_gap: 0.0,
            max_value: 0.0,
        };
        for (x, y) in a.iter().zip(&b) {
            out.max_gap = out.max_gap.max((x - y).abs());
            out.max_value = out.max_value.max(x.abs());
        }
        if let (Some(&x), Some(&y)) = (a.get(component), b.get(component)) {
            out.point = Some((x, y));
        }
        Ok(out)
    }

    /// The identity on the [`IDENTITY_EPISODES`] first episodes of the run with `seed`.
    ///
    /// # Errors
    /// θ does not fit the MDP.
    pub fn check(
        self,
        mdp: &Mdp,
        theta: &[f64],
        seed: u64,
        component: usize,
    ) -> Result<Agreement, MdpError> {
        let policy = Policy::new(mdp, theta)?;
        let component = component.min(mdp.dim().saturating_sub(1));
        first_episodes(mdp, &policy, seed, IDENTITY_EPISODES)
            .iter()
            .map(|e| self.episode(mdp, theta, &policy, e, component))
            .collect::<Result<Vec<_>, _>>()
            .map(Agreement::collect)
    }
}

/// Step 3: ∇P(τ) by finite differences (x) against P(τ)·∇ln P(τ) (y) for sampled episodes.
///
/// # Errors
/// θ does not fit the MDP.
pub fn probability_identity(
    mdp: &Mdp,
    theta: &[f64],
    seed: u64,
    component: usize,
) -> Result<Agreement, MdpError> {
    Identity::Probability.check(mdp, theta, seed, component)
}

/// Step 5: ∇ln P(τ) of the full probability, dynamics included, by finite differences (x)
/// against the sum of the policy's scores (y) for sampled episodes.
///
/// # Errors
/// θ does not fit the MDP.
pub fn dynamics_drop_out(
    mdp: &Mdp,
    theta: &[f64],
    seed: u64,
    component: usize,
) -> Result<Agreement, MdpError> {
    Identity::DynamicsDropOut.check(mdp, theta, seed, component)
}

/// Step 3's consequence E\[∇ln P(τ)\] = 0, summed over every episode: the largest component
/// of Σ_τ P(τ)∇ln P(τ) and the number of episodes, or `None` when they are too many to list.
pub fn expected_score(mdp: &Mdp, theta: &[f64]) -> Option<(f64, usize)> {
    let policy = Policy::new(mdp, theta).ok()?;
    let listing = Enumeration::new(mdp, &policy)?;
    let mut sum = vec![0.0; mdp.dim()];
    for (e, &p) in listing.episodes().iter().zip(listing.probabilities()) {
        for (s, x) in sum.iter_mut().zip(score_sum(&policy, e)) {
            *s += p * x;
        }
    }
    Some((
        sum.iter().fold(0.0f64, |m, x| m.max(x.abs())),
        listing.len(),
    ))
}

/// Step 2: ∇J three ways — Σ_τ G₀(τ)∇P(τ) over every episode (when they can be listed),
/// finite differences of J ([`FiniteDifferencePlan`], computed apart: at the limits they are
/// slow), and dynamic programming.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientRoutes {
    /// Σ_τ G₀(τ) P(τ) ∇ln P(τ), or `None` when there are too many episodes.
    pub enumeration: Option<Vec<f64>>,
    /// Number of episodes listed.
    pub episodes: usize,
    /// Dynamic programming.
    pub dynamic_programming: Vec<f64>,
}

/// Which components step 2's finite differences of J cover: every one, or (when that would
/// take more than [`FINITE_DIFFERENCE_WORK`]) the shown one only. Each takes four exact
/// solves, which a page can spread over time ([`FiniteDifferencePlan::solve`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FiniteDifferencePlan {
    /// The components covered, ascending.
    pub components: Vec<usize>,
    /// Whether they are all d.
    pub complete: bool,
}

impl FiniteDifferencePlan {
    /// The plan for `mdp` when the page shows `component` (clamped to the last one).
    pub fn new(mdp: &Mdp, component: usize) -> FiniteDifferencePlan {
        let dim = mdp.dim();
        let complete = 4 * dim * solve_work(mdp) <= FINITE_DIFFERENCE_WORK;
        let components = if complete {
            (0..dim).collect()
        } else {
            vec![component.min(dim.saturating_sub(1))]
        };
        FiniteDifferencePlan {
            components,
            complete,
        }
    }

    /// Number of exact solves: four per component.
    pub fn solves(&self) -> usize {
        4 * self.components.len()
    }

    /// Solve `k` (< [`FiniteDifferencePlan::solves`]): J at θ moved along one component by
    /// one offset of the stencil ([`pg_core::exact::shifted_objective`]); NaN for `k` out of
    /// range. θ must fit the MDP.
    pub fn solve(&self, mdp: &Mdp, theta: &[f64], gamma: f64, k: usize) -> f64 {
        let offsets = pg_core::exact::FINITE_DIFFERENCE_OFFSETS;
        match (self.components.get(k / 4), offsets.get(k % 4)) {
            (Some(&i), Some(&offset)) if i < theta.len() => {
                pg_core::exact::shifted_objective(mdp, theta, gamma, i, offset)
            }
            _ => f64::NAN,
        }
    }

    /// The finite differences, `dim` entries (NaN for a component not covered), from the
    /// solves' values in order; `None` unless there is one value per solve.
    pub fn gradient(&self, dim: usize, solved: &[f64]) -> Option<Vec<f64>> {
        if solved.len() != self.solves() {
            return None;
        }
        let mut out = vec![f64::NAN; dim];
        for (&i, j) in self.components.iter().zip(solved.chunks_exact(4)) {
            if let (Some(o), [a, b, c, d]) = (out.get_mut(i), j) {
                *o = pg_core::exact::finite_difference_from([*a, *b, *c, *d]);
            }
        }
        Some(out)
    }

    /// Every solve at once, then [`FiniteDifferencePlan::gradient`].
    pub fn compute(&self, mdp: &Mdp, theta: &[f64], gamma: f64) -> Vec<f64> {
        let solved: Vec<f64> = (0..self.solves())
            .map(|k| self.solve(mdp, theta, gamma, k))
            .collect();
        self.gradient(mdp.dim(), &solved)
            .unwrap_or_else(|| vec![f64::NAN; mdp.dim()])
    }
}

/// The work of one exact solve of J, in state–action–step visits: H·|S|·|A|. The page's
/// bounds on repeated solves are in these units.
pub fn solve_work(mdp: &Mdp) -> usize {
    mdp.horizon() * mdp.num_states() * mdp.num_actions()
}

/// Most work, in [`solve_work`] units (4 solves per component), that finite differences of
/// every component may take on the page: the presets need a few thousand; an MDP at the
/// limits (d = 512, H = 1000) would need 10⁹.
pub const FINITE_DIFFERENCE_WORK: usize = 20_000_000;

/// Computes [`GradientRoutes`] under `policy` (the policy at θ) at γ; `listing` is the
/// MDP's enumeration at θ, if it has one, and `dynamic_programming` ∇J by dynamic programming
/// there (a page has it in its snapshot already: solving again cost 17 ms per γ move at the
/// limits).
pub fn gradient_routes(
    mdp: &Mdp,
    policy: &Policy,
    gamma: f64,
    listing: Option<&Enumeration>,
    dynamic_programming: &[f64],
) -> GradientRoutes {
    let enumeration = listing.map(|l| {
        let mut sum = vec![0.0; mdp.dim()];
        for (e, &p) in l.episodes().iter().zip(l.probabilities()) {
            let g0 = e.rewards.iter().rev().fold(0.0, |g, r| r + gamma * g);
            for (s, x) in sum.iter_mut().zip(score_sum(policy, e)) {
                *s += g0 * p * x;
            }
        }
        sum
    });
    GradientRoutes {
        episodes: listing.map_or(0, Enumeration::len),
        enumeration,
        dynamic_programming: dynamic_programming.to_vec(),
    }
}

/// One episode of step 2's picture.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeWeight {
    /// The episode as its states, `s0→s1→goal`.
    pub label: String,
    /// P_θ(τ).
    pub probability: f64,
    /// ∂P_θ(τ)/∂θ\[k\] = P_θ(τ) Σ_t ∂ln π(a_t|s_t)/∂θ\[k\].
    pub slope: f64,
    /// G₀(τ) at the γ shown.
    pub g0: f64,
}

/// Step 2's picture: ∂J/∂θ\[k\] = Σ_τ G₀(τ) ∂P_θ(τ)/∂θ\[k\], the most likely episodes one by
/// one and the rest together, beside the finite-difference slope of J.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeWeights {
    /// The most likely episodes, most likely first.
    pub shown: Vec<EpisodeWeight>,
    /// Σ G₀ ∂P/∂θ\[k\] over the episodes not shown.
    pub rest: f64,
    /// Number of episodes not shown.
    pub rest_count: usize,
    /// Σ G₀ ∂P/∂θ\[k\] over every episode.
    pub total: f64,
    /// ∂J/∂θ\[k\] by central finite differences of the exact J.
    pub finite_difference: f64,
}

/// Computes [`EpisodeWeights`] for component `k` over `listing` (every episode of the MDP
/// under `policy`), showing the `shown` most likely; `finite_difference` is ∂J/∂θ\[k\] by
/// finite differences.
pub fn episode_weights(
    mdp: &Mdp,
    policy: &Policy,
    listing: &Enumeration,
    gamma: f64,
    k: usize,
    shown: usize,
    finite_difference: f64,
) -> EpisodeWeights {
    let mut all: Vec<(usize, f64, f64, f64)> = listing
        .episodes()
        .iter()
        .zip(listing.probabilities())
        .enumerate()
        .map(|(i, (e, &p))| {
            let g0 = e.rewards.iter().rev().fold(0.0, |g, r| r + gamma * g);
            let slope = p * score_sum(policy, e).get(k).copied().unwrap_or(0.0);
            (i, p, slope, g0)
        })
        .collect();
    let total = all.iter().map(|&(_, _, d, g)| g * d).sum();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let rest: f64 = all.iter().skip(shown).map(|&(_, _, d, g)| g * d).sum();
    let names = mdp.states();
    EpisodeWeights {
        shown: all
            .iter()
            .take(shown)
            .map(|&(i, probability, slope, g0)| EpisodeWeight {
                label: listing.episodes().get(i).map_or(String::new(), |e| {
                    e.states
                        .iter()
                        .map(|&s| names.get(s).map_or("?", String::as_str))
                        .collect::<Vec<_>>()
                        .join("→")
                }),
                probability,
                slope,
                g0,
            })
            .collect(),
        rest,
        rest_count: all.len().saturating_sub(shown),
        total,
        finite_difference,
    }
}

/// Points of a curve.
pub type Points = Vec<(f64, f64)>;

/// J along the gradient direction, a point at a time: (s, J(θ + s·∇J/|∇J|)) for s in
/// [−reach, reach], and the tangent line J(θ) + s|∇J| it should touch at s = 0.
#[derive(Clone, Debug, PartialEq)]
pub struct AlongGradient {
    theta: Vec<f64>,
    /// ∇J/|∇J|.
    unit: Vec<f64>,
    j: f64,
    norm: f64,
    gamma: f64,
    reach: f64,
    points: usize,
}

impl AlongGradient {
    /// The line through θ along ∇J (`dp` at θ and γ), `points` ≥ 2 points over
    /// [−reach, reach]; `None` where ∇J is zero or not finite (no direction).
    pub fn new(
        theta: &[f64],
        dp: &DpResult,
        gamma: f64,
        reach: f64,
        points: usize,
    ) -> Option<Self> {
        let norm = pg_core::policy::norm(&dp.grad);
        if norm == 0.0 || !norm.is_finite() {
            return None;
        }
        Some(AlongGradient {
            theta: theta.to_vec(),
            unit: dp.grad.iter().map(|g| g / norm).collect(),
            j: dp.j,
            norm,
            gamma,
            reach,
            points: points.max(2),
        })
    }

    /// Number of points of the curve.
    pub fn points(&self) -> usize {
        self.points
    }

    /// Point `k` of the curve: one exact solve (θ clamped to the limit on |θᵢ|).
    pub fn point(&self, mdp: &Mdp, k: usize) -> (f64, f64) {
        let steps = self.points - 1;
        let s = -self.reach + 2.0 * self.reach * k as f64 / steps as f64;
        let limit = pg_core::mdp::limits::MAX_ABS_THETA;
        let moved: Vec<f64> = self
            .theta
            .iter()
            .zip(&self.unit)
            .map(|(t, u)| (t + s * u).clamp(-limit, limit))
            .collect();
        let j = Policy::new(mdp, &moved)
            .map_or(f64::NAN, |p| pg_core::exact::objective(mdp, &p, self.gamma));
        (s, j)
    }

    /// The tangent's two ends.
    pub fn tangent(&self) -> Points {
        [-self.reach, self.reach]
            .iter()
            .map(|&s| (s, self.j + s * self.norm))
            .collect()
    }

    /// The discount of the curve.
    pub fn gamma(&self) -> f64 {
        self.gamma
    }
}

/// The state where the Markov check looks at time 1: the most likely non-terminal state then.
pub fn markov_check_state(mdp: &Mdp, policy: &Policy) -> Option<usize> {
    if mdp.horizon() < 2 || mdp.num_actions() < 2 {
        return None;
    }
    let d = occupancy(mdp, policy);
    d.get(1)?
        .iter()
        .enumerate()
        .filter(|&(s, &p)| p > 0.0 && !mdp.is_terminal(s))
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_core::exact::dp_with_policy;

    #[test]
    fn episode_weights_add_up_to_the_finite_difference_gradient() {
        for id in ["bandit", "chain", "discount-trap"] {
            let mdp = pg_core::presets::load(id).unwrap();
            let theta = mdp.theta().to_vec();
            let policy = Policy::new(&mdp, &theta).unwrap();
            let listing = Enumeration::new(&mdp, &policy).unwrap();
            let gamma = 0.8;
            let fd = pg_core::exact::finite_difference_gradient(&mdp, &theta, gamma).unwrap();
            for (k, &slope) in fd.iter().enumerate() {
                let w = episode_weights(&mdp, &policy, &listing, gamma, k, 8, slope);
                assert!(w.shown.len() <= 8 && w.shown.len() + w.rest_count == listing.len());
                assert!(w
                    .shown
                    .windows(2)
                    .all(|p| p[0].probability >= p[1].probability));
                let parts: f64 = w.shown.iter().map(|e| e.g0 * e.slope).sum::<f64>() + w.rest;
                assert!((parts - w.total).abs() < 1e-12, "{id} {k}");
                assert!(
                    (w.total - fd[k]).abs() < 1e-6,
                    "{id} θ[{k}]: {} vs {}",
                    w.total,
                    fd[k]
                );
            }
        }
    }
    use pg_core::presets;

    #[test]
    fn the_identities_hold_on_every_preset() {
        for preset in presets::PRESETS {
            let mdp = presets::load(preset.id).unwrap();
            let theta = vec![0.3; mdp.dim()];
            let a = probability_identity(&mdp, &theta, 7, 0).unwrap();
            assert_eq!(a.points.len(), IDENTITY_EPISODES);
            assert!(
                a.max_gap <= 1e-7 * a.max_value.max(1e-12) + 1e-12,
                "{}: {a:?}",
                preset.id
            );
            let b = dynamics_drop_out(&mdp, &theta, 7, 0).unwrap();
            assert!(b.max_gap < 1e-6, "{}: {}", preset.id, b.max_gap);
        }
    }

    /// The histograms' episodes are the run's: their means are the simulation's estimates
    /// after the same number of episodes, for every estimator and component.
    #[test]
    fn per_episode_values_are_those_the_simulation_averages() {
        for id in ["chain", "gridworld", "discount-trap"] {
            let mdp = presets::load(id).unwrap();
            let theta = mdp.theta().to_vec();
            let policy = Policy::new(&mdp, &theta).unwrap();
            let (seed, n, gamma) = (7, 300, 0.8);
            let episodes = first_episodes(&mdp, &policy, seed, n);
            let mut sim = pg_core::Simulation::new(&mdp, &theta, seed).unwrap();
            sim.run(n as u64);
            for k in 0..mdp.dim() {
                let unit: Vec<f64> = (0..mdp.dim())
                    .map(|j| f64::from(u8::from(j == k)))
                    .collect();
                let columns =
                    projected_values(&mdp, &policy, &episodes, gamma, &unit, &Estimator::ALL);
                for (e, column) in Estimator::ALL.iter().zip(&columns) {
                    let mean = column.iter().sum::<f64>() / n as f64;
                    let expected = sim.estimate(*e, gamma).mean[k];
                    assert!(
                        (mean - expected).abs() <= 1e-9 * (1.0 + expected.abs()),
                        "{id} {e:?} [{k}]: {mean} vs {expected}"
                    );
                }
            }
        }
    }

    /// Sutton and Barto, Example 13.1: the best probability of right in the short corridor is
    /// 2 − √2 ≈ 0.586, where J = −(6 + 4√2) ≈ −11.66 (γ = 1; the preset's horizon, the limit
    /// of 1000, changes neither in the digits checked).
    #[test]
    fn the_corridor_has_its_textbook_optimum() {
        let mdp = presets::load("corridor").unwrap();
        let c = objective_against_probability(&mdp, mdp.theta(), 1.0, 100).unwrap();
        assert_eq!(c.action, "right");
        assert!(
            (c.best.0 - (2.0 - 2f64.sqrt())).abs() < 1e-4,
            "{:?}",
            c.best
        );
        assert!(
            (c.best.1 + 6.0 + 4.0 * 2f64.sqrt()).abs() < 1e-6,
            "{:?}",
            c.best
        );
        assert!((c.current - 0.5).abs() < 1e-12, "θ = 0: even odds");
        assert!(c.points.iter().all(|&(_, j)| j <= c.best.1 + 1e-9));
        // On discount-trap J is linear in π(R): best at the end of (0, 1), not of the grid.
        let trap = presets::load("discount-trap").unwrap();
        let c = objective_against_probability(&trap, trap.theta(), 0.5, 100).unwrap();
        assert!(c.best.0 > 0.999_999, "{:?}", c.best);
        // A policy that differs by state has no such curve.
        let chain = presets::load("chain").unwrap();
        assert!(objective_against_probability(&chain, chain.theta(), 0.9, 10).is_none());
    }

    #[test]
    fn scores_have_mean_zero_over_every_episode() {
        let mdp = presets::load("chain").unwrap();
        let (largest, episodes) = expected_score(&mdp, &[0.4; 8]).unwrap();
        assert!(largest < 1e-12, "{largest}");
        assert_eq!(episodes, 41_456);
        assert!(expected_score(&presets::load("corridor").unwrap(), &[0.0, 0.0]).is_none());
    }

    #[test]
    fn three_routes_to_the_gradient_agree() {
        let mdp = presets::load("chain").unwrap();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        let listing = Enumeration::new(&mdp, &policy);
        let dp = dp_with_policy(&mdp, &policy, 0.9).grad;
        let r = gradient_routes(&mdp, &policy, 0.9, listing.as_ref(), &dp);
        let plan = FiniteDifferencePlan::new(&mdp, 0);
        assert!(plan.complete);
        assert_eq!(plan.solves(), 4 * mdp.dim());
        let fd = plan.compute(&mdp, mdp.theta(), 0.9);
        let e = r.enumeration.expect("chain enumerates");
        for (i, ((x, fd), dp)) in e.iter().zip(&fd).zip(&r.dynamic_programming).enumerate() {
            assert!((x - dp).abs() < 1e-12);
            assert!((fd - dp).abs() < 1e-9);
            // The plan's solves give the core's finite difference, bit for bit.
            let one = pg_core::exact::finite_difference_component(&mdp, mdp.theta(), 0.9, i);
            assert_eq!(fd.to_bits(), one.unwrap().to_bits());
        }
        // Fewer or more values than solves give nothing.
        assert_eq!(plan.gradient(mdp.dim(), &[0.0; 3]), None);
    }

    /// At the limits, finite differences keep to the shown component, and it is right.
    #[test]
    fn finite_differences_of_a_large_mdp_keep_to_the_shown_component() {
        let mdp = large_mdp();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        let dp = dp_with_policy(&mdp, &policy, 0.9).grad;
        let r = gradient_routes(&mdp, &policy, 0.9, None, &dp);
        let plan = FiniteDifferencePlan::new(&mdp, 5);
        assert!(!plan.complete);
        assert_eq!(plan.components, [5]);
        assert!(plan.solve(&mdp, mdp.theta(), 0.9, 4).is_nan());
        let fd = plan.compute(&mdp, mdp.theta(), 0.9);
        for (i, (fd, dp)) in fd.iter().zip(&r.dynamic_programming).enumerate() {
            if i == 5 {
                assert!(
                    (fd - dp).abs() < 1e-8 * (1.0 + dp.abs()),
                    "{fd} against {dp}"
                );
            } else {
                assert!(fd.is_nan());
            }
        }
    }

    /// 64 states × 8 actions (d = 512), horizon 1000, no end before it: every limit at once.
    fn large_mdp() -> Mdp {
        use std::collections::BTreeMap;
        let states: Vec<String> = (0..64).map(|i| format!("s{i}")).collect();
        let actions: Vec<String> = (0..8).map(|i| format!("a{i}")).collect();
        let row = |f: &dyn Fn(usize, usize) -> serde_json::Value| -> BTreeMap<String, BTreeMap<String, serde_json::Value>> {
            states
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let r = actions.iter().enumerate().map(|(a, n)| (n.clone(), f(i, a))).collect();
                    (s.clone(), r)
                })
                .collect()
        };
        let file = serde_json::json!({
            "states": states,
            "actions": actions,
            "start": {"s0": 1.0},
            "transitions": row(&|i, a| serde_json::json!({
                format!("s{}", (i + a + 1) % 64): 0.5,
                format!("s{}", (3 * i + a) % 64): 0.5,
            })),
            "rewards": row(&|i, a| serde_json::json!(((i * 7 + a) % 5) as f64 - 2.0)),
            "horizon": 1000,
        });
        Mdp::from_json(&file.to_string()).unwrap()
    }

    #[test]
    fn j_along_the_gradient_touches_its_tangent() {
        let mdp = presets::load("discount-trap").unwrap();
        let policy = Policy::new(&mdp, &[0.0]).unwrap();
        let dp = dp_with_policy(&mdp, &policy, 0.5);
        let line = AlongGradient::new(&[0.0], &dp, 0.5, 2.0, 41).unwrap();
        let curve: Vec<_> = (0..line.points()).map(|k| line.point(&mdp, k)).collect();
        let tangent = line.tangent();
        assert_eq!(curve.len(), 41);
        let middle = curve[20];
        assert!(middle.0.abs() < 1e-12);
        assert!((middle.1 - 1.375).abs() < 1e-12);
        // The tangent passes through J(θ) with slope |∇J| = 0.0625.
        assert!((tangent[1].1 - (1.375 + 2.0 * 0.0625)).abs() < 1e-12);
        assert_eq!(
            markov_check_state(&mdp, &Policy::new(&mdp, &[0.0]).unwrap()),
            Some(1)
        );
    }
}
