//! Step 9: the common form without γ^t is not the gradient unless γ = 1.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::{policy::angle_degrees, Estimator};

use crate::charts::curves::Curve;
use crate::charts::look;
use crate::components::step_panel::{gammas, GammaChart};
use crate::components::ConvergenceChart;
use crate::context::Explorer;
use crate::format::degrees;

/// Dropping γ^t.
pub static STEP: Step = Step {
    slug: "dropping-gamma-t",
    title: "What if γᵗ is dropped?",
    part: Part::Beyond,
    math: &[
        r"\nabla_\theta J_\theta = \sum_{t} \gamma^t \, \mathbb{E}\big[G_t \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]",
        r"\underbrace{\boxed{\sum_{t} \mathbb{E}\big[G_t \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]}}_{\text{what most code computes}} \neq \nabla_\theta J_\theta \quad \text{when } \gamma < 1",
    ],
    changed: "the weight γᵗ removed",
    justification: "The seed's question (Q1) states the gradient with $\\approx$ and without $\\gamma^t$, and its solution ends with $\\gamma^t G_t$: both appear because the form without $\\gamma^t$ is what most code computes, but it is a different direction. It weights a decision at time $t$ as much as one at the start, although $J$ discounts it by $\\gamma^t$. It equals $\\nabla_\\theta J_\\theta$ when $\\gamma = 1$ or when every episode is one step long; otherwise it is biased, and it is not the gradient of any function (Thomas 2014; Nota and Thomas 2020, “Is the policy gradient a gradient?”).",
    tip: None,
    confirms: "Both directions, exact and estimated, as γ moves, and the angle between them; on discount-trap the direction without γᵗ points against ∇J.",
    estimators: &[Estimator::NoDiscountWeight, Estimator::RewardToGo],
    in_code: Some(
        "G = np.array([discounts[:T - t] @ rewards[t:] for t in range(T)])  # G_t\n\
estimate = G @ scores                 # ← Σ_t G_t ∇ln π: the γ^t factor dropped",
    ),
    panel,
};

/// The hero: the angle between ∇J and the direction without γᵗ against γ; both estimators
/// converging to their own exact means below.
fn panel() -> Panel {
    Panel {
        hero: view! { <AnglePanel /> }.into_any(),
        checks: view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any(),
    }
}

/// The angle between ∇J and the direction without γᵗ against γ, and its reading at the
/// current γ (step 9).
#[component]
fn AnglePanel() -> impl IntoView {
    let snapshot = Explorer::get().snapshot;
    // The curve depends on the model only, not on γ.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let angles = Memo::new(move |_| {
        let m = model.get();
        let points = gammas()
            .filter_map(|g| {
                let dp = pg_core::exact::dynamic_programming(m.mdp(), m.theta(), g).ok()?;
                Some((g, angle_degrees(&dp.grad, &dp.no_discount_weight)?))
            })
            .collect();
        vec![Curve {
            label: "angle between ∇J and the direction without γᵗ".into(),
            points,
            look: look::PLAIN,
        }]
    });
    let summary = Signal::derive(move || {
        snapshot.with(|snap| match snap.exact() {
            Ok(dp) => {
                let dot: f64 = dp
                    .grad
                    .iter()
                    .zip(&dp.no_discount_weight)
                    .map(|(a, b)| a * b)
                    .sum();
                let raw = angle_degrees(&dp.grad, &dp.no_discount_weight);
                let angle = degrees(raw);
                // Below 0.05° the angle prints as 0.0°: the two directions agree.
                let verdict = match raw {
                    None => "with a zero vector there is no direction to compare",
                    Some(a) if a < 0.05 => "the two point the same way",
                    Some(_) if dot < 0.0 => "it points against ∇J: ascending it lowers J",
                    Some(_) => "it still climbs J, but not along the gradient",
                };
                format!(
                    "At γ = {}, the angle between ∇J and the direction without γᵗ is {angle}; {verdict}.",
                    crate::format::gamma(snap.gamma())
                )
            }
            Err(e) => e.to_string(),
        })
    });
    view! {
        <GammaChart testid="chart-angle" curves=angles y_label="angle (degrees)"
            reference=Some(90.0) summary=summary
            caption="Exact angle between ∇J and the mean of the estimator without γᵗ, against γ (dynamic programming). Above 90° it points downhill; at γ = 1 the two agree." />
        <p class="chart-summary" aria-live="polite">{summary}</p>
    }
}
