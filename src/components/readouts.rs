//! Exact readouts for the MDP, θ and γ in use: J and ∇J, each labelled with its route.

use leptos::prelude::*;
use pg_core::exact::DpResult;

use crate::components::Tex;
use crate::model::{full_precision, full_precision_list};

/// Vectors longer than this are folded behind a disclosure.
const SHOWN_COMPONENTS: usize = 6;

/// The readout labels' math: J_θ and ∇J_θ (rendered by the build with the steps' math).
pub const READOUT_MATH: [&str; 2] = [r"J_\theta", r"\nabla_\theta J_\theta"];

/// J and ∇J by dynamic programming, with full-precision `data-value`s for tests.
#[component]
pub fn ExactReadouts(
    /// The exact values, or the reason there are none.
    #[prop(into)]
    exact: Signal<Result<DpResult, String>>,
    /// Names of the parameters, in order.
    #[prop(into)]
    labels: Signal<Vec<String>>,
) -> impl IntoView {
    let j_value = move || exact.with(|e| e.as_ref().map(|dp| full_precision(dp.j)).ok());
    let grad_value =
        move || exact.with(|e| e.as_ref().map(|dp| full_precision_list(&dp.grad)).ok());
    let j_text = move || {
        exact.with(|e| match e {
            Ok(dp) => format!("{:.6}", dp.j),
            Err(err) => format!("not available: {err}"),
        })
    };
    let grad_rows = move || {
        let grad = exact.with(|e| e.as_ref().map(|dp| dp.grad.clone()).unwrap_or_default());
        labels.with(|labels| {
            grad.iter()
                .zip(labels)
                .map(|(g, name)| {
                    view! {
                        <li>
                            <span class="component-name">{name.clone()}</span>
                            <span class="component-value">{format!("{g:+.6}")}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let norm = move || {
        exact.with(|e| {
            e.as_ref()
                .map(|dp| dp.grad.iter().map(|g| g * g).sum::<f64>().sqrt())
                .unwrap_or(f64::NAN)
        })
    };
    let many = move || labels.with(|l| l.len() > SHOWN_COMPONENTS);
    view! {
        <dl class="readout" aria-live="polite">
            <div class="readout-row">
                <dt>"Exact " <Tex tex=READOUT_MATH[0].to_string() /></dt>
                <dd>
                    <output data-testid="exact-J" data-value=j_value>{j_text}</output>
                    <span class="route">"dynamic programming"</span>
                </dd>
            </div>
            <div class="readout-row">
                <dt>"Exact " <Tex tex=READOUT_MATH[1].to_string() /></dt>
                <dd data-testid="exact-grad" data-value=grad_value>
                    <span class="route">"dynamic programming"</span>
                    <span class="grad-norm">{move || format!("norm {:.6}", norm())}</span>
                    <Show
                        when=many
                        fallback=move || view! { <ul class="components">{grad_rows}</ul> }
                    >
                        <details class="components-details">
                            <summary>{move || format!("{} components", labels.with(Vec::len))}</summary>
                            <ul class="components">{grad_rows}</ul>
                        </details>
                    </Show>
                </dd>
            </div>
        </dl>
    }
}
