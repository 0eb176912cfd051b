//! The page: the first step of the derivation (the objective J) with its math,
//! and a panel that checks it on the `chain` MDP while γ moves.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{GammaSlider, ObjectiveChart, Tex};
use crate::model::{full_precision, Model, FIRST_PRESET, GAMMA_STEPS};

/// J as the expected return, the first display equation of the derivation.
pub const OBJECTIVE_TEX: &str = r"J_\theta = \mathbb{E}_{\tau \sim P_\theta}\!\left[ G_0 \right] = \int G_0 \, P_\theta(\tau) \, d\tau";
/// The discounted return from time 0.
pub const RETURN_TEX: &str = r"G_0 = \sum_{k=0}^{T-1} \gamma^{k} R_k";
/// An episode.
pub const EPISODE_TEX: &str = r"\tau = (s_0, a_0, s_1, a_1, \dots)";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="site-header">
            <h1>"The policy gradient, step by step"</h1>
            <p class="lede">
                "The derivation of REINFORCE, one step at a time. Each step is checked on a "
                "small Markov decision process: exact values, computed without sampling, "
                "beside the mathematics."
            </p>
        </header>
        <main class="content">
            {match Model::preset(FIRST_PRESET) {
                Ok(model) => view! { <ObjectiveStep model=Arc::new(model) /> }.into_any(),
                Err(err) => {
                    view! {
                        <p class="notice" role="alert" data-testid="notice">
                            {format!("The MDP “{FIRST_PRESET}” could not be loaded: {err}")}
                        </p>
                    }
                        .into_any()
                }
            }}
        </main>
        <footer class="site-footer">
            <p>"Exact values by dynamic programming in the pg-core crate, compiled to WebAssembly."</p>
        </footer>
    }
}

/// Step 1: the objective, with J against γ on the chosen MDP.
#[component]
pub fn ObjectiveStep(
    /// The MDP and parameters the panel evaluates.
    model: Arc<Model>,
) -> impl IntoView {
    // Input.
    let gamma = RwSignal::new(model.default_gamma());
    // Derived values.
    let curve = {
        let model = Arc::clone(&model);
        Memo::new(move |_| model.objective_curve(GAMMA_STEPS))
    };
    let exact = {
        let model = Arc::clone(&model);
        Memo::new(move |_| model.exact_j(gamma.get()))
    };
    // The chart wants a number; NaN (not drawn) stands for an evaluation error,
    // which the readout reports in words.
    let j = Signal::derive(move || exact.get().unwrap_or(f64::NAN));
    let name = model.name().to_string();

    view! {
        <article class="step" data-testid="step-objective" aria-current="step" aria-labelledby="step-objective-title">
            <p class="step-number">"Step 1"</p>
            <h2 id="step-objective-title">"The objective"</h2>
            <div class="step-grid">
                <section class="step-math" aria-label="Mathematics">
                    <Tex tex=OBJECTIVE_TEX display=true />
                    <p>
                        "An episode " <Tex tex=EPISODE_TEX /> " is drawn by running the policy "
                        <Tex tex=r"\pi_\theta" /> " in the MDP. Its discounted return is "
                        <Tex tex=RETURN_TEX /> ". The objective " <Tex tex=r"J_\theta" />
                        " is the mean of that return over all episodes, weighted by their probability "
                        <Tex tex=r"P_\theta(\tau)" /> "."
                    </p>
                    <p>
                        "The discount " <Tex tex=r"\gamma \in [0, 1]" />
                        " decides how much later rewards count. Move it and watch "
                        <Tex tex=r"J_\theta" /> " follow."
                    </p>
                </section>
                <section class="panel" aria-labelledby="panel-objective-title">
                    <h3 id="panel-objective-title">"On the " <code>{FIRST_PRESET}</code> " MDP"</h3>
                    <ObjectiveChart curve=curve gamma=gamma j=j mdp_name=name />
                    <GammaSlider gamma=gamma />
                    <dl class="readout">
                        <div>
                            <dt>"Exact " <Tex tex=r"J_\theta" /></dt>
                            <dd>
                                <output data-testid="exact-J" data-value=move || full_precision(j.get())>
                                    {move || match exact.get() {
                                        Ok(j) => format!("{j:.6}"),
                                        Err(err) => format!("not available: {err}"),
                                    }}
                                </output>
                                <span class="route">"dynamic programming"</span>
                            </dd>
                        </div>
                    </dl>
                </section>
            </div>
        </article>
    }
}
