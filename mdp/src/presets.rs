//! The built-in MDPs (DESIGN §3.5), each built as an MDP file and loaded through the same
//! validation as a user's file.

use std::collections::BTreeMap;

use crate::{mdp_error, Mdp, MdpError, MdpSpec, Reward};

/// A built-in MDP: its id (used in URLs and by `pgx`), title and why it is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Id, e.g. `chain`.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What it shows, in a sentence.
    pub purpose: &'static str,
}

/// Every preset, in menu order.
pub const PRESETS: [Preset; 6] = [
    Preset {
        id: "bandit",
        title: "Three-armed bandit",
        purpose: "One state, one step: the log-derivative trick alone.",
    },
    Preset {
        id: "chain",
        title: "Slippery chain",
        purpose: "Four states in a row whose moves slip back; stochastic dynamics for the factorisation.",
    },
    Preset {
        id: "gridworld",
        title: "Windy 3×3 grid",
        purpose: "A goal, a pit and a wind that blows south: something to look at.",
    },
    Preset {
        id: "corridor",
        title: "Short corridor (Sutton & Barto, Example 13.1)",
        purpose: "Three aliased states, one shared feature pair: the optimum π(right) = 2−√2 gives J ≈ −11.66.",
    },
    Preset {
        id: "discount-trap",
        title: "Discount trap",
        purpose: "Dropping γ^t from the estimator drives the policy to the worst choice.",
    },
    Preset {
        id: "frozenlake-4x4",
        title: "FrozenLake 4×4 (slippery)",
        purpose: "Gymnasium's slippery lake, read from its transition table: J is the chance of reaching the goal.",
    },
];

/// The default preset.
pub const DEFAULT_PRESET: &str = "chain";

type Row<T> = BTreeMap<String, T>;

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn dist(entries: &[(&str, f64)]) -> Row<f64> {
    let mut row = Row::new();
    for &(s, p) in entries {
        *row.entry(s.to_string()).or_insert(0.0) += p;
    }
    row
}

/// A spec skeleton; callers fill transitions, rewards and features per state.
struct Builder {
    spec: MdpSpec,
}

impl Builder {
    fn new(name: &str, states: &[&str], actions: &[&str], start: &str, horizon: usize) -> Self {
        Builder {
            spec: MdpSpec {
                name: Some(name.to_string()),
                states: names(states),
                actions: names(actions),
                start: dist(&[(start, 1.0)]),
                terminal: Vec::new(),
                transitions: BTreeMap::new(),
                rewards: BTreeMap::new(),
                features: None,
                theta: None,
                gamma: None,
                horizon,
            },
        }
    }

    fn action(
        &mut self,
        s: &str,
        a: &str,
        reward: impl Into<Reward>,
        next: &[(&str, f64)],
    ) -> &mut Self {
        self.spec
            .transitions
            .entry(s.to_string())
            .or_default()
            .insert(a.to_string(), dist(next));
        self.spec
            .rewards
            .entry(s.to_string())
            .or_default()
            .insert(a.to_string(), reward.into());
        self
    }

    fn feature(&mut self, s: &str, a: &str, phi: &[f64]) -> &mut Self {
        self.spec
            .features
            .get_or_insert_with(BTreeMap::new)
            .entry(s.to_string())
            .or_default()
            .insert(a.to_string(), phi.to_vec());
        self
    }
}

fn bandit() -> MdpSpec {
    let mut b = Builder::new(
        "Three-armed bandit",
        &["s", "done"],
        &["a", "b", "c"],
        "s",
        1,
    );
    b.spec.terminal = names(&["done"]);
    for (arm, reward) in [("a", 1.0), ("b", 0.6), ("c", 0.2)] {
        b.action("s", arm, reward, &[("done", 1.0)]);
    }
    b.spec.gamma = Some(1.0);
    b.spec
}

/// Reward of every move in the chain.
const MOVE_COST: f64 = -0.05;

fn chain() -> MdpSpec {
    let states = ["s0", "s1", "s2", "s3", "end"];
    let mut b = Builder::new("Slippery chain", &states, &["left", "right"], "s0", 8);
    b.spec.terminal = names(&["end"]);
    // Moves succeed with probability 0.8 and slip the other way with 0.2; walls keep you in
    // place. Each move costs a little, so rewards arrive along the way and the reward-to-go
    // differs from the full return (step 7).
    for i in 0..3 {
        let here = states[i];
        let left = states[i.saturating_sub(1)];
        let right = states[i + 1];
        b.action(here, "right", MOVE_COST, &[(right, 0.8), (left, 0.2)]);
        b.action(here, "left", MOVE_COST, &[(left, 0.8), (right, 0.2)]);
    }
    // The last state pays out on either action and the episode ends.
    b.action("s3", "right", 1.0, &[("end", 1.0)]);
    b.action("s3", "left", 0.5, &[("end", 1.0)]);
    b.spec.gamma = Some(0.9);
    b.spec
}

fn gridworld() -> MdpSpec {
    const SIZE: usize = 3;
    let cell = |r: usize, c: usize| format!("r{r}c{c}");
    let mut states: Vec<String> = (0..SIZE * SIZE).map(|i| cell(i / SIZE, i % SIZE)).collect();
    states.push("exit".to_string());
    let state_refs: Vec<&str> = states.iter().map(String::as_str).collect();
    let actions = ["up", "down", "left", "right"];
    let mut b = Builder::new("Windy 3×3 grid", &state_refs, &actions, "r2c0", 12);
    b.spec.terminal = names(&["exit"]);
    let goal = (0, 2);
    let pit = (1, 1);
    for r in 0..SIZE {
        for c in 0..SIZE {
            let here = cell(r, c);
            if (r, c) == goal || (r, c) == pit {
                // Goal and pit pay on leaving, whatever the action, so rewards stay R(s,a).
                let reward = if (r, c) == goal { 1.0 } else { -1.0 };
                for a in actions {
                    b.action(&here, a, reward, &[("exit", 1.0)]);
                }
                continue;
            }
            let clamp = |r: isize, c: isize| {
                let r = r.clamp(0, SIZE as isize - 1) as usize;
                let c = c.clamp(0, SIZE as isize - 1) as usize;
                cell(r, c)
            };
            let (ri, ci) = (r as isize, c as isize);
            let south = clamp(ri + 1, ci);
            for (a, (dr, dc)) in actions.iter().zip([(-1, 0), (1, 0), (0, -1), (0, 1)]) {
                let target = clamp(ri + dr, ci + dc);
                // The wind blows one cell south one time in five.
                b.action(&here, a, -0.04, &[(&target, 0.8), (&south, 0.2)]);
            }
        }
    }
    b.spec.gamma = Some(0.95);
    b.spec
}

fn corridor() -> MdpSpec {
    let mut b = Builder::new(
        "Short corridor (Sutton & Barto, Example 13.1)",
        &["s1", "s2", "s3", "goal"],
        &["left", "right"],
        "s1",
        crate::limits::MAX_HORIZON,
    );
    b.spec.terminal = names(&["goal"]);
    b.action("s1", "left", -1.0, &[("s1", 1.0)])
        .action("s1", "right", -1.0, &[("s2", 1.0)])
        // The second state is reversed: right goes back, left goes on.
        .action("s2", "left", -1.0, &[("s3", 1.0)])
        .action("s2", "right", -1.0, &[("s1", 1.0)])
        .action("s3", "left", -1.0, &[("s2", 1.0)])
        .action("s3", "right", -1.0, &[("goal", 1.0)]);
    for s in ["s1", "s2", "s3"] {
        b.feature(s, "right", &[1.0, 0.0])
            .feature(s, "left", &[0.0, 1.0]);
    }
    b.spec.gamma = Some(1.0);
    b.spec
}

fn discount_trap() -> MdpSpec {
    let mut b = Builder::new(
        "Discount trap",
        &["s0", "s1", "c1", "c2", "c3", "end"],
        &["L", "R"],
        "s0",
        5,
    );
    b.spec.terminal = names(&["end"]);
    b.action("s0", "L", 0.0, &[("s1", 1.0)])
        .action("s0", "R", 1.0, &[("s1", 1.0)])
        .action("s1", "L", 2.5, &[("end", 1.0)])
        .action("s1", "R", 0.0, &[("c1", 1.0)]);
    for (here, next) in [("c1", "c2"), ("c2", "c3")] {
        b.action(here, "L", 0.0, &[(next, 1.0)])
            .action(here, "R", 0.0, &[(next, 1.0)]);
    }
    b.action("c3", "L", 8.0, &[("end", 1.0)])
        .action("c3", "R", 8.0, &[("end", 1.0)]);
    // One shared parameter: p = π(R) = σ(θ) in every state.
    for s in ["s0", "s1", "c1", "c2", "c3"] {
        b.feature(s, "R", &[1.0]).feature(s, "L", &[0.0]);
    }
    b.spec.gamma = Some(0.5);
    b.spec
}

/// FrozenLake 4×4 (slippery), from Gymnasium's published dynamics: cells row by row, the
/// move taken is the chosen one or either perpendicular one with probability 1/3 each (walls
/// keep the agent in place), entering the goal pays 1, holes and the goal end the episode,
/// and the time limit is 100 steps. It reads exactly as its Gymnasium table,
/// docs/frozenlake-4x4.json (a test checks).
fn frozenlake() -> MdpSpec {
    const MAP: [&[u8; 4]; 4] = [b"SFFF", b"FHFH", b"FFFH", b"HFFG"];
    let cell = |s: usize| MAP[s / 4][s % 4];
    let states: Vec<String> = (0..16).map(|s| format!("r{}c{}", s / 4, s % 4)).collect();
    let state_refs: Vec<&str> = states.iter().map(String::as_str).collect();
    let actions = ["left", "down", "right", "up"];
    let mut b = Builder::new(
        "FrozenLake 4×4 (slippery)",
        &state_refs,
        &actions,
        "r0c0",
        100,
    );
    b.spec.terminal = (0..16)
        .filter(|&s| matches!(cell(s), b'H' | b'G'))
        .map(|s| states[s].clone())
        .collect();
    let step = |s: usize, direction: usize| {
        let (r, c) = (s / 4, s % 4);
        let (r, c) = match direction {
            0 => (r, c.saturating_sub(1)),
            1 => ((r + 1).min(3), c),
            2 => (r, (c + 1).min(3)),
            _ => (r.saturating_sub(1), c),
        };
        r * 4 + c
    };
    for s in (0..16).filter(|&s| cell(s) == b'F' || cell(s) == b'S') {
        for (a, action) in actions.iter().enumerate() {
            let next: Vec<usize> = [(a + 3) % 4, a, (a + 1) % 4].map(|d| step(s, d)).to_vec();
            let moves: Vec<(&str, f64)> =
                next.iter().map(|&t| (state_refs[t], 1.0 / 3.0)).collect();
            let pays = |t: usize| if cell(t) == b'G' { 1.0 } else { 0.0 };
            let reward = if next.iter().any(|&t| pays(t) != pays(next[0])) {
                let mut by_next = Row::new();
                for &t in &next {
                    by_next.insert(states[t].clone(), pays(t));
                }
                Reward::ByNext(by_next)
            } else {
                Reward::Expected(pays(next[0]))
            };
            b.action(&states[s], action, reward, &moves);
        }
    }
    b.spec.gamma = Some(1.0);
    b.spec
}

/// The MDP file of a preset, or `None` for an unknown id.
pub fn spec(id: &str) -> Option<MdpSpec> {
    Some(match id {
        "bandit" => bandit(),
        "chain" => chain(),
        "gridworld" => gridworld(),
        "corridor" => corridor(),
        "discount-trap" => discount_trap(),
        "frozenlake-4x4" => frozenlake(),
        _ => return None,
    })
}

/// Loads a preset by id.
pub fn load(id: &str) -> Result<Mdp, MdpError> {
    let spec = spec(id).ok_or_else(|| {
        let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
        mdp_error!(
            "mdp",
            "mdp-error-unknown-preset",
            "unknown preset '{id}'; choose one of {ids}",
            id = id,
            ids = ids.join(", "),
        )
    })?;
    Mdp::from_spec(&spec)
}
