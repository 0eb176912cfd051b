//! The chart of [`crate::charts::objective_vs_gamma`]: exact J against γ with the current γ
//! marked, redrawn when the curve, γ or the theme change.

use leptos::prelude::*;

use crate::charts::objective_vs_gamma::{draw, ObjectiveVsGamma};
use crate::components::chart_canvas::ChartCanvas;
use crate::context::Explorer;
use crate::format::{self, fixed, full_precision};
use crate::i18n::{t, t_with};
use crate::model::{objective_point, GAMMA_STEPS};

/// Exact J against γ, with the current γ marked.
#[component]
pub fn ObjectiveChart() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    // The curve depends on the model only; γ moves the mark.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    // At the limits each point is an exact solve of several milliseconds: computed in slices.
    let (curve, pending) = crate::sliced::model_curve(model, GAMMA_STEPS + 1, |m, k| {
        objective_point(m.mdp(), m.policy(), k, GAMMA_STEPS)
    });
    let paint = Callback::new(move |(area, scale)| {
        let (gamma, j) = snapshot.with(|s| (s.gamma(), s.j().unwrap_or(f64::NAN)));
        let dark = dark.get();
        curve.with(|curve| {
            let data = ObjectiveVsGamma {
                curve,
                gamma,
                j,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = draw(&area, &data) {
                leptos::logging::warn!("objective chart: {err}");
            }
        });
    });
    let summary = move || {
        snapshot.with(|s| {
            t_with(
                "objective-chart-summary",
                &[
                    ("mdp", s.model().shown_name(crate::i18n::current()).into()),
                    ("gamma", format::gamma(s.gamma()).into()),
                    ("j", s.j().map_or("—".to_string(), |j| fixed(j, 4)).into()),
                ],
            )
        })
    };
    view! {
        <ChartCanvas
            testid="chart-objective-vs-gamma"
            summary=Signal::derive(summary)
            caption=t("objective-chart-caption")
            paint=paint
            pending=pending
            data_value=Signal::derive(move || snapshot.with(|s| full_precision(s.gamma()).unwrap_or_default()))
            csv=Signal::derive(move || curve.with(|c| crate::charts::scatter::csv("gamma", "J", c)))
        />
    }
}
