//! Fuzzes the MDP file parser: any text gives an MDP or an error that says where the problem
//! is, never a panic; an accepted MDP survives a round trip through its own file and has
//! finite exact values at γ = 0, its own γ and 1.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pg_core::exact::dynamic_programming;
use pg_core::mdp::Mdp;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Mdp::from_json(text) {
        Err(error) => {
            assert!(!error.message.is_empty(), "an error without a message");
            // A file-wide error is a syntax or size error, located by line and column or
            // by the size itself; every other error names its path in the file.
            if error.path.is_empty() {
                assert!(
                    error.message.contains("line") || error.message.starts_with("file is"),
                    "an error without a place: {error}"
                );
            }
        }
        Ok(mdp) => {
            let again = Mdp::from_json(&mdp.to_json()).expect("an accepted MDP re-reads");
            assert_eq!(again.to_spec(), mdp.to_spec(), "the round trip changed the MDP");
            for gamma in [0.0, mdp.gamma(), 1.0] {
                let dp = dynamic_programming(&mdp, mdp.theta(), gamma).expect("valid γ and θ");
                assert!(dp.j.is_finite(), "J = {} at γ = {gamma}", dp.j);
                assert!(dp.grad.iter().all(|g| g.is_finite()), "∇J at γ = {gamma}");
            }
        }
    }
});
