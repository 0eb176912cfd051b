//! Reusable view components: KaTeX math ([`Tex`]), the γ slider
//! ([`GammaSlider`]) and the canvas of the objective chart ([`ObjectiveChart`]).

pub mod objective_chart;
pub mod slider;
pub mod tex;

pub use objective_chart::ObjectiveChart;
pub use slider::GammaSlider;
pub use tex::Tex;
