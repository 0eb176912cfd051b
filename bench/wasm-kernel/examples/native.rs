//! Native sampling throughput, the same work as `sample_steps` in WebAssembly:
//!   cargo run --release -p wasm-kernel --example native -- [EPISODES] [REPS]
//! Prints one JSON object: per preset (and the 500-step fixture `long-500`, a hundredth of
//! the episodes), the steps of one run and the median steps/s.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let episodes: u64 = args
        .next()
        .map_or(200_000, |a| a.parse().expect("EPISODES"));
    let reps: usize = args.next().map_or(7, |a| a.parse().expect("REPS"));
    let seed = 7;
    let mut out = Vec::new();
    for preset in ["chain", "gridworld", "corridor", "long-500"] {
        // Long episodes: fewer of them, about as many steps as the others.
        let episodes = if preset == "long-500" {
            (episodes / 100).max(1)
        } else {
            episodes
        };
        // One untimed run to warm caches and the allocator.
        let steps = wasm_kernel::run(preset, episodes, seed).expect("preset");
        let mut secs: Vec<f64> = (0..reps)
            .map(|_| {
                let t0 = Instant::now();
                let s = wasm_kernel::run(preset, episodes, seed).expect("preset");
                let dt = t0.elapsed().as_secs_f64();
                assert_eq!(s, steps);
                dt
            })
            .collect();
        secs.sort_by(f64::total_cmp);
        let median = secs[secs.len() / 2];
        out.push(format!(
            "\"{preset}\":{{\"episodes\":{episodes},\"steps\":{steps},\"reps\":{reps},\"median_s\":{median:.6},\"steps_per_s\":{:.1}}}",
            steps as f64 / median
        ));
    }
    println!("{{{}}}", out.join(","));
}
