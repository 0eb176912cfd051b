//! The live half of a panel: progress of the sampling loop with pause and resume, and the
//! Monte Carlo estimates beside the exact values they converge to.

use leptos::prelude::*;
use pg_core::{Estimate, Estimator};

use crate::charts::look::estimator_parts;
use crate::context::Explorer;
use crate::format::{fixed, full_precision, full_precision_list, grouped, sigmas};
use crate::i18n::{t, t_with};
use crate::sampling::Where;

/// Progress and pause/resume.
#[component]
pub fn SamplingProgress() -> impl IntoView {
    let Explorer {
        snapshot,
        sampling,
        target,
        sample_again,
        ..
    } = Explorer::get();
    let done = move || snapshot.with(|s| sampling.episodes(s));
    let seed = move || snapshot.with(|s| s.model().seed());
    let paused = sampling.paused;
    let finished = move || done() >= target.get();
    let label = move || {
        t(if finished() {
            "sampling-again"
        } else if paused.get() {
            "sampling-resume"
        } else {
            "sampling-pause"
        })
    };
    let on_click = move |_| {
        if finished() {
            sampling.paused.set(false);
            // Fresh episodes from the next seed: a new sample, and still a reproducible one
            // (the seed is shown and goes into the address).
            sample_again.run(());
        } else if paused.get_untracked() {
            sampling.resume();
        } else {
            sampling.pause();
        }
    };
    let place = sampling.place;
    let place_id = move || match place.get() {
        Where::Undecided => "undecided".to_string(),
        Where::Page => "page".to_string(),
        Where::Workers(n) => n.to_string(),
    };
    let place_text = move || match place.get() {
        Where::Undecided => String::new(),
        Where::Page => t("sampling-on-page"),
        Where::Workers(n) => t_with("sampling-in-workers", &[("count", n.into())]),
    };
    view! {
        <div class="progress" data-workers=place_id title=place_text>
            <progress max=move || target.get() as f64 value=move || done() as f64
                aria-label=t("sampling-progress")></progress>
            <span class="progress-text" data-testid="episodes-done"
                data-value=move || done().to_string()>
                {move || t_with("sampling-status", &[
                    ("done", grouped(done()).into()),
                    ("target", grouped(target.get()).into()),
                    ("count", target.get().into()),
                    ("seed", seed().to_string().into()),
                ])}
            </span>
            <button type="button" data-testid="pause-button" on:click=on_click
                aria-pressed=move || paused.get().then_some("true")>{label}</button>
            {move || sampling.error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            // Numbers change every frame while sampling; a screen reader hears only the end.
            <p class="visually-hidden" role="status">
                {move || finished().then(|| t_with("sampling-finished", &[("done", grouped(done()).into()), ("count", done().into())]))}
            </p>
        </div>
    }
}

/// One row of the estimate table, all of it read from one snapshot.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    testid: String,
    /// The quantity's name and its formula (the formula is hidden on narrow screens).
    name: (String, &'static str),
    exact: Option<f64>,
    /// The whole estimate (every component), when episodes of this snapshot's model exist.
    estimate: Option<Estimate>,
    /// The component shown.
    component: usize,
}

impl Row {
    fn shown(&self) -> (f64, f64) {
        self.estimate.as_ref().map_or((f64::NAN, 0.0), |e| {
            (
                e.mean.get(self.component).copied().unwrap_or(f64::NAN),
                e.stderr.get(self.component).copied().unwrap_or(0.0),
            )
        })
    }
}

/// Exact values beside their Monte Carlo estimates, one row per quantity: J, then the
/// estimators a step compares.
#[component]
pub fn EstimateTable(
    /// The estimators shown after J, in order.
    estimators: &'static [Estimator],
) -> impl IntoView {
    let Explorer {
        snapshot, sampling, ..
    } = Explorer::get();
    let shown = estimators;
    let rows = Memo::new(move |_| {
        snapshot.with(|s| {
            let g = s.gamma();
            let read = |e: Option<Estimator>| {
                sampling.read(s, |run| match e {
                    None => run.simulation().objective(g),
                    Some(e) => run.simulation().estimate(e, g),
                })
            };
            let j = Row {
                testid: "estimate-J".to_string(),
                name: ("J".to_string(), " = E[G₀]"),
                exact: s.j(),
                estimate: read(None),
                component: 0,
            };
            std::iter::once(j)
                .chain(shown.iter().map(|&e| Row {
                    testid: format!("estimate-{}", e.id()),
                    name: estimator_parts(e),
                    exact: s.exact_mean_shown(e),
                    estimate: read(Some(e)),
                    component: s.component(),
                }))
                .collect::<Vec<_>>()
        })
    });
    let body = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let (mean, stderr) = row.shown();
                let is_j = row.testid == "estimate-J";
                // J's row carries its scalar; a vector estimate every component.
                let (value, error, variance) = match &row.estimate {
                    Some(_) if is_j => (full_precision(mean), full_precision(stderr), None),
                    Some(e) => (
                        full_precision_list(&e.mean),
                        full_precision_list(&e.stderr),
                        full_precision(e.variance),
                    ),
                    None => (None, None, None),
                };
                view! {
                    <tr data-testid=row.testid data-value=value data-stderr=error data-variance=variance>
                        <th scope="row">{row.name.0.clone()}<span class="quantity-formula">{row.name.1}</span></th>
                        <td class="num">{row.exact.map_or("—".to_string(), |x| fixed(x, 5))}</td>
                        <td class="num">{fixed(mean, 5)}<span class="pm">{if row.estimate.is_some() { format!(" ± {}", fixed(1.96 * stderr, 5)) } else { String::new() }}</span></td>
                        <td class="num z">{sigmas(mean, stderr, row.exact)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let caption = move || {
        let name = snapshot.with(|s| s.component_label().to_string());
        if shown.is_empty() {
            t("estimates-note")
        } else {
            t_with("estimates-note-component", &[("component", name.into())])
        }
    };
    view! {
        <div class="table-scroll">
            <table class="estimates" aria-describedby="estimates-note">
                <thead>
                    <tr><th scope="col">{t("estimates-quantity")}</th><th scope="col">{t("estimates-exact")}</th><th scope="col">{t("estimates-monte-carlo")}</th><th scope="col">{t("estimates-off-by")}</th></tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <p class="table-note" id="estimates-note">{caption}</p>
    }
}
