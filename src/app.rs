//! The app: URL → typed parameters (one signal) → the MDP, θ, γ and exact values (memos)
//! → the step card, controls and readouts. Effects sit only at the edges: the address bar,
//! the theme on `<html>`, focus, and the canvas.

use std::sync::Arc;

use leptos::{ev, prelude::*};
use pg_core::{exact, Mdp};

use crate::browser::{self, AddressWrite};
use crate::components::share::iframe_snippet;
use crate::components::simulation::estimates;
use crate::components::step_card::STEP_TITLE_ID;
use crate::components::{
    ConvergenceChart, EstimateTable, ExactReadouts, GammaSlider, MdpEditor, MdpSelect, MdpTable,
    Notices, ObjectiveChart, PrevNext, RunSettings, SamplingProgress, SharePanel, StepCard,
    StepCharts, StepList, ThemeSelect, ThetaControls,
};
use crate::model::{objective_curve, theta_labels, GAMMA_STEPS};
use crate::panels::estimators_for;
use crate::sampling::Sampling;
use crate::state::{self, MdpSource, Notice, Params, Theme};
use crate::steps::STEPS;

/// The MDP in use and the notice its loading gave, if any.
#[derive(Clone, Debug, PartialEq)]
struct LoadedMdp {
    mdp: Arc<Mdp>,
    notice: Option<Notice>,
}

/// The whole app, started from the page's address.
#[component]
pub fn App() -> impl IntoView {
    let (initial, notices) = state::parse(&browser::current_query());
    let params = RwSignal::new(initial);
    let url_notices = RwSignal::new(notices);
    let prefers_dark = RwSignal::new(false);
    browser::watch_prefers_dark(prefers_dark);

    // Slices of the parameters, so each consumer reruns only when its input changes.
    let step = Memo::new(move |_| params.with(|p| p.step));
    let range = Memo::new(move |_| params.with(|p| p.range.unwrap_or((0, STEPS.len() - 1))));
    let embed = Memo::new(move |_| params.with(|p| p.embed));
    let theme = Memo::new(move |_| params.with(|p| p.theme));
    let source = Memo::new(move |_| params.with(|p| p.mdp.clone()));
    let episodes = Memo::new(move |_| params.with(|p| p.episodes));
    let seed = Memo::new(move |_| params.with(|p| p.seed));

    // Derived values.
    let loaded = Memo::new(move |_| {
        let (mdp, notice) = source.with(state::load_mdp);
        LoadedMdp {
            mdp: Arc::new(mdp),
            notice,
        }
    });
    let mdp = Memo::new(move |_| loaded.with(|l| Arc::clone(&l.mdp)));
    let fitted = Memo::new(move |_| {
        let wanted = params.with(|p| p.theta.clone());
        mdp.with(|m| state::fit_theta(m, wanted.as_deref()))
    });
    let theta = Memo::new(move |_| fitted.with(|f| f.0.clone()));
    let gamma = Memo::new(move |_| {
        params
            .with(|p| p.gamma)
            .unwrap_or_else(|| mdp.with(|m| m.gamma()))
    });
    let labels = Memo::new(move |_| mdp.with(|m| theta_labels(m)));
    let exact = Memo::new(move |_| {
        mdp.with(|m| {
            theta.with(|t| exact::dynamic_programming(m, t, gamma.get()).map_err(|e| e.to_string()))
        })
    });
    let curve =
        Memo::new(move |_| mdp.with(|m| theta.with(|t| objective_curve(m, t, GAMMA_STEPS))));
    let j = Signal::derive(move || exact.with(|e| e.as_ref().map_or(f64::NAN, |dp| dp.j)));
    let mdp_name = Signal::derive(move || mdp.with(|m| m.name().to_string()));
    let preset = Signal::derive(move || match source.get() {
        MdpSource::Preset(id) => Some(id),
        MdpSource::Custom(_) => None,
    });
    let dark = Memo::new(move |_| match theme.get() {
        Theme::Light => false,
        Theme::Dark => true,
        Theme::Auto => prefers_dark.get(),
    });
    let all_notices = Signal::derive(move || {
        let mut all = url_notices.get();
        all.extend(loaded.with(|l| l.notice.clone()));
        all.extend(fitted.with(|f| f.1.clone()));
        all
    });
    let query = Memo::new(move |_| params.with(state::to_query));
    let link = Signal::derive(move || format!("{}?{}", browser::page_address(), query.get()));
    let embed_code = Signal::derive(move || {
        let embedded = params.with(|p| Params {
            embed: true,
            range: Some(p.range.unwrap_or((p.step, p.step))),
            ..p.clone()
        });
        let src = format!("{}?{}", browser::page_address(), state::to_query(&embedded));
        let title = format!(
            "Policy gradient, step {}: {}",
            step.get() + 1,
            STEPS[step.get()].title
        );
        iframe_snippet(&src, &title)
    });

    // Sampling: restarted when the MDP, θ or the seed change; γ needs no resampling.
    let sampling = Sampling::new(episodes.into());
    Effect::new(move |_| {
        let (m, t, s) = (mdp.get(), theta.get(), seed.get());
        sampling.restart(&m, &t, s);
    });
    Effect::new(move |previous: Option<u64>| {
        let target = episodes.get();
        if previous.is_some() && sampling.done.get_untracked() < target {
            sampling.run();
        }
        target
    });
    let live = estimates(sampling, gamma.into());
    let exact_signal = Signal::derive(move || exact.get());

    // Edges: the address bar (a new history entry per step, in place otherwise), the theme.
    Effect::new(move |previous_step: Option<usize>| {
        let current = step.get();
        let how = match previous_step {
            None => AddressWrite::InPlaceNow,
            Some(s) if s != current => AddressWrite::NewEntry,
            Some(_) => AddressWrite::InPlaceSoon,
        };
        browser::write_query(&query.get(), how);
        current
    });
    Effect::new(move |_| {
        browser::set_root_attribute("data-theme", if dark.get() { "dark" } else { "light" });
        browser::set_body_class("embed", embed.get());
    });
    let popstate = window_event_listener(ev::popstate, move |_| {
        let (p, notices) = state::parse(&browser::current_query());
        url_notices.set(notices);
        params.set(p);
    });
    on_cleanup(move || popstate.remove());

    // Moving between steps, by button, link or arrow key; focus follows to the heading.
    let go = Callback::new(move |i: usize| {
        let (first, last) = range.get_untracked();
        let target = i.clamp(first, last);
        if target != step.get_untracked() {
            params.update(|p| p.step = target);
        }
        browser::focus_after_render(STEP_TITLE_ID);
    });
    let keys = window_event_listener(ev::keydown, move |ev| {
        if ev.alt_key()
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || browser::in_form_field(&ev)
        {
            return;
        }
        let current = step.get_untracked();
        match ev.key().as_str() {
            "ArrowRight" if current < range.get_untracked().1 => {
                ev.prevent_default();
                go.run(current + 1);
            }
            "ArrowLeft" if current > range.get_untracked().0 => {
                ev.prevent_default();
                go.run(current - 1);
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let href = Callback::new(move |i: usize| {
        let q = params.with(|p| {
            state::to_query(&Params {
                step: i,
                ..p.clone()
            })
        });
        format!("?{q}")
    });

    // Inputs.
    let set_mdp = Callback::new(move |id: &'static str| {
        params.update(|p| {
            p.mdp = MdpSource::Preset(id);
            // θ and γ of one MDP mean nothing for another.
            p.theta = None;
            p.gamma = None;
        })
    });
    let set_custom = Callback::new(move |text: String| {
        params.update(|p| {
            p.mdp = MdpSource::Custom(text);
            p.theta = None;
            p.gamma = None;
        })
    });
    let mdp_json = Signal::derive(move || mdp.with(|m| m.to_json()));
    let set_gamma = Callback::new(move |g: f64| params.update(|p| p.gamma = Some(g)));
    let set_theta = Callback::new(move |(i, x): (usize, f64)| {
        let mut t = theta.get_untracked();
        if let Some(slot) = t.get_mut(i) {
            *slot = x;
            params.update(|p| p.theta = Some(t));
        }
    });
    let set_episodes = Callback::new(move |n: u64| params.update(|p| p.episodes = n));
    let set_seed = Callback::new(move |s: u64| params.update(|p| p.seed = s));
    let set_theme = Callback::new(move |t: Theme| params.update(|p| p.theme = t));
    let reset = move |_| {
        params.update(|p| {
            let defaults = Params::default();
            p.gamma = None;
            p.theta = None;
            p.episodes = defaults.episodes;
            p.seed = defaults.seed;
        })
    };
    let dismiss = Callback::new(move |()| url_notices.set(Vec::new()));

    let header = move || {
        (!embed.get()).then(|| {
            view! {
                <header class="site-header" data-testid="site-header">
                    <div class="site-header-text">
                        <h1>"The policy gradient, step by step"</h1>
                        <p class="lede">
                            "The derivation of REINFORCE, one step at a time. Each step is confirmed on a "
                            "small Markov decision process: the exact value beside a Monte Carlo estimate "
                            "that converges while you watch."
                        </p>
                    </div>
                    <ThemeSelect theme=theme on_change=set_theme />
                </header>
            }
        })
    };
    let footer = move || {
        if embed.get() {
            view! {
                <p class="embed-footer">
                    <a data-testid="open-full" target="_blank" rel="noopener"
                        href=move || {
                            let q = params.with(|p| state::to_query(&Params { embed: false, range: None, ..p.clone() }));
                            format!("{}?{q}", browser::page_address())
                        }>
                        "Open the full explorer"
                        <span class="visually-hidden">" (opens in a new tab)"</span>
                    </a>
                </p>
            }
            .into_any()
        } else {
            view! {
                <SharePanel link=link embed_code=embed_code />
                <footer class="site-footer">
                    <p>
                        "Exact values by dynamic programming in the pg-core crate, compiled to WebAssembly. "
                        "Keys: ← and → move between steps."
                    </p>
                </footer>
            }
            .into_any()
        }
    };

    view! {
        {header}
        <Notices notices=all_notices on_dismiss=dismiss />
        <div class="layout">
            <StepList current=step range=range href=href on_select=go />
            <main class="main">
                <section class="controls" aria-label="Settings">
                    <MdpSelect preset=preset name=mdp_name on_select=set_mdp />
                    <GammaSlider value=gamma on_change=set_gamma />
                    // An embed keeps the two controls a reader plays with; the rest is one
                    // click away in the full explorer.
                    <Show when=move || !embed.get()>
                        <ThetaControls theta=theta labels=labels on_change=set_theta />
                        <RunSettings episodes=episodes seed=seed on_episodes=set_episodes on_seed=set_seed />
                        <button type="button" class="reset" data-testid="reset-button" on:click=reset>
                            "Reset to defaults"
                        </button>
                        <MdpEditor current=mdp_json on_apply=set_custom />
                    </Show>
                    <MdpTable mdp=mdp theta=theta dark=dark />
                </section>
                {move || {
                    let index = step.get();
                    view! {
                        <StepCard index=index>
                            <h3 class="panel-title">"On the " {mdp_name} " MDP"</h3>
                            <ExactReadouts exact=exact labels=labels />
                            <SamplingProgress sampling=sampling target=episodes />
                            <EstimateTable estimates=live exact=exact_signal labels=labels
                                shown=estimators_for(index) />
                            <ConvergenceChart index=index sampling=sampling exact=exact_signal
                                labels=labels gamma=gamma dark=dark />
                            <StepCharts index=index sampling=sampling mdp=mdp theta=theta gamma=gamma dark=dark seed=seed
                                exact=exact_signal labels=labels />
                            {(STEPS[index].slug == "objective").then(|| view! {
                                <ObjectiveChart curve=curve gamma=gamma j=j mdp_name=mdp_name dark=dark />
                            })}
                        </StepCard>
                    }
                }}
                <PrevNext current=step range=range on_select=go />
            </main>
        </div>
        {footer}
    }
}
