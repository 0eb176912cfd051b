//! The pure, DOM-free part of the first page: a preset MDP with its default
//! parameters, and the exact objective J(θ, γ) computed by dynamic programming.

use pg_core::{exact, presets, Mdp, MdpError};

/// The preset shown on the first page.
pub const FIRST_PRESET: &str = "chain";

/// Number of intervals on the γ axis of the objective curve (γ = 0, 0.01, …, 1).
pub const GAMMA_STEPS: usize = 100;

/// A loaded MDP together with the parameters θ the page evaluates it at.
pub struct Model {
    mdp: Mdp,
    theta: Vec<f64>,
}

impl Model {
    /// Loads a built-in preset with its default θ, and checks that it can be
    /// evaluated at its default discount.
    pub fn preset(id: &str) -> Result<Self, MdpError> {
        let mdp = presets::load(id)?;
        let theta = mdp.theta().to_vec();
        let model = Self { mdp, theta };
        model.exact_j(model.default_gamma())?;
        Ok(model)
    }

    /// The MDP's title.
    pub fn name(&self) -> &str {
        self.mdp.name()
    }

    /// The MDP's own default discount, clamped into [0, 1].
    pub fn default_gamma(&self) -> f64 {
        clamp_gamma(self.mdp.gamma())
    }

    /// The parameters θ the page evaluates the MDP at.
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }

    /// Exact J(θ, γ) by dynamic programming (no sampling); γ is clamped into [0, 1].
    pub fn exact_j(&self, gamma: f64) -> Result<f64, MdpError> {
        exact::dynamic_programming(&self.mdp, &self.theta, clamp_gamma(gamma)).map(|dp| dp.j)
    }

    /// Exact J at `steps + 1` evenly spaced discounts γ = 0, 1/steps, …, 1
    /// (a discount that cannot be evaluated is left out).
    pub fn objective_curve(&self, steps: usize) -> Vec<(f64, f64)> {
        let steps = steps.max(1);
        (0..=steps)
            .filter_map(|i| {
                let gamma = i as f64 / steps as f64;
                self.exact_j(gamma).ok().map(|j| (gamma, j))
            })
            .collect()
    }
}

/// Clamps γ into [0, 1]; NaN becomes 0.
pub fn clamp_gamma(gamma: f64) -> f64 {
    if gamma.is_nan() {
        0.0
    } else {
        gamma.clamp(0.0, 1.0)
    }
}

/// Parses a slider value; anything that is not a finite number in [0, 1] is rejected.
pub fn parse_gamma(text: &str) -> Option<f64> {
    let gamma: f64 = text.trim().parse().ok()?;
    (gamma.is_finite() && (0.0..=1.0).contains(&gamma)).then_some(gamma)
}

/// The γ shown beside the slider: two decimals, as the slider steps by 0.01.
pub fn format_gamma(gamma: f64) -> String {
    format!("{gamma:.2}")
}

/// The accessible text of the slider, e.g. `γ = 0.90`.
pub fn gamma_value_text(gamma: f64) -> String {
    format!("γ = {}", format_gamma(gamma))
}

/// A full-precision value for `data-value` (the shortest text that reads back
/// to the same `f64`).
pub fn full_precision(value: f64) -> String {
    format!("{value:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> Model {
        Model::preset(FIRST_PRESET).expect("chain is a valid preset")
    }

    #[test]
    fn chain_preset_loads_with_a_discount_in_range() {
        let model = chain();
        let gamma = model.default_gamma();
        assert!((0.0..=1.0).contains(&gamma));
        assert!(!model.theta().is_empty());
    }

    #[test]
    fn objective_curve_spans_zero_to_one_and_is_finite() {
        let model = chain();
        let curve = model.objective_curve(GAMMA_STEPS);
        assert_eq!(curve.len(), GAMMA_STEPS + 1);
        assert_eq!(curve.first().map(|p| p.0), Some(0.0));
        assert_eq!(curve.last().map(|p| p.0), Some(1.0));
        assert!(curve.iter().all(|(g, j)| g.is_finite() && j.is_finite()));
        assert!(curve.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn curve_points_are_the_dynamic_programming_values() {
        let model = chain();
        for (gamma, j) in model.objective_curve(10) {
            assert_eq!(Ok(j), model.exact_j(gamma));
        }
    }

    #[test]
    fn objective_moves_with_gamma() {
        let model = chain();
        assert_ne!(model.exact_j(0.5).unwrap(), model.exact_j(0.9).unwrap());
        // Out-of-range discounts are clamped, not errors.
        assert_eq!(model.exact_j(1.5), model.exact_j(1.0));
        assert_eq!(model.exact_j(f64::NAN), model.exact_j(0.0));
    }

    #[test]
    fn unknown_preset_is_an_error_not_a_panic() {
        assert!(Model::preset("no-such-preset").is_err());
    }

    #[test]
    fn gamma_parsing_rejects_bad_input() {
        assert_eq!(parse_gamma("0.9"), Some(0.9));
        assert_eq!(parse_gamma(" 1 "), Some(1.0));
        assert_eq!(parse_gamma("0"), Some(0.0));
        for bad in ["", "abc", "NaN", "inf", "-0.01", "1.01", "1e400"] {
            assert_eq!(parse_gamma(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn gamma_is_clamped() {
        assert_eq!(clamp_gamma(f64::NAN), 0.0);
        assert_eq!(clamp_gamma(-3.0), 0.0);
        assert_eq!(clamp_gamma(7.0), 1.0);
        assert_eq!(clamp_gamma(0.25), 0.25);
    }

    #[test]
    fn texts_are_formatted() {
        assert_eq!(format_gamma(0.9), "0.90");
        assert_eq!(gamma_value_text(0.9), "γ = 0.90");
        assert_eq!(gamma_value_text(1.0), "γ = 1.00");
        let x = 0.1 + 0.2;
        assert_eq!(full_precision(x).parse::<f64>().unwrap(), x);
        assert_eq!(full_precision(1.0), "1.0");
    }
}
