//! What every panel reads, provided once by [`crate::App`] as Leptos context: the snapshot
//! in use, the sampling loop, the target number of episodes and the theme. A panel takes
//! this one value instead of a list of props, and reads the model, γ and exact values only
//! through the snapshot, so what it shows always belongs to one MDP.

use std::sync::Arc;

use leptos::prelude::*;

use crate::sampling::Sampling;
use crate::snapshot::Snapshot;

/// The values shared by every view.
#[derive(Clone, Copy)]
pub struct Explorer {
    /// The model at the current γ, replaced whole when anything in it changes.
    pub snapshot: Memo<Arc<Snapshot>>,
    /// The sampling loop, whose statistics are read through the snapshot.
    pub sampling: Sampling,
    /// Episodes to sample.
    pub target: Signal<u64>,
    /// Whether the page is in the dark theme.
    pub dark: Signal<bool>,
    /// Starts a fresh sample with the next seed (in the address, so it stays reproducible).
    pub sample_again: Callback<()>,
}

impl Explorer {
    /// Makes `self` the context of every component below the caller.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The explorer of the enclosing app.
    ///
    /// # Panics
    /// Outside the app's component tree (a component mounted alone without
    /// [`Explorer::provide`]): a programming error, which every browser test of a panel
    /// would show at once.
    pub fn get() -> Explorer {
        expect_context::<Explorer>()
    }
}
