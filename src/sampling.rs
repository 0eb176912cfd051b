//! The sampling loop: episodes are drawn in short chunks, one chunk per animation frame,
//! sized so a chunk takes a few milliseconds; the page never waits on a long task. A
//! change of MDP, θ or seed starts a fresh simulation and cancels the stale loop; γ needs
//! no resampling (the statistics are polynomials in γ).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use pg_core::cross_terms::CrossTermSums;
use pg_core::exact::Enumeration;
use pg_core::frequencies::EpisodeCounter;
use pg_core::{MdpError, Simulation};

use crate::snapshot::{Model, Snapshot};

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

/// One simulation of one model and the extra statistics the panels keep of the same
/// episodes. Everything in it belongs to [`Run::model`].
pub struct Run {
    model: Arc<Model>,
    simulation: Simulation,
    /// The cross terms C\[k, t\] of steps 6 and 7.
    cross_terms: CrossTermSums,
    /// Episode frequencies, when the episodes can be listed.
    frequencies: Option<Frequencies>,
}

impl Run {
    /// A run of `model`; `gamma` (the γ shown when it starts) is an exact point of the grid
    /// on which long episodes' second moments are kept (pg_core::grid).
    fn new(model: Arc<Model>, gamma: f64) -> Result<Run, MdpError> {
        let mdp = model.mdp();
        let simulation = Simulation::with_anchor(mdp, model.theta(), model.seed(), gamma)?;
        let frequencies = Enumeration::new(mdp, model.policy()).map(|listing| Frequencies {
            listing,
            counter: EpisodeCounter::new(mdp),
            distances: Vec::new(),
            next_checkpoint: 1,
        });
        Ok(Run {
            cross_terms: CrossTermSums::new(mdp),
            frequencies,
            simulation,
            model,
        })
    }

    fn sample(&mut self, episodes: u64) {
        for _ in 0..episodes {
            let episode = self.simulation.step();
            self.cross_terms.add(episode, self.model.policy());
            if let Some(f) = self.frequencies.as_mut() {
                f.add(episode);
            }
        }
    }

    /// The model sampled: the MDP, θ and policy every statistic here belongs to.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The running statistics of every estimator.
    pub fn simulation(&self) -> &Simulation {
        &self.simulation
    }

    /// The cross-term sums of the same episodes.
    pub fn cross_terms(&self) -> &CrossTermSums {
        &self.cross_terms
    }

    /// The episode frequencies, when the MDP's episodes can be listed.
    pub fn frequencies(&self) -> Option<&Frequencies> {
        self.frequencies.as_ref()
    }
}

/// How far sampling has come, and for which model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The generation of the model being sampled.
    pub generation: u64,
    /// Episodes sampled, as last shown.
    pub episodes: u64,
}

/// A running simulation with its progress, shared by every panel.
///
/// Its statistics are read only through [`Sampling::read`] with a [`Snapshot`]: statistics
/// of another model than the snapshot's are never handed out, so a view cannot index them
/// with a component chosen for another MDP.
#[derive(Clone, Copy)]
pub struct Sampling {
    run: StoredValue<Option<Run>, LocalStorage>,
    /// Bumped by every (re)start and pause: a frame loop of an older number stops.
    loop_id: StoredValue<u64>,
    /// Episodes sampled and the model they belong to.
    pub progress: RwSignal<Progress>,
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
            loop_id: StoredValue::new(0),
            progress: RwSignal::new(Progress::default()),
            paused: RwSignal::new(false),
            error: RwSignal::new(None),
            target,
        }
    }

    /// Starts over with a new simulation of `model` read first at `gamma`, dropping every
    /// statistic of the last, and runs the frame loop.
    pub fn restart(&self, model: Arc<Model>, gamma: f64) {
        self.replace(model, gamma);
        self.run();
    }

    /// Replaces the simulation with a fresh one of `model` (no episode yet), without starting
    /// the loop.
    pub fn replace(&self, model: Arc<Model>, gamma: f64) {
        let generation = model.generation();
        match Run::new(model, gamma) {
            Ok(run) => {
                self.run.set_value(Some(run));
                self.error.set(None);
            }
            Err(e) => {
                self.run.set_value(None);
                self.error.set(Some(e.to_string()));
            }
        }
        self.progress.set(Progress {
            generation,
            episodes: 0,
        });
    }

    /// Reads the statistics of the snapshot's model, and subscribes to their progress;
    /// `None` while sampling belongs to another model (before the restart that follows a
    /// change) or could not start.
    pub fn read<R>(&self, snapshot: &Snapshot, f: impl FnOnce(&Run) -> R) -> Option<R> {
        if self.progress.with(|p| p.generation) != snapshot.generation() {
            return None;
        }
        self.run.with_value(|r| {
            r.as_ref()
                .filter(|r| r.model.generation() == snapshot.generation())
                .map(f)
        })
    }

    /// Episodes sampled of the snapshot's model (0 while sampling belongs to another);
    /// subscribes to progress.
    pub fn episodes(&self, snapshot: &Snapshot) -> u64 {
        self.progress.with(|p| {
            if p.generation == snapshot.generation() {
                p.episodes
            } else {
                0
            }
        })
    }

    /// Pauses sampling; the statistics so far stay.
    pub fn pause(&self) {
        self.paused.set(true);
        self.loop_id.update_value(|g| *g += 1);
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
        self.loop_id.update_value(|g| *g += 1);
        let id = self.loop_id.get_value();
        let reduced_motion = prefers_reduced_motion();
        let this = Rc::new(*self);
        request_animation_frame(move || this.frame(id, FIRST_CHUNK, reduced_motion));
    }

    fn frame(self: Rc<Self>, id: u64, chunk: u64, reduced_motion: bool) {
        // A loop outlives nothing: once the app that owns it is gone, or a newer loop or a
        // pause took over, it stops.
        if self.loop_id.try_get_value() != Some(id)
            || self.paused.try_get_untracked() != Some(false)
        {
            return;
        }
        let Some(target) = self.target.try_get_untracked() else {
            return;
        };
        let started = now_ms();
        let Some((generation, done)) = self
            .run
            .try_update_value(|r| {
                r.as_mut().map(|run| {
                    let remaining = target.saturating_sub(run.simulation.episodes());
                    run.sample(chunk.min(remaining));
                    (run.model.generation(), run.simulation.episodes())
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
            self.progress.try_set(Progress {
                generation,
                episodes: done,
            });
        }
        if !finished {
            let next = next_chunk(chunk, elapsed);
            request_animation_frame(move || self.frame(id, next, reduced_motion));
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

    use crate::snapshot::Snapshot;

    fn model(generation: u64, id: &'static str) -> Arc<Model> {
        let mdp = pg_core::presets::load(id).unwrap();
        let theta = mdp.theta().to_vec();
        Arc::new(Model::new(generation, Some(id), mdp, theta, 5).unwrap())
    }

    impl Sampling {
        /// Samples `episodes` at once, as the frame loop would over several frames.
        fn sample_now(&self, episodes: u64) {
            let (generation, done) = self
                .run
                .try_update_value(|r| {
                    r.as_mut().map(|run| {
                        run.sample(episodes);
                        (run.model.generation(), run.simulation.episodes())
                    })
                })
                .flatten()
                .unwrap();
            self.progress.set(Progress {
                generation,
                episodes: done,
            });
        }
    }

    #[test]
    fn statistics_of_another_model_are_never_handed_out() {
        let owner = Owner::new();
        owner.set();
        let sampling = Sampling::new(Signal::stored(1000));
        let chain = model(1, "chain");
        let grid = model(2, "gridworld");
        sampling.replace(Arc::clone(&chain), 0.9);
        sampling.sample_now(50);
        let on_chain = Snapshot::new(Arc::clone(&chain), 0.9);
        let on_grid = Snapshot::new(Arc::clone(&grid), 0.9);
        // The chain's statistics are read with the chain's snapshot only.
        assert_eq!(sampling.episodes(&on_chain), 50);
        assert_eq!(
            sampling.read(&on_chain, |r| r
                .simulation()
                .estimate(pg_core::Estimator::RewardToGo, 0.9)
                .mean
                .len()),
            Some(chain.dim())
        );
        // A snapshot of the next model (the selector moved, the restart is still to come)
        // gets nothing, and no count.
        assert!(sampling.read(&on_grid, |_| ()).is_none());
        assert_eq!(sampling.episodes(&on_grid), 0);
        // After the restart, the other way round.
        sampling.replace(Arc::clone(&grid), 0.9);
        assert!(sampling.read(&on_chain, |_| ()).is_none());
        assert_eq!(sampling.episodes(&on_grid), 0);
        sampling.sample_now(20);
        assert_eq!(
            sampling.read(&on_grid, |r| (r.model().dim(), r.cross_terms().dim())),
            Some((grid.dim(), grid.dim()))
        );
        assert_eq!(sampling.episodes(&on_grid), 20);
        // Another γ of the same model reads the same statistics.
        let later = Snapshot::new(grid, 0.3);
        assert_eq!(sampling.episodes(&later), 20);
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
