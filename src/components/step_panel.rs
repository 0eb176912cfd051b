//! Step-specific charts of a panel: what only that step's confirmation needs, beside the
//! estimates every panel shows. Every chart reads one snapshot ([`Explorer`]) and the
//! statistics sampled from its model, never pieces of two.

use leptos::prelude::*;
use pg_core::{policy::angle_degrees, Estimator};

use crate::charts::convergence::{self, Convergence, Series};
use crate::charts::curves::{draw, Curve, Curves};
use crate::charts::heatmap;
use crate::components::chart_canvas::ChartCanvas;
use crate::components::simulation::estimator_name;
use crate::components::ObjectiveChart;
use crate::context::Explorer;
use crate::format::{degrees, fixed, ratio};
use crate::panels::estimators_for;
use crate::sampling::Sampling;
use crate::snapshot::Snapshot;
use crate::steps::STEPS;

/// Points on the γ axis of the curves.
const GAMMA_POINTS: usize = 50;

fn gammas() -> impl Iterator<Item = f64> {
    (0..=GAMMA_POINTS).map(|i| i as f64 / GAMMA_POINTS as f64)
}

/// The sample variance of an estimator at each γ, from the episodes of the snapshot's model.
fn variance_curve(sampling: Sampling, snapshot: &Snapshot, e: Estimator) -> Vec<(f64, f64)> {
    sampling
        .read(snapshot, |run| {
            let s = run.simulation();
            if s.episodes() < 2 {
                return Vec::new();
            }
            gammas().map(|g| (g, s.estimate(e, g).variance)).collect()
        })
        .unwrap_or_default()
}

/// A chart of curves against γ, repainted when its data, γ or the theme change.
#[component]
fn GammaChart(
    testid: &'static str,
    #[prop(into)] curves: Signal<Vec<Curve>>,
    y_label: &'static str,
    reference: Option<f64>,
    #[prop(into)] summary: Signal<String>,
    caption: &'static str,
) -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let paint = Callback::new(move |(area, scale)| {
        let (g, dark) = (snapshot.with(|s| s.gamma()), dark.get());
        curves.with(|curves| {
            let data = Curves {
                curves,
                x_range: (0.0, 1.0),
                x_label: "discount γ",
                y_label,
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
    let legend =
        Signal::derive(move || curves.with(|c| c.iter().map(|c| c.label.clone()).collect()));
    let csv = Signal::derive(move || curves.with(|c| crate::charts::curves::csv("gamma", c)));
    view! { <ChartCanvas testid=testid summary=summary caption=caption paint=paint legend=legend csv=csv /> }
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
    /// Index of the step: which estimators to show.
    index: usize,
) -> impl IntoView {
    let Explorer {
        snapshot,
        sampling,
        dark,
        ..
    } = Explorer::get();
    // Step 1 is about J itself; the others about a gradient estimator's main component.
    let objective_step = STEPS.get(index).is_some_and(|s| s.slug == "objective");
    let data = Memo::new(move |_| {
        snapshot.with(|snap| {
            let g = snap.gamma();
            let wanted: Vec<(Option<Estimator>, String, Option<f64>)> = if objective_step {
                vec![(None, "mean of G₀".into(), snap.j())]
            } else {
                estimators_for(index)
                    .iter()
                    .map(|&e| (Some(e), estimator_name(e).into(), snap.exact_mean_shown(e)))
                    .collect()
            };
            let component = if objective_step { 0 } else { snap.component() };
            let series = sampling
                .read(snap, |run| {
                    let sim = run.simulation();
                    wanted
                        .into_iter()
                        .map(|(e, label, exact)| {
                            let now = match e {
                                None => sim.objective(g),
                                Some(e) => sim.estimate(e, g),
                            };
                            Series {
                                label,
                                exact,
                                points: sim
                                    .history(e, g)
                                    .into_iter()
                                    .chain(std::iter::once((sim.episodes(), now)))
                                    .filter(|(n, _)| *n > 0)
                                    .filter_map(|(n, est)| {
                                        Some((
                                            n,
                                            *est.mean.get(component)?,
                                            *est.stderr.get(component)?,
                                        ))
                                    })
                                    .collect(),
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let y_label = if objective_step {
                "J".to_string()
            } else {
                format!("component {}", snap.component_label())
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
                    let exact = s
                        .exact
                        .map_or(String::new(), |x| format!("; exact {}", fixed(x, 4)));
                    Some(format!(
                        "{}: estimate {} ± {} after {n} episodes{exact}",
                        s.label,
                        fixed(mean, 4),
                        fixed(1.96 * se, 4)
                    ))
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
    let legend =
        Signal::derive(move || data.with(|d| d.series.iter().map(|s| s.label.clone()).collect()));
    view! {
        <ChartCanvas testid="chart-convergence" summary=summary paint=paint legend=legend
            csv=Signal::derive(move || data.with(|d| convergence::csv(&d.series)))
            caption="Running Monte Carlo mean against the number of episodes, with its 95% band; the dashed line is the exact value." />
    }
}

/// The cross-term matrix C\[k, t\] of one component, exact beside estimated (steps 6 and 7).
#[component]
fn CrossTermMaps() -> impl IntoView {
    #[derive(Clone, Debug, PartialEq, Default)]
    struct Maps {
        len: usize,
        exact: Vec<f64>,
        mean: Vec<f64>,
        stderr: Vec<f64>,
        count: u64,
        name: String,
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
    let maps = Memo::new(move |_| {
        snapshot.with(|snap| {
            let (g, k) = (snap.gamma(), snap.component());
            let name = snap.component_label().to_string();
            sampling
                .read(snap, |run| {
                    let est = run.cross_terms().estimate(g);
                    let model = run.model();
                    let all_exact = pg_core::cross_terms::exact_cross_terms(
                        model.mdp(),
                        model.policy(),
                        g,
                        est.len,
                    );
                    let pick = |v: &[f64]| {
                        v.iter()
                            .skip(k)
                            .step_by(est.dim.max(1))
                            .copied()
                            .collect::<Vec<_>>()
                    };
                    Maps {
                        len: est.len,
                        exact: pick(&all_exact),
                        mean: pick(&est.mean),
                        stderr: pick(&est.stderr),
                        count: est.count,
                        name: name.clone(),
                    }
                })
                .unwrap_or(Maps {
                    name,
                    ..Maps::default()
                })
        })
    });
    let scale_max = Memo::new(move |_| {
        maps.with(|m| {
            m.exact
                .iter()
                .chain(&m.mean)
                .fold(0.0f64, |a, v| a.max(v.abs()))
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
        maps.with(|m| format!(
            "Cross terms C[k, t] for component {} after {} episodes. Below the diagonal (k < t: a reward before the action) the exact value is zero, and {within} of the {total} estimated cells that vary lie within two standard errors of zero (about 95% are expected to by chance).",
            m.name, m.count
        ))
    });
    let painter = move |estimated: bool| {
        Callback::new(move |(area, scale)| {
            let dark = dark.get();
            let max = scale_max.get();
            maps.with(|m| {
                let data = heatmap::Heatmap {
                    len: m.len,
                    values: if estimated { &m.mean } else { &m.exact },
                    stderr: estimated.then_some(m.stderr.as_slice()),
                    scale_max: max,
                    title: if estimated { "Monte Carlo" } else { "exact" },
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
    view! {
        <div class="chart-pair" data-testid="cross-terms"
            data-lower-within=move || lower.get().0.to_string()
            data-lower-cells=move || lower.get().1.to_string()>
            <ChartCanvas testid="chart-cross-terms-exact" summary=summary paint=painter(false) csv=csv
                caption="Exact C[k, t] (dynamic programming)." />
            <ChartCanvas testid="chart-cross-terms-estimate" summary=summary paint=painter(true) csv=csv
                caption="Estimated; a ring marks a cell within two standard errors of zero." />
        </div>
        <p class="chart-summary">{summary}</p>
    }
}

/// Step size α of the learning curves.
const STEP_SIZE: f64 = 1.0;
/// Episodes per update of the learning curves.
const BATCH: u64 = 200;
/// Updates shown.
const UPDATES: u64 = 60;
/// The estimators whose ascent is compared.
const TRAINED: [Estimator; 3] = [
    Estimator::RewardToGo,
    Estimator::NoDiscountWeight,
    Estimator::Baseline,
];

/// Learning curves: the exact J(θₖ) while ascending with each estimator, one update per
/// estimator per animation frame, from the snapshot's θ, γ and seed.
#[component]
fn LearningCurves() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let trainers = StoredValue::new(Vec::<pg_core::learning::Trainer>::new());
    let generation = StoredValue::new(0u64);
    let progress = RwSignal::new(0u64);
    let error = RwSignal::new(None::<String>);

    fn frame(
        trainers: StoredValue<Vec<pg_core::learning::Trainer>>,
        generation: StoredValue<u64>,
        mine: u64,
        progress: RwSignal<u64>,
    ) {
        // The panel may be gone (the reader moved on) or restarted.
        if generation.try_get_value() != Some(mine) {
            return;
        }
        let done = trainers
            .try_update_value(|ts| {
                for t in ts.iter_mut() {
                    t.update();
                }
                ts.first().map_or(UPDATES, |t| t.updates())
            })
            .unwrap_or(UPDATES);
        if progress.try_set(done).is_some() {
            return;
        }
        if done < UPDATES {
            request_animation_frame(move || frame(trainers, generation, mine, progress));
        }
    }

    // Restart for every new snapshot: another model (MDP, θ₀, seed) or γ.
    Effect::new(move |_| {
        let snap = snapshot.get();
        let model = snap.model();
        let built: Result<Vec<_>, _> = TRAINED
            .iter()
            .map(|&e| {
                pg_core::learning::Trainer::new(
                    model.mdp(),
                    model.theta(),
                    snap.gamma(),
                    e,
                    STEP_SIZE,
                    BATCH,
                    model.seed(),
                )
            })
            .collect();
        generation.update_value(|n| *n += 1);
        let mine = generation.get_value();
        match built {
            Ok(ts) => {
                trainers.set_value(ts);
                error.set(None);
                progress.set(0);
                request_animation_frame(move || frame(trainers, generation, mine, progress));
            }
            Err(e) => {
                trainers.set_value(Vec::new());
                error.set(Some(e.to_string()));
            }
        }
    });
    let curves = Memo::new(move |_| {
        progress.track();
        trainers.with_value(|ts| {
            ts.iter()
                .map(|t| Curve {
                    label: estimator_name(t.estimator()).into(),
                    points: t
                        .history()
                        .iter()
                        .enumerate()
                        .map(|(k, &j)| (k as f64, j))
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let summary = Signal::derive(move || {
        curves.with(|cs| {
            let parts: Vec<String> = cs
                .iter()
                .filter_map(|c| {
                    c.points.last().map(|p| {
                        format!("{}: J = {} after {} updates", c.label, fixed(p.1, 4), p.0)
                    })
                })
                .collect();
            parts.join("; ")
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        curves.with(|curves| {
            let data = Curves {
                curves,
                x_range: (0.0, UPDATES as f64),
                x_label: "update k",
                y_label: "exact J(θₖ)",
                guide: None,
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = draw(&area, &data) {
                leptos::logging::warn!("learning curves: {err}");
            }
        });
    });
    let legend =
        Signal::derive(move || curves.with(|c| c.iter().map(|c| c.label.clone()).collect()));
    view! {
        <ChartCanvas testid="chart-learning" summary=summary paint=paint legend=legend
            csv=Signal::derive(move || curves.with(|c| crate::charts::curves::csv("update", c)))
            caption=format!("Gradient ascent from the current θ with step size α = {STEP_SIZE} and {BATCH} fresh episodes per update: the exact J after each update (dynamic programming).") />
        <p class="chart-summary" data-testid="learning-summary">{summary}</p>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

/// Two estimators' sample variances against γ, from the same episodes.
fn variance_pair(
    first: Estimator,
    second: Estimator,
    names: [&'static str; 2],
) -> Memo<Vec<Curve>> {
    let Explorer {
        snapshot, sampling, ..
    } = Explorer::get();
    Memo::new(move |_| {
        snapshot.with(|snap| {
            [(first, names[0]), (second, names[1])]
                .into_iter()
                .map(|(e, label)| Curve {
                    label: label.into(),
                    points: variance_curve(sampling, snap, e),
                })
                .collect()
        })
    })
}

/// "At γ = …, <what>: a against b (ratio …), from n episodes." — the ratio of two sample
/// variances at the current γ, with a defined reading when they are zero.
fn ratio_summary(first: Estimator, second: Estimator, what: &'static str) -> Signal<String> {
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
                    format!(
                        "At γ = {}, {what}: {} against {} (ratio {}), from {} episodes.",
                        crate::format::gamma(g),
                        fixed(a, 4),
                        fixed(b, 4),
                        ratio(a, b, 3),
                        s.episodes()
                    )
                })
                .unwrap_or_default()
        })
    })
}

/// The angle between ∇J and the direction without γᵗ against γ, and its reading at the
/// current γ (step 9).
#[component]
fn AnglePanel() -> impl IntoView {
    let snapshot = Explorer::get().snapshot;
    // The curve depends on the model only, not on γ.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let angles = Memo::new(move |_| {
        let m = model.get();
        let points = gammas()
            .filter_map(|g| {
                let dp = pg_core::exact::dynamic_programming(m.mdp(), m.theta(), g).ok()?;
                Some((g, angle_degrees(&dp.grad, &dp.no_discount_weight)?))
            })
            .collect();
        vec![Curve {
            label: "angle between ∇J and the direction without γᵗ".into(),
            points,
        }]
    });
    let summary = Signal::derive(move || {
        snapshot.with(|snap| match snap.exact() {
            Ok(dp) => {
                let dot: f64 = dp
                    .grad
                    .iter()
                    .zip(&dp.no_discount_weight)
                    .map(|(a, b)| a * b)
                    .sum();
                let raw = angle_degrees(&dp.grad, &dp.no_discount_weight);
                let angle = degrees(raw);
                // Below 0.05° the angle prints as 0.0°: the two directions agree.
                let verdict = match raw {
                    None => "with a zero vector there is no direction to compare",
                    Some(a) if a < 0.05 => "the two point the same way",
                    Some(_) if dot < 0.0 => "it points against ∇J: ascending it lowers J",
                    Some(_) => "it still climbs J, but not along the gradient",
                };
                format!(
                    "At γ = {}, the angle between ∇J and the direction without γᵗ is {angle}; {verdict}.",
                    crate::format::gamma(snap.gamma())
                )
            }
            Err(e) => e.to_string(),
        })
    });
    view! {
        <GammaChart testid="chart-angle" curves=angles y_label="angle (degrees)"
            reference=Some(90.0) summary=summary
            caption="Exact angle between ∇J and the mean of the estimator without γᵗ, against γ (dynamic programming). Above 90° it points downhill; at γ = 1 the two agree." />
        <p class="chart-summary" aria-live="polite">{summary}</p>
    }
}

/// The extra charts of the step with this index (nothing for steps without one yet).
#[component]
pub fn StepCharts(
    /// Index of the step.
    index: usize,
) -> impl IntoView {
    use crate::components::identity_panels::{FrequencyPanel, GradientRoutesPanel, IdentityPanel};
    match STEPS.get(index).map_or("", |s| s.slug) {
        "objective" => view! { <ObjectiveChart /> }.into_any(),
        "gradient-under-integral" => view! { <GradientRoutesPanel /> }.into_any(),
        "log-derivative-trick" => view! { <IdentityPanel dynamics=false /> }.into_any(),
        "markov-factorisation" => view! { <FrequencyPanel /> }.into_any(),
        "dynamics-drop-out" => view! { <IdentityPanel dynamics=true /> }.into_any(),
        "expand-the-product" => view! { <CrossTermMaps /> }.into_any(),
        "causality" => {
            let curves = variance_pair(
                Estimator::RewardToGo,
                Estimator::Trajectory,
                ["reward-to-go", "full return"],
            );
            let summary = ratio_summary(
                Estimator::RewardToGo,
                Estimator::Trajectory,
                "the sample variance of reward-to-go against the full return",
            );
            view! {
                <CrossTermMaps />
                <GammaChart testid="chart-variance-causality" curves=curves y_label="sample variance"
                    reference=None summary=summary
                    caption="Variance (trace of the covariance) of the two estimators against γ, from the same sampled episodes: dropping the k < t terms keeps the mean and removes noise." />
                <p class="chart-summary">{summary}</p>
            }
            .into_any()
        }
        "baseline" => {
            let curves = variance_pair(
                Estimator::Baseline,
                Estimator::RewardToGo,
                ["with b = V", "without baseline"],
            );
            let summary = ratio_summary(
                Estimator::Baseline,
                Estimator::RewardToGo,
                "the sample variance with the state-value baseline against without",
            );
            view! {
                <GammaChart testid="chart-variance-baseline" curves=curves y_label="sample variance"
                    reference=None summary=summary
                    caption="Variance with and without the baseline against γ, from the same episodes. The state value often lowers it, but not always." />
                <p class="chart-summary">{summary}</p>
                <p class="chart-summary">
                    "Not always lower: on the bandit with θ = (3, 0, 0) the policy already prefers the best arm, "
                    "and subtracting the state value raises the variance (exactly 0.0494 against 0.0389). "
                    <a data-testid="baseline-counterexample" href="?step=baseline&mdp=bandit&theta=3,0,0">"See it here."</a>
                </p>
            }
            .into_any()
        }
        "dropping-gamma-t" => view! { <AnglePanel /> }.into_any(),
        "training" => view! { <LearningCurves /> }.into_any(),
        _ => ().into_any(),
    }
}
