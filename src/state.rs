//! The app's whole state as typed parameters, and their query-string form (DESIGN §4.2).
//!
//! Parsing never fails: a bad value becomes a [`Notice`] and its default, so any URL opens
//! the app. `parse(&to_query(p)) == p` for every valid `p` (property-tested).

use base64::Engine;
use pg_core::{presets, Mdp};

use crate::i18n::{mdp_error, t, t_with, Lang};
use crate::snapshot::Model;
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

/// Which settings a reader may change (`controls=`): a course author can lock a view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// Every setting: in an embed the MDP and γ, in the full explorer everything.
    #[default]
    All,
    /// Only the discount γ.
    Gamma,
    /// None: the view is fixed; only moving between the steps shown is left.
    None,
}

impl Controls {
    /// Every choice, in the order the share box offers them.
    pub const ALL: [Controls; 3] = [Controls::All, Controls::Gamma, Controls::None];

    /// The URL value.
    pub fn id(self) -> &'static str {
        match self {
            Controls::All => "all",
            Controls::Gamma => "gamma",
            Controls::None => "none",
        }
    }

    /// What the share box calls it, in the current language.
    pub fn label(self) -> String {
        crate::i18n::t(match self {
            Controls::All => "controls-all",
            Controls::Gamma => "controls-gamma",
            Controls::None => "controls-none",
        })
    }

    /// The choice with this URL value.
    pub fn from_id(id: &str) -> Option<Controls> {
        Controls::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Whether the MDP may be changed.
    pub fn mdp(self) -> bool {
        self == Controls::All
    }

    /// Whether γ may be changed.
    pub fn gamma(self) -> bool {
        self != Controls::None
    }
}

/// Where the MDP comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum MdpSource {
    /// A built-in preset, by id.
    Preset(&'static str),
    /// A user's MDP file (JSON text), carried compressed in the fragment (`#spec=`).
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
    /// Which settings the reader may change.
    pub controls: Controls,
    /// Sampling workers (`workers=0` samples on the page); `None`: one, or two on machines
    /// with four cores or more.
    pub workers: Option<u64>,
    /// The language of every word on the page (`lang=`); `None`: the reader's browser
    /// decides ([`Lang::preferred`]).
    pub lang: Option<Lang>,
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
            controls: Controls::All,
            workers: None,
            lang: None,
        }
    }
}

/// A problem found in the URL or in the MDP it names: what was wrong and what is used instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice(pub String);

/// "key: 'value' \<problem\>; using \<fallback\>.", in the current language; `problem` and
/// `fallback` are words of the catalogue already.
fn notice(key: &str, value: &str, problem: &str, fallback: &str) -> Notice {
    let mut shown: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        shown.push('…');
    }
    Notice(t_with(
        "notice-value",
        &[
            ("key", key.into()),
            ("value", shown.into()),
            ("problem", problem.into()),
            ("fallback", fallback.into()),
        ],
    ))
}

/// The language an address asks for, read before the rest so that what is said about the
/// rest (the notices of [`parse`]) is said in it.
pub fn lang_of(query: &str) -> Option<Lang> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or_default();
    form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == "lang")
        .filter_map(|(_, v)| Lang::from_id(v.trim()))
        .last()
}

/// The bytes of a base64url value (padding tolerated), or a phrase saying it is not one.
fn base64url_bytes(value: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|e| t_with("notice-not-base64", &[("problem", e.to_string().into())]))
}

/// The bytes as text, or a phrase saying they are not UTF-8.
fn utf8_text(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|_| t("notice-not-utf8"))
}

/// Decodes the `spec=` value into MDP file text.
pub fn decode_spec(value: &str) -> Result<String, String> {
    utf8_text(base64url_bytes(value)?)
}

/// Encodes MDP file text for the query form `?spec=` (base64url, uncompressed), which is
/// still read; the address uses [`encode_compressed_spec`].
pub fn encode_spec(text: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

thread_local! {
    /// The file [`compressed_spec_of_last`] encoded last, and its encoding.
    static LAST_SPEC: std::cell::RefCell<(String, String)> = const {
        std::cell::RefCell::new((String::new(), String::new()))
    };
}

/// [`encode_compressed_spec`] of `text`, reusing the last result when the file is the same:
/// the address is rewritten on every move of γ, and deflating a file near the 256 KB limit
/// takes tens of milliseconds, comparing it a fraction of one.
fn compressed_spec_of_last(text: &str) -> String {
    LAST_SPEC.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != text || last.1.is_empty() {
            *last = (text.to_string(), encode_compressed_spec(text));
        }
        last.1.clone()
    })
}

/// Makes `encoded` the encoding [`compressed_spec_of_last`] gives for `text` (which it
/// decodes to), until another file is encoded.
fn remember_compressed_spec(text: &str, encoded: &str) {
    LAST_SPEC.with(|last| *last.borrow_mut() = (text.to_string(), encoded.to_string()));
}

/// Encodes MDP file text for the fragment, `#spec=`: raw deflate (RFC 1951, level 9), then
/// base64url without padding. FrozenLake's 6.3 KB table becomes about 870 characters.
pub fn encode_compressed_spec(text: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated)
}

/// Decodes a `#spec=` value ([`encode_compressed_spec`]) into MDP file text.
///
/// # Errors
/// A phrase saying what is wrong: not base64url, not deflate data, more than the file limit
/// once inflated, or not UTF-8.
pub fn decode_compressed_spec(value: &str) -> Result<String, String> {
    let bytes = base64url_bytes(value)?;
    let limit = pg_core::mdp::limits::MAX_FILE_BYTES;
    let inflated =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, limit).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => t_with(
                    "notice-too-large",
                    &[("limit", crate::format::grouped(limit as u64).into())],
                ),
                _ => t("notice-not-deflate"),
            }
        })?;
    utf8_text(inflated)
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

/// Parses the part of an address after the page's path: a query string (with or without
/// the leading `?`) and an optional fragment, whose `spec` key carries a custom MDP
/// compressed ([`encode_compressed_spec`]); other fragment keys are not settings and are
/// ignored. Never fails.
///
/// Every value is checked, first alone and then against the others: a custom MDP must
/// validate and θ must fit the MDP in use. A bad value gives a [`Notice`] and is replaced by
/// its default in the parameters returned, so writing them back ([`to_query`]) puts in the
/// address exactly what the page uses. A key given more than once keeps its last valid
/// value, with a notice. A signed zero (`gamma=-0`) reads as 0.
pub fn parse(query: &str) -> (Params, Vec<Notice>) {
    let (mut p, mut notices) = parse_values(query);
    let (mdp, mdp_notice) = load_mdp(&p.mdp);
    if let Some(n) = mdp_notice {
        notices.push(n);
        p.mdp = MdpSource::default();
    }
    let (_, theta_notice) = fit_theta(&mdp, p.theta.as_deref());
    if let Some(n) = theta_notice {
        notices.push(n);
        p.theta = None;
    }
    (p, notices)
}

/// The keys of the query string, in the order [`to_query`] writes them.
pub const KEYS: [&str; 13] = [
    "step", "steps", "mdp", "spec", "gamma", "theta", "episodes", "seed", "embed", "theme",
    "controls", "workers", "lang",
];

/// Parses every value on its own, without loading the MDP.
fn parse_values(address: &str) -> (Params, Vec<Notice>) {
    let mut p = Params::default();
    let mut notices = Vec::new();
    let mut seen = [0usize; KEYS.len()];
    let address = address.strip_prefix('?').unwrap_or(address);
    let (query, fragment) = address.split_once('#').unwrap_or((address, ""));
    // The fragment's spec comes last, so it wins over a query's, as a later key does.
    let in_query = form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k, v, false));
    let in_fragment = form_urlencoded::parse(fragment.as_bytes())
        .filter(|(k, _)| k == "spec")
        .map(|(k, v)| (k, v, true));
    for (key, value, compressed) in in_query.chain(in_fragment) {
        let v = value.as_ref();
        if let Some(count) = KEYS
            .iter()
            .position(|k| *k == key.as_ref())
            .and_then(|i| seen.get_mut(i))
        {
            *count += 1;
        }
        match key.as_ref() {
            "step" => match index_of(v.trim()) {
                Some(i) => p.step = i,
                None => notices.push(notice("step", v, &t("notice-not-step"), STEPS[0].slug)),
            },
            "steps" => match parse_range(v) {
                Some(r) => p.range = Some(r),
                None => notices.push(notice(
                    "steps",
                    v,
                    &t("notice-not-range"),
                    &t("notice-all-steps"),
                )),
            },
            "mdp" => match presets::PRESETS.iter().find(|pr| pr.id == v) {
                Some(preset) => p.mdp = MdpSource::Preset(preset.id),
                None => notices.push(notice(
                    "mdp",
                    v,
                    &t("notice-not-preset"),
                    presets::DEFAULT_PRESET,
                )),
            },
            "spec" => {
                let decoded = if compressed {
                    decode_compressed_spec(v)
                } else {
                    decode_spec(v)
                };
                match decoded {
                    Ok(text) => {
                        if compressed {
                            // The address keeps the reader's own encoding: no deflate on
                            // the first write (30 ms for a file at the limits).
                            remember_compressed_spec(&text, v);
                        }
                        p.mdp = MdpSource::Custom(text);
                    }
                    Err(e) => notices.push(notice("spec", v, &e, &t("notice-built-in-mdp"))),
                }
            }
            "gamma" => match v.trim().parse::<f64>() {
                // +0.0 turns −0 into 0.
                Ok(g) if (0.0..=1.0).contains(&g) => p.gamma = Some(g + 0.0),
                _ => notices.push(notice(
                    "gamma",
                    v,
                    &t("notice-not-gamma"),
                    &t("notice-mdp-default"),
                )),
            },
            "theta" => match parse_theta(v) {
                Some(t)
                    if t.iter()
                        .all(|x| x.abs() <= pg_core::mdp::limits::MAX_ABS_THETA) =>
                {
                    p.theta = Some(t.into_iter().map(|x| x + 0.0).collect())
                }
                _ => notices.push(notice(
                    "theta",
                    v,
                    &t("notice-not-theta"),
                    &t("notice-mdp-default"),
                )),
            },
            "episodes" => match v.trim().parse::<u64>() {
                Ok(n) if (1..=MAX_EPISODES).contains(&n) => p.episodes = n,
                _ => notices.push(notice(
                    "episodes",
                    v,
                    &t_with(
                        "notice-not-episodes",
                        &[("max", crate::format::grouped(MAX_EPISODES).into())],
                    ),
                    &DEFAULT_EPISODES.to_string(),
                )),
            },
            "workers" => match v.trim().parse::<u64>() {
                Ok(n) if n <= crate::sampling::MAX_WORKERS => p.workers = Some(n),
                _ => notices.push(notice(
                    "workers",
                    v,
                    &t_with(
                        "notice-not-workers",
                        &[("max", crate::sampling::MAX_WORKERS.to_string().into())],
                    ),
                    &t("notice-default-workers"),
                )),
            },
            "lang" => match Lang::from_id(v.trim()) {
                Some(lang) => p.lang = Some(lang),
                None => notices.push(notice(
                    "lang",
                    v,
                    &t_with(
                        "notice-not-lang",
                        &[(
                            "langs",
                            Lang::all()
                                .map(Lang::id)
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        )],
                    ),
                    &t("notice-browser-lang"),
                )),
            },
            "seed" => match v.trim().parse::<u64>() {
                Ok(s) => p.seed = s,
                _ => notices.push(notice(
                    "seed",
                    v,
                    &t("notice-not-seed"),
                    &DEFAULT_SEED.to_string(),
                )),
            },
            "embed" => match v {
                "1" | "true" => p.embed = true,
                "0" | "false" => p.embed = false,
                _ => notices.push(notice("embed", v, &t("notice-not-embed"), "0")),
            },
            "theme" => match Theme::from_id(v) {
                Some(t) => p.theme = t,
                None => notices.push(notice("theme", v, &t("notice-not-theme"), "auto")),
            },
            "controls" => match Controls::from_id(v) {
                Some(c) => p.controls = c,
                None => notices.push(notice("controls", v, &t("notice-not-controls"), "all")),
            },
            other => notices.push(Notice(t_with(
                "notice-unknown-key",
                &[("key", other.chars().take(40).collect::<String>().into())],
            ))),
        }
    }
    for (key, &count) in KEYS.iter().zip(&seen) {
        if count > 1 {
            notices.push(Notice(t_with(
                "notice-repeated-key",
                &[("key", (*key).into()), ("count", count.into())],
            )));
        }
    }
    // `mdp` and `spec` name the same thing: the last one given wins, as for a repeated key.
    let given = |key: &str| {
        KEYS.iter()
            .position(|k| *k == key)
            .and_then(|i| seen.get(i))
            .is_some_and(|&n| n > 0)
    };
    if given("mdp") && given("spec") {
        notices.push(Notice(t("notice-mdp-and-spec")));
    }
    if let Some((first, last)) = p.range {
        if p.step < first || p.step > last {
            p.step = first;
        }
    }
    (p, notices)
}

/// Writes what goes after the page's path so that [`parse`] reads it back into `p`: the
/// query string (without `?`) and, for a custom MDP, the fragment `#spec=…`, compressed, so
/// that servers never see it and links stay short (DESIGN §4.2).
pub fn to_query(p: &Params) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let slug = |i: usize| STEPS.get(i).unwrap_or(&STEPS[0]).slug;
    q.append_pair("step", slug(p.step));
    if let Some((first, last)) = p.range {
        q.append_pair("steps", &format!("{}..{}", slug(first), slug(last)));
    }
    if let MdpSource::Preset(id) = &p.mdp {
        q.append_pair("mdp", id);
    }
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
    if p.controls != Controls::All {
        q.append_pair("controls", p.controls.id());
    }
    if let Some(n) = p.workers {
        q.append_pair("workers", &n.to_string());
    }
    if let Some(lang) = p.lang {
        q.append_pair("lang", lang.id());
    }
    // A comma needs no escaping in a query (RFC 3986 sub-delims), and `theta=0.5,1` reads
    // better in a link than `theta=0.5%2C1`. Only an escaped comma can produce "%2C": a
    // literal "%2C" in a value would have been written "%252C".
    let query = q.finish().replace("%2C", ",");
    match &p.mdp {
        MdpSource::Custom(text) => format!("{query}#spec={}", compressed_spec_of_last(text)),
        MdpSource::Preset(_) => query,
    }
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
            Some(Notice(t_with(
                "notice-custom-mdp-unusable",
                &[
                    ("problem", mdp_error(&e).into()),
                    ("preset", presets::DEFAULT_PRESET.into()),
                ],
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
                Some(Notice(t_with(
                    "notice-theta-unfit",
                    &[("problem", mdp_error(&e).into())],
                ))),
            ),
        },
    }
}

/// The model that parameters stand for: their MDP, θ fitted to it and their seed, as
/// generation `generation`. Parameters from [`parse`] always give it without a notice; any
/// other parameters fall back, with notices, as [`parse`] would.
pub fn resolve(p: &Params, generation: u64) -> (Model, Vec<Notice>) {
    let (mdp, mdp_notice) = load_mdp(&p.mdp);
    let preset = match (&p.mdp, &mdp_notice) {
        (MdpSource::Preset(id), None) => Some(*id),
        (MdpSource::Custom(_), None) => None,
        (_, Some(_)) => Some(presets::DEFAULT_PRESET),
    };
    let (theta, theta_notice) = fit_theta(&mdp, p.theta.as_deref());
    let notices: Vec<Notice> = mdp_notice.into_iter().chain(theta_notice).collect();
    match Model::new(generation, preset, mdp, theta, p.seed) {
        Ok(model) => (model, notices),
        Err(e) => {
            let mut notices = notices;
            notices.push(Notice(t_with(
                "notice-model-unusable",
                &[("problem", mdp_error(&e).into())],
            )));
            (Model::fallback(generation, p.seed), notices)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn theta_is_written_with_plain_commas() {
        let p = Params {
            theta: Some(vec![0.5, -1.0, 2.25, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ..Params::default()
        };
        let query = to_query(&p);
        assert!(query.contains("theta=0.5,-1,2.25,0,0,0,0,0"), "{query}");
        assert_eq!(parse(&query).0, p);
    }

    #[test]
    fn a_custom_mdp_travels_compressed_in_the_fragment() {
        let text = custom_text("gridworld", "Mine");
        let p = Params {
            mdp: MdpSource::Custom(text.clone()),
            ..Params::default()
        };
        let address = to_query(&p);
        let (query, fragment) = address.split_once('#').expect("a fragment");
        assert!(!query.contains("spec"), "{query}");
        assert!(fragment.starts_with("spec="));
        assert!(fragment.len() * 3 < encode_spec(&text).len(), "compressed");
        assert_eq!(parse(&address), (p.clone(), Vec::new()));
        assert_eq!(parse(&format!("?{address}")).0, p);
        // The query form still loads; a fragment's spec wins over it, as a later key does.
        let other = custom_text("chain", "Other");
        let (both, notices) = parse(&format!("spec={}#{fragment}", encode_spec(&other)));
        assert_eq!(both.mdp, MdpSource::Custom(text));
        assert_eq!(notices.len(), 1, "{notices:?}");
        // Other fragments are not settings: ignored, without a notice.
        assert_eq!(parse("mdp=bandit#top"), parse("mdp=bandit"));
    }

    #[test]
    fn a_bad_compressed_spec_gets_a_notice_naming_what_is_wrong() {
        let (p, notices) = parse("#spec=***");
        assert_eq!(p.mdp, MdpSource::default());
        assert!(
            notices[0].0.starts_with("spec: '***' is not base64url"),
            "{notices:?}"
        );
        let plain = encode_spec("{}");
        let (_, notices) = parse(&format!("#spec={plain}"));
        assert!(
            notices[0].0.contains("is not a compressed MDP file"),
            "{notices:?}"
        );
        // A small link that inflates past the file limit is refused before it is read.
        let bomb = encode_compressed_spec(&" ".repeat(pg_core::mdp::limits::MAX_FILE_BYTES + 1));
        assert!(bomb.len() < 1000);
        let (_, notices) = parse(&format!("#spec={bomb}"));
        assert!(
            notices[0]
                .0
                .contains("inflates to more than the 262\u{202f}144-byte file limit"),
            "{notices:?}"
        );
    }

    /// A valid custom MDP: a preset's file under another name.
    fn custom_text(id: &str, name: &str) -> String {
        let mut spec = presets::load(id).unwrap().to_spec();
        spec.name = Some(name.to_string());
        serde_json::to_string(&spec).unwrap()
    }

    /// Parameters as the app can hold them: an MDP (a preset, or a custom file), θ of its
    /// length or none, any other value in range.
    fn params() -> impl Strategy<Value = Params> {
        let n = STEPS.len();
        let ids: Vec<&'static str> = presets::PRESETS.iter().map(|p| p.id).collect();
        (
            (
                prop::sample::select(ids),
                any::<bool>(),
                "[a-zA-Z][a-zA-Z0-9 <>&\"'é]{0,19}",
            ),
            prop::option::of(prop::collection::vec(-100.0f64..=100.0, 256)),
        )
            .prop_map(|((id, custom, name), theta)| {
                let mdp = if custom {
                    MdpSource::Custom(custom_text(id, &name))
                } else {
                    MdpSource::Preset(id)
                };
                let dim = presets::load(id).unwrap().dim();
                (
                    mdp,
                    theta.map(|t| t.into_iter().take(dim).collect::<Vec<_>>()),
                )
            })
            .prop_flat_map(move |(mdp, theta)| {
                (
                    0..n,
                    prop::option::of((0..n, 0..n).prop_map(|(a, b)| (a.min(b), a.max(b)))),
                    Just(mdp),
                    prop::option::of(0.0f64..=1.0),
                    Just(theta),
                    1..=MAX_EPISODES,
                    any::<u64>(),
                    any::<bool>(),
                    prop::sample::select(vec![Theme::Auto, Theme::Light, Theme::Dark]),
                    prop::sample::select(Controls::ALL.to_vec()),
                    prop::option::of(0..=crate::sampling::MAX_WORKERS),
                    prop::option::of(prop::sample::select(Lang::all().collect::<Vec<_>>())),
                )
            })
            .prop_map(
                |(
                    step,
                    range,
                    mdp,
                    gamma,
                    theta,
                    episodes,
                    seed,
                    embed,
                    theme,
                    controls,
                    workers,
                    lang,
                )| {
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
                        controls,
                        workers,
                        lang,
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

        /// Whatever the address, the parameters parsed from it are the ones in use: resolving
        /// them needs no fallback, and writing them back gives an address that parses to
        /// the same parameters without a notice.
        #[test]
        fn any_query_parses_to_what_is_used(q in ".{0,200}") {
            let (p, _) = parse(&q);
            prop_assert!(p.step < STEPS.len());
            let (model, notices) = resolve(&p, 1);
            prop_assert!(notices.is_empty(), "{notices:?}");
            prop_assert_eq!(model.theta().len(), model.mdp().dim());
            let (again, notices) = parse(&to_query(&p));
            prop_assert!(notices.is_empty(), "{notices:?}");
            prop_assert_eq!(again, p);
        }

        #[test]
        fn any_key_value_pairs_parse_to_what_is_used(
            pairs in prop::collection::vec((
                prop::sample::select(vec!["step", "steps", "mdp", "spec", "gamma", "theta",
                    "episodes", "seed", "embed", "theme", "controls", "workers", "lang", "x"]),
                prop_oneof![
                    ".{0,30}",
                    Just("-0".to_string()),
                    Just("0.5,1".to_string()),
                    Just("causality".to_string()),
                    Just("ko".to_string()),
                    Just("discount-trap".to_string()),
                    Just(encode_spec(&custom_text("bandit", "b"))),
                ],
            ), 0..8)
        ) {
            let mut q = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &pairs {
                q.append_pair(k, v);
            }
            let (p, _) = parse(&q.finish());
            let (model, notices) = resolve(&p, 1);
            prop_assert!(notices.is_empty(), "{notices:?}");
            prop_assert!(p.gamma.is_none_or(|g| (0.0..=1.0).contains(&g) && g.is_sign_positive()));
            prop_assert!(model.theta().iter().all(|x| x.is_finite()));
            let (again, notices) = parse(&to_query(&p));
            prop_assert!(notices.is_empty(), "{notices:?}");
            prop_assert_eq!(again, p);
        }
    }

    #[test]
    fn values_replaced_by_their_default_leave_the_address() {
        // θ of the wrong length: a notice, and no θ in the parameters (so none in the address).
        let (p, notices) = parse("theta=1,2&mdp=chain");
        assert_eq!(p.theta, None);
        assert!(
            notices[0].0.starts_with("theta: has 2 entries"),
            "{notices:?}"
        );
        assert!(!to_query(&p).contains("theta"));
        // A spec that decodes to an invalid MDP: the default preset, in the address too.
        let broken = custom_text("discount-trap", "x").replace("\"horizon\":5", "\"horizon\":0");
        let (p, notices) = parse(&format!("spec={}", encode_spec(&broken)));
        assert_eq!(p.mdp, MdpSource::default());
        assert!(
            notices[0].0.contains("horizon: must be between"),
            "{notices:?}"
        );
        assert!(!to_query(&p).contains("spec="));
        // A repeated key: the last valid value, with a notice.
        let (p, notices) = parse("step=nope&step=causality");
        assert_eq!(STEPS[p.step].slug, "causality");
        let text: Vec<&str> = notices.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(
            text,
            [
                "step: 'nope' is not a step; using objective.",
                "step: given 2 times; the last valid value is used."
            ]
        );
        let (p, notices) = parse("mdp=bandit&spec=***&mdp=corridor");
        assert_eq!(p.mdp, MdpSource::Preset("corridor"));
        assert_eq!(notices.len(), 3, "{notices:?}");
        // Signed zeros read as zeros.
        let (p, notices) = parse("gamma=-0&mdp=discount-trap&theta=-0");
        assert!(notices.is_empty());
        assert!(p.gamma.unwrap().is_sign_positive());
        assert!(p.theta.unwrap()[0].is_sign_positive());
        assert!(to_query(&parse("gamma=-0").0).ends_with("gamma=0"));
    }

    #[test]
    fn bad_values_give_notices_and_defaults() {
        let (p, notices) = parse(
            "?step=nope&gamma=1.7&theta=1,x&episodes=0&seed=-1&embed=2&theme=pink&mdp=maze&steps=causality..objective&zoom=3&controls=some",
        );
        assert_eq!(p, Params::default());
        let text: Vec<&str> = notices.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(text.len(), 11, "{text:#?}");
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
        let (model, notices) = resolve(&p, 1);
        assert!(notices.is_empty());
        assert_eq!(model.mdp().name(), "Discount trap");
        assert_eq!(model.preset(), None);

        let broken = text.replace("\"horizon\": 5", "\"horizon\": 0");
        let (p, notices) = parse(&format!("spec={}&theta=9", encode_spec(&broken)));
        assert_eq!(p.mdp, MdpSource::default());
        assert_eq!(p.theta, None);
        assert!(
            notices[0].0.contains("horizon: must be between 1 and 1000"),
            "{notices:?}"
        );
        assert!(
            notices[1].0.starts_with("theta: has 1 entries"),
            "{notices:?}"
        );
        let (model, notices) = resolve(&p, 1);
        assert!(notices.is_empty());
        assert_eq!(model.mdp().name(), "Slippery chain");

        // Parameters that never went through `parse` still resolve, with the notices.
        let (model, notices) = resolve(
            &Params {
                mdp: MdpSource::Custom(broken),
                theta: Some(vec![9.0]),
                ..Params::default()
            },
            4,
        );
        assert_eq!(model.preset(), Some(presets::DEFAULT_PRESET));
        assert_eq!(model.generation(), 4);
        assert_eq!(notices.len(), 2, "{notices:?}");

        let (_, notices) = parse("spec=***");
        assert!(notices[0].0.starts_with("spec: '***' is not base64url"));

        // A byte-order mark before the file is skipped, as in every other entry point.
        let (p, notices) = parse(&format!("spec={}", encode_spec(&format!("\u{feff}{text}"))));
        assert!(notices.is_empty(), "{notices:?}");
        assert!(matches!(p.mdp, MdpSource::Custom(_)));
    }
}
