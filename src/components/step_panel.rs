//! Pieces that several steps' panels use: the convergence chart, curves against γ, the
//! cross-term matrices and variance comparisons. Every chart reads one snapshot
//! ([`Explorer`]) and the statistics sampled from its model, never pieces of two.

use leptos::prelude::*;
use pg_core::Estimator;

use crate::charts::convergence::{self, Convergence, Series};
use crate::charts::curves::{draw, Curve, Curves};
use crate::charts::heatmap;
use crate::charts::look::{self, estimator_name, Entry};
use crate::components::chart_canvas::ChartCanvas;
use crate::context::Explorer;
use crate::format::{fixed, grouped, ratio};
use crate::i18n::{t, t_with, Arg};
use crate::snapshot::Snapshot;

/// Points on the γ axis of the curves.
pub const GAMMA_POINTS: usize = 50;

/// The γ grid of the curves: 0, 0.02, …, 1.
pub fn gammas() -> impl Iterator<Item = f64> {
    (0..=GAMMA_POINTS).map(gamma_at)
}

/// Point `k` of the γ grid of the curves, k / [`GAMMA_POINTS`].
pub fn gamma_at(k: usize) -> f64 {
    k as f64 / GAMMA_POINTS as f64
}

/// A chart of curves against γ, repainted when its data, γ or the theme change.
#[component]
pub fn GammaChart(
    testid: &'static str,
    #[prop(into)] curves: Signal<Vec<Curve>>,
    #[prop(into)] y_label: String,
    reference: Option<f64>,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] caption: String,
    /// Whether the curves are still being computed ([`crate::sliced`]).
    #[prop(optional, into)]
    pending: Option<Signal<bool>>,
) -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let pending = pending.unwrap_or_else(|| Signal::stored(false));
    let x_label = t("chart-discount-axis");
    let paint = Callback::new(move |(area, scale)| {
        let (g, dark) = (snapshot.with(|s| s.gamma()), dark.get());
        curves.with(|curves| {
            let data = Curves {
                curves,
                x_range: (0.0, 1.0),
                x_label: &x_label,
                y_label: &y_label,
                guide: Some(g),
                reference,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = draw(&area, &data) {
                leptos::logging::warn!("{testid}: {err}");
            }
        });
    });
    let legend = Signal::derive(move || curves.with(|c| legend_of(c)));
    let csv = Signal::derive(move || curves.with(|c| crate::charts::curves::csv("gamma", c)));
    view! { <ChartCanvas testid=testid summary=summary caption=caption paint=paint legend=legend csv=csv pending=pending /> }
}

/// The legend of a set of curves.
pub fn legend_of(curves: &[Curve]) -> Vec<Entry> {
    curves
        .iter()
        .map(|c| Entry::new(c.label.clone(), c.look))
        .collect()
}

/// The convergence chart's data: its series and the name of its y axis, both from one
/// snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
struct ConvergenceData {
    series: Vec<Series>,
    y_label: String,
}

/// Running estimates against the number of episodes, converging to the exact values.
#[component]
pub fn ConvergenceChart(
    /// The estimators of ∇J shown (their main component); none: the mean of G₀, for J.
    estimators: &'static [Estimator],
) -> impl IntoView {
    let Explorer {
        snapshot,
        sampling,
        dark,
        ..
    } = Explorer::get();
    // Before the first estimator is derived, the panel estimates J itself.
    let objective = estimators.is_empty();
    let data = Memo::new(move |_| {
        snapshot.with(|snap| {
            let g = snap.gamma();
            let wanted: Vec<(Option<Estimator>, String, Option<f64>)> = if objective {
                vec![(None, t("convergence-mean-g0"), snap.j())]
            } else {
                estimators
                    .iter()
                    .map(|&e| (Some(e), estimator_name(e), snap.exact_mean_shown(e)))
                    .collect()
            };
            let component = if objective { 0 } else { snap.component() };
            let series = sampling
                .read(snap, |run| {
                    let sim = run.simulation();
                    wanted
                        .into_iter()
                        .map(|(e, label, exact)| {
                            // One component only: at the limits (H 1000, d 512) the full
                            // vectors at every checkpoint took about 100 ms per γ move.
                            let dim = if e.is_some() { sim.policy().dim() } else { 1 };
                            let points = if component < dim {
                                let history = sim.component_history(e, g, component);
                                // The present, unless the last checkpoint is the present.
                                let now = (history.last().map(|h| h.count) != Some(sim.episodes()))
                                    .then(|| sim.component_estimate(e, g, component));
                                history
                                    .into_iter()
                                    .chain(now)
                                    .filter(|est| est.count > 0)
                                    .map(|est| (est.count, est.mean, est.stderr))
                                    .collect()
                            } else {
                                Vec::new()
                            };
                            Series {
                                look: e.map_or(look::OBJECTIVE, look::estimator),
                                label,
                                exact,
                                points,
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let y_label = if objective {
                t("convergence-axis-objective")
            } else {
                format!("∂J/∂{}", snap.component_label())
            };
            ConvergenceData { series, y_label }
        })
    });
    let summary = Signal::derive(move || {
        data.with(|d| {
            d.series
                .iter()
                .filter_map(|s| {
                    let &(n, mean, se) = s.points.last()?;
                    let mut args: Vec<(&str, Arg)> = vec![
                        ("series", s.label.as_str().into()),
                        ("mean", fixed(mean, 4).into()),
                        ("band", fixed(1.96 * se, 4).into()),
                        ("count", n.into()),
                    ];
                    let id = match s.exact {
                        Some(x) => {
                            args.push(("exact", fixed(x, 4).into()));
                            "convergence-summary-exact"
                        }
                        None => "convergence-summary",
                    };
                    Some(t_with(id, &args))
                })
                .collect::<Vec<_>>()
                .join(". ")
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        data.with(|d| {
            let chart = Convergence {
                series: &d.series,
                y_label: &d.y_label,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = convergence::draw(&area, &chart) {
                leptos::logging::warn!("convergence chart: {err}");
            }
        });
    });
    let legend = Signal::derive(move || {
        data.with(|d| {
            let mut entries: Vec<Entry> = d
                .series
                .iter()
                .map(|s| Entry::new(s.label.clone(), s.look))
                .collect();
            entries.push(Entry::new(t("convergence-legend-exact"), look::EXACT));
            entries
        })
    });
    view! {
        <ChartCanvas testid="chart-convergence" summary=summary paint=paint legend=legend
            csv=Signal::derive(move || data.with(|d| convergence::csv(&d.series)))
            caption=t("convergence-caption") />
    }
}

/// The cross-term matrix C\[k, t\] of one component, exact beside estimated (steps 6 and 7).
#[component]
pub fn CrossTermMaps(
    /// Whether to ring the cells below the diagonal that are consistent with zero (step 7's
    /// claim), and say how many are.
    rings: bool,
) -> impl IntoView {
    #[derive(Clone, Debug, PartialEq, Default)]
    struct Maps {
        len: usize,
        exact: Vec<f64>,
        mean: Vec<f64>,
        stderr: Vec<f64>,
        count: u64,
        name: String,
        /// The exact ∂J of the component, all times included.
        grad: Option<f64>,
        /// The longest episode: the matrix drawn is `len` × `len` of `horizon` × `horizon`.
        horizon: usize,
        /// The episode counts the run kept the sums at (the scrubber's stops).
        checkpoints: Vec<u64>,
        /// Episodes sampled so far (`count` is those shown, fewer when scrubbed back).
        sampled: u64,
    }
    impl Maps {
        /// (mean, stderr) of the cell C[k, t], if the matrix has it.
        fn cell(&self, k: usize, t: usize) -> Option<(f64, f64)> {
            let i = k.checked_mul(self.len)?.checked_add(t)?;
            Some((*self.mean.get(i)?, *self.stderr.get(i)?))
        }
    }
    let Explorer {
        snapshot,
        sampling,
        dark,
        ..
    } = Explorer::get();
    // The exact matrix follows the snapshot only, not every piece of episodes that arrives;
    // of the component shown only (one of up to 512).
    let exact = Memo::new(move |_| {
        snapshot.with(|snap| {
            let model = snap.model();
            let len = pg_core::cross_terms::cross_term_len(model.mdp());
            let shown = pg_core::cross_terms::exact_cross_terms_of(
                model.mdp(),
                model.policy(),
                snap.gamma(),
                len,
                &[snap.component()],
            );
            (snap.generation(), shown)
        })
    });
    // Step 7's scrubber: the estimate after this many episodes, or `None` for all of them.
    let scrubbed: RwSignal<Option<u64>> = RwSignal::new(None);
    // Another model starts from all its episodes; γ moves keep the count.
    let generation = Memo::new(move |_| snapshot.with(|s| s.generation()));
    Effect::new(move |_| {
        generation.get();
        scrubbed.set(None);
    });
    let maps = Memo::new(move |_| {
        let at = if rings { scrubbed.get() } else { None };
        snapshot.with(|snap| {
            let (g, k) = (snap.gamma(), snap.component());
            let name = snap.component_label().to_string();
            sampling
                .read(snap, |run| {
                    let sums = at
                        .and_then(|n| run.cross_terms_at(n))
                        .unwrap_or_else(|| run.cross_terms());
                    let est = sums.estimate(g);
                    let model = run.model();
                    let pick = |v: &[f64]| {
                        v.iter()
                            .skip(k)
                            .step_by(est.dim.max(1))
                            .copied()
                            .collect::<Vec<_>>()
                    };
                    let exact = exact.with(|(generation, shown)| {
                        // An exact matrix of another model is never indexed with this one's.
                        if *generation == snap.generation() {
                            shown.clone()
                        } else {
                            Vec::new()
                        }
                    });
                    Maps {
                        len: est.len,
                        exact,
                        mean: pick(&est.mean),
                        stderr: pick(&est.stderr),
                        count: est.count,
                        name: name.clone(),
                        grad: snap.grad().get(k).copied(),
                        horizon: model.mdp().horizon(),
                        checkpoints: run.cross_term_checkpoints().collect(),
                        sampled: run.cross_terms().count(),
                    }
                })
                .unwrap_or(Maps {
                    name,
                    ..Maps::default()
                })
        })
    });
    // The exact matrix sets the colour scale, so noise larger than any exact cell saturates
    // and a scrub from few episodes to many shows the lower triangle fading out.
    let scale_max = Memo::new(move |_| {
        maps.with(|m| {
            let largest = |v: &[f64]| v.iter().fold(0.0f64, |a, v| a.max(v.abs()));
            let exact = largest(&m.exact);
            if exact > 0.0 {
                exact
            } else {
                largest(&m.mean)
            }
        })
    });
    let lower = Memo::new(move |_| {
        maps.with(|m| {
            let cells: Vec<(f64, f64)> = (0..m.len)
                .flat_map(|k| (k + 1..m.len).map(move |t| (k, t)))
                .filter_map(|(k, t)| m.cell(k, t))
                .filter(|&(_, e)| e > 0.0)
                .collect();
            let within = cells
                .iter()
                .filter(|&&(v, e)| heatmap::consistent_with_zero(v, e))
                .count();
            (within, cells.len())
        })
    });
    let summary = Signal::derive(move || {
        let (within, total) = lower.get();
        maps.with(|m| {
            let component = || Arg::from(m.name.as_str());
            if m.len == 1 {
                return t_with("cross-terms-single-cell", &[("component", component())]);
            }
            let episodes = t_with(
                "cross-terms-episodes",
                &[
                    ("count", m.count.into()),
                    ("shown", grouped(m.count).into()),
                ],
            );
            let named = |id: &str| {
                t_with(
                    id,
                    &[
                        ("component", component()),
                        ("episodes", episodes.as_str().into()),
                    ],
                )
            };
            if rings && m.count < 2 {
                return named("cross-terms-one-episode");
            }
            if rings && total == 0 {
                return named("cross-terms-lower-all-zero");
            }
            if rings {
                t_with(
                    "cross-terms-lower-within",
                    &[
                        ("component", component()),
                        ("episodes", episodes.as_str().into()),
                        ("within", within.into()),
                        ("total", total.into()),
                    ],
                )
            } else {
                // Step 6's claim: the cells add up to the gradient component.
                let (exact, mean): (f64, f64) = (m.exact.iter().sum(), m.mean.iter().sum());
                let grad = m.grad.map_or("—".to_string(), |g| fixed(g, 5));
                let mut args: Vec<(&str, Arg)> = vec![
                    ("component", component()),
                    ("episodes", episodes.as_str().into()),
                    ("gradient", grad.into()),
                    ("exact", fixed(exact, 5).into()),
                    ("estimated", fixed(mean, 5).into()),
                ];
                if m.len < m.horizon {
                    args.push(("horizon", m.horizon.into()));
                    args.push(("len", m.len.into()));
                    t_with("cross-terms-sum-drawn", &args)
                } else {
                    t_with("cross-terms-sum-all", &args)
                }
            }
        })
    });
    let (estimate_title, exact_title) = (
        t("cross-terms-title-estimate"),
        t("cross-terms-title-exact"),
    );
    let painter = move |estimated: bool| {
        let title = if estimated {
            estimate_title.clone()
        } else {
            exact_title.clone()
        };
        Callback::new(move |(area, scale)| {
            let dark = dark.get();
            let max = scale_max.get();
            maps.with(|m| {
                let data = heatmap::Heatmap {
                    len: m.len,
                    values: if estimated { &m.mean } else { &m.exact },
                    stderr: (estimated && rings).then_some(m.stderr.as_slice()),
                    colour_bar: true,
                    scale_max: max,
                    title: &title,
                    scale,
                    palette: crate::charts::palette(dark),
                };
                if let Err(err) = heatmap::draw(&area, &data) {
                    leptos::logging::warn!("cross terms: {err}");
                }
            });
        })
    };
    let csv =
        Signal::derive(move || maps.with(|m| heatmap::csv(m.len, &m.exact, &m.mean, &m.stderr)));
    // The scrubber's stops: every kept checkpoint, then "all episodes so far".
    // A checkpoint at the count sampled so far is the last stop already.
    let stops = Memo::new(move |_| {
        maps.with(|m| {
            let mut stops = m.checkpoints.clone();
            if stops.last() == Some(&m.sampled) {
                stops.pop();
            }
            stops
        })
    });
    let position = move || {
        let all = stops.with(Vec::len);
        scrubbed
            .get()
            .and_then(|n| stops.with(|s| s.iter().position(|&c| c == n)))
            .unwrap_or(all)
    };
    let on_scrub = move |ev: leptos::ev::Event| {
        let Ok(i) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        scrubbed.set(stops.with(|s| s.get(i).copied()));
    };
    let scrub_text = move || {
        maps.with(|m| match scrubbed.get() {
            Some(n) if m.count == n => t_with(
                "cross-terms-scrub-first",
                &[
                    ("shown", grouped(n).into()),
                    ("sampled", grouped(m.sampled).into()),
                ],
            ),
            _ => t_with(
                "cross-terms-scrub-all",
                &[("sampled", grouped(m.sampled).into())],
            ),
        })
    };
    let scrubber = rings.then(|| {
        view! {
            <Show when=move || stops.with(|s| !s.is_empty())>
                <div class="slider scrubber">
                    <label for="cross-terms-episodes">{t("cross-terms-estimate-from")}</label>
                    <input type="range" id="cross-terms-episodes" data-testid="cross-terms-episodes"
                        min="0" max=move || stops.with(Vec::len).to_string() step="1"
                        prop:value=move || position().to_string()
                        aria-valuetext=scrub_text
                        on:input=on_scrub />
                    <output for="cross-terms-episodes" class="slider-value" aria-hidden="true">
                        {scrub_text}
                    </output>
                </div>
            </Show>
        }
    });
    view! {
        <div class="chart-pair" data-testid="cross-terms"
            data-lower-within=move || lower.get().0.to_string()
            data-lower-cells=move || lower.get().1.to_string()
            data-episodes=move || maps.with(|m| m.count.to_string())>
            <ChartCanvas testid="chart-cross-terms-exact" summary=summary paint=painter(false) csv=csv
                caption=t("cross-terms-caption-exact") />
            <ChartCanvas testid="chart-cross-terms-estimate" summary=summary paint=painter(true) csv=csv
                caption=t(if rings {
                    "cross-terms-caption-rings"
                } else {
                    "cross-terms-caption-estimate"
                }) />
        </div>
        {scrubber}
        <p class="chart-summary">{summary}</p>
    }
}

/// Two estimators' sample variances against γ, from the same episodes, and whether newer
/// ones are being computed. The curves follow the model and the episodes, not γ (which moves
/// only the guide); at the limits a point is a read of polynomials of H × d coefficients, so
/// they are computed in slices ([`crate::sliced`]).
pub fn variance_pair(
    first: Estimator,
    second: Estimator,
    names: [String; 2],
) -> (Memo<Vec<Curve>>, Signal<bool>) {
    let Explorer {
        snapshot, sampling, ..
    } = Explorer::get();
    let progress = Memo::new(move |_| snapshot.with(|s| (s.generation(), sampling.episodes(s))));
    let per_curve = GAMMA_POINTS + 1;
    // Items 0..per_curve are the first estimator's variance at γ = k / GAMMA_POINTS, the
    // next per_curve the second's.
    let values = crate::sliced::sliced(
        move || {
            let (key, _) = progress.get();
            Some(crate::sliced::SliceJob {
                key,
                input: snapshot.get_untracked(),
                count: 2 * per_curve,
            })
        },
        move |snap: &std::sync::Arc<Snapshot>, k| {
            let (e, g) = if k < per_curve {
                (first, k)
            } else {
                (second, k - per_curve)
            };
            let g = gamma_at(g);
            sampling
                .read(snap, |run| {
                    let s = run.simulation();
                    (s.episodes() >= 2).then(|| s.estimate(e, g).variance)
                })
                .flatten()
        },
    );
    let curves = Memo::new(move |_| {
        values.with(|v| {
            let v = v.unwrap_or(&[]);
            [(first, &names[0], 0), (second, &names[1], per_curve)]
                .into_iter()
                .map(|(e, label, offset)| Curve {
                    label: label.clone(),
                    points: gammas()
                        .enumerate()
                        .filter_map(|(k, g)| Some((g, (*v.get(offset + k)?)?)))
                        .collect(),
                    look: look::estimator(e),
                })
                .collect()
        })
    });
    // The curves follow the episodes as they arrive, like every other chart: only the
    // first computation says so (at the limits a badge at each arrival would blink).
    let pending = Signal::derive(move || values.pending().get() && values.with(|v| v.is_none()));
    (curves, pending)
}

/// "At γ = …, \<what\>: a against b (ratio …), from n episodes." — the ratio of two sample
/// variances at the current γ, with a defined reading when they are zero.
pub fn ratio_summary(first: Estimator, second: Estimator, what: String) -> Signal<String> {
    let Explorer {
        snapshot, sampling, ..
    } = Explorer::get();
    Signal::derive(move || {
        snapshot.with(|snap| {
            let g = snap.gamma();
            sampling
                .read(snap, |run| {
                    let s = run.simulation();
                    let (a, b) = (
                        s.estimate(first, g).variance,
                        s.estimate(second, g).variance,
                    );
                    t_with(
                        "variance-ratio-summary",
                        &[
                            ("gamma", crate::format::gamma(g).into()),
                            ("what", what.as_str().into()),
                            ("first", fixed(a, 4).into()),
                            ("second", fixed(b, 4).into()),
                            ("ratio", ratio(a, b, 3).into()),
                            ("count", s.episodes().into()),
                        ],
                    )
                })
                .unwrap_or_default()
        })
    })
}
