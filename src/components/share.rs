//! Sharing a state: the link to it, an embed for course pages (the steps it shows, which
//! settings its reader may change, a live preview, the snippet with its host script), and a
//! one-file copy of the view for use offline (DESIGN §8).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{self, copy_to_clipboard, Copied};
use crate::format::grouped;
use crate::i18n::{t, t_with};
use crate::state::{self, Controls, Params};
use crate::steps::STEPS;

/// The height an embed starts at, in CSS pixels, before its host script (or nothing) sizes
/// it: enough for a step's math and the start of its panel.
pub const EMBED_HEIGHT: u32 = 720;

/// Links longer than this many characters get a warning: some platforms, editors and mail
/// programs cut or refuse them (2 000 is the common floor, e.g. older browsers and CMSs).
pub const LONG_LINK: usize = 2000;

/// Escapes text for an HTML attribute value in double quotes.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The snippet that embeds `src` (already carrying `embed=1`): an `<iframe>` as wide as its
/// column that may copy to the clipboard and go full screen, and the site's host script at
/// `host_script`, which sizes the frame to its content (without it the frame keeps
/// [`EMBED_HEIGHT`] and scrolls).
pub fn iframe_snippet(src: &str, title: &str, host_script: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{EMBED_HEIGHT}\" style=\"border:0;width:100%;max-width:100%;min-height:480px\" loading=\"lazy\" allow=\"clipboard-write; fullscreen\" allowfullscreen></iframe>\n<script src=\"{}\" async></script>",
        escape(src),
        escape(title),
        escape(host_script),
    )
}

/// The parameters of an embed of `p`: steps `first..=last`, `controls`, no site chrome.
pub fn embed_params(p: &Params, (first, last): (usize, usize), controls: Controls) -> Params {
    let (first, last) = (first.min(last), first.max(last));
    Params {
        embed: true,
        range: Some((first, last)),
        step: p.step.clamp(first, last),
        controls,
        ..p.clone()
    }
}

/// The embed's title: the step shown first and the MDP.
pub fn embed_title((first, last): (usize, usize), mdp_name: &str) -> String {
    let title = |i: usize| STEPS.get(i).map_or(String::new(), |s| s.title());
    if first == last {
        t_with(
            "embed-title-one",
            &[
                ("number", (first + 1).into()),
                ("title", title(first).into()),
                ("mdp", mdp_name.into()),
            ],
        )
    } else {
        t_with(
            "embed-title-range",
            &[
                ("first", (first + 1).into()),
                ("last", (last + 1).into()),
                ("first-title", title(first).into()),
                ("last-title", title(last).into()),
                ("mdp", mdp_name.into()),
            ],
        )
    }
}

/// `html` (the one-file build) with `query` as the state it opens with: a
/// `<meta name="pg-state">` right after `<head>`, read by [`browser::current_query`] when the
/// file's address has no query. Data, not script, so the file's Content-Security-Policy
/// (hashes of its inline scripts) still holds.
///
/// # Errors
/// `html` has no `<head>`: it is not the one-file build.
pub fn bake_state(html: &str, query: &str) -> Result<String, String> {
    let head = html.find("<head>").ok_or_else(|| t("offline-no-head"))? + "<head>".len();
    let query = query.strip_prefix('?').unwrap_or(query);
    Ok(format!(
        "{}<meta name=\"{}\" content=\"?{}\">{}",
        html.get(..head).unwrap_or_default(),
        browser::STATE_META,
        escape(query),
        html.get(head..).unwrap_or_default()
    ))
}

/// What the copy status says after copying `what` (the message id of "link", "embed code").
pub fn copy_message(what: &str, copied: Copied) -> String {
    let what = t(what);
    match copied {
        Copied::Done => t_with("share-copied", &[("what", what.into())]),
        Copied::Selected => t_with("share-selected", &[("what", what.into())]),
    }
}

/// A select of the steps, for the first or last step of an embed.
#[component]
fn StepChoice(
    id: &'static str,
    label: String,
    #[prop(into)] value: Signal<usize>,
    on_change: Callback<usize>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id data-testid=id prop:value=move || value.get().to_string()
                on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        if i < STEPS.len() {
                            on_change.run(i);
                        }
                    }
                }>
                {STEPS.iter().enumerate().map(|(i, s)| view! {
                    <option value=i.to_string() selected=move || value.get() == i>
                        {format!("{}. {}", i + 1, s.title())}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The link to the current state, the embed with its options and preview, and the offline
/// copy.
#[component]
pub fn SharePanel(
    /// Every setting in use.
    #[prop(into)]
    params: Signal<Params>,
    /// The name of the MDP in use.
    #[prop(into)]
    mdp_name: Signal<String>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let link_field = NodeRef::<html::Input>::new();
    let code_field = NodeRef::<html::Textarea>::new();
    let site = browser::site_address();
    let link = Signal::derive(move || {
        format!(
            "{}?{}",
            browser::page_address(),
            params.with(state::to_query)
        )
    });
    // The embed shows the current step unless the author chose a range.
    let chosen = RwSignal::new(None::<(usize, usize)>);
    let range = Signal::derive(move || {
        chosen
            .get()
            .unwrap_or_else(|| params.with(|p| (p.step, p.step)))
    });
    let controls = RwSignal::new(Controls::All);
    let embed_src = Signal::derive(move || {
        let embedded = params.with(|p| embed_params(p, range.get(), controls.get()));
        format!("{}?{}", browser::page_address(), state::to_query(&embedded))
    });
    let host_script = format!("{site}embed.js");
    let embed_code = Signal::derive(move || {
        iframe_snippet(
            &embed_src.get(),
            &embed_title(range.get(), &mdp_name.get()),
            &host_script,
        )
    });
    let copy = move |what: &'static str, text: String, field: Option<web_sys::HtmlElement>| {
        spawn_local(async move {
            let copied = copy_to_clipboard(text, field).await;
            // The panel may be gone by the time the clipboard answers.
            let _ = status.try_set(copy_message(what, copied));
        });
    };
    let set_first = Callback::new(move |i: usize| {
        let (_, last) = range.get_untracked();
        chosen.set(Some((i, last.max(i))));
    });
    let set_last = Callback::new(move |i: usize| {
        let (first, _) = range.get_untracked();
        chosen.set(Some((first.min(i), i)));
    });
    // The preview loads the embed only while it is open: it is the whole app once more.
    let preview_open = RwSignal::new(false);
    let offline = move |_| {
        let query = params.with(state::to_query);
        let name = params.with(|p| STEPS.get(p.step).map_or("view", |s| s.slug).to_string());
        spawn_local(async move {
            let said = match browser::download_offline_copy(
                &query,
                &format!("policy-gradient-{name}.html"),
            )
            .await
            {
                Ok(()) => t("share-offline-downloading"),
                Err(e) => t_with("share-offline-failed", &[("problem", e.into())]),
            };
            let _ = status.try_set(said);
        });
    };
    let standalone = browser::is_standalone();
    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title" class="share-title">{t("share-title")}</h2>
            <div class="share-row">
                <label for="share-link">{t("share-link")}</label>
                <input id="share-link" data-testid="share-link" type="text" readonly node_ref=link_field
                    prop:value=move || link.get() on:focus=|ev| select_all(&ev) />
                <button type="button" data-testid="copy-link"
                    on:click=move |_| copy("share-what-link", link.get_untracked(), link_field.get_untracked().map(Into::into))>{t("share-copy-link")}</button>
            </div>
            {move || {
                let length = link.with(|l| l.chars().count());
                (length > LONG_LINK).then(|| view! {
                    <p class="field-error" data-testid="long-link" role="status">
                        {t_with(
                            if standalone { "share-long-link-standalone" } else { "share-long-link" },
                            &[
                                ("length", grouped(length as u64).into()),
                                ("limit", grouped(LONG_LINK as u64).into()),
                            ],
                        )}
                    </p>
                })
            }}
            <fieldset class="embed-options">
                <legend>{t("share-embed-legend")}</legend>
                <div class="embed-choices">
                    <StepChoice id="embed-first" label=t("share-embed-first") value=Signal::derive(move || range.get().0) on_change=set_first />
                    <StepChoice id="embed-last" label=t("share-embed-last") value=Signal::derive(move || range.get().1) on_change=set_last />
                    <div class="field">
                        <label for="embed-controls">{t("share-embed-controls")}</label>
                        <select id="embed-controls" data-testid="embed-controls"
                            prop:value=move || controls.get().id()
                            on:change=move |ev| {
                                if let Some(c) = Controls::from_id(&event_target_value(&ev)) {
                                    controls.set(c);
                                }
                            }>
                            {Controls::ALL.into_iter().map(|c| view! {
                                <option value=c.id() selected=move || controls.get() == c>{c.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="share-row">
                    <label for="embed-code">{t("share-embed-code")}</label>
                    <textarea id="embed-code" data-testid="embed-code" readonly rows="6" node_ref=code_field
                        prop:value=move || embed_code.get() on:focus=|ev| select_all(&ev)></textarea>
                    <button type="button" data-testid="copy-embed"
                        on:click=move |_| copy("share-what-embed", embed_code.get_untracked(), code_field.get_untracked().map(Into::into))>{t("share-copy-embed")}</button>
                </div>
                <p class="table-note">
                    {t_with("share-embed-note", &[("height", EMBED_HEIGHT.to_string().into())])}
                </p>
                <details class="embed-preview" on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    let open = ev.target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                        .is_some_and(|d| d.open());
                    preview_open.set(open);
                }>
                    <summary>{t("share-embed-preview")}</summary>
                    {move || preview_open.get().then(|| view! {
                        <iframe data-testid="embed-preview" class="embed-preview-frame" title=t("share-embed-preview-title")
                            src=move || embed_src.get() width="640" height=EMBED_HEIGHT.to_string()></iframe>
                    })}
                </details>
            </fieldset>
            {(!standalone).then(|| view! {
                <div class="share-row offline-row">
                    <button type="button" data-testid="download-offline" on:click=offline>
                        {t("share-offline")}
                    </button>
                    <span class="table-note">{t("share-offline-note")}</span>
                </div>
            })}
            <p class="copy-status" data-testid="copy-status" role="status">{move || status.get()}</p>
        </section>
    }
}

/// Selects the whole text of the focused field, so it can be copied by hand.
fn select_all(ev: &leptos::ev::FocusEvent) {
    use wasm_bindgen::JsCast;
    if let Some(target) = ev.target() {
        if let Ok(input) = target.clone().dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        } else if let Ok(area) = target.dyn_into::<web_sys::HtmlTextAreaElement>() {
            area.select();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_escaped_and_complete() {
        let s = iframe_snippet(
            "https://x.org/?a=1&embed=1",
            "Step \"1\" <b>",
            "https://x.org/embed.js",
        );
        assert!(s.starts_with("<iframe src=\"https://x.org/?a=1&amp;embed=1\""));
        assert!(s.contains("title=\"Step &quot;1&quot; &lt;b&gt;\""));
        assert!(s.contains("width=\"100%\" height=\"720\""));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains("allow=\"clipboard-write; fullscreen\" allowfullscreen></iframe>"));
        assert!(s.ends_with("<script src=\"https://x.org/embed.js\" async></script>"));
    }

    #[test]
    fn an_offline_copy_opens_with_the_state_baked_in() {
        let html = "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>";
        let baked = bake_state(html, "?step=causality&mdp=chain&x=\"<>").unwrap();
        assert_eq!(
            baked,
            "<!DOCTYPE html><html><head><meta name=\"pg-state\" content=\"?step=causality&amp;mdp=chain&amp;x=&quot;&lt;&gt;\"><title>x</title></head><body></body></html>"
        );
        assert!(bake_state("<html></html>", "a=1").is_err());
    }

    #[test]
    fn an_embed_shows_its_range_from_a_step_inside_it() {
        let p = Params {
            step: 9,
            ..Params::default()
        };
        let e = embed_params(&p, (6, 2), Controls::Gamma);
        assert_eq!(e.range, Some((2, 6)));
        assert_eq!(e.step, 6, "the step in use, moved into the range");
        assert!(e.embed);
        assert_eq!(e.controls, Controls::Gamma);
        let q = state::to_query(&e);
        assert!(q.contains("steps=log-derivative-trick..causality"), "{q}");
        assert!(q.contains("controls=gamma") && q.contains("embed=1"), "{q}");
        assert_eq!(state::parse(&q), (e, Vec::new()));
        assert_eq!(
            embed_title((6, 6), "Discount trap"),
            "Policy gradient, step 7: Causality: the past does not care — Discount trap"
        );
        assert!(embed_title((0, 10), "x").starts_with("Policy gradient, steps 1–11:"));
    }
}
