//! The canvas that shows [`crate::charts::objective_vs_gamma`]: sized to its CSS
//! box at the device pixel ratio, and redrawn by one effect whenever the data,
//! γ or the window size change.

use leptos::{ev, html, prelude::*};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use crate::charts::objective_vs_gamma::{draw, ObjectiveVsGamma};
use crate::model::{format_gamma, full_precision};

/// Resizes the canvas backing store to its CSS size × device pixel ratio and
/// returns the ratio used; `None` if the canvas has no layout yet.
fn fit_to_css_size(canvas: &web_sys::HtmlCanvasElement) -> Option<f64> {
    let ratio = window().device_pixel_ratio();
    let ratio = if ratio.is_finite() && ratio > 0.0 {
        ratio.min(4.0)
    } else {
        1.0
    };
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    let (w, h) = (
        (f64::from(w) * ratio).round() as u32,
        (f64::from(h) * ratio).round() as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    Some(ratio)
}

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
    let canvas_ref = NodeRef::<html::Canvas>::new();
    // Bumped on window resize so the drawing effect runs again.
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    Effect::new(move |_| {
        resized.track();
        let (gamma, j, dark) = (gamma.get(), j.get(), dark.get());
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        curve.with(|curve| {
            let Some(scale) = fit_to_css_size(&canvas) else {
                return;
            };
            let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
                return;
            };
            let area = backend.into_drawing_area();
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

    let label = move || {
        format!(
            "Line chart of the exact objective J against the discount γ for the {} MDP; \
             marked: γ = {}, J = {:.4}",
            mdp_name.get(),
            format_gamma(gamma.get()),
            j.get()
        )
    };
    view! {
        <figure class="chart">
            <canvas
                node_ref=canvas_ref
                class="chart-canvas"
                role="img"
                aria-label=label
                data-testid="chart-objective-vs-gamma"
                data-gamma=move || full_precision(gamma.get())
            >
                "Exact J against γ."
            </canvas>
            <figcaption>
                "Exact J as a function of γ (dynamic programming, no sampling). "
                "The ring marks the current γ."
            </figcaption>
        </figure>
    }
}
