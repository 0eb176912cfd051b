//! One immutable snapshot of what the page shows, so that no view ever combines values of
//! two MDPs (DESIGN §5).
//!
//! A [`Model`] is the MDP, θ fitted to it, the policy at θ, the seed and the parameters'
//! names; it carries a generation number and is replaced whole whenever any of them changes.
//! A [`Snapshot`] is a model read at one γ: the exact values there and the component of ∇J
//! the panels single out. Sampling statistics carry the generation of the model they were
//! drawn from ([`crate::sampling`]); a view reads them only through its snapshot, which
//! refuses statistics of another generation, so an index chosen for one MDP never meets a
//! vector of another.

use std::sync::Arc;

use pg_core::exact::{self, DpResult};
use pg_core::{presets, Estimator, Mdp, MdpError, Policy};

use crate::model::{clamp_gamma, largest_component, theta_labels};

/// The MDP, θ, policy and seed in use, with an identity.
#[derive(Clone, Debug)]
pub struct Model {
    generation: u64,
    preset: Option<&'static str>,
    mdp: Mdp,
    theta: Vec<f64>,
    policy: Policy,
    seed: u64,
    labels: Vec<String>,
    /// The component of vectors the panels show: where |∇J| is largest at the MDP's own γ.
    component: usize,
    /// The exact values at the MDP's own γ, found while choosing the component: the first
    /// snapshot is usually there, and takes them instead of solving again.
    exact_at_default: (f64, Result<DpResult, MdpError>),
}

impl Model {
    /// A model of `mdp` at `theta` sampled from `seed`; `preset` is the preset's id when the
    /// MDP is one.
    ///
    /// # Errors
    /// θ does not fit the MDP (its length is not the MDP's number of parameters, or an entry
    /// is not finite or beyond the limit): the error names `theta` or `theta[i]`.
    pub fn new(
        generation: u64,
        preset: Option<&'static str>,
        mdp: Mdp,
        theta: Vec<f64>,
        seed: u64,
    ) -> Result<Model, MdpError> {
        let policy = Policy::new(&mdp, &theta)?;
        let labels = theta_labels(&mdp);
        // Chosen once per model, so that dragging γ never changes which number a table row
        // or a chart follows.
        let default_gamma = clamp_gamma(mdp.gamma()) + 0.0;
        // With the policy just built: at the limits (d = 512) building it again cost 15 ms.
        let exact_at_default: Result<DpResult, MdpError> =
            Ok(exact::dp_with_policy(&mdp, &policy, default_gamma));
        let component = exact_at_default
            .as_ref()
            .map_or(0, |dp| largest_component(&dp.grad))
            .min(mdp.dim().saturating_sub(1));
        Ok(Model {
            generation,
            preset,
            mdp,
            theta,
            policy,
            seed,
            labels,
            component,
            exact_at_default: (default_gamma, exact_at_default),
        })
    }

    /// The default preset at its own θ: what the page shows when nothing else can be used.
    pub fn fallback(generation: u64, seed: u64) -> Model {
        // A built-in preset and its own θ are valid: a test loads every preset.
        let mdp = presets::load(presets::DEFAULT_PRESET)
            .unwrap_or_else(|e| unreachable!("the default preset is valid: {e}"));
        let theta = mdp.theta().to_vec();
        Model::new(generation, Some(presets::DEFAULT_PRESET), mdp, theta, seed)
            .unwrap_or_else(|e| unreachable!("a preset's own θ fits it: {e}"))
    }

    /// Its identity: a new model gets a larger number.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The preset's id, or `None` for a custom MDP.
    pub fn preset(&self) -> Option<&'static str> {
        self.preset
    }

    /// The MDP's name for the reader in `lang`: a preset's from the catalogue
    /// (`preset-<id>`), a file's own name otherwise (it is its author's words).
    pub fn shown_name(&self, lang: crate::i18n::Lang) -> String {
        match self.preset {
            Some(id) => crate::i18n::text(lang, &format!("preset-{id}"), &[]),
            None => self.mdp().name().to_string(),
        }
    }

    /// The MDP.
    pub fn mdp(&self) -> &Mdp {
        &self.mdp
    }

    /// θ, one entry per parameter (length [`Model::dim`]).
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }

    /// The policy at θ.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The seed of the sampler.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Number of policy parameters d.
    pub fn dim(&self) -> usize {
        self.theta.len()
    }

    /// The component of vectors the panels show (the snapshot's
    /// [`Snapshot::component`]): where |∇J| is largest at the MDP's own γ; < d when d > 0.
    pub fn component(&self) -> usize {
        self.component
    }

    /// The name of each parameter (length [`Model::dim`]).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The name of parameter `i`, or an empty string past the end.
    pub fn label(&self, i: usize) -> &str {
        self.labels.get(i).map_or("", String::as_str)
    }

    /// θ with entry `i` set to `value`, or `None` when `i` is not a parameter of this model.
    pub fn theta_with(&self, i: usize, value: f64) -> Option<Vec<f64>> {
        let mut theta = self.theta.clone();
        *theta.get_mut(i)? = value;
        Some(theta)
    }
}

/// Two models are the same when they are the same generation: a generation is given to one
/// model only.
impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.generation == other.generation
    }
}

/// A [`Model`] read at one γ: the exact values and the component of vectors shown.
#[derive(Clone, Debug)]
pub struct Snapshot {
    model: Arc<Model>,
    gamma: f64,
    exact: Result<DpResult, MdpError>,
    component: usize,
}

/// Two snapshots are equal when they show the same model at the same γ.
impl PartialEq for Snapshot {
    fn eq(&self, other: &Snapshot) -> bool {
        self.model.generation == other.model.generation
            && self.gamma.to_bits() == other.gamma.to_bits()
    }
}

impl Snapshot {
    /// Reads `model` at `gamma` (clamped into [0, 1]; NaN counts as 0): exact values by
    /// dynamic programming; the component shown is the model's.
    pub fn new(model: Arc<Model>, gamma: f64) -> Snapshot {
        // +0.0 turns −0 into 0, so γ never reads "-0.00".
        let gamma = clamp_gamma(gamma) + 0.0;
        let exact = match &model.exact_at_default {
            (at, exact) if at.to_bits() == gamma.to_bits() => exact.clone(),
            _ => exact::dynamic_programming(&model.mdp, &model.theta, gamma),
        };
        let component = model.component;
        Snapshot {
            model,
            gamma,
            exact,
            component,
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The model, shared.
    pub fn model_arc(&self) -> Arc<Model> {
        Arc::clone(&self.model)
    }

    /// The model's generation.
    pub fn generation(&self) -> u64 {
        self.model.generation
    }

    /// γ in [0, 1].
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// The exact values, or why there are none (shown with [`crate::i18n::mdp_error`]).
    pub fn exact(&self) -> Result<&DpResult, &MdpError> {
        self.exact.as_ref()
    }

    /// Exact J, if available.
    pub fn j(&self) -> Option<f64> {
        self.exact().ok().map(|dp| dp.j)
    }

    /// Exact ∇J (length d), or empty.
    pub fn grad(&self) -> &[f64] {
        self.exact().map_or(&[], |dp| dp.grad.as_slice())
    }

    /// The exact mean of an estimator (length d): ∇J, or for `no_discount_weight` its own
    /// mean; `None` without exact values.
    pub fn exact_mean(&self, estimator: Estimator) -> Option<&[f64]> {
        let dp = self.exact().ok()?;
        Some(match estimator {
            Estimator::NoDiscountWeight => &dp.no_discount_weight,
            _ => &dp.grad,
        })
    }

    /// The exact mean of an estimator in the component shown.
    pub fn exact_mean_shown(&self, estimator: Estimator) -> Option<f64> {
        self.exact_mean(estimator)?.get(self.component).copied()
    }

    /// The component of vectors the panels show: where |∇J| is largest at the MDP's own γ,
    /// the same at every γ; always < d.
    pub fn component(&self) -> usize {
        self.component
    }

    /// The name of the component shown.
    pub fn component_label(&self) -> &str {
        self.model.label(self.component)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(generation: u64, id: &'static str) -> Arc<Model> {
        let mdp = presets::load(id).unwrap();
        let theta = mdp.theta().to_vec();
        Arc::new(Model::new(generation, Some(id), mdp, theta, 1).unwrap())
    }

    #[test]
    fn a_model_refuses_theta_of_another_mdp() {
        let chain = presets::load("chain").unwrap();
        let err = Model::new(1, None, chain.clone(), vec![0.0; 3], 1).unwrap_err();
        assert_eq!(err.path, "theta");
        let err = Model::new(1, None, chain, vec![f64::NAN; 8], 1).unwrap_err();
        assert_eq!(err.path, "theta[0]");
    }

    /// At the MDP's own γ the snapshot takes the exact values the model found choosing its
    /// component; at any γ they are those of dynamic programming.
    #[test]
    fn exact_values_are_dynamic_programming_at_every_gamma() {
        for preset in presets::PRESETS {
            let m = model(1, preset.id);
            for g in [m.mdp().gamma(), 0.37] {
                let direct = exact::dynamic_programming(m.mdp(), m.theta(), g).unwrap();
                let snap = Snapshot::new(Arc::clone(&m), g);
                assert_eq!(snap.exact().unwrap(), &direct, "{} at γ {g}", preset.id);
            }
        }
    }

    /// The row a reader follows while dragging γ stays the same quantity.
    #[test]
    fn the_component_shown_is_the_same_at_every_gamma() {
        for preset in presets::PRESETS {
            let m = model(1, preset.id);
            let shown: Vec<usize> = [0.0, 0.3, 0.7, 1.0]
                .iter()
                .map(|&g| Snapshot::new(Arc::clone(&m), g).component())
                .collect();
            assert!(
                shown.windows(2).all(|w| w[0] == w[1]),
                "{}: {shown:?}",
                preset.id
            );
            let at_default = Snapshot::new(Arc::clone(&m), m.mdp().gamma());
            let dp = at_default.exact().unwrap();
            assert_eq!(shown[0], largest_component(&dp.grad), "{}", preset.id);
        }
    }

    #[test]
    fn every_value_of_a_snapshot_fits_its_model() {
        for preset in presets::PRESETS {
            let m = model(3, preset.id);
            for gamma in [0.0, 0.5, 1.0, -0.0, f64::NAN, 7.0] {
                let s = Snapshot::new(Arc::clone(&m), gamma);
                let d = m.dim();
                assert!(s.component() < d, "{}", preset.id);
                assert_eq!(s.grad().len(), d);
                assert_eq!(m.labels().len(), d);
                assert_eq!(m.policy().dim(), d);
                for e in Estimator::ALL {
                    assert_eq!(s.exact_mean(e).map(<[f64]>::len), Some(d));
                    assert!(s.exact_mean_shown(e).is_some_and(f64::is_finite));
                }
                assert!(!s.component_label().is_empty());
                assert!(s.gamma().is_sign_positive() && (0.0..=1.0).contains(&s.gamma()));
                assert_eq!(s.generation(), 3);
            }
        }
    }

    #[test]
    fn snapshots_are_equal_only_for_the_same_model_and_gamma() {
        let (a, b) = (model(1, "chain"), model(2, "chain"));
        assert_eq!(
            Snapshot::new(Arc::clone(&a), 0.9),
            Snapshot::new(Arc::clone(&a), 0.9)
        );
        assert_ne!(Snapshot::new(Arc::clone(&a), 0.9), Snapshot::new(a, 0.8));
        assert_ne!(
            Snapshot::new(b, 0.9),
            Snapshot::new(model(1, "gridworld"), 0.9)
        );
    }

    #[test]
    fn theta_edits_stay_inside_the_model() {
        let m = model(1, "corridor");
        assert_eq!(m.theta_with(1, 2.0), Some(vec![0.0, 2.0]));
        assert_eq!(m.theta_with(2, 2.0), None);
        assert_eq!(m.label(9), "");
    }

    #[test]
    fn the_fallback_is_the_default_preset() {
        let m = Model::fallback(5, 9);
        assert_eq!(m.preset(), Some(presets::DEFAULT_PRESET));
        assert_eq!(m.generation(), 5);
        assert_eq!(m.seed(), 9);
        assert_eq!(m.theta().len(), m.mdp().dim());
    }
}
