//! Step 10: subtracting a state-dependent baseline keeps the estimator unbiased.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::components::step_panel::{ratio_summary, variance_pair, GammaChart};
use crate::components::ConvergenceChart;

/// Baseline.
pub static STEP: Step = Step {
    slug: "baseline",
    title: "Subtract a baseline",
    part: Part::Beyond,
    math: &[
        r"\begin{aligned} &\mathbb{E}\big[b(s_t)\, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big] \\ &\quad = \mathbb{E}\Big[b(s_t)\; \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, s_t\big]\Big] = 0 \end{aligned}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t} \gamma^t \big(G_t - \underbrace{\boxed{b(s_t)}}_{\text{baseline}}\big)\, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\Big]",
        r"b(s_t) = V_{H-t}(s_t) = \mathbb{E}\big[G_t \,\big|\, s_t\big]",
    ],
    changed: "Gₜ − b(sₜ)",
    justification: "Any function of the state alone can be subtracted from $G_t$ without changing the mean, by the argument of the causality step. With $b$ the state value $V_{H-t}(s_t)$ (the expected return from $s_t$ with $H - t$ steps left), the weight says whether the action did better or worse than usual, which often lowers the variance. Not always: the state value is not the variance-minimising baseline, and on some MDPs the variance goes up.",
    tip: None,
    confirms: "The same mean with and without the baseline; the variance with b = the exact state value beside the variance without.",
    estimators: &[Estimator::Baseline, Estimator::RewardToGo],
    in_code: Some(
        r#"b = V[s[:-1]]                 # the value of s_t
estimate = (discounts * (G - b)) @ scores  # ←"#,
    ),
    panel,
};

/// The hero: the variance with and without the baseline against γ, and the bandit where the
/// baseline raises it; both estimators converging to the same ∇J below.
fn panel() -> Panel {
    let curves = variance_pair(
        Estimator::Baseline,
        Estimator::RewardToGo,
        ["with b = V", "without baseline"],
    );
    let summary = ratio_summary(
        Estimator::Baseline,
        Estimator::RewardToGo,
        "the sample variance with the state-value baseline against without",
    );
    Panel {
        hero: view! {
            <GammaChart testid="chart-variance-baseline" curves=curves y_label="sample variance"
                reference=None summary=summary
                caption="Variance with and without the baseline against γ, from the same episodes. The state value often lowers it, but not always." />
            <p class="chart-summary">{summary}</p>
            <p class="chart-summary">
                "Not always lower: on the bandit with θ = (3, 0, 0) the policy already prefers the best arm, "
                "and subtracting the state value raises the variance (exactly 0.0494 against 0.0389). "
                <a data-testid="baseline-counterexample" href="?step=baseline&mdp=bandit&theta=3,0,0">"See it here."</a>
            </p>
        }
        .into_any(),
        checks: view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any(),
    }
}
