//! `pgx report`: the JSON shape of DESIGN §4.3, agreement of its numbers, and exit code 2 with a
//! located message on bad input.

mod common;

use common::{assert_close, assert_within_stderr, EXACT_TOLERANCE};
use serde_json::Value;
use std::process::Command;

fn pgx(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pgx"))
        .args(args)
        .output()
        .expect("pgx runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

#[test]
fn report_has_the_documented_shape_and_agreeing_numbers() {
    let (code, out, err) = pgx(&["report", "chain", "--episodes", "20000", "--seed", "5"]);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).expect("one JSON object");
    // The top-level keys, in the documented order.
    let at = |key: &str| {
        out.find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("{key}"))
    };
    let order = ["mdp", "gamma", "theta", "horizon", "exact", "monte_carlo"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(r.as_object().unwrap().len(), 6);
    assert_eq!(r["gamma"], 0.9);
    assert_eq!(r["horizon"], 8);
    let exact = &r["exact"];
    let grad = numbers(&exact["grad"]);
    assert_close(
        "fd_grad",
        &numbers(&exact["fd_grad"]),
        &grad,
        EXACT_TOLERANCE,
    );
    let listing = &exact["enumeration"];
    assert!(listing["episodes"].as_u64().unwrap() > 1000);
    assert_close(
        "enumerated J",
        &[listing["J"].as_f64().unwrap()],
        &[exact["J"].as_f64().unwrap()],
        EXACT_TOLERANCE,
    );
    for id in [
        "trajectory",
        "reward_to_go",
        "no_discount_weight",
        "baseline",
    ] {
        assert!(listing["variance"][id].as_f64().unwrap() > 0.0, "{id}");
    }
    let mc = &r["monte_carlo"];
    assert_eq!(mc["episodes"], 20000);
    assert_eq!(mc["seed"], 5);
    // Every chain episode takes at least one action and at most the horizon's 8.
    let steps = mc["steps"].as_u64().expect("steps sampled");
    assert!((20_000..=8 * 20_000).contains(&steps), "{steps}");
    assert_within_stderr(
        "J",
        &[mc["J"]["mean"].as_f64().unwrap()],
        &[mc["J"]["stderr"].as_f64().unwrap()],
        &[exact["J"].as_f64().unwrap()],
    );
    for id in [
        "trajectory",
        "reward_to_go",
        "no_discount_weight",
        "baseline",
    ] {
        let want = if id == "no_discount_weight" {
            numbers(&exact["no_discount_weight"])
        } else {
            grad.clone()
        };
        let e = &mc[id];
        assert_within_stderr(id, &numbers(&e["mean"]), &numbers(&e["stderr"]), &want);
        assert!(e["variance"].as_f64().unwrap() > 0.0);
    }
    // The same seed gives the same numbers.
    let (_, again, _) = pgx(&["report", "chain", "--episodes", "20000", "--seed", "5"]);
    assert_eq!(out, again);
}

#[test]
fn report_reads_a_file_and_flags() {
    let dir = std::env::temp_dir().join(format!("pgx-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("trap.json");
    let (_, spec, _) = pgx(&["spec", "discount-trap"]);
    let report_of = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let path = file.to_str().unwrap();
        let args = [
            "report",
            path,
            "--gamma=0.5",
            "--theta",
            "0",
            "--episodes",
            "1000",
        ];
        let (code, out, err) = pgx(&args);
        assert_eq!(code, 0, "{err}");
        out
    };
    let out = report_of(&spec);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["mdp"], "Discount trap");
    assert_eq!(r["exact"]["grad"][0], 0.0625);
    assert_eq!(r["exact"]["no_discount_weight"][0], -0.125);
    assert!(r["exact"]["enumeration"]["episodes"].as_u64().unwrap() == 18);

    // The same file with a byte-order mark, as some editors save it, reads the same.
    assert_eq!(report_of(&format!("\u{feff}{spec}")), out);

    let (_, out, _) = pgx(&["report", "corridor", "--episodes", "10"]);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert!(
        r["exact"]["enumeration"].is_null(),
        "corridor is too long to list"
    );

    std::fs::write(
        &file,
        r#"{"name": "x", "states": ["a"], "actions": ["go"], "start": {"a": 1},
        "transitions": {"a": {"go": {"a": 0.9}}}, "rewards": {"a": {"go": 1}}, "horizon": 3}"#,
    )
    .unwrap();
    let (code, out, err) = pgx(&["report", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("transitions.a.go: probabilities sum to 0.9, not 1"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_exit_2_with_a_named_field() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["report", "chain", "--gamma", "1.5"],
            "--gamma: must be a number between 0 and 1",
        ),
        (
            &["report", "chain", "--gamma", "abc"],
            "--gamma: 'abc' is not a number",
        ),
        (
            &["report", "chain", "--theta", "1,2"],
            "--theta: has 2 entries; the policy has 8",
        ),
        (
            &["report", "chain", "--theta", "0,0,0,x,0,0,0,0"],
            "--theta[3]: 'x' is not a number",
        ),
        (
            &["report", "chain", "--theta", "0,0,0,999,0,0,0,0"],
            "--theta[3]: is 999, outside the allowed range −100 to 100",
        ),
        (
            &["report", "chain", "--episodes", "0"],
            "--episodes: must be between 1 and",
        ),
        (
            &["report", "chain", "--episodes", "-3"],
            "--episodes: '-3' is not a whole number",
        ),
        (
            &["report", "chain", "--seed", "1.5"],
            "--seed: '1.5' is not an unsigned 64-bit integer",
        ),
        (&["report", "chain", "--seed"], "--seed: missing value"),
        (
            &["report", "chain", "--speed", "3"],
            "unknown option '--speed'",
        ),
        (&["report"], "report: missing the MDP"),
        (
            &["report", "no-such-mdp"],
            "'no-such-mdp' is neither a preset",
        ),
        (&["launch"], "unknown command 'launch'"),
    ];
    for (args, expected) in cases {
        let (code, out, err) = pgx(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.starts_with("pgx: "), "{args:?}: {err}");
        assert!(
            err.contains(expected),
            "{args:?}: expected «{expected}», got «{err}»"
        );
    }
}
