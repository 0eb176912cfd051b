//! Plain-words text with inline `$…$` math, as the steps are written.

use leptos::prelude::*;

use crate::components::Tex;
use crate::steps::split_inline_math;

/// Text whose `$…$` pieces are rendered as inline KaTeX; the rest stays plain text.
#[component]
pub fn Prose(
    /// The text.
    text: String,
) -> impl IntoView {
    split_inline_math(&text)
        .into_iter()
        .map(|(piece, is_math)| {
            if is_math {
                view! { <Tex tex=piece.to_string() /> }.into_any()
            } else {
                piece.to_string().into_any()
            }
        })
        .collect_view()
}
