//! KaTeX math: the [`Tex`] component renders a LaTeX string with the page's
//! `katex` global (`katex.renderToString`), safely and without panicking.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `katex.renderToString(tex, options)`; `catch` turns a thrown exception
    /// (or a missing `katex` global) into `Err` instead of a trap.
    #[wasm_bindgen(js_namespace = katex, js_name = renderToString, catch)]
    fn katex_render_to_string(tex: &str, options: &JsValue) -> Result<String, JsValue>;
}

/// Largest size (in em) a `\rule` or `\kern` may ask for.
pub const MAX_SIZE_EM: f64 = 20.0;
/// Largest number of macro expansions KaTeX performs before giving up.
pub const MAX_EXPAND: f64 = 1000.0;

/// KaTeX options: no trusted commands (`\href`, `\htmlClass`…), size and
/// expansion limits, errors rendered in place (class `katex-error`) rather than
/// thrown, and MathML beside the HTML for screen readers.
fn katex_options(display: bool) -> JsValue {
    let options = Object::new();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(key), &value);
    };
    set("displayMode", JsValue::from_bool(display));
    set("throwOnError", JsValue::FALSE);
    set("trust", JsValue::FALSE);
    set("output", JsValue::from_str("htmlAndMathml"));
    set("maxSize", JsValue::from_f64(MAX_SIZE_EM));
    set("maxExpand", JsValue::from_f64(MAX_EXPAND));
    options.into()
}

/// Escapes text for use inside HTML markup.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The markup shown when KaTeX is unavailable or throws: the LaTeX source as
/// escaped text, so nothing from the input ever becomes markup.
pub fn fallback_html(tex: &str) -> String {
    format!("<code class=\"tex-fallback\">{}</code>", escape_html(tex))
}

/// Renders `tex` to HTML (with MathML) with KaTeX, or to [`fallback_html`].
pub fn render_to_html(tex: &str, display: bool) -> String {
    katex_render_to_string(tex, &katex_options(display)).unwrap_or_else(|_| fallback_html(tex))
}

/// LaTeX rendered by KaTeX, inline or as a display equation.
#[component]
pub fn Tex(
    /// The LaTeX source.
    #[prop(into)]
    tex: Signal<String>,
    /// Display (block) mode instead of inline.
    #[prop(optional)]
    display: bool,
) -> impl IntoView {
    let html = Memo::new(move |_| render_to_html(&tex.get(), display));
    let class = if display { "tex tex-display" } else { "tex" };
    view! { <span class=class inner_html=move || html.get()></span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html(r#"<img src=x onerror="a()"> & 'b'"#),
            "&lt;img src=x onerror=&quot;a()&quot;&gt; &amp; &#39;b&#39;"
        );
    }

    #[test]
    fn fallback_shows_the_source_as_text() {
        assert_eq!(
            fallback_html(r"\frac{a}{b}<"),
            r#"<code class="tex-fallback">\frac{a}{b}&lt;</code>"#
        );
    }
}
