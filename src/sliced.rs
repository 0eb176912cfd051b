//! Exact work too long for one task at the limits of the MDP format (curves of a hundred
//! exact solves, finite differences of J), done one item at a time in short tasks, so the
//! page never freezes: a new input cancels the work under way, and a chart says
//! "computing…" until its result is complete.
//!
//! Small MDPs finish in the first slice, in the same task as the change that asked for it,
//! so a preset's charts never flash empty. README, "Where the exact work runs".

use std::time::Duration;

use leptos::prelude::*;

use crate::sampling::now_ms;

/// Work per slice, in milliseconds: a slice takes items until this much time has passed (at
/// least one item, so every slice makes progress).
const SLICE_MS: f64 = 8.0;

/// What [`sliced`] is asked to compute: `count` items of `input`, belonging to `key` (the
/// model's generation: results of another key are never shown while this one is computed).
pub struct SliceJob<I> {
    /// The model generation the items belong to.
    pub key: u64,
    /// Everything an item needs.
    pub input: I,
    /// Number of items.
    pub count: usize,
}

/// A result computed in slices: the last complete one, and whether a newer one is under way.
pub struct Sliced<T: Send + Sync + 'static> {
    result: RwSignal<Option<(u64, Vec<T>)>>,
    pending: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Sliced<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Sliced<T> {}

impl<T: Send + Sync + 'static> Sliced<T> {
    /// Reads the last complete result (tracked): `None` while the first one for the current
    /// model is being computed.
    pub fn with<R>(&self, f: impl FnOnce(Option<&[T]>) -> R) -> R {
        self.result
            .with(|r| f(r.as_ref().map(|(_, items)| items.as_slice())))
    }

    /// Whether newer work is under way (tracked).
    pub fn pending(&self) -> Signal<bool> {
        self.pending.into()
    }
}

/// Work under way, its type erased so that the scheduling below is compiled once, not once
/// per kind of item (each copy cost kilobytes of the page's download).
trait Task {
    /// Computes the next item; `true` once every item is computed.
    fn step(&mut self) -> bool;
    /// Publishes the complete result.
    fn publish(&mut self);
}

/// The items of one job, computed in order.
struct Items<I, T, F> {
    job: SliceJob<I>,
    done: Vec<T>,
    item: std::rc::Rc<F>,
    result: RwSignal<Option<(u64, Vec<T>)>>,
}

impl<I, T, F> Task for Items<I, T, F>
where
    T: Send + Sync + 'static,
    F: Fn(&I, usize) -> T,
{
    fn step(&mut self) -> bool {
        if self.done.len() < self.job.count {
            let k = self.done.len();
            let value = untrack(|| (self.item)(&self.job.input, k));
            self.done.push(value);
        }
        self.done.len() >= self.job.count
    }

    fn publish(&mut self) {
        let items = std::mem::take(&mut self.done);
        self.result.try_set(Some((self.job.key, items)));
    }
}

/// The work of one [`sliced`]: the job under way, the one waiting for it, and a number
/// bumped by every start (and by the component's end), so a slice of older work stops.
#[derive(Default)]
struct Runner {
    current: Option<(u64, Box<dyn Task>)>,
    queued: Option<(u64, Box<dyn Task>)>,
    generation: u64,
    /// Whether the last job needed more than one slice: then a new job's first slice waits
    /// for a task of its own instead of lengthening the one that asked for it (a γ move at
    /// the limits), while work that fits one slice (every preset's) is done at once and
    /// never flickers.
    slow: bool,
    /// Whether the next slice is the first of the job under way.
    first_slice: bool,
}

/// Computes `item(input, k)` for k in `0..count` for every job that `job` returns (it is
/// tracked, and runs again when what it reads changes), in slices of about 8 ms
/// each, the first at once (unless the last job needed more than one slice) and the others
/// in later tasks.
///
/// A job of another key cancels the one under way and clears the result: no chart shows one
/// model's curve while another's is computed. A job of the same key waits for the one under
/// way to finish (only the newest waits), and the last result stays meanwhile: a curve
/// recomputed as episodes arrive is always complete, and is never starved by arrivals faster
/// than it. `None` cancels everything and clears the result.
pub fn sliced<I, T>(
    job: impl Fn() -> Option<SliceJob<I>> + 'static,
    item: impl Fn(&I, usize) -> T + 'static,
) -> Sliced<T>
where
    I: 'static,
    T: Send + Sync + 'static,
{
    let out = Sliced {
        result: RwSignal::new(None),
        pending: RwSignal::new(false),
    };
    let runner = StoredValue::new_local(Runner::default());
    let item = std::rc::Rc::new(item);
    on_cleanup(move || {
        runner.try_update_value(|r| *r = Runner::default());
    });
    Effect::new(move |_| {
        let Some(job) = job() else {
            runner.update_value(|r| {
                r.generation += 1;
                r.current = None;
                r.queued = None;
            });
            out.result.set(None);
            out.pending.set(false);
            return;
        };
        let key = job.key;
        if out.result.with_untracked(|r| r.as_ref().map(|(k, _)| *k)) != Some(key) {
            out.result.set(None);
        }
        let task: Box<dyn Task> = Box::new(Items {
            done: Vec::with_capacity(job.count),
            job,
            item: std::rc::Rc::clone(&item),
            result: out.result,
        });
        submit(runner, out.pending, key, task);
    });
    out
}

/// Starts `task` at once, or, when a task of the same key is under way, queues it after
/// that one (replacing any queued before).
fn submit(
    runner: StoredValue<Runner, LocalStorage>,
    pending: RwSignal<bool>,
    key: u64,
    task: Box<dyn Task>,
) {
    let running = runner.with_value(|r| r.current.as_ref().map(|(k, _)| *k));
    if running == Some(key) {
        runner.update_value(|r| r.queued = Some((key, task)));
    } else {
        start(runner, pending, key, task);
    }
}

/// Makes `task` the one under way, cancelling any other, and runs its first slice now (or,
/// when the last job needed more than one slice, in a task of its own).
fn start(
    runner: StoredValue<Runner, LocalStorage>,
    pending: RwSignal<bool>,
    key: u64,
    task: Box<dyn Task>,
) {
    // `try_`: called from a later task too, when the component may be gone.
    let Some((mine, slow)) = runner.try_update_value(|r| {
        r.generation += 1;
        r.current = Some((key, task));
        r.queued = None;
        r.first_slice = true;
        (r.generation, r.slow)
    }) else {
        return;
    };
    pending.try_set(true);
    if slow {
        set_timeout(move || slice(runner, pending, mine), Duration::ZERO);
    } else {
        slice(runner, pending, mine);
    }
}

/// Computes items until the slice's time is spent, then publishes the result (and starts
/// the task that waited, if any) or schedules the next slice.
fn slice(runner: StoredValue<Runner, LocalStorage>, pending: RwSignal<bool>, mine: u64) {
    let started = now_ms();
    let progress = runner
        .try_update_value(|r| {
            // The component may be gone, or newer work may have started.
            if r.generation != mine {
                return Progress::Gone;
            }
            let Some((_, task)) = r.current.as_mut() else {
                return Progress::Gone;
            };
            let first = std::mem::take(&mut r.first_slice);
            loop {
                let done = task.step();
                let spent = now_ms() - started > SLICE_MS;
                if first && (done || spent) {
                    r.slow = !done;
                }
                if done {
                    let finished = r.current.take().map(|(_, t)| t);
                    return Progress::Done(finished, r.queued.take());
                }
                if spent {
                    return Progress::More;
                }
            }
        })
        .unwrap_or(Progress::Gone);
    match progress {
        Progress::Done(finished, queued) => {
            if let Some(mut task) = finished {
                task.publish();
            }
            match queued {
                Some((key, task)) => start(runner, pending, key, task),
                None => {
                    pending.try_set(false);
                }
            }
        }
        Progress::More => set_timeout(move || slice(runner, pending, mine), Duration::ZERO),
        Progress::Gone => {}
    }
}

/// Where a slice left the work.
enum Progress {
    /// Every item is computed: the task, to publish, and the one that waited, if any.
    Done(Option<Box<dyn Task>>, Option<(u64, Box<dyn Task>)>),
    /// Items remain.
    More,
    /// The work was cancelled, or the component is gone.
    Gone,
}

/// A curve (x, y) of one model, its points computed in slices: `point(model, k)` gives the
/// k-th of `count` points, `None` where the value is not finite (left out).
pub fn model_curve(
    model: Memo<std::sync::Arc<crate::snapshot::Model>>,
    count: usize,
    point: impl Fn(&crate::snapshot::Model, usize) -> Option<(f64, f64)> + 'static,
) -> (Memo<Vec<(f64, f64)>>, Signal<bool>) {
    let points = sliced(
        move || {
            let input = model.get();
            Some(SliceJob {
                key: input.generation(),
                input,
                count,
            })
        },
        move |m: &std::sync::Arc<crate::snapshot::Model>, k| point(m, k),
    );
    let curve = Memo::new(move |_| {
        points.with(|p| {
            p.map(|p| p.iter().flatten().copied().collect())
                .unwrap_or_default()
        })
    });
    (curve, points.pending())
}
