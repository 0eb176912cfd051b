//! Running Monte Carlo statistics kept as polynomials in γ, so a new γ updates every mean,
//! standard error and variance in work that does not grow with the number of episodes.
//!
//! What is exact where (DESIGN §3.3, §6):
//! - **means**, of G₀ and of every estimator, are exact polynomials in γ: exact at every γ,
//!   whatever the episodes' lengths;
//! - **second moments** (so standard errors and variances) are exact polynomials for episodes
//!   whose polynomials are short ([`EXACT_ROWS`] rows or fewer), and for longer ones are kept
//!   on the γ grid of [`crate::grid`] (every 0.01, and the γ the run started at): exact at
//!   those points, linear between them.
//!
//! Per environment step the work is O(d) for short episodes and O(grid points · nonzero score
//! entries) for long ones, with one exception that grows with the episode's length T: the
//! coefficients of the estimator without γᵗ correlate rewards with scores, O(T · nonzero score
//! entries) per step for each reward that differs from the episode's frequent one (none when
//! rewards are a constant cost plus a few payoffs; |A| entries for a tabular policy).
//!
//! For convergence charts a [`Simulation`] also keeps snapshots of its sums at the checkpoints
//! n = 1, 2, 5, 10, 20, 50, … (a 1-2-5 series): a few per decade, so memory stays flat
//! however many episodes are drawn, and each snapshot can still be read at any γ.

use std::sync::Arc;

use crate::blocks::{add_into, block_seed, is_checkpoint, Blocks, DecodeError, Reader};
use crate::estimators::{Estimator, GammaPolynomials};
use crate::exact::RewardProfile;
use crate::grid::{GammaGrid, GridValues, StateValueTable};
use crate::mdp::{Mdp, MdpError};
use crate::policy::Policy;
use crate::sample::{Episode, Sampler};

/// Longest polynomial, in coefficient rows, whose square is kept exactly; longer ones go on
/// the grid. Squaring R rows costs about R²·d/2; the grid about 100·R·(nonzero score
/// entries), so exact squares are the cheaper below a few dozen rows.
pub const EXACT_ROWS: usize = 48;

/// Sums over episodes of a vector polynomial x(γ) = Σ_k γ^k c_k and of its componentwise
/// square x_i(γ)² = Σ_m γ^m Σ_{k+l=m} c_{k,i} c_{l,i} — the square either as such a
/// polynomial, or, for the episodes added with [`PolyMoments::add_grid_squares`], as values on
/// a γ grid.
#[derive(Clone, Debug, PartialEq)]
pub struct PolyMoments {
    dim: usize,
    count: u64,
    /// Coefficient rows of the sums, grown as rows are touched (a run at the limits would
    /// otherwise zero 4 MB per estimator before its first episode), up to `max_rows`.
    sum: Vec<f64>,
    max_rows: usize,
    sum_sq: Vec<f64>,
    nonzero: Vec<usize>,
    /// Coefficient rows touched so far in `sum`, and in `sum_sq`: rows at or beyond them are
    /// zero, so a snapshot need not copy them.
    rows_used: usize,
    square_rows: usize,
    /// Scratch for [`PolyMoments::add_outer`]: the scalar polynomial squared.
    square: Vec<f64>,
    /// The grid of `grid_sq`, if any.
    grid: Option<Arc<GammaGrid>>,
    /// Σ over the episodes kept on the grid of x_i(γ_g)², at `[i * points + g]`.
    grid_sq: Vec<f64>,
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

/// Evaluates Σ_k γ^k rows\[k\]\[i\], column `i` of rows of `dim` entries, by Horner's rule: the
/// same operations, in the same order, as entry `i` of [`evaluate`].
fn evaluate_column(rows: &[f64], dim: usize, i: usize, gamma: f64) -> f64 {
    rows.chunks_exact(dim)
        .rev()
        .fold(0.0, |acc, row| acc * gamma + row[i])
}

/// A Monte Carlo estimate of one component of a vector mean at one γ.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ComponentEstimate {
    /// Sample mean.
    pub mean: f64,
    /// Standard error of the mean (zero with fewer than two episodes).
    pub stderr: f64,
    /// Number of episodes behind the estimate.
    pub count: u64,
}

impl PolyMoments {
    /// Empty sums for polynomials of up to `max_len` coefficients of `dim` entries, whose
    /// squares are all kept exactly.
    pub fn new(dim: usize, max_len: usize) -> PolyMoments {
        PolyMoments::with_square_rows(dim, max_len, (2 * max_len).saturating_sub(1))
    }

    /// Empty sums of up to `max_len` rows, with `square_rows` rows of exact squares.
    fn with_square_rows(dim: usize, max_len: usize, square_rows: usize) -> PolyMoments {
        PolyMoments {
            dim,
            count: 0,
            sum: Vec::new(),
            max_rows: max_len,
            sum_sq: vec![0.0; square_rows * dim],
            nonzero: Vec::with_capacity(max_len),
            rows_used: 0,
            square_rows: 0,
            square: Vec::with_capacity((2 * max_len).saturating_sub(1)),
            grid: None,
            grid_sq: Vec::new(),
        }
    }

    /// As [`PolyMoments::new`], and squares may also be kept on `grid`; exact squares are
    /// then kept only for polynomials of up to `exact_len` rows: longer ones must go through
    /// [`PolyMoments::add_grid_squares`] (or [`PolyMoments::add_squares`] panics).
    pub fn with_grid(
        dim: usize,
        max_len: usize,
        exact_len: usize,
        grid: Arc<GammaGrid>,
    ) -> PolyMoments {
        let mut m = PolyMoments::with_square_rows(
            dim,
            max_len,
            (2 * exact_len.min(max_len)).saturating_sub(1),
        );
        m.grid_sq = vec![0.0; dim * grid.len()];
        m.grid = Some(grid);
        m
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
            max_rows: self.max_rows,
            sum_sq: self.sum_sq[..self.square_rows * d].to_vec(),
            nonzero: Vec::new(),
            rows_used: rows,
            square_rows: self.square_rows,
            square: Vec::new(),
            grid: self.grid.clone(),
            grid_sq: self.grid_sq.clone(),
        }
    }

    /// Makes room for `rows` coefficient rows of sums (at most `max_rows`).
    fn grow(&mut self, rows: usize) {
        let needed = rows.min(self.max_rows) * self.dim;
        if self.sum.len() < needed {
            self.sum.resize(needed, 0.0);
        }
    }

    /// A copy of component `i` alone (a polynomial of dimension 1): it reads, bit for bit, as
    /// entry `i` of these sums at every γ, but cannot take more episodes.
    fn column(&self, i: usize) -> PolyMoments {
        let d = self.dim;
        let points = self.grid.as_ref().map_or(0, |g| g.len());
        let of = |rows: &[f64], used: usize| -> Vec<f64> {
            rows.chunks_exact(d).take(used).map(|row| row[i]).collect()
        };
        PolyMoments {
            dim: 1,
            count: self.count,
            sum: of(&self.sum, self.rows_used),
            max_rows: self.max_rows,
            sum_sq: of(&self.sum_sq, self.square_rows),
            nonzero: Vec::new(),
            rows_used: self.rows_used,
            square_rows: self.square_rows,
            square: Vec::new(),
            grid: self.grid.clone(),
            grid_sq: self
                .grid_sq
                .get(i * points..(i + 1) * points)
                .map_or_else(Vec::new, <[f64]>::to_vec),
        }
    }

    /// Numbers stored, for the snapshot budget.
    fn stored(&self) -> usize {
        self.sum.len() + self.sum_sq.len() + self.grid_sq.len()
    }

    /// Lists the rows of `coefficients` with a nonzero entry in `self.nonzero`.
    fn find_nonzero(&mut self, coefficients: &[f64]) {
        self.nonzero.clear();
        for (k, row) in coefficients.chunks_exact(self.dim).enumerate() {
            if row.iter().any(|&c| c != 0.0) {
                self.nonzero.push(k);
            }
        }
    }

    /// Adds one episode's coefficients (`coefficients.len()` a multiple of `dim`): to the
    /// sums, and their square exactly.
    pub fn add(&mut self, coefficients: &[f64]) {
        self.add_linear(coefficients);
        self.add_squares(coefficients);
    }

    /// Counts one episode and adds its coefficients to the sums only; its square goes in
    /// with [`PolyMoments::add_squares`] or [`PolyMoments::add_grid_squares`]. Empty
    /// coefficients count an episode whose sums are kept elsewhere (the baseline's).
    pub fn add_linear(&mut self, coefficients: &[f64]) {
        let d = self.dim;
        self.count += 1;
        self.find_nonzero(coefficients);
        if let Some(&last) = self.nonzero.last() {
            self.grow(last + 1);
        }
        for &k in &self.nonzero {
            for (s, &c) in self.sum[k * d..(k + 1) * d]
                .iter_mut()
                .zip(&coefficients[k * d..(k + 1) * d])
            {
                *s += c;
            }
        }
        if let Some(&last) = self.nonzero.last() {
            self.rows_used = self.rows_used.max(last + 1);
        }
    }

    /// Adds the exact square of one episode's polynomial (already counted).
    pub fn add_squares(&mut self, coefficients: &[f64]) {
        let d = self.dim;
        self.find_nonzero(coefficients);
        if let Some(&last) = self.nonzero.last() {
            self.square_rows = self.square_rows.max(2 * last + 1);
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

    /// Adds the square of one episode's values on the grid (already counted); `values` is
    /// component-major, `[i * points + g]`.
    ///
    /// # Panics
    /// If the moments have no grid, or `values` does not hold d × points numbers.
    pub fn add_grid_squares(&mut self, values: &[f64]) {
        assert_eq!(values.len(), self.grid_sq.len(), "values on the grid");
        for (s, &v) in self.grid_sq.iter_mut().zip(values) {
            *s += v * v;
        }
    }

    /// Adds one episode whose coefficient row k is `scalar[k] · vector`, as the full-return
    /// estimator's are (R_k times the episode's score sum). The same sums as [`PolyMoments::add`]
    /// on those rows, but the square needs only the scalar polynomial squared: O(T² + T·d)
    /// work instead of O(T²·d).
    pub fn add_outer(&mut self, scalar: &[f64], vector: &[f64]) {
        self.add_outer_linear(scalar, vector);
        self.add_outer_squares(scalar, vector);
    }

    /// The sums of [`PolyMoments::add_outer`] only (one episode counted).
    pub fn add_outer_linear(&mut self, scalar: &[f64], vector: &[f64]) {
        let d = self.dim;
        self.count += 1;
        if vector.iter().all(|&v| v == 0.0) {
            return;
        }
        let last = scalar.iter().rposition(|&r| r != 0.0);
        if let Some(last) = last {
            self.grow(last + 1);
        }
        for (k, &r) in scalar.iter().enumerate() {
            if r != 0.0 {
                for (s, &v) in self.sum[k * d..(k + 1) * d].iter_mut().zip(vector) {
                    *s += r * v;
                }
            }
        }
        if let Some(last) = last {
            self.rows_used = self.rows_used.max(last + 1);
        }
    }

    /// The exact square of [`PolyMoments::add_outer`] only (already counted).
    pub fn add_outer_squares(&mut self, scalar: &[f64], vector: &[f64]) {
        let d = self.dim;
        if vector.iter().all(|&v| v == 0.0) {
            return;
        }
        self.nonzero.clear();
        self.nonzero.extend(
            scalar
                .iter()
                .enumerate()
                .filter(|(_, &r)| r != 0.0)
                .map(|(k, _)| k),
        );
        let Some(&last) = self.nonzero.last() else {
            return;
        };
        self.square_rows = self.square_rows.max(2 * last + 1);
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

    /// Appends the sums in flat form: count, rows in use, square rows in use, the sums'
    /// rows, the squares' rows, the grid's squares.
    pub fn encode(&self, out: &mut Vec<f64>) {
        let d = self.dim;
        out.extend([
            self.count as f64,
            self.rows_used as f64,
            self.square_rows as f64,
        ]);
        out.extend_from_slice(&self.sum[..self.rows_used * d]);
        out.extend_from_slice(&self.sum_sq[..self.square_rows * d]);
        out.extend_from_slice(&self.grid_sq);
    }

    /// Reads sums in the flat form of [`PolyMoments::encode`] and, if `apply`, adds them to
    /// these.
    ///
    /// # Errors
    /// The flat form does not fit sums of this shape (nothing is added then).
    pub fn merge(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        let d = self.dim;
        let count = r.count("episodes")?;
        let rows = r.count_up_to(self.max_rows, "rows")?;
        let square_rows =
            r.count_up_to(self.sum_sq.len().checked_div(d).unwrap_or(0), "square rows")?;
        let sum = r.take(rows * d, "sums")?;
        let sum_sq = r.take(square_rows * d, "squares")?;
        let grid_sq = r.take(self.grid_sq.len(), "squares on the grid")?;
        if apply {
            self.count += count;
            self.rows_used = self.rows_used.max(rows);
            self.square_rows = self.square_rows.max(square_rows);
            self.grow(rows);
            add_into(&mut self.sum, sum);
            add_into(&mut self.sum_sq, sum_sq);
            add_into(&mut self.grid_sq, grid_sq);
        }
        Ok(())
    }

    /// Drops every episode, keeping the buffers.
    fn clear(&mut self) {
        self.count = 0;
        self.sum[..self.rows_used * self.dim].fill(0.0);
        self.sum_sq[..self.square_rows * self.dim].fill(0.0);
        self.grid_sq.fill(0.0);
        self.rows_used = 0;
        self.square_rows = 0;
    }

    /// Number of episodes added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Σ over episodes of x(γ), per component.
    pub fn sum_at(&self, gamma: f64) -> Vec<f64> {
        evaluate(&self.sum, self.dim, gamma)
    }

    /// Mean, standard errors and variance at discount γ.
    pub fn estimate(&self, gamma: f64) -> Estimate {
        self.estimate_with_sum(gamma, self.sum_at(gamma))
    }

    /// Σ over episodes of x_i(γ), component `i` alone: O(rows) work instead of O(rows · d).
    /// Equal, bit for bit, to entry `i` of [`PolyMoments::sum_at`].
    ///
    /// # Panics
    /// If `i` ≥ d.
    pub fn component_sum_at(&self, gamma: f64, i: usize) -> f64 {
        assert!(i < self.dim, "component {i} of {}", self.dim);
        evaluate_column(&self.sum, self.dim, i, gamma)
    }

    /// Mean and standard error of component `i` at discount γ, from Σ x_i(γ) given: entry `i`
    /// of [`PolyMoments::estimate_with_sum`], bit for bit, in O(rows + 1) work.
    ///
    /// # Panics
    /// If `i` ≥ d.
    pub fn component_with_sum(&self, gamma: f64, i: usize, sum: f64) -> ComponentEstimate {
        assert!(i < self.dim, "component {i} of {}", self.dim);
        if self.count == 0 {
            return ComponentEstimate::default();
        }
        let n = self.count as f64;
        let mean = sum / n;
        let mut second = evaluate_column(&self.sum_sq, self.dim, i, gamma);
        if let Some(grid) = &self.grid {
            let points = grid.len();
            let row = &self.grid_sq[i * points..(i + 1) * points];
            second += grid.read(gamma, |g| row[g]);
        }
        let variance = if self.count < 2 {
            0.0
        } else {
            ((second - n * mean * mean) / (n - 1.0)).max(0.0)
        };
        ComponentEstimate {
            mean,
            stderr: (variance / n).sqrt(),
            count: self.count,
        }
    }

    /// As [`PolyMoments::estimate`], with Σ over episodes of x(γ) given (for sums kept
    /// elsewhere, as the baseline's are).
    pub fn estimate_with_sum(&self, gamma: f64, sum: Vec<f64>) -> Estimate {
        let n = self.count as f64;
        if self.count == 0 {
            return Estimate {
                mean: vec![0.0; self.dim],
                stderr: vec![0.0; self.dim],
                variance: 0.0,
                count: 0,
            };
        }
        let mean: Vec<f64> = sum.into_iter().map(|s| s / n).collect();
        let mut second = evaluate(&self.sum_sq, self.dim, gamma);
        if let Some(grid) = &self.grid {
            let points = grid.len();
            for (i, s) in second.iter_mut().enumerate() {
                let row = &self.grid_sq[i * points..(i + 1) * points];
                *s += grid.read(gamma, |g| row[g]);
            }
        }
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

/// Σ over episodes of ∇ln π(a_t|s_t) for each time t and state s_t = s: with it the baseline's
/// state-value term summed over episodes, Σ_e Σ_t γ^t V_{H−t}(s_t) ∇ln π(a_t|s_t), is
/// Σ_{t,s} γ^t V_{H−t}(s; γ) · A\[t\]\[s\]: exact at every γ, for O(d) work per step instead of
/// O(H·d) (V has degree up to H). Only the score's nonzero entries of each state are kept
/// (for a tabular policy, that state's block), in cells made on first visit.
#[derive(Clone, Debug, PartialEq)]
pub struct StateTimeScores {
    states: usize,
    /// For each state, the range of score entries that can be nonzero there.
    support: Vec<(usize, usize)>,
    /// Cell t · states + s: the sums over the state's support, once visited.
    cells: Vec<Option<Box<[f64]>>>,
    stored: usize,
}

impl StateTimeScores {
    /// Empty sums for `mdp` under `policy`, for times 0..H.
    pub fn new(mdp: &Mdp, policy: &Policy) -> StateTimeScores {
        let (states, dim) = (mdp.num_states(), policy.dim());
        let support = (0..states)
            .map(|s| {
                let nonzero =
                    |i: usize| (0..mdp.num_actions()).any(|a| policy.score(s, a)[i] != 0.0);
                match (0..dim).find(|&i| nonzero(i)) {
                    Some(lo) => (
                        lo,
                        (lo..dim).rev().find(|&i| nonzero(i)).map_or(lo, |hi| hi) + 1,
                    ),
                    None => (0, 0),
                }
            })
            .collect();
        StateTimeScores {
            states,
            support,
            cells: vec![None; states * mdp.horizon()],
            stored: 0,
        }
    }

    /// Adds one episode.
    pub fn add(&mut self, episode: &Episode, policy: &Policy) {
        for t in 0..episode.len() {
            let s = episode.states[t];
            let (lo, hi) = self.support[s];
            if lo == hi {
                continue;
            }
            let Some(cell) = self.cells.get_mut(t * self.states + s) else {
                continue;
            };
            let sums = cell.get_or_insert_with(|| {
                self.stored += hi - lo;
                vec![0.0; hi - lo].into_boxed_slice()
            });
            for (c, &x) in sums
                .iter_mut()
                .zip(&policy.score(s, episode.actions[t])[lo..hi])
            {
                *c += x;
            }
        }
    }

    /// Appends the sums in flat form: the number of visited cells, then each cell's index
    /// and sums, in index order.
    pub fn encode(&self, out: &mut Vec<f64>) {
        let visited = self.cells.iter().filter(|c| c.is_some()).count();
        out.push(visited as f64);
        for (i, cell) in self.cells.iter().enumerate() {
            if let Some(sums) = cell {
                out.push(i as f64);
                out.extend_from_slice(sums);
            }
        }
    }

    /// Reads sums in the flat form of [`StateTimeScores::encode`] and, if `apply`, adds them
    /// to these.
    ///
    /// # Errors
    /// The flat form does not fit sums of this shape.
    pub fn merge(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        let cells = self.cells.len();
        let visited = r.count_up_to(cells, "visited cells")?;
        for _ in 0..visited {
            let i = r.count_up_to(cells.saturating_sub(1), "cell")?;
            let (lo, hi) = self.support[i % self.states];
            let values = r.take(hi - lo, "cell sums")?;
            if apply {
                let stored = &mut self.stored;
                let sums = self.cells[i].get_or_insert_with(|| {
                    *stored += hi - lo;
                    vec![0.0; hi - lo].into_boxed_slice()
                });
                add_into(sums, values);
            }
        }
        Ok(())
    }

    /// Drops every episode.
    fn clear(&mut self) {
        self.cells.fill(None);
        self.stored = 0;
    }

    /// A copy of score entry `i` alone, as entry 0: its [`StateTimeScores::component`] 0 equals
    /// this one's `i`, bit for bit.
    fn column(&self, i: usize) -> StateTimeScores {
        let states = self.states.max(1);
        let mut stored = 0;
        let cells = self
            .cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let (lo, _) = self.support[c % states];
                let value = cell.as_ref()?.get(i.checked_sub(lo)?)?;
                stored += 1;
                Some(vec![*value].into_boxed_slice())
            })
            .collect();
        StateTimeScores {
            states: self.states,
            support: self
                .support
                .iter()
                .map(|&(lo, hi)| {
                    if (lo..hi).contains(&i) {
                        (0, 1)
                    } else {
                        (0, 0)
                    }
                })
                .collect(),
            cells,
            stored,
        }
    }

    /// Σ_{t,s} γ^t V_{H−t}(s; γ) A\[t\]\[s\], a vector of `dim` entries.
    pub fn value(
        &self,
        gamma: f64,
        profile: &RewardProfile,
        horizon: usize,
        dim: usize,
    ) -> Vec<f64> {
        let mut out = vec![0.0; dim];
        if profile.is_empty() || self.stored == 0 {
            return out;
        }
        let values = StateValuesByHorizon::new(gamma, profile, horizon, self.states);
        self.for_each_weighted(&values, |lo, w, sums| {
            for (o, &c) in out[lo..].iter_mut().zip(sums) {
                *o += w * c;
            }
        });
        out
    }

    /// Entry `i` of [`StateTimeScores::value`], bit for bit, with V read from `values` (made
    /// once per γ for every snapshot): O(visited cells) work instead of O(visited cells · d).
    pub fn component(&self, values: &StateValuesByHorizon, i: usize) -> f64 {
        let mut out = 0.0;
        if self.stored == 0 || values.values.is_empty() {
            return out;
        }
        self.for_each_weighted(values, |lo, w, sums| {
            if let Some(&c) = i.checked_sub(lo).and_then(|k| sums.get(k)) {
                out += w * c;
            }
        });
        out
    }

    /// Calls `f(lo, γ^t V_{H−t}(s), sums)` for every visited cell (t, s), in the order of t
    /// then s, where `sums` are the score sums of the state's support starting at entry `lo`.
    fn for_each_weighted(
        &self,
        values: &StateValuesByHorizon,
        mut f: impl FnMut(usize, f64, &[f64]),
    ) {
        let n = self.states;
        let horizon = values.horizon;
        let mut discount = 1.0;
        for t in 0..horizon {
            for s in 0..n {
                let Some(Some(sums)) = self.cells.get(t * n + s) else {
                    continue;
                };
                let w = discount * values.get(horizon - t, s);
                f(self.support[s].0, w, sums);
            }
            discount *= values.gamma;
        }
    }

    /// Numbers stored, for the snapshot budget.
    fn stored(&self) -> usize {
        self.stored + self.cells.len()
    }
}

/// V_h(s; γ) = Σ_{k<h} γ^k r_k(s), the value of h steps to go, for h = 0..=H and every state:
/// (H + 1) × states numbers, made once per γ and read by every snapshot's baseline term.
#[derive(Clone, Debug, PartialEq)]
pub struct StateValuesByHorizon {
    gamma: f64,
    horizon: usize,
    states: usize,
    /// V_h(s) at `[h * states + s]`; empty when the profile is (every V is then 0).
    values: Vec<f64>,
}

impl StateValuesByHorizon {
    /// The table at γ for rewards `profile` over `horizon` steps and `states` states.
    pub fn new(gamma: f64, profile: &RewardProfile, horizon: usize, states: usize) -> Self {
        let mut values = Vec::new();
        if !profile.is_empty() {
            values = vec![0.0; (horizon + 1) * states];
            let mut power = 1.0;
            for h in 1..=horizon {
                for s in 0..states {
                    values[h * states + s] =
                        values[(h - 1) * states + s] + power * profile.get(h - 1, s);
                }
                power *= gamma;
            }
        }
        StateValuesByHorizon {
            gamma,
            horizon,
            states,
            values,
        }
    }

    fn get(&self, h: usize, s: usize) -> f64 {
        self.values.get(h * self.states + s).copied().unwrap_or(0.0)
    }
}

/// Most numbers (f64) that the snapshots of one [`Simulation`] hold together, 16 MB. Small
/// MDPs never come near it; for one with a long horizon and many parameters the earliest
/// snapshots are dropped to stay within it (the latest is always kept).
pub const HISTORY_BUDGET: usize = 2_000_000;

/// The sums of G₀ and of every estimator over some episodes: a piece of a block, a whole run,
/// or a run as it was at a checkpoint.
#[derive(Clone, Debug)]
struct Sums {
    steps: u64,
    returns: PolyMoments,
    estimators: [PolyMoments; 4],
    baseline_terms: StateTimeScores,
}

impl Sums {
    fn count(&self) -> u64 {
        self.returns.count()
    }

    fn moments(&self) -> impl Iterator<Item = &PolyMoments> {
        std::iter::once(&self.returns).chain(&self.estimators)
    }

    fn stored(&self) -> usize {
        self.moments().map(PolyMoments::stored).sum::<usize>() + self.baseline_terms.stored()
    }

    /// Component `i` of every estimator alone (G₀ whole: it has one).
    fn column(&self, i: usize) -> Sums {
        Sums {
            steps: self.steps,
            returns: self.returns.trimmed(),
            estimators: std::array::from_fn(|e| self.estimators[e].column(i)),
            baseline_terms: self.baseline_terms.column(i),
        }
    }

    fn trimmed(&self) -> Sums {
        Sums {
            steps: self.steps,
            returns: self.returns.trimmed(),
            estimators: std::array::from_fn(|e| self.estimators[e].trimmed()),
            baseline_terms: self.baseline_terms.clone(),
        }
    }

    fn encode(&self, out: &mut Vec<f64>) {
        out.push(self.steps as f64);
        for m in self.moments() {
            m.encode(out);
        }
        self.baseline_terms.encode(out);
    }

    fn merge(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        let steps = r.count("steps")?;
        self.returns.merge(r, apply)?;
        for m in &mut self.estimators {
            m.merge(r, apply)?;
        }
        self.baseline_terms.merge(r, apply)?;
        if apply {
            self.steps += steps;
        }
        Ok(())
    }

    fn clear(&mut self) {
        self.steps = 0;
        self.returns.clear();
        for m in &mut self.estimators {
            m.clear();
        }
        self.baseline_terms.clear();
    }
}

/// What sampling and reading share for one MDP, θ, seed and γ grid.
#[derive(Debug)]
struct RunModel {
    policy: Policy,
    profile: RewardProfile,
    horizon: usize,
    dim: usize,
    grid: Arc<GammaGrid>,
    /// The baseline's state values on the grid, made when the first long episode is
    /// sampled: a page that only merges pieces from workers never needs them (at the limits
    /// they are 1001 × 64 × 102 numbers, 52 MB).
    state_values: std::sync::OnceLock<Option<StateValueTable>>,
    /// The MDP's number of states, for them.
    states: usize,
    seed: u64,
    blocks: Blocks,
    /// Sums of no episode, to copy.
    empty: Sums,
    /// A sampler of the MDP under the policy, to copy and reseed per block.
    sampler: Sampler,
}

/// Samples the episodes of one run, block by block with each block's own generator
/// ([`crate::blocks`]), into pieces: the unit in which episodes reach a [`Simulation`]. A
/// worker samples with one of these and posts its pieces; natively, [`Simulation::run`] uses
/// one.
#[derive(Clone, Debug)]
pub struct BlockSampler {
    model: Arc<RunModel>,
    sampler: Sampler,
    episode: Episode,
    polynomials: GammaPolynomials,
    grid_values: GridValues,
    piece: Sums,
    piece_start: u64,
    next: u64,
    block_end: u64,
}

impl BlockSampler {
    fn new(model: Arc<RunModel>) -> BlockSampler {
        let mut sampler = BlockSampler {
            sampler: model.sampler.clone(),
            episode: Episode::default(),
            polynomials: GammaPolynomials::new(model.dim, model.horizon),
            grid_values: GridValues::new(model.dim, &model.grid),
            piece: model.empty.clone(),
            piece_start: 0,
            next: 0,
            block_end: 0,
            model,
        };
        sampler.seek(0);
        sampler
    }

    /// Moves to episode `episode` of the run (numbered from 0) and starts a new piece there,
    /// dropping any episode of the current piece: the generator of the episode's block is
    /// started and run through the block's earlier episodes (sampled, not added).
    pub fn seek(&mut self, episode: u64) {
        let blocks = self.model.blocks;
        let block = blocks.index_of(episode);
        let range = blocks.range(block);
        self.sampler.reseed(block_seed(self.model.seed, block));
        for _ in range.start..episode {
            self.sampler.sample(&mut self.episode);
        }
        self.next = episode;
        self.piece_start = episode;
        self.block_end = range.end;
        self.piece.clear();
    }

    /// The number of the next episode to be sampled.
    pub fn position(&self) -> u64 {
        self.next
    }

    /// Episodes in the current piece.
    pub fn piece_len(&self) -> u64 {
        self.next - self.piece_start
    }

    /// Samples the next episode of the run and adds it to the piece; at the end of a block,
    /// moves on to the next block if the piece is empty. `None` when the piece has reached
    /// the end of its block: take it first ([`BlockSampler::take_piece`]). The episode comes
    /// with the policy it was sampled under, for statistics kept beside the piece's.
    pub fn sample(&mut self) -> Option<(&Episode, &Policy)> {
        if self.next == self.block_end {
            if self.piece_len() > 0 {
                return None;
            }
            self.seek(self.next);
        }
        self.sampler.sample(&mut self.episode);
        self.add_current();
        self.next += 1;
        Some((&self.episode, &self.model.policy))
    }

    /// Appends the piece in flat form — its first episode, its number of episodes, then its
    /// sums — and starts a new piece at the current position.
    pub fn take_piece(&mut self, out: &mut Vec<f64>) {
        out.extend([self.piece_start as f64, self.piece_len() as f64]);
        self.piece.encode(out);
        self.piece.clear();
        self.piece_start = self.next;
    }

    fn add_current(&mut self) {
        let BlockSampler {
            model,
            episode,
            polynomials: p,
            grid_values,
            piece,
            ..
        } = self;
        let RunModel {
            policy,
            profile,
            horizon,
            state_values,
            states,
            grid,
            ..
        } = &**model;
        let Sums {
            steps,
            returns,
            estimators,
            baseline_terms,
        } = piece;
        let t_len = episode.len();
        *steps += t_len as u64;
        p.compute(episode, policy);
        let [trajectory, to_go, undiscounted, baseline] = estimators;

        // Means: exact polynomials, whatever the length.
        returns.add_linear(&p.g0);
        trajectory.add_outer_linear(&episode.rewards, p.score_sum());
        to_go.add_linear(&p.estimators[Estimator::RewardToGo.index()]);
        undiscounted.add_linear(&p.estimators[Estimator::NoDiscountWeight.index()]);
        baseline.add_linear(&[]);
        baseline_terms.add(episode, policy);

        // Squares: exact for short polynomials, on the grid for long ones.
        let short = t_len <= EXACT_ROWS;
        let baseline_short = short && p.baseline_len(t_len, profile) <= EXACT_ROWS;
        if short {
            returns.add_squares(&p.g0);
            trajectory.add_outer_squares(&episode.rewards, p.score_sum());
            to_go.add_squares(&p.estimators[Estimator::RewardToGo.index()]);
            undiscounted.add_squares(&p.estimators[Estimator::NoDiscountWeight.index()]);
        }
        if baseline_short {
            p.compute_baseline(episode, policy, profile);
            baseline.add_squares(&p.estimators[Estimator::Baseline.index()]);
        }
        if !short || !baseline_short {
            let wanted = [!short, !short, !short, !baseline_short];
            let table = state_values.get_or_init(|| {
                (!profile.is_empty())
                    .then(|| StateValueTable::new(*states, *horizon, profile, grid))
            });
            let values = table.as_ref().map(|v| (v, *horizon));
            grid_values.evaluate(episode, policy, wanted, values);
            if !short {
                returns.add_grid_squares(&grid_values.g0);
            }
            for (e, moments) in [trajectory, to_go, undiscounted, baseline]
                .into_iter()
                .enumerate()
            {
                if wanted[e] {
                    moments.add_grid_squares(&grid_values.estimators[e]);
                }
            }
        }
    }
}

/// Sampled episodes of one MDP at fixed θ, with the running statistics of G₀ and of every
/// estimator, ready to be read at any γ (see the module's notes on what is exact where).
///
/// Episodes reach it in pieces, in order ([`Simulation::merge`]), from a [`BlockSampler`] here
/// or in a worker; [`Simulation::run`] samples them itself.
#[derive(Clone, Debug)]
pub struct Simulation {
    model: Arc<RunModel>,
    totals: Sums,
    snapshots: Vec<Sums>,
    /// The one component the snapshots keep, if the reader asked for one.
    history_component: Option<usize>,
    local: Option<Box<BlockSampler>>,
    flat: Vec<f64>,
}

impl Simulation {
    /// A simulation of `mdp` under parameters `theta`, its random stream fixed by `seed`;
    /// second moments of long episodes are kept exactly at every 0.01 of γ and at the MDP's
    /// default γ.
    ///
    /// # Errors
    /// θ does not fit the MDP.
    pub fn new(mdp: &Mdp, theta: &[f64], seed: u64) -> Result<Simulation, MdpError> {
        Simulation::with_anchor(mdp, theta, seed, mdp.gamma())
    }

    /// As [`Simulation::new`], with `anchor` (the γ the run starts at) as an exact point of
    /// the grid besides every 0.01.
    ///
    /// # Errors
    /// θ does not fit the MDP.
    pub fn with_anchor(
        mdp: &Mdp,
        theta: &[f64],
        seed: u64,
        anchor: f64,
    ) -> Result<Simulation, MdpError> {
        let policy = Policy::new(mdp, theta)?;
        let (dim, horizon) = (mdp.dim(), mdp.horizon());
        let grid = Arc::new(GammaGrid::new(Some(anchor)));
        let profile = RewardProfile::new(mdp, &policy);
        let moments = |d: usize| PolyMoments::with_grid(d, horizon, EXACT_ROWS, Arc::clone(&grid));
        let empty = Sums {
            steps: 0,
            returns: moments(1),
            estimators: std::array::from_fn(|_| moments(dim)),
            baseline_terms: StateTimeScores::new(mdp, &policy),
        };
        let model = Arc::new(RunModel {
            state_values: std::sync::OnceLock::new(),
            states: mdp.num_states(),
            sampler: Sampler::new(mdp, &policy, seed),
            policy,
            profile,
            horizon,
            dim,
            grid,
            seed,
            blocks: Blocks::for_horizon(horizon),
            empty,
        });
        Ok(Simulation {
            totals: model.empty.clone(),
            model,
            snapshots: Vec::new(),
            history_component: None,
            local: None,
            flat: Vec::new(),
        })
    }

    /// A sampler of this run's episodes (same MDP, θ, seed and γ grid), at the next episode
    /// this simulation needs.
    pub fn sampler(&self) -> BlockSampler {
        let mut sampler = BlockSampler::new(Arc::clone(&self.model));
        if self.episodes() > 0 {
            sampler.seek(self.episodes());
        }
        sampler
    }

    /// The block layout of this run.
    pub fn blocks(&self) -> Blocks {
        self.model.blocks
    }

    /// Samples `episodes` more episodes and adds them to the statistics, a piece per block
    /// (and one for the part of a block where it stops).
    pub fn run(&mut self, episodes: u64) {
        let mut local = match self.local.take() {
            Some(s) if s.position() == self.episodes() && s.piece_len() == 0 => s,
            _ => Box::new(self.sampler()),
        };
        let mut remaining = episodes;
        let mut flat = std::mem::take(&mut self.flat);
        while remaining > 0 {
            if local.sample().is_some() {
                remaining -= 1;
            } else {
                self.merge_taken(&mut local, &mut flat);
            }
        }
        self.merge_taken(&mut local, &mut flat);
        self.flat = flat;
        self.local = Some(local);
    }

    fn merge_taken(&mut self, sampler: &mut BlockSampler, flat: &mut Vec<f64>) {
        if sampler.piece_len() == 0 {
            return;
        }
        flat.clear();
        sampler.take_piece(flat);
        let merged = self.merge(flat);
        debug_assert!(merged.is_ok(), "a piece of this run fits it: {merged:?}");
    }

    /// Adds a piece in the flat form of [`BlockSampler::take_piece`]; pieces must come in
    /// order, each starting at the episode after the last one merged.
    ///
    /// # Errors
    /// The piece is out of order, crosses a block's end, or does not fit this run's sums;
    /// nothing is added then.
    pub fn merge(&mut self, flat: &[f64]) -> Result<(), DecodeError> {
        let mut check = Reader::new(flat);
        self.merge_from(&mut check, false)?;
        check.finish()?;
        self.merge_from(&mut Reader::new(flat), true)
    }

    /// Reads one piece off `r` (which may hold more after it) and, if `apply`, adds it: a
    /// caller that keeps sums of its own beside these reads them on from `r`. Call with
    /// `apply` false first to check, as [`Simulation::merge`] does.
    ///
    /// # Errors
    /// As [`Simulation::merge`].
    pub fn merge_from(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        let start = r.count("first episode")?;
        let len = r.count("episodes")?;
        let next = self.episodes();
        if start != next {
            return Err(DecodeError(format!(
                "a piece from episode {start}, but the run is at episode {next}"
            )));
        }
        let block = self.model.blocks.range(self.model.blocks.index_of(start));
        if len == 0 || start + len > block.end {
            return Err(DecodeError(format!(
                "a piece of {len} episodes from episode {start} crosses its block's end {}",
                block.end
            )));
        }
        self.totals.merge(r, apply)?;
        if apply {
            debug_assert_eq!(self.totals.count(), start + len);
            if is_checkpoint(self.totals.count()) {
                self.take_snapshot();
            }
        }
        Ok(())
    }

    /// Keeps only component `i` of the estimators in the snapshots taken from now on (G₀'s
    /// whole): a page whose charts read one component ([`Simulation::component_history`])
    /// then keeps every checkpoint, where full snapshots of an MDP at the limits (2.5 million
    /// numbers each) leave room for one. The history of another component is then empty, and
    /// [`Simulation::history`] gives vectors of that one component.
    ///
    /// # Panics
    /// If `i` ≥ d.
    pub fn keep_history_of(&mut self, i: usize) {
        assert!(i < self.model.dim, "component {i} of {}", self.model.dim);
        self.history_component = Some(i);
    }

    fn take_snapshot(&mut self) {
        let snapshot = match self.history_component {
            Some(i) => self.totals.column(i),
            None => self.totals.trimmed(),
        };
        self.snapshots.push(snapshot);
        let mut stored: usize = self.snapshots.iter().map(Sums::stored).sum();
        while stored > HISTORY_BUDGET && self.snapshots.len() > 1 {
            stored -= self.snapshots.remove(0).stored();
        }
    }

    /// Episodes sampled so far.
    pub fn episodes(&self) -> u64 {
        self.totals.count()
    }

    /// Environment steps (actions) taken so far.
    pub fn steps(&self) -> u64 {
        self.totals.steps
    }

    /// The policy being sampled.
    pub fn policy(&self) -> &Policy {
        &self.model.policy
    }

    /// The γ values at which every second moment is exact.
    pub fn grid(&self) -> &GammaGrid {
        &self.model.grid
    }

    /// The estimate of J = E\[G₀\] at discount γ (a vector of one entry).
    pub fn objective(&self, gamma: f64) -> Estimate {
        self.totals.returns.estimate(gamma)
    }

    /// The estimate of an estimator's mean at discount γ.
    pub fn estimate(&self, estimator: Estimator, gamma: f64) -> Estimate {
        self.estimate_from(&self.totals, estimator, gamma)
    }

    fn estimate_from(&self, sums: &Sums, estimator: Estimator, gamma: f64) -> Estimate {
        let own = &sums.estimators[estimator.index()];
        if estimator != Estimator::Baseline {
            return own.estimate(gamma);
        }
        // Reward-to-go minus the state-value term, each summed exactly.
        let mut sum = sums.estimators[Estimator::RewardToGo.index()].sum_at(gamma);
        let dim = sum.len();
        let terms = sums
            .baseline_terms
            .value(gamma, &self.model.profile, self.model.horizon, dim);
        for (s, t) in sum.iter_mut().zip(terms) {
            *s -= t;
        }
        own.estimate_with_sum(gamma, sum)
    }

    /// Component `i` of [`Simulation::estimate`] (or of [`Simulation::objective`] for
    /// `None`), bit for bit, in O(H + visited state–time cells) work instead of O(H · d):
    /// what a chart of one component needs.
    ///
    /// # Panics
    /// If `i` ≥ d (≥ 1 for the objective).
    pub fn component_estimate(
        &self,
        estimator: Option<Estimator>,
        gamma: f64,
        i: usize,
    ) -> ComponentEstimate {
        let values = self.state_values(estimator, gamma);
        self.component_from(&self.totals, estimator, gamma, i, values.as_ref())
    }

    /// [`Simulation::history`] of component `i` alone: `(n, estimate)` at each checkpoint
    /// reached, each equal bit for bit to entry `i` of the full history, in O(snapshots ·
    /// (H + visited cells)) work instead of O(snapshots · H · d).
    ///
    /// # Panics
    /// If `i` ≥ d (≥ 1 for the objective).
    pub fn component_history(
        &self,
        estimator: Option<Estimator>,
        gamma: f64,
        i: usize,
    ) -> Vec<ComponentEstimate> {
        let values = self.state_values(estimator, gamma);
        // Snapshots of one component hold it as component 0 (G₀ has only that one).
        let column = match (self.history_component, estimator) {
            (None, _) | (_, None) => i,
            (Some(kept), Some(_)) if kept == i => 0,
            (Some(_), Some(_)) => return Vec::new(),
        };
        self.snapshots
            .iter()
            .map(|snapshot| {
                self.component_from(snapshot, estimator, gamma, column, values.as_ref())
            })
            .collect()
    }

    /// The V table the baseline's term needs at γ, once for every snapshot read.
    fn state_values(
        &self,
        estimator: Option<Estimator>,
        gamma: f64,
    ) -> Option<StateValuesByHorizon> {
        (estimator == Some(Estimator::Baseline)).then(|| {
            StateValuesByHorizon::new(
                gamma,
                &self.model.profile,
                self.model.horizon,
                self.totals.baseline_terms.states,
            )
        })
    }

    fn component_from(
        &self,
        sums: &Sums,
        estimator: Option<Estimator>,
        gamma: f64,
        i: usize,
        values: Option<&StateValuesByHorizon>,
    ) -> ComponentEstimate {
        let own = match estimator {
            None => &sums.returns,
            Some(e) => &sums.estimators[e.index()],
        };
        let sum = match (estimator, values) {
            (Some(Estimator::Baseline), Some(values)) => {
                sums.estimators[Estimator::RewardToGo.index()].component_sum_at(gamma, i)
                    - sums.baseline_terms.component(values, i)
            }
            _ => own.component_sum_at(gamma, i),
        };
        own.component_with_sum(gamma, i, sum)
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
                let estimate = match estimator {
                    None => snapshot.returns.estimate(gamma),
                    Some(e) => self.estimate_from(snapshot, e, gamma),
                };
                (estimate.count, estimate)
            })
            .collect()
    }
}
