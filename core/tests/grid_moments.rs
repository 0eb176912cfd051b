//! The statistics of a simulation, mixing exact γ-polynomials (short episodes) and values on
//! the γ grid (long ones), equal a direct recomputation over the same stored episodes: means
//! at any γ, variances and standard errors at every grid point (and between them, the grid
//! part read linearly).

mod common;

use common::assert_close;
use pg_core::estimators::evaluate_all;
use pg_core::exact::state_values;
use pg_core::sample::{first_episodes, Episode};
use pg_core::stats::EXACT_ROWS;
use pg_core::{presets, Estimator, Mdp, Policy, Simulation};

/// Mean and sample variance per component of `values` (one vector per episode).
fn direct(values: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let n = values.len() as f64;
    let d = values[0].len();
    let mean: Vec<f64> = (0..d)
        .map(|i| values.iter().map(|v| v[i]).sum::<f64>() / n)
        .collect();
    let var = (0..d)
        .map(|i| values.iter().map(|v| (v[i] - mean[i]).powi(2)).sum::<f64>() / (n - 1.0))
        .collect();
    (mean, var)
}

/// Samples `n` episodes into a simulation, keeping a copy of each.
fn sample(
    mdp: &Mdp,
    theta: &[f64],
    seed: u64,
    anchor: f64,
    n: usize,
) -> (Simulation, Vec<Episode>) {
    let mut simulation = Simulation::with_anchor(mdp, theta, seed, anchor).unwrap();
    simulation.run(n as u64);
    let policy = Policy::new(mdp, theta).unwrap();
    (simulation, first_episodes(mdp, &policy, seed, n))
}

/// Checks every estimate of `simulation` at `gamma` against the stored episodes.
fn check(mdp: &Mdp, theta: &[f64], simulation: &Simulation, episodes: &[Episode], gamma: f64) {
    let policy = Policy::new(mdp, theta).unwrap();
    let values = state_values(mdp, &policy, gamma);
    let all: Vec<_> = episodes
        .iter()
        .map(|e| evaluate_all(e, &policy, gamma, &values))
        .collect();
    let g0: Vec<Vec<f64>> = all.iter().map(|v| vec![v.g0]).collect();
    let (mean, var) = direct(&g0);
    let j = simulation.objective(gamma);
    let n = episodes.len() as f64;
    assert_close(&format!("J mean at γ {gamma}"), &j.mean, &mean, 1e-9);
    let stderr: Vec<f64> = var.iter().map(|v| (v / n).sqrt()).collect();
    assert_close(&format!("J stderr at γ {gamma}"), &j.stderr, &stderr, 1e-7);
    for e in Estimator::ALL {
        let per: Vec<Vec<f64>> = all
            .iter()
            .map(|v| v.estimators[e.index()].clone())
            .collect();
        let (mean, var) = direct(&per);
        let got = simulation.estimate(e, gamma);
        assert_close(
            &format!("{} mean at γ {gamma}", e.id()),
            &got.mean,
            &mean,
            1e-9,
        );
        let stderr: Vec<f64> = var.iter().map(|v| (v / n).sqrt()).collect();
        assert_close(
            &format!("{} stderr at γ {gamma}", e.id()),
            &got.stderr,
            &stderr,
            1e-7,
        );
        let trace: f64 = var.iter().sum();
        assert_close(
            &format!("{} variance at γ {gamma}", e.id()),
            &[got.variance],
            &[trace],
            1e-7,
        );
    }
}

#[test]
fn long_and_short_episodes_read_as_a_direct_recomputation_at_every_grid_point() {
    // The corridor: most episodes are short (exact squares), some long (the grid); its
    // baseline's state values reach the horizon, so that one is always on the grid.
    let mdp = presets::load("corridor").unwrap();
    let theta = [0.3, -0.2];
    let (simulation, episodes) = sample(&mdp, &theta, 9, 1.0, 400);
    assert!(
        episodes.iter().any(|e| e.len() > EXACT_ROWS),
        "some episodes are long"
    );
    assert!(
        episodes.iter().any(|e| e.len() <= EXACT_ROWS),
        "some are short"
    );
    for k in 0..=100 {
        check(&mdp, &theta, &simulation, &episodes, k as f64 / 100.0);
    }
    // The anchor, off the 0.01 steps, is exact too.
    let (simulation, episodes) = sample(&mdp, &theta, 9, 0.4567, 400);
    check(&mdp, &theta, &simulation, &episodes, 0.4567);
}

#[test]
fn between_grid_points_the_means_stay_exact_and_the_spread_is_close() {
    let mdp = presets::load("corridor").unwrap();
    let theta = [0.0, 0.0];
    let (simulation, episodes) = sample(&mdp, &theta, 4, 1.0, 300);
    let gamma = 0.935;
    let policy = Policy::new(&mdp, &theta).unwrap();
    let values = state_values(&mdp, &policy, gamma);
    for e in Estimator::ALL {
        let per: Vec<Vec<f64>> = episodes
            .iter()
            .map(|ep| evaluate_all(ep, &policy, gamma, &values).estimators[e.index()].clone())
            .collect();
        let (mean, var) = direct(&per);
        let got = simulation.estimate(e, gamma);
        assert_close(&format!("{} mean", e.id()), &got.mean, &mean, 1e-9);
        // Linear between 0.93 and 0.94: within a few percent of the exact spread.
        let trace: f64 = var.iter().sum();
        assert!(
            (got.variance - trace).abs() <= 0.05 * trace,
            "{}: {} vs {trace}",
            e.id(),
            got.variance
        );
    }
}

#[test]
fn short_episodes_alone_are_exact_at_every_gamma() {
    let mdp = presets::load("chain").unwrap();
    let theta = vec![0.2; mdp.dim()];
    let (simulation, episodes) = sample(&mdp, &theta, 3, 0.9, 300);
    assert!(episodes.iter().all(|e| e.len() <= EXACT_ROWS));
    for gamma in [0.0, 0.123, 0.5, 0.777, 1.0] {
        check(&mdp, &theta, &simulation, &episodes, gamma);
    }
}

#[test]
fn a_tabular_policy_over_long_episodes_reads_as_a_direct_recomputation() {
    // The 500-step bench fixture: every episode runs the full horizon (no terminal state), so
    // all of them are on the grid; a tabular policy's scores are sparse, each episode revisits
    // its 12 state–action pairs many times, and rewards differ by state and action: the cases
    // where weights and rewards are gathered per pair.
    let mdp = Mdp::from_json(include_str!("fixtures/long-500.json")).unwrap();
    let theta: Vec<f64> = (0..mdp.dim()).map(|i| 0.1 * (i as f64) - 0.5).collect();
    let (simulation, episodes) = sample(&mdp, &theta, 11, 0.9, 40);
    assert!(episodes.iter().all(|e| e.len() == 500));
    for k in (0..=100).step_by(9) {
        check(&mdp, &theta, &simulation, &episodes, k as f64 / 100.0);
    }
    check(&mdp, &theta, &simulation, &episodes, 1.0);
}
