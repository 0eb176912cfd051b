//! Every validation rule of the MDP file, with its located message; no input panics.

use pg_core::mdp::{limits, Mdp};
use pg_core::presets;
use proptest::prelude::*;
use serde_json::{json, Value};

/// The example file of DESIGN §4.1.
fn example() -> Value {
    serde_json::from_str(pg_core::mdp::EXAMPLE_FILE).expect("the example is JSON")
}

/// A change to the example file that should make it invalid.
type Edit = Box<dyn FnOnce(&mut Value)>;

fn error_after(edit: impl FnOnce(&mut Value)) -> String {
    let mut file = example();
    edit(&mut file);
    match Mdp::from_json(&file.to_string()) {
        Ok(_) => panic!("accepted an invalid file: {file}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_design_example_loads() {
    let mdp = Mdp::from_json(&example().to_string()).unwrap();
    assert_eq!(mdp.dim(), 2);
    assert_eq!(mdp.horizon(), 10);
    assert_eq!(mdp.gamma(), 0.9);
    assert_eq!(mdp.transition(0, 1, 1), 0.9);
    // Round trip through the file form.
    assert_eq!(Mdp::from_json(&mdp.to_json()).unwrap(), mdp);
}

#[test]
fn optional_fields_take_their_defaults() {
    let mut file = example();
    let object = file.as_object_mut().unwrap();
    for key in ["features", "theta", "gamma"] {
        object.remove(key);
    }
    let mdp = Mdp::from_json(&file.to_string()).unwrap();
    assert!(mdp.is_tabular());
    assert_eq!(mdp.dim(), 4, "2 non-terminal states × 2 actions");
    assert_eq!(mdp.theta(), &[0.0; 4]);
    assert_eq!(mdp.gamma(), 1.0);
    // One-hot over (non-terminal state, action) in listed order.
    assert_eq!(mdp.features(1, 0), &[0.0, 0.0, 1.0, 0.0]);
}

#[test]
fn every_rule_names_its_place() {
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|f| f["transitions"]["s1"]["right"] = json!({"goal": 0.9})),
            "transitions.s1.right: probabilities sum to 0.9, not 1",
        ),
        (
            Box::new(|f| f["transitions"]["s0"]["left"] = json!({"s0": 1.5, "s1": -0.5})),
            "transitions.s0.left.s1: probability -0.5 is negative",
        ),
        (
            Box::new(|f| f["transitions"]["s0"]["left"] = json!({"nowhere": 1.0})),
            "transitions.s0.left.nowhere: unknown state",
        ),
        (
            Box::new(|f| {
                f["transitions"]["s0"]
                    .as_object_mut()
                    .unwrap()
                    .remove("right");
            }),
            "transitions.s0: missing an entry for action 'right'",
        ),
        (
            Box::new(|f| f["transitions"]["s0"]["jump"] = json!({"s0": 1.0})),
            "transitions.s0.jump: unknown action",
        ),
        (
            Box::new(|f| {
                f["transitions"].as_object_mut().unwrap().remove("s1");
            }),
            "transitions: missing an entry for state 's1'",
        ),
        (
            Box::new(|f| {
                f["transitions"]["goal"] = json!({"left": {"goal": 1.0}, "right": {"goal": 1.0}})
            }),
            "transitions.goal: terminal state takes no entry here",
        ),
        (
            Box::new(|f| f["rewards"]["s1"]["right"] = json!(1e300)),
            "rewards.s1.right: is 1e300, outside the allowed range −1e6 to 1e6",
        ),
        (
            Box::new(|f| {
                f["rewards"]["s1"].as_object_mut().unwrap().remove("left");
            }),
            "rewards.s1: missing an entry for action 'left'",
        ),
        (
            Box::new(|f| f["start"] = json!({"s0": 0.5})),
            "start: probabilities sum to 0.5, not 1",
        ),
        (
            Box::new(|f| f["rewards"]["s0"]["right"] = json!({"s1": 1.0})),
            "rewards.s0.right: missing the reward for next state 's0' (P = 0.1)",
        ),
        (
            Box::new(|f| f["rewards"]["s0"]["right"] = json!({"s1": 1.0, "s0": 0, "moon": 2})),
            "rewards.s0.right.moon: unknown state",
        ),
        (
            Box::new(|f| f["rewards"]["s0"]["right"] = json!({"s1": 1.0, "s0": 1e300})),
            "rewards.s0.right.s0: is 1e300, outside the allowed range −1e6 to 1e6",
        ),
        (
            Box::new(|f| f["rewards"]["s0"]["right"] = json!("one")),
            "not a valid MDP file: invalid type: string \"one\", expected a number R(s,a), or an object next state → number r(s,a,s′)",
        ),
        (
            Box::new(|f| f["start"] = json!({"goal": 1.0})),
            "start.goal: the start distribution puts mass on a terminal state",
        ),
        (
            Box::new(|f| f["states"] = json!(["s0", "s0", "goal"])),
            "states[1]: duplicate name 's0'",
        ),
        (
            Box::new(|f| f["states"] = json!([])),
            "states: must list at least one name",
        ),
        (
            Box::new(|f| f["actions"] = json!(["left", ""])),
            "actions[1]: name is empty",
        ),
        (
            Box::new(|f| f["actions"] = json!(["left", "x".repeat(41)])),
            "actions[1]: name is longer than 40 characters",
        ),
        (
            Box::new(|f| f["actions"] = json!((0..9).map(|i| format!("a{i}")).collect::<Vec<_>>())),
            "actions: has 9 entries; the limit is 8",
        ),
        (
            Box::new(|f| f["states"] = json!((0..65).map(|i| format!("s{i}")).collect::<Vec<_>>())),
            "states: has 65 entries; the limit is 64",
        ),
        (
            Box::new(|f| f["terminal"] = json!(["moon"])),
            "terminal[0]: unknown state 'moon'",
        ),
        (
            Box::new(|f| f["terminal"] = json!(["goal", "goal"])),
            "terminal[1]: 'goal' is listed twice",
        ),
        (
            Box::new(|f| f["terminal"] = json!(["s0", "s1", "goal"])),
            "terminal: every state is terminal; at least one must not be",
        ),
        (
            Box::new(|f| f["features"]["s1"]["right"] = json!([0, 1, 2])),
            "features.s1.right: has 3 entries; earlier vectors have 2",
        ),
        (
            Box::new(|f| f["features"]["s0"]["left"] = json!([])),
            "features.s0.left: a feature vector needs 1 to 512 entries, not 0",
        ),
        (
            Box::new(|f| {
                f["features"]["s1"].as_object_mut().unwrap().remove("left");
            }),
            "features.s1: missing an entry for action 'left'",
        ),
        (
            Box::new(|f| f["theta"] = json!([0.0])),
            "theta: has 1 entries; the policy has 2 parameters",
        ),
        (
            Box::new(|f| f["theta"] = json!([0.0, 101.0])),
            "theta[1]: is 101, outside the allowed range −100 to 100",
        ),
        (
            Box::new(|f| f["gamma"] = json!(1.5)),
            "gamma: must be a number between 0 and 1, not 1.5",
        ),
        (
            Box::new(|f| f["horizon"] = json!(0)),
            "horizon: must be between 1 and 1000, not 0",
        ),
        (
            Box::new(|f| f["horizon"] = json!(1001)),
            "horizon: must be between 1 and 1000, not 1001",
        ),
        (Box::new(|f| f["name"] = json!("")), "name: name is empty"),
        (
            Box::new(|f| f["colour"] = json!("blue")),
            "not a valid MDP file: unknown field `colour`",
        ),
        (
            Box::new(|f| f["horizon"] = json!("ten")),
            "not a valid MDP file: invalid type: string \"ten\", expected usize",
        ),
        (
            Box::new(|f| {
                f.as_object_mut().unwrap().remove("rewards");
            }),
            "not a valid MDP file: missing field `rewards`",
        ),
    ];
    for (edit, expected) in cases {
        let message = error_after(edit);
        assert!(
            message.starts_with(expected),
            "expected «{expected}», got «{message}»"
        );
    }
}

#[test]
fn oversized_and_malformed_files_are_refused() {
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(limits::MAX_FILE_BYTES));
    let e = Mdp::from_json(&big).unwrap_err().to_string();
    let expected = format!("file is {} bytes; the limit is 262144 bytes", big.len());
    assert_eq!(e, expected);
    for text in ["", "{", "[]", "null", "{\"name\": 1}", "\u{feff}{}"] {
        let e = Mdp::from_json(text).unwrap_err().to_string();
        assert!(e.starts_with("not a valid MDP file:"), "{text:?}: {e}");
    }
}

#[test]
fn every_preset_round_trips_through_its_file() {
    for preset in presets::PRESETS {
        let mdp = presets::load(preset.id).unwrap();
        let again = Mdp::from_json(&mdp.to_json()).unwrap();
        assert_eq!(again, mdp, "{}", preset.id);
        // The menu names the MDP as the panel will.
        assert_eq!(mdp.name(), preset.title, "{}", preset.id);
    }
    let e = presets::load("maze").unwrap_err().to_string();
    assert_eq!(
        e,
        "mdp: unknown preset 'maze'; choose one of bandit, chain, gridworld, corridor, discount-trap, frozenlake-4x4"
    );
}

/// Found by the `mdp_file` fuzzer: a number with more digits than an f64 holds was read one
/// unit in the last place off, so a file written back and read again held another MDP.
#[test]
fn long_numbers_are_read_exactly_and_survive_a_round_trip() {
    let digits = format!("-1.0{}", "2".repeat(100));
    let text = example()
        .to_string()
        .replace(r#""right":1}}"#, &format!(r#""right":{digits}}}}}"#));
    assert!(text.contains(&digits), "the edit applied");
    let mdp = Mdp::from_json(&text).unwrap();
    let s1 = mdp.states().iter().position(|s| s == "s1").unwrap();
    let right = mdp.actions().iter().position(|a| a == "right").unwrap();
    // The correctly rounded value, as Rust's own parser gives it.
    assert_eq!(mdp.reward(s1, right), digits.parse::<f64>().unwrap());
    let again = Mdp::from_json(&mdp.to_json()).unwrap();
    assert_eq!(again.to_spec(), mdp.to_spec());
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-1e3f64..1e3).prop_map(Value::from),
        (0u64..600).prop_map(Value::from),
        "[a-z0-9 <>]{0,12}".prop_map(Value::from),
        prop::sample::select(vec!["s0", "s1", "goal", "left", "right"]).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "name",
                    "states",
                    "actions",
                    "start",
                    "terminal",
                    "transitions",
                    "rewards",
                    "features",
                    "theta",
                    "gamma",
                    "horizon",
                    "s0",
                    "s1",
                    "goal",
                    "left",
                    "right",
                ])
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A byte-order mark before the JSON (as some editors save files) is skipped, and the file
/// reads as the same MDP; one anywhere else is still an error.
#[test]
fn a_byte_order_mark_is_skipped() {
    let text = example().to_string();
    let plain = Mdp::from_json(&text).unwrap();
    let marked = Mdp::from_json(&format!("\u{feff}{text}")).unwrap();
    assert_eq!(marked.to_json(), plain.to_json());
    assert!(Mdp::from_json(&format!("\u{feff}\u{feff}{text}")).is_err());
    assert!(Mdp::from_json(&format!(" \u{feff}{text}")).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = Mdp::from_json(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let _ = Mdp::from_json(&value.to_string());
    }

    /// A valid file with one field replaced by arbitrary JSON is accepted or refused with a
    /// message, never a panic; a refusal names a place unless the JSON shape itself is wrong.
    #[test]
    fn mutated_files_never_panic(
        field in prop::sample::select(vec![
            "name", "states", "actions", "start", "terminal", "transitions", "rewards",
            "features", "theta", "gamma", "horizon",
        ]),
        value in arbitrary_json(),
    ) {
        let mut file = example();
        file[field] = value;
        if let Err(e) = Mdp::from_json(&file.to_string()) {
            prop_assert!(!e.message.is_empty());
            prop_assert!(!e.path.is_empty() || e.message.starts_with("not a valid MDP file"));
        }
    }
}

#[test]
fn a_reward_may_depend_on_the_next_state() {
    let mut file = example();
    // Entering the goal pays 1; the states with zero probability need no entry.
    file["rewards"]["s0"]["right"] = json!({"s1": 2.0, "s0": -1.0});
    file["rewards"]["s1"]["left"] = json!({"s0": 0.5, "goal": 7.0});
    let mdp = Mdp::from_json(&file.to_string()).unwrap();
    assert_eq!(
        mdp.transition_rewards(0, 1),
        &[-1.0, 2.0],
        "in successor order"
    );
    assert!(
        (mdp.reward(0, 1) - (0.9 * 2.0 - 0.1)).abs() < 1e-15,
        "R(s,a) is the mean"
    );
    assert_eq!(
        mdp.reward(1, 0),
        0.5,
        "a reward for an impossible next state is unused"
    );
    assert!(mdp.has_next_state_rewards());
    assert_eq!(Mdp::from_json(&mdp.to_json()).unwrap(), mdp);
    // The file written back keeps the rewards by next state (only those with P > 0).
    let written: Value = serde_json::from_str(&mdp.to_json()).unwrap();
    assert_eq!(
        written["rewards"]["s0"]["right"],
        json!({"s0": -1.0, "s1": 2.0})
    );
    assert_eq!(written["rewards"]["s1"]["left"], json!({"s0": 0.5}));
}

#[test]
fn name_is_optional() {
    let mut file = example();
    file.as_object_mut().unwrap().remove("name");
    let text = file.to_string();
    assert_eq!(
        Mdp::from_json(&text).unwrap().name(),
        pg_core::mdp::DEFAULT_NAME
    );
    let named = Mdp::from_json_named(&text, Some("river-swim.json")).unwrap();
    assert_eq!(named.name(), "river-swim");
    // A file loaded from disk carries its title on, wherever its text goes next.
    let titled = pg_core::mdp::with_default_name(&text, "river-swim.json");
    assert_eq!(Mdp::from_json(&titled).unwrap().name(), "river-swim");
    let pretty = serde_json::to_string_pretty(&file).unwrap();
    let titled = pg_core::mdp::with_default_name(&pretty, "a \"quoted\" name.json");
    assert_eq!(Mdp::from_json(&titled).unwrap().name(), "a \"quoted\" name");
    // Added last: the text before it is kept as written, so error positions hold.
    let fields = pretty.trim_end().strip_suffix('}').unwrap().trim_end();
    assert!(titled.starts_with(fields), "{titled}");
    let named = example().to_string();
    assert_eq!(pg_core::mdp::with_default_name(&named, "x.json"), named);
    assert_eq!(
        pg_core::mdp::with_default_name("{ }", "x.json"),
        "{\"name\": \"x\" }"
    );
    assert_eq!(pg_core::mdp::with_default_name("[1]", "x.json"), "[1]");
    // A name in the file wins over the file's name.
    assert_eq!(
        Mdp::from_json_named(&example().to_string(), Some("x.json"))
            .unwrap()
            .name(),
        "Two-state chain"
    );
}

#[test]
fn a_key_given_twice_is_an_error_that_names_it() {
    let text = example().to_string().replace(
        "\"start\":{\"s0\":1.0}",
        "\"start\":{\"s0\":0.5,\"s0\":1.0}",
    );
    assert!(text.contains("0.5"), "the edit applied");
    let e = Mdp::from_json(&text).unwrap_err().to_string();
    assert!(
        e.starts_with("start: \"s0\" given twice (line 1, column"),
        "{e}"
    );
    let e = Mdp::from_json(&text.replacen("{", "{\"horizon\": 3, ", 1))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("\"horizon\" given twice"), "{e}");
}

#[test]
fn only_an_object_is_an_mdp_file() {
    // An array listing the fields in order is valid input for serde's struct reader.
    let object = example();
    let fields: Vec<Value> = "name states actions start terminal transitions rewards"
        .split(' ')
        .map(|k| object[k].clone())
        .collect();
    let e = Mdp::from_json(&Value::Array(fields).to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("one JSON object"), "{e}");
}

/// FrozenLake 4×4 from its map, independently of the preset's file: each move goes in the
/// chosen direction or either perpendicular one with probability 1/3, walls keep the agent in
/// place, entering the goal pays 1, holes and the goal end the episode.
#[test]
fn frozenlake_follows_the_published_dynamics() {
    let map = ["SFFF", "FHFH", "FFFH", "HFFG"];
    let cell = |s: usize| map[s / 4].as_bytes()[s % 4];
    let mdp = presets::load("frozenlake-4x4").unwrap();
    assert_eq!(
        (mdp.num_states(), mdp.num_actions(), mdp.horizon()),
        (16, 4, 100)
    );
    assert_eq!(mdp.actions(), ["left", "down", "right", "up"]);
    assert_eq!(mdp.start()[0], 1.0);
    // Row and column offsets of left, down, right, up; a move off the map stays put.
    const OFFSETS: [(i32, i32); 4] = [(0, -1), (1, 0), (0, 1), (-1, 0)];
    let step = |s: usize, direction: usize| {
        let (dr, dc) = OFFSETS[direction];
        let row = (s / 4) as i32 + dr;
        let col = (s % 4) as i32 + dc;
        if (0..4).contains(&row) && (0..4).contains(&col) {
            (row * 4 + col) as usize
        } else {
            s
        }
    };
    for s in 0..16 {
        assert_eq!(
            mdp.is_terminal(s),
            matches!(cell(s), b'H' | b'G'),
            "state {s}"
        );
        if mdp.is_terminal(s) {
            continue;
        }
        for a in 0..4 {
            let mut expected = [0.0; 16];
            for direction in [(a + 3) % 4, a, (a + 1) % 4] {
                expected[step(s, direction)] += 1.0 / 3.0;
            }
            for (t, want) in expected.iter().enumerate() {
                assert!(
                    (mdp.transition(s, a, t) - want).abs() < 1e-15,
                    "P({t}|{s},{a})"
                );
            }
            for (&(t, _), &r) in mdp
                .successors(s, a)
                .iter()
                .zip(mdp.transition_rewards(s, a))
            {
                assert_eq!(r, if cell(t) == b'G' { 1.0 } else { 0.0 }, "r({s},{a},{t})");
            }
        }
    }
    assert_eq!(mdp.dim(), 11 * 4, "tabular over the 11 non-terminal cells");
    // The table read back from the model is the same MDP, and so is the example table.
    let again = Mdp::from_json(&pg_core::mdp::gymnasium::to_json(&mdp)).unwrap();
    assert_eq!(again, mdp);
    let example = Mdp::from_json(include_str!("../../docs/frozenlake-4x4.json")).unwrap();
    assert_eq!(example, mdp);
}
