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
use pg_core::sample::first_episodes_within;

/// Baseline.
pub static STEP: Step = Step {
    slug: "baseline",
    title: "Subtract a baseline",
    part: Part::Beyond,
    math: &[
        r"\begin{aligned} &\mathbb{E}\big[b(s_t)\, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\big] \\ &\quad = \mathbb{E}\Big[b(s_t)\; \mathbb{E}\big[\nabla_\theta \ln \pi_\theta(a_t \mid s_t) \,\big|\, s_t\big]\Big] = 0 \end{aligned}",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t} \gamma^t \big(G_t - \underbrace{\boxed{b(s_t)}}_{\text{baseline}}\big)\, \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\Big]",
        r"b(s_t) = V_{H-t}(s_t) = \mathbb{E}\big[G_t \,\big|\, s_t\big]",
    ],
    changed: "Gₜ − b(sₜ)",
    justification: "Any function of the history up to $s_t$ that does not depend on the action $a_t$ — the state, and the time too — can be subtracted from $G_t$ without changing the mean, by the argument of the causality step. With $b$ the state value $V_{H-t}(s_t)$ (the expected return from $s_t$ with $H - t$ steps left), the weight says whether the action did better or worse than usual, which often lowers the variance. Not always: the state value is not the variance-minimising baseline, and on some MDPs the variance goes up.",
    tip: None,
    confirms: "The same mean with and without the baseline; the variance with b = the exact state value beside the variance without.",
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
        ["with b = V", "without baseline"],
    );
    let summary = ratio_summary(
        Estimator::Baseline,
        Estimator::RewardToGo,
        "the sample variance with the state-value baseline against without",
    );
    Panel {
        hero: view! {
            <Spread />
            <p class="chart-summary">
                "Not always narrower: on the bandit with θ = (3, 0, 0) the policy already prefers the best arm, "
                "and subtracting the state value raises the variance, summed over the components (the trace of the covariance): exactly 0.0494 against 0.0389. "
                <a data-testid="baseline-counterexample" href="?step=baseline&mdp=bandit&theta=3,0,0">"See it here."</a>
            </p>
        }
        .into_any(),
        checks: Some(view! {
            <GammaChart testid="chart-variance-baseline" curves=curves y_label="sample variance"
                reference=Some(0.0) summary=summary pending=pending
                caption="Variance (trace of the covariance) with and without the baseline against γ, from all the sampled episodes." />
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
    let x_label = move || "one episode's estimate, along ∇J".to_string();
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
                    format!(
                        "Over the first {} episodes, each episode's estimate measured along ∇J: with the baseline, mean {} and standard deviation {}; without, mean {} and standard deviation {} (variance ratio {}). The exact mean of both is |∇J| = {}.",
                        grouped(with.values.len() as u64),
                        fixed(m1, 4),
                        fixed(s1, 4),
                        fixed(m2, 4),
                        fixed(s2, 4),
                        ratio(s1 * s1, s2 * s2, 3),
                        exact().map_or("—".to_string(), |x| fixed(x, 4))
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
            Entry::new("with b = V(sₜ)", look::estimator(Estimator::Baseline)),
            Entry::new("without baseline", look::estimator(Estimator::RewardToGo)),
            Entry::new("exact |∇J| (the mean of both)", look::EXACT),
        ]
    });
    let csv = Signal::derive(move || {
        samples.with(|ss| histogram::csv(&["baseline", "reward_to_go"], ss, exact()))
    });
    view! {
        <ChartCanvas testid="chart-baseline-spread" summary=summary paint=paint legend=legend csv=csv
            caption=move || format!("How the estimate of one episode is spread along ∇J (its length in the gradient's direction), with and without the baseline, over the run's first {} episodes at the current γ; the ink line is the exact mean they share, |∇J|.", grouped(episodes.with(|e| e.0.len() as u64))) />
        <p class="chart-summary" data-testid="spread-summary">{summary}</p>
    }
}
