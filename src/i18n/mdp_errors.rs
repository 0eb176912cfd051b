//! Errors of MDP files and of parameters ([`MdpError`], made by pg-mdp and pg-core) in the
//! reader's language.
//!
//! Those crates write their errors in English, for `pgx` as much as for the page, and give
//! each a kind (a message id, `mdp-error-…`) and its arguments beside the English. The
//! catalogues hold a message per kind whose English is the crate's, word for word (a native
//! test reads every kind both ways), so the page can say the same in the reader's language.
//! The path in front (`transitions.s0.right`) names the file's own fields and is never
//! translated; neither are the arguments: names from the file, numbers as the crate wrote
//! them, and the English of another library (serde_json's `expected value at line 1 column
//! 2`) that some errors pass on.

use pg_core::MdpError;

use super::{current, text, Arg, Lang};

/// `error` in the current language, laid out as its `Display` lays it out: `path: message`,
/// or the message alone when it concerns the file as a whole.
pub fn mdp_error(error: &MdpError) -> String {
    mdp_error_in(current(), error)
}

/// `error` in `lang`, as [`mdp_error`] gives it. An error without a kind, free text made with
/// [`MdpError::new`] (the table editor's own, already in the reader's language), reads as its
/// `Display`.
pub fn mdp_error_in(lang: Lang, error: &MdpError) -> String {
    if error.kind.is_empty() {
        return error.to_string();
    }
    let args: Vec<(&str, Arg)> = (error.args.iter())
        .map(|(name, value)| (*name, Arg::from(value.as_str())))
        .collect();
    error.located(&text(lang, error.kind, &args))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{format_in, Lang, CATALOGUES};
    use pg_core::frequencies::ActionsByHistory;
    use pg_core::mdp::{check_gamma, limits};
    use pg_core::sample::Episode;
    use pg_core::{presets, Estimator, Mdp};
    use serde_json::{json, Value};
    use std::collections::BTreeSet;

    /// The example file of DESIGN §4.1, as pg-core's validation tests edit it.
    fn example() -> Value {
        serde_json::from_str(pg_core::mdp::EXAMPLE_FILE).expect("the example is JSON")
    }

    /// The error of a file that must be refused.
    fn refused(text: &str) -> MdpError {
        Mdp::from_json(text).expect_err(text)
    }

    /// The error of the example file after `edit`.
    fn refused_after(edit: impl FnOnce(&mut Value)) -> MdpError {
        let mut file = example();
        edit(&mut file);
        refused(&file.to_string())
    }

    /// Removes `key` from the object at `parent` (a list of keys from the top) of `file`.
    fn remove(file: &mut Value, parent: &[&str], key: &str) {
        let mut at = file;
        for p in parent {
            at = &mut at[*p];
        }
        at.as_object_mut().expect("an object").remove(key);
    }

    /// Bad files and parameters, one or more per kind: the rules of pg-core's validation
    /// tests and of pg-mdp's Gymnasium tests, and the checks of pg-core that the panels call.
    fn corpus() -> Vec<MdpError> {
        type Edit = Box<dyn FnOnce(&mut Value)>;
        let edits: Vec<Edit> = vec![
            Box::new(|f| f["transitions"]["s1"]["right"] = json!({"goal": 0.9})),
            Box::new(|f| f["transitions"]["s0"]["left"] = json!({"s0": 1.5, "s1": -0.5})),
            Box::new(|f| f["transitions"]["s0"]["left"] = json!({"nowhere": 1.0})),
            Box::new(|f| remove(f, &["transitions", "s0"], "right")),
            Box::new(|f| f["transitions"]["s0"]["jump"] = json!({"s0": 1.0})),
            Box::new(|f| remove(f, &["transitions"], "s1")),
            Box::new(|f| {
                f["transitions"]["goal"] = json!({"left": {"goal": 1.0}, "right": {"goal": 1.0}})
            }),
            Box::new(|f| f["rewards"]["s1"]["right"] = json!(1e300)),
            Box::new(|f| remove(f, &["rewards", "s1"], "left")),
            Box::new(|f| f["start"] = json!({"s0": 0.5})),
            Box::new(|f| f["rewards"]["s0"]["right"] = json!({"s1": 1.0})),
            Box::new(|f| f["rewards"]["s0"]["right"] = json!({"s1": 1.0, "s0": 0, "moon": 2})),
            Box::new(|f| f["rewards"]["s0"]["right"] = json!({"s1": 1.0, "s0": 1e300})),
            Box::new(|f| f["rewards"]["s0"]["right"] = json!("one")),
            Box::new(|f| f["start"] = json!({"goal": 1.0})),
            Box::new(|f| f["states"] = json!(["s0", "s0", "goal"])),
            Box::new(|f| f["states"] = json!(["s0", "s\u{7}1", "goal"])),
            Box::new(|f| f["states"] = json!([])),
            Box::new(|f| f["actions"] = json!(["left", ""])),
            Box::new(|f| f["actions"] = json!(["left", "x".repeat(41)])),
            Box::new(|f| f["actions"] = json!((0..9).map(|i| format!("a{i}")).collect::<Vec<_>>())),
            Box::new(|f| f["terminal"] = json!(["moon"])),
            Box::new(|f| f["terminal"] = json!(["goal", "goal"])),
            Box::new(|f| f["terminal"] = json!(["s0", "s1", "goal"])),
            Box::new(|f| f["features"]["s1"]["right"] = json!([0, 1, 2])),
            Box::new(|f| f["features"]["s0"]["left"] = json!([])),
            Box::new(|f| remove(f, &["features", "s1"], "left")),
            Box::new(|f| f["theta"] = json!([0.0])),
            Box::new(|f| f["theta"] = json!([0.0, 101.0])),
            Box::new(|f| f["gamma"] = json!(1.5)),
            Box::new(|f| f["horizon"] = json!(0)),
            Box::new(|f| f["horizon"] = json!(1001)),
            Box::new(|f| f["name"] = json!("")),
            Box::new(|f| f["name"] = json!("x".repeat(81))),
            Box::new(|f| f["colour"] = json!("blue")),
            Box::new(|f| f["horizon"] = json!("ten")),
            Box::new(|f| remove(f, &[], "rewards")),
        ];
        let mut out: Vec<MdpError> = edits.into_iter().map(refused_after).collect();

        let twice = example().to_string().replace(
            "\"start\":{\"s0\":1.0}",
            "\"start\":{\"s0\":0.5,\"s0\":1.0}",
        );
        out.push(refused(&twice));
        let big = format!("{{\"name\": \"{}\"}}", "x".repeat(limits::MAX_FILE_BYTES));
        for text in [
            "",
            "   ",
            "[1]",
            "3",
            "{",
            "{\"a\": 1,}",
            "{} trailing",
            &big,
        ] {
            out.push(refused(text));
        }

        // Gymnasium tables (pg-mdp's gymnasium tests, and one per rule they leave out).
        for table in [
            r#"{"P": {"0": {"0": [[1.5, 0, 0, true]]}}}"#,
            r#"{"P": {"0": {"0": [[1, 3, 0, true]]}}}"#,
            r#"{"P": {"0": {"0": [[1, "x", 0, true]]}}}"#,
            r#"{"P": {"0": {"0": [[1, 0, 0]]}}}"#,
            r#"{"P": {"0": {"0": [[1, 0, 0, 1]]}}}"#,
            r#"{"P": {"0": {"0": [[1, 0, 1e7, true]]}}}"#,
            r#"{"P": {"0": {"0": []}}}"#,
            r#"{"P": {"1": {"0": [[1, 0, 0, true]]}}}"#,
            r#"{"P": {"0": {"1": [[1, 0, 0, true]]}}}"#,
            r#"{"P": {"0": {"0": [[0.5, 0, 0, false], [0.4, 1, 0, true]]}, "1": {"0": [[1, 1, 0, true]]}}}"#,
            r#"{"P": {"0": {"0": [[1, 1, 0, true]], "1": [[1, 0, 0, false]]}, "1": {"0": [[1, 1, 0, true]]}}}"#,
            r#"{"P": [[[[0.5, 1, 0, true], [0.5, 2, 0, false]]], [[[1, 1, 0, true]]], [[[1, 1, 0, false]]]]}"#,
            r#"{"P": [[[[0.25, 1, 1, true], [0.5, 0, 0, false], [0.25, 1, 3, true]]], [[[1.0, 1, 0, true]]]]}"#,
            r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "state_names": ["a"]}"#,
            r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "action_names": ["a", "b"]}"#,
            r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "initial_state_distribution": [1]}"#,
            r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "initial_state_distribution": [0, 1]}"#,
            r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "state_names": ["a", "a"]}"#,
            r#"{"P": [[[[1, 1, 0, true]]], [[[1, 1, 0, true]]]], "extra": 1}"#,
            r#"{"P": 3}"#,
            r#"{"P": {"0": 3}}"#,
            r#"{"P": {}}"#,
            r#"{"P": {"0": {}}}"#,
        ] {
            out.push(refused(table));
        }

        // Values a file cannot hold (JSON has no NaN), and the checks of parameters.
        let mut spec = presets::spec("chain").expect("a preset");
        spec.start.insert(spec.states[0].clone(), f64::NAN);
        out.push(Mdp::from_spec(&spec).expect_err("NaN"));
        let trap = presets::load("discount-trap").expect("a preset");
        let theta = trap.theta().to_vec();
        out.push(trap.check_theta(&[0.0; 5]).expect_err("too long"));
        out.push(trap.check_theta(&[f64::NAN]).expect_err("NaN"));
        out.push(check_gamma("gamma", -0.25).expect_err("negative"));
        out.push(presets::load("maze").expect_err("no such preset"));
        let terminal = (0..trap.num_states())
            .find(|&s| trap.is_terminal(s))
            .expect("a terminal state");
        for (state, time) in [(99, 1), (terminal, 1), (0, 0), (0, trap.horizon())] {
            out.push(ActionsByHistory::new(&trap, state, time).expect_err("out of range"));
        }
        out.push(
            pg_core::trajectory::log_probability_gradient_fd(&trap, &theta, &Episode::default())
                .expect_err("impossible"),
        );
        let trainer = |step: f64, batch: u64| {
            pg_core::learning::Trainer::new(&trap, &theta, 0.9, Estimator::ALL[0], step, batch, 1)
                .map(|_| ())
                .expect_err("a bad trainer")
        };
        out.push(trainer(0.0, 1));
        out.push(trainer(1.0, 0));
        out.push(
            pg_core::report::report(&trap, &theta, 0.9, 0, 1)
                .map(|_| ())
                .expect_err("none"),
        );
        out.push(
            pg_core::exact::finite_difference_component(&trap, &theta, 0.9, 99)
                .expect_err("no component"),
        );
        out
    }

    /// The English catalogue says what the crates' English says, for every kind: each error
    /// of the corpus reads the same through `en.ftl` as through its `Display`, and the corpus
    /// reaches every kind the crates name.
    #[test]
    fn english_reads_every_error_as_the_crates_write_it() {
        let mut reached = BTreeSet::new();
        for error in corpus() {
            assert!(!error.kind.is_empty(), "{error}: no kind");
            assert_eq!(
                mdp_error_in(Lang::ENGLISH, &error),
                error.to_string(),
                "{}",
                error.kind
            );
            reached.insert(error.kind.to_string());
        }
        let kinds = crate::test_support::mdp_error_kinds();
        let unreached: Vec<_> = kinds.difference(&reached).collect();
        assert!(
            unreached.is_empty(),
            "no error of the corpus is {unreached:?}"
        );
        let unknown: Vec<_> = reached.difference(&kinds).collect();
        assert!(
            unknown.is_empty(),
            "the scan of the crates missed {unknown:?}"
        );
    }

    /// Every kind the crates name is a message of every catalogue.
    #[test]
    fn every_catalogue_has_every_kind() {
        let kinds = crate::test_support::mdp_error_kinds();
        assert!(kinds.len() > 40, "found the kinds: {kinds:?}");
        for (index, (id, _)) in CATALOGUES.iter().enumerate() {
            let missing: Vec<_> = (kinds.iter())
                .filter(|kind| format_in(Lang(index), kind, &[]).is_none())
                .collect();
            assert!(missing.is_empty(), "{id}.ftl lacks {missing:?}");
        }
    }

    #[test]
    fn the_path_stays_in_front_and_free_text_reads_as_written() {
        let korean = Lang::from_id("ko").expect("Korean");
        let error = refused_after(|f| f["transitions"]["s1"]["right"] = json!({"goal": 0.9}));
        let shown = mdp_error_in(korean, &error);
        assert!(shown.starts_with("transitions.s1.right: "), "{shown}");
        assert!(shown.contains("0.9"), "{shown}");
        let whole = refused("");
        assert_eq!(
            mdp_error_in(korean, &whole),
            text(korean, "mdp-error-empty-file", &[])
        );
        let free = MdpError::new("horizon", "any words at all");
        assert_eq!(mdp_error_in(korean, &free), "horizon: any words at all");
    }
}
