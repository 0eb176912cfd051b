//! Step 9: the common form without γ^t is not the gradient unless γ = 1.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::{policy::angle_degrees, Estimator};

use crate::charts::arrows::{self, Arrow, Arrows};
use crate::charts::curves::Curve;
use crate::charts::look::{self, Entry};
use crate::components::chart_canvas::ChartCanvas;
use crate::components::step_panel::{gammas, GammaChart};
use crate::components::ConvergenceChart;
use crate::context::Explorer;
use crate::format::{degrees, fixed};

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
        r#"# G[t]: the return from t, undiscounted to t
G = np.array([discounts[:T - t] @ rewards[t:]
              for t in range(T)])
estimate = G @ scores         # ← γ^t dropped"#,
    ),
    panel,
};

/// The hero: ∇J and the direction without γᵗ as two arrows in the parameter plane, with
/// their Monte Carlo estimates; the angle against γ and both estimators' convergence below.
fn panel() -> Panel {
    Panel {
        hero: view! { <Directions /> }.into_any(),
        checks: view! {
            <AnglePanel />
            <ConvergenceChart estimators=STEP.estimators />
        }
        .into_any(),
    }
}

/// What the directions chart shows, all from one snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
struct DirectionsData {
    /// ∇J and the exact mean without γᵗ, in the plane of components `axes`.
    arrows: Vec<Arrow>,
    /// Their estimates: reward-to-go (whose mean is ∇J) and the estimator without γᵗ.
    estimates: Vec<arrows::Estimate>,
    /// The components shown: the largest of |∇J|, and the next one (none with d = 1).
    axes: (usize, Option<usize>),
    /// Axis names.
    labels: (String, Option<String>),
    /// The angle between the two in all dimensions, if both are non-zero.
    angle: Option<f64>,
    /// Whether the direction without γᵗ points downhill (negative dot product with ∇J).
    downhill: bool,
}

/// The two components of ∇J largest in size, the largest first; one for d = 1.
fn largest_two(grad: &[f64]) -> (usize, Option<usize>) {
    let mut order: Vec<(usize, f64)> = grad.iter().map(|g| g.abs()).enumerate().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    (order.first().map_or(0, |o| o.0), order.get(1).map(|o| o.0))
}

/// Step 9's picture: ∇J and the exact mean of the estimator without γᵗ as arrows in the plane
/// of the two largest components of ∇J (on a line with one parameter), each with its Monte
/// Carlo estimate; on discount-trap they point opposite ways.
#[component]
fn Directions() -> impl IntoView {
    let Explorer {
        snapshot,
        sampling,
        dark,
        ..
    } = Explorer::get();
    let data = Memo::new(move |_| {
        snapshot.with(|snap| {
            let Ok(dp) = snap.exact() else {
                return DirectionsData::default();
            };
            let (i, j) = largest_two(&dp.grad);
            let pick = |v: &[f64]| {
                (
                    v.get(i).copied().unwrap_or(f64::NAN),
                    j.and_then(|j| v.get(j).copied()).unwrap_or(0.0),
                )
            };
            let model = snap.model();
            let shown = [
                (dp.grad.as_slice(), Estimator::RewardToGo, "∇J"),
                (
                    dp.no_discount_weight.as_slice(),
                    Estimator::NoDiscountWeight,
                    "without γᵗ",
                ),
            ];
            let arrows = shown
                .iter()
                .map(|&(v, e, name)| Arrow {
                    tip: pick(v),
                    look: look::estimator(e),
                    name: name.into(),
                })
                .collect();
            let g = snap.gamma();
            let estimates = sampling
                .read(snap, |run| {
                    let sim = run.simulation();
                    if sim.episodes() < 2 {
                        return Vec::new();
                    }
                    shown
                        .iter()
                        .map(|&(_, e, _)| {
                            let est = sim.estimate(e, g);
                            let (m, se) = (pick(&est.mean), pick(&est.stderr));
                            arrows::Estimate {
                                mean: m,
                                band: (1.96 * se.0, 1.96 * se.1),
                                look: look::estimator(e),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let dot: f64 = dp
                .grad
                .iter()
                .zip(&dp.no_discount_weight)
                .map(|(a, b)| a * b)
                .sum();
            DirectionsData {
                arrows,
                estimates,
                axes: (i, j),
                labels: (
                    format!("∂/∂{}", model.label(i)),
                    j.map(|j| format!("∂/∂{}", model.label(j))),
                ),
                angle: angle_degrees(&dp.grad, &dp.no_discount_weight),
                downhill: dot < 0.0,
            }
        })
    });
    let summary = Signal::derive(move || {
        let g = snapshot.with(|s| s.gamma());
        data.with(|d| {
            let tip = |k: usize| d.arrows.get(k).map(|a| a.tip);
            let (Some(grad), Some(other)) = (tip(0), tip(1)) else {
                return "No exact gradient for this MDP.".to_string();
            };
            let plane = match &d.labels.1 {
                Some(y) => format!(
                    "In the plane of {} and {y}, ∇J is ({}, {}) and the direction without γᵗ is ({}, {})",
                    d.labels.0,
                    fixed(grad.0, 4),
                    fixed(grad.1, 4),
                    fixed(other.0, 4),
                    fixed(other.1, 4)
                ),
                None => format!(
                    "Along {}, ∇J is {} and the direction without γᵗ is {}",
                    d.labels.0,
                    fixed(grad.0, 4),
                    fixed(other.0, 4)
                ),
            };
            let verdict = match d.angle {
                None => "one of them is zero".to_string(),
                Some(a) if d.downhill => format!(
                    "over all parameters they are {} apart: ascending the form without γᵗ lowers J",
                    degrees(Some(a))
                ),
                Some(a) => format!("over all parameters they are {} apart", degrees(Some(a))),
            };
            format!("At γ = {}: {plane}; {verdict}.", crate::format::gamma(g))
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        data.with(|d| {
            let chart = Arrows {
                arrows: &d.arrows,
                estimates: &d.estimates,
                x_label: &d.labels.0,
                y_label: d.labels.1.as_deref(),
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = arrows::draw(&area, &chart) {
                leptos::logging::warn!("directions: {err}");
            }
        });
    });
    let legend = Signal::derive(|| {
        vec![
            Entry::new(
                "∇J (the mean of reward-to-go)",
                look::estimator(Estimator::RewardToGo),
            ),
            Entry::new(
                "the mean without γᵗ",
                look::estimator(Estimator::NoDiscountWeight),
            ),
        ]
    });
    let csv = Signal::derive(move || {
        data.with(|d| {
            let mut out = String::from("vector,x,y,estimate_x,estimate_y,band_x,band_y\n");
            for (k, (name, a)) in ["grad_J", "without_gamma_t"]
                .iter()
                .zip(&d.arrows)
                .enumerate()
            {
                let e = d.estimates.get(k);
                let f = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
                out.push_str(&format!(
                    "{name},{},{},{},{},{},{}\n",
                    a.tip.0,
                    a.tip.1,
                    f(e.map(|e| e.mean.0)),
                    f(e.map(|e| e.mean.1)),
                    f(e.map(|e| e.band.0)),
                    f(e.map(|e| e.band.1))
                ));
            }
            out
        })
    });
    let angle_value =
        Signal::derive(move || data.with(|d| d.angle.map_or(String::new(), |a| format!("{a:e}"))));
    view! {
        <ChartCanvas testid="chart-directions" summary=summary paint=paint legend=legend csv=csv
            data_value=angle_value
            caption="Exact vectors as arrows (tips ringed), on one scale for both axes so the angle is true; dots with bars are the Monte Carlo estimates with their 95% bands." />
        <p class="chart-summary" data-testid="directions-summary" aria-live="polite">{summary}</p>
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
        <p class="chart-summary" data-testid="angle-summary" aria-live="polite">{summary}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plane_is_that_of_the_two_largest_components() {
        assert_eq!(largest_two(&[0.1, -0.5, 0.3]), (1, Some(2)));
        assert_eq!(largest_two(&[-2.0]), (0, None));
        assert_eq!(largest_two(&[]), (0, None));
    }
}
