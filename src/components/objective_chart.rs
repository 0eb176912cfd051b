//! The chart of [`crate::charts::objective_vs_gamma`]: exact J against γ with the current γ
//! marked, redrawn when the curve, γ or the theme change.

use leptos::prelude::*;

use crate::charts::objective_vs_gamma::{draw, ObjectiveVsGamma};
use crate::components::chart_canvas::ChartCanvas;
use crate::model::{format_gamma, full_precision};

/// Exact J against γ, with the current γ marked.
#[component]
pub fn ObjectiveChart(
    /// (γ, J) pairs.
    #[prop(into)]
    curve: Signal<Vec<(f64, f64)>>,
    /// The current discount.
    #[prop(into)]
    gamma: Signal<f64>,
    /// The exact J at the current discount.
    #[prop(into)]
    j: Signal<f64>,
    /// The MDP's name, for the accessible description.
    #[prop(into)]
    mdp_name: Signal<String>,
    /// Whether the page is in the dark theme.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let paint = Callback::new(move |(area, scale)| {
        let (gamma, j, dark) = (gamma.get(), j.get(), dark.get());
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
        format!(
            "Line chart of the exact objective J against the discount γ for the {} MDP; \
             marked: γ = {}, J = {:.4}",
            mdp_name.get(),
            format_gamma(gamma.get()),
            j.get()
        )
    };
    view! {
        <ChartCanvas
            testid="chart-objective-vs-gamma"
            summary=Signal::derive(summary)
            caption="Exact J as a function of γ (dynamic programming, no sampling). The ring marks the current γ."
            paint=paint
            data_value=Signal::derive(move || full_precision(gamma.get()))
            csv=Signal::derive(move || curve.with(|c| crate::charts::scatter::csv("gamma", "J", c)))
        />
    }
}
