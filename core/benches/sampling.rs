//! Sampling throughput: environment steps per second of episode sampling plus the
//! accumulation of every estimator's γ-polynomial statistics, on `chain` and `gridworld`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pg_core::{presets, Simulation};

const EPISODES: u64 = 20_000;
const SEED: u64 = 7;

fn sampling(c: &mut Criterion) {
    let mut group = c.benchmark_group("sampling");
    for id in ["chain", "gridworld"] {
        let mdp = presets::load(id).expect("presets are valid");
        let theta = mdp.theta().to_vec();
        // A fixed seed samples the same episodes every iteration, so this step count holds.
        let mut probe = Simulation::new(&mdp, &theta, SEED).expect("default θ is valid");
        probe.run(EPISODES);
        group.throughput(Throughput::Elements(probe.steps()));
        group.bench_function(id, |b| {
            b.iter(|| {
                let mut simulation = Simulation::new(&mdp, &theta, SEED).expect("valid");
                simulation.run(EPISODES);
                simulation.episodes()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, sampling);
criterion_main!(benches);
