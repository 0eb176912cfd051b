//! Step 4: the chain rule and the Markov property factor the probability of an episode.

use super::{Part, Step};
use crate::components::identity_panels::frequency_panel;

/// The Markov factorisation.
pub static STEP: Step = Step {
    slug: "markov-factorisation",
    part: Part::Seed,
    math: &[
        r"P(A, B) = P(A)\, P(B \mid A)",
        r"\begin{aligned} P_\theta(\tau) &= P(s_0)\, P_\theta(a_0 \mid s_0)\, P(s_1 \mid s_0, a_0) \\ &\quad \cdot P_\theta(a_1 \mid s_0, a_0, s_1)\, P(s_2 \mid s_0, a_0, s_1, a_1) \cdots \end{aligned}",
        r"P_\theta(\tau) = P(s_0) \prod_{t=0}^{T-1} \underbrace{\boxed{\pi_\theta(a_t \mid s_t)}}_{\pgtext{math-markov}}\, P(s_{t+1} \mid s_t, a_t)",
    ],
    tip: Some("[2]"),
    estimators: &[pg_core::Estimator::Trajectory],
    in_code: Some(
        r#"# states s (T+1,), actions a (T,)
log_P = (np.log(start[s[0]])
         + np.log(pi[s[:-1], a]).sum()
         + np.log(P[s[:-1], a, s[1:]]).sum())  # ←"#,
    ),
    panel: frequency_panel,
};
