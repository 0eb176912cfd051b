//! Monte Carlo estimates against exact values, the γ-polynomial statistics against a direct
//! recomputation, value stability of the generator, and finiteness at the limits.

mod common;

use common::{assert_close, assert_within_stderr, small_mdp};
use pg_core::estimators::evaluate_all;
use pg_core::exact::{dp_with_policy, state_values, Enumeration};
use pg_core::sample::first_episodes;
use pg_core::{presets, Estimator, Policy, Simulation};
use proptest::prelude::*;

const SEED: u64 = 20_261_125;

#[test]
fn every_estimator_on_every_preset_is_within_five_standard_errors() {
    for preset in presets::PRESETS {
        let mdp = presets::load(preset.id).unwrap();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        let episodes = if preset.id == "corridor" {
            20_000
        } else {
            50_000
        };
        let mut simulation = Simulation::new(&mdp, mdp.theta(), SEED).unwrap();
        simulation.run(episodes);
        assert_eq!(simulation.episodes(), episodes);
        // Several γ from one set of episodes: sampling does not depend on γ.
        for gamma in [mdp.gamma(), 0.0, 0.5, 1.0] {
            let dp = dp_with_policy(&mdp, &policy, gamma);
            let what = |name: &str| format!("{} γ={gamma} {name}", preset.id);
            let j = simulation.objective(gamma);
            assert_within_stderr(&what("J"), &j.mean, &j.stderr, &[dp.j]);
            for e in Estimator::ALL {
                let exact = if e == Estimator::NoDiscountWeight {
                    &dp.no_discount_weight
                } else {
                    &dp.grad
                };
                let est = simulation.estimate(e, gamma);
                assert_within_stderr(&what(e.id()), &est.mean, &est.stderr, exact);
            }
        }
    }
}

#[test]
fn sample_variances_approach_the_exact_ones() {
    for id in ["bandit", "chain", "discount-trap"] {
        let mdp = presets::load(id).unwrap();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        let listing = Enumeration::new(&mdp, &policy).unwrap();
        let exact = listing.values(&mdp, &policy, mdp.gamma());
        let mut simulation = Simulation::new(&mdp, mdp.theta(), SEED).unwrap();
        simulation.run(100_000);
        for e in Estimator::ALL {
            let sampled = simulation.estimate(e, mdp.gamma()).variance;
            let want = exact.estimators[e.index()].variance;
            // A sample variance of 10⁵ episodes is within a few percent for these light tails.
            assert!(
                (sampled - want).abs() <= 0.05 * want + 1e-12,
                "{id} {}: sampled variance {sampled}, exact {want}",
                e.id()
            );
        }
    }
}

#[test]
fn the_discount_trap_direction_points_the_wrong_way() {
    let mdp = presets::load("discount-trap").unwrap();
    let mut simulation = Simulation::new(&mdp, &[0.0], SEED).unwrap();
    simulation.run(200_000);
    let right = simulation.estimate(Estimator::RewardToGo, 0.5);
    let wrong = simulation.estimate(Estimator::NoDiscountWeight, 0.5);
    assert!(right.mean[0] - 5.0 * right.stderr[0] > 0.0, "{right:?}");
    assert!(wrong.mean[0] + 5.0 * wrong.stderr[0] < 0.0, "{wrong:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The γ-polynomial sums equal a direct recomputation over the same episodes.
    #[test]
    fn gamma_polynomials_equal_direct_recomputation((mdp, theta) in small_mdp(), seed in any::<u64>()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let mut simulation = Simulation::new(&mdp, &theta, seed).unwrap();
        simulation.run(300);
        let episodes = first_episodes(&mdp, &policy, seed, 300);
        for gamma in [0.0, 0.3, 0.9, 1.0] {
            let values = state_values(&mdp, &policy, gamma);
            let n = episodes.len() as f64;
            let all: Vec<_> = episodes.iter().map(|e| evaluate_all(e, &policy, gamma, &values)).collect();
            let j_mean = all.iter().map(|x| x.g0).sum::<f64>() / n;
            assert_close("J", &simulation.objective(gamma).mean, &[j_mean], 1e-10);
            for est in Estimator::ALL {
                let d = mdp.dim();
                let mut mean = vec![0.0; d];
                for x in &all {
                    for (m, v) in mean.iter_mut().zip(&x.estimators[est.index()]) { *m += v / n; }
                }
                let variance: f64 = (0..d).map(|i| {
                    all.iter().map(|x| (x.estimators[est.index()][i] - mean[i]).powi(2)).sum::<f64>() / (n - 1.0)
                }).sum();
                let got = simulation.estimate(est, gamma);
                assert_close(est.id(), &got.mean, &mean, 1e-10);
                assert_close(&format!("{} variance", est.id()), &[got.variance], &[variance], 1e-8);
            }
        }
    }
}

#[test]
fn a_fixed_seed_gives_pinned_numbers() {
    // If these change, the generator, the block rules or the sampling order changed: seeds in
    // shared links would no longer reproduce what they showed.
    let mdp = presets::load("chain").unwrap();
    let policy = Policy::new(&mdp, mdp.theta()).unwrap();
    let episode = &first_episodes(&mdp, &policy, 42, 1)[0];
    let mut simulation = Simulation::new(&mdp, mdp.theta(), 42).unwrap();
    simulation.run(1000);
    assert_eq!(episode.states, PINNED_STATES);
    assert_eq!(episode.actions, PINNED_ACTIONS);
    assert_eq!(simulation.steps(), PINNED_STEPS);
    assert_eq!(simulation.objective(0.9).mean[0], PINNED_J);
    // The same numbers whether the run stops at every block or goes through at once.
    let mut stepwise = Simulation::new(&mdp, mdp.theta(), 42).unwrap();
    for n in [1, 1, 3, 5, 10, 30, 50, 100, 300, 500] {
        stepwise.run(n);
    }
    assert_eq!(stepwise.objective(0.9), simulation.objective(0.9));
}

// xoshiro256++ seeded through SplitMix64 (rand_xoshiro 0.8), block by block
// (pg_core::blocks), since 2026-11-30.
const PINNED_STATES: [usize; 9] = [0, 1, 0, 0, 1, 0, 0, 1, 2];
const PINNED_ACTIONS: [usize; 8] = [0, 1, 0, 1, 0, 0, 1, 1];
const PINNED_STEPS: u64 = 7033;
const PINNED_J: f64 = -0.055849540190001004;

#[test]
fn no_nan_or_infinity_at_the_limits() {
    // A long horizon, extreme parameters and both ends of γ.
    let mut spec = presets::spec("chain").unwrap();
    spec.horizon = pg_core::mdp::limits::MAX_HORIZON;
    let mdp = pg_core::Mdp::from_spec(&spec).unwrap();
    for magnitude in [-50.0, 0.0, 50.0] {
        let theta: Vec<f64> = (0..mdp.dim())
            .map(|i| if i % 2 == 0 { magnitude } else { -magnitude })
            .collect();
        let policy = Policy::new(&mdp, &theta).unwrap();
        let mut simulation = Simulation::new(&mdp, &theta, 3).unwrap();
        simulation.run(200);
        for gamma in [0.0, 0.5, 0.999, 1.0] {
            let dp = dp_with_policy(&mdp, &policy, gamma);
            assert!(dp.j.is_finite());
            assert!(dp
                .grad
                .iter()
                .chain(&dp.no_discount_weight)
                .all(|x| x.is_finite()));
            let fd = pg_core::exact::finite_difference_gradient(&mdp, &theta, gamma).unwrap();
            assert!(fd.iter().all(|x| x.is_finite()));
            for e in Estimator::ALL {
                let est = simulation.estimate(e, gamma);
                assert!(est.mean.iter().chain(&est.stderr).all(|x| x.is_finite()));
                assert!(est.variance.is_finite());
            }
        }
    }
    for preset in presets::PRESETS {
        let mdp = presets::load(preset.id).unwrap();
        let theta = vec![50.0; mdp.dim()];
        let dp = pg_core::exact::dynamic_programming(&mdp, &theta, 1.0).unwrap();
        assert!(
            dp.j.is_finite() && dp.grad.iter().all(|x| x.is_finite()),
            "{}",
            preset.id
        );
    }
}

proptest! {
    /// Rows that are multiples of one vector may be added through the cheaper route; the
    /// sums read the same at every γ.
    #[test]
    fn outer_product_rows_add_like_any_rows(
        episodes in prop::collection::vec(
            (prop::collection::vec(prop_oneof![Just(0.0), -2.0f64..2.0], 1..7),
             prop::collection::vec(prop_oneof![Just(0.0), -1.0f64..1.0], 3)),
            1..20),
    ) {
        let mut general = pg_core::stats::PolyMoments::new(3, 6);
        let mut outer = pg_core::stats::PolyMoments::new(3, 6);
        for (scalar, vector) in &episodes {
            let rows: Vec<f64> = scalar.iter().flat_map(|r| vector.iter().map(move |v| r * v)).collect();
            general.add(&rows);
            outer.add_outer(scalar, vector);
        }
        for gamma in [0.0, 0.4, 1.0] {
            let (a, b) = (general.estimate(gamma), outer.estimate(gamma));
            assert_close("mean", &b.mean, &a.mean, 1e-12);
            assert_close("stderr", &b.stderr, &a.stderr, 1e-9);
            prop_assert_eq!(a.count, b.count);
        }
    }
}
