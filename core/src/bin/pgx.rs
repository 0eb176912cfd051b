//! `pgx`: the headless report of the policy-gradient explorer (DESIGN §4.3).
//!
//! `pgx report <MDP-FILE|PRESET-ID> [--gamma G] [--theta a,b,…] [--episodes N] [--seed S]`
//! prints one JSON object; bad input exits with code 2 and a message that names the field.

use std::process::ExitCode;

use pg_core::mdp::Mdp;
use pg_core::presets::{self, PRESETS};
use pg_core::report::{report, DEFAULT_EPISODES, DEFAULT_SEED};

const USAGE: &str = "\
usage: pgx report <MDP-FILE|PRESET-ID> [--gamma G] [--theta a,b,...] [--episodes N] [--seed S]
       pgx spec <PRESET-ID>      print a preset as an MDP file
       pgx presets               list the preset ids

  --gamma G      discount in [0, 1] (default: the MDP's)
  --theta a,b,.. policy parameters, comma-separated (default: the MDP's)
  --episodes N   Monte Carlo episodes, 1 to 100000000 (default 10000)
  --seed S       seed of the generator, an unsigned 64-bit integer (default 1)";

/// A command-line problem: the message, printed after `pgx: `.
struct Failure(String);

fn load_mdp(source: &str) -> Result<Mdp, Failure> {
    if presets::spec(source).is_some() {
        return presets::load(source).map_err(|e| Failure(e.to_string()));
    }
    let metadata = std::fs::metadata(source).map_err(|e| {
        let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
        Failure(format!(
            "'{source}' is neither a preset ({}) nor a readable file: {e}",
            ids.join(", ")
        ))
    })?;
    if metadata.len() > pg_core::mdp::limits::MAX_FILE_BYTES as u64 {
        return Err(Failure(format!(
            "{source}: file is {} bytes; the limit is {} bytes",
            metadata.len(),
            pg_core::mdp::limits::MAX_FILE_BYTES
        )));
    }
    let text = std::fs::read_to_string(source)
        .map_err(|e| Failure(format!("{source}: cannot read: {e}")))?;
    let file_name = std::path::Path::new(source)
        .file_name()
        .and_then(|f| f.to_str());
    Mdp::from_json_named(&text, file_name).map_err(|e| Failure(format!("{source}: {e}")))
}

fn parse_number<T: std::str::FromStr>(flag: &str, value: &str, what: &str) -> Result<T, Failure> {
    value
        .trim()
        .parse()
        .map_err(|_| Failure(format!("{flag}: '{value}' is not {what}")))
}

fn parse_theta(value: &str) -> Result<Vec<f64>, Failure> {
    value
        .split(',')
        .enumerate()
        .map(|(i, part)| {
            let x: f64 = parse_number(&format!("--theta[{i}]"), part, "a number")?;
            if x.is_finite() {
                Ok(x)
            } else {
                Err(Failure(format!("--theta[{i}]: '{part}' is not finite")))
            }
        })
        .collect()
}

fn run_report(args: &[String]) -> Result<String, Failure> {
    let mut source = None;
    let mut gamma = None;
    let mut theta = None;
    let mut episodes = DEFAULT_EPISODES;
    let mut seed = DEFAULT_SEED;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| Failure(format!("{flag}: missing value")))
        };
        match flag {
            "--gamma" => {
                let v = value()?;
                gamma = Some(parse_number::<f64>("--gamma", &v, "a number")?);
            }
            "--theta" => theta = Some(parse_theta(&value()?)?),
            "--episodes" => {
                episodes = parse_number("--episodes", &value()?, "a whole number of episodes")?;
            }
            "--seed" => {
                seed = parse_number("--seed", &value()?, "an unsigned 64-bit integer")?;
            }
            _ if flag.starts_with('-') => {
                return Err(Failure(format!("unknown option '{flag}'\n{USAGE}")))
            }
            _ if source.is_none() => source = Some(arg.clone()),
            _ => return Err(Failure(format!("unexpected argument '{arg}'\n{USAGE}"))),
        }
    }
    let source = source.ok_or_else(|| Failure(format!("report: missing the MDP\n{USAGE}")))?;
    let mdp = load_mdp(&source)?;
    let gamma = gamma.unwrap_or(mdp.gamma());
    let theta = theta.unwrap_or_else(|| mdp.theta().to_vec());
    let result = report(&mdp, &theta, gamma, episodes, seed).map_err(|e| {
        // Name the flag a reader typed, not the file's field.
        let field = match e.path.split(['[', '.']).next() {
            Some("gamma") => "--gamma",
            Some("theta") => "--theta",
            Some("episodes") => "--episodes",
            _ => "",
        };
        if field.is_empty() {
            Failure(e.to_string())
        } else {
            Failure(format!(
                "{field}{}: {}",
                &e.path[field.len() - 2..],
                e.message
            ))
        }
    })?;
    Ok(serde_json::to_string(&result).expect("a report always serialises"))
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("report") => run_report(&args[1..]),
        Some("spec") => match &args[1..] {
            [id] => presets::load(id)
                .map(|m| m.to_json())
                .map_err(|e| Failure(e.to_string())),
            _ => Err(Failure(format!("spec: give one preset id\n{USAGE}"))),
        },
        Some("presets") => Ok(PRESETS
            .iter()
            .map(|p| format!("{:<14} {}", p.id, p.title))
            .collect::<Vec<_>>()
            .join("\n")),
        Some("-h" | "--help" | "help") => Ok(USAGE.to_string()),
        Some(other) => Err(Failure(format!("unknown command '{other}'\n{USAGE}"))),
        None => Err(Failure(USAGE.to_string())),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`pgx report … | head`) is the reader's choice, not a failure.
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("pgx: cannot write the report: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(Failure(message)) => {
            eprintln!("pgx: {message}");
            ExitCode::from(2)
        }
    }
}
