//! The headless report of `pgx report` (DESIGN §4.3): exact values by every route beside
//! Monte Carlo estimates, as one JSON object.

use serde::Serialize;

use crate::estimators::Estimator;
use crate::exact::{dp_with_policy, finite_difference_gradient, Enumeration};
use crate::mdp::{check_gamma, mdp_error, Mdp, MdpError};
use crate::policy::Policy;
use crate::stats::{Estimate, Simulation};

/// Most episodes a report may sample.
pub const MAX_EPISODES: u64 = 100_000_000;
/// Episodes sampled when none are asked for.
pub const DEFAULT_EPISODES: u64 = 10_000;
/// Seed used when none is given.
pub const DEFAULT_SEED: u64 = 1;

/// One number per estimator, keyed by estimator id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerEstimator<T> {
    /// `trajectory`.
    pub trajectory: T,
    /// `reward_to_go`.
    pub reward_to_go: T,
    /// `no_discount_weight`.
    pub no_discount_weight: T,
    /// `baseline`.
    pub baseline: T,
}

impl<T> PerEstimator<T> {
    fn from_fn(mut f: impl FnMut(Estimator) -> T) -> Self {
        PerEstimator {
            trajectory: f(Estimator::Trajectory),
            reward_to_go: f(Estimator::RewardToGo),
            no_discount_weight: f(Estimator::NoDiscountWeight),
            baseline: f(Estimator::Baseline),
        }
    }
}

/// Exact values from enumerating every episode.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnumerationReport {
    /// Number of episodes listed.
    pub episodes: usize,
    /// J as Σ_τ P(τ) G₀(τ).
    #[serde(rename = "J")]
    pub j: f64,
    /// Exact variance (trace of the covariance) of each estimator.
    pub variance: PerEstimator<f64>,
}

/// Exact values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExactReport {
    /// J by dynamic programming.
    #[serde(rename = "J")]
    pub j: f64,
    /// ∇J by dynamic programming.
    pub grad: Vec<f64>,
    /// Exact mean of the `no_discount_weight` estimator.
    pub no_discount_weight: Vec<f64>,
    /// ∇J by central finite differences of J.
    pub fd_grad: Vec<f64>,
    /// Enumeration, when the episodes are few enough to list.
    pub enumeration: Option<EnumerationReport>,
}

/// A scalar Monte Carlo estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScalarEstimate {
    /// Sample mean.
    pub mean: f64,
    /// Standard error of the mean.
    pub stderr: f64,
}

/// A vector Monte Carlo estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VectorEstimate {
    /// Sample mean per component.
    pub mean: Vec<f64>,
    /// Standard error per component.
    pub stderr: Vec<f64>,
    /// Sample variance (trace of the covariance) of one episode's value.
    pub variance: f64,
}

impl From<Estimate> for VectorEstimate {
    fn from(e: Estimate) -> Self {
        VectorEstimate {
            mean: e.mean,
            stderr: e.stderr,
            variance: e.variance,
        }
    }
}

/// Monte Carlo estimates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonteCarloReport {
    /// Episodes sampled.
    pub episodes: u64,
    /// Seed of the generator.
    pub seed: u64,
    /// Environment steps (actions) sampled over all episodes, so a rate per step can be
    /// computed from outside.
    pub steps: u64,
    /// Estimate of J.
    #[serde(rename = "J")]
    pub j: ScalarEstimate,
    /// Each estimator's estimate.
    #[serde(flatten)]
    pub estimators: PerEstimator<VectorEstimate>,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The MDP's title.
    pub mdp: String,
    /// Discount used.
    pub gamma: f64,
    /// Parameters used.
    pub theta: Vec<f64>,
    /// Horizon H.
    pub horizon: usize,
    /// Exact values.
    pub exact: ExactReport,
    /// Monte Carlo estimates.
    pub monte_carlo: MonteCarloReport,
}

/// Computes the report for `mdp` at `theta` and `gamma`, sampling `episodes` episodes from `seed`.
pub fn report(
    mdp: &Mdp,
    theta: &[f64],
    gamma: f64,
    episodes: u64,
    seed: u64,
) -> Result<Report, MdpError> {
    check_gamma("gamma", gamma)?;
    if episodes == 0 || episodes > MAX_EPISODES {
        return Err(mdp_error!(
            "episodes",
            "mdp-error-between-one-and",
            "must be between 1 and {max}, not {value}",
            max = MAX_EPISODES,
            value = episodes,
        ));
    }
    let policy = Policy::new(mdp, theta)?;
    let dp = dp_with_policy(mdp, &policy, gamma);
    let enumeration = Enumeration::new(mdp, &policy).map(|listing| {
        let values = listing.values(mdp, &policy, gamma);
        EnumerationReport {
            episodes: listing.len(),
            j: values.j,
            variance: PerEstimator::from_fn(|e| values.estimators[e.index()].variance),
        }
    });
    // The report's γ is a point of the grid, so every second moment here is exact.
    let mut simulation = Simulation::with_anchor(mdp, theta, seed, gamma)?;
    simulation.run(episodes);
    let objective = simulation.objective(gamma);
    Ok(Report {
        mdp: mdp.name().to_string(),
        gamma,
        theta: theta.to_vec(),
        horizon: mdp.horizon(),
        exact: ExactReport {
            j: dp.j,
            grad: dp.grad,
            no_discount_weight: dp.no_discount_weight,
            fd_grad: finite_difference_gradient(mdp, theta, gamma)?,
            enumeration,
        },
        monte_carlo: MonteCarloReport {
            episodes,
            seed,
            steps: simulation.steps(),
            j: ScalarEstimate {
                mean: objective.mean[0],
                stderr: objective.stderr[0],
            },
            estimators: PerEstimator::from_fn(|e| simulation.estimate(e, gamma).into()),
        },
    })
}
