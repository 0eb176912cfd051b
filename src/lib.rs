//! The policy-gradient explorer: a Leptos app that walks through the derivation of
//! the policy gradient with KaTeX math beside exact values computed by `pg-core`.
//!
//! Data flows one way: URL → typed parameters ([`state`]) → one model and its snapshot at γ
//! ([`snapshot`]: the MDP, θ, policy, seed, exact values; replaced whole, with a generation
//! number) → sampling statistics tagged with that generation ([`sampling`]) → readouts and
//! charts, which reach them through one context ([`context`]). Effects are used only at the
//! edges ([`browser`]: the address bar, focus, theme, clipboard; and drawing canvases). A
//! panic is never silent: [`crash`] shows it on the page.

// Nothing the page runs may index out of bounds: a panic stops the page. Indexing goes
// through checked accessors (`get`, iterators) or is allowed, with its reason, where the
// index is in range by construction.
#![warn(clippy::indexing_slicing)]

pub mod app;
pub mod browser;
pub mod charts;
pub mod checks;
pub mod components;
pub mod context;
pub mod crash;
pub mod format;
pub mod i18n;
pub mod model;
pub mod sampler_work;
pub mod sampling;
pub mod sliced;
pub mod snapshot;
pub mod state;
pub mod steps;

pub use app::App;

/// What the native tests of several modules read.
#[cfg(test)]
pub(crate) mod test_support {
    use std::path::{Path, PathBuf};

    /// Every Rust file under `dir` (relative to the app's crate), as (path, text).
    fn rust_files(dir: &str) -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir)
                .expect("a source folder is readable")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
        files
            .into_iter()
            .map(|file| {
                let text = std::fs::read_to_string(&file).expect("a source file is readable");
                (file, text)
            })
            .collect()
    }

    /// Every Rust file of the app (`src/`), with its code before its `mod tests`.
    pub fn app_sources() -> Vec<(PathBuf, String)> {
        rust_files("src")
            .into_iter()
            .map(|(file, text)| {
                let code = text
                    .split("\nmod tests {")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                (file, code)
            })
            .collect()
    }

    /// Every kind of [`pg_core::MdpError`] that pg-mdp and pg-core make: the `"mdp-error-…"`
    /// string literals of their sources (`mdp/src/`, `core/src/`), ids of the app's
    /// catalogues that the app's own code never names.
    pub fn mdp_error_kinds() -> std::collections::BTreeSet<String> {
        let mut kinds = std::collections::BTreeSet::new();
        for (_, code) in ["mdp/src", "core/src"].into_iter().flat_map(rust_files) {
            for (at, _) in code.match_indices("\"mdp-error-") {
                kinds.insert(code[at + 1..].chars().take_while(|c| *c != '"').collect());
            }
        }
        kinds
    }
}
