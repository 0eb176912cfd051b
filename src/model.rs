//! The pure, DOM-free computations behind the page: exact values for the MDP, θ and γ in
//! use, the objective curve, names for the parameters, and the reading of the γ slider.

use pg_core::{exact, Mdp};

/// Number of intervals on the γ axis of the objective curve (γ = 0, 0.01, …, 1).
pub const GAMMA_STEPS: usize = 100;

/// Exact J(θ, γ) by dynamic programming; γ is clamped into [0, 1] and NaN stands for θ that
/// does not fit the MDP (the app never passes such θ; the readout shows it as unavailable).
pub fn exact_j(mdp: &Mdp, theta: &[f64], gamma: f64) -> f64 {
    exact::dynamic_programming(mdp, theta, clamp_gamma(gamma)).map_or(f64::NAN, |dp| dp.j)
}

/// Exact J at `steps + 1` evenly spaced discounts γ = 0, 1/steps, …, 1.
pub fn objective_curve(mdp: &Mdp, theta: &[f64], steps: usize) -> Vec<(f64, f64)> {
    let steps = steps.max(1);
    (0..=steps)
        .map(|i| {
            let gamma = i as f64 / steps as f64;
            (gamma, exact_j(mdp, theta, gamma))
        })
        .filter(|p| p.1.is_finite())
        .collect()
}

/// A short name for each policy parameter: `θ[state, action]` for a tabular policy, `θ₀`,
/// `θ₁`, … for features.
pub fn theta_labels(mdp: &Mdp) -> Vec<String> {
    if mdp.is_tabular() {
        mdp.states()
            .iter()
            .enumerate()
            .filter(|&(s, _)| !mdp.is_terminal(s))
            .flat_map(|(_, state)| {
                mdp.actions()
                    .iter()
                    .map(move |a| format!("θ[{state}, {a}]"))
            })
            .collect()
    } else {
        (0..mdp.dim())
            .map(|i| format!("θ{}", subscript(i)))
            .collect()
    }
}

/// Digits as Unicode subscripts.
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// The index of the largest entry in absolute value (0 for an empty vector): the component
/// the panels show of vector estimates.
pub fn largest_component(values: &[f64]) -> usize {
    values
        .iter()
        .enumerate()
        .fold((0, -1.0), |best, (i, v)| {
            if v.abs() > best.1 {
                (i, v.abs())
            } else {
                best
            }
        })
        .0
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

/// The accessible text of the slider, e.g. `γ = 0.90`.
pub fn gamma_value_text(gamma: f64) -> String {
    format!("γ = {}", crate::format::gamma(gamma))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_core::presets;

    fn chain() -> Mdp {
        presets::load("chain").expect("chain is a valid preset")
    }

    #[test]
    fn objective_curve_spans_zero_to_one_and_is_finite() {
        let mdp = chain();
        let curve = objective_curve(&mdp, mdp.theta(), GAMMA_STEPS);
        assert_eq!(curve.len(), GAMMA_STEPS + 1);
        assert_eq!(curve.first().map(|p| p.0), Some(0.0));
        assert_eq!(curve.last().map(|p| p.0), Some(1.0));
        assert!(curve.iter().all(|(g, j)| g.is_finite() && j.is_finite()));
        assert!(curve.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn curve_points_are_the_dynamic_programming_values() {
        let mdp = chain();
        for (gamma, j) in objective_curve(&mdp, mdp.theta(), 10) {
            let dp = exact::dynamic_programming(&mdp, mdp.theta(), gamma).unwrap();
            assert_eq!(j, dp.j);
        }
    }

    #[test]
    fn objective_moves_with_gamma_and_bad_input_is_not_a_panic() {
        let mdp = chain();
        let theta = mdp.theta();
        assert_ne!(exact_j(&mdp, theta, 0.5), exact_j(&mdp, theta, 0.9));
        assert_eq!(exact_j(&mdp, theta, 1.5), exact_j(&mdp, theta, 1.0));
        assert_eq!(exact_j(&mdp, theta, f64::NAN), exact_j(&mdp, theta, 0.0));
        assert!(exact_j(&mdp, &[1.0], 0.5).is_nan());
    }

    #[test]
    fn parameters_have_readable_names() {
        let labels = theta_labels(&chain());
        assert_eq!(labels.len(), 8);
        assert_eq!(labels[0], "θ[s0, left]");
        assert_eq!(labels[7], "θ[s3, right]");
        let corridor = presets::load("corridor").unwrap();
        assert_eq!(theta_labels(&corridor), ["θ₀", "θ₁"]);
        assert_eq!(subscript(12), "₁₂");
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
        assert_eq!(gamma_value_text(0.9), "γ = 0.90");
        assert_eq!(gamma_value_text(1.0), "γ = 1.00");
        assert_eq!(gamma_value_text(-0.0), "γ = 0.00");
        assert_eq!(largest_component(&[0.5, -1.0, 0.7]), 1);
        assert_eq!(largest_component(&[]), 0);
    }
}
