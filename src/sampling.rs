//! The sampling loop: episodes are drawn in short chunks, one chunk per animation frame,
//! sized so a chunk takes a few milliseconds; the page never waits on a long task. A
//! change of MDP, θ or seed starts a fresh simulation and cancels the stale loop; γ needs
//! no resampling (the statistics are polynomials in γ).

use std::rc::Rc;

use leptos::prelude::*;
use pg_core::cross_terms::CrossTermSums;
use pg_core::exact::Enumeration;
use pg_core::frequencies::EpisodeCounter;
use pg_core::{Mdp, Policy, Simulation};

/// Work per frame the loop aims for, in milliseconds: well inside a 16 ms frame.
const FRAME_BUDGET_MS: f64 = 6.0;
/// Episodes in the first chunk, before the loop has measured anything.
const FIRST_CHUNK: u64 = 64;
/// Largest chunk, whatever the measurements say.
const MAX_CHUNK: u64 = 1 << 20;

/// The next chunk size: scaled towards the frame budget, never more than doubling or
/// less than halving at once (timers are coarse and frames are noisy).
pub fn next_chunk(chunk: u64, elapsed_ms: f64) -> u64 {
    let factor = if elapsed_ms > 0.0 {
        (FRAME_BUDGET_MS / elapsed_ms).clamp(0.5, 2.0)
    } else {
        2.0
    };
    ((chunk as f64 * factor) as u64).clamp(1, MAX_CHUNK)
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|q| q.matches())
}

/// Episode frequencies against their exact probabilities (step 4), for MDPs whose episodes
/// can be listed.
pub struct Frequencies {
    /// Every episode with its probability.
    pub listing: Enumeration,
    /// How often each was sampled.
    pub counter: EpisodeCounter,
    /// (episodes, total-variation distance) at 1, 2, 5, 10, 20, 50, … episodes.
    pub distances: Vec<(u64, f64)>,
    next_checkpoint: u64,
}

impl Frequencies {
    fn add(&mut self, episode: &pg_core::sample::Episode) {
        self.counter.add(episode);
        let n = self.counter.total();
        if n == self.next_checkpoint {
            self.distances
                .push((n, self.counter.total_variation(&self.listing)));
            // 1, 2, 5, 10, 20, 50, …
            let lead = n / 10u64.pow(n.ilog10());
            self.next_checkpoint = if lead == 2 { n / 2 * 5 } else { n * 2 };
        }
    }
}

/// One simulation and the extra statistics the panels keep of the same episodes.
struct Run {
    simulation: Simulation,
    /// The policy being sampled (a copy, so an episode and the policy can be read together).
    policy: Policy,
    /// The cross terms C\[k, t\] of steps 6 and 7.
    cross_terms: CrossTermSums,
    /// Episode frequencies, when the episodes can be listed.
    frequencies: Option<Frequencies>,
}

impl Run {
    fn sample(&mut self, episodes: u64) {
        for _ in 0..episodes {
            let episode = self.simulation.step();
            self.cross_terms.add(episode, &self.policy);
            if let Some(f) = self.frequencies.as_mut() {
                f.add(episode);
            }
        }
    }
}

/// A running simulation with its progress, shared by every panel.
#[derive(Clone, Copy)]
pub struct Sampling {
    run: StoredValue<Option<Run>, LocalStorage>,
    inputs: StoredValue<Option<(Mdp, Vec<f64>, u64)>>,
    generation: StoredValue<u64>,
    /// Episodes sampled, as last shown.
    pub done: RwSignal<u64>,
    /// Whether the reader paused sampling.
    pub paused: RwSignal<bool>,
    /// The problem that stopped the last restart, if any.
    pub error: RwSignal<Option<String>>,
    target: Signal<u64>,
}

impl Sampling {
    /// A loop that samples up to `target` episodes.
    pub fn new(target: Signal<u64>) -> Sampling {
        Sampling {
            run: StoredValue::new_local(None),
            inputs: StoredValue::new(None),
            generation: StoredValue::new(0),
            done: RwSignal::new(0),
            paused: RwSignal::new(false),
            error: RwSignal::new(None),
            target,
        }
    }

    /// Starts over with a new simulation of `mdp` at `theta` from `seed`.
    pub fn restart(&self, mdp: &Mdp, theta: &[f64], seed: u64) {
        self.inputs
            .set_value(Some((mdp.clone(), theta.to_vec(), seed)));
        match Simulation::new(mdp, theta, seed) {
            Ok(simulation) => {
                let policy = simulation.policy().clone();
                let frequencies = Enumeration::new(mdp, &policy).map(|listing| Frequencies {
                    listing,
                    counter: EpisodeCounter::new(mdp),
                    distances: Vec::new(),
                    next_checkpoint: 1,
                });
                self.run.set_value(Some(Run {
                    cross_terms: CrossTermSums::new(mdp),
                    frequencies,
                    policy,
                    simulation,
                }));
                self.error.set(None);
            }
            Err(e) => {
                self.run.set_value(None);
                self.error.set(Some(e.to_string()));
            }
        }
        self.done.set(0);
        self.run();
    }

    /// Reads the simulation, if there is one.
    pub fn with<R>(&self, f: impl FnOnce(&Simulation) -> R) -> Option<R> {
        self.run
            .with_value(|r| r.as_ref().map(|r| f(&r.simulation)))
    }

    /// Reads the cross-term sums of the same episodes, with the policy sampled.
    pub fn with_cross_terms<R>(&self, f: impl FnOnce(&CrossTermSums, &Policy) -> R) -> Option<R> {
        self.run
            .with_value(|r| r.as_ref().map(|r| f(&r.cross_terms, &r.policy)))
    }

    /// Reads the episode frequencies, when the MDP's episodes can be listed.
    pub fn with_frequencies<R>(&self, f: impl FnOnce(&Frequencies, &Policy) -> R) -> Option<R> {
        self.run.with_value(|r| {
            r.as_ref()
                .and_then(|r| r.frequencies.as_ref().map(|fr| f(fr, &r.policy)))
        })
    }

    /// Pauses sampling; the statistics so far stay.
    pub fn pause(&self) {
        self.paused.set(true);
        self.generation.update_value(|g| *g += 1);
    }

    /// Starts the same simulation again from nothing (same seed, same episodes).
    pub fn replay(&self) {
        if let Some((mdp, theta, seed)) = self.inputs.get_value() {
            self.restart(&mdp, &theta, seed);
        }
    }

    /// Resumes sampling towards the target.
    pub fn resume(&self) {
        self.paused.set(false);
        self.run();
    }

    /// (Re)starts the frame loop; any loop already running stops at its next frame.
    pub fn run(&self) {
        if self.paused.get_untracked() {
            return;
        }
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let reduced_motion = prefers_reduced_motion();
        let this = Rc::new(*self);
        request_animation_frame(move || this.frame(generation, FIRST_CHUNK, reduced_motion));
    }

    fn frame(self: Rc<Self>, generation: u64, chunk: u64, reduced_motion: bool) {
        // A loop outlives nothing: once the app that owns it is gone, or a newer loop or a
        // pause took over, it stops.
        if self.generation.try_get_value() != Some(generation)
            || self.paused.try_get_untracked() != Some(false)
        {
            return;
        }
        let Some(target) = self.target.try_get_untracked() else {
            return;
        };
        let started = now_ms();
        let Some(done) = self
            .run
            .try_update_value(|r| {
                r.as_mut().map(|run| {
                    let remaining = target.saturating_sub(run.simulation.episodes());
                    run.sample(chunk.min(remaining));
                    run.simulation.episodes()
                })
            })
            .flatten()
        else {
            return;
        };
        let elapsed = now_ms() - started;
        let finished = done >= target;
        // With reduced motion the numbers change once, at the end, instead of every frame.
        if !reduced_motion || finished {
            self.done.try_set(done);
        }
        if !finished {
            let next = next_chunk(chunk, elapsed);
            request_animation_frame(move || self.frame(generation, next, reduced_motion));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_recorded_on_a_one_two_five_series() {
        let mdp = pg_core::presets::load("discount-trap").unwrap();
        let mut sim = Simulation::new(&mdp, mdp.theta(), 3).unwrap();
        let policy = sim.policy().clone();
        let mut f = Frequencies {
            listing: Enumeration::new(&mdp, &policy).unwrap(),
            counter: EpisodeCounter::new(&mdp),
            distances: Vec::new(),
            next_checkpoint: 1,
        };
        for _ in 0..1000 {
            f.add(sim.step());
        }
        let at: Vec<u64> = f.distances.iter().map(|d| d.0).collect();
        assert_eq!(at, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
        assert!(f.distances.last().unwrap().1 < f.distances[0].1);
    }

    #[test]
    fn chunks_follow_the_frame_budget() {
        assert_eq!(next_chunk(100, FRAME_BUDGET_MS), 100);
        assert_eq!(next_chunk(100, FRAME_BUDGET_MS * 4.0), 50, "halves at most");
        assert_eq!(
            next_chunk(100, FRAME_BUDGET_MS / 4.0),
            200,
            "doubles at most"
        );
        assert_eq!(next_chunk(100, 0.0), 200, "a timer of zero resolution");
        assert_eq!(next_chunk(1, 1e9), 1, "never below one episode");
        assert_eq!(next_chunk(MAX_CHUNK, 0.0), MAX_CHUNK);
    }
}
