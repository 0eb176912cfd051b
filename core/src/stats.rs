//! Running Monte Carlo statistics kept as polynomials in γ, so a new γ updates every mean,
//! standard error and variance in work that does not grow with the number of episodes.
//!
//! For convergence charts a [`Simulation`] also keeps snapshots of its sums at the checkpoints
//! n = 1, 2, 5, 10, 20, 50, … (a 1-2-5 series): a few per decade, so memory stays flat
//! however many episodes are drawn, and each snapshot can still be read at any γ.

use crate::estimators::{Estimator, GammaPolynomials};
use crate::exact::RewardProfile;
use crate::mdp::{Mdp, MdpError};
use crate::policy::Policy;
use crate::sample::{Episode, Sampler};

/// Sums over episodes of a vector polynomial x(γ) = Σ_k γ^k c_k and of its componentwise
/// square x_i(γ)² = Σ_m γ^m Σ_{k+l=m} c_{k,i} c_{l,i}.
#[derive(Clone, Debug, PartialEq)]
pub struct PolyMoments {
    dim: usize,
    count: u64,
    sum: Vec<f64>,
    sum_sq: Vec<f64>,
    nonzero: Vec<usize>,
    /// Coefficient rows touched so far: rows at or beyond it are zero in `sum`, and rows at or
    /// beyond 2·rows_used − 1 in `sum_sq`, so a snapshot need not copy them.
    rows_used: usize,
    /// Scratch for [`PolyMoments::add_outer`]: the scalar polynomial squared.
    square: Vec<f64>,
}

/// A Monte Carlo estimate of a vector mean at one γ.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// Sample mean, per component.
    pub mean: Vec<f64>,
    /// Standard error of the mean, per component (NaN-free; zero with fewer than two episodes).
    pub stderr: Vec<f64>,
    /// Sample variance of one episode's value: the trace of the sample covariance.
    pub variance: f64,
    /// Number of episodes behind the estimate.
    pub count: u64,
}

/// Evaluates Σ_k γ^k rows\[k\] for rows of `dim` entries, by Horner's rule.
fn evaluate(rows: &[f64], dim: usize, gamma: f64) -> Vec<f64> {
    let mut out = vec![0.0; dim];
    for row in rows.chunks_exact(dim).rev() {
        for (o, &c) in out.iter_mut().zip(row) {
            *o = *o * gamma + c;
        }
    }
    out
}

impl PolyMoments {
    /// Empty sums for polynomials of up to `max_len` coefficients of `dim` entries.
    pub fn new(dim: usize, max_len: usize) -> PolyMoments {
        PolyMoments {
            dim,
            count: 0,
            sum: vec![0.0; max_len * dim],
            sum_sq: vec![0.0; (2 * max_len).saturating_sub(1) * dim],
            nonzero: Vec::with_capacity(max_len),
            rows_used: 0,
            square: Vec::with_capacity((2 * max_len).saturating_sub(1)),
        }
    }

    /// A copy holding only the coefficient rows in use; it reads the same at every γ but
    /// cannot take more episodes.
    fn trimmed(&self) -> PolyMoments {
        let d = self.dim;
        let rows = self.rows_used;
        PolyMoments {
            dim: d,
            count: self.count,
            sum: self.sum[..rows * d].to_vec(),
            sum_sq: self.sum_sq[..(2 * rows).saturating_sub(1) * d].to_vec(),
            nonzero: Vec::new(),
            rows_used: rows,
            square: Vec::new(),
        }
    }

    /// Numbers stored, for the snapshot budget.
    fn stored(&self) -> usize {
        self.sum.len() + self.sum_sq.len()
    }

    /// Adds one episode's coefficients (`coefficients.len()` a multiple of `dim`).
    pub fn add(&mut self, coefficients: &[f64]) {
        let d = self.dim;
        self.count += 1;
        self.nonzero.clear();
        for (k, row) in coefficients.chunks_exact(d).enumerate() {
            if row.iter().any(|&c| c != 0.0) {
                self.nonzero.push(k);
                for (s, &c) in self.sum[k * d..(k + 1) * d].iter_mut().zip(row) {
                    *s += c;
                }
            }
        }
        if let Some(&last) = self.nonzero.last() {
            self.rows_used = self.rows_used.max(last + 1);
        }
        // Only rows with a nonzero entry contribute; rewards are often sparse.
        for (n, &k) in self.nonzero.iter().enumerate() {
            let row_k = &coefficients[k * d..(k + 1) * d];
            for &l in &self.nonzero[n..] {
                let row_l = &coefficients[l * d..(l + 1) * d];
                let factor = if k == l { 1.0 } else { 2.0 };
                let out = &mut self.sum_sq[(k + l) * d..(k + l + 1) * d];
                for ((o, &a), &b) in out.iter_mut().zip(row_k).zip(row_l) {
                    *o += factor * a * b;
                }
            }
        }
    }

    /// Adds one episode whose coefficient row k is `scalar[k] · vector`, as the full-return
    /// estimator's are (R_k times the episode's score sum). The same sums as [`PolyMoments::add`]
    /// on those rows, but the square needs only the scalar polynomial squared: O(T² + T·d)
    /// work instead of O(T²·d).
    pub fn add_outer(&mut self, scalar: &[f64], vector: &[f64]) {
        let d = self.dim;
        self.count += 1;
        if vector.iter().all(|&v| v == 0.0) {
            return;
        }
        self.nonzero.clear();
        for (k, &r) in scalar.iter().enumerate() {
            if r != 0.0 {
                self.nonzero.push(k);
                for (s, &v) in self.sum[k * d..(k + 1) * d].iter_mut().zip(vector) {
                    *s += r * v;
                }
            }
        }
        let Some(&last) = self.nonzero.last() else {
            return;
        };
        self.rows_used = self.rows_used.max(last + 1);
        self.square.clear();
        self.square.resize(2 * last + 1, 0.0);
        for (n, &k) in self.nonzero.iter().enumerate() {
            for &l in &self.nonzero[n..] {
                let factor = if k == l { 1.0 } else { 2.0 };
                self.square[k + l] += factor * scalar[k] * scalar[l];
            }
        }
        for (m, &q) in self.square.iter().enumerate() {
            if q != 0.0 {
                let out = &mut self.sum_sq[m * d..(m + 1) * d];
                for (o, &v) in out.iter_mut().zip(vector) {
                    *o += q * v * v;
                }
            }
        }
    }

    /// Number of episodes added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean, standard errors and variance at discount γ.
    pub fn estimate(&self, gamma: f64) -> Estimate {
        let n = self.count as f64;
        if self.count == 0 {
            return Estimate {
                mean: vec![0.0; self.dim],
                stderr: vec![0.0; self.dim],
                variance: 0.0,
                count: 0,
            };
        }
        let mean: Vec<f64> = evaluate(&self.sum, self.dim, gamma)
            .into_iter()
            .map(|s| s / n)
            .collect();
        let second = evaluate(&self.sum_sq, self.dim, gamma);
        let variances: Vec<f64> = if self.count < 2 {
            vec![0.0; self.dim]
        } else {
            second
                .iter()
                .zip(&mean)
                .map(|(s, m)| ((s - n * m * m) / (n - 1.0)).max(0.0))
                .collect()
        };
        Estimate {
            stderr: variances.iter().map(|v| (v / n).sqrt()).collect(),
            variance: variances.iter().sum(),
            mean,
            count: self.count,
        }
    }
}

/// Most numbers (f64) that the snapshots of one [`Simulation`] hold together, 16 MB. Small
/// MDPs never come near it; for one with a long horizon and many parameters the earliest
/// snapshots are dropped to stay within it (the latest is always kept).
pub const HISTORY_BUDGET: usize = 2_000_000;

/// The checkpoint after `n` in the 1-2-5 series 1, 2, 5, 10, 20, 50, …
fn next_checkpoint(n: u64) -> u64 {
    let mut decade = 1u64;
    while decade <= n / 10 {
        decade *= 10;
    }
    let next = match n / decade {
        1 => 2,
        2..=4 => 5,
        _ => 10,
    };
    decade.saturating_mul(next)
}

/// The sums of G₀ and of every estimator after exactly `count` episodes.
#[derive(Clone, Debug)]
struct Snapshot {
    returns: PolyMoments,
    estimators: [PolyMoments; 4],
}

impl Snapshot {
    fn stored(&self) -> usize {
        self.returns.stored()
            + self
                .estimators
                .iter()
                .map(PolyMoments::stored)
                .sum::<usize>()
    }
}

/// Sampled episodes of one MDP at fixed θ, with the running statistics of G₀ and of every
/// estimator, ready to be read at any γ.
#[derive(Clone, Debug)]
pub struct Simulation {
    policy: Policy,
    profile: RewardProfile,
    sampler: Sampler,
    episode: Episode,
    polynomials: GammaPolynomials,
    steps: u64,
    returns: PolyMoments,
    estimators: [PolyMoments; 4],
    snapshots: Vec<Snapshot>,
    next_checkpoint: u64,
}

impl Simulation {
    /// A simulation of `mdp` under parameters `theta`, its random stream fixed by `seed`.
    pub fn new(mdp: &Mdp, theta: &[f64], seed: u64) -> Result<Simulation, MdpError> {
        let policy = Policy::new(mdp, theta)?;
        let (dim, horizon) = (mdp.dim(), mdp.horizon());
        Ok(Simulation {
            profile: RewardProfile::new(mdp, &policy),
            sampler: Sampler::new(mdp, &policy, seed),
            policy,
            episode: Episode::default(),
            polynomials: GammaPolynomials::new(dim, horizon),
            steps: 0,
            returns: PolyMoments::new(1, horizon),
            estimators: std::array::from_fn(|_| PolyMoments::new(dim, horizon)),
            snapshots: Vec::new(),
            next_checkpoint: 1,
        })
    }

    /// Samples `episodes` more episodes and adds them to the statistics.
    pub fn run(&mut self, episodes: u64) {
        for _ in 0..episodes {
            self.sampler.sample(&mut self.episode);
            self.add_current();
        }
    }

    fn add_current(&mut self) {
        self.steps += self.episode.len() as u64;
        self.polynomials
            .compute(&self.episode, &self.policy, &self.profile);
        self.returns.add(&self.polynomials.g0);
        for (e, (moments, coefficients)) in self
            .estimators
            .iter_mut()
            .zip(&self.polynomials.estimators)
            .enumerate()
        {
            if e == Estimator::Trajectory.index() {
                // G₀ · Σ score: every row is R_k times the same vector.
                moments.add_outer(&self.episode.rewards, self.polynomials.score_sum());
            } else {
                moments.add(coefficients);
            }
        }
        if self.returns.count() == self.next_checkpoint {
            self.take_snapshot();
        }
    }

    fn take_snapshot(&mut self) {
        let snapshot = Snapshot {
            returns: self.returns.trimmed(),
            estimators: std::array::from_fn(|e| self.estimators[e].trimmed()),
        };
        self.snapshots.push(snapshot);
        let mut stored: usize = self.snapshots.iter().map(Snapshot::stored).sum();
        while stored > HISTORY_BUDGET && self.snapshots.len() > 1 {
            stored -= self.snapshots.remove(0).stored();
        }
        self.next_checkpoint = next_checkpoint(self.next_checkpoint);
    }

    /// Samples one episode, adds it, and returns it (for panels that look at single episodes).
    pub fn step(&mut self) -> &Episode {
        self.sampler.sample(&mut self.episode);
        self.add_current();
        &self.episode
    }

    /// Episodes sampled so far.
    pub fn episodes(&self) -> u64 {
        self.returns.count()
    }

    /// Environment steps (actions) taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The policy being sampled.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The estimate of J = E\[G₀\] at discount γ (a vector of one entry).
    pub fn objective(&self, gamma: f64) -> Estimate {
        self.returns.estimate(gamma)
    }

    /// The estimate of an estimator's mean at discount γ.
    pub fn estimate(&self, estimator: Estimator, gamma: f64) -> Estimate {
        self.estimators[estimator.index()].estimate(gamma)
    }

    /// The convergence history at discount γ: `(n, estimate after the first n episodes)` at
    /// each checkpoint n = 1, 2, 5, 10, 20, 50, … reached so far, in increasing n. `None`
    /// gives J (G₀, as [`Simulation::objective`]), `Some(e)` the estimator `e`.
    ///
    /// The current count is included only when it is itself a checkpoint; a chart that should
    /// end at the present appends [`Simulation::estimate`]. Work is O(snapshots · H · d).
    pub fn history(&self, estimator: Option<Estimator>, gamma: f64) -> Vec<(u64, Estimate)> {
        self.snapshots
            .iter()
            .map(|snapshot| {
                let moments = match estimator {
                    None => &snapshot.returns,
                    Some(e) => &snapshot.estimators[e.index()],
                };
                (moments.count(), moments.estimate(gamma))
            })
            .collect()
    }
}
