//! Step 2: the gradient moves under the integral and only the probability depends on θ.

use super::{Panel, Part, Step};
use leptos::prelude::*;

use crate::components::identity_panels::{AlongGradientChart, GradientRoutesTable};

/// The gradient under the integral.
pub static STEP: Step = Step {
    slug: "gradient-under-integral",
    title: "Differentiate under the integral",
    part: Part::Seed,
    math: &[
        r"\nabla_\theta J_\theta = \nabla_\theta \int_\tau G_0 \, P_\theta(\tau)\, d\tau = \int_\tau G_0 \, \underbrace{\boxed{\nabla_\theta P_\theta(\tau)}}_{\text{only this depends on }\theta} d\tau",
    ],
    changed: "∇ moves onto Pθ(τ)",
    justification: "The gradient is linear, so it passes under the integral (for a finite MDP, under a finite sum). The return $G_0$ of a fixed episode is a number computed from that episode's rewards: it does not depend on $\\theta$. Only how likely the episode is does.",
    tip: None,
    confirms: "Σ_τ G₀(τ) ∇P_θ(τ) over every episode equals the finite-difference gradient of J; J along the gradient direction.",
    estimators: &[],
    in_code: None,
    panel,
};

/// The hero: J along the gradient direction touching its tangent; the three routes to ∇J
/// below it.
fn panel() -> Panel {
    Panel {
        hero: view! { <AlongGradientChart /> }.into_any(),
        checks: Some(view! { <GradientRoutesTable /> }.into_any()),
    }
}
