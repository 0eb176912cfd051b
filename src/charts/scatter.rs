//! Points against the diagonal y = x: two routes to the same numbers (finite differences
//! against a formula, frequencies against probabilities) agree when the points sit on it.
//! [`draw`] is pure: it paints the given data on the given area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Palette;

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scatter<'a> {
    /// (x, y) points; non-finite ones are skipped.
    pub points: &'a [(f64, f64)],
    /// Name of the x axis.
    pub x_label: &'a str,
    /// Name of the y axis.
    pub y_label: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// One range for both axes, covering every finite coordinate, padded, never empty.
pub fn square_range(points: &[(f64, f64)]) -> (f64, f64) {
    super::padded_range(points.iter().flat_map(|&(x, y)| [x, y]), (0.0, 1.0))
}

/// Draws the points and the diagonal.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Scatter<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;
    let (lo, hi) = square_range(data.points);
    let decimals = super::tick_decimals(lo, hi);
    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(lo..hi, lo..hi)?;
    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&|x: &f64| crate::format::fixed(*x, decimals))
            .y_label_formatter(&|y: &f64| crate::format::fixed(*y, decimals)),
        data.x_label,
        data.y_label,
    )
    .draw()?;
    chart.draw_series(LineSeries::new(
        [(lo, lo), (hi, hi)],
        p.guide.stroke_width(px(1.0)),
    ))?;
    chart.draw_series(
        data.points
            .iter()
            .filter(|q| q.0.is_finite() && q.1.is_finite())
            .map(|&q| Circle::new(q, px(3.5), p.line.mix(0.75).filled())),
    )?;
    area.present()
}

/// The points as CSV, with the axis names as header.
pub fn csv(x_name: &str, y_name: &str, points: &[(f64, f64)]) -> String {
    let mut out = format!("\"{x_name}\",\"{y_name}\"\n");
    for (x, y) in points {
        out.push_str(&format!("{x},{y}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;

    #[test]
    fn draws_each_finite_point_and_the_diagonal() {
        let points = [(0.0, 0.0), (1.0, 1.0), (f64::NAN, 2.0), (0.5, 0.5)];
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Scatter {
            points: &points,
            x_label: "x",
            y_label: "y",
            scale: 1.0,
            palette: &crate::charts::LIGHT,
        };
        draw(&area, &data).expect("draws");
        assert_eq!(log.borrow().circles.len(), 3);
        let (lo, hi) = square_range(&points);
        assert!(lo < 0.0 && hi > 1.0);
        assert_eq!(square_range(&[]), (0.0, 1.0));
    }
}
