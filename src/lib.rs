//! The policy-gradient explorer: a Leptos app that walks through the derivation of
//! the policy gradient with KaTeX math beside exact values computed by `pg-core`.
//!
//! Data flows one way: URL → typed parameters ([`state`]) → memos (the MDP, θ, γ, exact
//! values) → readouts and charts. Effects are used only at the edges ([`browser`]: the
//! address bar, focus, theme; and drawing canvases).

pub mod app;
pub mod browser;
pub mod charts;
pub mod checks;
pub mod components;
pub mod model;
pub mod panels;
pub mod sampling;
pub mod state;
pub mod steps;

pub use app::App;
