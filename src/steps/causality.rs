//! Step 7: causality: a score has mean zero given the past, so past rewards drop out.

use super::{Part, Step, Tip};

/// Causality.
pub static STEP: Step = Step {
    slug: "causality",
    title: "Causality: the past does not care",
    part: Part::Seed,
    math: &[
        r"\begin{aligned} \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, s_t\big] &= \sum_{a} \pi_\theta(a \mid s_t)\, \frac{\nabla_\theta \pi_\theta(a \mid s_t)}{\pi_\theta(a \mid s_t)} \\ &= \nabla_\theta \sum_{a} \pi_\theta(a \mid s_t) = \nabla_\theta 1 = 0 \end{aligned}",
        r"\begin{aligned} C[k, t] &= \mathbb{E}\Big[\gamma^k R_k \; \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, s_0, \ldots, s_t\big]\Big] \\ &= 0 \qquad \text{for } k < t \end{aligned}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t} \nabla_\theta \ln \pi_\theta(a_t \mid s_t) \underbrace{\boxed{\sum_{k \ge t} \gamma^k R_k}}_{\text{rewards from } t \text{ on}}\Big]",
    ],
    changed: "rewards before t dropped",
    justification: "A reward received before time $t$ is already fixed when $a_t$ is drawn. Conditioned on everything up to $s_t$, the score of $a_t$ has mean zero, so every cell below the diagonal of $C$ vanishes. Dropping those terms keeps the mean and removes noise: the reward-to-go estimator has the same expectation as the full-return one and usually a smaller variance.",
    tip: Some(Tip {
        label: "[3]",
        text: "An action cannot change rewards that came before it. The seed says this intuitively; the first line makes it exact: the expected score given the state is the gradient of $\\sum_a \\pi_\\theta(a \\mid s) = 1$, which is zero.",
    }),
    confirms: "The lower triangle of C is zero within its confidence band; the full-return and reward-to-go estimators have the same mean, and the reward-to-go variance is smaller.",
};
