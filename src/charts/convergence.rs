//! Convergence of Monte Carlo estimates: each series' running mean against the number of
//! episodes (log scale), with a 95% band, beside the exact value as a dashed line. [`draw`]
//! is pure: it paints the given data on the given plotters area.
//!
//! The y range follows the converged part of the run (the last 90 % of the episodes) and the
//! exact values, so the first noisy episodes cannot squash a small gap or a sign out of view.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::look::{self, Look};
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
    /// Its colour and line style.
    pub look: Look,
}

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Convergence<'a> {
    /// The series, each in its own look.
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

/// The y range covering the bands over the right half of the (logarithmic) episode axis —
/// from √N episodes on, N the largest count — and every exact value, padded, never empty.
/// The first, noisiest episodes may leave it: they fill the left half of a log axis, and
/// would otherwise squash the converged values into a line.
pub fn y_range(series: &[Series]) -> (f64, f64) {
    let last = series
        .iter()
        .filter_map(|s| s.points.last().map(|p| p.0))
        .max()
        .unwrap_or(0);
    let from = (last as f64).sqrt();
    let values = series.iter().flat_map(|s| {
        s.points
            .iter()
            .filter(move |p| p.0 as f64 >= from)
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
    let x_labels = pen.x_label_count(area.dim_in_pixel().0, format!("{max_n}").len());
    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        // The last x tick (up to "1000000") is centred on the right edge: room for half of it.
        .margin_right(px(30.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(pen.y_label_area(y_lo, y_hi, decimals))
        .build_cartesian_2d((1.0..max_n).log_scale(), y_lo..y_hi)?;
    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(x_labels)
            .y_labels(6)
            .x_label_formatter(&|x: &f64| crate::format::fixed(*x, 0))
            .y_label_formatter(&|y: &f64| crate::format::fixed(*y, decimals)),
        &crate::i18n::t("chart-episodes-log-axis"),
        data.y_label,
    )
    .draw()?;

    let band_of_y = (y_lo, y_hi);
    for series in data.series {
        let colour = series.look.colour(p);
        let points: Vec<(f64, f64, f64)> = series
            .points
            .iter()
            .filter(|q| q.1.is_finite() && q.2.is_finite())
            .map(|&(n, m, e)| (n.max(1) as f64, m, e))
            .collect();
        if points.len() >= 2 {
            // The band's edges are held inside the y range: plotters does not clip.
            let clamp = |y: f64| y.clamp(y_lo, y_hi);
            let band: Vec<(f64, f64)> = points
                .iter()
                .map(|&(n, m, e)| (n, clamp(m + BAND * e)))
                .chain(
                    points
                        .iter()
                        .rev()
                        .map(|&(n, m, e)| (n, clamp(m - BAND * e))),
                )
                .collect();
            chart.draw_series(std::iter::once(Polygon::new(
                band,
                colour.mix(0.16).filled(),
            )))?;
        }
        let means: Vec<(f64, f64)> = points.iter().map(|&(n, m, _)| (n, m)).collect();
        super::draw_line(&mut chart, &means, band_of_y, &series.look, &pen, 2.0)?;
        if let Some(exact) = series.exact.filter(|x| x.is_finite()) {
            super::draw_line(
                &mut chart,
                &[(1.0, exact), (max_n, exact)],
                band_of_y,
                &look::EXACT,
                &pen,
                1.5,
            )?;
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
            look: look::estimator(pg_core::Estimator::RewardToGo),
        }]
    }

    #[test]
    fn the_range_follows_the_converged_run_and_the_exact_value() {
        let (lo, hi) = y_range(&series());
        // The first episodes' band (0.5 ± 0.59) is left out; from √1000 ≈ 32 on, it counts.
        assert!(hi < 0.5 && lo < 0.07 - BAND * 0.02, "{lo}..{hi}");
        assert!(hi > 0.07 + BAND * 0.02);
        let mut one_point = series();
        one_point[0].points.truncate(1);
        let (lo, hi) = y_range(&one_point);
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
        // The running mean, cut where its first, noisy points leave the y range.
        assert!(rec.paths.iter().any(|p| p.len() == 3), "the running mean");
    }

    #[test]
    fn survives_empty_and_degenerate_series() {
        let odd = [Series {
            label: "x".into(),
            points: vec![(0, f64::NAN, 0.0)],
            exact: None,
            look: look::OBJECTIVE,
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
