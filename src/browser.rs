//! The edges of the app that touch the browser: the address bar, focus, the clipboard,
//! the colour-scheme preference and attributes on `<html>` and `<body>`. Every call is
//! fallible in the browser and fails quietly here: the page keeps working without it.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The query string of the page's address, with its leading `?` (or empty).
pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// The page's address without query or fragment, for links to a state.
pub fn page_address() -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
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
    if window().location().search().unwrap_or_default() == url {
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

/// Moves keyboard focus to the element with this id once the page has been redrawn.
pub fn focus_after_render(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
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
    if has_clipboard {
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
