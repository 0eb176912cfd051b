//! Step 1: the objective J_θ, the expected discounted return of an episode.

use super::{Panel, Part, Step};
use leptos::prelude::*;

use crate::components::{ConvergenceChart, ObjectiveChart};

/// The objective.
pub static STEP: Step = Step {
    slug: "objective",
    title: "The objective: expected return",
    part: Part::Seed,
    math: &[
        r"\tau = (s_0, a_0, s_1, a_1, \ldots, s_T)",
        r"G_t = \sum_{k=0}^{\infty} \gamma^{k} R_{t+k} = R_t + \gamma R_{t+1} + \gamma^2 R_{t+2} + \cdots",
        r"\underbrace{\boxed{J_\theta = \mathbb{E}_{\tau}\left[G_0\right] = \int_\tau G_0 \, P_\theta(\tau)\, d\tau}}_{\text{what we maximise}}",
    ],
    changed: "the objective",
    justification: "An episode $\\tau$ is one run of the process: a start state, an action, a reward, the next state, and so on until a terminal state or the horizon. Its return $G_t$ adds the rewards from time $t$ on, each discounted by $\\gamma$ once per step of delay (rewards after the end count as zero, and $\\gamma^0 = 1$ even when $\\gamma = 0$). The objective $J_\\theta$ averages the return from the start over all episodes, weighted by their probability $P_\\theta(\\tau)$. For a finite MDP the integral is a finite sum.",
    tip: None,
    confirms: "The mean of G₀ over sampled episodes converges to the exact J; J as a function of γ.",
    estimators: &[],
    in_code: None,
    panel,
};

/// The hero: the mean of G₀ over the sampled episodes converging to the exact J, beside J
/// against γ with the current γ marked.
fn panel() -> Panel {
    Panel {
        hero: view! {
            <div class="hero-pair">
                <ConvergenceChart estimators=STEP.estimators />
                <ObjectiveChart />
            </div>
        }
        .into_any(),
        checks: None,
    }
}
