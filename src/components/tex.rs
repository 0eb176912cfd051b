//! KaTeX math: the [`Tex`] component shows a LaTeX string as KaTeX markup, safely and
//! without panicking.
//!
//! Every formula the app shows is fixed (the steps' math and prose, the readout labels:
//! [`every_formula`]), so the build renders them all once with the pinned KaTeX package
//! (`scripts/render-math.mjs`, run by `scripts/post-build.sh`) into `math.js`, which sets
//! `globalThis.pgMath`. The page then needs KaTeX's style sheet and fonts but not its 270 KB
//! script. A formula missing from that table is rendered by a `katex` global if one is loaded
//! (the browser tests load it), and otherwise shown as its escaped source.

use js_sys::Reflect;
use leptos::prelude::*;
use serde::Serialize;
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

/// The KaTeX options every formula is rendered with, at build time and in the page alike:
/// no trusted commands (`\href`, `\htmlClass`…), size and expansion limits, errors rendered in
/// place (class `katex-error`) rather than thrown, and MathML beside the HTML for screen
/// readers. Field names are KaTeX's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KatexOptions {
    /// Display (block) mode instead of inline.
    pub display_mode: bool,
    /// Throw on a parse error instead of rendering it in place.
    pub throw_on_error: bool,
    /// Allow commands that can add links, classes or styles.
    pub trust: bool,
    /// Which markup to produce.
    pub output: &'static str,
    /// See [`MAX_SIZE_EM`].
    pub max_size: f64,
    /// See [`MAX_EXPAND`].
    pub max_expand: f64,
}

impl KatexOptions {
    /// The options for an inline formula or, with `display`, a display equation.
    pub fn new(display: bool) -> KatexOptions {
        KatexOptions {
            display_mode: display,
            throw_on_error: false,
            trust: false,
            output: "htmlAndMathml",
            max_size: MAX_SIZE_EM,
            max_expand: MAX_EXPAND,
        }
    }

    /// As a JavaScript object for `katex.renderToString`: the same JSON the build renders
    /// with ([`export_json`]), so the field names are written once, by `Serialize`.
    fn to_js(self) -> JsValue {
        serde_json::to_string(&self)
            .ok()
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .unwrap_or(JsValue::UNDEFINED)
    }
}

/// One formula as the app shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Formula {
    /// The LaTeX source.
    pub tex: String,
    /// A display equation rather than inline math.
    pub display: bool,
}

impl Formula {
    /// Its key in the pre-rendered table `globalThis.pgMath.html`.
    pub fn key(&self) -> String {
        formula_key(&self.tex, self.display)
    }
}

/// The key of a formula in the pre-rendered table: inline and display renderings differ.
pub fn formula_key(tex: &str, display: bool) -> String {
    format!("{}:{tex}", if display { "display" } else { "inline" })
}

/// Every formula the app can show, without repeats: each step's display math and the inline
/// math of its prose, and the readout labels.
pub fn every_formula() -> Vec<Formula> {
    let mut formulas: Vec<Formula> = Vec::new();
    let mut push = |tex: String, display: bool| {
        let formula = Formula { tex, display };
        if !formulas.contains(&formula) {
            formulas.push(formula);
        }
    };
    for step in crate::steps::STEPS {
        // The display equations and the prose of every language: the math is shared, but
        // equations have words too, and inline math is found where the words are.
        for lang in crate::i18n::Lang::all() {
            let (math, prose) = crate::i18n::with_current(lang, || (step.math(), step.prose()));
            for tex in math {
                push(tex, true);
            }
            for text in prose {
                for (piece, is_math) in crate::steps::split_inline_math(&text) {
                    if is_math {
                        push(piece.to_string(), false);
                    }
                }
            }
        }
    }
    for tex in super::readouts::READOUT_MATH {
        push(tex.to_string(), false);
    }
    formulas
}

/// What `scripts/render-math.mjs` needs, as JSON: the options for inline and display math,
/// and every formula with the key the page looks it up by ([`formula_key`]).
pub fn export_json() -> String {
    #[derive(Serialize)]
    struct Entry {
        key: String,
        #[serde(flatten)]
        formula: Formula,
    }
    #[derive(Serialize)]
    struct Export {
        inline: KatexOptions,
        display: KatexOptions,
        formulas: Vec<Entry>,
    }
    let formulas = every_formula()
        .into_iter()
        .map(|formula| Entry {
            key: formula.key(),
            formula,
        })
        .collect();
    serde_json::to_string_pretty(&Export {
        inline: KatexOptions::new(false),
        display: KatexOptions::new(true),
        formulas,
    })
    .unwrap_or_default()
}

/// The build's rendering of a formula, from `globalThis.pgMath.html`, if the page has it.
fn prerendered(tex: &str, display: bool) -> Option<String> {
    let table = Reflect::get(&js_sys::global(), &JsValue::from_str("pgMath")).ok()?;
    let html = Reflect::get(&table, &JsValue::from_str("html")).ok()?;
    Reflect::get(&html, &JsValue::from_str(&formula_key(tex, display)))
        .ok()?
        .as_string()
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

/// `tex` as KaTeX's HTML (with MathML): the build's rendering, else a live one by a loaded
/// `katex` global, else [`fallback_html`].
pub fn render_to_html(tex: &str, display: bool) -> String {
    prerendered(tex, display)
        .or_else(|| katex_render_to_string(tex, &KatexOptions::new(display).to_js()).ok())
        .unwrap_or_else(|| fallback_html(tex))
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
    use crate::steps::{split_inline_math, STEPS};

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

    #[test]
    fn every_formula_covers_each_step_once() {
        let formulas = every_formula();
        let has = |tex: &str, display: bool| {
            formulas
                .iter()
                .any(|f| f.tex == tex && f.display == display)
        };
        for step in STEPS {
            assert!(!step.math.is_empty(), "{} has no display math", step.slug);
            for lang in crate::i18n::Lang::all() {
                for tex in crate::i18n::with_current(lang, || step.math()) {
                    assert!(has(&tex, true), "{}: {tex}", step.slug);
                }
            }
            let mut inline = 0;
            for text in step.prose() {
                for (piece, is_math) in split_inline_math(&text) {
                    if is_math {
                        assert!(has(piece, false), "{}: ${piece}$", step.slug);
                        inline += 1;
                    }
                }
            }
            assert!(inline > 0, "{} has no inline math", step.slug);
        }
        for tex in crate::components::readouts::READOUT_MATH {
            assert!(has(tex, false), "{tex}");
        }
        let mut keys: Vec<String> = formulas.iter().map(|f| f.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), formulas.len(), "a formula is listed twice");
    }

    #[test]
    fn the_export_lists_the_formulas_and_safe_options() {
        let export: serde_json::Value = serde_json::from_str(&export_json()).unwrap();
        let formulas = export["formulas"].as_array().unwrap();
        assert_eq!(formulas.len(), every_formula().len());
        for (entry, formula) in formulas.iter().zip(every_formula()) {
            assert_eq!(entry["key"], formula_key(&formula.tex, formula.display));
            assert_eq!(entry["tex"], formula.tex);
            assert_eq!(entry["display"], formula.display);
        }
        for mode in ["inline", "display"] {
            assert_eq!(export[mode]["trust"], false, "{mode}");
            assert_eq!(export[mode]["maxSize"], MAX_SIZE_EM, "{mode}");
            assert_eq!(export[mode]["maxExpand"], MAX_EXPAND, "{mode}");
            assert_eq!(export[mode]["output"], "htmlAndMathml", "{mode}");
        }
        assert_eq!(export["display"]["displayMode"], true);
        assert_eq!(export["inline"]["displayMode"], false);
    }
}
