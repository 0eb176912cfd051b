//! Step 6: expanding the return and the score sum into a matrix of cross terms.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::{ConvergenceChart, CrossTermMaps};

/// Expand the product.
pub static STEP: Step = Step {
    slug: "expand-the-product",
    part: Part::Seed,
    math: &[
        r"\begin{aligned} \nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[ &\big(R_0 + \gamma R_1 + \gamma^2 R_2 + \cdots\big) \\ &\cdot \big(\nabla_\theta \ln \pi_\theta(a_0 \mid s_0) + \nabla_\theta \ln \pi_\theta(a_1 \mid s_1) + \cdots\big) \Big] \end{aligned}",
        r"\nabla_\theta J_\theta = \sum_{k} \sum_{t} \underbrace{\boxed{\mathbb{E}\big[\gamma^k R_k \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]}}_{C[k,\,t]}",
    ],
    tip: None,
    estimators: &[Estimator::Trajectory],
    in_code: Some(
        r#"# M[t, k] = C[k, t] for one component i of θ, as
# in the picture: row t (action), column k (reward)
M = np.outer(scores[:, i], discounts * rewards)  # ←
estimate_i = M.sum()         # = G0 * grad_log_P[i]"#,
    ),
    panel,
};

/// The hero: the cross-term matrix C[k, t], exact beside sampled; the estimator converging
/// below it.
fn panel() -> Panel {
    Panel {
        hero: view! { <CrossTermMaps rings=false /> }.into_any(),
        checks: Some(view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any()),
    }
}
