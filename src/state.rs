//! The app's whole state as typed parameters, and their query-string form (DESIGN §4.2).
//!
//! Parsing never fails: a bad value becomes a [`Notice`] and its default, so any URL opens
//! the app. `parse(&to_query(p)) == p` for every valid `p` (property-tested).

use base64::Engine;
use pg_core::{presets, Mdp};

use crate::steps::{index_of, STEPS};

/// Episodes sampled when the URL does not say.
pub const DEFAULT_EPISODES: u64 = 100_000;
/// Most episodes a URL may ask for.
pub const MAX_EPISODES: u64 = 10_000_000;
/// Seed when the URL does not say.
pub const DEFAULT_SEED: u64 = 1;

/// Colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The URL value.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn from_id(id: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.id() == id)
    }
}

/// Where the MDP comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum MdpSource {
    /// A built-in preset, by id.
    Preset(&'static str),
    /// A user's MDP file (JSON text), carried base64url-encoded in `spec=`.
    Custom(String),
}

impl Default for MdpSource {
    fn default() -> Self {
        MdpSource::Preset(presets::DEFAULT_PRESET)
    }
}

/// Every input of the app.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Index of the current step in [`STEPS`].
    pub step: usize,
    /// The steps shown, first and last index inclusive (`steps=a..b`); `None` for all.
    pub range: Option<(usize, usize)>,
    /// The MDP.
    pub mdp: MdpSource,
    /// Discount; `None` for the MDP's default.
    pub gamma: Option<f64>,
    /// Policy parameters; `None` for the MDP's default.
    pub theta: Option<Vec<f64>>,
    /// Target number of episodes to sample.
    pub episodes: u64,
    /// Seed of the generator.
    pub seed: u64,
    /// Compact layout without site chrome, for iframes.
    pub embed: bool,
    /// Colour theme.
    pub theme: Theme,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            step: 0,
            range: None,
            mdp: MdpSource::default(),
            gamma: None,
            theta: None,
            episodes: DEFAULT_EPISODES,
            seed: DEFAULT_SEED,
            embed: false,
            theme: Theme::Auto,
        }
    }
}

/// A problem found in the URL or in the MDP it names: what was wrong and what is used instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice(pub String);

fn notice(key: &str, value: &str, problem: &str, fallback: &str) -> Notice {
    let mut shown: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        shown.push('…');
    }
    Notice(format!("{key}: '{shown}' {problem}; using {fallback}."))
}

/// Decodes the `spec=` value into MDP file text.
pub fn decode_spec(value: &str) -> Result<String, String> {
    let trimmed = value.trim_end_matches('=');
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(trimmed)
        .map_err(|e| format!("is not base64url ({e})"))?;
    String::from_utf8(bytes).map_err(|_| "does not decode to UTF-8 text".to_string())
}

/// Encodes MDP file text for `spec=`.
pub fn encode_spec(text: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

fn parse_theta(value: &str) -> Option<Vec<f64>> {
    value
        .split(',')
        .map(|x| x.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect()
}

fn parse_range(value: &str) -> Option<(usize, usize)> {
    let (first, last) = value.split_once("..")?;
    let (first, last) = (index_of(first.trim())?, index_of(last.trim())?);
    (first <= last).then_some((first, last))
}

/// Parses a query string (with or without the leading `?`). Never fails.
pub fn parse(query: &str) -> (Params, Vec<Notice>) {
    let mut p = Params::default();
    let mut notices = Vec::new();
    let mut step_slug = None;
    let query = query.strip_prefix('?').unwrap_or(query);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let v = value.as_ref();
        match key.as_ref() {
            "step" => step_slug = Some(v.to_string()),
            "steps" => match parse_range(v) {
                Some(r) => p.range = Some(r),
                None => notices.push(notice(
                    "steps",
                    v,
                    "is not a range first..last of step names in order",
                    "all steps",
                )),
            },
            "mdp" => match presets::PRESETS.iter().find(|pr| pr.id == v) {
                Some(preset) => p.mdp = MdpSource::Preset(preset.id),
                None => notices.push(notice(
                    "mdp",
                    v,
                    "is not a built-in MDP",
                    presets::DEFAULT_PRESET,
                )),
            },
            "spec" => match decode_spec(v) {
                Ok(text) => p.mdp = MdpSource::Custom(text),
                Err(e) => notices.push(notice("spec", v, &e, "the built-in MDP")),
            },
            "gamma" => match v.trim().parse::<f64>() {
                Ok(g) if (0.0..=1.0).contains(&g) => p.gamma = Some(g),
                _ => notices.push(notice(
                    "gamma",
                    v,
                    "is not a number between 0 and 1",
                    "the MDP's default",
                )),
            },
            "theta" => match parse_theta(v) {
                Some(t)
                    if t.iter()
                        .all(|x| x.abs() <= pg_core::mdp::limits::MAX_ABS_THETA) =>
                {
                    p.theta = Some(t)
                }
                _ => notices.push(notice(
                    "theta",
                    v,
                    "is not a list of numbers between −100 and 100",
                    "the MDP's default",
                )),
            },
            "episodes" => match v.trim().parse::<u64>() {
                Ok(n) if (1..=MAX_EPISODES).contains(&n) => p.episodes = n,
                _ => notices.push(notice(
                    "episodes",
                    v,
                    &format!("is not a whole number from 1 to {MAX_EPISODES}"),
                    &DEFAULT_EPISODES.to_string(),
                )),
            },
            "seed" => match v.trim().parse::<u64>() {
                Ok(s) => p.seed = s,
                _ => notices.push(notice(
                    "seed",
                    v,
                    "is not a whole number from 0 to 2⁶⁴−1",
                    &DEFAULT_SEED.to_string(),
                )),
            },
            "embed" => match v {
                "1" | "true" => p.embed = true,
                "0" | "false" => p.embed = false,
                _ => notices.push(notice("embed", v, "is not 1 or 0", "0")),
            },
            "theme" => match Theme::from_id(v) {
                Some(t) => p.theme = t,
                None => notices.push(notice("theme", v, "is not light, dark or auto", "auto")),
            },
            other => notices.push(Notice(format!(
                "'{}' is not a setting this page knows; it was ignored.",
                other.chars().take(40).collect::<String>()
            ))),
        }
    }
    if let Some(slug) = step_slug {
        match index_of(&slug) {
            Some(i) => p.step = i,
            None => notices.push(notice("step", &slug, "is not a step", STEPS[0].slug)),
        }
    }
    if let Some((first, last)) = p.range {
        if p.step < first || p.step > last {
            p.step = first;
        }
    }
    (p, notices)
}

/// Writes the query string (without `?`) that [`parse`] reads back into `p`.
pub fn to_query(p: &Params) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("step", STEPS[p.step].slug);
    if let Some((first, last)) = p.range {
        q.append_pair(
            "steps",
            &format!("{}..{}", STEPS[first].slug, STEPS[last].slug),
        );
    }
    match &p.mdp {
        MdpSource::Preset(id) => q.append_pair("mdp", id),
        MdpSource::Custom(text) => q.append_pair("spec", &encode_spec(text)),
    };
    if let Some(g) = p.gamma {
        q.append_pair("gamma", &g.to_string());
    }
    if let Some(theta) = &p.theta {
        let list: Vec<String> = theta.iter().map(f64::to_string).collect();
        q.append_pair("theta", &list.join(","));
    }
    if p.episodes != DEFAULT_EPISODES {
        q.append_pair("episodes", &p.episodes.to_string());
    }
    if p.seed != DEFAULT_SEED {
        q.append_pair("seed", &p.seed.to_string());
    }
    if p.embed {
        q.append_pair("embed", "1");
    }
    if p.theme != Theme::Auto {
        q.append_pair("theme", p.theme.id());
    }
    // A comma needs no escaping in a query (RFC 3986 sub-delims), and `theta=0.5,1` reads
    // better in a link than `theta=0.5%2C1`. Only an escaped comma can produce "%2C": a
    // literal "%2C" in a value would have been written "%252C".
    q.finish().replace("%2C", ",")
}

/// Loads the MDP a source names. A custom MDP that does not validate gives a notice naming
/// the place, and the default preset is used instead.
pub fn load_mdp(source: &MdpSource) -> (Mdp, Option<Notice>) {
    let loaded = match source {
        MdpSource::Preset(id) => presets::load(id),
        MdpSource::Custom(text) => Mdp::from_json(text),
    };
    match loaded {
        Ok(mdp) => (mdp, None),
        Err(e) => (
            presets::load(presets::DEFAULT_PRESET).expect("the default preset is valid"),
            Some(Notice(format!(
                "spec: the custom MDP could not be used: {e}. Showing the built-in “{}” MDP instead.",
                presets::DEFAULT_PRESET
            ))),
        ),
    }
}

/// θ for `mdp`: the URL's if it fits, else the MDP's default with a notice.
pub fn fit_theta(mdp: &Mdp, theta: Option<&[f64]>) -> (Vec<f64>, Option<Notice>) {
    match theta {
        None => (mdp.theta().to_vec(), None),
        Some(theta) => match mdp.check_theta(theta) {
            Ok(()) => (theta.to_vec(), None),
            Err(e) => (
                mdp.theta().to_vec(),
                Some(Notice(format!("{e}; using the MDP's default θ."))),
            ),
        },
    }
}

/// The MDP, θ and γ that parameters stand for, after checking them against each other.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The MDP in use.
    pub mdp: Mdp,
    /// θ in use.
    pub theta: Vec<f64>,
    /// γ in use.
    pub gamma: f64,
}

/// [`load_mdp`] and [`fit_theta`] together, with γ defaulting to the MDP's.
pub fn resolve(p: &Params) -> (Resolved, Vec<Notice>) {
    let (mdp, mdp_notice) = load_mdp(&p.mdp);
    let (theta, theta_notice) = fit_theta(&mdp, p.theta.as_deref());
    let gamma = p.gamma.unwrap_or(mdp.gamma());
    let notices = mdp_notice.into_iter().chain(theta_notice).collect();
    (Resolved { mdp, theta, gamma }, notices)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn theta_is_written_with_plain_commas() {
        let p = Params {
            theta: Some(vec![0.5, -1.0, 2.25]),
            ..Params::default()
        };
        let query = to_query(&p);
        assert!(query.contains("theta=0.5,-1,2.25"), "{query}");
        assert_eq!(parse(&query).0, p);
    }

    fn params() -> impl Strategy<Value = Params> {
        let n = STEPS.len();
        (
            0..n,
            prop::option::of((0..n, 0..n).prop_map(|(a, b)| (a.min(b), a.max(b)))),
            prop_oneof![
                prop::sample::select(presets::PRESETS.iter().map(|p| p.id).collect::<Vec<_>>())
                    .prop_map(MdpSource::Preset),
                ".{0,80}".prop_map(MdpSource::Custom),
            ],
            prop::option::of(0.0f64..=1.0),
            prop::option::of(prop::collection::vec(-100.0f64..=100.0, 1..6)),
            1..=MAX_EPISODES,
            any::<u64>(),
            any::<bool>(),
            prop::sample::select(vec![Theme::Auto, Theme::Light, Theme::Dark]),
        )
            .prop_map(
                |(step, range, mdp, gamma, theta, episodes, seed, embed, theme)| {
                    let step = match range {
                        Some((a, b)) => step.clamp(a, b),
                        None => step,
                    };
                    Params {
                        step,
                        range,
                        mdp,
                        gamma,
                        theta,
                        episodes,
                        seed,
                        embed,
                        theme,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn query_round_trips(p in params()) {
            let (back, notices) = parse(&to_query(&p));
            prop_assert!(notices.is_empty(), "{notices:?}");
            prop_assert_eq!(back, p);
        }

        #[test]
        fn any_query_parses_without_panic(q in ".{0,200}") {
            let (p, _) = parse(&q);
            prop_assert!(p.step < STEPS.len());
            let (resolved, _) = resolve(&p);
            prop_assert_eq!(resolved.theta.len(), resolved.mdp.dim());
        }

        #[test]
        fn any_key_value_pairs_parse_without_panic(
            pairs in prop::collection::vec((
                prop::sample::select(vec!["step", "steps", "mdp", "spec", "gamma", "theta",
                    "episodes", "seed", "embed", "theme", "x"]),
                ".{0,30}",
            ), 0..8)
        ) {
            let mut q = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &pairs {
                q.append_pair(k, v);
            }
            let (p, _) = parse(&q.finish());
            let (resolved, _) = resolve(&p);
            prop_assert!((0.0..=1.0).contains(&resolved.gamma));
        }
    }

    #[test]
    fn bad_values_give_notices_and_defaults() {
        let (p, notices) = parse(
            "?step=nope&gamma=1.7&theta=1,x&episodes=0&seed=-1&embed=2&theme=pink&mdp=maze&steps=causality..objective&zoom=3",
        );
        assert_eq!(p, Params::default());
        let text: Vec<&str> = notices.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(text.len(), 10, "{text:#?}");
        assert!(text
            .contains(&"gamma: '1.7' is not a number between 0 and 1; using the MDP's default."));
        assert!(text.contains(&"step: 'nope' is not a step; using objective."));
        assert!(text
            .iter()
            .any(|t| t.starts_with("'zoom' is not a setting")));
    }

    #[test]
    fn a_deep_link_with_a_range_keeps_the_step_inside_it() {
        let (p, notices) =
            parse("step=objective&steps=causality..dropping-gamma-t&embed=1&theme=dark");
        assert!(notices.is_empty());
        assert_eq!(p.range, Some((6, 8)));
        assert_eq!(p.step, 6);
        assert!(p.embed);
        assert_eq!(p.theme, Theme::Dark);
    }

    #[test]
    fn a_custom_mdp_travels_in_the_url_and_a_broken_one_falls_back() {
        let text = presets::load("discount-trap").unwrap().to_json();
        let (p, notices) = parse(&format!("spec={}", encode_spec(&text)));
        assert!(notices.is_empty());
        let (resolved, notices) = resolve(&p);
        assert!(notices.is_empty());
        assert_eq!(resolved.mdp.name(), "Discount trap");
        assert_eq!(resolved.gamma, 0.5);

        let broken = text.replace("\"horizon\": 5", "\"horizon\": 0");
        let (p, _) = parse(&format!("spec={}&theta=9", encode_spec(&broken)));
        let (resolved, notices) = resolve(&p);
        assert_eq!(resolved.mdp.name(), "Slippery chain");
        assert!(
            notices[0].0.contains("horizon: must be between 1 and 500"),
            "{notices:?}"
        );
        assert!(
            notices[1].0.starts_with("theta: has 1 entries"),
            "{notices:?}"
        );

        let (_, notices) = parse("spec=***");
        assert!(notices[0].0.starts_with("spec: '***' is not base64url"));
    }
}
