//! Step 11: gradient ascent with the estimators, and what each of them learns.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::charts::curves::{draw, Curve, Curves};
use crate::charts::look::{self, estimator_name};
use crate::components::chart_canvas::ChartCanvas;
use crate::components::step_panel::legend_of;
use crate::components::ConvergenceChart;
use crate::context::Explorer;
use crate::format::fixed;
use crate::i18n::{mdp_error, t, t_with};

/// Training.
pub static STEP: Step = Step {
    slug: "training",
    part: Part::Beyond,
    math: &[
        r"\theta_{k+1} = \theta_k + \alpha \, \underbrace{\boxed{\hat g_k}}_{\pgtext{math-estimate}}",
        r"\hat g_k = \frac{1}{N} \sum_{i=1}^{N} \sum_{t} \gamma^t G^{(i)}_t \, \nabla_\theta \ln \pi_{\theta_k}\big(a^{(i)}_t \mid s^{(i)}_t\big)",
    ],
    tip: None,
    estimators: &[Estimator::RewardToGo],
    in_code: Some(
        r#"for update in range(60):
    batch = [sample(theta) for _ in range(200)]
    grad = np.mean([estimate(ep) for ep in batch],
                   axis=0)
    theta += alpha * grad     # ← ascend J"#,
    ),
    panel,
};

/// The hero: learning curves of the exact J(θₖ), one per estimator; the estimator converging
/// at the starting θ below.
fn panel() -> Panel {
    Panel {
        hero: view! { <LearningCurves /> }.into_any(),
        checks: Some(view! { <ConvergenceChart estimators=STEP.estimators /> }.into_any()),
    }
}

/// The largest step size α of the learning curves.
const STEP_SIZE: f64 = 1.0;
/// How far the first exact step may move θ: α is cut so that α·|∇J(θ₀)| is at most this,
/// or a steep MDP (the short corridor: |∇J| ≈ 2.8) overshoots into its worst policy at once.
const FIRST_MOVE: f64 = 0.5;

/// The step size for ascending from a point with this gradient: [`STEP_SIZE`], cut so the
/// first exact step moves θ by at most [`FIRST_MOVE`].
fn step_size(grad: &[f64]) -> f64 {
    let length = pg_core::policy::norm(grad);
    if length * STEP_SIZE > FIRST_MOVE {
        FIRST_MOVE / length
    } else {
        STEP_SIZE
    }
}
/// Episodes per update of the learning curves.
const BATCH: u64 = 200;
/// Updates shown.
const UPDATES: u64 = 60;
/// Main-thread time the updates may take per animation frame, in milliseconds.
const FRAME_BUDGET_MS: f64 = 10.0;
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
    let alpha = RwSignal::new(STEP_SIZE);

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
        // Updates in turn, the curves kept level, until the frame's budget is spent: each
        // call does a part of an update (an exact solve, or one episode of the batch), so
        // long episodes (a thousand steps at the limits) never hold the frame for a batch.
        let started = crate::sampling::now_ms();
        let done = trainers
            .try_update_value(|ts| loop {
                let Some(t) = ts.iter_mut().min_by_key(|t| t.updates()) else {
                    break UPDATES;
                };
                if t.updates() >= UPDATES {
                    break UPDATES;
                }
                t.advance(1);
                if crate::sampling::now_ms() - started > FRAME_BUDGET_MS {
                    break ts.iter().map(|t| t.updates()).min().unwrap_or(UPDATES);
                }
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
        let size = step_size(snap.grad());
        alpha.set(size);
        let built: Result<Vec<_>, _> = TRAINED
            .iter()
            .map(|&e| {
                // J(θ₀) is the snapshot's: no solve per estimator.
                pg_core::learning::Trainer::with_start_value(
                    model.mdp(),
                    model.theta(),
                    snap.gamma(),
                    e,
                    size,
                    BATCH,
                    model.seed(),
                    snap.j().unwrap_or(f64::NAN),
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
                error.set(Some(mdp_error(&e)));
            }
        }
    });
    let curves = Memo::new(move |_| {
        progress.track();
        trainers.with_value(|ts| {
            ts.iter()
                .map(|t| Curve {
                    look: look::estimator(t.estimator()),
                    label: estimator_name(t.estimator()),
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
                        t_with(
                            "training-summary-part",
                            &[
                                ("estimator", c.label.as_str().into()),
                                ("j", fixed(p.1, 4).into()),
                                ("updates", p.0.to_string().into()),
                            ],
                        )
                    })
                })
                .collect();
            parts.join("; ")
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let (x_label, y_label) = (t("training-axis-update"), t("training-axis-j"));
        curves.with(|curves| {
            let data = Curves {
                curves,
                x_range: (0.0, UPDATES as f64),
                x_label: &x_label,
                y_label: &y_label,
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
    let legend = Signal::derive(move || curves.with(|c| legend_of(c)));
    view! {
        <ChartCanvas testid="chart-learning" summary=summary paint=paint legend=legend
            csv=Signal::derive(move || curves.with(|c| crate::charts::curves::csv("update", c)))
            caption=move || t_with("training-caption", &[
                ("alpha", crate::format::compact(alpha.get(), 3).into()),
                ("batch", BATCH.to_string().into()),
                ("first-move", FIRST_MOVE.to_string().into()),
            ]) />
        <p class="chart-summary" data-testid="learning-summary">{summary}</p>
        <p class="chart-summary">
            {t("training-biased")}
            " "
            <a data-testid="training-trap" href="?step=training&mdp=discount-trap">{t("training-biased-link")}</a>
            {t("training-biased-after")}
        </p>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steep_gradients_get_a_shorter_step() {
        assert_eq!(step_size(&[0.1, 0.1]), STEP_SIZE);
        let alpha = step_size(&[2.0, -2.0]);
        assert!((alpha * 8f64.sqrt() - FIRST_MOVE).abs() < 1e-12);
        assert_eq!(step_size(&[]), STEP_SIZE);
    }
}
