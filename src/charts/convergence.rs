//! Convergence of Monte Carlo estimates: each series' running mean against the number of
//! episodes (log scale), with a 95% band, beside the exact value as a dashed line. [`draw`]
//! is pure: it paints the given data on the given plotters area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Palette;

/// One estimate's history.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text (shown beside the canvas, in the page).
    pub label: String,
    /// (episodes, mean, standard error), episodes increasing.
    pub points: Vec<(u64, f64, f64)>,
    /// The exact value it should converge to, if known.
    pub exact: Option<f64>,
}

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Convergence<'a> {
    /// The series; the first is drawn in the main colour, the second in the marker colour.
    pub series: &'a [Series],
    /// Name of the y axis.
    pub y_label: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// Half-width of the band, in standard errors (95%).
pub const BAND: f64 = 1.96;

/// The y range covering every band and exact value, padded, never empty.
pub fn y_range(series: &[Series]) -> (f64, f64) {
    let values = series.iter().flat_map(|s| {
        s.points
            .iter()
            .flat_map(|&(_, m, e)| [m - BAND * e, m + BAND * e])
            .chain(s.exact)
    });
    super::padded_range(values, (-1.0, 1.0))
}

/// Draws the series with their bands and exact lines.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Convergence<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;

    let max_n = data
        .series
        .iter()
        .flat_map(|s| s.points.last().map(|p| p.0))
        .max()
        .unwrap_or(10)
        .max(10) as f64;
    let (y_lo, y_hi) = y_range(data.series);
    let decimals = super::tick_decimals(y_lo, y_hi);
    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        // The last x tick (up to "1000000") is centred on the right edge: room for half of it.
        .margin_right(px(30.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d((1.0..max_n).log_scale(), y_lo..y_hi)?;
    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|x: &f64| crate::format::fixed(*x, 0))
            .y_label_formatter(&|y: &f64| crate::format::fixed(*y, decimals)),
        "episodes (log scale)",
        data.y_label,
    )
    .draw()?;

    for (i, series) in data.series.iter().enumerate() {
        let colour = if i == 0 { p.line } else { p.marker };
        let points: Vec<(f64, f64, f64)> = series
            .points
            .iter()
            .filter(|q| q.1.is_finite() && q.2.is_finite())
            .map(|&(n, m, e)| (n.max(1) as f64, m, e))
            .collect();
        if points.len() >= 2 {
            let band: Vec<(f64, f64)> = points
                .iter()
                .map(|&(n, m, e)| (n, m + BAND * e))
                .chain(points.iter().rev().map(|&(n, m, e)| (n, m - BAND * e)))
                .collect();
            chart.draw_series(std::iter::once(Polygon::new(
                band,
                colour.mix(0.18).filled(),
            )))?;
        }
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|&(n, m, _)| (n, m)),
                colour.stroke_width(px(2.0)),
            ))?
            .label(series.label.clone())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(2)));
        if let Some(exact) = series.exact.filter(|x| x.is_finite()) {
            chart.draw_series(DashedLineSeries::new(
                [(1.0, exact), (max_n, exact)],
                px(6.0),
                px(4.0),
                colour.mix(0.9).stroke_width(px(1.5)),
            ))?;
        }
    }
    area.present()
}

/// The series as CSV: `series,episodes,mean,stderr,exact`.
pub fn csv(series: &[Series]) -> String {
    let mut out = String::from("series,episodes,mean,stderr,exact\n");
    for s in series {
        let exact = s.exact.map_or(String::new(), |x| x.to_string());
        for (n, m, e) in &s.points {
            out.push_str(&format!(
                "\"{}\",{n},{m},{e},{exact}\n",
                s.label.replace('"', "'")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;

    fn series() -> Vec<Series> {
        vec![Series {
            label: "reward-to-go".into(),
            points: vec![
                (1, 0.5, 0.3),
                (10, 0.2, 0.1),
                (100, 0.07, 0.02),
                (1000, 0.064, 0.006),
            ],
            exact: Some(0.0625),
        }]
    }

    #[test]
    fn the_range_covers_bands_and_exact_values() {
        let (lo, hi) = y_range(&series());
        assert!(lo < 0.5 - BAND * 0.3 && hi > 0.5 + BAND * 0.3);
        assert_eq!(y_range(&[]), (-1.0, 1.0));
    }

    #[test]
    fn draws_the_band_the_mean_and_the_exact_line() {
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Convergence {
            series: &series(),
            y_label: "estimate",
            scale: 1.0,
            palette: &crate::charts::LIGHT,
        };
        draw(&area, &data).expect("drawing on a recorder cannot fail");
        let rec = log.borrow();
        assert!(rec.presented);
        assert_eq!(rec.polygons.len(), 1, "one band");
        assert_eq!(rec.polygons[0].len(), 8, "upper and lower edge of 4 points");
        assert!(rec.paths.iter().any(|p| p.len() == 4), "the running mean");
    }

    #[test]
    fn survives_empty_and_degenerate_series() {
        let odd = [Series {
            label: "x".into(),
            points: vec![(0, f64::NAN, 0.0)],
            exact: None,
        }];
        for series in [&[][..], &odd[..]] {
            let area = Recorder::default().into_drawing_area();
            let data = Convergence {
                series,
                y_label: "",
                scale: f64::NAN,
                palette: &crate::charts::DARK,
            };
            draw(&area, &data).expect("degenerate data still draws");
        }
    }
}
