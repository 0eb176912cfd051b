//! Numerical core of the policy-gradient explorer: finite MDPs, the linear-softmax policy,
//! exact values (dynamic programming, enumeration, finite differences), seeded sampling, the
//! four gradient estimators and their running statistics as polynomials in γ.
//!
//! It has no web dependency: the app only renders what this crate computes, and the `pgx`
//! binary prints the same numbers as JSON.

pub mod estimators;
pub mod exact;
pub mod mdp;
pub mod policy;
pub mod presets;
pub mod report;
pub mod sample;
pub mod stats;

pub use estimators::Estimator;
pub use mdp::{Mdp, MdpError, MdpSpec};
pub use policy::Policy;
pub use stats::{Estimate, Simulation};
