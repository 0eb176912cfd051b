//! The derivation, one file per step, in one ordered registry (DESIGN §2).
//!
//! A step's file holds everything about it: its math and prose (rendered with KaTeX), the
//! estimators its panel compares, its "In code" lines, and its panel — the hero picture and
//! the secondary checks. Adding a step is one new file and one line in [`STEPS`]; nothing
//! else matches on a slug.

mod baseline;
mod causality;
mod dropping_gamma_t;
mod dynamics_drop_out;
mod expand_the_product;
mod gradient_under_integral;
mod log_derivative_trick;
mod markov_factorisation;
mod objective;
mod reward_to_go;
mod training;

use leptos::prelude::AnyView;
use pg_core::Estimator;

use crate::i18n::t;

/// What a step shows beside its math: one picture that makes the step visible, and the
/// secondary checks (tables, extra charts) in a disclosure below it.
pub struct Panel {
    /// The hero picture.
    pub hero: AnyView,
    /// Everything else, folded by default; `None` when the hero says it all.
    pub checks: Option<AnyView>,
}

/// Which part of the story a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Steps 1–8: the derivation of the seed blog post, its slips corrected.
    Seed,
    /// Steps 9–11: the questions readers ask next.
    Beyond,
}

impl Part {
    /// A label for the reader, in the current language.
    pub fn label(self) -> String {
        t(match self {
            Part::Seed => "part-seed",
            Part::Beyond => "part-beyond",
        })
    }
}

/// One step of the derivation.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Used in URLs and test ids; the step's words are the catalogue message `step-<slug>`
    /// ([`Step::title`] and the methods below it).
    pub slug: &'static str,
    /// The seed's derivation or beyond it.
    pub part: Part,
    /// Display equations (LaTeX). The term that changed is boxed and labelled with
    /// `\underbrace`, so the change does not rely on colour. Words in an equation are
    /// written `\pgtext{<message id>}`, a catalogue message ([`localized_math`]); read the
    /// equations through [`Step::math`].
    pub math: &'static [&'static str],
    /// The number of the seed's tip for this step, e.g. `[1]`, if it has one; its text is
    /// [`Step::tip`].
    pub tip: Option<&'static str>,
    /// The estimators of ∇J the panel compares, the one the step derives first; empty
    /// before the first estimator is derived (the panel then estimates J itself).
    pub estimators: &'static [Estimator],
    /// A few lines of NumPy computing what the step derives from one sampled episode, the
    /// line that changed marked `# ←` (steps 3 on).
    pub in_code: Option<&'static str>,
    /// Builds the step's panel, inside the app (it reads the [`crate::context::Explorer`]).
    pub panel: fn() -> Panel,
}

impl Step {
    /// One of the step's words, `step-<slug>.<part>`, in the current language.
    fn words(&self, part: &str) -> String {
        t(&format!("step-{}.{part}", self.slug))
    }

    /// Heading.
    pub fn title(&self) -> String {
        self.words("title")
    }

    /// What changed since the previous step, in a few words.
    pub fn changed(&self) -> String {
        self.words("changed")
    }

    /// Why the step holds, in plain words with inline `$…$` math.
    pub fn justification(&self) -> String {
        self.words("justification")
    }

    /// What the simulation beside the step confirms.
    pub fn confirms(&self) -> String {
        self.words("confirms")
    }

    /// The seed's tip for this step, in plain words with inline `$…$` math, if it has one.
    pub fn tip(&self) -> Option<String> {
        self.tip.map(|_| self.words("tip"))
    }

    /// The display equations, their words in the current language ([`localized_math`]).
    pub fn math(&self) -> Vec<String> {
        self.math.iter().map(|tex| localized_math(tex)).collect()
    }

    /// Every piece of prose with inline math: the justification and the tip.
    pub fn prose(&self) -> Vec<String> {
        std::iter::once(self.justification())
            .chain(self.tip())
            .collect()
    }
}

/// Every step, in order.
pub static STEPS: [&Step; 11] = [
    &objective::STEP,
    &gradient_under_integral::STEP,
    &log_derivative_trick::STEP,
    &markov_factorisation::STEP,
    &dynamics_drop_out::STEP,
    &expand_the_product::STEP,
    &causality::STEP,
    &reward_to_go::STEP,
    &dropping_gamma_t::STEP,
    &baseline::STEP,
    &training::STEP,
];

/// Position of the step with this slug.
pub fn index_of(slug: &str) -> Option<usize> {
    STEPS.iter().position(|s| s.slug == slug)
}

/// The registries as JSON, for tools and the end-to-end tests (`export-math registry`):
/// every step (slug, English title, its title in every language, part, the ids of the
/// estimators it compares), every estimator
/// (id, name, colours and line style) and every preset (id, title), each in its order.
pub fn registry_json() -> String {
    use crate::charts::look;
    let steps: Vec<serde_json::Value> = STEPS
        .iter()
        .map(|s| {
            serde_json::json!({
                "slug": s.slug,
                "title": s.title(),
                "titles": crate::i18n::Lang::all()
                    .map(|lang| {
                        let id = format!("step-{}.title", s.slug);
                        (lang.id().to_string(), crate::i18n::text(lang, &id, &[]).into())
                    })
                    .collect::<serde_json::Map<String, serde_json::Value>>(),
                "part": match s.part { Part::Seed => "seed", Part::Beyond => "beyond" },
                "estimators": s.estimators.iter().map(|e| e.id()).collect::<Vec<_>>(),
                "tip": s.tip,
                "in_code": s.in_code.is_some(),
            })
        })
        .collect();
    let estimators: Vec<serde_json::Value> = Estimator::ALL
        .iter()
        .map(|&e| {
            let l = look::estimator(e);
            serde_json::json!({
                "id": e.id(),
                "name": look::estimator_name(e),
                "light": l.css(false),
                "dark": l.css(true),
                "dash": l.dash.dasharray(),
            })
        })
        .collect();
    let presets: Vec<serde_json::Value> = pg_core::presets::PRESETS
        .iter()
        .map(|p| serde_json::json!({ "id": p.id, "title": p.title }))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "steps": steps,
        "estimators": estimators,
        "presets": presets,
    }))
    .unwrap_or_default()
}

/// `tex` with each `\pgtext{id}` replaced by the message `id` in the current language, its
/// words as `\text{…}` and its inline `$…$` math as it is: `\pgtext{math-where}` becomes
/// `\text{where}` in English and `\text{여기서}` in Korean. An unknown id shows as itself
/// ([`crate::i18n::text`]), never as broken LaTeX.
pub fn localized_math(tex: &str) -> String {
    const MARK: &str = "\\pgtext{";
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        out.push_str(&words_as_tex(&t(&after[..end])));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Words with inline `$…$` math as TeX: the words in `\text{…}` (their special characters
/// escaped), the math as it is.
fn words_as_tex(words: &str) -> String {
    split_inline_math(words)
        .into_iter()
        .map(|(piece, is_math)| {
            if is_math {
                format!(" {piece} ")
            } else {
                let mut escaped = String::with_capacity(piece.len());
                for c in piece.chars() {
                    match c {
                        '\\' => escaped.push_str("\\textbackslash{}"),
                        '{' | '}' | '%' | '&' | '#' | '_' => {
                            escaped.push('\\');
                            escaped.push(c);
                        }
                        '^' => escaped.push_str("\\textasciicircum{}"),
                        '~' => escaped.push_str("\\textasciitilde{}"),
                        c => escaped.push(c),
                    }
                }
                format!("\\text{{{escaped}}}")
            }
        })
        .collect()
}

/// Splits prose into plain text and inline math: `(text, is_math)` pieces, alternating at `$`.
pub fn split_inline_math(prose: &str) -> Vec<(&str, bool)> {
    prose
        .split('$')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| (piece, i % 2 == 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_walks_every_step_in_order() {
        let slugs: Vec<&str> = STEPS.iter().map(|s| s.slug).collect();
        assert_eq!(
            slugs,
            [
                "objective",
                "gradient-under-integral",
                "log-derivative-trick",
                "markov-factorisation",
                "dynamics-drop-out",
                "expand-the-product",
                "causality",
                "reward-to-go",
                "dropping-gamma-t",
                "baseline",
                "training",
            ]
        );
        for (i, step) in STEPS.iter().enumerate() {
            assert_eq!(index_of(step.slug), Some(i));
            assert_eq!(step.part == Part::Seed, i < 8, "{}", step.slug);
            assert!(
                !step.math.is_empty() && !step.title().is_empty(),
                "{}",
                step.slug
            );
            assert!(!step.changed().is_empty() && !step.confirms().is_empty());
            // Balanced inline math: an even number of `$` in every piece of prose.
            for prose in step.prose() {
                assert_eq!(
                    prose.matches('$').count() % 2,
                    0,
                    "{}: unbalanced $",
                    step.slug
                );
            }
            for m in step.math() {
                let opens = m.matches('{').count();
                assert_eq!(
                    opens,
                    m.matches('}').count(),
                    "{}: unbalanced braces",
                    step.slug
                );
            }
        }
        let tips: Vec<&str> = STEPS.iter().filter_map(|s| s.tip).collect();
        assert_eq!(tips, ["[1]", "[2]", "[3]"]);
    }

    /// A step shows only estimators already derived: none before the log-derivative trick
    /// (step 3), the full return up to step 6, reward-to-go from step 7 on.
    #[test]
    fn each_step_shows_only_what_is_derived_by_then() {
        use Estimator::*;
        let first_use = |e: Estimator| STEPS.iter().position(|s| s.estimators.contains(&e));
        assert_eq!(first_use(Trajectory), Some(2));
        assert_eq!(first_use(RewardToGo), Some(6));
        assert_eq!(first_use(NoDiscountWeight), Some(8));
        assert_eq!(first_use(Baseline), Some(9));
        for (i, step) in STEPS.iter().enumerate() {
            // The estimator a step derives comes first, and no estimator appears twice.
            for (j, e) in step.estimators.iter().enumerate() {
                assert!(!step.estimators[..j].contains(e), "{}", step.slug);
            }
            assert_eq!(
                step.in_code.is_some(),
                i >= 2,
                "{}: In code from step 3 on",
                step.slug
            );
            if let Some(code) = step.in_code {
                assert!(
                    code.contains('←'),
                    "{}: the changed line is marked",
                    step.slug
                );
            }
        }
    }

    /// Nothing outside `src/steps/` names a step: what a step shows is in its file.
    #[test]
    fn no_code_outside_the_steps_matches_a_slug() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = crate::test_support::app_sources();
        assert!(files.len() > 20, "found the sources");
        let mut found = Vec::new();
        // The code, not its tests (which may well open `?step=causality`).
        for (file, code) in files
            .iter()
            .filter(|(f, _)| !f.starts_with(src.join("steps")))
        {
            for step in STEPS {
                let s = step.slug;
                let matching = [
                    format!("\"{s}\" =>"),
                    format!("\"{s}\" |"),
                    format!("== \"{s}\""),
                    format!("step={s}"),
                ];
                for quoted in matching {
                    if code.contains(&quoted) {
                        found.push(format!("{}: {quoted}", file.display()));
                    }
                }
            }
        }
        assert!(found.is_empty(), "slugs outside src/steps/: {found:?}");
    }

    #[test]
    fn the_registry_export_lists_every_step_estimator_and_preset() {
        let json: serde_json::Value =
            serde_json::from_str(&registry_json()).expect("the export is JSON");
        let slugs: Vec<&str> = json["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .filter_map(|s| s["slug"].as_str())
            .collect();
        assert_eq!(slugs, STEPS.iter().map(|s| s.slug).collect::<Vec<_>>());
        assert_eq!(json["steps"][6]["estimators"][0], "reward_to_go");
        assert_eq!(json["estimators"].as_array().map(Vec::len), Some(4));
        assert_eq!(json["estimators"][0]["light"], "#b06e00");
        assert_eq!(
            json["presets"].as_array().map(Vec::len),
            Some(pg_core::presets::PRESETS.len())
        );
    }

    #[test]
    fn the_seed_typos_are_not_copied() {
        for step in STEPS {
            for m in step.math() {
                assert!(!m.contains("P_\\theta (a_1, s_1)") && !m.contains("P_\\theta(a_1, s_1)"));
                assert!(
                    !m.contains("\\approx"),
                    "{}: the gradient is exact",
                    step.slug
                );
            }
        }
    }

    /// Step 7 takes R_k (k < t) out of the inner expectation, which needs the condition to
    /// fix R_k = R(s_k, a_k): the history with the actions, not the states alone.
    #[test]
    fn causality_conditions_on_the_history() {
        let step = STEPS[index_of("causality").unwrap()];
        assert!(step
            .math
            .iter()
            .all(|m| !m.contains(r"s_0, \ldots, s_t\big]")));
        assert!(step.math[0].contains(r"h_t &= (s_0, a_0, \ldots, a_{t-1}, s_t)"));
        assert!(step.math[1].contains(r"\,\big|\, h_t\big]"));
        assert!(step.justification().contains("$h_t = (s_0, a_0"));
    }

    /// Words in equations come from the catalogue, in every language, with their math kept.
    #[test]
    fn words_in_equations_follow_the_language() {
        let english = localized_math(r"a \pgtext{math-causality-zero} b");
        assert_eq!(
            english,
            r"a \text{for } k < t \text{, as } R_k \text{ is fixed by } h_t  b"
        );
        let korean = crate::i18n::Lang::from_id("ko").expect("Korean");
        let translated: Vec<Vec<String>> =
            crate::i18n::with_current(korean, || STEPS.iter().map(|s| s.math()).collect());
        for (step, korean) in STEPS.iter().zip(translated) {
            for (tex, (english, korean)) in step.math.iter().zip(step.math().iter().zip(&korean)) {
                assert!(
                    !english.contains("pgtext") && !korean.contains("pgtext"),
                    "{tex}"
                );
                if tex.contains("pgtext") {
                    assert_ne!(english, korean, "{}: {tex}", step.slug);
                    assert!(korean.contains("\\text{"), "{korean}");
                } else {
                    assert_eq!(english, korean);
                }
            }
        }
        assert_eq!(words_as_tex("50% & {x}"), r"\text{50\% \& \{x\}}");
    }

    #[test]
    fn inline_math_splits_at_dollars() {
        assert_eq!(
            split_inline_math("a $x$ b $y$"),
            [("a ", false), ("x", true), (" b ", false), ("y", true)]
        );
        assert_eq!(split_inline_math("$x$"), [("x", true)]);
    }
}
