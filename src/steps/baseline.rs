//! Step 10: subtracting a state-dependent baseline keeps the estimator unbiased.

use super::{Part, Step};

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
};
