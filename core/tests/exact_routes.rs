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

/// The same MDP with each r(s,a,s′) replaced by its mean R(s,a): the "averaged twin".
fn averaged_twin(mdp: &pg_core::Mdp) -> pg_core::Mdp {
    let mut spec = mdp.to_spec();
    for (s, row) in spec.rewards.iter_mut() {
        let s = mdp.states().iter().position(|n| n == s).unwrap();
        for (a, reward) in row.iter_mut() {
            let a = mdp.actions().iter().position(|n| n == a).unwrap();
            *reward = pg_core::mdp::Reward::Expected(mdp.reward(s, a));
        }
    }
    pg_core::Mdp::from_spec(&spec).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// J, ∇J and the no-γᵗ mean depend on the rewards only through R(s,a).
    #[test]
    fn averaging_next_state_rewards_keeps_every_mean((mdp, theta) in small_mdp(), gamma in gammas()) {
        let twin = averaged_twin(&mdp);
        let policy = Policy::new(&mdp, &theta).unwrap();
        let twin_policy = Policy::new(&twin, &theta).unwrap();
        let (ours, theirs) = (dp_with_policy(&mdp, &policy, gamma), dp_with_policy(&twin, &twin_policy, gamma));
        assert_close("J", &[ours.j], &[theirs.j], EXACT_TOLERANCE);
        assert_close("∇J", &ours.grad, &theirs.grad, EXACT_TOLERANCE);
        assert_close("no-γᵗ mean", &ours.no_discount_weight, &theirs.no_discount_weight, EXACT_TOLERANCE);
        let listing = Enumeration::new(&twin, &twin_policy).unwrap();
        let enumerated = listing.values(&twin, &twin_policy, gamma);
        assert_close("J by enumeration", &[enumerated.j], &[ours.j], EXACT_TOLERANCE);
    }
}

/// Rewards that depend on the next state change the variances, and the sampled variances
/// follow the enumeration of the MDP as written, not of its averaged twin.
#[test]
fn next_state_rewards_change_the_variances_as_enumeration_says() {
    let text = r#"{"states": ["s", "t", "end"], "actions": ["a", "b"], "start": {"s": 1},
        "terminal": ["end"],
        "transitions": {"s": {"a": {"t": 0.5, "end": 0.5}, "b": {"end": 1}},
                        "t": {"a": {"end": 1}, "b": {"s": 0.5, "end": 0.5}}},
        "rewards": {"s": {"a": {"t": 4, "end": -4}, "b": 0.5},
                    "t": {"a": 1, "b": {"s": -2, "end": 2}}},
        "gamma": 0.9, "horizon": 6}"#;
    let mdp = pg_core::Mdp::from_json(text).unwrap();
    let twin = averaged_twin(&mdp);
    let policy = Policy::new(&mdp, mdp.theta()).unwrap();
    let gamma = mdp.gamma();
    let ours = Enumeration::new(&mdp, &policy)
        .unwrap()
        .values(&mdp, &policy, gamma);
    let theirs = Enumeration::new(&twin, &policy)
        .unwrap()
        .values(&twin, &policy, gamma);
    assert_close("J", &[ours.j], &[theirs.j], EXACT_TOLERANCE);
    assert!(
        ours.return_variance > theirs.return_variance + 1.0,
        "{} vs {}",
        ours.return_variance,
        theirs.return_variance
    );
    let mut simulation = pg_core::Simulation::new(&mdp, mdp.theta(), 11).unwrap();
    simulation.run(100_000);
    let sampled = simulation.objective(gamma).variance;
    // 10⁵ episodes of bounded returns: the sample variance is within a few percent.
    assert!(
        (sampled - ours.return_variance).abs() < 0.03 * ours.return_variance,
        "{sampled} vs {}",
        ours.return_variance
    );
    for e in Estimator::ALL {
        let (want, twin_value) = (
            ours.estimators[e.index()].variance,
            theirs.estimators[e.index()].variance,
        );
        let got = simulation.estimate(e, gamma).variance;
        assert!(
            (got - want).abs() < 0.05 * want,
            "{}: sampled {got}, exact {want}",
            e.id()
        );
        assert!(
            (want - twin_value).abs() > 0.1 * want,
            "{}: {want} vs twin {twin_value}",
            e.id()
        );
    }
}

#[test]
fn one_finite_difference_component_is_that_entry_of_the_gradient() {
    for id in ["chain", "corridor"] {
        let mdp = pg_core::presets::load(id).unwrap();
        let fd = pg_core::exact::finite_difference_gradient(&mdp, mdp.theta(), 0.8).unwrap();
        for (k, &g) in fd.iter().enumerate() {
            let one = pg_core::exact::finite_difference_component(&mdp, mdp.theta(), 0.8, k);
            assert_eq!(one.unwrap(), g, "{id} θ[{k}]");
        }
        let past = pg_core::exact::finite_difference_component(&mdp, mdp.theta(), 0.8, fd.len());
        assert!(past.unwrap_err().to_string().contains("no component"));
    }
}
