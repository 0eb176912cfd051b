//! The app's words in every language it speaks: one Project Fluent catalogue per language
//! (`locales/<id>.ftl`), looked up by message id (DESIGN §9).
//!
//! A third language is one new catalogue file plus one line in [`CATALOGUES`]. The math is
//! shared: inline `$…$` in a message is rendered by KaTeX in every language, and a
//! catalogue may not change it (native test). Numbers are formatted by [`crate::format`]
//! before they reach a message; a number passed as such ([`Arg::Count`]) only selects a
//! plural form.
//!
//! The language of the page is a per-thread setting ([`set_current`]), written by the app
//! before it builds its views, so that any view or chart reads its words with [`t`]. The
//! app rebuilds its views when the language changes.
//!
//! Errors of MDP files and parameters come from crates that speak English only; they carry a
//! kind, a message id of the catalogues, and are read with [`mdp_error`].

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

mod mdp_errors;

pub use mdp_errors::{mdp_error, mdp_error_in};

/// Every catalogue: the language's id (its BCP 47 primary subtag, as in `lang=` and
/// `<html lang>`) and its Fluent source. The first is the fallback for a missing message.
pub const CATALOGUES: [(&str, &str); 2] = [
    ("en", include_str!("../locales/en.ftl")),
    ("ko", include_str!("../locales/ko.ftl")),
];

/// A language the app speaks: an index into [`CATALOGUES`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    /// English, the default and the fallback.
    pub const ENGLISH: Lang = Lang(0);

    /// Every language, in the order the switch offers them.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..CATALOGUES.len()).map(Lang)
    }

    /// The id used in `lang=` and `<html lang>`: `en`, `ko`.
    pub fn id(self) -> &'static str {
        self.catalogue().0
    }

    /// Its entry of [`CATALOGUES`] (a `Lang` is made only from an index of it).
    fn catalogue(self) -> (&'static str, &'static str) {
        CATALOGUES.get(self.0).copied().unwrap_or(CATALOGUES[0])
    }

    /// The language with this id (`ko`, also `ko-KR` or `KO`), if the app speaks it.
    pub fn from_id(id: &str) -> Option<Lang> {
        let primary = id.split(['-', '_']).next().unwrap_or_default();
        Lang::all().find(|l| l.id().eq_ignore_ascii_case(primary))
    }

    /// The first of the reader's preferred languages (`navigator.languages`, most wanted
    /// first) that the app speaks, else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_id)
            .unwrap_or(Lang::ENGLISH)
    }

    /// The language's own name for itself ("English", "한국어"), for the switch.
    pub fn own_name(self) -> String {
        text(self, "language-name", &[])
    }
}

/// A named argument of a message.
#[derive(Clone, Debug)]
pub enum Arg<'a> {
    /// Text shown as it is: a name, or a number already formatted for the reader.
    Text(Cow<'a, str>),
    /// A count, which selects the plural form (`[one]`, `*[other]`); shown as digits if the
    /// message shows it.
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

type Bundle = FluentBundle<FluentResource>;

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::ENGLISH) };
    static BUNDLES: [OnceCell<Bundle>; CATALOGUES.len()] = Default::default();
}

/// Sets the language [`t`] and [`t_with`] use on this thread.
pub fn set_current(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// `f`'s result with [`t`] and [`t_with`] speaking `lang`, the language in use before
/// restored after it: words made for another language than the page's (the notices of an
/// address in its own language, every language's formulas for the build).
pub fn with_current<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = current();
    set_current(lang);
    let result = f();
    set_current(before);
    result
}

/// The language [`t`] and [`t_with`] use on this thread.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// The message `id` (or `id.attribute`) in the current language.
pub fn t(id: &str) -> String {
    text(current(), id, &[])
}

/// The message `id` (or `id.attribute`) in the current language, with named arguments.
pub fn t_with(id: &str, args: &[(&str, Arg)]) -> String {
    text(current(), id, args)
}

/// A catalogue's bundle, parsed the first time it is used.
///
/// A catalogue that does not parse keeps the messages that do (the native tests fail on any
/// error, so a shipped catalogue has none).
fn with_bundle<R>(lang: Lang, f: impl FnOnce(&Bundle) -> R) -> R {
    BUNDLES.with(|bundles| {
        let cell = bundles.get(lang.0).unwrap_or(&bundles[0]);
        let bundle = cell.get_or_init(|| {
            let (id, source) = lang.catalogue();
            let resource =
                FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
            let tag = id.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new(vec![tag]);
            // No Unicode isolation marks around arguments: they would land inside inline
            // math and in copied text.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(grouped_count));
            let _ = bundle.add_resource(resource);
            bundle
        });
        f(bundle)
    })
}

/// How a count shows in any language: digits grouped in threes ([`crate::format::grouped`]),
/// as every number the app formats itself (Fluent's own formatting would write 100000).
fn grouped_count<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && (0.0..9.0e15).contains(&n.value) => {
            Some(crate::format::grouped(n.value as u64))
        }
        _ => None,
    }
}

/// Formats `id` (`message` or `message.attribute`) of one catalogue, or `None` if it has no
/// such message. Problems while formatting (an unknown argument) are returned with the text.
fn format_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<(String, Vec<String>)> {
    let (message_id, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    with_bundle(lang, |bundle| {
        let message = bundle.get_message(message_id)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.to_string()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some((
            out.into_owned(),
            errors.iter().map(ToString::to_string).collect(),
        ))
    })
}

/// The message `id` (or `id.attribute`) in `lang`, with named arguments. A message the
/// catalogue lacks comes from English; one English lacks too shows as `⟦id⟧`. Either is a
/// programming error (the native tests check every id the code uses against both
/// catalogues), reported on the console.
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let found = format_in(lang, id, args).or_else(|| {
        report(&format!("message {id:?} is missing in {}", lang.id()));
        format_in(Lang::ENGLISH, id, args)
    });
    match found {
        Some((text, errors)) => {
            for error in errors {
                report(&format!("message {id:?} in {}: {error}", lang.id()));
            }
            text
        }
        None => format!("⟦{id}⟧"),
    }
}

/// Tells the developer, not the reader: the console in the browser, standard error natively.
fn report(problem: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&format!("i18n: {problem}").into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("i18n: {problem}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Each catalogue's messages: `id` or `id.attribute` → the names of the variables it uses.
    fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
            for element in &pattern.elements {
                if let ast::PatternElement::Placeable { expression } = element {
                    expression_variables(expression, out);
                }
            }
        }
        fn inline_variables(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match e {
                ast::InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_string());
                }
                ast::InlineExpression::Placeable { expression } => {
                    expression_variables(expression, out)
                }
                _ => {}
            }
        }
        fn expression_variables(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                ast::Expression::Inline(inline) => inline_variables(inline, out),
                ast::Expression::Select { selector, variants } => {
                    inline_variables(selector, out);
                    for v in variants {
                        variables(&v.value, out);
                    }
                }
            }
        }
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                if let Some(value) = &m.value {
                    let mut vars = BTreeSet::new();
                    variables(value, &mut vars);
                    out.insert(m.id.name.to_string(), vars);
                }
                for a in &m.attributes {
                    let mut vars = BTreeSet::new();
                    variables(&a.value, &mut vars);
                    out.insert(format!("{}.{}", m.id.name, a.id.name), vars);
                }
            }
        }
        out
    }

    #[test]
    fn every_catalogue_has_the_same_messages_with_the_same_arguments() {
        let english = messages(CATALOGUES[0].1);
        assert!(english.len() > 50, "the English catalogue has its messages");
        for (id, source) in &CATALOGUES[1..] {
            let other = messages(source);
            let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{id} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{id} has messages English lacks: {extra:?}"
            );
            for (message, vars) in &english {
                assert_eq!(&other[message], vars, "{id}: the arguments of {message}");
            }
        }
    }

    /// Every message of every catalogue formats without an error, given a sample value for
    /// each of its arguments (a count of 1 and of 7, to reach both plural forms).
    #[test]
    fn every_message_formats_with_sample_arguments() {
        for (index, (id, source)) in CATALOGUES.iter().enumerate() {
            let lang = Lang(index);
            for (message, vars) in messages(source) {
                for count in [1u64, 7] {
                    let args: Vec<(&str, Arg)> = vars
                        .iter()
                        .map(|v| (v.as_str(), Arg::Count(count)))
                        .collect();
                    let (text, errors) = format_in(lang, &message, &args)
                        .unwrap_or_else(|| panic!("{id}: {message} is not found"));
                    assert!(errors.is_empty(), "{id}: {message}: {errors:?}");
                    assert!(!text.trim().is_empty(), "{id}: {message} is empty");
                    assert!(!text.contains('⟦'), "{id}: {message}");
                }
            }
        }
    }

    /// The math is shared: a message's inline `$…$` pieces are the same in every language
    /// (in any order), and `$` pairs up.
    #[test]
    fn every_language_keeps_the_math_of_english() {
        let pieces = |lang: Lang, message: &str| -> Vec<String> {
            let text = text(lang, message, &[]);
            assert_eq!(text.matches('$').count() % 2, 0, "{message}: unbalanced $");
            let mut math: Vec<String> = crate::steps::split_inline_math(&text)
                .into_iter()
                .filter(|(_, is_math)| *is_math)
                .map(|(piece, _)| piece.to_string())
                .collect();
            math.sort();
            math
        };
        for (message, vars) in messages(CATALOGUES[0].1) {
            if !vars.is_empty() {
                continue;
            }
            let english = pieces(Lang::ENGLISH, &message);
            for lang in Lang::all().skip(1) {
                assert_eq!(pieces(lang, &message), english, "{}: {message}", lang.id());
            }
        }
    }

    /// Each id the code asks for directly (`t("…")`, `t_with("…", …)`) is in the English
    /// catalogue, and each message of the catalogue is named somewhere in the code (the
    /// steps' messages by their slug), so none is left behind when its text goes.
    #[test]
    fn the_code_and_the_catalogue_name_the_same_messages() {
        let english = messages(CATALOGUES[0].1);
        let sources = crate::test_support::app_sources();
        assert!(sources.len() > 20, "found the sources");
        let mut unknown = Vec::new();
        for (file, code) in &sources {
            for call in ["t(", "t_with("] {
                for (at, _) in code.match_indices(call) {
                    // A call of this name, not the end of another (`element(`, `set_text(`).
                    let before = code[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let Some(rest) = code[at + call.len()..].trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
                        .collect();
                    if !id.is_empty() && !english.contains_key(&id) {
                        unknown.push(format!("{}: {id}", file.display()));
                    }
                }
            }
        }
        // Words in display equations (`\pgtext{id}`, crate::steps::localized_math).
        for (file, code) in &sources {
            for (at, _) in code.match_indices("pgtext{") {
                let id: String = code[at + "pgtext{".len()..]
                    .chars()
                    .take_while(|c| *c != '}')
                    .collect();
                let is_id = id.starts_with("math-")
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_id && !english.contains_key(&id) {
                    unknown.push(format!("{}: {id}", file.display()));
                }
            }
        }
        assert!(unknown.is_empty(), "ids not in en.ftl: {unknown:?}");
        let all_code: String = sources.iter().map(|(_, c)| c.as_str()).collect();
        // The kinds of MdpError are named by pg-mdp and pg-core, and read by mdp_error.
        let error_kinds = crate::test_support::mdp_error_kinds();
        let unused: Vec<&String> = english
            .keys()
            .filter(|id| !id.contains('.'))
            .filter(|id| {
                !id.starts_with("step-") || id.starts_with("step-card") || id.as_str() == "step-of"
            })
            .filter(|id| !id.starts_with("preset-"))
            .filter(|id| !error_kinds.contains(id.as_str()))
            .filter(|id| !all_code.contains(&format!("\"{id}\"")))
            .filter(|id| !all_code.contains(&format!("pgtext{{{id}}}")))
            .collect();
        assert!(unused.is_empty(), "messages no code names: {unused:?}");
        for step in crate::steps::STEPS {
            assert!(
                english.contains_key(&format!("step-{}.title", step.slug)),
                "{}: no words in en.ftl",
                step.slug
            );
        }
        // Every built-in MDP has its name, and English names it as its file does.
        for preset in pg_core::presets::PRESETS {
            let id = format!("preset-{}", preset.id);
            assert!(english.contains_key(&id), "{id} is missing");
            assert_eq!(text(Lang::ENGLISH, &id, &[]), preset.title);
        }
    }

    /// Whether `term` occurs in `text` as whole words, ignoring case.
    fn has_term(text: &str, term: &str) -> bool {
        let (text, term) = (text.to_lowercase(), term.to_lowercase());
        text.match_indices(&term).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + term.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    /// A language may have a glossary, `locales/glossary-<id>.tsv` (columns en, target term,
    /// check, note; Korean has one). Where `check` is `yes`, every message whose English uses
    /// the term (as whole words) uses the glossary's term in that language: one word for one
    /// idea, everywhere.
    #[test]
    fn every_translation_uses_its_glossary_terms() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let english = messages(CATALOGUES[0].1);
        let sample = |lang: Lang, id: &str, vars: &BTreeSet<String>| {
            let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), Arg::Count(7))).collect();
            text(lang, id, &args)
        };
        let mut glossaries = 0;
        for lang in Lang::all().skip(1) {
            let file = dir.join(format!("glossary-{}.tsv", lang.id()));
            let Ok(glossary) = std::fs::read_to_string(&file) else {
                continue;
            };
            glossaries += 1;
            let mut checked = 0;
            let mut misses = Vec::new();
            for line in glossary.lines().skip(1).filter(|l| !l.trim().is_empty()) {
                let cells: Vec<&str> = line.split('\t').collect();
                assert!(
                    cells.len() >= 3,
                    "{}: {line:?} has no check column",
                    file.display()
                );
                assert!(!cells[0].is_empty() && !cells[1].is_empty(), "{line:?}");
                if cells[2].trim() != "yes" {
                    continue;
                }
                checked += 1;
                for (id, vars) in &english {
                    if has_term(&sample(Lang::ENGLISH, id, vars), cells[0])
                        && !sample(lang, id, vars).contains(cells[1])
                    {
                        misses.push(format!("{id}: {} → {}", cells[0], cells[1]));
                    }
                }
            }
            assert!(checked >= 20, "{}: only {checked} terms checked", lang.id());
            assert!(misses.is_empty(), "{}: {misses:#?}", lang.id());
        }
        assert!(glossaries >= 1, "no glossary was read");
        assert!(has_term("The Baseline, again", "baseline"));
        assert!(!has_term("baselines", "baseline"));
    }

    /// No message of another language is still the English one, but for those made of
    /// names, numbers and notation only (an estimator's formula, "Monte Carlo" where a
    /// language keeps it).
    #[test]
    fn every_message_is_translated() {
        let english = messages(CATALOGUES[0].1);
        let has_words = |text: &str| {
            text.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 3)
                .count()
                >= 2
        };
        for lang in Lang::all().skip(1) {
            let same: Vec<&String> = english
                .iter()
                .filter(|(id, vars)| {
                    let args: Vec<(&str, Arg)> =
                        vars.iter().map(|v| (v.as_str(), Arg::Count(7))).collect();
                    let english = text(Lang::ENGLISH, id, &args);
                    has_words(&english) && text(lang, id, &args) == english
                })
                .map(|(id, _)| id)
                .collect();
            assert!(same.is_empty(), "{}: still English: {same:?}", lang.id());
        }
    }

    #[test]
    fn counts_show_their_digits_grouped_and_still_choose_the_plural() {
        let one = text(
            Lang::ENGLISH,
            "sampling-in-workers",
            &[("count", Arg::Count(1))],
        );
        assert_eq!(one, "Sampled in a background worker.");
        let many = text(
            Lang::ENGLISH,
            "readout-components",
            &[("count", Arg::Count(12_345))],
        );
        assert_eq!(many, "12\u{202f}345 components");
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_shows_its_id() {
        let korean = Lang::from_id("ko").expect("Korean is a catalogue");
        assert_eq!(text(korean, "no-such-message", &[]), "⟦no-such-message⟧");
        assert_eq!(text(Lang::ENGLISH, "language-name", &[]), "English");
        assert_eq!(korean.own_name(), "한국어");
    }

    #[test]
    fn the_preferred_language_is_the_first_the_app_speaks() {
        let korean = Lang::from_id("ko").expect("Korean");
        assert_eq!(Lang::preferred(["ko-KR", "en-US"]), korean);
        assert_eq!(Lang::preferred(["fr-FR", "ko"]), korean);
        assert_eq!(Lang::preferred(["en-GB", "ko"]), Lang::ENGLISH);
        assert_eq!(Lang::preferred(["fr", "de"]), Lang::ENGLISH);
        assert_eq!(Lang::preferred([]), Lang::ENGLISH);
        assert_eq!(Lang::from_id("KO"), Some(korean));
        assert_eq!(Lang::from_id("kok"), None);
        for lang in Lang::all() {
            assert_eq!(Lang::from_id(lang.id()), Some(lang));
        }
    }
}
