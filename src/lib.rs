//! The policy-gradient explorer: a Leptos app that walks through the derivation of
//! the policy gradient with KaTeX math beside exact values computed by `pg-core`.
//!
//! Data flows one way: input signals (γ) → memos (exact values, curves) →
//! readouts and charts. Effects are used only at the edges: drawing a canvas.

pub mod app;
pub mod charts;
pub mod components;
pub mod model;

pub use app::App;
