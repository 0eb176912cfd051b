//! The panels of steps 2–5: two routes to the same numbers beside each other — the gradient
//! three ways, per-episode identities on the diagonal, and episode frequencies against the
//! product formula.

use std::sync::Arc;

use leptos::prelude::*;
use pg_core::exact::{DpResult, Enumeration};
use pg_core::{Mdp, Policy};

use crate::charts::curves::{self, Curve, Curves};
use crate::charts::scatter::{self, Scatter};
use crate::checks::{
    along_gradient, dynamics_drop_out, expected_score, gradient_routes, markov_check_state,
    probability_identity, Agreement,
};
use crate::components::chart_canvas::ChartCanvas;
use crate::components::simulation::grouped;
use crate::model::largest_component;
use crate::sampling::Sampling;

/// A sampled frequency and its standard error, if anything was sampled.
type Frequency = Option<(f64, f64)>;

/// How far along the unit gradient direction the profile of J reaches, each way.
const REACH: f64 = 2.0;

fn main_component(exact: Signal<Result<DpResult, String>>) -> Memo<usize> {
    Memo::new(move |_| exact.with(|e| e.as_ref().ok().map_or(0, |dp| largest_component(&dp.grad))))
}

/// Step 2: ∇J by enumeration, finite differences and dynamic programming, and J along ∇J.
#[component]
pub fn GradientRoutesPanel(
    #[prop(into)] mdp: Signal<Arc<Mdp>>,
    #[prop(into)] theta: Signal<Vec<f64>>,
    #[prop(into)] gamma: Signal<f64>,
    #[prop(into)] exact: Signal<Result<DpResult, String>>,
    #[prop(into)] labels: Signal<Vec<String>>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let listing = Memo::new(move |_| {
        let (m, t) = (mdp.get(), theta.get());
        Policy::new(&m, &t)
            .ok()
            .and_then(|p| Enumeration::new(&m, &p))
            .map(|l| Arc::new(ListingOf(l)))
    });
    let routes = Memo::new(move |_| {
        let (m, t, g) = (mdp.get(), theta.get(), gamma.get());
        listing.with(|l| {
            gradient_routes(&m, &t, g, l.as_deref().map(|l| &l.0)).map_err(|e| e.to_string())
        })
    });
    let k = main_component(exact);
    let rows = move || {
        let name = labels.with(|l| l.get(k.get()).cloned().unwrap_or_default());
        match routes.get() {
            Ok(r) => {
                let at = |v: &[f64]| {
                    v.get(k.get())
                        .map_or("—".to_string(), |x| format!("{x:.9}"))
                };
                let gap = |v: &[f64]| {
                    v.iter()
                        .zip(&r.dynamic_programming)
                        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
                };
                let enumeration = match &r.enumeration {
                    Some(v) => (
                        at(v),
                        format!("{:.1e}", gap(v)),
                        format!(
                            "Σ over all {} episodes of G₀ ∇P(τ)",
                            grouped(r.episodes as u64)
                        ),
                    ),
                    None => ("—".into(), "—".into(), "too many episodes to list".into()),
                };
                view! {
                    <p class="table-note">{format!("Component {name}; the last column is the largest difference from dynamic programming over all components.")}</p>
                    <div class="table-scroll">
                        <table class="estimates" data-testid="gradient-routes"
                            data-enumeration=r.enumeration.as_ref().map(|v| crate::model::full_precision_list(v))
                            data-finite-differences=crate::model::full_precision_list(&r.finite_differences)>
                            <thead><tr><th scope="col">"Route"</th><th scope="col">"∇J"</th><th scope="col">"max gap"</th></tr></thead>
                            <tbody>
                                <tr><th scope="row">{enumeration.2}</th><td class="num">{enumeration.0}</td><td class="num">{enumeration.1}</td></tr>
                                <tr><th scope="row">"finite differences of J"</th><td class="num">{at(&r.finite_differences)}</td><td class="num">{format!("{:.1e}", gap(&r.finite_differences))}</td></tr>
                                <tr><th scope="row">"dynamic programming"</th><td class="num">{at(&r.dynamic_programming)}</td><td class="num">"0"</td></tr>
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
            Err(e) => view! { <p class="field-error">{e}</p> }.into_any(),
        }
    };
    let profile = Memo::new(move |_| {
        let (m, t, g) = (mdp.get(), theta.get(), gamma.get());
        let (curve, tangent) = along_gradient(&m, &t, g, REACH, 61);
        vec![
            Curve {
                label: "J(θ + s·∇J/|∇J|)".into(),
                points: curve,
            },
            Curve {
                label: "tangent with slope |∇J|".into(),
                points: tangent,
            },
        ]
    });
    let summary = Signal::derive(move || {
        exact.with(|e| match e {
            Ok(dp) => format!(
                "J along the gradient direction from s = −{REACH} to {REACH}; at s = 0 it equals {:.5} and touches the tangent of slope |∇J| = {:.5}.",
                dp.j,
                dp.grad.iter().map(|g| g * g).sum::<f64>().sqrt()
            ),
            Err(e) => e.clone(),
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        profile.with(|c| {
            let data = Curves {
                curves: c,
                x_range: (-REACH, REACH),
                x_label: "s, distance along ∇J/|∇J|",
                y_label: "exact J",
                guide: Some(0.0),
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = curves::draw(&area, &data);
        });
    });
    let legend =
        Signal::derive(move || profile.with(|c| c.iter().map(|c| c.label.clone()).collect()));
    view! {
        {rows}
        <ChartCanvas testid="chart-along-gradient" summary=summary paint=paint legend=legend
            csv=Signal::derive(move || profile.with(|c| curves::csv("s", c)))
            caption="The exact J along the unit gradient direction: the gradient is the slope of the tangent at the current θ." />
    }
}

/// Enumeration wrapped so a memo can compare it by identity (listings are large).
#[derive(Debug)]
pub struct ListingOf(pub Enumeration);

impl PartialEq for ListingOf {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Steps 3 and 5: a per-episode identity, finite differences against the formula.
#[component]
pub fn IdentityPanel(
    /// `true` for step 5 (∇ln P with the dynamics), `false` for step 3 (∇P = P∇ln P).
    dynamics: bool,
    #[prop(into)] mdp: Signal<Arc<Mdp>>,
    #[prop(into)] theta: Signal<Vec<f64>>,
    #[prop(into)] seed: Signal<u64>,
    #[prop(into)] exact: Signal<Result<DpResult, String>>,
    #[prop(into)] labels: Signal<Vec<String>>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let k = main_component(exact);
    let result = Memo::new(move |_| {
        let (m, t, s, k) = (mdp.get(), theta.get(), seed.get(), k.get());
        let r = if dynamics {
            dynamics_drop_out(&m, &t, s, k)
        } else {
            probability_identity(&m, &t, s, k)
        };
        r.map_err(|e| e.to_string())
    });
    // Step 3 also shows E[∇ln P(τ)] = 0 over every episode, when they can be listed.
    let mean_score = Memo::new(move |_| {
        if dynamics {
            return None;
        }
        let (m, t) = (mdp.get(), theta.get());
        expected_score(&m, &t)
    });
    let (x_label, y_label) = if dynamics {
        (
            "∇ln P(τ), dynamics included (finite differences)",
            "Σₜ ∇ln π(aₜ|sₜ)",
        )
    } else {
        ("∇P(τ) (finite differences)", "P(τ)·∇ln P(τ)")
    };
    let summary = Signal::derive(move || {
        let name = labels.with(|l| l.get(k.get()).cloned().unwrap_or_default());
        match result.get() {
            Ok(Agreement { points, max_gap, max_value }) => format!(
                "{} sampled episodes, component {name}: the largest difference between the two sides over every episode and component is {max_gap:.1e} (values up to {max_value:.3}).{}",
                points.len(),
                if dynamics { " The start and transition probabilities contribute nothing: only the policy's scores remain." } else { "" }
            ),
            Err(e) => e,
        }
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        result.with(|r| {
            let points = r.as_ref().map_or(&[][..], |a| a.points.as_slice());
            let data = Scatter {
                points,
                x_label,
                y_label,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = scatter::draw(&area, &data);
        });
    });
    view! {
        <ChartCanvas testid=if dynamics { "chart-dynamics-drop-out" } else { "chart-probability-identity" }
            summary=summary paint=paint
            csv=Signal::derive(move || result.with(|r| scatter::csv(x_label, y_label, r.as_ref().map_or(&[][..], |a| a.points.as_slice()))))
            data_value=Signal::derive(move || result.with(|r| r.as_ref().map_or(String::new(), |a| format!("{:e}", a.max_gap))))
            caption="One point per sampled episode: finite differences (across) against the formula (up). They sit on the diagonal." />
        <p class="chart-summary" aria-live="polite">{summary}</p>
        {move || mean_score.get().map(|(largest, episodes)| view! {
            <p class="chart-summary" data-testid="mean-score" data-value=format!("{largest:e}")>
                {format!("Summed over all {} episodes, E[∇ln P(τ)] = Σ P(τ)∇ln P(τ) has no component larger than {largest:.1e}: zero, up to rounding.", grouped(episodes as u64))}
            </p>
        })}
    }
}

/// Step 4: sampled episode frequencies against the product formula, their total-variation
/// distance against the number of episodes, and the Markov check.
#[component]
pub fn FrequencyPanel(
    sampling: Sampling,
    #[prop(into)] mdp: Signal<Arc<Mdp>>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    /// The most probable episodes shown in the scatter.
    const SHOWN: usize = 300;
    let data = Memo::new(move |_| {
        sampling.done.track();
        let m = mdp.get();
        sampling.with_frequencies(|f, policy| {
            let counts = f.counter.counts_for(&f.listing);
            let n = f.counter.total().max(1) as f64;
            let mut pairs: Vec<(f64, f64)> = f
                .listing
                .probabilities()
                .iter()
                .zip(&counts)
                .map(|(&p, &c)| (p, c as f64 / n))
                .collect();
            pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
            pairs.truncate(SHOWN);
            let markov = markov_check_state(&m, policy).and_then(|s| {
                f.counter
                    .action_frequencies_by_history(&m, s, 1)
                    .ok()
                    .map(|split| {
                        let rows: Vec<(usize, Vec<Frequency>)> = (0..m.num_actions())
                            .map(|prev| {
                                (
                                    prev,
                                    (0..m.num_actions())
                                        .map(|a| split.frequency(prev, a))
                                        .collect(),
                                )
                            })
                            .collect();
                        (s, rows, policy.probs(s).to_vec())
                    })
            });
            (pairs, f.distances.clone(), f.listing.len(), markov)
        })
    });
    let tv_curves = Memo::new(move |_| {
        data.with(|d| {
            let Some((_, distances, _, _)) = d else {
                return Vec::new();
            };
            let points: Vec<(f64, f64)> = distances
                .iter()
                .filter(|p| p.1 > 0.0)
                .map(|&(n, tv)| ((n as f64).log10(), tv.log10()))
                .collect();
            // A line of slope −½ through the last point: the 1/√N rate.
            let guide = points
                .last()
                .map_or(Vec::new(), |&(x, y)| vec![(0.0, y + 0.5 * x), (x, y)]);
            vec![
                Curve {
                    label: "total-variation distance".into(),
                    points,
                },
                Curve {
                    label: "slope of 1/√N".into(),
                    points: guide,
                },
            ]
        })
    });
    let summary = Signal::derive(move || {
        data.with(|d| match d {
            Some((_, distances, episodes, _)) => distances.last().map_or(String::new(), |&(n, tv)| {
                format!("After {} episodes the total-variation distance between sampled frequencies and the product formula over all {} episodes is {tv:.4}; it shrinks like 1/√N.", grouped(n), grouped(*episodes as u64))
            }),
            None => "This MDP has too many possible episodes to list, so frequencies are not compared here; choose bandit, chain or discount-trap.".into(),
        })
    });
    let paint_scatter = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        data.with(|d| {
            let points = d.as_ref().map_or(&[][..], |d| d.0.as_slice());
            let chart = Scatter {
                points,
                x_label: "P(τ) by the product formula",
                y_label: "sampled frequency",
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = scatter::draw(&area, &chart);
        });
    });
    let paint_tv = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        tv_curves.with(|c| {
            let x_max = c
                .first()
                .and_then(|c| c.points.last())
                .map_or(1.0, |p| p.0.max(1.0));
            let chart = Curves {
                curves: c,
                x_range: (0.0, x_max),
                x_label: "log₁₀ episodes",
                y_label: "log₁₀ distance",
                guide: None,
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = curves::draw(&area, &chart);
        });
    });
    let legend =
        Signal::derive(move || tv_curves.with(|c| c.iter().map(|c| c.label.clone()).collect()));
    let markov = move || {
        data.with(|d| {
            d.as_ref().and_then(|d| d.3.clone()).map(|(s, rows, pi)| {
                let m = mdp.get();
                let actions = m.actions().to_vec();
                let state = m.states()[s].clone();
                view! {
                    <p class="table-note">{format!("The Markov check: actions taken in state {state} at time 1, split by the action before. Each row matches π(·|{state}), whatever came before.")}</p>
                    <div class="table-scroll">
                        <table class="estimates" data-testid="markov-check">
                            <thead><tr><th scope="col">"previous action"</th>{actions.iter().map(|a| view! { <th scope="col">{a.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(prev, cells)| view! {
                                    <tr><th scope="row">{actions[prev].clone()}</th>
                                    {cells.into_iter().map(|c| view! { <td class="num">{c.map_or("—".to_string(), |(f, se)| format!("{f:.3} ± {:.3}", 1.96 * se))}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                                <tr><th scope="row">"π(a|s), exact"</th>{pi.into_iter().map(|p| view! { <td class="num">{format!("{p:.3}")}</td> }).collect_view()}</tr>
                            </tbody>
                        </table>
                    </div>
                }
            })
        })
    };
    view! {
        <Show when=move || data.with(Option::is_some) fallback=move || view! { <p class="chart-summary">{summary}</p> }>
            <div>
                <ChartCanvas testid="chart-frequencies" summary=summary paint=paint_scatter
                    csv=Signal::derive(move || data.with(|d| scatter::csv("P(τ)", "frequency", d.as_ref().map_or(&[][..], |d| d.0.as_slice()))))
                    caption="Each of the most likely episodes: its sampled frequency against P(τ) = P(s₀)Πₜπ(aₜ|sₜ)P(sₜ₊₁|sₜ,aₜ)." />
                <ChartCanvas testid="chart-total-variation" summary=summary paint=paint_tv legend=legend
                    csv=Signal::derive(move || tv_curves.with(|c| curves::csv("log10 episodes", c)))
                    caption="Total-variation distance against the number of episodes (log–log) beside a line of slope −½." />
            </div>
            <p class="chart-summary">{summary}</p>
            {markov}
        </Show>
    }
}
