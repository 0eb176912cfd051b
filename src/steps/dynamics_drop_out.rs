//! Step 5: in the log of the episode probability, the environment's terms have no gradient.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::identity_panels::IdentityPanel;
use crate::components::ConvergenceChart;

/// The dynamics drop out.
pub static STEP: Step = Step {
    slug: "dynamics-drop-out",
    part: Part::Seed,
    math: &[
        r"\ln P_\theta(\tau) = \ln P(s_0) + \sum_{t=0}^{T-1} \Big[\ln \pi_\theta(a_t \mid s_t) + \ln P(s_{t+1} \mid s_t, a_t)\Big]",
        r"\nabla_\theta \ln P_\theta(\tau) = \underbrace{\boxed{\sum_{t=0}^{T-1} \nabla_\theta \ln \pi_\theta(a_t \mid s_t)}}_{\pgtext{math-no-model-needed}}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[G_0 \sum_{t=0}^{T-1} \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\Big]",
    ],
    tip: None,
    estimators: &[Estimator::Trajectory],
    in_code: Some(
        r#"# ∇θ of the start and P[s, a, s'] terms is 0:
grad_log_P = scores.sum(axis=0)  # ← model-free
estimate = G0 * grad_log_P"#,
    ),
    panel,
};

/// The hero: per episode, ∇ln P(τ) with the dynamics against the sum of the policy's
/// scores, on the diagonal; the estimator converging below it.
fn panel() -> Panel {
    Panel {
        hero: view! { <IdentityPanel dynamics=true /> }.into_any(),
        checks: Some(view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any()),
    }
}
