//! A matrix as a heatmap: cell (k, t) of the cross-term matrix C, coloured by sign and size,
//! with cells whose estimate is consistent with zero marked by a ring, so the reading does
//! not rest on colour alone. [`draw`] is pure: it paints the given data on the given area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Palette;

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Heatmap<'a> {
    /// Side of the square matrix.
    pub len: usize,
    /// Values, row k then column t: `values[k * len + t]`.
    pub values: &'a [f64],
    /// Standard errors of the values, for estimates; cells within two of zero get a ring.
    pub stderr: Option<&'a [f64]>,
    /// The value mapped to full colour (shared by the exact and the estimated map, so they
    /// compare).
    pub scale_max: f64,
    /// Title above the grid.
    pub title: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// The colour of a value: the main colour for positive, the marker colour for negative,
/// blended into the background by its size relative to `max`.
pub fn cell_colour(value: f64, max: f64, palette: &Palette) -> RGBColor {
    let base = if value >= 0.0 {
        palette.line
    } else {
        palette.marker
    };
    let weight = if max > 0.0 && value.is_finite() {
        (value.abs() / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mix = |a: u8, b: u8| (f64::from(a) * (1.0 - weight) + f64::from(b) * weight).round() as u8;
    let bg = palette.background;
    RGBColor(mix(bg.0, base.0), mix(bg.1, base.1), mix(bg.2, base.2))
}

/// Whether an estimate is within two standard errors of zero.
pub fn consistent_with_zero(value: f64, stderr: f64) -> bool {
    value.abs() <= 2.0 * stderr
}

/// Draws the heatmap.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Heatmap<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px, font) = (data.palette, |v: f64| pen.px(v), |size: f64| pen.font(size));
    area.fill(&p.background)?;
    let n = data.len.max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(px(8.0))
        .caption(data.title, font(13.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(34.0))
        .build_cartesian_2d(0.0..n as f64, n as f64..0.0)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(n.min(8))
        .y_labels(n.min(8))
        .x_label_formatter(&|x: &f64| format!("{}", x.floor() as usize))
        .y_label_formatter(&|y: &f64| format!("{}", y.floor() as usize))
        .x_desc("k (reward)")
        .y_desc("t (action)")
        .label_style(font(11.0))
        .axis_desc_style(font(11.0))
        .axis_style(p.guide)
        .draw()?;
    let cells = (0..data.len).flat_map(|k| (0..data.len).map(move |t| (k, t)));
    for (k, t) in cells {
        let value = data
            .values
            .get(k * data.len + t)
            .copied()
            .unwrap_or(f64::NAN);
        // Rows are action times t, columns reward times k: the cells with k < t (a reward
        // before the action) lie below the diagonal, the "lower triangle".
        let (x, y) = (k as f64, t as f64);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x, y), (x + 1.0, y + 1.0)],
            cell_colour(value, data.scale_max, p).filled(),
        )))?;
        let zero = data
            .stderr
            .and_then(|e| e.get(k * data.len + t))
            .is_some_and(|&e| consistent_with_zero(value, e));
        if zero {
            chart.draw_series(std::iter::once(Circle::new(
                (x + 0.5, y + 0.5),
                px(3.0),
                p.ink.stroke_width(px(1.0)),
            )))?;
        }
    }
    // The diagonal k = t separates the causal cells (k ≥ t, above) from the others.
    chart.draw_series(LineSeries::new(
        [(0.0, 0.0), (n as f64, n as f64)],
        p.ink.mix(0.6).stroke_width(px(1.0)),
    ))?;
    area.present()
}

/// Two maps of the same matrix as CSV: `k,t,exact,estimate,stderr`.
pub fn csv(len: usize, exact: &[f64], estimate: &[f64], stderr: &[f64]) -> String {
    let mut out = String::from("k,t,exact,estimate,stderr\n");
    for k in 0..len {
        for t in 0..len {
            let i = k * len + t;
            let at = |v: &[f64]| v.get(i).map_or(String::new(), f64::to_string);
            out.push_str(&format!(
                "{k},{t},{},{},{}\n",
                at(exact),
                at(estimate),
                at(stderr)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;
    use crate::charts::LIGHT;

    #[test]
    fn colours_follow_sign_and_size() {
        assert_eq!(cell_colour(0.0, 1.0, &LIGHT), LIGHT.background);
        assert_eq!(cell_colour(1.0, 1.0, &LIGHT), LIGHT.line);
        assert_eq!(cell_colour(-2.0, 1.0, &LIGHT), LIGHT.marker, "clamped");
        assert_eq!(cell_colour(f64::NAN, 1.0, &LIGHT), LIGHT.background);
        assert!(consistent_with_zero(0.01, 0.01) && !consistent_with_zero(0.05, 0.01));
    }

    #[test]
    fn rings_mark_cells_consistent_with_zero() {
        let values = [1.0, 0.001, -0.5, 0.3];
        let stderr = [0.1, 0.1, 0.1, 0.1];
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Heatmap {
            len: 2,
            values: &values,
            stderr: Some(&stderr),
            scale_max: 1.0,
            title: "estimate",
            scale: 1.0,
            palette: &LIGHT,
        };
        draw(&area, &data).expect("draws");
        let rec = log.borrow();
        assert_eq!(rec.circles.len(), 1, "only the cell at 0.001 ± 0.1");
        assert!(rec.presented);
    }
}
