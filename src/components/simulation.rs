//! The live half of a panel: progress of the sampling loop with pause and resume, and the
//! Monte Carlo estimates beside the exact values they converge to.

use leptos::prelude::*;
use pg_core::exact::DpResult;
use pg_core::{Estimate, Estimator};

use crate::model::{full_precision, full_precision_list, largest_component};
use crate::sampling::Sampling;

/// Estimates of J and of every estimator at the current γ.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimates {
    /// Of J = E\[G₀\].
    pub objective: Estimate,
    /// Of each estimator, in the order of [`Estimator::ALL`].
    pub estimators: Vec<Estimate>,
}

/// Reads every estimate from the simulation at γ; reruns when a chunk lands or γ moves.
pub fn estimates(sampling: Sampling, gamma: Signal<f64>) -> Memo<Option<Estimates>> {
    Memo::new(move |_| {
        sampling.done.track();
        let g = gamma.get();
        sampling.with(|s| Estimates {
            objective: s.objective(g),
            estimators: Estimator::ALL.iter().map(|&e| s.estimate(e, g)).collect(),
        })
    })
}

/// A person's name for an estimator.
pub fn estimator_name(e: Estimator) -> &'static str {
    match e {
        Estimator::Trajectory => "full return G₀ Σ∇ln π",
        Estimator::RewardToGo => "reward-to-go Σ γᵗGₜ∇ln π",
        Estimator::NoDiscountWeight => "without γᵗ: Σ Gₜ∇ln π",
        Estimator::Baseline => "with baseline Σ γᵗ(Gₜ−V)∇ln π",
    }
}

/// Grouped thousands: 1234567 → "1 234 567" (thin spaces read well in any locale).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// How far an estimate is from the exact value, in standard errors (None without spread).
pub fn sigmas(mean: f64, stderr: f64, exact: f64) -> Option<f64> {
    (stderr > 0.0).then(|| (mean - exact) / stderr)
}

/// Progress and pause/resume.
#[component]
pub fn SamplingProgress(
    /// The loop.
    sampling: Sampling,
    /// Target number of episodes.
    #[prop(into)]
    target: Signal<u64>,
) -> impl IntoView {
    let done = sampling.done;
    let paused = sampling.paused;
    let finished = move || done.get() >= target.get();
    let label = move || {
        if finished() {
            "Sample again"
        } else if paused.get() {
            "Resume"
        } else {
            "Pause"
        }
    };
    let on_click = move |_| {
        if finished() {
            sampling.paused.set(false);
            // Same seed, same episodes: sampling again shows the convergence once more.
            sampling.replay();
        } else if paused.get_untracked() {
            sampling.resume();
        } else {
            sampling.pause();
        }
    };
    view! {
        <div class="progress">
            <progress max=move || target.get() as f64 value=move || done.get() as f64
                aria-label="Episodes sampled"></progress>
            <span class="progress-text" data-testid="episodes-done"
                data-value=move || done.get().to_string()>
                {move || format!("{} of {} episodes", grouped(done.get()), grouped(target.get()))}
            </span>
            <button type="button" data-testid="pause-button" on:click=on_click
                aria-pressed=move || paused.get().then_some("true")>{label}</button>
            {move || sampling.error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            // Numbers change every frame while sampling; a screen reader hears only the end.
            <p class="visually-hidden" role="status">
                {move || finished().then(|| format!("Sampling finished: {} episodes.", grouped(done.get())))}
            </p>
        </div>
    }
}

/// Exact values beside their Monte Carlo estimates, one row per quantity.
#[component]
pub fn EstimateTable(
    /// Estimates at the current γ.
    #[prop(into)]
    estimates: Signal<Option<Estimates>>,
    /// Exact values at the current γ.
    #[prop(into)]
    exact: Signal<Result<DpResult, String>>,
    /// Names of the parameters.
    #[prop(into)]
    labels: Signal<Vec<String>>,
    /// The estimators this step is about, first the main one.
    shown: &'static [Estimator],
) -> impl IntoView {
    // The component shown for vectors: the one where ∇J is largest.
    let component = Memo::new(move |_| {
        exact.with(|e| e.as_ref().ok().map_or(0, |dp| largest_component(&dp.grad)))
    });
    let cell = move |mean: f64, stderr: f64, exact: Option<f64>| {
        let z = exact.and_then(|x| sigmas(mean, stderr, x));
        let z_text = z.map_or(String::new(), |z| format!("{z:+.1}σ"));
        view! {
            <td class="num">{format!("{mean:.5}")}<span class="pm">{format!(" ± {:.5}", 1.96 * stderr)}</span></td>
            <td class="num z">{z_text}</td>
        }
    };
    let j_row = move || {
        let est = estimates.get().map(|e| e.objective);
        let exact_j = exact.with(|e| e.as_ref().ok().map(|dp| dp.j));
        let (mean, stderr) = est
            .as_ref()
            .map_or((f64::NAN, 0.0), |e| (e.mean[0], e.stderr[0]));
        view! {
            <tr data-testid="estimate-J" data-value=full_precision(mean) data-stderr=full_precision(stderr)>
                <th scope="row">"J = E[G₀]"</th>
                <td class="num">{exact_j.map_or("—".to_string(), |j| format!("{j:.5}"))}</td>
                {cell(mean, stderr, exact_j)}
            </tr>
        }
    };
    let rows = move || {
        let est = estimates.get();
        let k = component.get();
        shown
            .iter()
            .map(|&e| {
                let exact_vec = exact.with(|x| {
                    x.as_ref().ok().map(|dp| match e {
                        Estimator::NoDiscountWeight => dp.no_discount_weight.clone(),
                        _ => dp.grad.clone(),
                    })
                });
                let estimate = est.as_ref().map(|x| x.estimators[e.index()].clone());
                let (mean, stderr) = estimate
                    .as_ref()
                    .map_or((f64::NAN, 0.0), |x| (x.mean.get(k).copied().unwrap_or(f64::NAN), x.stderr.get(k).copied().unwrap_or(0.0)));
                let exact_k = exact_vec.as_ref().and_then(|v| v.get(k).copied());
                view! {
                    <tr data-testid=format!("estimate-{}", e.id())
                        data-value=estimate.as_ref().map(|x| full_precision_list(&x.mean))
                        data-stderr=estimate.as_ref().map(|x| full_precision_list(&x.stderr))
                        data-variance=estimate.as_ref().map(|x| full_precision(x.variance))>
                        <th scope="row">{estimator_name(e)}</th>
                        <td class="num">{exact_k.map_or("—".to_string(), |x| format!("{x:.5}"))}</td>
                        {cell(mean, stderr, exact_k)}
                    </tr>
                }
            })
            .collect_view()
    };
    let caption = move || {
        let name = labels.with(|l| l.get(component.get()).cloned().unwrap_or_default());
        format!("Exact (dynamic programming) beside Monte Carlo at the current γ; vectors show their component {name}. ± is a 95% band; σ counts standard errors from the exact value.")
    };
    view! {
        <div class="table-scroll">
            <table class="estimates" aria-describedby="estimates-note">
                <thead>
                    <tr><th scope="col">"Quantity"</th><th scope="col">"Exact"</th><th scope="col">"Monte Carlo"</th><th scope="col">"Off by"</th></tr>
                </thead>
                <tbody>{j_row}{rows}</tbody>
            </table>
        </div>
        <p class="table-note" id="estimates-note">{caption}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1\u{202f}000");
        assert_eq!(grouped(1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(sigmas(1.0, 0.5, 0.0), Some(2.0));
        assert_eq!(sigmas(1.0, 0.0, 0.0), None);
    }
}
