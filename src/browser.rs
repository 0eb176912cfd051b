//! The edges of the app that touch the browser: the address bar, focus, the clipboard,
//! the colour-scheme preference and attributes on `<html>` and `<body>`. Every call is
//! fallible in the browser and fails quietly here: the page keeps working without it.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::i18n::{t, t_with};

/// The name of the `<meta>` that carries the state an offline copy opens with.
pub const STATE_META: &str = "pg-state";
/// The name of the `<meta>` that marks the one-file build (`standalone.html`).
pub const STANDALONE_META: &str = "pg-standalone";

/// The content of `<meta name="…">`, if the page has one.
fn meta(name: &str) -> Option<String> {
    document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}

/// The query string and fragment the page starts from, with their leading `?` and `#` (or
/// empty): the address's, or, when the address has neither, the state baked into an
/// offline copy.
pub fn current_query() -> String {
    let location = window().location();
    let here = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
    if here.is_empty() {
        meta(STATE_META).unwrap_or_default()
    } else {
        here
    }
}

/// Whether this page is the one-file build, opened from a file or a sandboxed frame.
pub fn is_standalone() -> bool {
    meta(STANDALONE_META).is_some()
}

/// The page's address without query or fragment, for links to a state. A page in a
/// sandboxed frame (an opaque origin) still has its own address here.
pub fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href.get(..end).unwrap_or(&href).to_string()
}

/// The folder of the site the page comes from, ending in `/`: where `embed.js` and
/// `standalone.html` are.
pub fn site_address() -> String {
    let page = page_address();
    match page.rfind('/') {
        Some(i) => page.get(..=i).unwrap_or(&page).to_string(),
        None => page,
    }
}

/// Fetches the site's one-file build, bakes `query` into it as the state it opens with, and
/// hands it to the browser as a download named `file_name`.
///
/// # Errors
/// The file could not be fetched (offline, not served) or read, or the browser refused the
/// download; the message says which.
pub async fn download_offline_copy(query: &str, file_name: &str) -> Result<(), String> {
    use wasm_bindgen_futures::JsFuture;
    let url = format!("{}standalone.html", site_address());
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(&url))
        .await
        .map_err(|_| t_with("offline-not-fetched", &[("url", url.as_str().into())]))?
        .dyn_into()
        .map_err(|_| t("offline-no-response"))?;
    if !response.ok() {
        return Err(t_with(
            "offline-status",
            &[
                ("url", url.as_str().into()),
                ("status", response.status().to_string().into()),
            ],
        ));
    }
    let text = JsFuture::from(
        response
            .text()
            .map_err(|_| t_with("offline-unreadable", &[("url", url.as_str().into())]))?,
    )
    .await
    .ok()
    .and_then(|t| t.as_string())
    .ok_or_else(|| t_with("offline-unreadable", &[("url", url.as_str().into())]))?;
    let baked = crate::components::share::bake_state(&text, query)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&baked));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| t("offline-no-room"))?;
    let href =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| t("offline-no-room"))?;
    let anchor = document()
        .create_element("a")
        .map_err(|_| t("offline-refused"))?;
    let _ = anchor.set_attribute("href", &href);
    let _ = anchor.set_attribute("download", file_name);
    if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlElement>() {
        anchor.click();
    }
    // The download has started once the click returns; the object URL can go a little later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&href);
        },
        Duration::from_secs(10),
    );
    Ok(())
}

/// How long an in-place update of the address waits for the next one. Dragging the γ slider
/// changes the query at every input event; writing each costs about a millisecond, and
/// Chromium ignores history updates beyond about 200 in 10 seconds, which would lose the end
/// of a long drag.
pub const REPLACE_DELAY: Duration = Duration::from_millis(150);

thread_local! {
    /// The in-place update waiting for [`REPLACE_DELAY`], if any.
    static PENDING_REPLACE: Cell<Option<TimeoutHandle>> = const { Cell::new(None) };
}

/// How [`write_query`] changes the address bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressWrite {
    /// A new history entry, at once (moving to another step).
    NewEntry,
    /// In place, at once (the address the app starts from, normalised).
    InPlaceNow,
    /// In place, once the query has stopped changing for [`REPLACE_DELAY`].
    InPlaceSoon,
}

/// Puts `query` in the address bar as `how` says; any write supersedes an in-place update
/// still waiting.
pub fn write_query(query: &str, how: AddressWrite) {
    if let Some(pending) = PENDING_REPLACE.take() {
        pending.clear();
    }
    let url = format!("?{query}");
    match how {
        AddressWrite::NewEntry => write_url(&url, true),
        AddressWrite::InPlaceNow => write_url(&url, false),
        AddressWrite::InPlaceSoon => {
            let handle = set_timeout_with_handle(
                move || {
                    PENDING_REPLACE.set(None);
                    write_url(&url, false);
                },
                REPLACE_DELAY,
            );
            PENDING_REPLACE.set(handle.ok());
        }
    }
}

fn write_url(url: &str, push: bool) {
    let location = window().location();
    let here = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
    if here == url {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(url))
        };
    }
}

/// After a move to another step: once the page has been redrawn, brings the step's card to
/// the top of the window if its top is out of view or low in it (a reader who pressed Next
/// at the bottom of a long step sees the new step's first equation and picture), then moves
/// keyboard focus to the heading with this id.
pub fn show_step_after_render(heading_id: &'static str) {
    request_animation_frame(move || {
        let Some(heading) = document()
            .get_element_by_id(heading_id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let card = heading.closest("article").ok().flatten();
        let view_height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if let Some(card) = card {
            let top = card.get_bounding_client_rect().top();
            if top < 0.0 || top > 0.4 * view_height {
                card.scroll_into_view_with_bool(true);
            }
        }
        let _ = heading.focus();
    });
}

/// The disclosures (`<details>`) open now, each by its place among the page's disclosures
/// and its test id or class, for [`reopen_details`].
pub fn open_details() -> Vec<String> {
    let Ok(all) = document().query_selector_all("details") else {
        return Vec::new();
    };
    (0..all.length())
        .filter_map(|i| {
            let details = all
                .item(i)?
                .dyn_into::<web_sys::HtmlDetailsElement>()
                .ok()?;
            details.open().then(|| details_key(i, &details))
        })
        .collect()
}

/// Opens again, once the page has been built anew (after a change of language), the
/// disclosures [`open_details`] found open: a reader who had θ or the MDP editor unfolded
/// finds them as they were.
pub fn reopen_details(keys: Vec<String>) {
    if keys.is_empty() {
        return;
    }
    request_animation_frame(move || {
        let Ok(all) = document().query_selector_all("details") else {
            return;
        };
        for i in 0..all.length() {
            if let Some(details) = all
                .item(i)
                .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                if !details.open() && keys.contains(&details_key(i, &details)) {
                    details.set_open(true);
                }
            }
        }
    });
}

/// Moves keyboard focus, once the page has been built anew, to the element with this id.
pub fn focus_after_render(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// "n:testid-or-class" of a disclosure.
fn details_key(index: u32, details: &web_sys::HtmlDetailsElement) -> String {
    let name = details
        .get_attribute("data-testid")
        .unwrap_or_else(|| details.class_name());
    format!("{index}:{name}")
}

/// How a copy went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copied {
    /// The text is on the clipboard.
    Done,
    /// The browser has no clipboard for this page (a plain-http address that is not
    /// localhost) or refused (a frame without permission): the text is selected in its field
    /// for the reader to copy.
    Selected,
}

/// Copies `text` to the clipboard. Where `navigator.clipboard` is missing (a non-secure
/// origin) or refuses, the field `fallback` (an input or textarea holding the same text) is
/// focused and its text selected, and the legacy copy command is tried on it. Never throws.
pub async fn copy_to_clipboard(text: String, fallback: Option<web_sys::HtmlElement>) -> Copied {
    let navigator = window().navigator();
    // `navigator.clipboard` is undefined outside secure contexts; calling a method on it
    // would throw a TypeError past wasm-bindgen.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if has_clipboard && clipboard_allowed() {
        let promise = navigator.clipboard().write_text(&text);
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            return Copied::Done;
        }
    }
    let Some(field) = fallback else {
        return Copied::Selected;
    };
    let _ = field.focus();
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.select();
    } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.select();
    }
    // `document.execCommand("copy")`, deprecated but still the only copy that works on a
    // non-secure origin; it reports whether it copied. Called through Reflect so its absence
    // is not an error.
    let copied = js_sys::Reflect::get(&document(), &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&document(), &JsValue::from_str("copy")).ok())
        .is_some_and(|r| r.as_bool() == Some(true));
    if copied {
        Copied::Done
    } else {
        Copied::Selected
    }
}

/// Whether the page's permissions policy lets it write to the clipboard: a cross-origin
/// frame without `allow="clipboard-write"` may not, and calling the Clipboard API there is
/// refused with a console error. Where the browser cannot say (no `featurePolicy`), the
/// answer is yes and a refusal is handled when it comes.
fn clipboard_allowed() -> bool {
    let policy = ["permissionsPolicy", "featurePolicy"]
        .iter()
        .filter_map(|name| js_sys::Reflect::get(&document(), &JsValue::from_str(name)).ok())
        .find(|p| p.is_object());
    let Some(policy) = policy else {
        return true;
    };
    js_sys::Reflect::get(&policy, &JsValue::from_str("allowsFeature"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&policy, &JsValue::from_str("clipboard-write")).ok())
        .is_none_or(|allowed| allowed.as_bool() != Some(false))
}

/// Keeps `dark` equal to the `prefers-color-scheme: dark` media query, now and as it changes.
pub fn watch_prefers_dark(dark: RwSignal<bool>) {
    let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") else {
        return;
    };
    dark.set(query.matches());
    let watched = query.clone();
    let listener = Closure::<dyn Fn()>::new(move || dark.set(watched.matches()));
    let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// Sets an attribute on `<html>`.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// The reader's preferred languages, most wanted first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect()
}

/// Sets the document's title and its `<meta name="description">`.
pub fn set_title_and_description(title: &str, description: &str) {
    let doc = document();
    doc.set_title(title);
    if let Ok(Some(meta)) = doc.query_selector("meta[name=description]") {
        let _ = meta.set_attribute("content", description);
    }
}

/// Adds or removes a class on `<body>`.
pub fn set_body_class(class: &str, on: bool) {
    if let Some(body) = document().body() {
        let _ = body.class_list().toggle_with_force(class, on);
    }
}

/// Whether a key press belongs to a form field (so arrow keys must not change the step).
pub fn in_form_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}
