//! Step 7: causality: a score has mean zero given the past, so past rewards drop out.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::step_panel::{ratio_summary, variance_pair, GammaChart};
use crate::components::{ConvergenceChart, CrossTermMaps};
use crate::i18n::t;

/// Causality.
pub static STEP: Step = Step {
    slug: "causality",
    part: Part::Seed,
    math: &[
        r"\begin{aligned} \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, h_t\big] &= \sum_{a} \pi_\theta(a \mid s_t)\, \frac{\nabla_\theta \pi_\theta(a \mid s_t)}{\pi_\theta(a \mid s_t)} \\ &= \nabla_\theta \sum_{a} \pi_\theta(a \mid s_t) = \nabla_\theta 1 = 0, \\ \pgtext{math-where}\ h_t &= (s_0, a_0, \ldots, a_{t-1}, s_t) \end{aligned}",
        r"\begin{aligned} C[k, t] &= \mathbb{E}\Big[\gamma^k R_k \; \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, h_t\big]\Big] \\ &= 0 \qquad \pgtext{math-causality-zero} \end{aligned}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t} \nabla_\theta \ln \pi_\theta(a_t \mid s_t) \underbrace{\boxed{\sum_{k \ge t} \gamma^k R_k}}_{\pgtext{math-rewards-from-t}}\Big]",
    ],
    tip: Some("[3]"),
    estimators: &[Estimator::RewardToGo, Estimator::Trajectory],
    in_code: Some(
        r#"M = np.outer(scores[:, i], discounts * rewards)
# M[t, k] = C[k, t]: k ≥ t is the upper triangle
estimate_i = np.triu(M).sum()  # ← only k ≥ t"#,
    ),
    panel,
};

/// The hero: the cross-term matrix, its lower triangle (k < t) zero within its band; the
/// variances of the two estimators against γ and their convergence below it.
fn panel() -> Panel {
    let (curves, pending) = variance_pair(
        Estimator::RewardToGo,
        Estimator::Trajectory,
        [t("estimator-reward-to-go"), t("estimator-trajectory")],
    );
    let summary = ratio_summary(
        Estimator::RewardToGo,
        Estimator::Trajectory,
        t("causality-variance-what"),
    );
    Panel {
        hero: view! { <CrossTermMaps rings=true /> }.into_any(),
        checks: Some(view! {
            <GammaChart testid="chart-variance-causality" curves=curves y_label=t("chart-sample-variance")
                reference=Some(0.0) summary=summary pending=pending
                caption=t("causality-variance-caption") />
            <p class="chart-summary">{summary}</p>
            <ConvergenceChart estimators=STEP.estimators />
        }
        .into_any()),
    }
}
