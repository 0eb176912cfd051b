//! Step 1: the objective J_θ, the expected discounted return of an episode.

use super::{Panel, Part, Step};
use leptos::prelude::*;

use crate::charts::curves::{self, Curve, Curves};
use crate::charts::look;
use crate::checks::objective_against_probability;
use crate::components::chart_canvas::ChartCanvas;
use crate::components::step_panel::legend_of;
use crate::components::{ConvergenceChart, ObjectiveChart};
use crate::context::Explorer;
use crate::format::fixed;

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
            <ProbabilityChart />
        }
        .into_any(),
        checks: None,
    }
}

/// Grid points of the J-against-probability curve.
const PROBABILITY_POINTS: usize = 100;

/// For a policy that is the same in every state (Sutton and Barto's short corridor), J
/// against the probability of the second action, its best value marked: the number students
/// check against the textbook. Nothing for other MDPs.
#[component]
fn ProbabilityChart() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let curve = Memo::new(move |_| {
        snapshot.with(|s| {
            let m = s.model();
            objective_against_probability(m.mdp(), m.theta(), s.gamma(), PROBABILITY_POINTS)
        })
    });
    let curves = Memo::new(move |_| {
        curve.with(|c| {
            let Some(c) = c else { return Vec::new() };
            // Near π = 0 or 1 the corridor's J falls without bound: the chart shows down to
            // three times the best J's size below it, where the shape is.
            let floor = c.best.1 - 3.0 * c.best.1.abs().max(1e-9);
            let shown: Vec<(f64, f64)> =
                c.points.iter().copied().filter(|p| p.1 >= floor).collect();
            let low = shown.iter().map(|p| p.1).fold(c.best.1, f64::min);
            vec![
                Curve {
                    label: format!("exact J against π({})", c.action),
                    points: shown,
                    look: look::PLAIN,
                },
                Curve {
                    label: format!(
                        "best: π({}) = {}, J = {}",
                        c.action,
                        fixed(c.best.0, 3),
                        fixed(c.best.1, 3)
                    ),
                    points: vec![(c.best.0, low), (c.best.0, c.best.1)],
                    look: look::REFERENCE,
                },
            ]
        })
    });
    let summary = Signal::derive(move || {
        let g = snapshot.with(|s| s.gamma());
        curve.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                format!(
                    "The policy is the same in every state, so one number describes it: π({a}). At γ = {}, J is largest at π({a}) = {} (J = {}); the current θ gives π({a}) = {}.",
                    crate::format::gamma(g),
                    fixed(c.best.0, 3),
                    fixed(c.best.1, 3),
                    fixed(c.current, 3),
                    a = c.action
                )
            })
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let current = curve.with(|c| c.as_ref().map(|c| c.current));
        let x_label = curve.with(|c| {
            c.as_ref()
                .map_or(String::new(), |c| format!("π({}) in every state", c.action))
        });
        curves.with(|cs| {
            let data = Curves {
                curves: cs,
                x_range: (0.0, 1.0),
                x_label: &x_label,
                y_label: "exact J",
                guide: current,
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = curves::draw(&area, &data) {
                leptos::logging::warn!("J against the probability: {err}");
            }
        });
    });
    view! {
        <Show when=move || curve.with(Option::is_some)>
            <ChartCanvas testid="chart-objective-vs-probability" summary=summary paint=paint
                legend=Signal::derive(move || curves.with(|c| legend_of(c)))
                csv=Signal::derive(move || curves.with(|c| curves::csv("probability", c)))
                data_value=Signal::derive(move || curve.with(|c| c.as_ref().map_or(String::new(), |c| format!("{:e}", c.best.0))))
                caption=move || {
                    // The textbook's number, where this is the textbook's MDP.
                    let textbook = snapshot.with(|s| s.model().preset() == Some("corridor"));
                    format!(
                        "Exact J (dynamic programming) for every probability of the action, the same in every state; the long-dashed line marks the best, the short-dashed one the current θ.{}",
                        if textbook { " Sutton and Barto, Example 13.1: at γ = 1 the best is 2 − √2 ≈ 0.586." } else { "" }
                    )
                } />
            <p class="chart-summary" data-testid="probability-summary">{summary}</p>
        </Show>
    }
}
