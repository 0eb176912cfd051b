//! Step 10: subtracting a state-dependent baseline keeps the estimator unbiased.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::policy::norm;
use pg_core::Estimator;

use std::sync::Arc;

use crate::charts::histogram::{self, Histograms, Sample};
use crate::charts::look::{self, Entry};
use crate::checks::{projected_values, HISTOGRAM_EPISODES, HISTOGRAM_STEPS};
use crate::components::chart_canvas::ChartCanvas;
use crate::components::step_panel::{ratio_summary, variance_pair, GammaChart};
use crate::components::ConvergenceChart;
use crate::context::Explorer;
use crate::format::{fixed, grouped, ratio};
use crate::i18n::{t, t_with};
use pg_core::sample::first_episodes_within;

/// Baseline.
pub static STEP: Step = Step {
    slug: "baseline",
    part: Part::Beyond,
    math: &[
        r"\begin{aligned} &\mathbb{E}\big[b(s_t)\, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big] \\ &\quad = \mathbb{E}\Big[b(s_t)\; \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, s_t\big]\Big] = 0 \end{aligned}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t} \gamma^t \big(G_t - \underbrace{\boxed{b(s_t)}}_{\pgtext{math-baseline}}\big)\, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\Big]",
        r"b(s_t) = V_{H-t}(s_t) = \mathbb{E}\big[G_t \,\big|\, s_t\big]",
    ],
    tip: None,
    estimators: &[Estimator::Baseline, Estimator::RewardToGo],
    in_code: Some(
        r#"# V[h, s]: the value of s with h steps left
b = V[H - np.arange(T), s[:-1]]   # b(s_t), at t
estimate = (discounts * (G - b)) @ scores  # ←"#,
    ),
    panel,
};

/// The hero: per-episode values with and without the baseline, same mean, different
/// spread, and the bandit where the baseline widens it; the variance against γ and both
/// estimators' convergence below.
fn panel() -> Panel {
    let (curves, pending) = variance_pair(
        Estimator::Baseline,
        Estimator::RewardToGo,
        [t("baseline-with"), t("baseline-without")],
    );
    let summary = ratio_summary(
        Estimator::Baseline,
        Estimator::RewardToGo,
        t("baseline-variance-what"),
    );
    Panel {
        hero: view! {
            <Spread />
            <p class="chart-summary">
                {t("baseline-counterexample")}
                " "
                <a data-testid="baseline-counterexample" href="?step=baseline&mdp=bandit&theta=3,0,0">{t("baseline-counterexample-link")}</a>
            </p>
        }
        .into_any(),
        checks: Some(view! {
            <GammaChart testid="chart-variance-baseline" curves=curves y_label=t("chart-sample-variance")
                reference=Some(0.0) summary=summary pending=pending
                caption=t("baseline-variance-caption") />
            <p class="chart-summary">{summary}</p>
            <ConvergenceChart estimators=STEP.estimators />
        }
        .into_any()),
    }
}

/// The unit vector along ∇J (the first component's when ∇J is zero): the direction in which
/// the histograms measure each episode's estimate.
fn along_gradient(grad: &[f64]) -> Vec<f64> {
    let length = norm(grad);
    if length > 0.0 {
        grad.iter().map(|g| g / length).collect()
    } else {
        (0..grad.len())
            .map(|i| f64::from(u8::from(i == 0)))
            .collect()
    }
}

/// The run's first episodes of one model, tagged with its generation.
#[derive(Debug)]
struct FirstEpisodes(Vec<pg_core::sample::Episode>, u64);

impl PartialEq for FirstEpisodes {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Step 10's picture: histograms of one component of the two estimators over the run's first
/// episodes, with the exact ∂J as a line: the same mean, a different spread.
#[component]
fn Spread() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    // Sampling does not depend on γ: the episodes follow the model, the values γ too.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let episodes = Memo::new(move |_| {
        let m = model.get();
        Arc::new(FirstEpisodes(
            first_episodes_within(
                m.mdp(),
                m.policy(),
                m.seed(),
                HISTOGRAM_EPISODES,
                HISTOGRAM_STEPS,
            ),
            m.generation(),
        ))
    });
    let samples = Memo::new(move |_| {
        snapshot.with(|snap| {
            let m = snap.model();
            episodes.with(|e| {
                if e.1 != m.generation() {
                    return Vec::new();
                }
                projected_values(
                    m.mdp(),
                    m.policy(),
                    &e.0,
                    snap.gamma(),
                    &along_gradient(snap.grad()),
                    STEP.estimators,
                )
                .into_iter()
                .zip(STEP.estimators)
                .map(|(values, &e)| Sample {
                    values,
                    look: look::estimator(e),
                })
                .collect::<Vec<_>>()
            })
        })
    });
    // Both estimators' mean is ∇J, whose length along itself is |∇J|.
    let exact = move || {
        snapshot.with(|s| {
            let g = s.grad();
            (!g.is_empty()).then(|| norm(g))
        })
    };
    let x_label = move || t("baseline-spread-axis");
    let summary = Signal::derive(move || {
        samples.with(|ss| {
            let stats = |v: &[f64]| {
                let n = v.len().max(1) as f64;
                let mean = v.iter().sum::<f64>() / n;
                let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
                (mean, var.sqrt())
            };
            match ss.as_slice() {
                [with, without] => {
                    let ((m1, s1), (m2, s2)) = (stats(&with.values), stats(&without.values));
                    t_with(
                        "baseline-spread-summary",
                        &[
                            ("episodes", grouped(with.values.len() as u64).into()),
                            ("mean-with", fixed(m1, 4).into()),
                            ("sd-with", fixed(s1, 4).into()),
                            ("mean-without", fixed(m2, 4).into()),
                            ("sd-without", fixed(s2, 4).into()),
                            ("ratio", ratio(s1 * s1, s2 * s2, 3).into()),
                            (
                                "exact",
                                exact().map_or("—".to_string(), |x| fixed(x, 4)).into(),
                            ),
                        ],
                    )
                }
                _ => String::new(),
            }
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let (exact, label) = (exact(), x_label());
        samples.with(|ss| {
            let chart = Histograms {
                samples: ss,
                exact,
                x_label: &label,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = histogram::draw(&area, &chart) {
                leptos::logging::warn!("baseline histograms: {err}");
            }
        });
    });
    let legend = Signal::derive(|| {
        vec![
            Entry::new(
                t("baseline-legend-with"),
                look::estimator(Estimator::Baseline),
            ),
            Entry::new(
                t("baseline-legend-without"),
                look::estimator(Estimator::RewardToGo),
            ),
            Entry::new(t("baseline-legend-exact"), look::EXACT),
        ]
    });
    let csv = Signal::derive(move || {
        samples.with(|ss| histogram::csv(&["baseline", "reward_to_go"], ss, exact()))
    });
    view! {
        <ChartCanvas testid="chart-baseline-spread" summary=summary paint=paint legend=legend csv=csv
            caption=move || t_with("baseline-spread-caption", &[("episodes", grouped(episodes.with(|e| e.0.len() as u64)).into())]) />
        <p class="chart-summary" data-testid="spread-summary">{summary}</p>
    }
}
