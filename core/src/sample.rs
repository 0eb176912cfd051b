//! Episode sampling with a portable seeded generator (xoshiro256++), so a seed gives the same
//! episodes natively and in the browser. xoshiro256++ needs only 64-bit shifts, rotations and
//! additions; PCG's 128-bit multiply is a library call in WebAssembly.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::blocks::{block_seed, Blocks};
use crate::mdp::Mdp;
use crate::policy::Policy;

/// One episode: s₀, a₀, R₀, s₁, …, a_{T−1}, R_{T−1}, s_T.
///
/// `states` has one entry more than `actions`: the state where the episode ended
/// (terminal, or where the horizon cut it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Episode {
    /// s₀ … s_T.
    pub states: Vec<usize>,
    /// a₀ … a_{T−1}.
    pub actions: Vec<usize>,
    /// R₀ … R_{T−1}.
    pub rewards: Vec<f64>,
}

impl Episode {
    /// T, the number of actions taken.
    pub fn len(&self) -> usize {
        self.actions.len()
    }

    /// Whether no action was taken (never, for a sampled episode).
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Empties the episode, keeping its buffers.
    pub fn clear(&mut self) {
        self.states.clear();
        self.actions.clear();
        self.rewards.clear();
    }
}

/// A cumulative distribution over indices with positive probability.
type Cdf = Vec<(usize, f64)>;

fn cdf(weights: impl IntoIterator<Item = (usize, f64)>) -> Cdf {
    let mut total = 0.0;
    weights
        .into_iter()
        .filter(|&(_, p)| p > 0.0)
        .map(|(i, p)| {
            total += p;
            (i, total)
        })
        .collect()
}

/// Draws from a cumulative distribution with a uniform `u` in [0, 1); rounding that leaves the
/// last cumulative weight just below `u` falls to the last entry.
fn draw(cdf: &[(usize, f64)], u: f64) -> usize {
    cdf.iter()
        .find(|&&(_, c)| u < c)
        .or(cdf.last())
        .map_or(0, |&(i, _)| i)
}

/// Samples episodes of one MDP under one fixed policy.
#[derive(Clone, Debug)]
pub struct Sampler {
    rng: Xoshiro256PlusPlus,
    start: Cdf,
    policy: Vec<Cdf>,
    /// Per (s, a): a distribution over the positions in `outcomes`.
    dynamics: Vec<Cdf>,
    /// Per (s, a): (s′, r(s,a,s′)) for each successor.
    outcomes: Vec<Vec<(usize, f64)>>,
    terminal: Vec<bool>,
    n_actions: usize,
    horizon: usize,
}

impl Sampler {
    /// A sampler whose random stream is fixed by `seed`.
    pub fn new(mdp: &Mdp, policy: &Policy, seed: u64) -> Sampler {
        let n_states = mdp.num_states();
        let n_actions = mdp.num_actions();
        let mut dynamics = Vec::with_capacity(n_states * n_actions);
        let mut outcomes = Vec::with_capacity(n_states * n_actions);
        for s in 0..n_states {
            for a in 0..n_actions {
                let successors = mdp.successors(s, a);
                dynamics.push(cdf(successors
                    .iter()
                    .enumerate()
                    .map(|(k, &(_, p))| (k, p))));
                outcomes.push(
                    successors
                        .iter()
                        .zip(mdp.transition_rewards(s, a))
                        .map(|(&(t, _), &r)| (t, r))
                        .collect(),
                );
            }
        }
        Sampler {
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            start: cdf(mdp.start().iter().copied().enumerate()),
            policy: (0..n_states)
                .map(|s| cdf(policy.probs(s).iter().copied().enumerate()))
                .collect(),
            dynamics,
            outcomes,
            terminal: (0..n_states).map(|s| mdp.is_terminal(s)).collect(),
            n_actions,
            horizon: mdp.horizon(),
        }
    }

    /// Restarts the random stream from `seed`, as [`Sampler::new`] with that seed would.
    pub fn reseed(&mut self, seed: u64) {
        self.rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    }

    /// Samples one episode into `episode` (its buffers are reused).
    pub fn sample(&mut self, episode: &mut Episode) {
        episode.clear();
        let mut s = draw(&self.start, self.rng.random::<f64>());
        episode.states.push(s);
        for t in 0..self.horizon {
            let a = draw(&self.policy[s], self.rng.random::<f64>());
            let i = s * self.n_actions + a;
            let k = draw(&self.dynamics[i], self.rng.random::<f64>());
            let (next, reward) = self.outcomes[i].get(k).copied().unwrap_or((s, 0.0));
            episode.actions.push(a);
            episode.rewards.push(reward);
            episode.states.push(next);
            if self.terminal[next] || t + 1 == self.horizon {
                break;
            }
            s = next;
        }
    }
}

/// The first `n` episodes of the run seeded `seed`, in order: block by block, each from its
/// own generator (the rules of [`crate::blocks`]), as every [`crate::Simulation`] of that seed
/// samples them.
pub fn first_episodes(mdp: &Mdp, policy: &Policy, seed: u64, n: usize) -> Vec<Episode> {
    first_episodes_within(mdp, policy, seed, n, usize::MAX)
}

/// As [`first_episodes`], but stops after the episode that brings the environment steps
/// drawn to `max_steps` or more: at most `n` episodes, and about `max_steps` steps (plus one
/// episode) of memory and work however long the episodes are.
pub fn first_episodes_within(
    mdp: &Mdp,
    policy: &Policy,
    seed: u64,
    n: usize,
    max_steps: usize,
) -> Vec<Episode> {
    let blocks = Blocks::for_horizon(mdp.horizon());
    let mut sampler = Sampler::new(mdp, policy, seed);
    let mut out = Vec::with_capacity(n.min(max_steps));
    let mut steps = 0usize;
    for i in 0..n as u64 {
        if steps >= max_steps {
            break;
        }
        let block = blocks.index_of(i);
        if blocks.range(block).start == i {
            sampler.reseed(block_seed(seed, block));
        }
        let mut episode = Episode::default();
        sampler.sample(&mut episode);
        steps += episode.len();
        out.push(episode);
    }
    out
}
