//! Step-specific charts of a panel: what only that step's confirmation needs, beside the
//! estimates every panel shows.

use std::sync::Arc;

use leptos::prelude::*;
use pg_core::{exact, policy::angle_degrees, Estimator, Mdp};

use crate::charts::convergence::{self, Convergence, Series};
use crate::charts::curves::{draw, Curve, Curves};
use crate::charts::heatmap;
use crate::components::chart_canvas::ChartCanvas;
use crate::components::simulation::estimator_name;
use crate::model::{format_gamma, largest_component};
use crate::panels::estimators_for;
use crate::sampling::Sampling;
use crate::steps::STEPS;

/// Points on the γ axis of the curves.
const GAMMA_POINTS: usize = 50;

fn gammas() -> impl Iterator<Item = f64> {
    (0..=GAMMA_POINTS).map(|i| i as f64 / GAMMA_POINTS as f64)
}

/// The sample variance of an estimator at each γ, from the same episodes.
fn variance_curve(sampling: Sampling, e: Estimator) -> Vec<(f64, f64)> {
    sampling
        .with(|s| {
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
    #[prop(into)] gamma: Signal<f64>,
    #[prop(into)] dark: Signal<bool>,
    #[prop(into)] summary: Signal<String>,
    caption: &'static str,
) -> impl IntoView {
    let paint = Callback::new(move |(area, scale)| {
        let (g, dark) = (gamma.get(), dark.get());
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

/// Running estimates against the number of episodes, converging to the exact values.
#[component]
pub fn ConvergenceChart(
    /// Index of the step: which estimators to show.
    index: usize,
    /// The sampling loop.
    sampling: Sampling,
    /// Exact values at the current γ.
    #[prop(into)]
    exact: Signal<Result<exact::DpResult, String>>,
    /// Names of the parameters.
    #[prop(into)]
    labels: Signal<Vec<String>>,
    /// γ in use.
    #[prop(into)]
    gamma: Signal<f64>,
    /// Dark theme.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    // Step 1 is about J itself; the others about a gradient estimator's main component.
    let objective_step = STEPS[index].slug == "objective";
    let series = Memo::new(move |_| {
        sampling.done.track();
        let g = gamma.get();
        let dp = exact.get().ok();
        let k = dp.as_ref().map_or(0, |dp| largest_component(&dp.grad));
        let mut wanted: Vec<(Option<Estimator>, String, Option<f64>)> = Vec::new();
        if objective_step {
            wanted.push((None, "mean of G₀".into(), dp.as_ref().map(|d| d.j)));
        } else {
            for &e in estimators_for(index) {
                let exact_k = dp.as_ref().map(|d| match e {
                    Estimator::NoDiscountWeight => d.no_discount_weight[k],
                    _ => d.grad[k],
                });
                wanted.push((Some(e), estimator_name(e).into(), exact_k));
            }
        }
        let component = if objective_step { 0 } else { k };
        sampling
            .with(|s| {
                wanted
                    .into_iter()
                    .map(|(e, label, exact)| Series {
                        label,
                        exact,
                        points: s
                            .history(e, g)
                            .into_iter()
                            .chain(std::iter::once((
                                s.episodes(),
                                match e {
                                    None => s.objective(g),
                                    Some(e) => s.estimate(e, g),
                                },
                            )))
                            .filter(|(n, _)| *n > 0)
                            .map(|(n, est)| (n, est.mean[component], est.stderr[component]))
                            .collect(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let y_label = move || {
        if objective_step {
            "J".to_string()
        } else {
            let k = exact.with(|e| e.as_ref().ok().map_or(0, |dp| largest_component(&dp.grad)));
            format!(
                "component {}",
                labels.with(|l| l.get(k).cloned().unwrap_or_default())
            )
        }
    };
    let summary = Signal::derive(move || {
        series.with(|all| {
            all.iter()
                .filter_map(|s| {
                    let &(n, mean, se) = s.points.last()?;
                    let exact = s.exact.map_or(String::new(), |x| format!("; exact {x:.4}"));
                    Some(format!(
                        "{}: estimate {mean:.4} ± {:.4} after {n} episodes{exact}",
                        s.label,
                        1.96 * se
                    ))
                })
                .collect::<Vec<_>>()
                .join(". ")
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let label = y_label();
        let dark = dark.get();
        series.with(|series| {
            let data = Convergence {
                series,
                y_label: &label,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = convergence::draw(&area, &data) {
                leptos::logging::warn!("convergence chart: {err}");
            }
        });
    });
    let legend =
        Signal::derive(move || series.with(|s| s.iter().map(|s| s.label.clone()).collect()));
    view! {
        <ChartCanvas testid="chart-convergence" summary=summary paint=paint legend=legend
            csv=Signal::derive(move || series.with(|s| convergence::csv(s)))
            caption="Running Monte Carlo mean against the number of episodes, with its 95% band; the dashed line is the exact value." />
    }
}

/// The cross-term matrix C\[k, t\] of one component, exact beside estimated (steps 6 and 7).
#[component]
fn CrossTermMaps(
    sampling: Sampling,
    #[prop(into)] mdp: Signal<Arc<Mdp>>,
    #[prop(into)] exact: Signal<Result<exact::DpResult, String>>,
    #[prop(into)] labels: Signal<Vec<String>>,
    #[prop(into)] gamma: Signal<f64>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    #[derive(Clone, Debug, PartialEq, Default)]
    struct Maps {
        len: usize,
        exact: Vec<f64>,
        mean: Vec<f64>,
        stderr: Vec<f64>,
        count: u64,
    }
    let component = Memo::new(move |_| {
        exact.with(|e| e.as_ref().ok().map_or(0, |dp| largest_component(&dp.grad)))
    });
    let maps = Memo::new(move |_| {
        sampling.done.track();
        let (g, k) = (gamma.get(), component.get());
        let m = mdp.get();
        sampling
            .with_cross_terms(|sums, policy| {
                let est = sums.estimate(g);
                let all_exact = pg_core::cross_terms::exact_cross_terms(&m, policy, g, est.len);
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
                }
            })
            .unwrap_or_default()
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
                .map(|(k, t)| (m.mean[k * m.len + t], m.stderr[k * m.len + t]))
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
        let name = labels.with(|l| l.get(component.get()).cloned().unwrap_or_default());
        format!(
            "Cross terms C[k, t] for component {name} after {} episodes. Below the diagonal (k < t: a reward before the action) the exact value is zero, and {within} of the {total} estimated cells that vary lie within two standard errors of zero (about 95% are expected to by chance).",
            maps.with(|m| m.count)
        )
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
/// estimator per animation frame.
#[component]
fn LearningCurves(
    #[prop(into)] seed: Signal<u64>,
    #[prop(into)] mdp: Signal<Arc<Mdp>>,
    #[prop(into)] theta: Signal<Vec<f64>>,
    #[prop(into)] gamma: Signal<f64>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
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

    // Restart whenever the MDP, θ₀, γ or the seed change.
    Effect::new(move |_| {
        let (m, t, g) = (mdp.get(), theta.get(), gamma.get());
        let seed = seed.get();
        let built: Result<Vec<_>, _> = TRAINED
            .iter()
            .map(|&e| pg_core::learning::Trainer::new(&m, &t, g, e, STEP_SIZE, BATCH, seed))
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
            Err(e) => error.set(Some(e.to_string())),
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
                    c.points
                        .last()
                        .map(|p| format!("{}: J = {:.4} after {} updates", c.label, p.1, p.0))
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

/// The extra charts of the step with this index (nothing for steps without one yet).
#[component]
pub fn StepCharts(
    /// Index of the step.
    index: usize,
    /// The sampling loop.
    sampling: Sampling,
    /// The MDP in use.
    #[prop(into)]
    mdp: Signal<Arc<Mdp>>,
    /// θ in use.
    #[prop(into)]
    theta: Signal<Vec<f64>>,
    /// γ in use.
    #[prop(into)]
    gamma: Signal<f64>,
    /// Dark theme.
    #[prop(into)]
    dark: Signal<bool>,
    /// Seed of the generator.
    #[prop(into)]
    seed: Signal<u64>,
    /// Exact values at the current γ.
    #[prop(into)]
    exact: Signal<Result<exact::DpResult, String>>,
    /// Names of the parameters.
    #[prop(into)]
    labels: Signal<Vec<String>>,
) -> impl IntoView {
    let variance_pair = move |first: Estimator, second: Estimator, names: [&'static str; 2]| {
        Memo::new(move |_| {
            sampling.done.track();
            vec![
                Curve {
                    label: names[0].into(),
                    points: variance_curve(sampling, first),
                },
                Curve {
                    label: names[1].into(),
                    points: variance_curve(sampling, second),
                },
            ]
        })
    };
    let ratio_summary = move |first: Estimator, second: Estimator, what: &'static str| {
        Signal::derive(move || {
            sampling.done.track();
            let g = gamma.get();
            sampling
                .with(|s| {
                    let (a, b) = (
                        s.estimate(first, g).variance,
                        s.estimate(second, g).variance,
                    );
                    format!(
                        "At γ = {}, {what}: {:.4} against {:.4} (ratio {:.3}), from {} episodes.",
                        format_gamma(g),
                        a,
                        b,
                        a / b,
                        s.episodes()
                    )
                })
                .unwrap_or_default()
        })
    };
    let cross_terms = move || {
        view! { <CrossTermMaps sampling=sampling mdp=mdp exact=exact labels=labels gamma=gamma dark=dark /> }
    };
    use crate::components::identity_panels::{FrequencyPanel, GradientRoutesPanel, IdentityPanel};
    match STEPS[index].slug {
        "gradient-under-integral" => view! {
            <GradientRoutesPanel mdp=mdp theta=theta gamma=gamma exact=exact labels=labels dark=dark />
        }
        .into_any(),
        "log-derivative-trick" => view! {
            <IdentityPanel dynamics=false mdp=mdp theta=theta seed=seed exact=exact labels=labels dark=dark />
        }
        .into_any(),
        "markov-factorisation" => view! { <FrequencyPanel sampling=sampling mdp=mdp dark=dark /> }.into_any(),
        "dynamics-drop-out" => view! {
            <IdentityPanel dynamics=true mdp=mdp theta=theta seed=seed exact=exact labels=labels dark=dark />
        }
        .into_any(),
        "expand-the-product" => cross_terms().into_any(),
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
                {cross_terms()}
                <GammaChart testid="chart-variance-causality" curves=curves y_label="sample variance"
                    reference=None gamma=gamma dark=dark summary=summary
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
                    reference=None gamma=gamma dark=dark summary=summary
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
        "dropping-gamma-t" => {
            let angles = Memo::new(move |_| {
                let (m, t) = (mdp.get(), theta.get());
                let points = gammas()
                    .map(|g| {
                        let angle = exact::dynamic_programming(&m, &t, g)
                            .ok()
                            .and_then(|dp| angle_degrees(&dp.grad, &dp.no_discount_weight));
                        (g, angle.unwrap_or(f64::NAN))
                    })
                    .collect();
                vec![Curve {
                    label: "angle between ∇J and the direction without γᵗ".into(),
                    points,
                }]
            });
            let summary = Signal::derive(move || {
                let g = gamma.get();
                let (m, t) = (mdp.get(), theta.get());
                match exact::dynamic_programming(&m, &t, g) {
                    Ok(dp) => {
                        let dot: f64 = dp
                            .grad
                            .iter()
                            .zip(&dp.no_discount_weight)
                            .map(|(a, b)| a * b)
                            .sum();
                        let angle = angle_degrees(&dp.grad, &dp.no_discount_weight)
                            .map_or("undefined (a zero vector)".to_string(), |a| {
                                format!("{a:.1}°")
                            });
                        let verdict = if dot < 0.0 {
                            "it points against ∇J: ascending it lowers J"
                        } else {
                            "it still climbs J, but not along the gradient"
                        };
                        format!("At γ = {}, the angle between ∇J and the direction without γᵗ is {angle}; {verdict}.", format_gamma(g))
                    }
                    Err(e) => e.to_string(),
                }
            });
            view! {
                <GammaChart testid="chart-angle" curves=angles y_label="angle (degrees)"
                    reference=Some(90.0) gamma=gamma dark=dark summary=summary
                    caption="Exact angle between ∇J and the mean of the estimator without γᵗ, against γ (dynamic programming). Above 90° it points downhill; at γ = 1 the two agree." />
                <p class="chart-summary" aria-live="polite">{summary}</p>
            }
            .into_any()
        }
        "training" => view! {
            <LearningCurves seed=seed mdp=mdp theta=theta gamma=gamma dark=dark />
        }
        .into_any(),
        _ => ().into_any(),
    }
}
