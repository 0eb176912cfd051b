//! The derivation, one file per step, in one ordered registry (DESIGN §2).
//!
//! A step is pure data: the app renders its math with KaTeX and its prose with inline
//! `$…$` math, and a test walks every step.

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

/// Which part of the story a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Steps 1–8: the derivation of the seed blog post, its slips corrected.
    Seed,
    /// Steps 9–11: the questions readers ask next.
    Beyond,
}

impl Part {
    /// A label for the reader.
    pub fn label(self) -> &'static str {
        match self {
            Part::Seed => "The derivation",
            Part::Beyond => "Beyond the derivation",
        }
    }
}

/// One of the seed's marginal tips, where it belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tip {
    /// Its number in the seed, e.g. `[1]`.
    pub label: &'static str,
    /// The tip, in plain words with inline `$…$` math.
    pub text: &'static str,
}

/// One step of the derivation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Used in URLs and test ids.
    pub slug: &'static str,
    /// Heading.
    pub title: &'static str,
    /// The seed's derivation or beyond it.
    pub part: Part,
    /// Display equations (LaTeX). The term that changed is boxed and labelled with
    /// `\underbrace`, so the change does not rely on colour.
    pub math: &'static [&'static str],
    /// What changed since the previous step, in a few words.
    pub changed: &'static str,
    /// Why the step holds, in plain words with inline `$…$` math.
    pub justification: &'static str,
    /// The seed's tip for this step, if it has one.
    pub tip: Option<Tip>,
    /// What the simulation beside the step confirms.
    pub confirms: &'static str,
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
                !step.math.is_empty() && !step.title.is_empty(),
                "{}",
                step.slug
            );
            assert!(!step.changed.is_empty() && !step.confirms.is_empty());
            // Balanced inline math: an even number of `$` in every piece of prose.
            for prose in [Some(step.justification), step.tip.map(|t| t.text)]
                .into_iter()
                .flatten()
            {
                assert_eq!(
                    prose.matches('$').count() % 2,
                    0,
                    "{}: unbalanced $",
                    step.slug
                );
            }
            for m in step.math {
                let opens = m.matches('{').count();
                assert_eq!(
                    opens,
                    m.matches('}').count(),
                    "{}: unbalanced braces",
                    step.slug
                );
            }
        }
        let tips: Vec<&str> = STEPS
            .iter()
            .filter_map(|s| s.tip.map(|t| t.label))
            .collect();
        assert_eq!(tips, ["[1]", "[2]", "[3]"]);
    }

    #[test]
    fn the_seed_typos_are_not_copied() {
        for step in STEPS {
            for m in step.math {
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
        assert!(step.math[0].contains(r"h_t = (s_0, a_0, \ldots, a_{t-1}, s_t)"));
        assert!(step.math[1].contains(r"\,\big|\, h_t\big]"));
        assert!(step.justification.contains("$h_t = (s_0, a_0"));
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
