//! A panic is never silent: the panic hook logs it to the console, as before, and shows the
//! reader a message on the page with a link that reloads the current view, instead of
//! leaving a page that looks alive but no longer answers.
//!
//! The message is built with plain DOM calls, outside Leptos: after a panic the reactive
//! system may be half-way through an update and must not be entered again.

use wasm_bindgen::JsCast;

/// The test id of the message.
pub const CRASH_TESTID: &str = "crash";

/// Installs the panic hook; call once, first thing.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Shows the message (once; a second panic only adds its text); the panic hook calls it. Every call here is
/// fallible and its failure ignored: a panic while reporting a panic would abort silently.
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Ok(Some(existing)) =
        document.query_selector(&format!("[data-testid={CRASH_TESTID}] pre"))
    {
        let text = existing.text_content().unwrap_or_default();
        existing.set_text_content(Some(&format!("{text}\n\n{detail}")));
        return;
    }
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    // In the reader's language: the catalogue was read by the first render, long before.
    use crate::i18n::t;
    let (heading, explanation, reload, what) = (
        t("crash-title"),
        t("crash-explanation"),
        t("crash-reload"),
        t("crash-details"),
    );
    let element = |tag: &str, text: Option<&str>| {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(text);
        Some(el)
    };
    let (Some(panel), Some(title), Some(words), Some(link), Some(more), Some(summary), Some(pre)) = (
        element("div", None),
        element("p", Some(&heading)),
        element("p", Some(&explanation)),
        element("a", Some(&reload)),
        element("details", None),
        element("summary", Some(&what)),
        element("pre", Some(detail)),
    ) else {
        return;
    };
    let _ = panel.set_attribute("class", "crash");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", CRASH_TESTID);
    let _ = title.set_attribute("class", "crash-title");
    let _ = link.set_attribute("href", &href);
    let _ = link.set_attribute("data-testid", "crash-reload");
    let _ = more.append_child(&summary);
    let _ = more.append_child(&pre);
    for child in [&title, &words, &link, &more] {
        let _ = panel.append_child(child);
    }
    let _ = body.prepend_with_node_1(&panel);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        let _ = link.focus();
    }
}
