//! Moving between steps: the table of contents and the previous/next buttons.

use leptos::prelude::*;

use crate::i18n::{t, t_with};
use crate::steps::{Part, STEPS};

/// The table of contents of the shown steps; the current one has `aria-current="step"`.
#[component]
pub fn StepList(
    /// Index of the current step.
    #[prop(into)]
    current: Signal<usize>,
    /// First and last index shown.
    #[prop(into)]
    range: Signal<(usize, usize)>,
    /// The link of each step (its query string), so links work without script too.
    href: Callback<usize, String>,
    /// Called with the index of a step chosen.
    on_select: Callback<usize>,
) -> impl IntoView {
    let entries = move || {
        let (first, last) = range.get();
        let mut previous_part = None;
        STEPS
            .iter()
            .enumerate()
            .skip(first)
            .take((last + 1).saturating_sub(first))
            .map(|(i, step)| {
                let heading = (previous_part != Some(step.part)).then(|| {
                    let class = match step.part {
                        Part::Seed => "toc-part",
                        Part::Beyond => "toc-part toc-part-beyond",
                    };
                    view! { <li class=class aria-hidden="true">{step.part.label()}</li> }
                });
                previous_part = Some(step.part);
                let is_current = move || current.get() == i;
                view! {
                    {heading}
                    <li>
                        <a
                            href=move || href.run(i)
                            data-testid=format!("step-{}", step.slug)
                            title=t_with("toc-entry", &[("number", (i + 1).into()), ("title", step.title().into())])
                            aria-current=move || is_current().then_some("step")
                            class:current=is_current
                            on:click=move |ev| {
                                ev.prevent_default();
                                on_select.run(i);
                            }
                        >
                            <span class="toc-number">{i + 1}</span>
                            <span class="toc-title">{step.title()}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="toc" aria-label=t("toc-label")>
            <ol>{entries}</ol>
        </nav>
    }
}

/// Previous and next buttons with the position between them.
#[component]
pub fn PrevNext(
    /// Index of the current step.
    #[prop(into)]
    current: Signal<usize>,
    /// First and last index shown.
    #[prop(into)]
    range: Signal<(usize, usize)>,
    /// Called with the index to go to.
    on_select: Callback<usize>,
) -> impl IntoView {
    let at_first = move || current.get() <= range.get().0;
    let at_last = move || current.get() >= range.get().1;
    let title = |i: usize| STEPS.get(i).map_or(String::new(), |s| s.title());
    view! {
        <div class="prev-next">
            <button
                type="button"
                data-testid="prev-step"
                disabled=at_first
                on:click=move |_| on_select.run(current.get_untracked().saturating_sub(1))
                title=move || (!at_first()).then(|| t_with("nav-previous-title", &[("title", title(current.get() - 1).into())]))
            >
                <span aria-hidden="true">"← "</span>
                {t("nav-previous")}
            </button>
            <span class="position">
                {move || t_with("step-of", &[("number", (current.get() + 1).into()), ("count", STEPS.len().into())])}
            </span>
            <button
                type="button"
                data-testid="next-step"
                disabled=at_last
                on:click=move |_| on_select.run(current.get_untracked() + 1)
                title=move || (!at_last()).then(|| t_with("nav-next-title", &[("title", title(current.get() + 1).into())]))
            >
                {t("nav-next")}
                <span aria-hidden="true">" →"</span>
            </button>
        </div>
    }
}
