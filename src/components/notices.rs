//! Problems with the URL or the MDP: shown in words, with what is used instead.

use leptos::prelude::*;

use crate::i18n::t;
use crate::state::Notice;

/// A visible list of notices (nothing when there are none).
#[component]
pub fn Notices(
    /// The notices.
    #[prop(into)]
    notices: Signal<Vec<Notice>>,
    /// Called when the reader dismisses them.
    on_dismiss: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notice" data-testid="notice" role="status">
                <p class="notice-title">{t("notice-title")}</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li>{n.0}</li> }).collect_view()}
                </ul>
                <button type="button" class="notice-dismiss" on:click=move |_| on_dismiss.run(())>
                    {t("notice-dismiss")}
                </button>
            </div>
        </Show>
    }
}
