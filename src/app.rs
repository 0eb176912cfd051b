//! The app: URL → typed parameters (one signal) → one model (MDP, θ, policy, seed; a new
//! generation whenever any of them changes) → one snapshot at γ (exact values) → the step
//! card, controls and readouts, which reach the snapshot and the sampling loop through
//! [`Explorer`] context. Effects sit only at the edges: the address bar, the theme on
//! `<html>`, focus, the canvas.

use std::sync::Arc;

use leptos::{ev, prelude::*};

use crate::browser::{self, AddressWrite};
use crate::components::step_card::STEP_TITLE_ID;
use crate::components::{
    EstimateTable, ExactReadouts, GammaSlider, LanguageSelect, MdpEditor, MdpSelect, MdpTable,
    Notices, PrevNext, RunSettings, SamplingProgress, SharePanel, StepCard, StepList, ThemeSelect,
    ThetaControls,
};
use crate::context::Explorer;
use crate::i18n::{self, t, t_with, Lang};
use crate::sampling::Sampling;
use crate::snapshot::{Model, Snapshot};
use crate::state::{self, Controls, MdpSource, Notice, Params, Theme};
use crate::steps::{Panel, STEPS};

/// The values derived from the parameters: one model, one snapshot of it at γ, and the
/// notices resolving gave (none for parameters from [`state::parse`] or from the controls).
#[derive(Clone, Copy)]
pub struct Derived {
    /// The MDP, θ, policy and seed; a new generation when any of them changes, and only then.
    pub model: Memo<Arc<Model>>,
    /// The model at γ.
    pub snapshot: Memo<Arc<Snapshot>>,
    /// What could not be used, if anything.
    pub notices: RwSignal<Vec<Notice>>,
}

/// Derives the model and its snapshot from the parameters. Only the MDP, θ and seed make a
/// new model (a new generation, so sampling restarts); γ makes a new snapshot of the same
/// model; anything else (the step, the theme, …) makes neither.
pub fn derive(params: RwSignal<Params>) -> Derived {
    let source = Memo::new(move |_| params.with(|p| p.mdp.clone()));
    let wanted_theta = Memo::new(move |_| params.with(|p| p.theta.clone()));
    let wanted_gamma = Memo::new(move |_| params.with(|p| p.gamma));
    let seed = Memo::new(move |_| params.with(|p| p.seed));
    let notices = RwSignal::new(Vec::new());
    let model = Memo::new(move |previous: Option<&Arc<Model>>| {
        let generation = previous.map_or(1, |m| m.generation() + 1);
        let wanted = Params {
            mdp: source.get(),
            theta: wanted_theta.get(),
            seed: seed.get(),
            ..Params::default()
        };
        let (model, problems) = state::resolve(&wanted, generation);
        // Parameters are checked before they are set, so there is nothing to report; if
        // there ever is, the reader is told rather than left with a silent substitution.
        if !problems.is_empty() {
            notices.try_set(problems);
        }
        Arc::new(model)
    });
    let snapshot = Memo::new(move |_| {
        let model = model.get();
        let gamma = wanted_gamma.get().unwrap_or_else(|| model.mdp().gamma());
        Arc::new(Snapshot::new(model, gamma))
    });
    Derived {
        model,
        snapshot,
        notices,
    }
}

/// The whole app, started from the page's address.
#[component]
pub fn App() -> impl IntoView {
    // The language first: the notices about the rest of the address are said in it. The
    // address's, else the first of the reader's that the app speaks.
    let browser_lang = Lang::preferred(browser::preferred_languages().iter().map(String::as_str));
    let parse = move |address: &str| {
        let said_in = state::lang_of(address).unwrap_or(browser_lang);
        i18n::with_current(said_in, || state::parse(address))
    };
    let address = browser::current_query();
    let (initial, notices) = parse(&address);
    let params = RwSignal::new(initial);
    let url_notices = RwSignal::new(notices);
    // The address the notices are about, to say them again in another language.
    let noticed_address = RwSignal::new(Some(address));
    let prefers_dark = RwSignal::new(false);
    browser::watch_prefers_dark(prefers_dark);

    // Slices of the parameters, so each consumer reruns only when its input changes.
    let step = Memo::new(move |_| params.with(|p| p.step));
    let range = Memo::new(move |_| params.with(|p| p.range.unwrap_or((0, STEPS.len() - 1))));
    // Whether the reader keeps "More checks" open: it stays so from step to step.
    let checks_open = RwSignal::new(false);
    let embed = Memo::new(move |_| params.with(|p| p.embed));
    let theme = Memo::new(move |_| params.with(|p| p.theme));
    let episodes = Memo::new(move |_| params.with(|p| p.episodes));
    let seed = Memo::new(move |_| params.with(|p| p.seed));
    let lang = Memo::new(move |_| params.with(|p| p.lang).unwrap_or(browser_lang));
    i18n::set_current(lang.get_untracked());

    let Derived {
        model,
        snapshot,
        notices: model_notices,
    } = derive(params);
    let dark = Memo::new(move |_| match theme.get() {
        Theme::Light => false,
        Theme::Dark => true,
        Theme::Auto => prefers_dark.get(),
    });
    let sampling = Sampling::new(episodes.into(), params.with_untracked(|p| p.workers));
    Explorer {
        snapshot,
        sampling,
        target: episodes.into(),
        dark: dark.into(),
        sample_again: Callback::new(move |()| {
            params.update(|p| p.seed = p.seed.wrapping_add(1));
        }),
    }
    .provide();

    let all_notices = Signal::derive(move || {
        let mut all = url_notices.get();
        all.extend(model_notices.get());
        all
    });
    let query = Memo::new(move |_| params.with(state::to_query));
    let controls = Memo::new(move |_| params.with(|p| p.controls));

    // Sampling: restarted for every new model; γ needs no resampling.
    let current_model = model;
    let model_is_current = move |generation: u64| {
        current_model
            .try_with_untracked(|m| m.generation() == generation)
            .unwrap_or(false)
    };
    Effect::new(move |_| {
        let model = model.get();
        // In a task of its own, after the page has shown the new model: at the limits a
        // fresh run allocates about 30 MB of sums (80 ms). A newer model's restart, already
        // on its way, makes this one moot.
        set_timeout(
            move || {
                if model_is_current(model.generation()) {
                    // The γ shown now is exact on the sampler's grid even if it is not a
                    // multiple of 0.01.
                    let gamma = snapshot.with_untracked(|s| s.gamma());
                    sampling.restart(model, gamma);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    // A new count: go on towards a higher one; for a lower one than already sampled start
    // over, so the numbers are those of the new address loaded afresh (sums cannot be cut
    // back to fewer episodes).
    Effect::new(move |previous: Option<u64>| {
        let target = episodes.get();
        if previous.is_some() {
            if sampling.merged() > target {
                let gamma = snapshot.with_untracked(|s| s.gamma());
                sampling.restart(model.get_untracked(), gamma);
            } else {
                sampling.run();
            }
        }
        target
    });

    // Edges: the address bar (a new history entry per step and per MDP, so that Back returns
    // to a file the reader loaded; in place otherwise), the theme.
    let mdp_source = Memo::new(move |_| params.with(|p| p.mdp.clone()));
    Effect::new(move |previous: Option<(usize, MdpSource)>| {
        let current = (step.get(), mdp_source.get());
        let how = match &previous {
            None => AddressWrite::InPlaceNow,
            Some(before) if *before != current => AddressWrite::NewEntry,
            Some(_) => AddressWrite::InPlaceSoon,
        };
        browser::write_query(&query.get(), how);
        current
    });
    Effect::new(move |_| {
        browser::set_root_attribute("data-theme", if dark.get() { "dark" } else { "light" });
        browser::set_body_class("embed", embed.get());
    });
    Effect::new(move |_| {
        let shown = lang.get();
        browser::set_root_attribute("lang", shown.id());
        browser::set_title_and_description(
            &i18n::text(shown, "page-title", &[]),
            &i18n::text(shown, "page-description", &[]),
        );
    });
    let popstate = window_event_listener(ev::popstate, move |_| {
        let address = browser::current_query();
        let (p, notices) = parse(&address);
        url_notices.set(notices);
        noticed_address.set(Some(address));
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
        browser::show_step_after_render(STEP_TITLE_ID);
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

    // Inputs. Each sets valid parameters only (a bad entry never leaves its control), and
    // a value that belongs to one MDP is dropped with it.
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
    // An edit of the table changes the dynamics or rewards only: the reader's γ and θ stay
    // (θ keeps its length, as the table never adds states or actions).
    let edit_custom = Callback::new(move |text: String| {
        params.update(|p| p.mdp = MdpSource::Custom(text));
    });
    let set_gamma = Callback::new(move |g: f64| params.update(|p| p.gamma = Some(g + 0.0)));
    let set_theta = Callback::new(move |(i, x): (usize, f64)| {
        // Checked against the model in use: an index it does not have is ignored.
        if let Some(theta) = snapshot.with_untracked(|s| s.model().theta_with(i, x + 0.0)) {
            params.update(|p| p.theta = Some(theta));
        }
    });
    let set_episodes = Callback::new(move |n: u64| params.update(|p| p.episodes = n));
    let set_seed = Callback::new(move |s: u64| params.update(|p| p.seed = s));
    let set_theme = Callback::new(move |theme: Theme| params.update(|p| p.theme = theme));
    let set_lang = Callback::new(move |chosen: Lang| {
        // The page is built anew in the new language; what the reader had unfolded stays so,
        // and the keyboard stays on the switch.
        let open = browser::open_details();
        params.update(|p| p.lang = Some(chosen));
        browser::reopen_details(open);
        browser::focus_after_render("lang-select");
    });
    // Notices still shown are said again in the new language.
    Effect::new(move |previous: Option<Lang>| {
        let shown = lang.get();
        let showing = url_notices.with_untracked(|n| !n.is_empty());
        if previous.is_some_and(|p| p != shown) && showing {
            if let Some(address) = noticed_address.get_untracked() {
                let (_, notices) = i18n::with_current(shown, || state::parse(&address));
                url_notices.set(notices);
            }
        }
        shown
    });
    // Links and embeds carry the language shown, unless it is English by default: a
    // teacher reading in Korean shares the Korean page.
    let shared_params = Signal::derive(move || {
        let shown = lang.get();
        params.with(|p| Params {
            lang: p.lang.or((shown != Lang::ENGLISH).then_some(shown)),
            ..p.clone()
        })
    });
    let reset = move |_| {
        params.update(|p| {
            let defaults = Params::default();
            p.gamma = None;
            p.theta = None;
            p.episodes = defaults.episodes;
            p.seed = defaults.seed;
        })
    };
    let dismiss = Callback::new(move |()| {
        url_notices.set(Vec::new());
        noticed_address.set(None);
        model_notices.set(Vec::new());
    });
    let gamma = Signal::derive(move || snapshot.with(|s| s.gamma()));
    // Memos of the model, not of the snapshot: a γ move must not rebuild one control per
    // parameter (at 512 parameters that was about 60 ms of every move).
    let theta = Memo::new(move |_| model.with(|m| m.theta().to_vec()));
    let labels = Memo::new(move |_| model.with(|m| m.labels().to_vec()));
    let preset = Memo::new(move |_| model.with(|m| m.preset()));
    let mdp_name = Memo::new(move |_| model.with(|m| m.mdp().name().to_string()));
    // What the reader sees: a preset's name in the page's language.
    let shown_name = Memo::new(move |_| {
        let shown = lang.get();
        model.with(|m| m.shown_name(shown))
    });
    // The file form changes with the MDP only: a memo of the model, so a γ move neither
    // serialises the file again nor resets the editors' drafts.
    let mdp_json = Memo::new(move |_| model.with(|m| m.mdp().to_json()));
    // The JSON editor's unapplied text, kept through a change of language.
    let editor_draft = RwSignal::new(None::<(String, String)>);
    // Read only when the file is downloaded.
    let reader_settings =
        Signal::derive(move || snapshot.with(|s| (s.gamma(), s.model().theta().to_vec())));

    let header = move || {
        (!embed.get()).then(|| {
            view! {
                <header class="site-header" data-testid="site-header">
                    <div class="site-header-text">
                        <h1>{t("page-title")}</h1>
                        <p class="lede">{t("site-lede")}</p>
                    </div>
                    <div class="site-settings">
                        <LanguageSelect lang=lang on_change=set_lang />
                        <ThemeSelect theme=theme on_change=set_theme />
                    </div>
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
                            let q = params.with(|p| state::to_query(&Params { embed: false, range: None, controls: Controls::All, ..p.clone() }));
                            format!("{}?{q}", browser::page_address())
                        }>
                        {t("open-full")}
                        <span class="visually-hidden">" "{t("opens-new-tab")}</span>
                    </a>
                </p>
            }
            .into_any()
        } else {
            view! {
                <SharePanel params=shared_params mdp_name=shown_name />
                <footer class="site-footer">
                    <p>{t("site-footer")}</p>
                </footer>
            }
            .into_any()
        }
    };

    // Every view is built again in a new language: each reads its words once, with `t`.
    move || {
        i18n::set_current(lang.get());
        view! {
        {header}
        <Notices notices=all_notices on_dismiss=dismiss />
        <div class="layout">
            <StepList current=step range=range href=href on_select=go />
            <main class="main">
                <section class="controls" aria-label=t("settings-label")>
                    // What a reader may change: everything, only γ, or nothing (`controls=`).
                    // An embed keeps the two settings a reader plays with; the rest is one
                    // click away in the full explorer.
                    <Show when=move || controls.get().mdp()>
                        <MdpSelect preset=preset name=shown_name on_select=set_mdp />
                    </Show>
                    <Show when=move || controls.get().gamma()>
                        <GammaSlider value=gamma on_change=set_gamma />
                    </Show>
                    <Show when=move || !embed.get() && controls.get() == Controls::All>
                        <ThetaControls theta=theta labels=labels on_change=set_theta />
                        <RunSettings episodes=episodes seed=seed on_episodes=set_episodes on_seed=set_seed />
                        <button type="button" class="reset" data-testid="reset-button" on:click=reset
                            title=t("reset-all-title")>
                            {t("reset-all")}
                        </button>
                        <MdpEditor current=mdp_json name=mdp_name on_apply=set_custom on_edit=edit_custom reader=reader_settings kept=editor_draft />
                    </Show>
                    <MdpTable />
                </section>
                {move || {
                    let index = step.get();
                    // The parameters keep the index in range; the first step stands in should
                    // that ever fail.
                    let shown = STEPS.get(index).unwrap_or(&STEPS[0]);
                    let Panel { hero, checks } = (shown.panel)();
                    view! {
                        <StepCard index=index>
                            <h3 class="panel-title">{move || t_with("panel-title", &[("mdp", shown_name.get().into())])}</h3>
                            <SamplingProgress />
                            <div class="hero" data-testid="hero">{hero}</div>
                            <EstimateTable estimators=shown.estimators />
                            <ExactReadouts />
                            {checks.map(|checks| view! {
                                <details class="more-checks" data-testid="more-checks"
                                    prop:open=move || checks_open.get()
                                    on:toggle=move |ev| {
                                        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                                        if open != checks_open.get_untracked() {
                                            checks_open.set(open);
                                        }
                                    }>
                                    <summary>{t("more-checks")}</summary>
                                    {checks}
                                </details>
                            })}
                        </StepCard>
                    }
                }}
                <PrevNext current=step range=range on_select=go />
            </main>
        </div>
        {footer}
        <p class="print-only" data-testid="print-url">
            {t("print-url")}" "
            {move || format!("{}?{}", browser::page_address(), query.get())}
        </p>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_core::presets::PRESETS;

    fn generation(d: &Derived) -> u64 {
        d.snapshot.with_untracked(|s| s.generation())
    }

    /// Every value of the snapshot fits its own model.
    fn assert_consistent(d: &Derived) {
        d.snapshot.with_untracked(|s| {
            let m = s.model();
            let dim = m.mdp().dim();
            assert_eq!(m.theta().len(), dim);
            assert_eq!(m.labels().len(), dim);
            assert_eq!(m.policy().dim(), dim);
            assert_eq!(s.grad().len(), dim);
            assert!(s.component() < dim);
            assert!(std::ptr::eq(m, &*d.model.get_untracked()));
        });
    }

    /// Default parameters and what they derive, under a reactive owner that lives as long
    /// as the first value returned.
    fn fresh() -> (Owner, RwSignal<Params>, Derived) {
        let owner = Owner::new();
        owner.set();
        let params = RwSignal::new(Params::default());
        let d = derive(params);
        (owner, params, d)
    }

    #[test]
    fn only_the_mdp_theta_and_seed_make_a_new_model() {
        let (_owner, params, d) = fresh();
        let first = generation(&d);
        assert_consistent(&d);

        // The step, the theme, the episodes: the same model, the same snapshot.
        params.update(|p| p.step = 6);
        params.update(|p| p.theme = Theme::Dark);
        params.update(|p| p.episodes = 500);
        assert_eq!(generation(&d), first);

        // γ: a new snapshot of the same model (no resampling).
        params.update(|p| p.gamma = Some(0.5));
        assert_eq!(generation(&d), first);
        assert_eq!(d.snapshot.with_untracked(|s| s.gamma()), 0.5);

        // The seed: a new model.
        params.update(|p| p.seed = 9);
        assert_eq!(generation(&d), first + 1);
        assert_eq!(d.model.with_untracked(|m| m.seed()), 9);

        // Every preset to every other: each switch is one new model whose pieces all fit.
        let (mut last, mut shown) = (generation(&d), d.model.with_untracked(|m| m.preset()));
        for from in PRESETS {
            for to in PRESETS.iter().filter(|p| p.id != from.id) {
                for id in [from.id, to.id] {
                    params.update(|p| {
                        p.mdp = MdpSource::Preset(id);
                        p.theta = None;
                        p.gamma = None;
                    });
                    assert_eq!(d.model.with_untracked(|m| m.preset()), Some(id));
                    let now = generation(&d);
                    if shown == Some(id) {
                        assert_eq!(now, last, "the same MDP again is the same model");
                    } else {
                        assert!(now > last, "{id}: a new model");
                    }
                    (last, shown) = (now, Some(id));
                    assert_consistent(&d);
                }
            }
        }
        assert!(d.notices.get_untracked().is_empty());
    }

    #[test]
    fn parameters_that_do_not_fit_fall_back_with_a_notice() {
        let (_owner, params, d) = fresh();
        // θ of three entries for the chain's eight parameters.
        params.update(|p| p.theta = Some(vec![1.0; 3]));
        assert_consistent(&d);
        assert_eq!(d.model.with_untracked(|m| m.theta().to_vec()), vec![0.0; 8]);
        assert_eq!(d.notices.get_untracked().len(), 1);
    }
}
