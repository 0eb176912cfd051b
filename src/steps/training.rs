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

/// The step size α of the learning curves.
const STEP_SIZE: f64 = 1.0;
/// The longest step θ may take in one update: each step α ĝ is clipped to this length. On a
/// steep MDP (the short corridor: |∇J| ≈ 2.8 at θ = 0, and J → −∞ as π(right) → 1) one
/// noisy estimate would otherwise throw θ into a policy that never reaches the goal, where
/// J = −H and no gradient leads back; on the other presets no step is this long.
const MAX_MOVE: f64 = 0.15;
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
        let built: Result<Vec<_>, _> = TRAINED
            .iter()
            .map(|&e| {
                // J(θ₀) is the snapshot's: no solve per estimator.
                pg_core::learning::Trainer::with_start_value(
                    model.mdp(),
                    model.theta(),
                    snap.gamma(),
                    e,
                    STEP_SIZE,
                    BATCH,
                    model.seed(),
                    snap.j().unwrap_or(f64::NAN),
                )
                .and_then(|t| t.with_max_move(MAX_MOVE))
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
                ("alpha", crate::format::compact(STEP_SIZE, 3).into()),
                ("batch", BATCH.to_string().into()),
                ("max-move", MAX_MOVE.to_string().into()),
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
    use pg_core::presets::PRESETS;

    /// The panel's own settings on every preset at its default θ and γ: each learner ends
    /// no lower than it started, less a margin for noise, and none falls to a policy that
    /// never ends (the short corridor did, J = −1000, before steps were clipped).
    #[test]
    fn every_learner_keeps_its_start_on_every_preset() {
        for preset in PRESETS {
            let mdp = pg_core::presets::load(preset.id).unwrap();
            for &e in &TRAINED {
                let mut trainer = pg_core::learning::Trainer::new(
                    &mdp,
                    mdp.theta(),
                    mdp.gamma(),
                    e,
                    STEP_SIZE,
                    BATCH,
                    1,
                )
                .and_then(|t| t.with_max_move(MAX_MOVE))
                .unwrap();
                trainer.run(UPDATES);
                let history = trainer.history();
                let (first, last) = (history[0], *history.last().unwrap());
                let low = history.iter().cloned().fold(f64::INFINITY, f64::min);
                let margin = 0.1 * first.abs().max(1.0);
                // The discount trap's learner without γᵗ is meant to walk downhill (step 11's
                // point), by at most J's whole range there (1.25 to 1.5).
                let trap = preset.id == "discount-trap" && e == Estimator::NoDiscountWeight;
                if !trap {
                    assert!(
                        last >= first - margin,
                        "{} {}: {first} → {last}",
                        preset.id,
                        e.id()
                    );
                }
                assert!(
                    low >= first - margin.max(0.25),
                    "{} {}: fell to {low}",
                    preset.id,
                    e.id()
                );
            }
        }
    }
}
