//! Numerical core of the policy-gradient explorer: finite MDPs, the linear-softmax policy,
//! exact values (dynamic programming, enumeration, finite differences), seeded sampling, the
//! four gradient estimators and their running statistics as polynomials in γ; and, for the
//! later panels, per-episode probabilities and scores, episode frequencies, the cross-term
//! matrix and gradient ascent.
//!
//! It has no web dependency: the app only renders what this crate computes, and the `pgx`
//! binary prints the same numbers as JSON.

pub mod blocks;
pub mod cross_terms;
pub mod estimators;
pub mod exact;
pub mod frequencies;
pub mod grid;
pub mod learning;
mod pair_slots;
pub mod policy;
pub mod report;
pub mod sample;
pub mod stats;
pub mod trajectory;

pub use estimators::Estimator;
pub use mdp::{Mdp, MdpError, MdpSpec};
/// MDP files, their validation and the model (the `pg-mdp` crate).
pub use pg_mdp as mdp;
/// The built-in MDPs.
pub use pg_mdp::presets;
pub use policy::{angle_degrees, Policy};
pub use stats::{Estimate, Simulation};
