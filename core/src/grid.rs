//! The γ grid on which long episodes' second moments are kept, and the evaluation of one
//! episode's estimators at every grid point in work linear in its length.
//!
//! Why a grid: the square of an estimator's γ-polynomial has twice its degree, so keeping it
//! exactly costs O(T²·d) per episode of T steps (and O(H²·d) for the baseline, whose state
//! values are polynomials of degree up to the horizon H). For long episodes that cost is the
//! whole run. Their squares are kept instead at the γ the page can show: every 0.01 from 0 to
//! 1 (every position of the slider; the charts use every other one) and one anchor, the γ the
//! run started at. At those points the second moments are exact; between them the grid part is
//! interpolated linearly. Means stay exact polynomials at every γ (DESIGN §3.3, §6).

use crate::exact::RewardProfile;
use crate::pair_slots::PairSlots;
use crate::policy::Policy;
use crate::sample::Episode;

/// Grid points per unit of γ: γ = 0, 0.01, …, 1.
pub const GRID_STEPS: usize = 100;

/// The γ values of the grid, increasing: k / [`GRID_STEPS`] for k = 0..=100, and an anchor
/// if it falls between them.
#[derive(Clone, Debug, PartialEq)]
pub struct GammaGrid {
    gammas: Vec<f64>,
}

/// Where a γ lies on the grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GridPosition {
    /// On grid point i.
    At(usize),
    /// Between points i and i + 1, a fraction of the way from i.
    Between(usize, f64),
}

impl GammaGrid {
    /// The grid, with `anchor` added when it is a γ in [0, 1] that is not a grid point.
    pub fn new(anchor: Option<f64>) -> GammaGrid {
        let mut gammas: Vec<f64> = (0..=GRID_STEPS)
            .map(|k| k as f64 / GRID_STEPS as f64)
            .collect();
        if let Some(a) = anchor.filter(|a| (0.0..=1.0).contains(a)) {
            if gammas.iter().all(|&g| (g - a).abs() > 1e-12) {
                let at = gammas.partition_point(|&g| g < a);
                gammas.insert(at, a);
            }
        }
        GammaGrid { gammas }
    }

    /// The γ values, increasing.
    pub fn gammas(&self) -> &[f64] {
        &self.gammas
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.gammas.len()
    }

    /// Whether the grid has no point (never).
    pub fn is_empty(&self) -> bool {
        self.gammas.is_empty()
    }

    /// Where `gamma` (clamped into [0, 1]) lies.
    pub fn position(&self, gamma: f64) -> GridPosition {
        let gamma = if gamma.is_nan() {
            0.0
        } else {
            gamma.clamp(0.0, 1.0)
        };
        let last = self.gammas.len().saturating_sub(1);
        let i = self
            .gammas
            .partition_point(|&g| g < gamma - 1e-12)
            .min(last);
        if (self.gammas[i] - gamma).abs() <= 1e-12 || i == 0 {
            return GridPosition::At(i);
        }
        let (lo, hi) = (self.gammas[i - 1], self.gammas[i]);
        GridPosition::Between(i - 1, (gamma - lo) / (hi - lo))
    }

    /// The value at `gamma` of a quantity known at each grid point (`at(i)`): exact on a
    /// point, linear between two.
    pub fn read(&self, gamma: f64, at: impl Fn(usize) -> f64) -> f64 {
        match self.position(gamma) {
            GridPosition::At(i) => at(i),
            GridPosition::Between(i, f) => (1.0 - f) * at(i) + f * at(i + 1),
        }
    }
}

/// V_h(s) at every grid γ, for h = 0..=H: the baseline's state values. Layout
/// `[(h * states + s) * points + g]`, so one (h, s) row holds every grid point.
#[derive(Clone, Debug)]
pub struct StateValueTable {
    states: usize,
    points: usize,
    values: Vec<f64>,
}

impl StateValueTable {
    /// Tabulates V_h(s) = Σ_{j<h} γ^j v_j(s) from the reward profile, at every grid point,
    /// for h = 0..=`horizon` and `states` states.
    pub fn new(
        states: usize,
        horizon: usize,
        profile: &RewardProfile,
        grid: &GammaGrid,
    ) -> StateValueTable {
        let points = grid.len();
        let mut values = vec![0.0; (horizon + 1) * states * points];
        let mut power = vec![1.0; points];
        for h in 1..=horizon {
            let j = h - 1;
            for s in 0..states {
                let v = profile.get(j, s);
                let (before, after) = values.split_at_mut(h * states * points);
                let previous = &before[(j * states + s) * points..(j * states + s + 1) * points];
                let row = &mut after[s * points..(s + 1) * points];
                for ((out, &prev), &p) in row.iter_mut().zip(previous).zip(&power) {
                    *out = prev + p * v;
                }
            }
            for (p, &g) in power.iter_mut().zip(grid.gammas()) {
                *p *= g;
            }
        }
        StateValueTable {
            states,
            points,
            values,
        }
    }

    /// V_h(s) at every grid point.
    fn row(&self, h: usize, s: usize) -> &[f64] {
        let start = (h * self.states + s) * self.points;
        &self.values[start..start + self.points]
    }
}

/// One episode's G₀ and estimators at every grid point, in component-major layout
/// (`[i * points + g]`), filled by [`GridValues::evaluate`].
#[derive(Clone, Debug)]
pub struct GridValues {
    points: usize,
    gammas: Vec<f64>,
    /// G_t(γ_g) for t = 0..=T, `[t * points + g]`.
    returns: Vec<f64>,
    /// γ_g^t for the current t.
    discount: Vec<f64>,
    score_sum: Vec<f64>,
    /// The episode's per-step weights of the three weighted estimators, summed per
    /// state–action pair it visited (`[slot * points + g]`, one block per estimator).
    pair_weights: [Vec<f64>; 3],
    /// The pairs the episode visited.
    pairs: PairSlots,
    /// G₀ at each grid point.
    pub g0: Vec<f64>,
    /// Each estimator at each grid point, in the order of [`crate::Estimator::ALL`].
    pub estimators: [Vec<f64>; 4],
}

/// Adds `weight[g] * x` to `out[g]` for every grid point.
#[inline]
fn axpy(out: &mut [f64], weight: &[f64], x: f64) {
    for (o, &w) in out.iter_mut().zip(weight) {
        *o += w * x;
    }
}

impl GridValues {
    /// Buffers for `dim` parameters on `grid`.
    pub fn new(dim: usize, grid: &GammaGrid) -> GridValues {
        let points = grid.len();
        GridValues {
            points,
            gammas: grid.gammas().to_vec(),
            returns: Vec::new(),
            discount: vec![0.0; points],
            score_sum: vec![0.0; dim],
            pair_weights: std::array::from_fn(|_| Vec::new()),
            pairs: PairSlots::default(),
            g0: vec![0.0; points],
            estimators: std::array::from_fn(|_| vec![0.0; dim * points]),
        }
    }

    /// Evaluates G₀ and the estimators marked in `wanted` on `episode` at every grid point, in
    /// O(points · (T + distinct state–action pairs · their nonzero score entries)) work. The
    /// baseline needs `values` (its state values on the same grid) and `horizon`.
    ///
    /// Each weighted estimator is Σ_t w_t(γ) ∇ln π(a_t|s_t), and the score depends on the step
    /// only through its pair (s_t, a_t): the weights are summed per pair first (one pass over
    /// the grid per step) and met with each pair's score once per episode, so a long episode
    /// over few pairs costs about two grid passes per step and estimator instead of one per
    /// nonzero score entry.
    pub fn evaluate(
        &mut self,
        episode: &Episode,
        policy: &Policy,
        wanted: [bool; 4],
        values: Option<(&StateValueTable, usize)>,
    ) {
        let p = self.points;
        let t_len = episode.len();
        // G_t(γ) = R_t + γ G_{t+1}(γ), backwards, every grid point at once.
        self.returns.clear();
        self.returns.resize((t_len + 1) * p, 0.0);
        for t in (0..t_len).rev() {
            let r = episode.rewards[t];
            let (now, next) = self.returns.split_at_mut((t + 1) * p);
            let now = &mut now[t * p..];
            for ((o, &n), &g) in now.iter_mut().zip(&next[..p]).zip(&self.gammas) {
                *o = r + g * n;
            }
        }
        self.g0.copy_from_slice(&self.returns[..p]);
        for (e, out) in self.estimators.iter_mut().enumerate() {
            if wanted[e] {
                out.fill(0.0);
            }
        }
        let n_actions = policy.num_actions();
        self.discount.fill(1.0);
        self.score_sum.fill(0.0);
        for t in 0..t_len {
            let (s, a) = (episode.states[t], episode.actions[t]);
            if wanted[0] {
                let score = policy.score(s, a);
                for &i in policy.score_support(s, a) {
                    self.score_sum[i as usize] += score[i as usize];
                }
            }
            let (slot, first) = self.pairs.slot(s, a, n_actions);
            if first {
                for block in &mut self.pair_weights {
                    block.resize((slot + 1) * p, 0.0);
                }
            }
            let returns = &self.returns[t * p..(t + 1) * p];
            let [to_go, undiscounted, baseline] = &mut self.pair_weights;
            let at = slot * p..(slot + 1) * p;
            // γ^t G_t, G_t and γ^t (G_t − V_{H−t}(s_t)), summed per pair.
            if wanted[1] {
                add_discounted_advantage(&mut to_go[at.clone()], &self.discount, returns, None);
            }
            if wanted[2] {
                for (o, &r) in undiscounted[at.clone()].iter_mut().zip(returns) {
                    *o += r;
                }
            }
            if wanted[3] {
                let baseline_row =
                    values.map(|(table, horizon)| table.row(horizon.saturating_sub(t), s));
                add_discounted_advantage(&mut baseline[at], &self.discount, returns, baseline_row);
            }
            for (disc, &g) in self.discount.iter_mut().zip(&self.gammas) {
                *disc *= g;
            }
        }
        // Each pair's summed weights meet its score's nonzero entries.
        let [trajectory, to_go, undiscounted, baseline] = &mut self.estimators;
        for (slot, &(s, a)) in self.pairs.pairs().iter().enumerate() {
            let score = policy.score(s, a);
            let at = slot * p..(slot + 1) * p;
            for (e, out) in [
                (1, &mut *to_go),
                (2, &mut *undiscounted),
                (3, &mut *baseline),
            ] {
                if !wanted[e] {
                    continue;
                }
                let weights = &self.pair_weights[e - 1][at.clone()];
                for &i in policy.score_support(s, a) {
                    let i = i as usize;
                    axpy(&mut out[i * p..(i + 1) * p], weights, score[i]);
                }
            }
        }
        self.pairs.clear();
        for block in &mut self.pair_weights {
            block.clear();
        }
        // G₀ Σ_t score_t.
        if wanted[0] {
            for (i, &x) in self.score_sum.iter().enumerate() {
                for (o, &g0) in trajectory[i * p..(i + 1) * p].iter_mut().zip(&self.g0) {
                    *o = g0 * x;
                }
            }
        }
    }
}

/// Adds `γ^t (G_t − b)` per grid point to `sum`, with `b` the baseline row (V at each grid γ)
/// or 0 without one. All slices have one entry per grid point.
fn add_discounted_advantage(
    sum: &mut [f64],
    discount: &[f64],
    returns: &[f64],
    baseline: Option<&[f64]>,
) {
    match baseline {
        Some(v) => {
            for (o, ((&disc, &ret), &v)) in sum.iter_mut().zip(discount.iter().zip(returns).zip(v))
            {
                *o += disc * (ret - v);
            }
        }
        None => {
            for (o, (&disc, &ret)) in sum.iter_mut().zip(discount.iter().zip(returns)) {
                *o += disc * ret;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_holds_every_slider_position_and_the_anchor() {
        let grid = GammaGrid::new(Some(0.123));
        assert_eq!(grid.len(), 102);
        assert_eq!(grid.position(0.05), GridPosition::At(5));
        assert_eq!(
            grid.position(0.37),
            GridPosition::At(38),
            "after the anchor"
        );
        assert_eq!(grid.position(0.123), GridPosition::At(13));
        assert_eq!(grid.position(1.0), GridPosition::At(101));
        assert_eq!(grid.position(-1.0), GridPosition::At(0));
        assert_eq!(
            GammaGrid::new(Some(0.5)).len(),
            101,
            "an anchor on the grid adds nothing"
        );
        match grid.position(0.125) {
            GridPosition::Between(i, f) => {
                assert_eq!(i, 13);
                assert!((f - 0.002 / 0.007).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        let linear = grid.read(0.125, |i| grid.gammas()[i] * 2.0);
        assert!((linear - 0.25).abs() < 1e-12);
    }
}
