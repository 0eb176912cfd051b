//! The γ slider: a native range input (so mouse, touch and keyboard all work),
//! its value shown beside it and announced as `γ = 0.90`.

use leptos::prelude::*;

use crate::format::gamma as format_gamma;
use crate::model::{gamma_value_text, parse_gamma};

/// A slider for the discount γ ∈ [0, 1] in steps of 0.01.
///
/// It reports only valid values through `on_change`; anything else is ignored, so the
/// last good value stays.
#[component]
pub fn GammaSlider(
    /// The discount shown.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with each new valid value.
    #[prop(into)]
    on_change: Callback<f64>,
    /// The id of the `<input>`; the label and the shown value point at it.
    #[prop(into, default = "gamma".to_string())]
    id: String,
) -> impl IntoView {
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(v) = parse_gamma(&event_target_value(&ev)) {
            on_change.run(v);
        }
    };
    view! {
        <div class="slider">
            <label for=id.clone()>{crate::i18n::t("control-gamma")}" " <span class="sym">"γ"</span></label>
            <input
                type="range"
                id=id.clone()
                min="0"
                max="1"
                step="0.01"
                data-testid="gamma-slider"
                prop:value=move || format_gamma(value.get())
                aria-valuetext=move || gamma_value_text(value.get())
                on:input=on_input
            />
            <output for=id class="slider-value" data-testid="gamma-value" aria-hidden="true">
                {move || format_gamma(value.get())}
            </output>
        </div>
    }
}
