//! Step 7: causality: a score has mean zero given the past, so past rewards drop out.

use super::{Panel, Part, Step, Tip};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::step_panel::{ratio_summary, variance_pair, GammaChart};
use crate::components::{ConvergenceChart, CrossTermMaps};

/// Causality.
pub static STEP: Step = Step {
    slug: "causality",
    title: "Causality: the past does not care",
    part: Part::Seed,
    math: &[
        r"\begin{aligned} \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, h_t\big] &= \sum_{a} \pi_\theta(a \mid s_t)\, \frac{\nabla_\theta \pi_\theta(a \mid s_t)}{\pi_\theta(a \mid s_t)} \\ &= \nabla_\theta \sum_{a} \pi_\theta(a \mid s_t) = \nabla_\theta 1 = 0, \\ \text{where } h_t &= (s_0, a_0, \ldots, a_{t-1}, s_t) \end{aligned}",
        r"\begin{aligned} C[k, t] &= \mathbb{E}\Big[\gamma^k R_k \; \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, h_t\big]\Big] \\ &= 0 \qquad \text{for } k < t \text{, as } R_k \text{ is fixed by } h_t \end{aligned}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t} \nabla_\theta \ln \pi_\theta(a_t \mid s_t) \underbrace{\boxed{\sum_{k \ge t} \gamma^k R_k}}_{\text{rewards from } t \text{ on}}\Big]",
    ],
    changed: "rewards before t dropped",
    justification: "Let $h_t = (s_0, a_0, \\ldots, a_{t-1}, s_t)$ be the history up to the moment $a_t$ is drawn. A reward received before time $t$ is a function of that history: $R_k = R(s_k, a_k)$ with $k < t$. Given $h_t$, the action $a_t$ is drawn from $\\pi_\\theta(\\cdot \\mid s_t)$, so its score has mean zero; taking $R_k$ out of the inner expectation, every cell below the diagonal of $C$ vanishes. (Conditioning on the states alone would not do: $R_k$ depends on the actions too.) Dropping those terms keeps the mean and removes noise: the reward-to-go estimator has the same expectation as the full-return one and usually a smaller variance.",
    tip: Some(Tip {
        label: "[3]",
        text: "An action cannot change rewards that came before it. The original post says this intuitively; the first line makes it exact: given the history, the expected score is the gradient of $\\sum_a \\pi_\\theta(a \\mid s_t) = 1$, which is zero.",
    }),
    confirms: "The lower triangle of C is zero within its confidence band; the full-return and reward-to-go estimators have the same mean, and the reward-to-go variance is smaller.",
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
        ["reward-to-go", "full return"],
    );
    let summary = ratio_summary(
        Estimator::RewardToGo,
        Estimator::Trajectory,
        "the sample variance of reward-to-go against the full return",
    );
    Panel {
        hero: view! { <CrossTermMaps rings=true /> }.into_any(),
        checks: Some(view! {
            <GammaChart testid="chart-variance-causality" curves=curves y_label="sample variance"
                reference=Some(0.0) summary=summary pending=pending
                caption="Variance (trace of the covariance) of the two estimators against γ, from the same sampled episodes: dropping the k < t terms keeps the mean and removes noise." />
            <p class="chart-summary">{summary}</p>
            <ConvergenceChart estimators=STEP.estimators />
        }
        .into_any()),
    }
}
