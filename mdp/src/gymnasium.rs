//! Gymnasium transition tables: the `P` of the toy-text environments (FrozenLake,
//! CliffWalking, Taxi), saved as JSON, read as an MDP file and written back.
//!
//! The table is `P[s][a] = [[p, s′, r, terminated], …]` with states and actions by index
//! (`P` an object keyed `"0"`, `"1"`, … as `json.dump` writes a dict, or an array). It maps
//! onto the app's model (docs/mdp-files.md) as follows:
//! - states are `0 … n−1` (or `state_names`), actions `0 … m−1` (or `action_names`); every
//!   state lists the same number of actions;
//! - a state is **terminal** when some entry enters it with `terminated = true`; its own
//!   rows are ignored (Gymnasium gives terminal cells self-loops), and no other entry may
//!   enter it with `terminated = false`;
//! - entries with the same `s′` in one row are merged: probabilities add, and their rewards
//!   must agree (the app keeps one reward per next state, r(s,a,s′));
//! - a row whose entries all pay the same r gives R(s,a) = r; otherwise r(s,a,s′) by next
//!   state;
//! - `initial_state_distribution` (by state index) is the start distribution, all mass on
//!   state 0 without it; `horizon` defaults to [`DEFAULT_HORIZON`], `gamma` to 1;
//! - `name` and `theta` are read as in the app's format; the policy is tabular.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::{limits, map_of, mdp_error, short, sum_text, Mdp, MdpError, MdpSpec, Reward};

/// The horizon of a table that gives none: the time limit Gymnasium registers for
/// FrozenLake 4×4.
pub const DEFAULT_HORIZON: usize = 100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(rename = "P")]
    p: Value,
    #[serde(default)]
    initial_state_distribution: Option<Vec<f64>>,
    #[serde(default)]
    state_names: Option<Vec<String>>,
    #[serde(default)]
    action_names: Option<Vec<String>>,
    #[serde(default)]
    horizon: Option<usize>,
    #[serde(default)]
    gamma: Option<f64>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    theta: Option<Vec<f64>>,
}

/// What a level of the table is indexed by.
#[derive(Clone, Copy)]
enum Level {
    /// `P` itself, and `state_names`.
    States,
    /// Each `P[s]`, and `action_names`.
    Actions,
}

/// The entries of an array, or of an object keyed by the indices `"0"` … `"n−1"`.
fn indexed<'a>(path: &str, value: &'a Value, level: Level) -> Result<Vec<&'a Value>, MdpError> {
    match value {
        Value::Array(items) => Ok(items.iter().collect()),
        Value::Object(map) => {
            let mut out = vec![None; map.len()];
            for (key, v) in map {
                let i = key
                    .parse::<usize>()
                    .ok()
                    .filter(|&i| i < map.len() && key == &i.to_string());
                match i.and_then(|i| out.get_mut(i)) {
                    Some(slot) => *slot = Some(v),
                    None => {
                        let (place, last, count) =
                            (format!("{path}.{key}"), map.len() - 1, map.len());
                        return Err(match level {
                            Level::States => mdp_error!(
                                place,
                                "mdp-error-not-a-state-index",
                                "is not a state index from 0 to {last} ({count} given; is one \
                                 missing?)",
                                last = last,
                                count = count,
                            ),
                            // "a action": the English as it has always read (pgx prints it).
                            Level::Actions => mdp_error!(
                                place,
                                "mdp-error-not-an-action-index",
                                "is not a action index from 0 to {last} ({count} given; is one \
                                 missing?)",
                                last = last,
                                count = count,
                            ),
                        });
                    }
                }
            }
            // n distinct keys in 0..n fill every slot.
            Ok(out.into_iter().flatten().collect())
        }
        _ => Err(match level {
            Level::States => mdp_error!(
                path,
                "mdp-error-states-by-index",
                "must be an object (or array) of states by index"
            ),
            Level::Actions => mdp_error!(
                path,
                "mdp-error-actions-by-index",
                "must be an object (or array) of actions by index"
            ),
        }),
    }
}

/// One entry `[p, s′, r, terminated]`, checked.
struct Outcome {
    p: f64,
    next: usize,
    reward: f64,
    terminated: bool,
}

fn outcome(path: &str, value: &Value, n_states: usize) -> Result<Outcome, MdpError> {
    let shape = || {
        mdp_error!(
            path,
            "mdp-error-outcome-shape",
            "must be [probability, next state, reward, terminated]"
        )
    };
    let Some([p, next, reward, terminated]) = value.as_array().map(Vec::as_slice) else {
        return Err(shape());
    };
    let p = p.as_f64().ok_or_else(shape)?;
    if !(0.0..=1.0).contains(&p) {
        return Err(mdp_error!(
            path,
            "mdp-error-outcome-probability",
            "probability must be in [0, 1], not {p}",
            p = short(p),
        ));
    }
    let index = next.as_u64();
    let next = index
        .and_then(|s| usize::try_from(s).ok())
        .filter(|&s| s < n_states)
        .ok_or_else(|| {
            let (place, last) = (format!("{path}[1]"), n_states - 1);
            match index {
                Some(given) => mdp_error!(
                    place,
                    "mdp-error-next-state-index-not",
                    "next state must be a state index 0 to {last}, not {given}",
                    last = last,
                    given = given,
                ),
                None => mdp_error!(
                    place,
                    "mdp-error-next-state-index",
                    "next state must be a state index 0 to {last}",
                    last = last,
                ),
            }
        })?;
    let reward = reward.as_f64().ok_or_else(shape)?;
    if reward.abs() > limits::MAX_ABS_VALUE {
        return Err(mdp_error!(
            format!("{path}[2]"),
            "mdp-error-reward-out-of-range",
            "reward is {value}, outside the allowed range −{max} to {max}",
            value = short(reward),
            max = short(limits::MAX_ABS_VALUE),
        ));
    }
    let terminated = match terminated {
        Value::Bool(b) => *b,
        _ => {
            return Err(mdp_error!(
                format!("{path}[3]"),
                "mdp-error-terminated-not-bool",
                "terminated must be true or false"
            ))
        }
    };
    Ok(Outcome {
        p,
        next,
        reward,
        terminated,
    })
}

fn names(
    field: &str,
    given: Option<&Vec<String>>,
    n: usize,
    level: Level,
) -> Result<Vec<String>, MdpError> {
    match given {
        None => Ok((0..n).map(|i| i.to_string()).collect()),
        Some(list) if list.len() == n => Ok(list.clone()),
        Some(list) => Err(match level {
            Level::States => mdp_error!(
                field,
                "mdp-error-state-names-count",
                "has {count} names; P has {expected} states",
                count = list.len(),
                expected = n,
            ),
            Level::Actions => mdp_error!(
                field,
                "mdp-error-action-names-count",
                "has {count} names; P has {expected} actions",
                count = list.len(),
                expected = n,
            ),
        }),
    }
}

/// Reads a Gymnasium table into the app's file form (see the module notes for the mapping).
///
/// # Errors
/// An [`MdpError`] located in the table (`P.5.2[1]: probability must be in [0, 1], not 1.5`).
pub fn spec_from_json(text: &str) -> Result<MdpSpec, MdpError> {
    let table: Table = serde_json::from_str(text).map_err(|e| {
        mdp_error!(
            "",
            "mdp-error-not-gymnasium-table",
            "not a valid Gymnasium table: {problem}",
            problem = e,
        )
    })?;
    let rows = indexed("P", &table.p, Level::States)?;
    let n_states = rows.len();
    if n_states == 0 || n_states > limits::MAX_STATES {
        return Err(mdp_error!(
            "P",
            "mdp-error-table-states",
            "has {count} states; 1 to {max} are accepted",
            count = n_states,
            max = limits::MAX_STATES,
        ));
    }
    // outcomes[s][a]: the checked entries of P[s][a].
    let mut outcomes: Vec<Vec<Vec<Outcome>>> = Vec::with_capacity(n_states);
    let mut n_actions = None;
    for (s, row) in rows.iter().enumerate() {
        let path = format!("P.{s}");
        let actions = indexed(&path, row, Level::Actions)?;
        if actions.is_empty() || actions.len() > limits::MAX_ACTIONS {
            return Err(mdp_error!(
                path,
                "mdp-error-table-actions",
                "has {count} actions; 1 to {max} are accepted",
                count = actions.len(),
                max = limits::MAX_ACTIONS,
            ));
        }
        let m = *n_actions.get_or_insert(actions.len());
        if actions.len() != m {
            return Err(mdp_error!(
                path,
                "mdp-error-table-actions-differ",
                "has {count} actions, but state 0 has {first}",
                count = actions.len(),
                first = m,
            ));
        }
        let mut per_action = Vec::with_capacity(m);
        for (a, entries) in actions.iter().enumerate() {
            let path = format!("P.{s}.{a}");
            let list = entries
                .as_array()
                .filter(|l| !l.is_empty())
                .ok_or_else(|| {
                    mdp_error!(
                        &path,
                        "mdp-error-outcome-list",
                        "must be a non-empty list of [p, s′, r, terminated]"
                    )
                })?;
            let checked = list
                .iter()
                .enumerate()
                .map(|(k, v)| outcome(&format!("{path}[{k}]"), v, n_states))
                .collect::<Result<Vec<_>, _>>()?;
            per_action.push(checked);
        }
        outcomes.push(per_action);
    }

    // Terminal: entered with terminated = true by some entry of positive probability.
    let mut terminal = vec![false; n_states];
    for o in outcomes.iter().flatten().flatten() {
        if o.terminated && o.p > 0.0 {
            terminal[o.next] = true;
        }
    }
    let state_names = names(
        "state_names",
        table.state_names.as_ref(),
        n_states,
        Level::States,
    )?;
    let action_names = names(
        "action_names",
        table.action_names.as_ref(),
        n_actions.unwrap_or(0),
        Level::Actions,
    )?;

    let mut transitions = BTreeMap::new();
    let mut rewards = BTreeMap::new();
    for (s, per_action) in outcomes.iter().enumerate().filter(|(s, _)| !terminal[*s]) {
        let mut t_row = BTreeMap::new();
        let mut r_row = BTreeMap::new();
        for (a, entries) in per_action.iter().enumerate() {
            let path = format!("P.{s}.{a}");
            // By next state: (probability, reward, index of its first entry).
            let mut merged: Vec<Option<(f64, f64, usize)>> = vec![None; n_states];
            for (k, o) in entries.iter().enumerate() {
                if o.p > 0.0 && terminal[o.next] && !o.terminated {
                    return Err(mdp_error!(
                        format!("{path}[{k}]"),
                        "mdp-error-terminated-disagrees",
                        "enters state {state} with terminated = false, but elsewhere it is \
                         entered with terminated = true (the app ends every episode that \
                         enters a terminal state)",
                        state = o.next,
                    ));
                }
                let Some(slot) = merged.get_mut(o.next) else {
                    continue; // next < n_states was checked with the entry
                };
                let slot = slot.get_or_insert((0.0, o.reward, k));
                if slot.1 != o.reward {
                    return Err(mdp_error!(
                        format!("{path}[{k}]"),
                        "mdp-error-rewards-disagree",
                        "next state {state} pays {reward} here and {other} in entry {entry}; \
                         one reward per next state is supported",
                        state = o.next,
                        reward = short(o.reward),
                        other = short(slot.1),
                        entry = slot.2,
                    ));
                }
                slot.0 += o.p;
            }
            let total: f64 = merged.iter().flatten().map(|v| v.0).sum();
            if (total - 1.0).abs() > limits::PROBABILITY_TOLERANCE {
                return Err(mdp_error!(
                    path,
                    "mdp-error-probability-sum",
                    "probabilities sum to {sum}, not 1",
                    sum = sum_text(total),
                ));
            }
            let positive: Vec<(usize, f64, f64)> = merged
                .iter()
                .enumerate()
                .filter_map(|(t, v)| v.filter(|v| v.0 > 0.0).map(|(p, r, _)| (t, p, r)))
                .collect();
            let first = positive.first().map_or(0.0, |e| e.2);
            let reward = if positive.iter().all(|e| e.2 == first) {
                Reward::Expected(first)
            } else {
                Reward::ByNext(map_of(
                    positive
                        .iter()
                        .map(|&(t, _, r)| (state_names[t].clone(), r)),
                ))
            };
            let dist = map_of(
                positive
                    .iter()
                    .map(|&(t, p, _)| (state_names[t].clone(), p)),
            );
            t_row.insert(action_names[a].clone(), dist);
            r_row.insert(action_names[a].clone(), reward);
        }
        transitions.insert(state_names[s].clone(), t_row);
        rewards.insert(state_names[s].clone(), r_row);
    }

    let start = match &table.initial_state_distribution {
        None => map_of(std::iter::once((state_names[0].clone(), 1.0))),
        Some(dist) if dist.len() == n_states => map_of(
            dist.iter()
                .enumerate()
                .filter(|(_, &p)| p != 0.0)
                .map(|(s, &p)| (state_names[s].clone(), p)),
        ),
        Some(dist) => {
            return Err(mdp_error!(
                "initial_state_distribution",
                "mdp-error-start-length",
                "has {count} entries; P has {expected} states",
                count = dist.len(),
                expected = n_states,
            ))
        }
    };

    Ok(MdpSpec {
        name: table.name,
        terminal: (0..n_states)
            .filter(|&s| terminal[s])
            .map(|s| state_names[s].clone())
            .collect(),
        states: state_names,
        actions: action_names,
        start,
        transitions,
        rewards,
        features: None,
        theta: table.theta,
        gamma: table.gamma,
        horizon: table.horizon.unwrap_or(DEFAULT_HORIZON),
    })
}

/// Validates the spec a table was read into, naming the table's fields in errors.
///
/// # Errors
/// As [`Mdp::from_spec`], with `states`, `actions` and `start` named `state_names`,
/// `action_names` and `initial_state_distribution`.
pub fn from_spec(spec: &MdpSpec) -> Result<Mdp, MdpError> {
    Mdp::from_spec(spec).map_err(|mut e| {
        for (ours, theirs) in [
            ("states", "state_names"),
            ("actions", "action_names"),
            ("start", "initial_state_distribution"),
        ] {
            if let Some(rest) = e.path.strip_prefix(ours) {
                e.path = format!("{theirs}{rest}");
            }
        }
        e
    })
}

/// The MDP as a Gymnasium table (JSON), as [`spec_from_json`] reads it: terminal states get
/// a self-loop `[1.0, s, 0.0, true]` per action, as Gymnasium writes them; the state and
/// action names, start distribution, horizon, γ, name and θ go in the optional fields.
/// Feature-based policies are not part of a table: their features are dropped.
pub fn to_json(mdp: &Mdp) -> String {
    let n_states = mdp.num_states();
    let n_actions = mdp.num_actions();
    let mut p = serde_json::Map::new();
    for s in 0..n_states {
        let mut row = serde_json::Map::new();
        for a in 0..n_actions {
            let entries: Vec<Value> = if mdp.is_terminal(s) {
                vec![serde_json::json!([1.0, s, 0.0, true])]
            } else {
                mdp.successors(s, a)
                    .iter()
                    .zip(mdp.transition_rewards(s, a))
                    .map(|(&(t, prob), &r)| serde_json::json!([prob, t, r, mdp.is_terminal(t)]))
                    .collect()
            };
            row.insert(a.to_string(), Value::Array(entries));
        }
        p.insert(s.to_string(), Value::Object(row));
    }
    let mut table = serde_json::json!({
        "name": mdp.name(),
        "P": p,
        "initial_state_distribution": mdp.start(),
        "state_names": mdp.states(),
        "action_names": mdp.actions(),
        "horizon": mdp.horizon(),
        "gamma": mdp.gamma(),
    });
    if mdp.is_tabular() {
        table["theta"] = serde_json::json!(mdp.theta());
    }
    serde_json::to_string_pretty(&table).expect("a table always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_STATES: &str = r#"{"P": {
        "0": {"0": [[0.5, 0, 0.0, false], [0.5, 1, 1.0, true]],
              "1": [[1.0, 1, 2.0, true]]},
        "1": {"0": [[1.0, 1, 0, true]], "1": [[1.0, 1, 0, true]]}}}"#;

    #[test]
    fn a_table_maps_onto_the_model() {
        let mdp = Mdp::from_json(TWO_STATES).unwrap();
        assert_eq!(mdp.states(), ["0", "1"]);
        assert_eq!(mdp.actions(), ["0", "1"]);
        assert!(mdp.is_terminal(1) && !mdp.is_terminal(0));
        assert_eq!(mdp.start(), [1.0, 0.0]);
        assert_eq!(mdp.horizon(), DEFAULT_HORIZON);
        assert_eq!(mdp.gamma(), 1.0);
        assert_eq!(mdp.successors(0, 0), [(0, 0.5), (1, 0.5)]);
        assert_eq!(mdp.transition_rewards(0, 0), [0.0, 1.0]);
        assert_eq!(mdp.reward(0, 0), 0.5);
        assert_eq!(mdp.reward(0, 1), 2.0);
        assert!(mdp.has_next_state_rewards());
        assert_eq!(mdp.name(), crate::DEFAULT_NAME);
    }

    #[test]
    fn a_table_round_trips_through_the_model() {
        let mdp = Mdp::from_json(TWO_STATES).unwrap();
        let again = Mdp::from_json(&to_json(&mdp)).unwrap();
        assert_eq!(again, mdp);
        // And the written table is the table: the same entries, in the same order.
        let written: Value = serde_json::from_str(&to_json(&again)).unwrap();
        let first: Value = serde_json::from_str(&to_json(&mdp)).unwrap();
        assert_eq!(written, first);
        assert_eq!(
            written["P"]["0"]["0"],
            serde_json::json!([[0.5, 0, 0.0, false], [0.5, 1, 1.0, true]])
        );
    }

    #[test]
    fn repeated_next_states_merge() {
        let text = r#"{"P": [[[[0.25, 1, 1, true], [0.5, 0, 0, false], [0.25, 1, 1, true]]],
                            [[[1.0, 1, 0, true]]]]}"#;
        let mdp = Mdp::from_json(text).unwrap();
        assert_eq!(mdp.successors(0, 0), [(0, 0.5), (1, 0.5)]);
        let text = text.replacen("[0.25, 1, 1, true]]", "[0.25, 1, 3, true]]", 1);
        let e = Mdp::from_json(&text).unwrap_err();
        assert_eq!(e.path, "P.0.0[2]");
        assert!(e.message.contains("one reward per next state"), "{e}");
    }

    #[test]
    fn every_rule_has_a_located_message() {
        let cases: &[(&str, &str, &str)] = &[
            (
                r#"{"P": {"0": {"0": [[1.5, 0, 0, true]]}}}"#,
                "P.0.0[0]",
                "probability must be in [0, 1], not 1.5",
            ),
            (
                r#"{"P": {"0": {"0": [[1, 3, 0, true]]}}}"#,
                "P.0.0[0][1]",
                "next state must be a state index 0 to 0, not 3",
            ),
            (
                r#"{"P": {"0": {"0": [[1, 0, 0]]}}}"#,
                "P.0.0[0]",
                "must be [probability, next state, reward, terminated]",
            ),
            (
                r#"{"P": {"0": {"0": [[1, 0, 0, 1]]}}}"#,
                "P.0.0[0][3]",
                "terminated must be true or false",
            ),
            (r#"{"P": {"0": {"0": []}}}"#, "P.0.0", "non-empty list"),
            (
                r#"{"P": {"1": {"0": [[1, 0, 0, true]]}}}"#,
                "P.1",
                "is not a state index from 0 to 0 (1 given; is one missing?)",
            ),
            (
                r#"{"P": {"0": {"0": [[0.5, 0, 0, false], [0.4, 1, 0, true]]}, "1": {"0": [[1, 1, 0, true]]}}}"#,
                "P.0.0",
                "probabilities sum to 0.9, not 1",
            ),
            (
                r#"{"P": {"0": {"0": [[1, 1, 0, true]], "1": [[1, 0, 0, false]]}, "1": {"0": [[1, 1, 0, true]]}}}"#,
                "P.1",
                "has 1 actions, but state 0 has 2",
            ),
            (
                r#"{"P": [[[[0.5, 1, 0, true], [0.5, 2, 0, false]]], [[[1, 1, 0, true]]], [[[1, 1, 0, false]]]]}"#,
                "P.2.0[0]",
                "enters state 1 with terminated = false",
            ),
            (
                r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "state_names": ["a"]}"#,
                "state_names",
                "has 1 names; P has 2 states",
            ),
            (
                r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "initial_state_distribution": [0, 1]}"#,
                "initial_state_distribution.1",
                "terminal state",
            ),
            (
                r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "state_names": ["a", "a"]}"#,
                "state_names[1]",
                "duplicate name 'a'",
            ),
            (
                r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "extra": 1}"#,
                "",
                "unknown field `extra`",
            ),
            (
                r#"{"P": 3}"#,
                "P",
                "must be an object (or array) of states by index",
            ),
        ];
        for &(text, path, message) in cases {
            let e = Mdp::from_json(text).unwrap_err();
            assert_eq!(e.path, path, "{text}: {e}");
            assert!(e.message.contains(message), "{text}: {e}");
        }
    }
}
