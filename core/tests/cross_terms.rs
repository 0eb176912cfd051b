//! Steps 6–7: the cross-term matrix C[k,t] = E[γ^k R_k ∇ln π(a_t|s_t)] by dynamic programming,
//! by enumeration and by Monte Carlo; its lower triangle is zero.

mod common;

use common::{assert_close, assert_within_stderr, small_mdp, EXACT_TOLERANCE};
use pg_core::cross_terms::{
    cross_term_len, exact_cross_terms, exact_cross_terms_of, CrossTermSums, MAX_CROSS_TERM_LEN,
};
use pg_core::exact::{dp_with_policy, Enumeration};
use pg_core::presets;
use pg_core::sample::{Episode, Sampler};
use pg_core::Policy;
use proptest::prelude::*;

const SEED: u64 = 20_261_125;

fn gammas() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.0f64..=1.0]
}

/// The d-vector of cell (k, t).
fn cell(c: &[f64], len: usize, dim: usize, k: usize, t: usize) -> &[f64] {
    &c[(k * len + t) * dim..(k * len + t + 1) * dim]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn dynamic_programming_equals_enumeration((mdp, theta) in small_mdp(), gamma in gammas()) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let listing = Enumeration::new(&mdp, &policy).unwrap();
        let (len, listed) = listing.cross_terms(&policy, gamma);
        let exact = exact_cross_terms(&mdp, &policy, gamma, len);
        assert_close("C", &exact, &listed, EXACT_TOLERANCE);
    }

    #[test]
    fn the_matrix_of_some_components_is_those_entries_of_the_whole(
        (mdp, theta) in small_mdp(),
        gamma in gammas(),
        picks in proptest::collection::vec(0usize..64, 1..4),
    ) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let (len, d) = (cross_term_len(&mdp), mdp.dim());
        let all = exact_cross_terms(&mdp, &policy, gamma, len);
        let some = exact_cross_terms_of(&mdp, &policy, gamma, len, &picks);
        prop_assert_eq!(some.len(), len * len * picks.len());
        for k in 0..len {
            for t in 0..len {
                for (j, &i) in picks.iter().enumerate() {
                    let want = cell(&all, len, d, k, t).get(i).copied().unwrap_or(0.0);
                    let got = some[(k * len + t) * picks.len() + j];
                    prop_assert!((got - want).abs() <= EXACT_TOLERANCE * (1.0 + want.abs()), "C[{k},{t}][{i}]: {got} against {want}");
                }
            }
        }
    }

    #[test]
    fn cells_sum_to_the_trajectory_mean_and_the_causal_ones_to_the_gradient(
        (mdp, theta) in small_mdp(),
        gamma in gammas(),
    ) {
        let policy = Policy::new(&mdp, &theta).unwrap();
        let (len, d) = (mdp.horizon(), mdp.dim());
        let c = exact_cross_terms(&mdp, &policy, gamma, len);
        let mut all = vec![0.0; d];
        let mut causal = vec![0.0; d];
        for k in 0..len {
            for t in 0..len {
                for (i, x) in cell(&c, len, d, k, t).iter().enumerate() {
                    all[i] += x;
                    if k >= t {
                        causal[i] += x;
                    }
                }
            }
        }
        let listing = Enumeration::new(&mdp, &policy).unwrap();
        let values = listing.values(&mdp, &policy, gamma);
        assert_close("Σ C", &all, &values.estimators[0].mean, EXACT_TOLERANCE);
        let dp = dp_with_policy(&mdp, &policy, gamma);
        assert_close("Σ_{k≥t} C", &causal, &dp.grad, EXACT_TOLERANCE);
    }
}

#[test]
fn monte_carlo_cells_are_within_five_standard_errors() {
    for id in ["chain", "discount-trap"] {
        let mdp = presets::load(id).unwrap();
        let theta: Vec<f64> = (0..mdp.dim()).map(|i| 0.3 * i as f64 - 0.4).collect();
        let policy = Policy::new(&mdp, &theta).unwrap();
        let mut sampler = Sampler::new(&mdp, &policy, SEED);
        let mut sums = CrossTermSums::new(&mdp);
        let mut episode = Episode::default();
        for _ in 0..100_000 {
            sampler.sample(&mut episode);
            sums.add(&episode, &policy);
        }
        assert_eq!(sums.count(), 100_000);
        let (len, d) = (sums.len(), sums.dim());
        assert_eq!(len, mdp.horizon());
        // One set of episodes, read at several γ.
        for gamma in [mdp.gamma(), 0.0, 0.3, 1.0] {
            let estimate = sums.estimate(gamma);
            assert_eq!((estimate.len, estimate.dim), (len, d));
            let exact = exact_cross_terms(&mdp, &policy, gamma, len);
            let what = format!("{id} γ={gamma} C");
            assert_within_stderr(&what, &estimate.mean, &estimate.stderr, &exact);
            // Causality: each lower-triangle cell is zero within its band.
            let mut spread = false;
            for k in 0..len {
                for t in k + 1..len {
                    let j = (k * len + t) * d;
                    let zeros = vec![0.0; d];
                    assert_within_stderr(
                        &format!("{what}[{k},{t}]"),
                        &estimate.mean[j..j + d],
                        &estimate.stderr[j..j + d],
                        &zeros,
                    );
                    spread |= estimate.stderr[j..j + d].iter().any(|&s| s > 0.0);
                }
            }
            // On discount-trap the lower triangle is zero in mean, not in every episode (R₀ is
            // followed by scores); on chain every reward ends the episode, so it is zero outright.
            if id == "discount-trap" {
                assert!(spread, "{what}: the lower triangle never varied");
            }
        }
    }
}

#[test]
fn gridworld_lower_triangle_is_zero_within_its_band() {
    // A step cost on every move: every lower cell varies from episode to episode. (Only the
    // lower triangle is compared: the goal's +1 late in an episode makes some upper cells rare,
    // skewed events whose sample standard error is unreliable at this size.)
    let mdp = presets::load("gridworld").unwrap();
    let policy = Policy::new(&mdp, mdp.theta()).unwrap();
    let mut sampler = Sampler::new(&mdp, &policy, SEED);
    let mut sums = CrossTermSums::new(&mdp);
    let mut episode = Episode::default();
    for _ in 0..20_000 {
        sampler.sample(&mut episode);
        sums.add(&episode, &policy);
    }
    let (len, d) = (sums.len(), sums.dim());
    let estimate = sums.estimate(mdp.gamma());
    let exact = exact_cross_terms(&mdp, &policy, mdp.gamma(), len);
    let mut varied = 0;
    for k in 0..len {
        for t in k + 1..len {
            let j = (k * len + t) * d;
            let zeros = vec![0.0; d];
            assert_close(&format!("C[{k},{t}]"), &exact[j..j + d], &zeros, 1e-12);
            let (mean, stderr) = (&estimate.mean[j..j + d], &estimate.stderr[j..j + d]);
            assert_within_stderr(&format!("estimated C[{k},{t}]"), mean, stderr, &zeros);
            varied += usize::from(stderr.iter().any(|&s| s > 0.0));
        }
    }
    assert_eq!(varied, len * (len - 1) / 2, "every lower cell varies");
}

#[test]
fn reading_at_a_new_gamma_equals_recomputing() {
    let mdp = presets::load("chain").unwrap();
    let policy = Policy::new(&mdp, mdp.theta()).unwrap();
    let mut sampler = Sampler::new(&mdp, &policy, 7);
    let mut episodes = vec![Episode::default(); 500];
    let mut sums = CrossTermSums::new(&mdp);
    for e in episodes.iter_mut() {
        sampler.sample(e);
        sums.add(e, &policy);
    }
    let (len, d) = (sums.len(), sums.dim());
    for gamma in [0.0f64, 0.6, 1.0] {
        let n = episodes.len() as f64;
        let mut mean = vec![0.0; len * len * d];
        let mut square = vec![0.0; len * len * d];
        for e in &episodes {
            for k in 0..e.len() {
                for t in 0..e.len() {
                    let score = policy.score(e.states[t], e.actions[t]);
                    for i in 0..d {
                        let x = gamma.powi(k as i32) * e.rewards[k] * score[i];
                        mean[(k * len + t) * d + i] += x / n;
                        square[(k * len + t) * d + i] += x * x;
                    }
                }
            }
        }
        let stderr: Vec<f64> = mean
            .iter()
            .zip(&square)
            .map(|(m, s)| (((s - n * m * m) / (n - 1.0)).max(0.0) / n).sqrt())
            .collect();
        let estimate = sums.estimate(gamma);
        assert_close("mean", &estimate.mean, &mean, 1e-12);
        assert_close("stderr", &estimate.stderr, &stderr, 1e-9);
    }
}

#[test]
fn long_horizons_are_capped_and_cells_past_the_horizon_are_zero() {
    let corridor = presets::load("corridor").unwrap();
    assert_eq!(cross_term_len(&corridor), MAX_CROSS_TERM_LEN);
    let sums = CrossTermSums::new(&corridor);
    assert_eq!(sums.estimate(1.0).mean.len(), MAX_CROSS_TERM_LEN.pow(2) * 2);
    assert_eq!(sums.estimate(1.0).count, 0);

    // The bandit takes one action: only C[0,0] can be nonzero, whatever len is asked.
    let bandit = presets::load("bandit").unwrap();
    let policy = Policy::new(&bandit, &[0.5, 0.0, -0.5]).unwrap();
    let c = exact_cross_terms(&bandit, &policy, 1.0, 3);
    let dp = dp_with_policy(&bandit, &policy, 1.0);
    assert_close("C[0,0]", cell(&c, 3, 3, 0, 0), &dp.grad, EXACT_TOLERANCE);
    assert!(c[3..].iter().all(|&x| x == 0.0), "{c:?}");
    assert!(exact_cross_terms(&bandit, &policy, 1.0, 0).is_empty());
}

#[test]
fn discount_trap_cells_by_hand() {
    // θ = 0, p = ½, γ = ½: R₀ = +1 after R at s0 (score ½) and 0 after L, so
    // C[0,0] = E[R₀ score₀] = ½·1·½ = ¼; the +2.5 of s1-L at t = 1 gives
    // C[1,1] = ½·½·2.5·(−½) = −5/16 (the score of L is −p = −½).
    let mdp = presets::load("discount-trap").unwrap();
    let policy = Policy::new(&mdp, &[0.0]).unwrap();
    let c = exact_cross_terms(&mdp, &policy, 0.5, 5);
    assert!((cell(&c, 5, 1, 0, 0)[0] - 0.25).abs() < 1e-15);
    assert!((cell(&c, 5, 1, 1, 1)[0] + 0.5 * 0.5 * 2.5 * 0.5).abs() < 1e-15);
    // Lower triangle: computed, and zero to rounding.
    for k in 0..5 {
        for t in k + 1..5 {
            assert!(cell(&c, 5, 1, k, t)[0].abs() < 1e-15);
        }
    }
}
