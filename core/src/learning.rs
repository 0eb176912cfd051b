//! Gradient ascent for step 11: θ ← θ + α ĝ with ĝ the batch mean of one estimator (the step
//! optionally clipped to a length, [`Trainer::with_max_move`]), and the
//! exact learning curve J(θ₀), J(θ₁), … by dynamic programming.
//!
//! On `discount-trap` the update with `reward_to_go` climbs to the best policy while the one
//! with `no_discount_weight` (γ^t dropped) walks to the worst.

use crate::estimators::{evaluate_all, Estimator};
use crate::exact::{objective, state_values};
use crate::mdp::{check_gamma, limits, mdp_error, Mdp, MdpError};
use crate::policy::Policy;
use crate::sample::{Episode, Sampler};

/// Largest step size α accepted; far beyond what any preset needs, and it keeps θ finite.
pub const MAX_STEP_SIZE: f64 = 100.0;

/// Gradient ascent on J(θ, γ) with one estimator, sampling a fresh batch at every update.
#[derive(Clone, Debug)]
pub struct Trainer {
    mdp: Mdp,
    theta: Vec<f64>,
    gamma: f64,
    estimator: Estimator,
    step_size: f64,
    /// The longest step θ may take in one update (Euclidean length), if any.
    max_move: Option<f64>,
    episodes_per_update: u64,
    seed: u64,
    updates: u64,
    history: Vec<f64>,
    last_gradient: Option<Vec<f64>>,
    episode: Episode,
    /// The update under way in [`Trainer::advance`], if any.
    batch: Option<Box<Batch>>,
}

/// An update's batch, part sampled: the policy and state values at θ, the batch's sampler
/// and the sum of the estimates so far.
#[derive(Clone, Debug)]
struct Batch {
    policy: Policy,
    values: Vec<Vec<f64>>,
    sampler: Sampler,
    gradient: Vec<f64>,
    sampled: u64,
}

/// A step size or a step's length: a finite number in (0, [`MAX_STEP_SIZE`]]; the error is
/// located at `path`.
fn check_step_length(path: &str, value: f64) -> Result<(), MdpError> {
    if !value.is_finite() || value <= 0.0 || value > MAX_STEP_SIZE {
        return Err(mdp_error!(
            path,
            "mdp-error-step-size-range",
            "must be a number above 0 and at most {max}, not {value}",
            max = MAX_STEP_SIZE,
            value = value,
        ));
    }
    Ok(())
}

/// SplitMix64's finaliser: spreads nearby inputs over all 64 bits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Trainer {
    /// A trainer starting at `theta0`. Errors (located at `theta`, `gamma`, `step_size` or
    /// `episodes_per_update`) on θ that does not fit `mdp`, γ outside [0, 1], a step size that
    /// is not a finite number in (0, [`MAX_STEP_SIZE`]], or a batch of no episodes.
    pub fn new(
        mdp: &Mdp,
        theta0: &[f64],
        gamma: f64,
        estimator: Estimator,
        step_size: f64,
        episodes_per_update: u64,
        seed: u64,
    ) -> Result<Trainer, MdpError> {
        check_gamma("gamma", gamma)?;
        let policy = Policy::new(mdp, theta0)?;
        let start = objective(mdp, &policy, gamma);
        Trainer::with_start_value(
            mdp,
            theta0,
            gamma,
            estimator,
            step_size,
            episodes_per_update,
            seed,
            start,
        )
    }

    /// As [`Trainer::new`], with J(θ₀) given (a page that has it already need not solve the
    /// MDP again): it becomes the first entry of the history as it is.
    ///
    /// # Errors
    /// As [`Trainer::new`].
    #[allow(clippy::too_many_arguments)]
    pub fn with_start_value(
        mdp: &Mdp,
        theta0: &[f64],
        gamma: f64,
        estimator: Estimator,
        step_size: f64,
        episodes_per_update: u64,
        seed: u64,
        start: f64,
    ) -> Result<Trainer, MdpError> {
        mdp.check_theta(theta0)?;
        check_gamma("gamma", gamma)?;
        check_step_length("step_size", step_size)?;
        if episodes_per_update == 0 {
            return Err(mdp_error!(
                "episodes_per_update",
                "mdp-error-at-least-one",
                "must be at least 1"
            ));
        }
        Ok(Trainer {
            mdp: mdp.clone(),
            theta: theta0.to_vec(),
            gamma,
            estimator,
            step_size,
            max_move: None,
            episodes_per_update,
            seed,
            updates: 0,
            history: vec![start],
            last_gradient: None,
            episode: Episode::default(),
            batch: None,
        })
    }

    /// One update: samples a batch under the current θ, averages the estimator at γ over it,
    /// steps θ ← θ + α ĝ with each θᵢ clamped to ±[`limits::MAX_ABS_THETA`], and appends the
    /// exact J at the new θ to the history. Finishes an update begun by [`Trainer::advance`].
    pub fn update(&mut self) {
        while !self.advance(u64::MAX) {}
    }

    /// A part of an update, for callers that share a thread with a page: the first call
    /// tabulates the policy and the state values at θ (one exact solve), each later one
    /// samples up to `max_episodes` episodes of the batch, and the call after the last episode
    /// steps θ and solves J there (one exact solve). Returns whether that update is complete.
    /// An update done in parts equals one done by [`Trainer::update`], bit for bit.
    pub fn advance(&mut self, max_episodes: u64) -> bool {
        let Some(batch) = self.batch.as_mut() else {
            // θ stays within the limit by the clamp below, so the policy is always valid.
            let policy = Policy::new_unchecked(&self.mdp, &self.theta);
            let values = state_values(&self.mdp, &policy, self.gamma);
            // Batch k has its own stream, so a run is reproducible from the seed alone.
            let batch_seed = mix(self.seed ^ mix(self.updates));
            let sampler = Sampler::new(&self.mdp, &policy, batch_seed);
            self.batch = Some(Box::new(Batch {
                policy,
                values,
                sampler,
                gradient: vec![0.0; self.mdp.dim()],
                sampled: 0,
            }));
            return false;
        };
        if batch.sampled < self.episodes_per_update {
            let todo = (self.episodes_per_update - batch.sampled).min(max_episodes.max(1));
            for _ in 0..todo {
                batch.sampler.sample(&mut self.episode);
                let x = evaluate_all(&self.episode, &batch.policy, self.gamma, &batch.values);
                for (g, v) in batch
                    .gradient
                    .iter_mut()
                    .zip(&x.estimators[self.estimator.index()])
                {
                    *g += v;
                }
            }
            batch.sampled += todo;
            return false;
        }
        let mut gradient = std::mem::take(&mut batch.gradient);
        self.batch = None;
        let n = self.episodes_per_update as f64;
        for g in gradient.iter_mut() {
            *g /= n;
        }
        // Clipping the step by its length (as gradient clipping does) keeps one noisy,
        // steep estimate from throwing θ past the optimum into a policy that never ends.
        let length = self.step_size * crate::policy::norm(&gradient);
        let scale = match self.max_move {
            Some(most) if length > most => most / length,
            _ => 1.0,
        };
        for (theta, &g) in self.theta.iter_mut().zip(&gradient) {
            let next = *theta + scale * self.step_size * g;
            // A non-finite step (it cannot happen within the documented limits) leaves θᵢ be.
            if next.is_finite() {
                *theta = next.clamp(-limits::MAX_ABS_THETA, limits::MAX_ABS_THETA);
            }
        }
        self.updates += 1;
        self.last_gradient = Some(gradient);
        let policy = Policy::new_unchecked(&self.mdp, &self.theta);
        self.history.push(objective(&self.mdp, &policy, self.gamma));
        true
    }

    /// The same trainer, with every update's step α ĝ shortened to at most `most` in
    /// Euclidean length when it is longer: gradient clipping by norm.
    ///
    /// # Errors
    /// At `max_move`, when `most` is not a finite number in (0, [`MAX_STEP_SIZE`]].
    pub fn with_max_move(mut self, most: f64) -> Result<Trainer, MdpError> {
        check_step_length("max_move", most)?;
        self.max_move = Some(most);
        Ok(self)
    }

    /// The longest step θ may take in one update, if clipped ([`Trainer::with_max_move`]).
    pub fn max_move(&self) -> Option<f64> {
        self.max_move
    }

    /// Runs `updates` updates.
    pub fn run(&mut self, updates: u64) {
        for _ in 0..updates {
            self.update();
        }
    }

    /// The current parameters θ_k.
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }

    /// Exact J(θ₀), J(θ₁), …, J(θ_k): one entry more than updates made. It grows by one f64
    /// per update, so its size is the caller's choice of how long to train.
    pub fn history(&self) -> &[f64] {
        &self.history
    }

    /// Updates made.
    pub fn updates(&self) -> u64 {
        self.updates
    }

    /// The gradient estimate ĝ of the last update, `None` before the first.
    pub fn last_gradient(&self) -> Option<&[f64]> {
        self.last_gradient.as_deref()
    }

    /// The estimator followed.
    pub fn estimator(&self) -> Estimator {
        self.estimator
    }

    /// The discount γ.
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// The step size α.
    pub fn step_size(&self) -> f64 {
        self.step_size
    }

    /// Episodes sampled per update.
    pub fn episodes_per_update(&self) -> u64 {
        self.episodes_per_update
    }
}
