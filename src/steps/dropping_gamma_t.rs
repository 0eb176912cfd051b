//! Step 9: the common form without γ^t is not the gradient unless γ = 1.

use super::{Part, Step};

/// Dropping γ^t.
pub static STEP: Step = Step {
    slug: "dropping-gamma-t",
    title: "What if γᵗ is dropped?",
    part: Part::Beyond,
    math: &[
        r"\nabla_\theta J_\theta = \sum_{t} \gamma^t \, \mathbb{E}\big[G_t \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]",
        r"\underbrace{\boxed{\sum_{t} \mathbb{E}\big[G_t \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]}}_{\text{what most code computes}} \neq \nabla_\theta J_\theta \quad \text{when } \gamma < 1",
    ],
    changed: "the weight γᵗ removed",
    justification: "The seed's question (Q1) states the gradient with $\\approx$ and without $\\gamma^t$, and its solution ends with $\\gamma^t G_t$: both appear because the form without $\\gamma^t$ is what most code computes, but it is a different direction. It weights a decision at time $t$ as much as one at the start, although $J$ discounts it by $\\gamma^t$. It equals $\\nabla_\\theta J_\\theta$ when $\\gamma = 1$ or when every episode is one step long; otherwise it is biased, and it is not the gradient of any function (Thomas 2014; Nota and Thomas 2020, “Is the policy gradient a gradient?”).",
    tip: None,
    confirms: "Both directions, exact and estimated, as γ moves, and the angle between them; on discount-trap the direction without γᵗ points against ∇J.",
};
