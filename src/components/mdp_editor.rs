//! Editing the MDP as a table of small MDPs ([`MdpTableEditor`]) or as its JSON file (DESIGN
//! §4.1): errors are shown inline with their place while the last good MDP stays in use; a
//! file can be loaded, and the current one downloaded.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pg_core::Mdp;
use wasm_bindgen::JsCast;

use crate::components::mdp_table_editor::MdpTableEditor;
use crate::i18n::{mdp_error, t, t_with};

/// A file name for an MDP titled `title`: its letters and digits in lower case, other runs
/// of characters as one hyphen, `.json` added ("Windy 3×3 grid" → `windy-3-3-grid.json`);
/// `mdp.json` when nothing is left.
pub fn file_name(title: &str) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "mdp.json".to_string()
    } else {
        format!("{stem}.json")
    }
}

/// The `href` that downloads `text` of a media type (e.g. `application/json`), without a
/// request anywhere.
pub fn download_href(media_type: &str, text: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
    // byte_serialize writes spaces as '+', which a data URL would keep literally.
    format!(
        "data:{media_type};charset=utf-8,{}",
        encoded.replace('+', "%20")
    )
}

/// The file `text` with the reader's discount and parameters as its defaults (`gamma`,
/// `theta`), so that a downloaded file opens as the page shows it; `None` when `text` is not
/// a valid file or `theta` does not fit it.
pub fn with_reader_settings(text: &str, gamma: f64, theta: &[f64]) -> Option<String> {
    let mdp = Mdp::from_json(text).ok()?;
    mdp.check_theta(theta).ok()?;
    let mut spec = mdp.to_spec();
    spec.gamma = Some(gamma);
    spec.theta = Some(theta.to_vec());
    serde_json::to_string_pretty(&spec).ok()
}

/// What a file may hold, said before a reader runs into it: the limits of `pg_mdp::limits`
/// and the optional parts of the format.
pub fn limits_note() -> String {
    use pg_core::mdp::limits::{
        MAX_ACTIONS, MAX_DIMENSION, MAX_FILE_BYTES, MAX_HORIZON, MAX_STATES,
    };
    t_with(
        "mdp-editor-limits",
        &[
            ("states", MAX_STATES.to_string().into()),
            ("actions", MAX_ACTIONS.to_string().into()),
            ("horizon", MAX_HORIZON.to_string().into()),
            ("parameters", MAX_DIMENSION.to_string().into()),
            ("kilobytes", (MAX_FILE_BYTES / 1024).to_string().into()),
        ],
    )
}

/// The JSON editor of the MDP in use.
#[component]
pub fn MdpEditor(
    /// The file form of the MDP in use.
    #[prop(into)]
    current: Signal<String>,
    /// The title of the MDP in use, for the downloaded file's name.
    #[prop(into)]
    name: Signal<String>,
    /// Called with the text of a file that validated.
    on_apply: Callback<String>,
    /// Called with the text of a file the table editor changed and validated: the same MDP
    /// with other numbers, so the reader's γ and θ may stay.
    on_edit: Callback<String>,
    /// The reader's γ and θ, written into the downloaded file (read when it is downloaded).
    #[prop(optional, into)]
    reader: Option<Signal<(f64, Vec<f64>)>>,
    /// Where the draft outlives the editor (the page is built anew in another language):
    /// the file the draft started from and the draft. A draft of another file is dropped.
    #[prop(optional)]
    kept: Option<RwSignal<Option<(String, String)>>>,
) -> impl IntoView {
    let start = kept
        .and_then(|k| k.get_untracked())
        .filter(|(base, _)| current.with_untracked(|c| c == base))
        .map_or_else(|| current.get_untracked(), |(_, text)| text);
    let draft = RwSignal::new(start);
    let error = RwSignal::new(None::<String>);
    // A new MDP from elsewhere (the selector, the URL) replaces the draft; not the MDP the
    // editor opens with, whose draft may be the reader's unapplied text.
    Effect::new(move |opened: Option<()>| {
        current.with(|_| ());
        if opened.is_some() {
            draft.set(current.get_untracked());
            error.set(None);
        }
    });
    if let Some(kept) = kept {
        Effect::new(move |_| {
            let text = draft.get();
            kept.set(Some((current.get_untracked(), text)));
        });
    }
    let apply = move |text: String| match Mdp::from_json(&text) {
        Ok(_) => {
            error.set(None);
            on_apply.run(text);
        }
        Err(e) => error.set(Some(mdp_error(&e))),
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Emptied, so that choosing the same file again (after fixing it) is a change too.
        input.set_value("");
        if file.size() > pg_core::mdp::limits::MAX_FILE_BYTES as f64 {
            error.set(Some(t_with(
                "mdp-editor-too-large",
                &[
                    ("file", file.name().into()),
                    (
                        "bytes",
                        pg_core::mdp::limits::MAX_FILE_BYTES.to_string().into(),
                    ),
                ],
            )));
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = pg_core::mdp::with_default_name(
                        &text.as_string().unwrap_or_default(),
                        &file.name(),
                    );
                    draft.set(text.clone());
                    apply(text);
                }
                Err(_) => error.set(Some(t_with(
                    "mdp-editor-unreadable",
                    &[("file", file.name().into())],
                ))),
            }
        });
    };
    // The reader's γ and θ go into the file only when it is downloaded: a γ drag never
    // serialises a file of up to 256 KB.
    let on_download = move |ev: leptos::ev::MouseEvent| {
        let Some(reader) = reader else { return };
        let (gamma, theta) = reader.get_untracked();
        let Some(text) = current.with_untracked(|t| with_reader_settings(t, gamma, &theta)) else {
            return;
        };
        if let Some(anchor) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = anchor.set_attribute("href", &download_href("application/json", &text));
        }
    };
    view! {
        <details class="mdp-editor">
            <summary>{t("mdp-editor-summary")}</summary>
            <MdpTableEditor current=current on_apply=on_edit />
            <h4 class="editor-heading"><label for="mdp-json">{t("mdp-editor-file-heading")}</label></h4>
            <p class="table-note" data-testid="mdp-limits">{limits_note()}</p>
            <textarea id="mdp-json" data-testid="mdp-json" rows="14" spellcheck="false"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby="mdp-json-error"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    // Ctrl+Enter (⌘+Enter) applies, as in most editors of this kind.
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        apply(draft.get_untracked());
                    }
                }></textarea>
            <p class="field-error" id="mdp-json-error" data-testid="mdp-error" role="alert">
                {move || error.get().map(|e| t_with("mdp-editor-invalid", &[("problem", e.into())]))}
            </p>
            <div class="editor-actions">
                <button type="button" data-testid="mdp-apply" on:click=move |_| apply(draft.get_untracked())>
                    {t("mdp-editor-apply")}
                </button>
                <label class="file-button">
                    {t("mdp-editor-load")}
                    <input type="file" accept=".json,application/json" data-testid="mdp-file" on:change=on_file />
                </label>
                <a data-testid="mdp-download" download=move || name.with(|n| file_name(n))
                    href=move || download_href("application/json", &current.get())
                    on:click=on_download>
                    {t(if reader.is_some() { "mdp-editor-download-with-settings" } else { "mdp-editor-download" })}
                </a>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_said_are_the_loaders() {
        let note = limits_note();
        for part in [
            "64 states",
            "8 actions",
            "horizon of 1000",
            "512 policy parameters",
            "256 KB",
        ] {
            assert!(note.contains(part), "{note}");
        }
    }

    #[test]
    fn downloaded_files_are_named_after_the_mdp() {
        assert_eq!(file_name("Windy 3×3 grid"), "windy-3-3-grid.json");
        assert_eq!(
            file_name("FrozenLake 4×4 (slippery)"),
            "frozenlake-4-4-slippery.json"
        );
        assert_eq!(file_name("정책 경사"), "정책-경사.json");
        assert_eq!(file_name("  ***  "), "mdp.json");
    }

    #[test]
    fn a_download_carries_the_readers_gamma_and_theta() {
        let text = pg_core::presets::load("chain").unwrap().to_json();
        let d = Mdp::from_json(&text).unwrap().dim();
        let theta: Vec<f64> = (0..d).map(|i| i as f64 / 4.0 - 1.0).collect();
        let out = with_reader_settings(&text, 0.35, &theta).expect("a valid file");
        let back = Mdp::from_json(&out).unwrap();
        assert_eq!(back.gamma(), 0.35);
        assert_eq!(back.theta(), theta.as_slice());
        // Everything else is the same MDP.
        assert_eq!(back.states(), Mdp::from_json(&text).unwrap().states());
        assert_eq!(
            with_reader_settings(&text, 0.5, &[1.0]),
            None,
            "θ of another size"
        );
        assert_eq!(with_reader_settings("{", 0.5, &theta), None);
    }

    #[test]
    fn downloads_are_data_urls_that_keep_the_text() {
        let href = download_href("application/json", "{\"a b\": \"<&>\"}");
        assert!(href.starts_with("data:application/json;charset=utf-8,"));
        assert!(!href.contains(' ') && !href.contains('<') && !href.contains('+'));
        let body = &href["data:application/json;charset=utf-8,".len()..];
        let decoded: String = form_urlencoded::parse(format!("x={body}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap();
        assert_eq!(decoded, "{\"a b\": \"<&>\"}");
    }
}
