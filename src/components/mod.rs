//! Reusable view components: math ([`Tex`], [`Prose`]), the step card and its navigation,
//! the controls, the MDP's editors (a table and its file), readouts, notices, sharing, and the
//! canvas of the objective chart.

pub mod chart_canvas;
pub mod controls;
pub mod identity_panels;
pub mod mdp_editor;
pub mod mdp_table;
pub mod mdp_table_editor;
pub mod notices;
pub mod objective_chart;
pub mod prose;
pub mod readouts;
pub mod share;
pub mod simulation;
pub mod slider;
pub mod step_card;
pub mod step_nav;
pub mod step_panel;
pub mod tex;

pub use controls::{LanguageSelect, MdpSelect, RunSettings, ThemeSelect, ThetaControls};
pub use mdp_editor::MdpEditor;
pub use mdp_table::MdpTable;
pub use notices::Notices;
pub use objective_chart::ObjectiveChart;
pub use prose::Prose;
pub use readouts::ExactReadouts;
pub use share::SharePanel;
pub use simulation::{EstimateTable, SamplingProgress};
pub use slider::GammaSlider;
pub use step_card::StepCard;
pub use step_nav::{PrevNext, StepList};
pub use step_panel::{ConvergenceChart, CrossTermMaps};
pub use tex::Tex;
