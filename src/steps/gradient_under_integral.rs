//! Step 2: the gradient moves under the integral and only the probability depends on θ.

use super::{Panel, Part, Step};
use leptos::prelude::*;

use std::sync::Arc;

use pg_core::exact::{finite_difference_component, Enumeration};

use crate::charts::episode_weights as chart;
use crate::charts::look::{self, Entry};
use crate::checks::episode_weights;
use crate::components::chart_canvas::ChartCanvas;
use crate::components::identity_panels::{AlongGradientChart, GradientRoutesTable, ListingOf};
use crate::context::Explorer;
use crate::format::{fixed, grouped};
use crate::i18n::t_with;

/// The gradient under the integral.
pub static STEP: Step = Step {
    slug: "gradient-under-integral",
    part: Part::Seed,
    math: &[
        r"\nabla_\theta J_\theta = \nabla_\theta \int_\tau G_0 \, P_\theta(\tau)\, d\tau = \int_\tau G_0 \, \underbrace{\boxed{\nabla_\theta P_\theta(\tau)}}_{\pgtext{math-only-this-depends}} d\tau",
    ],
    tip: None,
    estimators: &[],
    in_code: None,
    panel,
};

/// The hero: for an MDP whose episodes can be listed, ∇J as a weighted sum over episodes
/// (their probabilities, how those move, and G₀·∂P summed beside the finite-difference
/// slope); otherwise J along the gradient direction touching its tangent. The three routes to
/// ∇J below it.
fn panel() -> Panel {
    let snapshot = Explorer::get().snapshot;
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let listing = Memo::new(move |_| {
        let m = model.get();
        Enumeration::new(m.mdp(), m.policy()).map(|l| Arc::new(ListingOf(l, m.generation())))
    });
    let listed = Memo::new(move |_| listing.with(Option::is_some));
    Panel {
        hero: view! {
            <Show when=move || listed.get() fallback=|| view! { <AlongGradientChart /> }>
                <EpisodeWeightsChart listing=listing />
            </Show>
        }
        .into_any(),
        checks: Some(
            view! {
                <GradientRoutesTable />
                <Show when=move || listed.get()>
                    <AlongGradientChart />
                </Show>
            }
            .into_any(),
        ),
    }
}

/// Episodes shown one by one; the rest are summed in one bar.
const SHOWN_EPISODES: usize = 10;

/// ∂J/∂θ\[k\] = Σ_τ G₀(τ) ∂P_θ(τ)/∂θ\[k\], episode by episode ([`episode_weights`]).
#[component]
fn EpisodeWeightsChart(listing: Memo<Option<Arc<ListingOf>>>) -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let weights = Memo::new(move |_| {
        snapshot.with(|snap| {
            let m = snap.model();
            let k = snap.component();
            listing.with(|l| {
                // A listing of another model is not used, never indexed.
                let l = l.as_deref().filter(|l| l.1 == m.generation())?;
                // Only an MDP whose episodes can be listed gets here: four solves are quick.
                let fd = finite_difference_component(m.mdp(), m.theta(), snap.gamma(), k)
                    .unwrap_or(f64::NAN);
                Some(episode_weights(
                    m.mdp(),
                    m.policy(),
                    &l.0,
                    snap.gamma(),
                    k,
                    SHOWN_EPISODES,
                    fd,
                ))
            })
        })
    });
    let summary = Signal::derive(move || {
        let name = snapshot.with(|s| s.component_label().to_string());
        weights.with(|w| match w {
            Some(w) => {
                let first = w.shown.first().map_or(String::new(), |e| {
                    let likeliest = t_with(
                        "gradient-weights-likeliest",
                        &[
                            ("episode", e.label.as_str().into()),
                            ("p", fixed(e.probability, 4).into()),
                            ("g0", fixed(e.g0, 3).into()),
                        ],
                    );
                    format!(" {likeliest}")
                });
                let summary = t_with(
                    "gradient-weights-summary",
                    &[
                        ("shown", w.shown.len().to_string().into()),
                        ("name", name.as_str().into()),
                        ("rest", grouped(w.rest_count as u64).into()),
                        ("total", fixed(w.total, 6).into()),
                        ("slope", fixed(w.finite_difference, 6).into()),
                    ],
                );
                format!("{summary}{first}")
            }
            None => String::new(),
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let name = snapshot.with(|s| s.component_label().to_string());
        weights.with(|w| {
            if let Some(data) = w {
                let _ = chart::draw(
                    &area,
                    &chart::Weights {
                        data,
                        component: &name,
                        scale,
                        palette: crate::charts::palette(dark),
                    },
                );
            }
        });
    });
    let legend = Signal::derive(move || {
        let name = snapshot.with(|s| s.component_label().to_string());
        vec![Entry::new(
            t_with("gradient-weights-legend", &[("name", name.into())]),
            look::EXACT,
        )]
    });
    let caption = move || {
        let name = snapshot.with(|s| s.component_label().to_string());
        let delta = weights.with(|w| w.as_ref().map_or(1.0, chart::arrow_factor));
        t_with(
            "gradient-weights-caption",
            &[
                ("name", name.into()),
                ("factor", chart::factor_text(delta).into()),
            ],
        )
    };
    view! {
        <ChartCanvas testid="chart-episode-weights" summary=summary paint=paint legend=legend
            caption=caption
            csv=Signal::derive(move || weights.with(|w| w.as_ref().map(chart::csv).unwrap_or_default()))
            data_value=Signal::derive(move || weights.with(|w| w.as_ref().map_or(String::new(), |w| format!("{},{}", w.total, w.finite_difference)))) />
    }
}
