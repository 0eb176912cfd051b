//! What a sampling worker does — sample the blocks of a run it is given and hand each piece
//! over in flat form — and the job that tells it which. The same code runs on the page when no
//! worker can start (the one-file build, a frame without an origin), so the numbers for a seed
//! never depend on where they were sampled. No DOM here: it builds natively and is tested there.

use pg_core::blocks::{Blocks, DecodeError, Reader};
use pg_core::cross_terms::CrossTermSums;
use pg_core::frequencies::EpisodeCounter;
use pg_core::stats::BlockSampler;
use pg_core::{Mdp, MdpError, Simulation};
use serde::{Deserialize, Serialize};

/// Which episodes a worker samples, and of what. Sent as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Names the job; pieces carry it back, and the page drops those of an older job.
    pub token: u64,
    /// The MDP file (`Mdp::to_json`).
    pub mdp: String,
    /// θ.
    pub theta: Vec<f64>,
    /// The run's seed.
    pub seed: u64,
    /// The γ that is an exact point of the grid besides every 0.01 ([`Simulation::with_anchor`]).
    pub anchor: f64,
    /// Whether to count episodes by identity (when the page lists them, step 4).
    pub counting: bool,
    /// The first episode the page still needs.
    pub from: u64,
    /// This worker's number, 0 ≤ worker < workers.
    pub worker: u64,
    /// How many workers share the run: worker k samples the blocks b₀ + k, b₀ + k + workers, …
    /// where b₀ holds `from`.
    pub workers: u64,
    /// Sampling stops at this many episodes.
    pub target: u64,
}

/// Where a [`Work`] stands after [`Work::advance`].
#[derive(Debug, PartialEq)]
pub enum Progress {
    /// A piece is done, in flat form ([`Run`](crate::sampling) merges it).
    Piece(Vec<f64>),
    /// Still inside a piece.
    Working,
    /// Every block of the job up to its target is sampled.
    Done,
}

/// The per-episode statistics the page keeps besides the estimators' sums: the cross terms of
/// steps 6–7 and, for MDPs whose episodes can be listed, the episode counts of step 4.
#[derive(Clone, Debug)]
pub struct Extras {
    /// Cross-term sums.
    pub cross_terms: CrossTermSums,
    /// Episode counts, when counting.
    pub counter: Option<EpisodeCounter>,
}

impl Extras {
    /// Empty extras for `mdp`.
    pub fn new(mdp: &Mdp, counting: bool) -> Extras {
        Extras {
            cross_terms: CrossTermSums::new(mdp),
            counter: counting.then(|| EpisodeCounter::new(mdp)),
        }
    }

    fn encode(&self, out: &mut Vec<f64>) {
        self.cross_terms.encode(out);
        if let Some(c) = &self.counter {
            c.encode(out);
        }
    }

    fn clear(&mut self) {
        self.cross_terms.clear();
        if let Some(c) = &mut self.counter {
            c.clear();
        }
    }

    /// Reads extras in the flat form a [`Work`] writes and, if `apply`, adds them.
    ///
    /// # Errors
    /// The flat form does not fit these extras.
    pub fn merge(&mut self, r: &mut Reader, apply: bool) -> Result<(), DecodeError> {
        self.cross_terms.merge(r, apply)?;
        if let Some(c) = &mut self.counter {
            c.merge(r, apply)?;
        }
        Ok(())
    }
}

/// Merges one piece — the run's sums, then the extras — into `simulation` and `extras`, all
/// or nothing.
///
/// # Errors
/// The piece is out of order or does not fit (nothing is added then).
pub fn merge_piece(
    simulation: &mut Simulation,
    extras: &mut Extras,
    flat: &[f64],
) -> Result<(), DecodeError> {
    let mut check = Reader::new(flat);
    simulation.merge_from(&mut check, false)?;
    extras.merge(&mut check, false)?;
    check.finish()?;
    let mut r = Reader::new(flat);
    simulation.merge_from(&mut r, true)?;
    extras.merge(&mut r, true)
}

/// A worker's sampling of one job.
pub struct Work {
    job: Job,
    blocks: Blocks,
    sampler: BlockSampler,
    extras: Extras,
    /// The block being sampled, and where it stops (its end, or the target).
    block: u64,
    stop: u64,
    done: bool,
    sampled: u64,
}

impl Work {
    /// Work on `job`.
    ///
    /// # Errors
    /// The MDP file or θ is invalid (the page sent another model than it holds).
    pub fn new(job: Job) -> Result<Work, MdpError> {
        let mdp = Mdp::from_json(&job.mdp)?;
        let simulation = Simulation::with_anchor(&mdp, &job.theta, job.seed, job.anchor)?;
        let blocks = simulation.blocks();
        let mut work = Work {
            blocks,
            sampler: simulation.sampler(),
            extras: Extras::new(&mdp, job.counting),
            block: 0,
            stop: 0,
            done: false,
            sampled: 0,
            job,
        };
        work.restart(work.job.clone());
        Ok(work)
    }

    /// Whether `job` is of the same run (MDP, θ, seed, grid, counting) as this work's, so
    /// [`Work::restart`] may take it instead of building anew.
    pub fn same_run(&self, job: &Job) -> bool {
        let a = &self.job;
        (
            a.mdp.as_str(),
            &a.theta,
            a.seed,
            a.anchor.to_bits(),
            a.counting,
        ) == (
            job.mdp.as_str(),
            &job.theta,
            job.seed,
            job.anchor.to_bits(),
            job.counting,
        )
    }

    /// Takes a new job of the same run: a new token, start and target.
    pub fn restart(&mut self, job: Job) {
        let first = self.blocks.index_of(job.from) + job.worker;
        let start = if job.worker == 0 {
            job.from
        } else {
            self.blocks.range(first).start
        };
        self.job = job;
        self.extras.clear();
        self.enter(first, start);
    }

    fn enter(&mut self, block: u64, start: u64) {
        self.block = block;
        self.stop = self.blocks.range(block).end.min(self.job.target);
        self.done = start >= self.stop;
        if !self.done {
            self.sampler.seek(start);
        }
    }

    /// Episodes sampled since this work began, over every job.
    pub fn sampled(&self) -> u64 {
        self.sampled
    }

    /// Stops: [`Work::advance`] has nothing more to do until the next job.
    pub fn stop(&mut self) {
        self.done = true;
    }

    /// The job's token.
    pub fn token(&self) -> u64 {
        self.job.token
    }

    /// Samples up to `budget` episodes (at least one), stopping at the end of a piece.
    pub fn advance(&mut self, budget: u64) -> Progress {
        if self.done {
            return Progress::Done;
        }
        for _ in 0..budget.max(1) {
            if self.sampler.position() >= self.stop {
                break;
            }
            let Some((episode, policy)) = self.sampler.sample() else {
                break;
            };
            self.extras.cross_terms.add(episode, policy);
            if let Some(c) = &mut self.extras.counter {
                c.add(episode);
            }
            self.sampled += 1;
        }
        if self.sampler.position() < self.stop {
            return Progress::Working;
        }
        let mut flat = Vec::new();
        self.sampler.take_piece(&mut flat);
        self.extras.encode(&mut flat);
        self.extras.clear();
        let next = self.block + self.job.workers.max(1);
        let start = self.blocks.range(next).start;
        self.enter(next, start);
        Progress::Piece(flat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_core::presets;
    use pg_core::Estimator;

    fn job(id: &str, worker: u64, workers: u64, from: u64, target: u64) -> Job {
        let mdp = presets::load(id).unwrap();
        Job {
            token: 1,
            mdp: mdp.to_json(),
            theta: mdp.theta().to_vec(),
            seed: 9,
            anchor: 0.9,
            counting: pg_core::exact::Enumeration::new(
                &mdp,
                &pg_core::Policy::new(&mdp, mdp.theta()).unwrap(),
            )
            .is_some(),
            from,
            worker,
            workers,
            target,
        }
    }

    /// Runs every worker of a job to the end and returns their pieces in merge order.
    fn pieces(id: &str, workers: u64, from: u64, target: u64) -> Vec<Vec<f64>> {
        let mut all = Vec::new();
        for k in 0..workers {
            let mut work = Work::new(job(id, k, workers, from, target)).unwrap();
            loop {
                match work.advance(37) {
                    Progress::Piece(flat) => all.push((flat[0] as u64, flat)),
                    Progress::Working => {}
                    Progress::Done => break,
                }
            }
        }
        all.sort_by_key(|p| p.0);
        all.into_iter().map(|p| p.1).collect()
    }

    fn merged(id: &str, workers: u64, target: u64) -> (Simulation, Extras) {
        let mdp = presets::load(id).unwrap();
        let mut simulation = Simulation::with_anchor(&mdp, mdp.theta(), 9, 0.9).unwrap();
        let j = job(id, 0, 1, 0, target);
        let mut extras = Extras::new(&mdp, j.counting);
        for flat in pieces(id, workers, 0, target) {
            merge_piece(&mut simulation, &mut extras, &flat).unwrap();
        }
        (simulation, extras)
    }

    #[test]
    fn the_mdp_file_a_worker_gets_is_the_same_mdp() {
        for id in presets::PRESETS.iter().map(|p| p.id) {
            let mdp = presets::load(id).unwrap();
            assert_eq!(Mdp::from_json(&mdp.to_json()).unwrap(), mdp, "{id}");
        }
    }

    #[test]
    fn one_two_or_three_workers_give_the_same_numbers() {
        for (id, target) in [("chain", 4321), ("discount-trap", 2500), ("corridor", 700)] {
            let (one, one_extras) = merged(id, 1, target);
            assert_eq!(one.episodes(), target);
            for workers in [2, 3] {
                let (many, extras) = merged(id, workers, target);
                assert_eq!(many.steps(), one.steps(), "{id}");
                for e in Estimator::ALL {
                    assert_eq!(
                        many.estimate(e, 0.7),
                        one.estimate(e, 0.7),
                        "{id} {workers}"
                    );
                }
                assert_eq!(extras.cross_terms, one_extras.cross_terms, "{id}");
                let counts = |x: &Extras| x.counter.as_ref().map(|c| (c.total(), c.distinct()));
                assert_eq!(counts(&extras), counts(&one_extras));
            }
            // And a plain run of the core agrees.
            let mdp = presets::load(id).unwrap();
            let mut plain = Simulation::with_anchor(&mdp, mdp.theta(), 9, 0.9).unwrap();
            plain.run(target);
            assert_eq!(plain.objective(0.9), one.objective(0.9), "{id}");
        }
    }

    #[test]
    fn a_job_from_the_middle_of_a_block_continues_the_run() {
        let mdp = presets::load("chain").unwrap();
        let mut simulation = Simulation::with_anchor(&mdp, mdp.theta(), 9, 0.9).unwrap();
        let mut extras = Extras::new(&mdp, true);
        for flat in pieces("chain", 1, 0, 1500) {
            merge_piece(&mut simulation, &mut extras, &flat).unwrap();
        }
        for flat in pieces("chain", 2, 1500, 5000) {
            merge_piece(&mut simulation, &mut extras, &flat).unwrap();
        }
        let mut plain = Simulation::with_anchor(&mdp, mdp.theta(), 9, 0.9).unwrap();
        plain.run(5000);
        assert_eq!(simulation.steps(), plain.steps());
        assert_eq!(extras.counter.as_ref().unwrap().total(), 5000);
        assert_eq!(extras.cross_terms.count(), 5000);
    }

    #[test]
    fn a_piece_that_does_not_fit_leaves_everything_as_it_was() {
        let mdp = presets::load("chain").unwrap();
        let mut simulation = Simulation::with_anchor(&mdp, mdp.theta(), 9, 0.9).unwrap();
        let mut extras = Extras::new(&mdp, false);
        let flat = pieces("chain", 1, 0, 1).remove(0);
        // Counted by the worker, not expected here: the trailing counts do not fit.
        assert!(merge_piece(&mut simulation, &mut extras, &flat).is_err());
        assert_eq!(simulation.episodes(), 0);
        assert_eq!(extras.cross_terms.count(), 0);
    }

    #[test]
    fn a_target_before_the_workers_block_is_no_work() {
        let mut work = Work::new(job("chain", 1, 2, 0, 1)).unwrap();
        assert_eq!(work.advance(10), Progress::Done);
    }
}
