//! Sampling off the page's main thread. Workers sample blocks of episodes
//! ([`crate::sampler_work`]) and post each piece; the page merges the pieces in episode order
//! and shows the progress once per animation frame. Where no worker can start (the one-file
//! build, a frame without an origin, a browser without workers, `workers=0`), the same work
//! runs on the page in short chunks, one per frame, so the numbers for a seed are the same
//! either way. A change of MDP, θ or seed starts a fresh run and a new job, whose token the
//! pieces carry back: pieces of an older job are dropped. γ needs no resampling (the
//! statistics are polynomials in γ).

use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use pg_core::blocks::{is_checkpoint, DecodeError};
use pg_core::cross_terms::CrossTermSums;
use pg_core::exact::Enumeration;
use pg_core::frequencies::EpisodeCounter;
use pg_core::{MdpError, Simulation};

use crate::i18n::mdp_error;
use crate::sampler_work::{merge_piece, Extras, Job, Progress as WorkProgress, Work};
use crate::snapshot::{Model, Snapshot};

/// Work per frame the page aims for when it samples itself, in milliseconds: well inside a
/// 16 ms frame.
const FRAME_BUDGET_MS: f64 = 6.0;
/// Episodes in the first chunk, before the loop has measured anything.
const FIRST_CHUNK: u64 = 64;
/// Largest chunk, whatever the measurements say.
const MAX_CHUNK: u64 = 1 << 20;
/// The script a worker starts from (public/sampler-loader.js).
const WORKER_SCRIPT: &str = "sampler-loader.js";
/// Most workers the page starts.
pub const MAX_WORKERS: u64 = 4;

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

/// Workers to start when the address does not say: one, or two where the machine has four
/// logical cores or more (the page itself needs one).
pub fn default_workers(hardware_concurrency: f64) -> u64 {
    if hardware_concurrency >= 4.0 {
        2
    } else {
        1
    }
}

/// The page's clock, `performance.now()`, in milliseconds (0 where there is none).
pub(crate) fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Largest len²·d of cross-term sums kept at every checkpoint: FrozenLake's 24² × 64 fits,
/// so the history of every preset is kept (about 0.6 MB a copy for it, some 20 copies up to
/// 10⁷ episodes); an MDP at the limits (24² × 512) keeps none.
const HISTORY_CELLS: usize = 1 << 16;

pub(crate) fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|q| q.matches())
}

/// Episode frequencies against their exact probabilities (step 4), for MDPs whose episodes
/// can be listed.
pub struct Frequencies<'a> {
    /// Every episode with its probability.
    pub listing: &'a Enumeration,
    /// How often each was sampled.
    pub counter: &'a EpisodeCounter,
    /// (episodes, total-variation distance) at 1, 2, 5, 10, 20, 50, … episodes.
    pub distances: &'a [(u64, f64)],
}

/// One simulation of one model and the extra statistics the panels keep of the same
/// episodes. Everything in it belongs to [`Run::model`].
pub struct Run {
    model: Arc<Model>,
    simulation: Simulation,
    extras: Extras,
    /// Every episode with its probability, when the episodes can be listed.
    listing: Option<Enumeration>,
    distances: Vec<(u64, f64)>,
    /// The cross-term sums as they stood at each checkpoint (1, 2, 5, 10, … episodes), for
    /// step 7's scrubber; empty when one copy would be larger than [`HISTORY_CELLS`].
    cross_history: Vec<(u64, CrossTermSums)>,
    /// The job for this run, without its token, start and target.
    job: Job,
    /// Pieces that came before the ones they follow, by first episode.
    pending: BTreeMap<u64, Vec<f64>>,
}

impl Run {
    /// A run of `model`; `gamma` (the γ shown when it starts) is an exact point of the grid
    /// on which long episodes' second moments are kept (pg_core::grid).
    fn new(model: Arc<Model>, gamma: f64) -> Result<Run, MdpError> {
        let mdp = model.mdp();
        let mut simulation = Simulation::with_anchor(mdp, model.theta(), model.seed(), gamma)?;
        // The convergence charts read the model's one component: kept alone, every
        // checkpoint fits, where full copies at the limits left room for one.
        if model.component() < model.dim() {
            simulation.keep_history_of(model.component());
        }
        let listing = Enumeration::new(mdp, model.policy());
        let job = Job {
            token: 0,
            mdp: mdp.to_json(),
            theta: model.theta().to_vec(),
            seed: model.seed(),
            anchor: gamma,
            counting: listing.is_some(),
            from: 0,
            worker: 0,
            workers: 1,
            target: 0,
        };
        Ok(Run {
            extras: Extras::new(mdp, listing.is_some()),
            listing,
            distances: Vec::new(),
            cross_history: Vec::new(),
            simulation,
            job,
            pending: BTreeMap::new(),
            model,
        })
    }

    /// Takes a piece, merging it and every waiting piece that now follows in order.
    ///
    /// # Errors
    /// A piece does not fit this run (a worker of another build); nothing of it is merged.
    fn accept(&mut self, flat: Vec<f64>) -> Result<(), DecodeError> {
        let start = pg_core::blocks::Reader::new(&flat).count("first episode")?;
        self.pending.insert(start, flat);
        while let Some(flat) = self.pending.remove(&self.simulation.episodes()) {
            self.merge(&flat)?;
        }
        Ok(())
    }

    fn merge(&mut self, flat: &[f64]) -> Result<(), DecodeError> {
        merge_piece(&mut self.simulation, &mut self.extras, flat)?;
        let sums = &self.extras.cross_terms;
        // Pieces end at every checkpoint, so none is passed without stopping on it.
        if is_checkpoint(sums.count())
            && sums.len() * sums.len() * sums.dim() <= HISTORY_CELLS
            && self.cross_history.last().map(|h| h.0) != Some(sums.count())
        {
            self.cross_history.push((sums.count(), sums.clone()));
        }
        if let (Some(listing), Some(counter)) = (&self.listing, &self.extras.counter) {
            // Pieces end at every checkpoint (pg_core::blocks).
            let n = counter.total();
            if is_checkpoint(n) {
                self.distances.push((n, counter.total_variation(listing)));
            }
        }
        Ok(())
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
        &self.extras.cross_terms
    }

    /// The episode counts at which [`Run::cross_terms_at`] has the sums, in increasing order.
    pub fn cross_term_checkpoints(&self) -> impl Iterator<Item = u64> + '_ {
        self.cross_history.iter().map(|h| h.0)
    }

    /// The cross-term sums of the first `episodes` episodes, when that count is a checkpoint
    /// the run kept.
    pub fn cross_terms_at(&self, episodes: u64) -> Option<&CrossTermSums> {
        self.cross_history
            .iter()
            .find(|h| h.0 == episodes)
            .map(|h| &h.1)
    }

    /// The episode frequencies, when the MDP's episodes can be listed.
    pub fn frequencies(&self) -> Option<Frequencies<'_>> {
        Some(Frequencies {
            listing: self.listing.as_ref()?,
            counter: self.extras.counter.as_ref()?,
            distances: &self.distances,
        })
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

/// Where the episodes are sampled.
enum Engine {
    /// Not decided yet: decided at the first run.
    Undecided,
    /// In these workers.
    Workers(Vec<web_sys::Worker>),
    /// On the page, with this work (once a run began).
    Page(Option<Box<Work>>),
}

/// Which engine samples, as the page reports it (`data-workers` on the simulation panel).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    /// Not started yet.
    Undecided,
    /// On the page's main thread.
    Page,
    /// In this many workers.
    Workers(u64),
}

/// A running simulation with its progress, shared by every panel.
///
/// Its statistics are read only through [`Sampling::read`] with a [`Snapshot`]: statistics
/// of another model than the snapshot's are never handed out, so a view cannot index them
/// with a component chosen for another MDP.
#[derive(Clone, Copy)]
pub struct Sampling {
    run: StoredValue<Option<Run>, LocalStorage>,
    engine: StoredValue<Engine, LocalStorage>,
    /// The current job's token: bumped by every (re)start and pause, so pieces of an older
    /// job are dropped and an older frame loop stops.
    token: StoredValue<u64>,
    /// Whether a frame is already asked for to show the progress.
    frame_pending: StoredValue<bool>,
    /// Workers asked for by the address (`workers=`); `None`: [`default_workers`].
    workers_wanted: Option<u64>,
    reduced_motion: StoredValue<Option<bool>>,
    /// Episodes sampled and the model they belong to.
    pub progress: RwSignal<Progress>,
    /// Whether the reader paused sampling.
    pub paused: RwSignal<bool>,
    /// The problem that stopped the last restart, if any.
    pub error: RwSignal<Option<String>>,
    /// Where the episodes are sampled.
    pub place: RwSignal<Where>,
    target: Signal<u64>,
}

impl Sampling {
    /// A sampler of up to `target` episodes, in `workers` workers (`None`: as many as
    /// [`default_workers`] says; `Some(0)`: on the page).
    pub fn new(target: Signal<u64>, workers: Option<u64>) -> Sampling {
        Sampling {
            run: StoredValue::new_local(None),
            engine: StoredValue::new_local(Engine::Undecided),
            token: StoredValue::new(0),
            frame_pending: StoredValue::new(false),
            workers_wanted: workers.map(|n| n.min(MAX_WORKERS)),
            reduced_motion: StoredValue::new(None),
            progress: RwSignal::new(Progress::default()),
            paused: RwSignal::new(false),
            error: RwSignal::new(None),
            place: RwSignal::new(Where::Undecided),
            target,
        }
    }

    /// Starts over with a new simulation of `model` read first at `gamma`, dropping every
    /// statistic of the last, and samples towards the target.
    pub fn restart(&self, model: Arc<Model>, gamma: f64) {
        self.replace(model, gamma);
        self.run();
    }

    /// Replaces the simulation with a fresh one of `model` (no episode yet), without starting
    /// to sample; pieces still coming for the last one are dropped.
    pub fn replace(&self, model: Arc<Model>, gamma: f64) {
        let generation = model.generation();
        self.token.update_value(|t| *t += 1);
        match Run::new(model, gamma) {
            Ok(run) => {
                self.run.set_value(Some(run));
                self.error.set(None);
            }
            Err(e) => {
                self.run.set_value(None);
                self.error.set(Some(mdp_error(&e)));
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

    /// Episodes merged so far, whatever model they belong to (untracked).
    pub fn merged(&self) -> u64 {
        self.run
            .try_with_value(|r| r.as_ref().map_or(0, |run| run.simulation.episodes()))
            .unwrap_or(0)
    }

    /// Pauses sampling; the statistics so far stay.
    pub fn pause(&self) {
        self.paused.set(true);
        self.token.update_value(|t| *t += 1);
        self.stop_workers();
    }

    /// Resumes sampling towards the target.
    pub fn resume(&self) {
        self.paused.set(false);
        self.run();
    }

    /// (Re)starts sampling from the episodes merged so far towards the target, as a new job;
    /// whatever sampled for an older job stops, and its pieces are dropped.
    pub fn run(&self) {
        if self.paused.get_untracked() {
            return;
        }
        self.token.update_value(|t| *t += 1);
        let token = self.token.get_value();
        let target = self.target.get_untracked();
        let job = self
            .run
            .try_update_value(|r| {
                r.as_mut().map(|run| {
                    run.pending.clear();
                    Job {
                        token,
                        from: run.simulation.episodes(),
                        target,
                        ..run.job.clone()
                    }
                })
            })
            .flatten();
        let Some(job) = job else {
            return;
        };
        if job.from >= target {
            self.stop_workers();
            self.publish();
            return;
        }
        self.decide_engine();
        let posted = self.engine.with_value(|engine| match engine {
            Engine::Workers(workers) => {
                let n = workers.len() as u64;
                workers.iter().zip(0..).all(|(w, k)| {
                    let text = serde_json::to_string(&Job {
                        worker: k,
                        workers: n,
                        ..job.clone()
                    })
                    .unwrap_or_default();
                    w.post_message(&text.into()).is_ok()
                })
            }
            _ => false,
        });
        if posted {
            return;
        }
        if self.engine.with_value(|e| matches!(e, Engine::Workers(_))) {
            // A worker could not take the job: sample here instead.
            self.fall_back();
            return;
        }
        self.run_on_page(job);
    }

    fn decide_engine(&self) {
        if !self.engine.with_value(|e| matches!(e, Engine::Undecided)) {
            return;
        }
        let wanted = self
            .workers_wanted
            .unwrap_or_else(|| default_workers(window().navigator().hardware_concurrency()));
        let workers = if wanted > 0 && !one_file_build() {
            self.start_workers(wanted)
        } else {
            None
        };
        self.place.set(match &workers {
            Some(w) => Where::Workers(w.len() as u64),
            None => Where::Page,
        });
        self.engine.set_value(match workers {
            Some(w) => Engine::Workers(w),
            None => Engine::Page(None),
        });
    }

    fn start_workers(&self, n: u64) -> Option<Vec<web_sys::Worker>> {
        use wasm_bindgen::{closure::Closure, JsCast};
        let mut workers = Vec::new();
        for _ in 0..n {
            let Ok(worker) = web_sys::Worker::new(WORKER_SCRIPT) else {
                workers.iter().for_each(web_sys::Worker::terminate);
                return None;
            };
            let this = *self;
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| this.on_message(e.data()),
            );
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            // The workers live as long as the page.
            on_message.forget();
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                e.prevent_default();
                this.fall_back();
            });
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            on_error.forget();
            workers.push(worker);
        }
        Some(workers)
    }

    /// A message from a worker: `[token, piece]`, or `["failed", why]` when it could not start.
    fn on_message(&self, data: wasm_bindgen::JsValue) {
        use wasm_bindgen::JsCast;
        let Some(current) = self.token.try_get_value() else {
            return;
        };
        let parts = js_sys::Array::from(&data);
        let Some(token) = parts.get(0).as_f64() else {
            self.fall_back();
            return;
        };
        if token != current as f64 {
            return;
        }
        let Ok(values) = parts.get(1).dyn_into::<js_sys::Float64Array>() else {
            self.fall_back();
            return;
        };
        let merged = self
            .run
            .try_update_value(|r| r.as_mut().map(|run| run.accept(values.to_vec())));
        if let Some(Some(Err(_))) = merged {
            // A worker of another build (a cached script): sample here from what is merged.
            self.fall_back();
        } else {
            self.show_progress();
        }
    }

    /// Gives up the workers and samples on the page from the episodes merged so far.
    fn fall_back(&self) {
        let had_workers = self
            .engine
            .try_update_value(|e| {
                let Engine::Workers(workers) = e else {
                    return false;
                };
                workers.iter().for_each(web_sys::Worker::terminate);
                *e = Engine::Page(None);
                true
            })
            .unwrap_or(false);
        if had_workers {
            self.place.try_set(Where::Page);
            self.run();
        }
    }

    fn stop_workers(&self) {
        self.engine.with_value(|e| {
            if let Engine::Workers(workers) = e {
                for w in workers {
                    // A stopped worker only drops its job; nothing to report if it is gone.
                    let _ = w.post_message(&"stop".into());
                }
            }
        });
    }

    /// Shows the merged count at the next animation frame (once per frame however many pieces
    /// came).
    fn show_progress(&self) {
        if self.frame_pending.try_get_value() != Some(false) {
            return;
        }
        self.frame_pending.set_value(true);
        let this = *self;
        request_animation_frame(move || {
            if this.frame_pending.try_set_value(false).is_none() {
                this.publish();
            }
        });
    }

    fn publish(&self) {
        let Some(Some((generation, done))) = self.run.try_with_value(|r| {
            r.as_ref()
                .map(|run| (run.model.generation(), run.simulation.episodes()))
        }) else {
            return;
        };
        let target = self.target.try_get_untracked().unwrap_or(0);
        let reduced = self
            .reduced_motion
            .try_get_value()
            .flatten()
            .unwrap_or_else(|| {
                let reduced = prefers_reduced_motion();
                self.reduced_motion.try_set_value(Some(reduced));
                reduced
            });
        // With reduced motion the numbers change once, at the end, instead of every frame.
        if !reduced || done >= target {
            self.progress.try_set(Progress {
                generation,
                episodes: done,
            });
        }
    }

    fn run_on_page(&self, job: Job) {
        let token = job.token;
        let started = self
            .engine
            .try_update_value(|e| {
                let Engine::Page(work) = e else {
                    return Err("no page engine".to_string());
                };
                match work {
                    Some(w) if w.same_run(&job) => w.restart(job),
                    _ => *work = Some(Box::new(Work::new(job).map_err(|e| mdp_error(&e))?)),
                }
                Ok(())
            })
            .unwrap_or(Ok(()));
        if let Err(e) = started {
            self.error.set(Some(e));
            return;
        }
        let this = Rc::new(*self);
        request_animation_frame(move || this.frame(token, FIRST_CHUNK));
    }

    fn frame(self: Rc<Self>, token: u64, chunk: u64) {
        // A loop outlives nothing: once the app that owns it is gone, or a newer job or a
        // pause took over, it stops.
        if self.token.try_get_value() != Some(token)
            || self.paused.try_get_untracked() != Some(false)
        {
            return;
        }
        let started = now_ms();
        let mut finished = false;
        let pieces = self
            .engine
            .try_update_value(|e| {
                let Engine::Page(Some(work)) = e else {
                    finished = true;
                    return Vec::new();
                };
                let before = work.sampled();
                let mut pieces = Vec::new();
                loop {
                    let left = chunk.saturating_sub(work.sampled() - before);
                    if left == 0 {
                        break;
                    }
                    match work.advance(left) {
                        WorkProgress::Piece(flat) => pieces.push(flat),
                        WorkProgress::Working => break,
                        WorkProgress::Done => {
                            finished = true;
                            break;
                        }
                    }
                }
                pieces
            })
            .unwrap_or_default();
        for flat in pieces {
            self.run.update_value(|r| {
                if let Some(run) = r.as_mut() {
                    let merged = run.accept(flat);
                    debug_assert!(merged.is_ok(), "a piece sampled here fits: {merged:?}");
                }
            });
        }
        let elapsed = now_ms() - started;
        self.publish();
        if !finished {
            let next = next_chunk(chunk, elapsed);
            request_animation_frame(move || self.frame(token, next));
        }
    }
}

/// Whether this page is the one-file build (standalone.html): it has no worker script next
/// to it, and often no origin.
fn one_file_build() -> bool {
    document()
        .query_selector("meta[name='pg-standalone']")
        .ok()
        .flatten()
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Snapshot;

    fn model(generation: u64, id: &'static str) -> Arc<Model> {
        let mdp = pg_core::presets::load(id).unwrap();
        let theta = mdp.theta().to_vec();
        Arc::new(Model::new(generation, Some(id), mdp, theta, 5).unwrap())
    }

    impl Run {
        /// Samples up to `target` episodes with `workers` workers, as the page's workers
        /// would, handing pieces over in the order they finish (worker by worker).
        fn sample_with(&mut self, target: u64, workers: u64) {
            let from = self.simulation.episodes();
            let mut finished = Vec::new();
            for k in (0..workers).rev() {
                let job = Job {
                    from,
                    target,
                    worker: k,
                    workers,
                    ..self.job.clone()
                };
                let mut work = Work::new(job).unwrap();
                loop {
                    match work.advance(1000) {
                        WorkProgress::Piece(flat) => finished.push(flat),
                        WorkProgress::Working => {}
                        WorkProgress::Done => break,
                    }
                }
            }
            for flat in finished {
                self.accept(flat).unwrap();
            }
            assert!(self.pending.is_empty());
        }
    }

    impl Sampling {
        /// Samples up to `target` episodes at once, as the workers would over several frames.
        fn sample_now(&self, target: u64) {
            let (generation, done) = self
                .run
                .try_update_value(|r| {
                    r.as_mut().map(|run| {
                        run.sample_with(target, 1);
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
    fn distances_are_recorded_on_a_one_two_five_series_whatever_the_workers() {
        let m = model(1, "discount-trap");
        let mut one = Run::new(Arc::clone(&m), 0.9).unwrap();
        one.sample_with(1000, 1);
        let f = one.frequencies().unwrap();
        let at: Vec<u64> = f.distances.iter().map(|d| d.0).collect();
        assert_eq!(at, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
        assert!(f.distances.last().unwrap().1 < f.distances[0].1);
        let mut three = Run::new(m, 0.9).unwrap();
        three.sample_with(1000, 3);
        assert_eq!(three.frequencies().unwrap().distances, f.distances);
        assert_eq!(three.cross_terms(), one.cross_terms());
        // The cross terms were kept at the same checkpoints, and each is what a run stopped
        // there has.
        let kept: Vec<u64> = three.cross_term_checkpoints().collect();
        assert_eq!(kept, at);
        let mut fifty = Run::new(Arc::clone(&three.model), 0.9).unwrap();
        fifty.sample_with(50, 2);
        assert_eq!(three.cross_terms_at(50), Some(fifty.cross_terms()));
        assert_eq!(three.cross_terms_at(50).unwrap().count(), 50);
        assert!(three.cross_terms_at(51).is_none());
    }

    #[test]
    fn pieces_wait_for_the_ones_before_them() {
        let m = model(1, "chain");
        let mut run = Run::new(m, 0.9).unwrap();
        let job = Job {
            target: 20,
            ..run.job.clone()
        };
        let mut work = Work::new(job).unwrap();
        let mut pieces = Vec::new();
        while let WorkProgress::Piece(flat) = work.advance(100) {
            pieces.push(flat);
        }
        assert_eq!(pieces.len(), 5, "blocks end at 1, 2, 5, 10, 20");
        let last = pieces.pop().unwrap();
        run.accept(last).unwrap();
        assert_eq!(run.simulation.episodes(), 0, "the last piece waits");
        for flat in pieces {
            run.accept(flat).unwrap();
        }
        assert_eq!(run.simulation.episodes(), 20);
        assert!(run.accept(vec![]).is_err());
    }

    #[test]
    fn statistics_of_another_model_are_never_handed_out() {
        let owner = Owner::new();
        owner.set();
        let sampling = Sampling::new(Signal::stored(1000), Some(0));
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

    #[test]
    fn two_workers_where_four_cores_are() {
        assert_eq!(default_workers(2.0), 1);
        assert_eq!(default_workers(4.0), 2);
        assert_eq!(default_workers(16.0), 2);
        assert_eq!(default_workers(0.0), 1);
    }
}
