//! One step of the derivation: its math, the term that changed, the justification, the
//! seed's tip, and the panel that confirms it beside them.

use leptos::prelude::*;

use crate::components::{Prose, Tex};
use crate::i18n::{t, t_with};
use crate::steps::{Part, STEPS};

/// The id of the step heading, where focus lands after a move.
pub const STEP_TITLE_ID: &str = "step-title";

/// A derivation step with its confirmation panel (the children).
#[component]
pub fn StepCard(
    /// Index of the step in [`STEPS`].
    index: usize,
    /// The confirmation panel.
    children: Children,
) -> impl IntoView {
    // The index comes from the parameters, which keep it in range; the first step stands
    // in should that ever fail.
    let step = STEPS.get(index).unwrap_or(&STEPS[0]);
    let part_class = match step.part {
        Part::Seed => "part part-seed",
        Part::Beyond => "part part-beyond",
    };
    view! {
        <article class="step" data-testid="step-card" data-slug=step.slug aria-labelledby=STEP_TITLE_ID>
            <p class="step-kicker">
                <span class="step-number">{t_with("step-of", &[("number", (index + 1).into()), ("count", STEPS.len().into())])}</span>
                <span class=part_class>{step.part.label()}</span>
            </p>
            <h2 id=STEP_TITLE_ID tabindex="-1">{step.title()}</h2>
            <div class="step-grid">
                <section class="step-math" aria-label=t("step-card-math")>
                    {step.math().into_iter().map(|m| view! { <Tex tex=m display=true /> }).collect_view()}
                    <p class="changed" data-testid="changed">
                        <span class="changed-label">{t("step-card-changed")}</span>
                        <span class="changed-text">{step.changed()}</span>
                        <span class="changed-hint">{t("step-card-changed-hint")}</span>
                    </p>
                    <p class="justification"><Prose text=step.justification() /></p>
                    {step.in_code.map(|code| view! {
                        <aside class="in-code" data-testid="in-code" aria-label=t("step-card-in-code")>
                            <p class="in-code-label">{t("step-card-in-code")}" "<span class="in-code-hint">{t("step-card-in-code-hint")}</span></p>
                            <pre><code>{code}</code></pre>
                        </aside>
                    })}
                    {step.tip.zip(step.tip()).map(|(label, tip)| view! {
                        <aside class="tip" data-testid="tip" aria-label=t_with("step-card-tip", &[("label", label.into())])>
                            <strong class="tip-label">{label}</strong>
                            " "
                            <Prose text=tip />
                        </aside>
                    })}
                </section>
                <section class="panel" aria-label=t("step-card-panel")>
                    {children()}
                    <p class="confirms">
                        <span class="confirms-label">{t("step-card-confirms")}" "</span>
                        {step.confirms()}
                    </p>
                </section>
            </div>
        </article>
    }
}
