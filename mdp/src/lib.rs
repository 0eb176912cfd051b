//! Finite MDPs: the JSON file format (DESIGN §4.1), its validation, the checked in-memory
//! model, and the built-in MDPs ([`presets`]). `pg-core` re-exports it as `pg_core::mdp`.
//!
//! A crate of its own so that it can be compiled for size while the sampling kernel is
//! compiled for speed: parsing and validating a file runs once per edit, and its code is a
//! large part of the app's download (the root Cargo.toml's release profile). The small
//! accessors that the kernel calls in its loops are `#[inline]`, so they are compiled with
//! the kernel.
//!
//! [`Mdp::from_json`] never panics: every problem is reported as an [`MdpError`] whose
//! `path` names the place in the file (`transitions.s1.right`), so an editor can show it inline.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub mod gymnasium;
pub mod presets;
mod strict;

/// Documented limits on an MDP file; they keep every exact computation small and every page fast.
pub mod limits {
    /// Largest accepted file, in bytes.
    pub const MAX_FILE_BYTES: usize = 256 * 1024;
    /// Most states, terminal ones included.
    pub const MAX_STATES: usize = 64;
    /// Most actions.
    pub const MAX_ACTIONS: usize = 8;
    /// Longest horizon H.
    pub const MAX_HORIZON: usize = 1000;
    /// Most policy parameters d.
    pub const MAX_DIMENSION: usize = 512;
    /// Longest state or action name, in characters.
    pub const MAX_NAME_CHARS: usize = 40;
    /// Longest MDP title, in characters.
    pub const MAX_TITLE_CHARS: usize = 80;
    /// Largest |θᵢ| accepted (the softmax stays finite far beyond, but nothing is learnt there).
    pub const MAX_ABS_THETA: f64 = 100.0;
    /// Largest |R(s,a)| and |φᵢ(s,a)|.
    pub const MAX_ABS_VALUE: f64 = 1e6;
    /// Tolerance on probabilities summing to one.
    pub const PROBABILITY_TOLERANCE: f64 = 1e-9;
}

/// A problem in an MDP file or in parameters, with the place it was found.
///
/// Besides its English `message` (what `pgx` prints), an error made here has a `kind` and
/// named `args`, so that a program speaking another language can say the same in its own
/// words: the app looks the kind up in its message catalogues. Errors are made with
/// [`mdp_error!`], which writes the English and the arguments once.
#[derive(Clone, Debug, PartialEq)]
pub struct MdpError {
    /// Dotted path into the file (`transitions.s1.right`), or empty for the file as a whole.
    pub path: String,
    /// What is wrong, in plain English words.
    pub message: String,
    /// Which problem it is, as a message id (`mdp-error-probability-negative`): one per
    /// English sentence. Empty for an error made with [`MdpError::new`], whose message is
    /// its only text.
    pub kind: &'static str,
    /// The varying parts of the message by name (`("p", "-0.5")`), as the English shows them:
    /// numbers formatted as there, names as the file gives them, another library's English
    /// (serde_json's) as it wrote it.
    pub args: Vec<(&'static str, String)>,
}

impl MdpError {
    /// An error at `path` (dotted, may be empty) with free text: it has no kind, so it reads
    /// the same in every language. For code outside this crate that has its own words.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        MdpError {
            path: path.into(),
            message: message.into(),
            kind: "",
            args: Vec::new(),
        }
    }

    /// An error of a kind, with its English message and its arguments: what [`mdp_error!`]
    /// makes, which keeps the two from differing.
    pub fn with_kind(
        path: impl Into<String>,
        kind: &'static str,
        message: impl Into<String>,
        args: Vec<(&'static str, String)>,
    ) -> Self {
        MdpError {
            path: path.into(),
            message: message.into(),
            kind,
            args,
        }
    }

    /// `message` (this error's, or its words in another language) where this error is: after
    /// its path, `transitions.s0.right: …`, or alone when it concerns the whole file.
    pub fn located(&self, message: &str) -> String {
        if self.path.is_empty() {
            message.to_string()
        } else {
            format!("{}: {message}", self.path)
        }
    }
}

/// An [`MdpError`] at a path, of a kind, with its English message written once.
///
/// `mdp_error!(path, "mdp-error-probability-negative", "probability {p} is negative", p = p)`
/// formats each argument once with `Display` and builds both the message
/// (`probability -0.5 is negative`) and the arguments (`[("p", "-0.5")]`) from that text,
/// so a catalogue given the arguments can say exactly what the English says. The message
/// may name its arguments only (`{p}`, no format specs): it is formatted in a function of
/// its own, which sees no other variable, and an argument it does not show is a warning.
/// A message without arguments is taken as written.
#[macro_export]
macro_rules! mdp_error {
    ($path:expr, $kind:literal, $message:literal $(,)?) => {
        $crate::MdpError::with_kind($path, $kind, $message, ::std::vec::Vec::new())
    };
    ($path:expr, $kind:literal, $message:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        fn message($($name: &str),+) -> ::std::string::String {
            ::std::format!($message)
        }
        let ($($name,)+) = ($(::std::string::ToString::to_string(&$value),)+);
        $crate::MdpError::with_kind(
            $path,
            $kind,
            message($(&$name),+),
            ::std::vec![$((::std::stringify!($name), $name)),+],
        )
    }};
}

impl fmt::Display for MdpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located(&self.message))
    }
}

impl std::error::Error for MdpError {}

/// The MDP file as written (DESIGN §4.1), before validation.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MdpSpec {
    /// Title shown to the reader; without it, the file's name or [`DEFAULT_NAME`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// State names, in order; the tabular feature layout follows this order.
    pub states: Vec<String>,
    /// Action names, in order; every action is available in every non-terminal state.
    pub actions: Vec<String>,
    /// Start distribution ρ₀ over non-terminal states.
    pub start: BTreeMap<String, f64>,
    /// Terminal states: an episode ends on entering one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terminal: Vec<String>,
    /// `transitions[s][a][s'] = P(s'|s,a)` for every non-terminal `s` and every `a`.
    pub transitions: BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>,
    /// `rewards[s][a]` for every non-terminal `s` and every `a`: R(s,a), or r(s,a,s′) by next
    /// state.
    pub rewards: BTreeMap<String, BTreeMap<String, Reward>>,
    /// Optional feature vectors φ(s,a); without them the policy is tabular.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<BTreeMap<String, BTreeMap<String, Vec<f64>>>>,
    /// Optional initial parameters (zeros by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theta: Option<Vec<f64>>,
    /// Optional default discount (1 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gamma: Option<f64>,
    /// Horizon H: an episode takes at most H actions.
    pub horizon: usize,
}

/// The title of a file that gives none and has no file name.
pub const DEFAULT_NAME: &str = "Custom MDP";

/// The example file of DESIGN §4.1: a two-state chain with every optional key, which the
/// validation tests (pg-core's, and the app's of its error messages) edit into bad files.
pub const EXAMPLE_FILE: &str = r#"{
  "name": "Two-state chain",
  "states": ["s0", "s1", "goal"],
  "actions": ["left", "right"],
  "start": {"s0": 1.0},
  "terminal": ["goal"],
  "transitions": {
    "s0": {"left": {"s0": 1.0}, "right": {"s1": 0.9, "s0": 0.1}},
    "s1": {"left": {"s0": 1.0}, "right": {"goal": 1.0}}
  },
  "rewards": {"s0": {"left": 0, "right": 0}, "s1": {"left": 0, "right": 1}},
  "features": {"s0": {"left": [1, 0], "right": [0, 1]}, "s1": {"left": [1, 0], "right": [0, 1]}},
  "theta": [0.0, 0.0],
  "gamma": 0.9,
  "horizon": 10
}"#;

/// A file's title from its file name: `river-swim.json` → `river-swim`.
pub fn title_from_file_name(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(".json").unwrap_or(file_name).trim();
    (!stem.is_empty()).then(|| stem.chars().take(limits::MAX_TITLE_CHARS).collect())
}

/// The file `text` with `"name"` (added as its last field) set to the title of `file_name`
/// when it gives none, so that
/// a file loaded from disk keeps that title wherever its text goes next (the address, a
/// download); any other text is returned unchanged.
pub fn with_default_name(text: &str, file_name: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match (strict::outline(text), title_from_file_name(file_name)) {
        (Ok(outline), Some(title)) if !outline.named => {
            // Added last, before the closing brace, so that every line and column an error
            // message names in the rest of the text stays where it was.
            let Some(close) = text.rfind('}') else {
                return text.to_string();
            };
            let (head, tail) = text.split_at(close);
            let kept = head.trim_end();
            let space = &head[kept.len()..];
            let title = serde_json::to_string(&title).expect("a string always serialises");
            let comma = if kept.ends_with('{') { "" } else { ", " };
            format!("{kept}{comma}\"name\": {title}{space}{tail}")
        }
        _ => text.to_string(),
    }
}

/// The reward of one state and action in a file: a number R(s,a), or one number per next
/// state, r(s,a,s′).
#[derive(Clone, Debug, PartialEq)]
pub enum Reward {
    /// R(s,a), whatever the next state.
    Expected(f64),
    /// r(s,a,s′) by the next state's name.
    ByNext(BTreeMap<String, f64>),
}

impl From<f64> for Reward {
    fn from(r: f64) -> Reward {
        Reward::Expected(r)
    }
}

impl Serialize for Reward {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Reward::Expected(r) => serializer.serialize_f64(*r),
            Reward::ByNext(map) => map.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Reward {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Reward, D::Error> {
        struct RewardVisitor;
        impl<'de> serde::de::Visitor<'de> for RewardVisitor {
            type Value = Reward;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number R(s,a), or an object next state → number r(s,a,s′)")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Reward, E> {
                Ok(Reward::Expected(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Reward, E> {
                Ok(Reward::Expected(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Reward, E> {
                Ok(Reward::Expected(v as f64))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Reward, A::Error> {
                let by_next =
                    BTreeMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Reward::ByNext(by_next))
            }
        }
        deserializer.deserialize_any(RewardVisitor)
    }
}

/// A validated finite MDP with a linear-softmax policy parameterisation.
///
/// Dense tables are indexed by state and action numbers in the order of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Mdp {
    name: String,
    states: Vec<String>,
    actions: Vec<String>,
    start: Vec<f64>,
    terminal: Vec<bool>,
    /// `[s][a]` → list of `(s', P(s'|s,a))` with positive probability, in state order.
    successors: Vec<Vec<(usize, f64)>>,
    /// `[s][a]` → r(s,a,s′) for each entry of `successors`.
    transition_rewards: Vec<Vec<f64>>,
    /// `[s][a]` → whether the file gave the reward by next state.
    reward_by_next: Vec<bool>,
    /// `[s][a]` → R(s,a) = Σ_s′ P(s′|s,a) r(s,a,s′) (as given, for a file's R(s,a)).
    rewards: Vec<f64>,
    features: Vec<f64>,
    dim: usize,
    tabular: bool,
    theta: Vec<f64>,
    gamma: f64,
    horizon: usize,
}

fn check_name(path: &str, name: &str, max_chars: usize) -> Result<(), MdpError> {
    if name.trim().is_empty() {
        return Err(mdp_error!(path, "mdp-error-name-empty", "name is empty"));
    }
    if name.chars().count() > max_chars {
        return Err(mdp_error!(
            path,
            "mdp-error-name-too-long",
            "name is longer than {max} characters",
            max = max_chars,
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(mdp_error!(
            path,
            "mdp-error-name-control",
            "name contains a control character"
        ));
    }
    Ok(())
}

fn check_unique_names(
    field: &str,
    names: &[String],
    max_count: usize,
) -> Result<BTreeMap<String, usize>, MdpError> {
    if names.is_empty() {
        return Err(mdp_error!(
            field,
            "mdp-error-no-names",
            "must list at least one name"
        ));
    }
    if names.len() > max_count {
        return Err(mdp_error!(
            field,
            "mdp-error-too-many-names",
            "has {count} entries; the limit is {max}",
            count = names.len(),
            max = max_count,
        ));
    }
    let mut index = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        check_name(&format!("{field}[{i}]"), name, limits::MAX_NAME_CHARS)?;
        if index.insert(name.clone(), i).is_some() {
            return Err(mdp_error!(
                format!("{field}[{i}]"),
                "mdp-error-duplicate-name",
                "duplicate name '{name}'",
                name = name,
            ));
        }
    }
    Ok(index)
}

/// A number as a reader would write it: `1e300`, not three hundred digits.
fn short(value: f64) -> String {
    if value != 0.0 && !(1e-4..1e6).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// A sum of probabilities as a reader would write it: rounded to 12 decimals, so that a
/// sum of 0.1 + 0.8 reads 0.9, not 0.8999999999999999.
fn sum_text(total: f64) -> String {
    if total.is_finite() && total.abs() < 1e6 {
        short((total * 1e12).round() / 1e12)
    } else {
        short(total)
    }
}

fn check_finite(path: &str, value: f64, max_abs: f64) -> Result<(), MdpError> {
    if !value.is_finite() {
        return Err(mdp_error!(
            path,
            "mdp-error-not-finite",
            "is not a finite number"
        ));
    }
    if value.abs() > max_abs {
        return Err(mdp_error!(
            path,
            "mdp-error-out-of-range",
            "is {value}, outside the allowed range −{max} to {max}",
            value = short(value),
            max = short(max_abs),
        ));
    }
    Ok(())
}

/// Checks a distribution given by name and returns it as a dense vector over states.
fn dense_distribution(
    path: &str,
    dist: &BTreeMap<String, f64>,
    state_index: &BTreeMap<String, usize>,
    n_states: usize,
) -> Result<Vec<f64>, MdpError> {
    let mut dense = vec![0.0; n_states];
    let mut total = 0.0;
    for (name, &p) in dist {
        let place = format!("{path}.{name}");
        let Some(&s) = state_index.get(name) else {
            return Err(mdp_error!(
                place,
                "mdp-error-unknown-state",
                "unknown state"
            ));
        };
        if !p.is_finite() {
            return Err(mdp_error!(
                place,
                "mdp-error-probability-not-finite",
                "probability is not a finite number"
            ));
        }
        if p < 0.0 {
            return Err(mdp_error!(
                place,
                "mdp-error-probability-negative",
                "probability {p} is negative",
                p = p,
            ));
        }
        dense[s] = p;
        total += p;
    }
    if (total - 1.0).abs() > limits::PROBABILITY_TOLERANCE {
        return Err(mdp_error!(
            path,
            "mdp-error-probability-sum",
            "probabilities sum to {sum}, not 1",
            sum = sum_text(total),
        ));
    }
    Ok(dense)
}

/// Builds a map by inserting entries one at a time.
///
/// `collect()` into a `BTreeMap` sorts its input first, and each key and value type then brings
/// its own copy of the standard library's sort into the WebAssembly module; the maps here are
/// small, so inserting costs nothing and keeps the app's download smaller.
fn map_of<K: Ord, V>(entries: impl Iterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}

/// What the keys of a map read by [`per_name`] are.
#[derive(Clone, Copy)]
enum Keys<'a> {
    /// States; those marked terminal here (by state number) take no entry.
    LiveStates(&'a [bool]),
    /// Actions, every one of which takes an entry.
    Actions,
}

/// Looks up the entry for every name, reporting the first missing one and any unknown key.
fn per_name<'a, T>(
    path: &str,
    map: &'a BTreeMap<String, T>,
    names: &[String],
    keys: Keys<'_>,
) -> Result<Vec<Option<&'a T>>, MdpError> {
    let wanted = |i: usize| match keys {
        Keys::LiveStates(terminal) => !terminal[i],
        Keys::Actions => true,
    };
    let index = map_of(names.iter().enumerate().map(|(i, n)| (n.as_str(), i)));
    for key in map.keys() {
        let place = || format!("{path}.{key}");
        match index.get(key.as_str()) {
            None => {
                return Err(match keys {
                    Keys::LiveStates(_) => {
                        mdp_error!(place(), "mdp-error-unknown-state", "unknown state")
                    }
                    Keys::Actions => {
                        mdp_error!(place(), "mdp-error-unknown-action", "unknown action")
                    }
                })
            }
            Some(&i) if !wanted(i) => {
                return Err(mdp_error!(
                    place(),
                    "mdp-error-terminal-state-entry",
                    "terminal state takes no entry here"
                ))
            }
            Some(_) => {}
        }
    }
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        if !wanted(i) {
            out.push(None);
            continue;
        }
        match map.get(name) {
            Some(v) => out.push(Some(v)),
            None => {
                return Err(match keys {
                    Keys::LiveStates(_) => mdp_error!(
                        path,
                        "mdp-error-missing-state-entry",
                        "missing an entry for state '{name}'",
                        name = name,
                    ),
                    Keys::Actions => mdp_error!(
                        path,
                        "mdp-error-missing-action-entry",
                        "missing an entry for action '{name}'",
                        name = name,
                    ),
                })
            }
        }
    }
    Ok(out)
}

/// R(s,a) and r(s,a,s′) per successor (`next`, the positive-probability successors) from a
/// file's reward entry at `place`.
fn transition_rewards_of(
    place: &str,
    given: &Reward,
    next: &[(usize, f64)],
    states: &[String],
    state_index: &BTreeMap<String, usize>,
) -> Result<(f64, Vec<f64>), MdpError> {
    match given {
        Reward::Expected(r) => {
            check_finite(place, *r, limits::MAX_ABS_VALUE)?;
            Ok((*r, vec![*r; next.len()]))
        }
        Reward::ByNext(map) => {
            for (name, &r) in map {
                let at = format!("{place}.{name}");
                if !state_index.contains_key(name) {
                    return Err(mdp_error!(at, "mdp-error-unknown-state", "unknown state"));
                }
                check_finite(&at, r, limits::MAX_ABS_VALUE)?;
            }
            let mut expected = 0.0;
            let mut per_next = Vec::with_capacity(next.len());
            for &(t, p) in next {
                let Some(&r) = map.get(&states[t]) else {
                    return Err(mdp_error!(
                        place,
                        "mdp-error-missing-next-reward",
                        "missing the reward for next state '{state}' (P = {p})",
                        state = states[t],
                        p = short(p),
                    ));
                };
                expected += p * r;
                per_next.push(r);
            }
            Ok((expected, per_next))
        }
    }
}

impl Mdp {
    /// Parses and validates an MDP file. Never panics; errors name the place.
    ///
    /// A leading UTF-8 byte-order mark (U+FEFF, as some Windows editors save JSON) is
    /// skipped, so a file reads the same through every entry point: `pgx`, the page's file
    /// input (whose decoder drops it) and text pasted into the editor (which keeps it).
    ///
    /// # Errors
    /// An [`MdpError`] naming the place: the file is too large, is not JSON of the MDP
    /// format, or fails validation ([`Mdp::from_spec`]).
    pub fn from_json(text: &str) -> Result<Mdp, MdpError> {
        Mdp::from_json_named(text, None)
    }

    /// As [`Mdp::from_json`], titled `file_name` (or [`DEFAULT_NAME`]) when the file gives no
    /// `name`. Reads both the app's format and a Gymnasium transition table ([`gymnasium`]).
    ///
    /// # Errors
    /// As [`Mdp::from_json`]; also a key given twice anywhere, or a file that is not one
    /// JSON object.
    pub fn from_json_named(text: &str, file_name: Option<&str>) -> Result<Mdp, MdpError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > limits::MAX_FILE_BYTES {
            return Err(mdp_error!(
                "",
                "mdp-error-file-too-large",
                "file is {size} bytes; the limit is {max} bytes",
                size = text.len(),
                max = limits::MAX_FILE_BYTES,
            ));
        }
        // Each format is read into the app's file form, then validated with errors named
        // in its own terms.
        type Validate = fn(&MdpSpec) -> Result<Mdp, MdpError>;
        let (mut spec, validate): (MdpSpec, Validate) = if strict::outline(text)?.gymnasium {
            (gymnasium::spec_from_json(text)?, gymnasium::from_spec)
        } else {
            let spec = serde_json::from_str(text).map_err(|e| {
                mdp_error!(
                    "",
                    "mdp-error-not-mdp-file",
                    "not a valid MDP file: {problem}",
                    problem = e,
                )
            })?;
            (spec, Mdp::from_spec)
        };
        if spec.name.is_none() {
            spec.name = file_name.and_then(title_from_file_name);
        }
        validate(&spec)
    }

    /// Validates a parsed file.
    pub fn from_spec(spec: &MdpSpec) -> Result<Mdp, MdpError> {
        let name = spec.name.as_deref().unwrap_or(DEFAULT_NAME);
        check_name("name", name, limits::MAX_TITLE_CHARS)?;
        let state_index = check_unique_names("states", &spec.states, limits::MAX_STATES)?;
        check_unique_names("actions", &spec.actions, limits::MAX_ACTIONS)?;
        let n_states = spec.states.len();
        let n_actions = spec.actions.len();

        let mut terminal = vec![false; n_states];
        for (i, name) in spec.terminal.iter().enumerate() {
            let place = format!("terminal[{i}]");
            let Some(&s) = state_index.get(name) else {
                return Err(mdp_error!(
                    place,
                    "mdp-error-unknown-terminal",
                    "unknown state '{name}'",
                    name = name,
                ));
            };
            if terminal[s] {
                return Err(mdp_error!(
                    place,
                    "mdp-error-terminal-twice",
                    "'{name}' is listed twice",
                    name = name,
                ));
            }
            terminal[s] = true;
        }
        if terminal.iter().all(|&t| t) {
            return Err(mdp_error!(
                "terminal",
                "mdp-error-all-terminal",
                "every state is terminal; at least one must not be",
            ));
        }

        let start = dense_distribution("start", &spec.start, &state_index, n_states)?;
        if let Some(s) = (0..n_states).find(|&s| terminal[s] && start[s] > 0.0) {
            return Err(mdp_error!(
                format!("start.{}", spec.states[s]),
                "mdp-error-start-on-terminal",
                "the start distribution puts mass on a terminal state",
            ));
        }

        let live = Keys::LiveStates(&terminal);
        let transition_rows = per_name("transitions", &spec.transitions, &spec.states, live)?;
        let reward_rows = per_name("rewards", &spec.rewards, &spec.states, live)?;

        let mut successors = vec![Vec::new(); n_states * n_actions];
        let mut transition_rewards = vec![Vec::new(); n_states * n_actions];
        let mut reward_by_next = vec![false; n_states * n_actions];
        let mut rewards = vec![0.0; n_states * n_actions];
        for s in (0..n_states).filter(|&s| !terminal[s]) {
            let sname = &spec.states[s];
            let tpath = format!("transitions.{sname}");
            let row = transition_rows[s].expect("non-terminal row checked by per_name");
            let per_action = per_name(&tpath, row, &spec.actions, Keys::Actions)?;
            let rpath = format!("rewards.{sname}");
            let rrow = reward_rows[s].expect("non-terminal row checked by per_name");
            let rewards_per_action = per_name(&rpath, rrow, &spec.actions, Keys::Actions)?;
            for a in 0..n_actions {
                let aname = &spec.actions[a];
                let dist = per_action[a].expect("every action checked by per_name");
                let dense =
                    dense_distribution(&format!("{tpath}.{aname}"), dist, &state_index, n_states)?;
                let next: Vec<(usize, f64)> = dense
                    .iter()
                    .enumerate()
                    .filter(|(_, &p)| p > 0.0)
                    .map(|(t, &p)| (t, p))
                    .collect();
                let i = s * n_actions + a;
                let given = rewards_per_action[a].expect("every action checked by per_name");
                let place = format!("{rpath}.{aname}");
                let (expected, per_next) =
                    transition_rewards_of(&place, given, &next, &spec.states, &state_index)?;
                rewards[i] = expected;
                transition_rewards[i] = per_next;
                reward_by_next[i] = matches!(given, Reward::ByNext(_));
                successors[i] = next;
            }
        }

        let (features, dim, tabular) = match &spec.features {
            None => {
                let live: Vec<usize> = (0..n_states).filter(|&s| !terminal[s]).collect();
                let dim = live.len() * n_actions;
                let mut features = vec![0.0; n_states * n_actions * dim];
                for (k, &s) in live.iter().enumerate() {
                    for a in 0..n_actions {
                        features[(s * n_actions + a) * dim + k * n_actions + a] = 1.0;
                    }
                }
                (features, dim, true)
            }
            Some(map) => {
                let rows = per_name("features", map, &spec.states, live)?;
                let mut dim = None;
                let mut features = Vec::new();
                for s in (0..n_states).filter(|&s| !terminal[s]) {
                    let fpath = format!("features.{}", spec.states[s]);
                    let row = rows[s].expect("non-terminal row checked by per_name");
                    let per_action = per_name(&fpath, row, &spec.actions, Keys::Actions)?;
                    for a in 0..n_actions {
                        let place = format!("{fpath}.{}", spec.actions[a]);
                        let phi = per_action[a].expect("every action checked by per_name");
                        let d = *dim.get_or_insert(phi.len());
                        if phi.is_empty() || phi.len() > limits::MAX_DIMENSION {
                            return Err(mdp_error!(
                                place,
                                "mdp-error-feature-length",
                                "a feature vector needs 1 to {max} entries, not {count}",
                                max = limits::MAX_DIMENSION,
                                count = phi.len(),
                            ));
                        }
                        if phi.len() != d {
                            return Err(mdp_error!(
                                place,
                                "mdp-error-feature-length-differs",
                                "has {count} entries; earlier vectors have {earlier}",
                                count = phi.len(),
                                earlier = d,
                            ));
                        }
                        if features.is_empty() {
                            features = vec![0.0; n_states * n_actions * d];
                        }
                        for (i, &x) in phi.iter().enumerate() {
                            check_finite(&format!("{place}[{i}]"), x, limits::MAX_ABS_VALUE)?;
                            features[(s * n_actions + a) * d + i] = x;
                        }
                    }
                }
                (features, dim.unwrap_or(0), false)
            }
        };

        let theta = match &spec.theta {
            None => vec![0.0; dim],
            Some(theta) => {
                if theta.len() != dim {
                    return Err(theta_length(theta.len(), dim));
                }
                for (i, &x) in theta.iter().enumerate() {
                    check_finite(&format!("theta[{i}]"), x, limits::MAX_ABS_THETA)?;
                }
                theta.clone()
            }
        };

        let gamma = spec.gamma.unwrap_or(1.0);
        check_gamma("gamma", gamma)?;

        if spec.horizon == 0 || spec.horizon > limits::MAX_HORIZON {
            return Err(mdp_error!(
                "horizon",
                "mdp-error-between-one-and",
                "must be between 1 and {max}, not {value}",
                max = limits::MAX_HORIZON,
                value = spec.horizon,
            ));
        }

        Ok(Mdp {
            name: name.to_string(),
            states: spec.states.clone(),
            actions: spec.actions.clone(),
            start,
            terminal,
            successors,
            transition_rewards,
            reward_by_next,
            rewards,
            features,
            dim,
            tabular,
            theta,
            gamma,
            horizon: spec.horizon,
        })
    }

    /// The file form of this MDP; `Mdp::from_spec(&m.to_spec())` gives `m` back.
    pub fn to_spec(&self) -> MdpSpec {
        let nt = |s: &usize| !self.terminal[*s];
        let by_state = |s: usize| self.states[s].clone();
        let per_action = |s: usize| {
            map_of((0..self.num_actions()).map(move |a| (self.actions[a].clone(), (s, a))))
        };
        let transitions = map_of((0..self.num_states()).filter(nt).map(|s| {
            let row = per_action(s).into_iter().map(|(name, (s, a))| {
                let dist = self.successors(s, a).iter().map(|&(t, p)| (by_state(t), p));
                (name, map_of(dist))
            });
            (by_state(s), map_of(row))
        }));
        let rewards = map_of((0..self.num_states()).filter(nt).map(|s| {
            let row = per_action(s).into_iter().map(|(name, (s, a))| {
                let reward = if self.reward_by_next[s * self.num_actions() + a] {
                    let by_next = self.successors(s, a).iter().map(|&(t, _)| by_state(t));
                    Reward::ByNext(map_of(
                        by_next.zip(self.transition_rewards(s, a).iter().copied()),
                    ))
                } else {
                    Reward::Expected(self.reward(s, a))
                };
                (name, reward)
            });
            (by_state(s), map_of(row))
        }));
        let features = (!self.tabular).then(|| {
            map_of((0..self.num_states()).filter(nt).map(|s| {
                let row = per_action(s)
                    .into_iter()
                    .map(|(name, (s, a))| (name, self.features(s, a).to_vec()));
                (by_state(s), map_of(row))
            }))
        });
        MdpSpec {
            name: Some(self.name.clone()),
            states: self.states.clone(),
            actions: self.actions.clone(),
            start: map_of(
                (0..self.num_states())
                    .filter(|&s| self.start[s] > 0.0)
                    .map(|s| (by_state(s), self.start[s])),
            ),
            terminal: (0..self.num_states())
                .filter(|&s| self.terminal[s])
                .map(by_state)
                .collect(),
            transitions,
            rewards,
            features,
            theta: Some(self.theta.clone()),
            gamma: Some(self.gamma),
            horizon: self.horizon,
        }
    }

    /// The MDP file as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_spec()).expect("an MdpSpec always serialises")
    }

    /// Title.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// State names.
    #[inline]
    pub fn states(&self) -> &[String] {
        &self.states
    }
    /// Action names.
    #[inline]
    pub fn actions(&self) -> &[String] {
        &self.actions
    }
    /// Number of states, terminal ones included.
    #[inline]
    pub fn num_states(&self) -> usize {
        self.states.len()
    }
    /// Number of actions.
    #[inline]
    pub fn num_actions(&self) -> usize {
        self.actions.len()
    }
    /// Start distribution ρ₀, dense over states.
    #[inline]
    pub fn start(&self) -> &[f64] {
        &self.start
    }
    /// Whether `s` is terminal.
    #[inline]
    pub fn is_terminal(&self, s: usize) -> bool {
        self.terminal[s]
    }
    /// Successors of `(s, a)` with positive probability; empty for a terminal `s`.
    #[inline]
    pub fn successors(&self, s: usize, a: usize) -> &[(usize, f64)] {
        &self.successors[s * self.num_actions() + a]
    }
    /// P(s'|s,a).
    #[inline]
    pub fn transition(&self, s: usize, a: usize, next: usize) -> f64 {
        self.successors(s, a)
            .iter()
            .find(|&&(t, _)| t == next)
            .map_or(0.0, |&(_, p)| p)
    }
    /// R(s,a) = E\[r(s,a,s′)\], the expected reward; zero for a terminal `s`.
    #[inline]
    pub fn reward(&self, s: usize, a: usize) -> f64 {
        self.rewards[s * self.num_actions() + a]
    }
    /// r(s,a,s′) for each successor of [`Mdp::successors`], in the same order; empty for a
    /// terminal `s`. All equal to R(s,a) when the file gives R(s,a).
    #[inline]
    pub fn transition_rewards(&self, s: usize, a: usize) -> &[f64] {
        &self.transition_rewards[s * self.num_actions() + a]
    }
    /// Whether the reward of `(s, a)` depends on the next state: its r(s,a,s′) differ.
    pub fn reward_depends_on_next(&self, s: usize, a: usize) -> bool {
        let rewards = self.transition_rewards(s, a);
        rewards.iter().any(|r| Some(r) != rewards.first())
    }
    /// Whether some reward depends on the next state ([`Mdp::reward_depends_on_next`]).
    pub fn has_next_state_rewards(&self) -> bool {
        (0..self.num_states())
            .any(|s| (0..self.num_actions()).any(|a| self.reward_depends_on_next(s, a)))
    }
    /// φ(s,a); zeros for a terminal `s`.
    #[inline]
    pub fn features(&self, s: usize, a: usize) -> &[f64] {
        let i = (s * self.num_actions() + a) * self.dim;
        &self.features[i..i + self.dim]
    }
    /// Number of policy parameters d.
    #[inline]
    pub fn dim(&self) -> usize {
        self.dim
    }
    /// Whether the features are the tabular one-hot ones.
    #[inline]
    pub fn is_tabular(&self) -> bool {
        self.tabular
    }
    /// Default parameters θ.
    #[inline]
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }
    /// Default discount γ.
    #[inline]
    pub fn gamma(&self) -> f64 {
        self.gamma
    }
    /// Horizon H.
    #[inline]
    pub fn horizon(&self) -> usize {
        self.horizon
    }

    /// Checks parameters θ for this MDP: right length, finite, within the limit.
    pub fn check_theta(&self, theta: &[f64]) -> Result<(), MdpError> {
        if theta.len() != self.dim {
            return Err(theta_length(theta.len(), self.dim));
        }
        for (i, &x) in theta.iter().enumerate() {
            check_finite(&format!("theta[{i}]"), x, limits::MAX_ABS_THETA)?;
        }
        Ok(())
    }
}

/// Checks a discount factor: finite and in [0, 1].
pub fn check_gamma(path: &str, gamma: f64) -> Result<(), MdpError> {
    if !gamma.is_finite() || !(0.0..=1.0).contains(&gamma) {
        return Err(mdp_error!(
            path,
            "mdp-error-gamma-range",
            "must be a number between 0 and 1, not {value}",
            value = gamma,
        ));
    }
    Ok(())
}

/// θ of `count` entries given to a policy of `dim` parameters.
fn theta_length(count: usize, dim: usize) -> MdpError {
    mdp_error!(
        "theta",
        "mdp-error-theta-length",
        "has {count} entries; the policy has {dim} parameters",
        count = count,
        dim = dim,
    )
}
