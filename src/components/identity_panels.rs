//! Pictures and checks of steps 2–5: two routes to the same numbers beside each other — the
//! gradient three ways, per-episode identities on the diagonal, and episode frequencies
//! against the product formula.

use std::sync::Arc;

use leptos::prelude::*;
use pg_core::exact::Enumeration;
use pg_core::sample::Episode;

use crate::charts::curves::{self, Curve, Curves};
use crate::charts::look;
use crate::charts::scatter::{self, Scatter};
use crate::checks::{
    expected_score, gradient_routes, markov_check_state, solve_work, Agreement, AlongGradient,
    FiniteDifferencePlan, Identity, IDENTITY_EPISODES,
};
use crate::components::chart_canvas::ChartCanvas;
use crate::components::step_panel::legend_of;
use crate::context::Explorer;
use crate::format::{fixed, full_precision_list, grouped, scientific};
use crate::i18n::{mdp_error, t, t_with};
use crate::snapshot::Model;
use crate::steps::Panel;

/// A sampled frequency and its standard error, if anything was sampled.
type Frequency = Option<(f64, f64)>;

/// How far along the unit gradient direction the profile of J reaches, each way.
const REACH: f64 = 2.0;

/// Most work for the profile of J along ∇J, in [`solve_work`] units (one solve per point):
/// 61 points for every preset, 19 at the limits.
const ALONG_GRADIENT_WORK: usize = 10_000_000;

/// Step 2's check: ∇J by enumeration, finite differences and dynamic programming.
#[component]
pub fn GradientRoutesTable() -> impl IntoView {
    let snapshot = Explorer::get().snapshot;
    // The listing depends on the model only; γ re-weights the same episodes.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let listing = Memo::new(move |_| {
        let m = model.get();
        Enumeration::new(m.mdp(), m.policy()).map(|l| Arc::new(ListingOf(l, m.generation())))
    });
    let routes = Memo::new(move |_| {
        snapshot.with(|snap| {
            let m = snap.model();
            listing.with(|l| {
                // A listing of another model is not used, never indexed.
                let l = l.as_deref().filter(|l| l.1 == m.generation()).map(|l| &l.0);
                snap.exact()
                    .map(|dp| gradient_routes(m.mdp(), m.policy(), snap.gamma(), l, &dp.grad))
                    .map_err(mdp_error)
            })
        })
    });
    // Finite differences take four exact solves per component: a few milliseconds each at
    // the limits, so they are spread over tasks, each value tagged with its γ.
    // The plan follows the model (its component too), not γ.
    let plan =
        Memo::new(move |_| model.with(|m| FiniteDifferencePlan::new(m.mdp(), m.component())));
    let solves = crate::sliced::sliced(
        move || {
            let (model, gamma) = snapshot.with(|s| (s.model_arc(), s.gamma()));
            let plan = plan.get();
            Some(crate::sliced::SliceJob {
                key: model.generation(),
                count: plan.solves(),
                input: (model, gamma, plan),
            })
        },
        |(m, gamma, plan): &(Arc<Model>, f64, FiniteDifferencePlan), k| {
            (*gamma, plan.solve(m.mdp(), m.theta(), *gamma, k))
        },
    );
    // The finite differences at the γ shown, once all are solved.
    let finite_differences = Memo::new(move |_| {
        let gamma = snapshot.with(|s| s.gamma());
        let dim = snapshot.with(|s| s.model().dim());
        solves.with(|solved| {
            let solved = solved.filter(|v| v.iter().all(|(g, _)| *g == gamma))?;
            let values: Vec<f64> = solved.iter().map(|(_, j)| *j).collect();
            plan.with(|p| p.gradient(dim, &values))
        })
    });
    let rows = move || {
        let (k, name) = snapshot.with(|s| (s.component(), s.component_label().to_string()));
        let complete = plan.with(|p| p.complete);
        let fd = finite_differences.get();
        match routes.get() {
            Ok(r) => {
                let at = |v: &[f64]| v.get(k).map_or("—".to_string(), |&x| fixed(x, 9));
                // Over the components computed (finite differences may keep to one).
                let gap = |v: &[f64]| {
                    v.iter()
                        .zip(&r.dynamic_programming)
                        .filter(|(a, _)| !a.is_nan())
                        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
                };
                let fd_label = if complete {
                    t("identity-route-finite-differences")
                } else {
                    t_with(
                        "identity-route-finite-differences-one",
                        &[
                            ("component", name.as_str().into()),
                            ("count", r.dynamic_programming.len().into()),
                            (
                                "solves",
                                grouped(4 * r.dynamic_programming.len() as u64).into(),
                            ),
                        ],
                    )
                };
                let enumeration = match &r.enumeration {
                    Some(v) => (
                        at(v),
                        scientific(gap(v), 1),
                        t_with(
                            "identity-route-enumeration",
                            &[("episodes", grouped(r.episodes as u64).into())],
                        ),
                    ),
                    None => ("—".into(), "—".into(), t("identity-route-too-many")),
                };
                view! {
                    <p class="table-note">{t_with("identity-routes-note", &[("component", name.as_str().into())])}</p>
                    <div class="table-scroll">
                        <table class="estimates" data-testid="gradient-routes"
                            data-enumeration=r.enumeration.as_ref().and_then(|v| full_precision_list(v))
                            data-finite-differences=fd.as_ref().filter(|_| complete).and_then(|v| full_precision_list(v))>
                            <thead><tr><th scope="col">{t("identity-routes-route")}</th><th scope="col">"∇J"</th><th scope="col">{t("identity-routes-max-gap")}</th></tr></thead>
                            <tbody>
                                <tr><th scope="row">{enumeration.2}</th><td class="num">{enumeration.0}</td><td class="num">{enumeration.1}</td></tr>
                                <tr><th scope="row">{fd_label}</th>{match &fd {
                                    Some(fd) => view! { <td class="num">{at(fd)}</td><td class="num">{scientific(gap(fd), 1)}</td> }.into_any(),
                                    None => view! { <td class="num pending" colspan="2" data-testid="finite-differences-pending">{t("chart-computing")}</td> }.into_any(),
                                }}</tr>
                                <tr><th scope="row">{t("readout-route-dp")}</th><td class="num">{at(&r.dynamic_programming)}</td><td class="num">"0"</td></tr>
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
            Err(e) => view! { <p class="field-error">{e}</p> }.into_any(),
        }
    };
    view! { {rows} }
}

/// Step 2's picture: the exact J along the unit gradient direction, touching its tangent of
/// slope |∇J| at the current θ.
#[component]
pub fn AlongGradientChart() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    // The line at the γ shown; each point solves J once (large MDPs get fewer points), and
    // the points are spread over tasks, each tagged with the γ of its line.
    let line = Memo::new(move |_| {
        snapshot.with(|snap| {
            let m = snap.model();
            let points = (ALONG_GRADIENT_WORK / solve_work(m.mdp()).max(1)).clamp(11, 61);
            let dp = snap.exact().ok()?;
            AlongGradient::new(m.theta(), dp, snap.gamma(), REACH, points).map(Arc::new)
        })
    });
    let solved = crate::sliced::sliced(
        move || {
            let model = snapshot.with(|s| s.model_arc());
            let line = line.get();
            Some(crate::sliced::SliceJob {
                key: model.generation(),
                count: line.as_ref().map_or(0, |l| l.points()),
                input: (model, line),
            })
        },
        |(m, line): &(Arc<Model>, Option<Arc<AlongGradient>>), k| {
            line.as_ref().map(|l| (l.gamma(), l.point(m.mdp(), k)))
        },
    );
    let profile = Memo::new(move |_| {
        let gamma = snapshot.with(|s| s.gamma());
        let tangent = line.with(|l| l.as_ref().map(|l| l.tangent()).unwrap_or_default());
        let points: Vec<(f64, f64)> = solved.with(|v| {
            v.filter(|v| v.iter().all(|p| p.is_some_and(|(g, _)| g == gamma)))
                .map(|v| v.iter().flatten().map(|(_, p)| *p).collect())
                .unwrap_or_default()
        });
        if points.is_empty() {
            return Vec::new();
        }
        vec![
            Curve {
                label: "J(θ + s·∇J/|∇J|)".into(),
                points,
                look: look::PLAIN,
            },
            Curve {
                label: t("identity-along-tangent"),
                points: tangent,
                look: look::REFERENCE,
            },
        ]
    });
    let summary = Signal::derive(move || {
        snapshot.with(|snap| match snap.exact() {
            Ok(dp) => t_with(
                "identity-along-summary",
                &[
                    ("reach", REACH.to_string().into()),
                    ("j", fixed(dp.j, 5).into()),
                    ("slope", fixed(pg_core::policy::norm(&dp.grad), 5).into()),
                ],
            ),
            Err(e) => mdp_error(e),
        })
    });
    let (x_label, y_label) = (t("identity-along-x-axis"), t("identity-along-y-axis"));
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        profile.with(|c| {
            let data = Curves {
                curves: c,
                x_range: (-REACH, REACH),
                x_label: &x_label,
                y_label: &y_label,
                guide: Some(0.0),
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = curves::draw(&area, &data);
        });
    });
    let legend = Signal::derive(move || profile.with(|c| legend_of(c)));
    view! {
        <ChartCanvas testid="chart-along-gradient" summary=summary paint=paint legend=legend
            pending=solved.pending()
            csv=Signal::derive(move || profile.with(|c| curves::csv("s", c)))
            caption=t("identity-along-caption") />
    }
}

/// Enumeration of one model's episodes (with that model's generation), wrapped so a memo
/// can compare it by identity (listings are large).
#[derive(Debug)]
pub struct ListingOf(pub Enumeration, pub u64);

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
) -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    // Per-episode identities do not involve γ: recomputed for a new model only.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let identity = if dynamics {
        Identity::DynamicsDropOut
    } else {
        Identity::Probability
    };
    // Finite differences of one episode's probability take milliseconds at the limits: one
    // episode per item, spread over tasks.
    let checked = crate::sliced::sliced(
        move || {
            let m = model.get();
            // The component is the model's, so reading it untracked misses no change.
            let k = snapshot.with_untracked(|s| s.component());
            let episodes =
                crate::checks::first_episodes(m.mdp(), m.policy(), m.seed(), IDENTITY_EPISODES);
            Some(crate::sliced::SliceJob {
                key: m.generation(),
                count: episodes.len(),
                input: (m, episodes, k),
            })
        },
        move |(m, episodes, k): &(Arc<Model>, Vec<Episode>, usize), i| {
            let e = episodes.get(i)?;
            Some(
                identity
                    .episode(m.mdp(), m.theta(), m.policy(), e, *k)
                    .map_err(|e| mdp_error(&e)),
            )
        },
    );
    let result = Memo::new(move |_| {
        let label = snapshot.with_untracked(|s| s.component_label().to_string());
        let agreement = checked.with(|items| {
            items
                .unwrap_or(&[])
                .iter()
                .flatten()
                .cloned()
                .collect::<Result<Vec<_>, String>>()
                .map(Agreement::collect)
        });
        (agreement, label)
    });
    // Step 3 also shows E[∇ln P(τ)] = 0 over every episode, when they can be listed.
    let mean_score = Memo::new(move |_| {
        if dynamics {
            return None;
        }
        let m: Arc<Model> = model.get();
        expected_score(m.mdp(), m.theta())
    });
    // The CSV's column names, in English whatever the language of the page.
    let (x_name, y_name) = if dynamics {
        (
            "∇ln P(τ), dynamics included (finite differences)",
            "Σₜ ∇ln π(aₜ|sₜ)",
        )
    } else {
        ("∇P(τ) (finite differences)", "P(τ)·∇ln P(τ)")
    };
    let x_label = t(if dynamics {
        "identity-dynamics-x-axis"
    } else {
        "identity-probability-x-axis"
    });
    let summary = Signal::derive(move || {
        result.with(|(r, name)| match r {
            Ok(Agreement {
                points,
                max_gap,
                max_value,
            }) => t_with(
                if dynamics {
                    "identity-summary-dynamics"
                } else {
                    "identity-summary"
                },
                &[
                    ("count", points.len().into()),
                    ("component", name.as_str().into()),
                    ("gap", scientific(*max_gap, 1).into()),
                    ("largest", fixed(*max_value, 3).into()),
                ],
            ),
            Err(e) => e.clone(),
        })
    });
    let points = move |r: &(Result<Agreement, String>, String)| {
        r.0.as_ref().map_or(Vec::new(), |a| a.points.clone())
    };
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let points = result.with(points);
        let data = Scatter {
            points: &points,
            x_label: &x_label,
            y_label: y_name,
            scale,
            palette: crate::charts::palette(dark),
        };
        let _ = scatter::draw(&area, &data);
    });
    view! {
        <ChartCanvas testid=if dynamics { "chart-dynamics-drop-out" } else { "chart-probability-identity" }
            summary=summary paint=paint pending=checked.pending()
            csv=Signal::derive(move || scatter::csv(x_name, y_name, &result.with(points)))
            data_value=Signal::derive(move || result.with(|(r, _)| r.as_ref().map_or(String::new(), |a| format!("{:e}", a.max_gap))))
            caption=t("identity-caption") />
        <p class="chart-summary" aria-live="polite">{summary}</p>
        {move || mean_score.get().map(|(largest, episodes)| view! {
            <p class="chart-summary" data-testid="mean-score" data-value=format!("{largest:e}")>
                {if largest == 0.0 {
                    t_with("identity-mean-score-zero", &[("episodes", grouped(episodes as u64).into())])
                } else {
                    t_with("identity-mean-score-rounding", &[
                        ("episodes", grouped(episodes as u64).into()),
                        ("largest", scientific(largest, 1).into()),
                    ])
                }}
            </p>
        })}
    }
}

/// The Markov check of step 4: in one state at time 1, the sampled action frequencies split
/// by the action before, beside π(·|s).
#[derive(Clone, Debug, PartialEq)]
struct MarkovCheck {
    state: String,
    actions: Vec<String>,
    /// One row per previous action: (its name, the frequency of each action).
    rows: Vec<(String, Vec<Frequency>)>,
    policy: Vec<f64>,
}

/// What the frequency panel shows, all from one run of one model.
#[derive(Clone, Debug, PartialEq)]
struct FrequencyData {
    /// (P(τ), sampled frequency) of the most probable episodes.
    pairs: Vec<(f64, f64)>,
    /// (episodes, total-variation distance) at checkpoints.
    distances: Vec<(u64, f64)>,
    /// How many episodes the MDP has.
    listed: usize,
    markov: Option<MarkovCheck>,
}

/// Step 4: sampled episode frequencies against the product formula (the hero), their
/// total-variation distance against the number of episodes and the Markov check (checks).
pub fn frequency_panel() -> Panel {
    /// The most probable episodes shown in the scatter.
    const SHOWN: usize = 300;
    let Explorer {
        snapshot,
        sampling,
        dark,
        ..
    } = Explorer::get();
    let data = Memo::new(move |_| {
        snapshot.with(|snap| {
            sampling
                .read(snap, |run| {
                    let f = run.frequencies()?;
                    let (m, policy) = (run.model().mdp(), run.model().policy());
                    let counts = f.counter.counts_for(f.listing);
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
                    let markov = markov_check_state(m, policy).and_then(|s| {
                        let split = f.counter.action_frequencies_by_history(m, s, 1).ok()?;
                        let actions = m.actions().to_vec();
                        let rows = actions
                            .iter()
                            .enumerate()
                            .map(|(prev, name)| {
                                let cells = (0..actions.len())
                                    .map(|a| split.frequency(prev, a))
                                    .collect();
                                (name.clone(), cells)
                            })
                            .collect();
                        Some(MarkovCheck {
                            state: m.states().get(s)?.clone(),
                            actions,
                            rows,
                            policy: policy.probs(s).to_vec(),
                        })
                    });
                    Some(FrequencyData {
                        pairs,
                        distances: f.distances.to_vec(),
                        listed: f.listing.len(),
                        markov,
                    })
                })
                .flatten()
        })
    });
    let tv_curves = Memo::new(move |_| {
        data.with(|d| {
            let Some(FrequencyData { distances, .. }) = d else {
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
                    label: t("identity-tv-curve"),
                    points,
                    look: look::PLAIN,
                },
                Curve {
                    label: t("identity-tv-slope"),
                    points: guide,
                    look: look::REFERENCE,
                },
            ]
        })
    });
    let summary = Signal::derive(move || {
        data.with(|d| match d {
            Some(FrequencyData {
                distances, listed, ..
            }) => distances.last().map_or(String::new(), |&(n, tv)| {
                t_with(
                    "identity-frequencies-summary",
                    &[
                        ("sampled", grouped(n).into()),
                        ("listed", grouped(*listed as u64).into()),
                        ("distance", fixed(tv, 4).into()),
                    ],
                )
            }),
            None => t("identity-frequencies-unlisted"),
        })
    });
    let (scatter_x, scatter_y) = (
        t("identity-frequencies-x-axis"),
        t("identity-frequencies-y-axis"),
    );
    let paint_scatter = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        data.with(|d| {
            // On log–log axes, so that rare episodes show as well as common ones; an episode
            // not yet sampled has no logarithm and waits off the chart.
            let points: Vec<(f64, f64)> = d
                .as_ref()
                .map_or(&[][..], |d| d.pairs.as_slice())
                .iter()
                .filter(|&&(p, f)| p > 0.0 && f > 0.0)
                .map(|&(p, f)| (p.log10(), f.log10()))
                .collect();
            let chart = Scatter {
                points: &points,
                x_label: &scatter_x,
                y_label: &scatter_y,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = scatter::draw(&area, &chart);
        });
    });
    let (tv_x, tv_y) = (t("identity-tv-x-axis"), t("identity-tv-y-axis"));
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
                x_label: &tv_x,
                y_label: &tv_y,
                guide: None,
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = curves::draw(&area, &chart);
        });
    });
    let legend = Signal::derive(move || tv_curves.with(|c| legend_of(c)));
    let markov = move || {
        data.with(|d| {
            d.as_ref().and_then(|d| d.markov.clone()).map(|MarkovCheck { state, actions, rows, policy }| {
                view! {
                    <p class="table-note">{t_with("identity-markov-note", &[("state", state.as_str().into())])}</p>
                    <div class="table-scroll">
                        <table class="estimates" data-testid="markov-check">
                            <thead><tr><th scope="col">{t("identity-markov-previous")}</th>{actions.into_iter().map(|a| view! { <th scope="col">{a}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(prev, cells)| view! {
                                    <tr><th scope="row">{prev}</th>
                                    {cells.into_iter().map(|c| view! { <td class="num">{c.map_or("—".to_string(), |(f, se)| format!("{} ± {}", fixed(f, 3), fixed(1.96 * se, 3)))}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                                <tr><th scope="row">{t("identity-markov-exact")}</th>{policy.into_iter().map(|p| view! { <td class="num">{fixed(p, 3)}</td> }).collect_view()}</tr>
                            </tbody>
                        </table>
                    </div>
                }
            })
        })
    };
    let listed = move || data.with(Option::is_some);
    let hero = view! {
        <Show when=listed fallback=move || view! { <p class="chart-summary">{summary}</p> }>
            <ChartCanvas testid="chart-frequencies" summary=summary paint=paint_scatter
                csv=Signal::derive(move || data.with(|d| scatter::csv("P(τ)", "frequency", d.as_ref().map_or(&[][..], |d| d.pairs.as_slice()))))
                caption=t("identity-frequencies-caption") />
            <p class="chart-summary">{summary}</p>
        </Show>
    }
    .into_any();
    let checks = view! {
        <Show when=listed>
            <ChartCanvas testid="chart-total-variation" summary=summary paint=paint_tv legend=legend
                csv=Signal::derive(move || tv_curves.with(|c| curves::csv("log10 episodes", c)))
                caption=t("identity-tv-caption") />
            {markov}
        </Show>
    }
    .into_any();
    Panel {
        hero,
        checks: Some(checks),
    }
}
