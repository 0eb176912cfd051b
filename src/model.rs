//! The pure, DOM-free computations behind the page: exact values for the MDP, θ and γ in
//! use, the objective curve, names for the parameters, and the reading of the γ slider.

use pg_core::{exact, Mdp, Policy};

/// Number of intervals on the γ axis of the objective curve (γ = 0, 0.01, …, 1).
pub const GAMMA_STEPS: usize = 100;

/// Point `k` of the objective curve: (γ, exact J) at γ = k / `steps` (`steps` at least 1),
/// `None` where J is not finite. One exact solve: the J-against-γ chart computes its points one
/// at a time ([`crate::sliced`]).
pub fn objective_point(mdp: &Mdp, policy: &Policy, k: usize, steps: usize) -> Option<(f64, f64)> {
    let gamma = k as f64 / steps.max(1) as f64;
    let j = exact::objective(mdp, policy, gamma);
    j.is_finite().then_some((gamma, j))
}

/// Exact J at `steps + 1` evenly spaced discounts γ = 0, 1/steps, …, 1: every
/// [`objective_point`] at once.
pub fn objective_curve(mdp: &Mdp, policy: &Policy, steps: usize) -> Vec<(f64, f64)> {
    (0..=steps.max(1))
        .filter_map(|k| objective_point(mdp, policy, k, steps))
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
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        let curve = objective_curve(&mdp, &policy, GAMMA_STEPS);
        assert_eq!(curve.len(), GAMMA_STEPS + 1);
        assert_eq!(curve.first().map(|p| p.0), Some(0.0));
        assert_eq!(curve.last().map(|p| p.0), Some(1.0));
        assert!(curve.iter().all(|(g, j)| g.is_finite() && j.is_finite()));
        assert!(curve.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn curve_points_are_the_dynamic_programming_values() {
        let mdp = chain();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        for (gamma, j) in objective_curve(&mdp, &policy, 10) {
            let dp = exact::dynamic_programming(&mdp, mdp.theta(), gamma).unwrap();
            assert_eq!(j, dp.j);
        }
    }

    #[test]
    fn objective_moves_with_gamma() {
        let mdp = chain();
        let policy = Policy::new(&mdp, mdp.theta()).unwrap();
        assert_ne!(
            objective_point(&mdp, &policy, 50, 100),
            objective_point(&mdp, &policy, 90, 100)
        );
        // No steps reads as one: γ = 0 and γ = 1.
        assert_eq!(objective_point(&mdp, &policy, 1, 0).map(|p| p.0), Some(1.0));
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
