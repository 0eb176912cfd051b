//! How every quantity is named and drawn, on every step: one table, so that the full return
//! is the same colour and line style wherever it appears, in the canvas and in the legend.
//!
//! Colours are the Okabe–Ito set (Okabe & Ito, "Color Universal Design", 2008), darkened on
//! a light page and lightened on a dark one for contrast with the background; every
//! estimator also has its own line style, so nothing depends on telling colours apart.

use pg_core::Estimator;
use plotters::style::RGBColor;

use super::Palette;

/// A line style: solid or a dash pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    /// A solid line.
    Solid,
    /// Medium dashes.
    Dashed,
    /// Short dots.
    Dotted,
    /// Long dashes.
    LongDash,
}

impl Dash {
    /// The pattern in CSS pixels, (dash, gap); `None` for a solid line.
    pub fn pattern(self) -> Option<(f64, f64)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((7.0, 4.0)),
            Dash::Dotted => Some((2.0, 3.0)),
            Dash::LongDash => Some((14.0, 5.0)),
        }
    }

    /// The same pattern as an SVG `stroke-dasharray` (empty for a solid line).
    pub fn dasharray(self) -> String {
        self.pattern()
            .map_or(String::new(), |(dash, gap)| format!("{dash} {gap}"))
    }
}

/// How one quantity is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// A short stable id (`trajectory`, `exact`, …), in the legend's `data-series`.
    pub id: &'static str,
    /// Colour on a light page.
    pub light: RGBColor,
    /// Colour on a dark page.
    pub dark: RGBColor,
    /// Line style.
    pub dash: Dash,
}

impl Look {
    /// The colour on this palette's page.
    pub fn colour(&self, palette: &Palette) -> RGBColor {
        if palette.dark {
            self.dark
        } else {
            self.light
        }
    }

    /// The colour as CSS `#rrggbb`, on a dark page or not.
    pub fn css(&self, dark: bool) -> String {
        let RGBColor(r, g, b) = if dark { self.dark } else { self.light };
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// The exact value (dynamic programming): always the ink colour, dashed.
pub const EXACT: Look = Look {
    id: "exact",
    light: RGBColor(31, 41, 55),
    dark: RGBColor(229, 231, 235),
    dash: Dash::Dashed,
};

/// The objective's Monte Carlo estimate, the mean of G₀ (Okabe–Ito reddish purple).
pub const OBJECTIVE: Look = Look {
    id: "J",
    light: RGBColor(160, 70, 125),
    dark: RGBColor(224, 156, 196),
    dash: Dash::Solid,
};

/// A quantity that is not an estimator (an angle, a distance): the page's main blue.
pub const PLAIN: Look = Look {
    id: "plain",
    light: RGBColor(37, 99, 235),
    dark: RGBColor(96, 165, 250),
    dash: Dash::Solid,
};

/// A reference drawn beside [`PLAIN`] (a slope, a tangent): grey, long dashes.
pub const REFERENCE: Look = Look {
    id: "reference",
    light: RGBColor(107, 114, 128),
    dark: RGBColor(156, 163, 175),
    dash: Dash::LongDash,
};

/// A reward, as a bar: grey.
pub const REWARD: Look = Look {
    id: "reward",
    light: RGBColor(107, 114, 128),
    dark: RGBColor(156, 163, 175),
    dash: Dash::Solid,
};

/// The look of an estimator, the same on every step.
pub fn estimator(e: Estimator) -> Look {
    match e {
        // Okabe–Ito orange.
        Estimator::Trajectory => Look {
            id: "trajectory",
            light: RGBColor(176, 110, 0),
            dark: RGBColor(240, 180, 64),
            dash: Dash::LongDash,
        },
        // Okabe–Ito blue / sky blue.
        Estimator::RewardToGo => Look {
            id: "reward_to_go",
            light: RGBColor(0, 114, 178),
            dark: RGBColor(86, 180, 233),
            dash: Dash::Solid,
        },
        // Okabe–Ito vermillion.
        Estimator::NoDiscountWeight => Look {
            id: "no_discount_weight",
            light: RGBColor(200, 80, 0),
            dark: RGBColor(245, 130, 70),
            dash: Dash::Dotted,
        },
        // Okabe–Ito bluish green.
        Estimator::Baseline => Look {
            id: "baseline",
            light: RGBColor(0, 130, 95),
            dark: RGBColor(50, 200, 155),
            dash: Dash::Dashed,
        },
    }
}

/// A reader's name for an estimator and its formula, the same on every step: (name, the
/// formula as it follows the name), e.g. ("reward-to-go", " Σ γᵗGₜ∇ln π").
pub fn estimator_parts(e: Estimator) -> (String, &'static str) {
    let (id, formula) = match e {
        Estimator::Trajectory => ("estimator-trajectory", " G₀ Σ∇ln π"),
        Estimator::RewardToGo => ("estimator-reward-to-go", " Σ γᵗGₜ∇ln π"),
        Estimator::NoDiscountWeight => ("estimator-no-discount-weight", ": Σ Gₜ∇ln π"),
        Estimator::Baseline => ("estimator-baseline", " Σ γᵗ(Gₜ−V)∇ln π"),
    };
    (crate::i18n::t(id), formula)
}

/// A reader's name for an estimator with its formula, e.g. "reward-to-go Σ γᵗGₜ∇ln π".
pub fn estimator_name(e: Estimator) -> String {
    let (name, formula) = estimator_parts(e);
    format!("{name}{formula}")
}

/// One legend entry: a name and how it is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The name shown.
    pub label: String,
    /// Its line.
    pub look: Look,
}

impl Entry {
    /// An entry.
    pub fn new(label: impl Into<String>, look: Look) -> Entry {
        Entry {
            label: label.into(),
            look,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{DARK, LIGHT};

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(RGBColor(r, g, b): RGBColor) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_estimator_has_its_own_colour_and_line_style() {
        let looks: Vec<Look> = Estimator::ALL.iter().map(|&e| estimator(e)).collect();
        for (i, a) in looks.iter().enumerate() {
            assert_eq!(
                a.id,
                Estimator::ALL[i].id(),
                "the look's id is the estimator's"
            );
            for b in &looks[i + 1..] {
                assert_ne!(a.light, b.light, "{} and {}", a.id, b.id);
                assert_ne!(a.dark, b.dark, "{} and {}", a.id, b.id);
                assert_ne!(a.dash, b.dash, "{} and {}", a.id, b.id);
            }
        }
    }

    /// Lines of 2 px need a contrast of at least 3:1 with the background (WCAG 1.4.11).
    #[test]
    fn every_line_stands_out_from_its_background() {
        let all = Estimator::ALL
            .iter()
            .map(|&e| estimator(e))
            .chain([EXACT, OBJECTIVE, PLAIN, REFERENCE, REWARD]);
        for look in all {
            let light = contrast(look.light, LIGHT.background);
            let dark = contrast(look.dark, DARK.background);
            assert!(light >= 3.0, "{} on light: {light:.2}", look.id);
            assert!(dark >= 3.0, "{} on dark: {dark:.2}", look.id);
        }
    }

    #[test]
    fn css_colours_are_hex() {
        assert_eq!(EXACT.css(false), "#1f2937");
        assert_eq!(estimator(Estimator::RewardToGo).css(true), "#56b4e9");
        assert_eq!(Dash::Solid.dasharray(), "");
        assert_eq!(Dash::Dotted.dasharray(), "2 3");
    }
}
