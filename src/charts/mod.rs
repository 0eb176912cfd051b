//! Charts: one pure `draw` function per chart, generic over the plotters backend,
//! plus the canvas components that call them.

pub mod convergence;
pub mod curves;
pub mod heatmap;
pub mod objective_vs_gamma;
#[cfg(test)]
pub mod recorder;
pub mod scatter;

use plotters::style::RGBColor;

/// Decimals for tick labels over [lo, hi], so neighbouring ticks differ.
pub fn tick_decimals(lo: f64, hi: f64) -> usize {
    let step = (hi - lo) / 5.0;
    if step.is_finite() && step > 0.0 {
        (-step.log10().floor()).clamp(0.0, 6.0) as usize
    } else {
        2
    }
}

/// The colours of a chart, one set per theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Canvas background.
    pub background: RGBColor,
    /// Text, axes' labels and marker rings.
    pub ink: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Axes and guides.
    pub guide: RGBColor,
    /// The main series.
    pub line: RGBColor,
    /// Markers.
    pub marker: RGBColor,
}

/// Colours on a light page.
pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    ink: RGBColor(31, 41, 55),
    grid: RGBColor(229, 231, 235),
    guide: RGBColor(156, 163, 175),
    line: RGBColor(37, 99, 235),
    marker: RGBColor(234, 88, 12),
};

/// Colours on a dark page.
pub const DARK: Palette = Palette {
    background: RGBColor(17, 24, 39),
    ink: RGBColor(229, 231, 235),
    grid: RGBColor(55, 65, 81),
    guide: RGBColor(107, 114, 128),
    line: RGBColor(96, 165, 250),
    marker: RGBColor(251, 146, 60),
};

/// The palette for a theme.
pub fn palette(dark: bool) -> &'static Palette {
    if dark {
        &DARK
    } else {
        &LIGHT
    }
}
