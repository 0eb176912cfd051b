//! The controls shared by every step: the MDP, θ, the episodes to sample, the seed, a reset,
//! and the colour theme. Each reports valid values only; a bad entry is explained beside
//! its field and the last good value stays in use.

use leptos::prelude::*;
use pg_core::presets::PRESETS;

use crate::format::fixed;
use crate::i18n::{t, t_with, Lang};
use crate::state::{Theme, MAX_EPISODES};

/// The value of the MDP selector when a custom MDP is loaded.
pub const CUSTOM: &str = "custom";

/// Chooses a built-in MDP.
#[component]
pub fn MdpSelect(
    /// The preset in use, or `None` for a custom MDP.
    #[prop(into)]
    preset: Signal<Option<&'static str>>,
    /// The title of the MDP in use.
    #[prop(into)]
    name: Signal<String>,
    /// Called with the id of the preset chosen.
    on_select: Callback<&'static str>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(p) = PRESETS.iter().find(|p| p.id == value) {
            on_select.run(p.id);
        }
    };
    view! {
        <div class="field">
            <label for="mdp-select">{t("control-mdp")}</label>
            <select id="mdp-select" data-testid="mdp-select" on:change=on_change
                prop:value=move || preset.get().unwrap_or(CUSTOM)>
                {PRESETS.iter().map(|p| view! {
                    <option value=p.id selected=move || preset.get() == Some(p.id)>{t(&format!("preset-{}", p.id))}</option>
                }).collect_view()}
                <Show when=move || preset.get().is_none()>
                    <option value=CUSTOM selected=true>{move || name.with(|n| if n == pg_core::mdp::DEFAULT_NAME { n.clone() } else { t_with("control-mdp-custom", &[("name", n.as_str().into())]) })}</option>
                </Show>
            </select>
        </div>
    }
}

/// Parses a θ entry: a finite number within the limit.
pub fn parse_theta_entry(text: &str) -> Option<f64> {
    let x: f64 = text.trim().parse().ok()?;
    (x.is_finite() && x.abs() <= pg_core::mdp::limits::MAX_ABS_THETA).then_some(x)
}

/// What a bad θ entry is told, in the current language.
pub fn theta_entry_hint() -> String {
    t("control-theta-hint")
}

/// Slider bounds for θ when there are few parameters; larger values stay possible through
/// the URL and the number fields.
const THETA_SLIDER_RANGE: f64 = 10.0;
/// Up to this many parameters get a slider each.
const MAX_SLIDERS: usize = 4;

/// One control per policy parameter: sliders when there are few, number fields otherwise.
#[component]
pub fn ThetaControls(
    /// θ in use.
    #[prop(into)]
    theta: Signal<Vec<f64>>,
    /// Names of the parameters.
    #[prop(into)]
    labels: Signal<Vec<String>>,
    /// Called with (index, new value).
    on_change: Callback<(usize, f64)>,
) -> impl IntoView {
    let value = move |i: usize| theta.with(|t| t.get(i).copied().unwrap_or(0.0));
    // One control per parameter. The list is re-rendered when the parameters change (another
    // MDP), inside a container that stays: a field being dragged or typed in keeps its focus
    // while θ changes, and the disclosure around number fields is never rewritten in place
    // (when it was, Chromium 156 dropped the layout box of every number field it held, and
    // the fields stayed invisible after switching MDPs).
    let control = move |(i, label): (usize, String), slider: bool| {
        let id = format!("theta-{i}");
        // A bad entry in a number field is explained beside it; the last good θ stays in
        // use. (A slider cannot hold a bad value.)
        let error = RwSignal::new(None::<String>);
        let on_input =
            move |ev: leptos::ev::Event| match parse_theta_entry(&event_target_value(&ev)) {
                Some(x) => {
                    error.set(None);
                    on_change.run((i, x));
                }
                None => error.set(Some(theta_entry_hint())),
            };
        if slider {
            view! {
                <div class="slider theta-slider">
                    <label for=id.clone()>{label.clone()}</label>
                    <input type="range" id=id.clone() data-testid=id.clone()
                        min=-THETA_SLIDER_RANGE max=THETA_SLIDER_RANGE step="0.1"
                        prop:value=move || format!("{}", value(i))
                        aria-valuetext=move || format!("{label} = {}", fixed(value(i), 2))
                        on:input=on_input />
                    <output for=id class="slider-value" aria-hidden="true">
                        {move || fixed(value(i), 2)}
                    </output>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="theta-field">
                    <label for=id.clone()>{label}</label>
                    <input type="number" id=id.clone() data-testid=id.clone() step="0.1"
                        min=-pg_core::mdp::limits::MAX_ABS_THETA
                        max=pg_core::mdp::limits::MAX_ABS_THETA
                        prop:value=move || format!("{}", value(i))
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=format!("{id}-error")
                        on:change=on_input />
                    <span class="field-error" id=format!("{id}-error") role="alert">{move || error.get()}</span>
                </div>
            }
            .into_any()
        }
    };
    let count = Memo::new(move |_| labels.with(Vec::len));
    let sliders = Memo::new(move |_| count.get() <= MAX_SLIDERS);
    let entries = move || labels.get().into_iter().enumerate().collect::<Vec<_>>();
    let fields = move || {
        let slider = sliders.get();
        let list = move || {
            entries()
                .into_iter()
                .map(|e| control(e, slider))
                .collect_view()
        };
        if slider {
            view! { <div class="theta-sliders">{list}</div> }.into_any()
        } else {
            view! {
                <details class="theta-details">
                    <summary>{move || t_with("control-theta-count", &[("count", count.get().into())])}</summary>
                    <div class="theta-grid">{list}</div>
                </details>
            }
            .into_any()
        }
    };
    // With few parameters the legend names the sliders; with many, the disclosure does.
    let legend_class = move || {
        if sliders.get() {
            ""
        } else {
            "visually-hidden"
        }
    };
    view! {
        <fieldset class="theta">
            <legend class=legend_class>{t("control-theta")}</legend>
            {fields}
        </fieldset>
    }
}

/// A whole-number field that commits on change and explains a bad entry beside itself.
#[component]
fn CountField(
    /// Element id and test id.
    id: &'static str,
    /// Label text.
    label: String,
    /// The value in use.
    #[prop(into)]
    value: Signal<u64>,
    /// Smallest accepted value.
    min: u64,
    /// Largest accepted value.
    max: u64,
    /// Called with each valid value.
    on_change: Callback<u64>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let on_commit = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match text.trim().parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => {
                error.set(None);
                on_change.run(n);
            }
            _ => error.set(Some(t_with(
                "control-count-hint",
                &[
                    ("min", crate::format::grouped(min).into()),
                    ("max", crate::format::grouped(max).into()),
                ],
            ))),
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type="text" inputmode="numeric" id=id data-testid=id
                prop:value=move || value.get().to_string()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=error_id.clone()
                on:change=on_commit />
            <span class="field-error" id=error_id role="alert">{move || error.get()}</span>
        </div>
    }
}

/// The number of episodes to sample and the seed of the generator.
#[component]
pub fn RunSettings(
    /// Target number of episodes.
    #[prop(into)]
    episodes: Signal<u64>,
    /// Seed.
    #[prop(into)]
    seed: Signal<u64>,
    /// Called with a new target.
    on_episodes: Callback<u64>,
    /// Called with a new seed.
    on_seed: Callback<u64>,
) -> impl IntoView {
    view! {
        <CountField id="episodes-input" label=t("control-episodes") value=episodes min=1 max=MAX_EPISODES on_change=on_episodes />
        <CountField id="seed-input" label=t("control-seed") value=seed min=0 max=u64::MAX on_change=on_seed />
    }
}

/// A select of one page setting (the theme, the language): each choice's URL value and name,
/// with the language the name is in where it is not the page's.
fn setting_select<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: String,
    choices: Vec<(T, &'static str, String, Option<&'static str>)>,
    value: Signal<T>,
    on_change: Callback<T>,
) -> impl IntoView {
    let values: Vec<(T, &'static str)> = choices.iter().map(|c| (c.0, c.1)).collect();
    let value_of = move |v: T| values.iter().find(|c| c.0 == v).map_or("", |c| c.1);
    let choice_of = choices.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>();
    let on_select = move |ev: leptos::ev::Event| {
        let wanted = event_target_value(&ev);
        if let Some((chosen, _)) = choice_of.iter().find(|c| c.1 == wanted) {
            on_change.run(*chosen);
        }
    };
    view! {
        <div class=format!("field {id}-field")>
            <label for=id>{label}</label>
            <select id=id data-testid=id on:change=on_select prop:value=move || value_of(value.get())>
                {choices.into_iter().map(|(choice, url_value, name, lang)| view! {
                    <option value=url_value lang=lang selected=move || value.get() == choice>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The colour theme.
#[component]
pub fn ThemeSelect(
    /// The theme in use.
    #[prop(into)]
    theme: Signal<Theme>,
    /// Called with the theme chosen.
    on_change: Callback<Theme>,
) -> impl IntoView {
    let choices = [
        (Theme::Auto, "theme-auto"),
        (Theme::Light, "theme-light"),
        (Theme::Dark, "theme-dark"),
    ]
    .into_iter()
    .map(|(choice, name)| (choice, choice.id(), t(name), None))
    .collect();
    setting_select("theme-select", t("theme"), choices, theme, on_change)
}

/// The language of the page's words; each language is named in its own words (and marked
/// so for screen readers).
#[component]
pub fn LanguageSelect(
    /// The language shown.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the language chosen.
    on_change: Callback<Lang>,
) -> impl IntoView {
    let choices = Lang::all()
        .map(|choice| (choice, choice.id(), choice.own_name(), Some(choice.id())))
        .collect();
    setting_select(
        "lang-select",
        t("language-switch"),
        choices,
        lang,
        on_change,
    )
}
