//! Shared test helpers: tolerances in one place and a generator of small random MDPs.

#![allow(dead_code)]

use pg_core::exact::{count_episodes, ENUMERATION_LIMIT, ENUMERATION_STEP_LIMIT};
use pg_core::mdp::{Mdp, MdpSpec, Reward};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Agreement demanded between exact routes (DP, enumeration, finite differences).
pub const EXACT_TOLERANCE: f64 = 1e-9;
/// Monte Carlo estimates must lie within this many standard errors of the exact value.
pub const MC_SIGMAS: f64 = 5.0;

/// Asserts |a − b| ≤ tol · max(1, |b|), componentwise, with a message naming `what`.
pub fn assert_close(what: &str, a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len(), "{what}: lengths differ");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let scale = y.abs().max(1.0);
        assert!(
            (x - y).abs() <= tol * scale,
            "{what}[{i}]: {x} vs {y} (difference {})",
            (x - y).abs()
        );
    }
}

/// Asserts each component of a Monte Carlo mean lies within MC_SIGMAS standard errors of `exact`.
pub fn assert_within_stderr(what: &str, mean: &[f64], stderr: &[f64], exact: &[f64]) {
    for i in 0..exact.len() {
        let gap = (mean[i] - exact[i]).abs();
        // A component with no spread must be exact up to rounding.
        let allowed = MC_SIGMAS * stderr[i] + 1e-9 * exact[i].abs().max(1.0);
        assert!(
            gap <= allowed,
            "{what}[{i}]: estimate {} ± {} vs exact {} ({:.2} standard errors)",
            mean[i],
            stderr[i],
            exact[i],
            gap / stderr[i]
        );
    }
}

fn distribution(weights: &[f64], names: &[String]) -> BTreeMap<String, f64> {
    let total: f64 = weights.iter().sum();
    let mut out = BTreeMap::new();
    for (w, n) in weights.iter().zip(names) {
        if *w > 0.0 {
            out.insert(n.clone(), w / total);
        }
    }
    out
}

/// Small random MDPs (2–5 states, 1–3 actions, H 1–4) with terminal and truncated episodes,
/// tabular or feature policies, rewards R(s,a) or r(s,a,s′), and random θ; small enough to enumerate (the horizon is
/// shortened where the episodes would pass the enumeration limits).
pub fn small_mdp() -> impl Strategy<Value = (Mdp, Vec<f64>)> {
    (
        2usize..=5,
        1usize..=3,
        1usize..=4,
        0usize..=2,
        prop::option::of(1usize..=3),
    )
        .prop_flat_map(|(n_states, n_actions, horizon, n_terminal, feature_dim)| {
            let n_terminal = n_terminal.min(n_states - 1);
            let live = n_states - n_terminal;
            let cells = live * n_actions;
            (
                Just((n_states, n_actions, horizon, n_terminal, feature_dim)),
                prop::collection::vec(prop::collection::vec(0.0f64..1.0, n_states), cells),
                prop::collection::vec(-1.0f64..1.0, cells),
                prop::collection::vec(
                    prop::collection::vec(-1.0f64..1.0, feature_dim.unwrap_or(1)),
                    cells,
                ),
                prop::collection::vec(0.05f64..1.0, live),
                prop::collection::vec(-3.0f64..3.0, feature_dim.unwrap_or(live * n_actions)),
                // Knock out transitions to get zeros in the dynamics.
                prop::collection::vec(prop::bool::weighted(0.3), cells * n_states),
                // Half the MDPs pay r(s,a,s′) that depend on the next state.
                prop::option::of(prop::collection::vec(-1.0f64..1.0, cells * n_states)),
            )
        })
        .prop_map(
            |(
                (n_states, n_actions, horizon, n_terminal, feature_dim),
                trans,
                rew,
                feats,
                start,
                theta,
                knock,
                by_next,
            )| {
                let states: Vec<String> = (0..n_states).map(|i| format!("s{i}")).collect();
                let actions: Vec<String> = (0..n_actions).map(|i| format!("a{i}")).collect();
                let live = n_states - n_terminal;
                let mut transitions = BTreeMap::new();
                let mut rewards = BTreeMap::new();
                let mut features = BTreeMap::new();
                for s in 0..live {
                    let mut trow = BTreeMap::new();
                    let mut rrow = BTreeMap::new();
                    let mut frow = BTreeMap::new();
                    for (a, action) in actions.iter().enumerate() {
                        let cell = s * n_actions + a;
                        let mut w = trans[cell].clone();
                        for (k, wk) in w.iter_mut().enumerate() {
                            if knock[cell * n_states + k] {
                                *wk = 0.0;
                            }
                        }
                        if w.iter().all(|&x| x <= 0.0) {
                            w[cell % n_states] = 1.0;
                        }
                        trow.insert(action.clone(), distribution(&w, &states));
                        let reward = match &by_next {
                            None => Reward::Expected(rew[cell]),
                            Some(spread) => Reward::ByNext(
                                (0..n_states)
                                    .filter(|&k| w[k] > 0.0)
                                    .map(|k| {
                                        (states[k].clone(), rew[cell] + spread[cell * n_states + k])
                                    })
                                    .collect(),
                            ),
                        };
                        rrow.insert(action.clone(), reward);
                        frow.insert(action.clone(), feats[cell].clone());
                    }
                    transitions.insert(states[s].clone(), trow);
                    rewards.insert(states[s].clone(), rrow);
                    features.insert(states[s].clone(), frow);
                }
                let mut spec = MdpSpec {
                    name: Some("random".into()),
                    start: distribution(&start, &states[..live]),
                    terminal: states[live..].to_vec(),
                    states,
                    actions,
                    transitions,
                    rewards,
                    features: feature_dim.map(|_| features),
                    theta: None,
                    gamma: None,
                    horizon,
                };
                // Five dense states with three actions branch into up to 5·15⁴ episodes at
                // H = 4, past the enumeration limit: shorten the horizon until they fit.
                loop {
                    let mdp = Mdp::from_spec(&spec).expect("generated MDPs are valid");
                    let (episodes, steps) = count_episodes(&mdp);
                    if (episodes <= ENUMERATION_LIMIT && steps <= ENUMERATION_STEP_LIMIT)
                        || spec.horizon == 1
                    {
                        break (mdp, theta);
                    }
                    spec.horizon -= 1;
                }
            },
        )
}
