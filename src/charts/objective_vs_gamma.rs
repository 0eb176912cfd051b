//! Chart of the exact objective J(θ, γ) against the discount γ, with a marker
//! at the current γ. [`draw`] is pure: it only paints the given data on the
//! given plotters drawing area (a canvas in the app, a recorder in tests).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Palette;

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ObjectiveVsGamma<'a> {
    /// (γ, J) pairs, sorted by γ.
    pub curve: &'a [(f64, f64)],
    /// The current discount, where the marker goes.
    pub gamma: f64,
    /// The exact J at the current discount.
    pub j: f64,
    /// Device pixels per CSS pixel: fonts and strokes are scaled by it.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// The y range to plot: the data's range with some padding, never empty.
pub fn y_range(curve: &[(f64, f64)], j: f64) -> (f64, f64) {
    let finite = curve
        .iter()
        .map(|p| p.1)
        .chain(std::iter::once(j))
        .filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    if span < 1e-9 * (1.0 + lo.abs().max(hi.abs())) {
        let pad = (lo.abs() * 0.1).max(0.5);
        return (lo - pad, hi + pad);
    }
    let pad = span * 0.08;
    (lo - pad, hi + pad)
}

/// Draws J against γ with a marker at the current γ.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ObjectiveVsGamma<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));

    area.fill(&p.background)?;
    let (y_lo, y_hi) = y_range(data.curve, data.j);
    let decimals = super::tick_decimals(y_lo, y_hi);
    let y_fmt = move |y: &f64| crate::format::fixed(*y, decimals);
    let x_fmt = |x: &f64| crate::format::fixed(*x, 1);

    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(0.0f64..1.0f64, y_lo..y_hi)?;

    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt),
        &crate::i18n::t("chart-discount-axis"),
        &crate::i18n::t("chart-exact-j-axis"),
    )
    .max_light_lines(1)
    .light_line_style(p.grid.mix(0.5))
    .draw()?;

    chart.draw_series(LineSeries::new(
        data.curve.iter().copied().filter(|p| p.1.is_finite()),
        p.line.stroke_width(px(2.0)),
    ))?;

    if data.gamma.is_finite() && data.j.is_finite() {
        let gamma = data.gamma.clamp(0.0, 1.0);
        chart.draw_series(DashedLineSeries::new(
            [(gamma, y_lo), (gamma, y_hi)],
            px(4.0),
            px(4.0),
            p.guide.stroke_width(px(1.0)),
        ))?;
        chart.draw_series(std::iter::once(Circle::new(
            (gamma, data.j),
            px(6.0),
            p.marker.filled(),
        )))?;
        chart.draw_series(std::iter::once(Circle::new(
            (gamma, data.j),
            px(6.0),
            p.ink.stroke_width(px(1.5)),
        )))?;
    }
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;

    fn curve() -> Vec<(f64, f64)> {
        (0..=100)
            .map(|i| {
                let g = i as f64 / 100.0;
                (g, 0.2 + 0.6 * g * g)
            })
            .collect()
    }

    #[test]
    fn draws_the_curve_the_marker_and_the_labels() {
        let curve = curve();
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = ObjectiveVsGamma {
            curve: &curve,
            gamma: 0.9,
            j: 0.2 + 0.6 * 0.81,
            scale: 1.0,
            palette: &crate::charts::LIGHT,
        };
        draw(&area, &data).expect("drawing on a recorder cannot fail");
        let rec = log.borrow();
        assert!(rec.presented);
        assert!(
            rec.paths.iter().any(|p| p.len() == curve.len()),
            "the curve is one path through every point"
        );
        let filled: Vec<_> = rec.circles.iter().filter(|c| c.2).collect();
        assert_eq!(filled.len(), 1, "one filled marker");
        assert!(rec.circles.iter().any(|c| !c.2), "the marker has a ring");
        // The marker sits right of centre (γ = 0.9) and high (J near the top).
        let ((x, y), _, _) = *filled[0];
        assert!(x > 640 * 3 / 4 && y < 400 / 2, "marker at ({x}, {y})");
        assert!(rec.texts.iter().any(|t| t.contains('γ')));
        assert!(rec.texts.iter().any(|t| t == "exact J"));
    }

    #[test]
    fn survives_degenerate_data() {
        let flat = [(0.0, 1.0), (1.0, 1.0)];
        for (curve, gamma, j) in [
            (&flat[..], 0.5, 1.0),
            (&[][..], 0.5, f64::NAN),
            (&flat[..], f64::NAN, f64::INFINITY),
        ] {
            let area = Recorder::default().into_drawing_area();
            let data = ObjectiveVsGamma {
                curve,
                gamma,
                j,
                scale: 0.0,
                palette: &crate::charts::DARK,
            };
            draw(&area, &data).expect("degenerate data still draws");
        }
    }

    #[test]
    fn y_range_pads_and_is_never_empty() {
        assert_eq!(y_range(&[], f64::NAN), (0.0, 1.0));
        let (lo, hi) = y_range(&[(0.0, 2.0), (1.0, 2.0)], 2.0);
        assert!(lo < 2.0 && hi > 2.0);
        let (lo, hi) = y_range(&[(0.0, 0.0), (1.0, 1.0)], 0.5);
        assert!(lo < 0.0 && hi > 1.0);
    }
}
