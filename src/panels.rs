//! Which quantities each step's panel confirms: the estimators it compares, in order, the
//! first being the one the step derives.

use pg_core::Estimator;

use crate::steps::STEPS;

/// The estimators shown beside the step with this index.
pub fn estimators_for(step: usize) -> &'static [Estimator] {
    use Estimator::*;
    match STEPS.get(step).map_or("", |s| s.slug) {
        "causality" => &[RewardToGo, Trajectory],
        "reward-to-go" | "training" => &[RewardToGo],
        "dropping-gamma-t" => &[NoDiscountWeight, RewardToGo],
        "baseline" => &[Baseline, RewardToGo],
        _ => &[Trajectory],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_shows_at_least_one_estimator() {
        for (i, step) in STEPS.iter().enumerate() {
            assert!(!estimators_for(i).is_empty(), "{}", step.slug);
        }
        assert_eq!(estimators_for(8)[0], Estimator::NoDiscountWeight);
    }
}
