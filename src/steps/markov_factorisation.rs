//! Step 4: the chain rule and the Markov property factor the probability of an episode.

use super::{Part, Step, Tip};
use crate::components::identity_panels::frequency_panel;

/// The Markov factorisation.
pub static STEP: Step = Step {
    slug: "markov-factorisation",
    title: "Factor the episode probability",
    part: Part::Seed,
    math: &[
        r"P(A, B) = P(A)\, P(B \mid A)",
        r"\begin{aligned} P_\theta(\tau) &= P(s_0)\, P_\theta(a_0 \mid s_0)\, P(s_1 \mid s_0, a_0) \\ &\quad \cdot P_\theta(a_1 \mid s_0, a_0, s_1)\, P(s_2 \mid s_0, a_0, s_1, a_1) \cdots \end{aligned}",
        r"P_\theta(\tau) = P(s_0) \prod_{t=0}^{T-1} \underbrace{\boxed{\pi_\theta(a_t \mid s_t)}}_{\text{Markov}}\, P(s_{t+1} \mid s_t, a_t)",
    ],
    changed: "history drops out of each factor",
    justification: "Applied step after step, the chain rule splits $P_\\theta(\\tau)$ into one factor per event, each conditioned on everything before it. The Markov property removes that history: the next action depends only on the current state, $P_\\theta(a_t \\mid s_0, a_0, \\ldots, s_t) = \\pi_\\theta(a_t \\mid s_t)$, and the next state only on the current state and action. The start distribution $P(s_0)$ and the dynamics $P(s_{t+1} \\mid s_t, a_t)$ belong to the environment: they do not involve $\\theta$.",
    tip: Some(Tip {
        label: "[2]",
        text: "The chain rule of probability (the original post calls it Bayes' rule): $P(A, B) = P(A)\\, P(B \\mid A)$. Repeated, it gives $P(A, B, C) = P(A)\\, P(B \\mid A)\\, P(C \\mid A, B)$, and so on for any number of events.",
    }),
    confirms: "Empirical episode frequencies against the product formula, with the total-variation distance shrinking like 1/√N; action frequencies given sₜ do not depend on the earlier history.",
    estimators: &[pg_core::Estimator::Trajectory],
    in_code: Some(
        r#"# states s (T+1,), actions a (T,)
log_P = (np.log(start[s[0]])
         + np.log(pi[s[:-1], a]).sum()
         + np.log(P[s[:-1], a, s[1:]]).sum())  # ←"#,
    ),
    panel: frequency_panel,
};
