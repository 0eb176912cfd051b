//! Step 9: the common form without γ^t is not the gradient unless γ = 1.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::policy::{angle_degrees, dot, norm};
use pg_core::Estimator;

use crate::charts::arrows::{self, Arrow, Arrows};
use crate::charts::curves::Curve;
use crate::charts::look::{self, Entry};
use crate::components::chart_canvas::ChartCanvas;
use crate::components::step_panel::{gamma_at, GammaChart, GAMMA_POINTS};
use crate::components::ConvergenceChart;
use crate::context::Explorer;
use crate::format::{degrees, fixed};
use crate::i18n::{mdp_error, t, t_with};

/// Dropping γ^t.
pub static STEP: Step = Step {
    slug: "dropping-gamma-t",
    part: Part::Beyond,
    math: &[
        r"\nabla_\theta J_\theta = \sum_{t} \gamma^t \, \mathbb{E}\big[G_t \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]",
        r"\underbrace{\boxed{\sum_{t} \mathbb{E}\big[G_t \, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big]}}_{\pgtext{math-what-most-code-computes}} \neq \nabla_\theta J_\theta \quad \pgtext{math-when-gamma-below-one}",
    ],
    tip: None,
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
        checks: Some(
            view! {
                <AnglePanel />
                <ConvergenceChart estimators=STEP.estimators />
            }
            .into_any(),
        ),
    }
}

/// What the directions chart shows, all from one snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
struct DirectionsData {
    /// ∇J and the exact mean without γᵗ, in the coordinates of the plane they span.
    arrows: Vec<Arrow>,
    /// Their estimates: reward-to-go (whose mean is ∇J) and the estimator without γᵗ.
    estimates: Vec<arrows::Estimate>,
    /// Whether the two span a plane (else they lie on one line).
    plane: bool,
    /// The two vectors' lengths: the arrows are drawn with unit length.
    lengths: Vec<f64>,
    /// The angle between the two, if both are non-zero.
    angle: Option<f64>,
    /// Whether the direction without γᵗ points downhill (negative dot product with ∇J).
    downhill: bool,
}

/// An orthonormal basis of the plane two vectors span: the first along `a` (or along `b`
/// when `a` is zero), the second toward what of `b` is across it; `None` for the second
/// when they are parallel (or one is zero), `None` altogether when both are zero.
fn plane_of(a: &[f64], b: &[f64]) -> Option<(Vec<f64>, Option<Vec<f64>>)> {
    let unit = |x: &[f64]| {
        let n = norm(x);
        (n > 1e-12).then(|| x.iter().map(|v| v / n).collect::<Vec<f64>>())
    };
    let first = unit(a).or_else(|| unit(b))?;
    let along = dot(b, &first);
    let across: Vec<f64> = b.iter().zip(&first).map(|(v, e)| v - along * e).collect();
    let second = (norm(&across) > 1e-9 * norm(b))
        .then(|| unit(&across))
        .flatten();
    Some((first, second))
}

/// Step 9's picture: ∇J and the exact mean of the estimator without γᵗ as arrows in the
/// plane the two span (on a line when they are parallel), with their Monte Carlo means; on
/// discount-trap they point opposite ways.
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
            let Some((e1, e2)) = plane_of(&dp.grad, &dp.no_discount_weight) else {
                return DirectionsData::default();
            };
            let coords = |v: &[f64]| (dot(v, &e1), e2.as_deref().map_or(0.0, |e| dot(v, e)));
            let shown = [
                (dp.grad.as_slice(), Estimator::RewardToGo, "∇J".to_string()),
                (
                    dp.no_discount_weight.as_slice(),
                    Estimator::NoDiscountWeight,
                    t("estimator-no-discount-weight"),
                ),
            ];
            // Directions: each arrow has unit length (their lengths can differ a hundredfold,
            // and the step is about where they point); estimates share their arrow's scale.
            let unit = |(x, y): (f64, f64), l: f64| if l > 0.0 { (x / l, y / l) } else { (x, y) };
            let lengths: Vec<f64> = shown.iter().map(|(v, _, _)| norm(v)).collect();
            let arrows = shown
                .iter()
                .zip(&lengths)
                .map(|((v, e, name), &l)| Arrow {
                    tip: unit(coords(v), l),
                    look: look::estimator(*e),
                    name: name.clone(),
                })
                .collect();
            let g = snap.gamma();
            // With one parameter the axis is that parameter, and the band its own.
            let one = dp.grad.len() == 1;
            let estimates = sampling
                .read(snap, |run| {
                    let sim = run.simulation();
                    if sim.episodes() < 2 {
                        return Vec::new();
                    }
                    shown
                        .iter()
                        .zip(&lengths)
                        .map(|(&(_, e, _), &l)| {
                            let est = sim.estimate(e, g);
                            let band = if one && l > 0.0 {
                                1.96 * est.stderr.first().copied().unwrap_or(0.0) / l
                            } else {
                                0.0
                            };
                            arrows::Estimate {
                                mean: unit(coords(&est.mean), l),
                                band: (band, 0.0),
                                look: look::estimator(e),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            DirectionsData {
                arrows,
                estimates,
                plane: e2.is_some(),
                lengths,
                angle: angle_degrees(&dp.grad, &dp.no_discount_weight),
                downhill: dot(&dp.grad, &dp.no_discount_weight) < 0.0,
            }
        })
    });
    let summary = Signal::derive(move || {
        let g = snapshot.with(|s| s.gamma());
        data.with(|d| {
            let (Some(&grad), Some(&other)) = (d.lengths.first(), d.lengths.get(1)) else {
                return t("directions-zero");
            };
            let verdict = match d.angle {
                None => t("directions-verdict-zero"),
                Some(a) if d.downhill => t_with(
                    "directions-verdict-downhill",
                    &[("angle", degrees(Some(a)).into())],
                ),
                Some(a) if a < 0.05 => t("directions-verdict-same"),
                Some(a) => t_with(
                    "directions-verdict-apart",
                    &[("angle", degrees(Some(a)).into())],
                ),
            };
            t_with(
                "directions-summary",
                &[
                    ("gamma", crate::format::gamma(g).into()),
                    ("grad", fixed(grad, 4).into()),
                    ("other", fixed(other, 4).into()),
                    ("verdict", verdict.into()),
                ],
            )
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let (x_label, y_label) = (t("directions-x"), t("directions-y"));
        data.with(|d| {
            let chart = Arrows {
                arrows: &d.arrows,
                estimates: &d.estimates,
                x_label: &x_label,
                y_label: d.plane.then_some(y_label.as_str()),
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
                t("directions-legend-grad"),
                look::estimator(Estimator::RewardToGo),
            ),
            Entry::new(
                t("directions-legend-without"),
                look::estimator(Estimator::NoDiscountWeight),
            ),
        ]
    });
    let csv = Signal::derive(move || {
        data.with(|d| {
            let mut out = String::from("vector,x,y,estimate_x,estimate_y,band_x,band_y,length\n");
            for (k, (name, a)) in ["grad_J", "without_gamma_t"]
                .iter()
                .zip(&d.arrows)
                .enumerate()
            {
                let e = d.estimates.get(k);
                let f = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
                let l = d.lengths.get(k).copied().unwrap_or(f64::NAN);
                out.push_str(&format!(
                    "{name},{},{},{},{},{},{},{l}\n",
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
            caption=t("directions-caption") />
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
    // An exact solve per point: computed in slices (at the limits, about 10 ms each).
    let (points, pending) = crate::sliced::model_curve(model, GAMMA_POINTS + 1, |m, k| {
        let g = gamma_at(k);
        let dp = pg_core::exact::dp_with_policy(m.mdp(), m.policy(), g);
        Some((g, angle_degrees(&dp.grad, &dp.no_discount_weight)?))
    });
    let angles = Memo::new(move |_| {
        vec![Curve {
            label: t("angle-curve"),
            points: points.get(),
            look: look::PLAIN,
        }]
    });
    let summary = Signal::derive(move || {
        snapshot.with(|snap| match snap.exact() {
            Ok(dp) => {
                let along = dot(&dp.grad, &dp.no_discount_weight);
                let raw = angle_degrees(&dp.grad, &dp.no_discount_weight);
                let angle = degrees(raw);
                // Below 0.05° the angle prints as 0.0°: the two directions agree.
                let verdict = match raw {
                    None => t("angle-verdict-zero"),
                    Some(a) if a < 0.05 => t("angle-verdict-same"),
                    Some(_) if along < 0.0 => t("angle-verdict-against"),
                    Some(_) => t("angle-verdict-climbs"),
                };
                t_with(
                    "angle-summary",
                    &[
                        ("gamma", crate::format::gamma(snap.gamma()).into()),
                        ("angle", angle.into()),
                        ("verdict", verdict.into()),
                    ],
                )
            }
            Err(e) => mdp_error(e),
        })
    });
    view! {
        <GammaChart testid="chart-angle" curves=angles y_label=t("angle-axis")
            reference=Some(90.0) summary=summary pending=pending
            caption=t("angle-caption") />
        <p class="chart-summary" data-testid="angle-summary" aria-live="polite">{summary}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plane_is_the_one_the_two_vectors_span() {
        // Two vectors of ±-paired components (two actions per state) still span a plane.
        let (e1, e2) = plane_of(&[0.3, -0.3, 0.1, -0.1], &[0.1, -0.1, 0.4, -0.4]).unwrap();
        let e2 = e2.expect("not parallel");
        assert!((dot(&e1, &e1) - 1.0).abs() < 1e-12 && (dot(&e2, &e2) - 1.0).abs() < 1e-12);
        assert!(dot(&e1, &e2).abs() < 1e-12);
        // Parallel, or opposite: a line; ∇J zero: the other's direction; both zero: nothing.
        assert!(plane_of(&[1.0, 2.0], &[-2.0, -4.0]).unwrap().1.is_none());
        assert_eq!(
            plane_of(&[0.0, 0.0], &[0.0, 3.0]).unwrap().0,
            vec![0.0, 1.0]
        );
        assert!(plane_of(&[0.0], &[0.0]).is_none());
    }
}
