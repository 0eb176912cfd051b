//! Blocks and pieces: any split of the work over samplers, merged in block order, gives the
//! numbers of one sampler running straight through.

use pg_core::blocks::Blocks;
use pg_core::{presets, Estimator, Simulation};

/// Samples blocks `first`, `first + stride`, … up to `episodes` with one sampler, as a worker
/// does, returning each block's piece with its block index.
fn worker(simulation: &Simulation, first: u64, stride: u64, episodes: u64) -> Vec<(u64, Vec<f64>)> {
    let blocks = simulation.blocks();
    let mut sampler = simulation.sampler();
    let mut out = Vec::new();
    let mut block = first;
    while blocks.range(block).start < episodes {
        let range = blocks.range(block);
        sampler.seek(range.start);
        while sampler.position() < range.end.min(episodes) {
            sampler.sample().expect("inside the block");
        }
        let mut flat = Vec::new();
        sampler.take_piece(&mut flat);
        out.push((block, flat));
        block += stride;
    }
    out
}

#[test]
fn two_workers_merged_in_block_order_equal_one_run() {
    for (id, episodes) in [("chain", 12_345), ("corridor", 3000), ("gridworld", 2500)] {
        let mdp = presets::load(id).unwrap();
        let mut straight = Simulation::new(&mdp, mdp.theta(), 17).unwrap();
        straight.run(episodes);
        let mut merged = Simulation::new(&mdp, mdp.theta(), 17).unwrap();
        let mut pieces: Vec<_> = worker(&merged, 0, 2, episodes)
            .into_iter()
            .chain(worker(&merged, 1, 2, episodes))
            .collect();
        pieces.sort_by_key(|p| p.0);
        for (_, flat) in &pieces {
            merged.merge(flat).unwrap();
        }
        assert_eq!(merged.episodes(), episodes, "{id}");
        assert_eq!(merged.steps(), straight.steps(), "{id}");
        for gamma in [0.0, 0.5, 0.9, 1.0] {
            assert_eq!(
                merged.objective(gamma),
                straight.objective(gamma),
                "{id} γ {gamma}"
            );
            for e in Estimator::ALL {
                assert_eq!(
                    merged.estimate(e, gamma),
                    straight.estimate(e, gamma),
                    "{id} {e:?}"
                );
                assert_eq!(
                    merged.history(Some(e), gamma),
                    straight.history(Some(e), gamma)
                );
            }
        }
    }
}

#[test]
fn a_run_stopped_inside_a_block_goes_on_with_the_same_episodes() {
    let mdp = presets::load("chain").unwrap();
    let mut straight = Simulation::new(&mdp, mdp.theta(), 5).unwrap();
    straight.run(3000);
    let mut stopped = Simulation::new(&mdp, mdp.theta(), 5).unwrap();
    stopped.run(1234);
    stopped.run(3000 - 1234);
    // The same episodes (steps are counted exactly); the sums differ at most by rounding.
    assert_eq!(stopped.steps(), straight.steps());
    let (a, b) = (stopped.objective(0.9), straight.objective(0.9));
    assert!((a.mean[0] - b.mean[0]).abs() < 1e-12);
    // A fresh sampler that seeks into the middle of a block continues the same stream.
    let mut fresh = Simulation::new(&mdp, mdp.theta(), 5).unwrap();
    fresh.run(1234);
    let mut sampler = fresh.sampler();
    assert_eq!(sampler.position(), 1234);
    while sampler.position() < 2000 {
        sampler.sample().unwrap();
    }
    let mut flat = Vec::new();
    sampler.take_piece(&mut flat);
    fresh.merge(&flat).unwrap();
    fresh.run(1000);
    assert_eq!(fresh.steps(), straight.steps());
}

#[test]
fn pieces_out_of_order_or_of_another_model_are_refused_whole() {
    let mdp = presets::load("chain").unwrap();
    let mut simulation = Simulation::new(&mdp, mdp.theta(), 1).unwrap();
    let pieces = worker(&simulation, 0, 1, 100);
    let err = simulation.merge(&pieces[1].1).unwrap_err();
    assert!(
        err.0
            .contains("from episode 1, but the run is at episode 0"),
        "{err}"
    );
    simulation.merge(&pieces[0].1).unwrap();
    // A piece of another MDP does not fit, and nothing of it is added.
    let grid = presets::load("gridworld").unwrap();
    let other = Simulation::new(&grid, grid.theta(), 1).unwrap();
    let foreign = worker(&other, 1, 1, 2);
    let before = simulation.objective(0.9);
    assert!(simulation.merge(&foreign[0].1).is_err());
    assert_eq!(simulation.objective(0.9), before);
    assert_eq!(simulation.episodes(), 1);
    // Truncated and padded pieces are refused.
    let piece = &pieces[1].1;
    assert!(simulation.merge(&piece[..piece.len() - 1]).is_err());
    let mut padded = piece.clone();
    padded.push(0.0);
    assert!(simulation
        .merge(&padded)
        .unwrap_err()
        .0
        .contains("left over"));
    simulation.merge(piece).unwrap();
    assert_eq!(simulation.episodes(), 2);
}

#[test]
fn blocks_follow_the_horizon() {
    let chain = presets::load("chain").unwrap();
    assert_eq!(
        Simulation::new(&chain, chain.theta(), 0).unwrap().blocks(),
        Blocks::for_horizon(chain.horizon())
    );
}
