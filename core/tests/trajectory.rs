//! Steps 3–5 per episode: ln P_θ(τ) by the product formula, the score sum, and finite
//! differences showing ∇ln P = Σ_t ∇ln π (the dynamics drop out) and ∇P = P ∇ln P.

mod common;

use common::{assert_close, small_mdp, EXACT_TOLERANCE};
use pg_core::exact::Enumeration;
use pg_core::presets;
use pg_core::sample::{first_episodes, first_episodes_within, Episode, Sampler};
use pg_core::trajectory::{
    log_probability, log_probability_gradient_fd, policy_log_probability, probability_gradient_fd,
    score_sum,
};
use pg_core::{Mdp, Policy};
use proptest::prelude::*;

/// Agreement demanded of finite differences of ln P and P with their formulas.
const FD_TOLERANCE: f64 = 1e-7;

/// ln ρ₀(s₀) + Σ_t ln P(s_{t+1}|s_t,a_t), written out independently of the crate.
fn log_dynamics(mdp: &Mdp, episode: &Episode) -> f64 {
    let mut total = mdp.start()[episode.states[0]].ln();
    for (t, &a) in episode.actions.iter().enumerate() {
        total += mdp
            .transition(episode.states[t], a, episode.states[t + 1])
            .ln();
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The support of each score lists exactly its nonzero entries, in order.
    #[test]
    fn a_score_support_is_its_nonzero_entries((mdp, theta) in small_mdp()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        for s in 0..mdp.num_states() {
            for a in 0..mdp.num_actions() {
                let nonzero: Vec<u32> = policy.score(s, a).iter().enumerate()
                    .filter(|(_, &x)| x != 0.0).map(|(k, _)| k as u32).collect();
                prop_assert_eq!(policy.score_support(s, a), nonzero.as_slice());
            }
        }
    }

    /// A budget of steps keeps a prefix of the run's episodes: the first ones whose steps
    /// before the last stay under it.
    #[test]
    fn first_episodes_within_a_budget_are_a_prefix((mdp, theta) in small_mdp(), seed in any::<u64>(), budget in 0usize..40) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let all = first_episodes(&mdp, &policy, seed, 30);
        let some = first_episodes_within(&mdp, &policy, seed, 30, budget);
        prop_assert_eq!(&all[..some.len()], some.as_slice());
        let steps: usize = some.iter().map(Episode::len).sum();
        let before_last = steps - some.last().map_or(0, Episode::len);
        prop_assert!(before_last < budget || some.is_empty() && budget == 0);
        prop_assert!(some.len() == 30 || steps >= budget);
    }

    #[test]
    fn finite_differences_match_the_score_sum((mdp, theta) in small_mdp(), seed in any::<u64>()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let mut sampler = Sampler::new(&mdp, &policy, seed);
        let mut episode = Episode::default();
        for _ in 0..5 {
            sampler.sample(&mut episode);
            let ln_p = log_probability(&mdp, &policy, &episode);
            prop_assert!(ln_p.is_finite(), "a sampled episode is possible: {episode:?}");
            let score = score_sum(&policy, &episode);
            // Step 5: differentiating the full ln P, dynamics included, gives the score sum.
            let fd = log_probability_gradient_fd(&mdp, &theta, &episode).unwrap();
            assert_close("∇ln P(τ)", &fd, &score, FD_TOLERANCE);
            // Step 3: ∇P(τ) = P(τ) ∇ln P(τ), compared relative to P(τ).
            let p = ln_p.exp();
            let fd_p = probability_gradient_fd(&mdp, &theta, &episode).unwrap();
            let relative: Vec<f64> = fd_p.iter().map(|x| x / p).collect();
            assert_close("∇P(τ) / P(τ)", &relative, &score, FD_TOLERANCE);
        }
    }

    #[test]
    fn enumerated_probabilities_and_scores((mdp, theta) in small_mdp()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let listing = Enumeration::new(&mdp, &policy).expect("small MDPs enumerate");
        let mut total = 0.0;
        let mut mean_score = vec![0.0; mdp.dim()];
        for (episode, &p) in listing.episodes().iter().zip(listing.probabilities()) {
            let ln_p = log_probability(&mdp, &policy, episode);
            // The product formula gives the probability the enumeration multiplied out.
            assert_close("P(τ)", &[ln_p.exp() / p], &[1.0], 1e-12);
            // ln P splits into a policy part and a θ-free dynamics part.
            let split = policy_log_probability(&policy, episode) + log_dynamics(&mdp, episode);
            assert_close("ln P(τ) split", &[ln_p], &[split], 1e-12);
            total += ln_p.exp();
            for (m, s) in mean_score.iter_mut().zip(score_sum(&policy, episode)) {
                *m += p * s;
            }
        }
        assert_close("Σ_τ P(τ)", &[total], &[1.0], EXACT_TOLERANCE);
        // E[∇ln P(τ)] = ∇ Σ_τ P(τ) = ∇1 = 0.
        assert_close("E[Σ_t ∇ln π]", &mean_score, &vec![0.0; mdp.dim()], EXACT_TOLERANCE);
    }
}

fn episode(states: &[usize], actions: &[usize]) -> Episode {
    Episode {
        states: states.to_vec(),
        actions: actions.to_vec(),
        rewards: vec![0.0; actions.len()],
    }
}

#[test]
fn impossible_episodes_have_log_probability_minus_infinity() {
    let trap = presets::load("discount-trap").unwrap();
    let policy = Policy::new(&trap, &[0.3]).unwrap();
    // s0 -L-> s1 -L-> end is possible: P = (1−p)².
    let fine = episode(&[0, 1, 5], &[0, 0]);
    let p = 1.0 / (1.0 + 0.3f64.exp());
    assert_close(
        "ln P",
        &[log_probability(&trap, &policy, &fine)],
        &[2.0 * p.ln()],
        1e-12,
    );
    let impossible = [
        // s0 never moves to c1.
        episode(&[0, 2, 3, 4, 5], &[0, 0, 0, 0]),
        // Stops in s1, which is neither terminal nor at the horizon.
        episode(&[0, 1], &[0]),
        // Runs on past the terminal state.
        episode(&[0, 1, 5, 5], &[0, 0, 0]),
        // Starts elsewhere than s0.
        episode(&[1, 5], &[0]),
        // Out of range, malformed, empty.
        episode(&[0, 9], &[0]),
        episode(&[0, 1, 5], &[0, 7]),
        episode(&[0, 1, 5], &[0]),
        Episode::default(),
    ];
    for e in &impossible {
        assert_eq!(
            log_probability(&trap, &policy, e),
            f64::NEG_INFINITY,
            "{e:?}"
        );
        let err = log_probability_gradient_fd(&trap, &[0.3], e).unwrap_err();
        assert_eq!(err.path, "episode", "{e:?}");
        let err = probability_gradient_fd(&trap, &[0.3], e).unwrap_err();
        assert_eq!(err.path, "episode", "{e:?}");
        // The score sum never panics, whatever it is given.
        assert!(score_sum(&policy, e).iter().all(|x| x.is_finite()));
    }
    // Cut by the horizon in a non-terminal state is a complete episode.
    let mut spec = presets::spec("discount-trap").unwrap();
    spec.horizon = 2;
    let short = Mdp::from_spec(&spec).unwrap();
    let policy = Policy::new(&short, &[0.0]).unwrap();
    let cut = episode(&[0, 1, 2], &[1, 1]);
    assert_close(
        "ln P cut",
        &[log_probability(&short, &policy, &cut)],
        &[2.0 * 0.5f64.ln()],
        1e-12,
    );
}

#[test]
fn bad_theta_is_reported_at_theta() {
    let chain = presets::load("chain").unwrap();
    let e = episode(&[3, 4], &[1]);
    for theta in [vec![0.0; 3], vec![f64::NAN; 8], vec![101.0; 8]] {
        let err = log_probability_gradient_fd(&chain, &theta, &e).unwrap_err();
        assert!(err.path.starts_with("theta"), "{err}");
        assert!(probability_gradient_fd(&chain, &theta, &e).is_err());
    }
}

#[test]
fn dynamics_drop_out_on_the_slippery_chain() {
    // Stochastic dynamics: ln P(s_{t+1}|s_t,a_t) is far from zero, yet adds nothing to ∇ln P.
    let chain = presets::load("chain").unwrap();
    let theta: Vec<f64> = (0..chain.dim()).map(|i| 0.4 * i as f64 - 1.3).collect();
    let policy = Policy::new(&chain, &theta).unwrap();
    let mut sampler = Sampler::new(&chain, &policy, 11);
    let mut e = Episode::default();
    let mut slips = 0;
    for _ in 0..200 {
        sampler.sample(&mut e);
        if log_dynamics(&chain, &e) < 0.0 {
            slips += 1;
        }
        let fd = log_probability_gradient_fd(&chain, &theta, &e).unwrap();
        assert_close("∇ln P(τ)", &fd, &score_sum(&policy, &e), FD_TOLERANCE);
    }
    assert!(
        slips > 100,
        "the dynamics were stochastic in only {slips} episodes"
    );
}

#[test]
fn log_probabilities_stay_exact_where_probabilities_underflow() {
    // Features of 10 at θ = 100: π(L) = e^{−1000}, which underflows to zero as a probability.
    let mut spec = presets::spec("discount-trap").unwrap();
    for row in spec.features.as_mut().unwrap().values_mut() {
        row.insert("R".into(), vec![10.0]);
    }
    let mdp = Mdp::from_spec(&spec).unwrap();
    let policy = Policy::new(&mdp, &[100.0]).unwrap();
    assert_eq!(policy.prob(0, 0), 0.0);
    let all_left = episode(&[0, 1, 5], &[0, 0]);
    let ln_p = log_probability(&mdp, &policy, &all_left);
    assert!((ln_p + 2000.0).abs() < 1e-9, "ln P = {ln_p}");
    let fd = log_probability_gradient_fd(&mdp, &[100.0], &all_left).unwrap();
    // ∇ln π(L|s) = 0 − 10·π(R|s) = −10 in each of the two steps.
    assert_close("∇ln P", &fd, &[-20.0], FD_TOLERANCE);
    assert_close("score", &score_sum(&policy, &all_left), &[-20.0], 1e-12);
    // P underflows, and so does its gradient: zero beside zero, not NaN.
    let fd_p = probability_gradient_fd(&mdp, &[100.0], &all_left).unwrap();
    assert_eq!(fd_p, vec![0.0]);
}
