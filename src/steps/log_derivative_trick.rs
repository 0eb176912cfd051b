//! Step 3: the log-derivative trick turns the gradient back into an expectation.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::identity_panels::IdentityPanel;
use crate::components::ConvergenceChart;

/// The log-derivative trick.
pub static STEP: Step = Step {
    slug: "log-derivative-trick",
    part: Part::Seed,
    math: &[
        r"\nabla_\theta P_\theta(\tau) = P_\theta(\tau)\, \nabla_\theta \ln P_\theta(\tau)",
        r"\nabla_\theta J_\theta = \int_\tau G_0 \, \underbrace{\boxed{P_\theta(\tau)\, \nabla_\theta \ln P_\theta(\tau)}}_{\pgtext{math-was-grad-p}} d\tau = \mathbb{E}_{\tau}\left[G_0 \, \nabla_\theta \ln P_\theta(\tau)\right]",
    ],
    tip: Some("[1]"),
    estimators: &[Estimator::Trajectory],
    in_code: Some(
        r#"# one episode: rewards (T,), scores (T, d)
discounts = gamma ** np.arange(T)
G0 = discounts @ rewards          # R(τ)
grad_log_P = scores.sum(axis=0)   # ∇ln P(τ)
estimate = G0 * grad_log_P        # ← one sample
# its mean over the episodes → ∇J"#,
    ),
    panel,
};

/// The hero: per episode, ∇P(τ) against P(τ)∇ln P(τ) on the diagonal; the estimator
/// G₀∇ln P(τ) converging to ∇J below it.
fn panel() -> Panel {
    Panel {
        hero: view! { <IdentityPanel dynamics=false /> }.into_any(),
        checks: Some(view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any()),
    }
}
