//! Sharing a state: the link to it and an `<iframe>` snippet for course pages.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{copy_to_clipboard, Copied};

/// The `<iframe>` snippet that embeds `src` (already carrying `embed=1`).
pub fn iframe_snippet(src: &str, title: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"960\" height=\"720\" style=\"border:0;max-width:100%\" loading=\"lazy\" allowfullscreen></iframe>",
        escape(src),
        escape(title)
    )
}

/// What the copy status says after copying `what` ("link", "embed code").
pub fn copy_message(what: &str, copied: Copied) -> String {
    match copied {
        Copied::Done => format!("Copied the {what}."),
        Copied::Selected => format!(
            "This page may not use the clipboard here, so the {what} is selected: press Ctrl+C (⌘C on a Mac) to copy it."
        ),
    }
}

/// The link to the current state and the embed code, each with a copy button.
#[component]
pub fn SharePanel(
    /// The link to the current state.
    #[prop(into)]
    link: Signal<String>,
    /// The embed snippet.
    #[prop(into)]
    embed_code: Signal<String>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let link_field = NodeRef::<html::Input>::new();
    let code_field = NodeRef::<html::Textarea>::new();
    let copy = move |what: &'static str, text: String, field: Option<web_sys::HtmlElement>| {
        spawn_local(async move {
            let copied = copy_to_clipboard(text, field).await;
            // The panel may be gone by the time the clipboard answers.
            let _ = status.try_set(copy_message(what, copied));
        });
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title" class="share-title">"Share or embed this view"</h2>
            <div class="share-row">
                <label for="share-link">"Link"</label>
                <input id="share-link" data-testid="share-link" type="text" readonly node_ref=link_field
                    prop:value=move || link.get() on:focus=|ev| select_all(&ev) />
                <button type="button" data-testid="copy-link"
                    on:click=move |_| copy("link", link.get_untracked(), link_field.get_untracked().map(Into::into))>"Copy link"</button>
            </div>
            <div class="share-row">
                <label for="embed-code">"Embed"</label>
                <textarea id="embed-code" data-testid="embed-code" readonly rows="3" node_ref=code_field
                    prop:value=move || embed_code.get() on:focus=|ev| select_all(&ev)></textarea>
                <button type="button" data-testid="copy-embed"
                    on:click=move |_| copy("embed code", embed_code.get_untracked(), code_field.get_untracked().map(Into::into))>"Copy embed code"</button>
            </div>
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
        let s = iframe_snippet("https://x.org/?a=1&embed=1", "Step \"1\" <b>");
        assert!(s.starts_with("<iframe src=\"https://x.org/?a=1&amp;embed=1\""));
        assert!(s.contains("title=\"Step &quot;1&quot; &lt;b&gt;\""));
        assert!(s.contains("width=\"960\" height=\"720\""));
        assert!(s.ends_with("allowfullscreen></iframe>"));
    }
}
