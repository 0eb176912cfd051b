//! Step 8: the tail sum is γ^t G_t: REINFORCE with the reward-to-go, the seed's result.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::ConvergenceChart;

/// Reward-to-go.
pub static STEP: Step = Step {
    slug: "reward-to-go",
    title: "Reward-to-go: the seed's result",
    part: Part::Seed,
    math: &[
        r"\sum_{k \ge t} \gamma^k R_k = \gamma^t \sum_{k \ge t} \gamma^{k-t} R_k = \gamma^t G_t",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t=0}^{T-1} \underbrace{\boxed{\gamma^t G_t}}_{\text{reward-to-go}} \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\Big]",
    ],
    changed: "the tail sum is γᵗ Gₜ",
    justification: "Factor $\\gamma^t$ out of the tail sum and what is left is the return from time $t$. This is REINFORCE with the reward-to-go: each action's score is weighted by the discounted return that followed it, and by $\\gamma^t$ for how late it came.",
    tip: None,
    confirms: "The reward-to-go estimator converges to the exact ∇J.",
    estimators: &[Estimator::RewardToGo],
    in_code: Some(
        r#"# rtg[t] = Σ_{k≥t} γ^k R_k = γ^t G_t
rtg = np.cumsum((discounts * rewards)[::-1])[::-1]
estimate = rtg @ scores       # ← Σ_t γ^t G_t ∇ln π"#,
    ),
    panel,
};

/// The hero: the reward-to-go estimator converging to the exact ∇J.
fn panel() -> Panel {
    Panel {
        hero: view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any(),
        checks: None,
    }
}
