//! The convergence history of a simulation (snapshots at n = 1, 2, 5, 10, …, readable at any γ)
//! and the angle between two gradient directions.

mod common;

use pg_core::exact::dynamic_programming;
use pg_core::{angle_degrees, presets, Estimator, Simulation};

#[test]
fn snapshots_equal_a_fresh_run_of_that_many_episodes() {
    let mdp = presets::load("chain").unwrap();
    let seed = 5;
    let mut simulation = Simulation::new(&mdp, mdp.theta(), seed).unwrap();
    simulation.run(5_000);
    let history = simulation.history(None, 0.9);
    let counts: Vec<u64> = history.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        counts,
        [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    );
    // 5 000 is a checkpoint: the last snapshot is the current estimate, at every γ.
    for gamma in [0.0, 0.5, 0.9, 1.0] {
        let (n, last) = simulation.history(None, gamma).pop().unwrap();
        assert_eq!(n, 5_000);
        assert_eq!(last, simulation.objective(gamma));
        for e in Estimator::ALL {
            let (_, last) = simulation.history(Some(e), gamma).pop().unwrap();
            assert_eq!(
                last,
                simulation.estimate(e, gamma),
                "{} at γ {gamma}",
                e.id()
            );
        }
    }
    // Every snapshot equals a fresh simulation stopped after exactly n episodes.
    for &n in &[1u64, 2, 50, 1000] {
        let mut fresh = Simulation::new(&mdp, mdp.theta(), seed).unwrap();
        fresh.run(n);
        for gamma in [0.3, 1.0] {
            let at = |e: Option<Estimator>| {
                simulation
                    .history(e, gamma)
                    .into_iter()
                    .find(|(m, _)| *m == n)
                    .unwrap()
                    .1
            };
            assert_eq!(at(None), fresh.objective(gamma), "J at n = {n}");
            for e in Estimator::ALL {
                assert_eq!(
                    at(Some(e)),
                    fresh.estimate(e, gamma),
                    "{} at n = {n}",
                    e.id()
                );
            }
        }
    }
    // Between checkpoints the history does not move.
    simulation.run(10);
    assert_eq!(simulation.history(None, 0.9).len(), 12);
}

#[test]
fn a_million_episodes_leave_at_most_twenty_snapshots() {
    let mdp = presets::load("bandit").unwrap();
    let mut simulation = Simulation::new(&mdp, mdp.theta(), 9).unwrap();
    assert!(simulation.history(None, 1.0).is_empty());
    simulation.run(1_000_000);
    let history = simulation.history(Some(Estimator::RewardToGo), 1.0);
    assert!(history.len() <= 20, "{} snapshots", history.len());
    assert_eq!(history.len(), 19);
    assert_eq!(history.last().unwrap().0, 1_000_000);
    assert!(history.windows(2).all(|w| w[0].0 < w[1].0));
    // The estimates converge: the last one is within five standard errors of ∇J.
    let exact = dynamic_programming(&mdp, mdp.theta(), 1.0).unwrap().grad;
    let last = &history.last().unwrap().1;
    common::assert_within_stderr("∇J", &last.mean, &last.stderr, &exact);
}

#[test]
fn the_angle_between_directions() {
    let close = |a: Option<f64>, want: f64| {
        let a = a.expect("an angle");
        assert!((a - want).abs() <= 1e-12 * want.max(1.0), "{a} vs {want}");
    };
    close(angle_degrees(&[1.0, 0.0], &[0.0, 2.0]), 90.0);
    close(angle_degrees(&[1.0, 0.0], &[-3.0, 0.0]), 180.0);
    close(angle_degrees(&[2.0, 2.0], &[5.0, 0.0]), 45.0);
    close(angle_degrees(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), 0.0);
    // Accurate near 0°, where acos of the cosine returns exactly 0.
    close(
        angle_degrees(&[1.0, 1e-10], &[1.0, 0.0]),
        1e-10f64.to_degrees(),
    );
    // No overflow in the norms.
    close(angle_degrees(&[1e300, 1e300], &[1e300, 0.0]), 45.0);
    assert_eq!(angle_degrees(&[0.0, 0.0], &[1.0, 0.0]), None);
    assert_eq!(angle_degrees(&[1e-15], &[1.0]), None);
    assert_eq!(angle_degrees(&[1.0], &[1.0, 0.0]), None);
    assert_eq!(angle_degrees(&[f64::NAN], &[1.0]), None);
    assert_eq!(angle_degrees(&[], &[]), None);
    // Step 9 on discount-trap: the direction without γ^t points against ∇J.
    let mdp = presets::load("discount-trap").unwrap();
    let dp = dynamic_programming(&mdp, &[0.0], 0.5).unwrap();
    close(angle_degrees(&dp.grad, &dp.no_discount_weight), 180.0);
    let corridor = presets::load("corridor").unwrap();
    let dp = dynamic_programming(&corridor, &[0.3, -0.2], 0.9).unwrap();
    let angle = angle_degrees(&dp.grad, &dp.no_discount_weight).unwrap();
    assert!(angle > 0.0 && angle < 180.0, "{angle}");
}

#[test]
fn large_mdps_drop_the_earliest_snapshots_to_stay_within_the_budget() {
    use pg_core::mdp::MdpSpec;
    use pg_core::stats::HISTORY_BUDGET;
    use std::collections::BTreeMap;
    // 32 states × 8 actions (d = 256), rewards on every step and no end before H = 100: each
    // snapshot holds about 3·H·d numbers per estimator, so a handful fill the budget.
    let states: Vec<String> = (0..32).map(|i| format!("s{i}")).collect();
    let actions: Vec<String> = (0..8).map(|i| format!("a{i}")).collect();
    let mut transitions = BTreeMap::new();
    let mut rewards = BTreeMap::new();
    for (i, s) in states.iter().enumerate() {
        let next = &states[(i + 1) % states.len()];
        transitions.insert(
            s.clone(),
            actions
                .iter()
                .map(|a| (a.clone(), BTreeMap::from([(next.clone(), 1.0)])))
                .collect(),
        );
        // Rewards that depend on the action, so no estimator is zero (not even the baseline's).
        let paid = actions
            .iter()
            .enumerate()
            .map(|(k, a)| (a.clone(), pg_core::mdp::Reward::from(k as f64)));
        rewards.insert(s.clone(), paid.collect());
    }
    let spec = MdpSpec {
        name: Some("wide".into()),
        start: BTreeMap::from([(states[0].clone(), 1.0)]),
        states,
        actions,
        terminal: Vec::new(),
        transitions,
        rewards,
        features: None,
        theta: None,
        gamma: None,
        horizon: 100,
    };
    let mdp = pg_core::Mdp::from_spec(&spec).unwrap();
    assert_eq!(mdp.dim(), 256);
    // Every episode is 100 steps long, so its squares go on the grid: a snapshot holds, of
    // three estimators, the sums (H rows) and the squares at 101 grid points, and of the
    // baseline the squares (its sums are kept by time and state), d = 256 entries each.
    const { assert!(100 > pg_core::stats::EXACT_ROWS) };
    let per_snapshot = (3 * (100 + 101) + 101) * 256;
    assert!(HISTORY_BUDGET / per_snapshot < 12);
    let mut simulation = Simulation::new(&mdp, mdp.theta(), 1).unwrap();
    simulation.run(5000);
    let history = simulation.history(Some(Estimator::Baseline), 0.9);
    assert!(history.len() <= HISTORY_BUDGET / per_snapshot);
    assert!(history[0].0 > 1, "the earliest snapshots were dropped");
    let (n, last) = history.last().unwrap();
    assert_eq!(*n, 5000);
    assert_eq!(*last, simulation.estimate(Estimator::Baseline, 0.9));

    // Snapshots of the one component a page shows keep every checkpoint, with the numbers
    // of the full history at that component, bit for bit, where both have them.
    let mut one = Simulation::new(&mdp, mdp.theta(), 1).unwrap();
    one.keep_history_of(17);
    one.run(5000);
    for e in [None, Some(Estimator::Baseline), Some(Estimator::Trajectory)] {
        let i = if e.is_some() { 17 } else { 0 };
        let kept = one.component_history(e, 0.9, i);
        let counts: Vec<u64> = kept.iter().map(|c| c.count).collect();
        assert_eq!(
            counts,
            [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        );
        let full = simulation.component_history(e, 0.9, i);
        for (k, f) in kept.iter().rev().zip(full.iter().rev()) {
            assert_eq!(
                (k.mean.to_bits(), k.stderr.to_bits(), k.count),
                (f.mean.to_bits(), f.stderr.to_bits(), f.count)
            );
        }
    }
    assert!(one
        .component_history(Some(Estimator::Baseline), 0.9, 3)
        .is_empty());
}

/// A simulation that keeps one component's history gives, for it, the numbers of one that
/// keeps everything, bit for bit, on every preset (grid squares and the baseline included).
#[test]
fn a_history_of_one_component_equals_the_full_one() {
    for id in ["chain", "gridworld", "corridor", "bandit", "frozenlake-4x4"] {
        let mdp = presets::load(id).unwrap();
        let mut full = Simulation::new(&mdp, mdp.theta(), 4).unwrap();
        full.run(2_000);
        for i in 0..mdp.dim() {
            let mut one = Simulation::new(&mdp, mdp.theta(), 4).unwrap();
            one.keep_history_of(i);
            one.run(2_000);
            for gamma in [0.0, 0.437, 1.0] {
                for e in std::iter::once(None).chain(Estimator::ALL.map(Some)) {
                    let what = format!("{id}, {e:?}, γ {gamma}, component {i}");
                    let a = one.component_history(e, gamma, if e.is_some() { i } else { 0 });
                    let b = full.component_history(e, gamma, if e.is_some() { i } else { 0 });
                    assert_eq!(a.len(), b.len(), "{what}");
                    for (x, y) in a.iter().zip(&b) {
                        assert_eq!(x.count, y.count, "{what}");
                        assert_eq!(x.mean.to_bits(), y.mean.to_bits(), "{what} at {}", x.count);
                        assert_eq!(
                            x.stderr.to_bits(),
                            y.stderr.to_bits(),
                            "{what} at {}",
                            x.count
                        );
                    }
                }
            }
        }
    }
}

/// A chart of one component reads it alone: the same numbers, bit for bit, as the full
/// vectors, at exact and grid γs, for the baseline's separately kept term, and for episodes
/// long enough (the corridor's) that their squares live on the γ grid.
#[test]
fn one_component_reads_equal_the_full_vectors_bit_for_bit() {
    for id in ["chain", "gridworld", "corridor", "bandit"] {
        let mdp = presets::load(id).unwrap();
        let mut simulation = Simulation::new(&mdp, mdp.theta(), 11).unwrap();
        simulation.run(3_000);
        for gamma in [0.0, 0.437, 0.9, 1.0] {
            let estimators = std::iter::once(None).chain(Estimator::ALL.map(Some));
            for e in estimators {
                let full = match e {
                    None => simulation.objective(gamma),
                    Some(e) => simulation.estimate(e, gamma),
                };
                let history = simulation.history(e, gamma);
                for i in 0..full.mean.len() {
                    let what = format!("{id}, {e:?}, γ {gamma}, component {i}");
                    let one = simulation.component_estimate(e, gamma, i);
                    assert_eq!(one.mean.to_bits(), full.mean[i].to_bits(), "{what}");
                    assert_eq!(one.stderr.to_bits(), full.stderr[i].to_bits(), "{what}");
                    assert_eq!(one.count, full.count, "{what}");
                    let ones = simulation.component_history(e, gamma, i);
                    assert_eq!(ones.len(), history.len(), "{what}");
                    for (one, (n, full)) in ones.iter().zip(&history) {
                        assert_eq!(one.count, *n, "{what}");
                        assert_eq!(one.mean.to_bits(), full.mean[i].to_bits(), "{what} at {n}");
                        assert_eq!(
                            one.stderr.to_bits(),
                            full.stderr[i].to_bits(),
                            "{what} at {n}"
                        );
                    }
                }
            }
        }
    }
}
