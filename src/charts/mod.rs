//! Charts: one pure `draw` function per chart, generic over the plotters backend,
//! plus the canvas components that call them.

pub mod arrows;
pub mod convergence;
pub mod curves;
pub mod episode_weights;
pub mod heatmap;
pub mod histogram;
pub mod look;
pub mod mdp_diagram;
pub mod objective_vs_gamma;
#[cfg(test)]
pub mod recorder;
pub mod scatter;
pub mod timeline;

use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::{
    Cartesian2d, DashedLineSeries, DrawingAreaErrorKind, DrawingBackend, IntoFont, LineSeries,
    TextStyle,
};
use plotters::style::{Color, RGBColor};

/// The charts' font: the page's system font stack, with the Hangul system fonts of each
/// platform named (a canvas falls back per glyph too, but names first what reads best). Text
/// is measured with the same font string it is drawn with
/// ([`crate::components::chart_canvas`]), so no label is clipped in any language.
pub const CHART_FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Apple SD Gothic Neo\", \"Malgun Gothic\", \"Noto Sans CJK KR\", \"Noto Sans KR\", \"NanumGothic\", sans-serif";

/// Sizes and colours for one drawing: pixels scaled by the device pixel ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen<'a> {
    /// Device pixels per CSS pixel.
    pub ratio: f64,
    /// Colours.
    pub palette: &'a Palette,
}

impl<'a> Pen<'a> {
    /// A pen for a canvas at `scale` device pixels per CSS pixel.
    pub fn new(scale: f64, palette: &'a Palette) -> Pen<'a> {
        Pen {
            ratio: pixel_ratio(scale),
            palette,
        }
    }

    /// CSS pixels in device pixels, at least one.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.ratio).round().max(1.0) as u32
    }

    /// The chart font at a CSS size, in the ink colour.
    pub fn font(&self, css: f64) -> TextStyle<'static> {
        (CHART_FONT, css * self.ratio)
            .into_font()
            .color(&self.palette.ink)
    }

    /// The width of a y label area whose ticks over [lo, hi] show `decimals` decimals: the
    /// widest tick label (about 7.2 CSS pixels a character at 12 px) and the axis title
    /// beside it, so the title never runs into the ticks.
    pub fn y_label_area(&self, lo: f64, hi: f64, decimals: usize) -> u32 {
        let chars = [lo, hi, 0.5 * (lo + hi)]
            .iter()
            .map(|&v| crate::format::fixed(v, decimals).chars().count())
            .max()
            .unwrap_or(4) as f64;
        self.px((chars * 7.2 + 28.0).max(48.0))
    }

    /// How many x tick labels fit across an area `width` device pixels wide, each up to
    /// `chars` characters: between 2 and 6.
    pub fn x_label_count(&self, width: u32, chars: usize) -> usize {
        let css = f64::from(width) / self.ratio;
        let each = (chars as f64 * 7.2 + 18.0).max(40.0);
        ((css - 80.0) / each).floor().clamp(2.0, 6.0) as usize
    }

    /// The common look of a chart's axes and grid: labels, descriptions, colours.
    pub fn style_mesh<'m, 'b, X, Y, DB>(
        &self,
        mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
        x_desc: &str,
        y_desc: &str,
    ) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
    where
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
        DB: DrawingBackend,
    {
        mesh.max_light_lines(0)
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(self.font(12.0))
            .axis_desc_style(self.font(13.0))
            .bold_line_style(self.palette.grid.mix(1.0))
            .axis_style(self.palette.guide.mix(1.0))
    }
}

/// The pieces of a polyline inside `lo ≤ y ≤ hi`, cut where it crosses a bound (plotters
/// does not clip, so a line outside the y range would run over the axes). A point with a
/// non-finite coordinate ends a piece.
pub fn clip_to_band(points: &[(f64, f64)], (lo, hi): (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut piece: Vec<(f64, f64)> = Vec::new();
    // Whether the last segment was visible up to its end, so the next one continues it.
    let mut open = false;
    for (&(px, py), &(qx, qy)) in points.iter().zip(points.iter().skip(1)) {
        let finite = [px, py, qx, qy].iter().all(|v| v.is_finite());
        let (dx, dy) = (qx - px, qy - py);
        // The part of the segment, as parameters s in [0, 1], whose y is within the band.
        let (s0, s1) = if !finite {
            (1.0, 0.0)
        } else if dy == 0.0 {
            if (lo..=hi).contains(&py) {
                (0.0, 1.0)
            } else {
                (1.0, 0.0)
            }
        } else {
            let (a, b) = ((lo - py) / dy, (hi - py) / dy);
            (a.min(b).max(0.0), a.max(b).min(1.0))
        };
        if s0 > s1 {
            pieces.extend((piece.len() > 1).then(|| std::mem::take(&mut piece)));
            piece.clear();
            open = false;
            continue;
        }
        let at = |s: f64| (px + s * dx, py + s * dy);
        if !(open && s0 == 0.0) {
            pieces.extend((piece.len() > 1).then(|| std::mem::take(&mut piece)));
            piece.clear();
            piece.push(at(s0));
        }
        piece.push(at(s1));
        open = s1 == 1.0;
    }
    pieces.extend((piece.len() > 1).then_some(piece));
    pieces
}

/// Draws a polyline through `points` in a [`look::Look`]'s colour and dash, `width` CSS
/// pixels wide, cut to the y range `band`.
pub fn draw_line<DB: DrawingBackend, X: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, RangedCoordf64>>,
    points: &[(f64, f64)],
    band: (f64, f64),
    look: &look::Look,
    pen: &Pen<'_>,
    width: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = look.colour(pen.palette).stroke_width(pen.px(width));
    for piece in clip_to_band(points, band) {
        match look.dash.pattern() {
            None => chart.draw_series(LineSeries::new(piece, style))?,
            Some((dash, gap)) => chart.draw_series(DashedLineSeries::new(
                piece,
                pen.px(dash),
                pen.px(gap),
                style,
            ))?,
        };
    }
    Ok(())
}

/// The range of the finite values, padded by 8%; `empty` when there is no finite value.
/// A range of one value (a constant series, such as the zero variance of a deterministic
/// policy) is widened to a tenth of its size either side, or ±0.01 around zero, so its ticks
/// read as distinct numbers rather than one value repeated.
pub fn padded_range(values: impl IntoIterator<Item = f64>, empty: (f64, f64)) -> (f64, f64) {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return empty;
    }
    let size = lo.abs().max(hi.abs());
    let pad = if hi - lo > 1e-9 * size {
        (hi - lo) * 0.08
    } else {
        (0.1 * size).max(0.01)
    };
    (lo - pad, hi + pad)
}

/// Device pixels per CSS pixel, kept sane: non-finite or non-positive ratios count as 1,
/// and none above 4.
pub fn pixel_ratio(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale.min(4.0)
    } else {
        1.0
    }
}

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
    /// A dark page: picks the dark colours of a [`look::Look`].
    pub dark: bool,
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
    dark: false,
    background: RGBColor(255, 255, 255),
    ink: RGBColor(31, 41, 55),
    grid: RGBColor(229, 231, 235),
    guide: RGBColor(156, 163, 175),
    line: RGBColor(37, 99, 235),
    marker: RGBColor(234, 88, 12),
};

/// Colours on a dark page.
pub const DARK: Palette = Palette {
    dark: true,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_at_the_band() {
        let band = (0.0, 1.0);
        // Inside: one piece, unchanged.
        let inside = [(0.0, 0.5), (1.0, 0.6), (2.0, 0.7)];
        assert_eq!(clip_to_band(&inside, band), vec![inside.to_vec()]);
        // Out through the top and back in: two pieces ending and starting on the bound.
        let out_and_in = [(0.0, 0.5), (1.0, 1.5), (2.0, 0.5)];
        assert_eq!(
            clip_to_band(&out_and_in, band),
            vec![vec![(0.0, 0.5), (0.5, 1.0)], vec![(1.5, 1.0), (2.0, 0.5)]]
        );
        // Across the whole band in one segment: cut at both bounds.
        assert_eq!(
            clip_to_band(&[(0.0, -1.0), (4.0, 3.0)], band),
            vec![vec![(1.0, 0.0), (2.0, 1.0)]]
        );
        // Wholly outside, or broken by a NaN: nothing of it, or two pieces.
        assert!(clip_to_band(&[(0.0, 2.0), (1.0, 3.0)], band).is_empty());
        let broken = [
            (0.0, 0.1),
            (1.0, 0.2),
            (2.0, f64::NAN),
            (3.0, 0.3),
            (4.0, 0.4),
        ];
        assert_eq!(clip_to_band(&broken, band).len(), 2);
    }

    #[test]
    fn ranges_are_padded_and_never_a_single_value() {
        assert_eq!(padded_range([0.0, 10.0], (0.0, 1.0)), (-0.8, 10.8));
        assert_eq!(padded_range([f64::NAN], (0.0, 1.0)), (0.0, 1.0));
        // A constant series gets a range whose ticks differ at the decimals shown.
        for value in [0.0, 1.5, -2e-7, 1e6] {
            let (lo, hi) = padded_range([value, value], (0.0, 1.0));
            assert!(lo < value && value < hi, "{value}: {lo}..{hi}");
            let decimals = tick_decimals(lo, hi);
            let ticks: Vec<String> = (0..5)
                .map(|i| crate::format::fixed(lo + (hi - lo) * f64::from(i) / 4.0, decimals))
                .collect();
            assert!(ticks.windows(2).all(|w| w[0] != w[1]), "{value}: {ticks:?}");
        }
    }
}
