//! The sampling kernel of DESIGN §6, for the throughput benchmark (`make bench`).
//!
//! [`sample_steps`] does exactly what `core/benches/sampling.rs` times: a fresh
//! [`Simulation`] of a preset at its default θ, `episodes` episodes sampled and added to the
//! γ-polynomial statistics of G₀ and of the four estimators. Built natively
//! (`examples/native.rs`) and as WebAssembly (timed in headless Chromium by `bench/run.mjs`).
//! [`mdp_tables`] hands the JavaScript kernel (`bench/web/js-kernel.js`) the same tabulated
//! MDP, policy, scores and baseline profile, so both kernels do the same work.

use pg_core::exact::RewardProfile;
use pg_core::{presets, Policy, Simulation};
use serde_json::json;
use wasm_bindgen::prelude::*;

/// A bench fixture beside the presets (DESIGN §6): every episode runs the full horizon of
/// 500 steps (no terminal state), with a tabular policy of 12 parameters and rewards that
/// differ by state and action, so nothing about it is cheap but its size.
pub const LONG_500: &str = include_str!("../../../core/tests/fixtures/long-500.json");

/// The preset `id`, or the [`LONG_500`] fixture for `long-500`.
pub fn load(id: &str) -> Result<pg_core::Mdp, String> {
    if id == "long-500" {
        pg_core::Mdp::from_json(LONG_500).map_err(|e| e.to_string())
    } else {
        presets::load(id).map_err(|e| e.to_string())
    }
}

/// Samples `episodes` episodes of preset `preset` (or `long-500`; default θ, random stream
/// `seed`) into a fresh simulation and returns the number of environment steps taken.
pub fn run(preset: &str, episodes: u64, seed: u64) -> Result<u64, String> {
    let mdp = load(preset)?;
    let mut simulation = Simulation::new(&mdp, mdp.theta(), seed).map_err(|e| e.to_string())?;
    simulation.run(episodes);
    Ok(simulation.steps())
}

/// [`run`] for JavaScript: the number of environment steps taken, as a number.
#[wasm_bindgen]
pub fn sample_steps(preset: &str, episodes: u32, seed: u64) -> Result<f64, JsError> {
    run(preset, u64::from(episodes), seed)
        .map(|steps| steps as f64)
        .map_err(|e| JsError::new(&e))
}

/// The tables the JavaScript kernel needs, as JSON: sizes, start / policy / dynamics
/// distributions (entries with positive probability, in order), rewards, terminal flags,
/// scores ∇ln π(a|s) (state-major, then action, then parameter) and the baseline profile
/// v_j(s) (row j of `n_states` entries, `profile_len` rows).
pub fn tables(preset: &str) -> Result<String, String> {
    let mdp = load(preset)?;
    let policy = Policy::new(&mdp, mdp.theta()).map_err(|e| e.to_string())?;
    let profile = RewardProfile::new(&mdp, &policy);
    let (n, m, d) = (mdp.num_states(), mdp.num_actions(), mdp.dim());
    let positive = |it: Vec<(usize, f64)>| -> Vec<(usize, f64)> {
        it.into_iter().filter(|&(_, p)| p > 0.0).collect()
    };
    let start = positive(mdp.start().iter().copied().enumerate().collect());
    let policy_rows: Vec<_> = (0..n)
        .map(|s| positive(policy.probs(s).iter().copied().enumerate().collect()))
        .collect();
    let mut dynamics = Vec::new();
    let mut rewards = Vec::new();
    let mut scores = Vec::new();
    for s in 0..n {
        for a in 0..m {
            dynamics.push(positive(mdp.successors(s, a).to_vec()));
            rewards.push(mdp.reward(s, a));
            scores.extend_from_slice(policy.score(s, a));
        }
    }
    let mut profile_rows = Vec::new();
    for j in 0..profile.len() {
        for s in 0..n {
            profile_rows.push(profile.get(j, s));
        }
    }
    Ok(json!({
        "preset": preset,
        "n_states": n,
        "n_actions": m,
        "dim": d,
        "horizon": mdp.horizon(),
        "start": start,
        "policy": policy_rows,
        "dynamics": dynamics,
        "rewards": rewards,
        "terminal": (0..n).map(|s| mdp.is_terminal(s)).collect::<Vec<_>>(),
        "scores": scores,
        "profile_len": profile.len(),
        "profile": profile_rows,
    })
    .to_string())
}

/// [`tables`] for JavaScript.
#[wasm_bindgen]
pub fn mdp_tables(preset: &str) -> Result<String, JsError> {
    tables(preset).map_err(|e| JsError::new(&e))
}
