//! Step 11: gradient ascent with the estimators, and what each of them learns.

use super::{Part, Step};

/// Training.
pub static STEP: Step = Step {
    slug: "training",
    title: "Does it learn?",
    part: Part::Beyond,
    math: &[
        r"\theta_{k+1} = \theta_k + \alpha \, \underbrace{\boxed{\hat g_k}}_{\text{estimate}}",
        r"\hat g_k = \frac{1}{N} \sum_{i=1}^{N} \sum_{t} \gamma^t G^{(i)}_t \, \nabla_\theta \ln \pi_{\theta_k}\big(a^{(i)}_t \mid s^{(i)}_t\big)",
    ],
    changed: "a step along the estimate",
    justification: "Stochastic gradient ascent on $J$: sample a batch of episodes under the current policy, estimate the gradient, and take a step of size $\\alpha$. With an unbiased estimator $J$ climbs. With the estimator that drops $\\gamma^t$, on the discount-trap MDP, it walks steadily towards the worst policy.",
    tip: None,
    confirms: "Learning curves of the exact J(θₖ) when ascending with each estimator.",
};
