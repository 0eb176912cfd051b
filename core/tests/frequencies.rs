//! Step 4: sampled episode frequencies approach the product formula P_θ(τ), and the action
//! taken at s_t does not depend on the action before it.

mod common;

use common::MC_SIGMAS;
use pg_core::exact::Enumeration;
use pg_core::frequencies::{ActionsByHistory, EpisodeCounter};
use pg_core::presets;
use pg_core::sample::{Episode, Sampler};
use pg_core::{Mdp, Policy};

const SEED: u64 = 20_261_125;

/// A bound that the total-variation distance of N sampled episodes stays below, except with
/// probability e^{−18} ≈ 1.5·10⁻⁸.
///
/// Mean: each count is Binomial(N, P(τ)), so E|count/N − P(τ)| ≤ √(P(τ)(1 − P(τ))/N) (Jensen)
/// and E[TV] ≤ B = ½ Σ_τ √(P(τ)(1 − P(τ))/N), which by Cauchy–Schwarz is at most ½√(M/N) for M
/// possible episodes. Spread: moving one episode changes TV by at most 1/N, so McDiarmid's
/// inequality gives P(TV ≥ E[TV] + ε) ≤ exp(−2Nε²), and ε = 3/√N makes that e^{−18}.
fn tv_bound(listing: &Enumeration, n: u64) -> f64 {
    let n = n as f64;
    let mean: f64 = listing
        .probabilities()
        .iter()
        .map(|p| (p * (1.0 - p) / n).sqrt())
        .sum::<f64>()
        * 0.5;
    let cauchy_schwarz = 0.5 * (listing.len() as f64 / n).sqrt();
    assert!(mean <= cauchy_schwarz + 1e-12);
    mean + 3.0 / n.sqrt()
}

fn sampled(mdp: &Mdp, theta: &[f64], checkpoints: &[u64]) -> Vec<(u64, f64, EpisodeCounter)> {
    let policy = Policy::new(mdp, theta).unwrap();
    let listing = Enumeration::new(mdp, &policy).unwrap();
    let mut sampler = Sampler::new(mdp, &policy, SEED);
    let mut counter = EpisodeCounter::new(mdp);
    let mut episode = Episode::default();
    let mut out = Vec::new();
    for &n in checkpoints {
        while counter.total() < n {
            sampler.sample(&mut episode);
            counter.add(&episode);
        }
        out.push((n, counter.total_variation(&listing), counter.clone()));
    }
    out
}

#[test]
fn total_variation_shrinks_like_one_over_root_n() {
    for (id, theta) in [
        ("chain", vec![0.0; 8]),
        ("chain", vec![0.5, -0.5, 1.0, 0.0, -1.0, 1.0, 0.2, 0.3]),
        ("discount-trap", vec![0.0]),
        ("discount-trap", vec![1.2]),
    ] {
        let mdp = presets::load(id).unwrap();
        let policy = Policy::new(&mdp, &theta).unwrap();
        let listing = Enumeration::new(&mdp, &policy).unwrap();
        let runs = sampled(&mdp, &theta, &[1_000, 10_000, 100_000]);
        for (n, tv, counter) in &runs {
            assert_eq!(counter.other(), 0, "{id}: every episode is counted by name");
            let counts: u64 = counter.counts_for(&listing).iter().sum();
            assert_eq!(
                counts, *n,
                "{id}: every sampled episode is in the enumeration"
            );
            let bound = tv_bound(&listing, *n);
            assert!(
                *tv <= bound,
                "{id} θ={theta:?}: TV {tv} after {n} episodes, bound {bound}"
            );
        }
        let (first, last) = (runs[0].1, runs[2].1);
        assert!(last < first, "{id}: TV went from {first} to {last}");
    }
}

#[test]
fn counts_name_the_episodes() {
    let mdp = presets::load("discount-trap").unwrap();
    let policy = Policy::new(&mdp, &[0.0]).unwrap();
    let listing = Enumeration::new(&mdp, &policy).unwrap();
    let mut counter = EpisodeCounter::new(&mdp);
    assert_eq!(counter.total_variation(&listing), 1.0);
    // Each enumerated episode once: frequencies 1/18 against their probabilities.
    for e in listing.episodes() {
        counter.add(e);
        counter.add(e);
    }
    assert_eq!(counter.total(), 2 * listing.len() as u64);
    assert_eq!(counter.distinct(), listing.len());
    for e in listing.episodes() {
        assert_eq!(counter.count(e), 2);
    }
    let uniform = 1.0 / listing.len() as f64;
    let want: f64 = 0.5
        * listing
            .probabilities()
            .iter()
            .map(|p| (uniform - p).abs())
            .sum::<f64>();
    assert!((counter.total_variation(&listing) - want).abs() < 1e-12);
    // An episode that does not fit the MDP is counted, in the other bucket, and counts fully.
    let alien = Episode {
        states: vec![0, 40],
        actions: vec![0],
        rewards: vec![0.0],
    };
    counter.add(&alien);
    assert_eq!(counter.other(), 1);
    assert_eq!(counter.count(&alien), 0);
    let n = counter.total() as f64;
    let want: f64 = 0.5
        * (listing
            .probabilities()
            .iter()
            .map(|p| (2.0 / n - p).abs())
            .sum::<f64>()
            + 1.0 / n);
    assert!((counter.total_variation(&listing) - want).abs() < 1e-12);
}

#[test]
fn the_other_bucket_keeps_memory_bounded_and_only_raises_the_distance() {
    let mdp = presets::load("chain").unwrap();
    let policy = Policy::new(&mdp, mdp.theta()).unwrap();
    let listing = Enumeration::new(&mdp, &policy).unwrap();
    let mut sampler = Sampler::new(&mdp, &policy, SEED);
    let mut full = EpisodeCounter::new(&mdp);
    let mut small = EpisodeCounter::with_limit(&mdp, 50);
    let mut episode = Episode::default();
    for _ in 0..20_000 {
        sampler.sample(&mut episode);
        full.add(&episode);
        small.add(&episode);
    }
    assert!(full.distinct() > 50);
    assert_eq!(small.distinct(), 50);
    assert_eq!(small.total(), full.total());
    let named: u64 = small.counts_for(&listing).iter().sum();
    assert_eq!(named + small.other(), small.total());
    // The bucket's mass counts fully: an upper bound on the true distance.
    let (exact, bounded) = (
        full.total_variation(&listing),
        small.total_variation(&listing),
    );
    assert!(bounded >= exact, "{bounded} < {exact}");
}

/// Checks every split's frequencies against π(a|s) within MC_SIGMAS binomial standard errors.
fn assert_markov(what: &str, split: &ActionsByHistory, policy: &Policy, min_per_split: u64) {
    let s = split.state();
    for previous in 0..split.num_actions() {
        let n = split.total(previous);
        assert!(
            n >= min_per_split,
            "{what}: only {n} episodes after a{previous}"
        );
        for a in 0..split.num_actions() {
            let pi = policy.prob(s, a);
            let (f, _) = split.frequency(previous, a).unwrap();
            let stderr = (pi * (1.0 - pi) / n as f64).sqrt();
            assert!(
                (f - pi).abs() <= MC_SIGMAS * stderr,
                "{what}: after a{previous}, frequency {f} of a{a} vs π {pi} ({n} episodes)"
            );
        }
    }
}

#[test]
fn action_frequencies_do_not_depend_on_the_previous_action() {
    for (id, theta, state, time) in [
        // Both s0 actions lead to s1, so both splits are large.
        ("discount-trap", vec![0.7], 1, 1),
        (
            "chain",
            vec![0.5, -0.5, 1.0, 0.0, -1.0, 1.0, 0.2, 0.3],
            1,
            2,
        ),
        (
            "chain",
            vec![0.5, -0.5, 1.0, 0.0, -1.0, 1.0, 0.2, 0.3],
            0,
            3,
        ),
    ] {
        let mdp = presets::load(id).unwrap();
        let policy = Policy::new(&mdp, &theta).unwrap();
        let mut sampler = Sampler::new(&mdp, &policy, SEED);
        let mut counter = EpisodeCounter::new(&mdp);
        let mut direct = ActionsByHistory::new(&mdp, state, time).unwrap();
        let mut episode = Episode::default();
        for _ in 0..100_000 {
            sampler.sample(&mut episode);
            counter.add(&episode);
            direct.add(&episode);
        }
        let split = counter
            .action_frequencies_by_history(&mdp, state, time)
            .unwrap();
        // The two routes count the same episodes.
        assert_eq!(split, direct, "{id}");
        assert_eq!((split.state(), split.time()), (state, time));
        let what = format!("{id} s{state} t{time}");
        assert_markov(&what, &split, &policy, 1_000);
    }
}

#[test]
fn history_split_rejects_bad_places() {
    let mdp = presets::load("discount-trap").unwrap();
    let counter = EpisodeCounter::new(&mdp);
    for (state, time, path) in [
        (1, 0, "time"),
        (1, 5, "time"),
        (5, 1, "state"),
        (9, 1, "state"),
    ] {
        let err = counter
            .action_frequencies_by_history(&mdp, state, time)
            .unwrap_err();
        assert_eq!(err.path, path, "s{state} t{time}: {err}");
        assert!(ActionsByHistory::new(&mdp, state, time).is_err());
    }
    let empty = ActionsByHistory::new(&mdp, 1, 1).unwrap();
    assert_eq!(empty.frequency(0, 0), None);
    assert_eq!(empty.count(7, 0), 0);
}
