//! Exact readouts for the MDP, θ and γ in use: J and ∇J, each labelled with its route.

use leptos::prelude::*;

use crate::components::Tex;
use crate::context::Explorer;
use crate::format::{fixed, full_precision, full_precision_list, signed};
use crate::i18n::{mdp_error, t, t_with};

/// Vectors longer than this are folded behind a disclosure.
const SHOWN_COMPONENTS: usize = 6;

/// The readout labels' math: J_θ and ∇J_θ (rendered by the build with the steps' math).
pub const READOUT_MATH: [&str; 2] = [r"J_\theta", r"\nabla_\theta J_\theta"];

/// J and ∇J by dynamic programming, with full-precision `data-value`s for tests.
#[component]
pub fn ExactReadouts() -> impl IntoView {
    let snapshot = Explorer::get().snapshot;
    let j_value = move || snapshot.with(|s| s.j().and_then(full_precision));
    let grad_value =
        move || snapshot.with(|s| s.exact().ok().and_then(|dp| full_precision_list(&dp.grad)));
    let j_text = move || {
        snapshot.with(|s| match s.exact() {
            Ok(dp) => fixed(dp.j, 6),
            Err(err) => t_with("readout-unavailable", &[("problem", mdp_error(err).into())]),
        })
    };
    // One row per parameter, names and values from the same snapshot.
    let grad_rows = move || {
        snapshot.with(|s| {
            s.grad()
                .iter()
                .zip(s.model().labels())
                .map(|(g, name)| {
                    view! {
                        <li>
                            <span class="component-name">{name.clone()}</span>
                            <span class="component-value">{signed(*g, 6)}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let norm = move || snapshot.with(|s| pg_core::policy::norm(s.grad()));
    let count = move || snapshot.with(|s| s.model().dim());
    let many = move || count() > SHOWN_COMPONENTS;
    view! {
        <dl class="readout" aria-live="polite">
            <div class="readout-row">
                <dt>{t("readout-exact")}" " <Tex tex=READOUT_MATH[0].to_string() /></dt>
                <dd>
                    <output data-testid="exact-J" data-value=j_value>{j_text}</output>
                    <span class="route">{t("readout-route-dp")}</span>
                </dd>
            </div>
            <div class="readout-row">
                <dt>{t("readout-exact")}" " <Tex tex=READOUT_MATH[1].to_string() /></dt>
                <dd data-testid="exact-grad" data-value=grad_value>
                    <span class="route">{t("readout-route-dp")}</span>
                    <span class="grad-norm">{move || t_with("readout-norm", &[("value", fixed(norm(), 6).into())])}</span>
                    <Show
                        when=many
                        fallback=move || view! { <ul class="components">{grad_rows}</ul> }
                    >
                        <details class="components-details">
                            <summary>{move || t_with("readout-components", &[("count", count().into())])}</summary>
                            <ul class="components">{grad_rows}</ul>
                        </details>
                    </Show>
                </dd>
            </div>
        </dl>
    }
}
