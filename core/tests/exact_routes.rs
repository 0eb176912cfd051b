//! The three exact routes — dynamic programming, enumeration, finite differences — agree.

mod common;

use common::{assert_close, small_mdp, EXACT_TOLERANCE};
use pg_core::exact::{
    dp_with_policy, finite_difference_gradient, state_values, Enumeration, RewardProfile,
};
use pg_core::{presets, Estimator, Policy};
use proptest::prelude::*;

fn gammas() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.0f64..=1.0]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn dp_enumeration_and_finite_differences_agree((mdp, theta) in small_mdp(), gamma in gammas()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let dp = dp_with_policy(&mdp, &policy, gamma);
        let listing = Enumeration::new(&mdp, &policy).expect("small MDPs enumerate");
        let total: f64 = listing.probabilities().iter().sum();
        assert_close("Σ P(τ)", &[total], &[1.0], EXACT_TOLERANCE);
        let exact = listing.values(&mdp, &policy, gamma);
        assert_close("J", &[exact.j], &[dp.j], EXACT_TOLERANCE);
        for e in [Estimator::Trajectory, Estimator::RewardToGo, Estimator::Baseline] {
            assert_close(e.id(), &exact.estimators[e.index()].mean, &dp.grad, EXACT_TOLERANCE);
        }
        assert_close(
            "no_discount_weight",
            &exact.estimators[Estimator::NoDiscountWeight.index()].mean,
            &dp.no_discount_weight,
            EXACT_TOLERANCE,
        );
        let fd = finite_difference_gradient(&mdp, &theta, gamma).unwrap();
        assert_close("finite differences", &fd, &dp.grad, EXACT_TOLERANCE);
    }

    #[test]
    fn reward_profile_reproduces_state_values((mdp, theta) in small_mdp(), gamma in gammas()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let values = state_values(&mdp, &policy, gamma);
        let profile = RewardProfile::new(&mdp, &policy);
        for (h, row) in values.iter().enumerate() {
            let from_profile: Vec<f64> =
                (0..mdp.num_states()).map(|s| profile.state_value(h, s, gamma)).collect();
            assert_close(&format!("V_{h}"), &from_profile, row, EXACT_TOLERANCE);
        }
    }

    #[test]
    fn cross_terms_sum_to_the_trajectory_estimator((mdp, theta) in small_mdp(), gamma in gammas()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let listing = Enumeration::new(&mdp, &policy).unwrap();
        let (len, c) = listing.cross_terms(&policy, gamma);
        let d = mdp.dim();
        let mut all = vec![0.0; d];
        let mut causal = vec![0.0; d];
        for k in 0..len {
            for t in 0..len {
                for i in 0..d {
                    let x = c[(k * len + t) * d + i];
                    all[i] += x;
                    if k >= t {
                        causal[i] += x;
                    }
                }
            }
        }
        let exact = listing.values(&mdp, &policy, gamma);
        // Σ_{k,t} C[k,t] is the trajectory estimator's mean; dropping k < t gives reward-to-go's.
        assert_close("Σ C", &all, &exact.estimators[0].mean, EXACT_TOLERANCE);
        assert_close("Σ_{k≥t} C", &causal, &exact.estimators[1].mean, EXACT_TOLERANCE);
        // Causality: the k < t cells are zero.
        for k in 0..len {
            for t in k + 1..len {
                let cell = &c[(k * len + t) * d..(k * len + t + 1) * d];
                assert_close(&format!("C[{k},{t}]"), cell, &vec![0.0; d], EXACT_TOLERANCE);
            }
        }
    }
}

#[test]
fn corridor_matches_sutton_and_barto_example_13_1() {
    let mdp = presets::load("corridor").unwrap();
    let p = 2.0 - 2f64.sqrt();
    // π(right) = σ(θ₀ − θ₁).
    let theta = [(p / (1.0 - p)).ln(), 0.0];
    let dp = pg_core::exact::dynamic_programming(&mdp, &theta, 1.0).unwrap();
    // J(p) = (2p − 4) / (p (1 − p)) = −(4 + 2√2)… ≈ −11.657 at the optimum.
    let textbook = (2.0 * p - 4.0) / (p * (1.0 - p));
    assert!((dp.j - textbook).abs() < 1e-9, "J = {}", dp.j);
    assert!((dp.j + 11.657).abs() < 1e-3);
    for g in &dp.grad {
        assert!(g.abs() < 1e-9, "gradient at the optimum: {:?}", dp.grad);
    }
    // Away from the optimum the gradient points towards it.
    let dp_left = pg_core::exact::dynamic_programming(&mdp, &[0.0, 0.0], 1.0).unwrap();
    assert!(dp_left.grad[0] > 0.0 && dp_left.grad[1] < 0.0);
    assert!(
        (dp_left.j + 12.0).abs() < 1e-9,
        "J(½) = −12, got {}",
        dp_left.j
    );
}

#[test]
fn discount_trap_has_opposite_directions() {
    let mdp = presets::load("discount-trap").unwrap();
    for p in [0.1f64, 0.5, 0.9] {
        let theta = [(p / (1.0 - p)).ln()];
        let dp = pg_core::exact::dynamic_programming(&mdp, &theta, 0.5).unwrap();
        assert!((dp.j - (1.25 + 0.25 * p)).abs() < 1e-12, "J at p = {p}");
        let q = p * (1.0 - p);
        assert!((dp.grad[0] - 0.25 * q).abs() < 1e-12, "∇J at p = {p}");
        assert!(
            (dp.no_discount_weight[0] + 0.5 * q).abs() < 1e-12,
            "no-γ^t at p = {p}"
        );
    }
    let half = pg_core::exact::dynamic_programming(&mdp, &[0.0], 0.5).unwrap();
    assert_eq!(half.grad[0], 0.0625);
    assert_eq!(half.no_discount_weight[0], -0.125);
}

#[test]
fn at_gamma_one_dropping_gamma_t_changes_nothing() {
    for preset in presets::PRESETS {
        let mdp = presets::load(preset.id).unwrap();
        let dp = pg_core::exact::dynamic_programming(&mdp, mdp.theta(), 1.0).unwrap();
        assert_close(preset.id, &dp.no_discount_weight, &dp.grad, EXACT_TOLERANCE);
    }
}

#[test]
fn presets_agree_across_routes_at_their_defaults() {
    for preset in presets::PRESETS {
        let mdp = presets::load(preset.id).unwrap();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        let dp = dp_with_policy(&mdp, &policy, mdp.gamma());
        let fd = finite_difference_gradient(&mdp, mdp.theta(), mdp.gamma()).unwrap();
        assert_close(preset.id, &fd, &dp.grad, EXACT_TOLERANCE);
        if let Some(listing) = Enumeration::new(&mdp, &policy) {
            let exact = listing.values(&mdp, &policy, mdp.gamma());
            assert_close(preset.id, &[exact.j], &[dp.j], EXACT_TOLERANCE);
            assert_close(
                preset.id,
                &exact.estimators[1].mean,
                &dp.grad,
                EXACT_TOLERANCE,
            );
        }
    }
}

#[test]
fn enumeration_gives_up_on_long_horizons() {
    let mdp = presets::load("corridor").unwrap();
    let policy = Policy::new(&mdp, mdp.theta()).unwrap();
    assert!(Enumeration::new(&mdp, &policy).is_none());
    let (episodes, _) = pg_core::exact::count_episodes(&mdp);
    assert!(episodes > pg_core::exact::ENUMERATION_LIMIT);
}

#[test]
fn the_state_value_baseline_can_raise_the_variance() {
    // DESIGN §2, step 10: "it often lowers the variance, but not always". On the bandit with
    // θ = (3, 0, 0) it raises it; at θ = (1, 0, 0) it lowers it. The app links to this case.
    let mdp = presets::load("bandit").unwrap();
    let variances = |theta: &[f64]| {
        let policy = Policy::new(&mdp, theta).unwrap();
        let exact = Enumeration::new(&mdp, &policy)
            .unwrap()
            .values(&mdp, &policy, 1.0);
        (
            exact.estimators[Estimator::Baseline.index()].variance,
            exact.estimators[Estimator::RewardToGo.index()].variance,
        )
    };
    let (with, without) = variances(&[3.0, 0.0, 0.0]);
    assert!(with > without, "{with} vs {without}");
    assert!((with - 0.0494).abs() < 1e-4 && (without - 0.0389).abs() < 1e-4);
    let (with, without) = variances(&[1.0, 0.0, 0.0]);
    assert!(with < without);
}
