//! Prints, as JSON on standard output, every formula the app shows with the KaTeX options to
//! render them (`scripts/render-math.mjs` renders them for the built site), or with the
//! argument `registry`, the registries of steps, estimators and presets (the end-to-end
//! tests read their lists from it).

fn main() {
    match std::env::args().nth(1).as_deref() {
        None => println!("{}", pg_explorer::components::tex::export_json()),
        Some("registry") => println!("{}", pg_explorer::steps::registry_json()),
        Some(other) => {
            eprintln!("export-math: unknown argument {other:?}; use none (formulas) or `registry`");
            std::process::exit(2);
        }
    }
}
