//! Prints every formula the app shows, with the KaTeX options to render them, as JSON on
//! standard output; `scripts/render-math.mjs` renders them for the built site.

fn main() {
    println!("{}", pg_explorer::components::tex::export_json());
}
