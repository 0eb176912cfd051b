//! Line curves over an interval: against the discount γ (variances, angles, with the current
//! γ marked by a dashed guide) or against the update number (learning curves). [`draw`] is
//! pure: it paints the given data on the given area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::look::Look;
use super::Palette;

/// One curve.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Legend text (shown beside the canvas, in the page).
    pub label: String,
    /// (x, value) pairs, x increasing; non-finite values are skipped.
    pub points: Vec<(f64, f64)>,
    /// Its colour and line style.
    pub look: Look,
}

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curves<'a> {
    /// The curves, each in its own look.
    pub curves: &'a [Curve],
    /// The x interval shown.
    pub x_range: (f64, f64),
    /// Name of the x axis.
    pub x_label: &'a str,
    /// Name of the y axis.
    pub y_label: &'a str,
    /// Where the dashed guide goes (the current γ), if anywhere.
    pub guide: Option<f64>,
    /// A horizontal reference line (e.g. 0 or 1), if any.
    pub reference: Option<f64>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// The y range covering every finite value and the reference, padded, never empty.
pub fn y_range(curves: &[Curve], reference: Option<f64>) -> (f64, f64) {
    let values = curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.1))
        .chain(reference);
    super::padded_range(values, (0.0, 1.0))
}

/// Draws the curves.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Curves<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;
    let (y_lo, y_hi) = y_range(data.curves, data.reference);
    let decimals = super::tick_decimals(y_lo, y_hi);
    let (x_lo, x_hi) = data.x_range;
    let (x_lo, x_hi) = if x_lo.is_finite() && x_hi.is_finite() && x_hi > x_lo {
        (x_lo, x_hi)
    } else {
        (0.0, 1.0)
    };
    let x_decimals = super::tick_decimals(x_lo, x_hi).min(2);
    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(pen.y_label_area(y_lo, y_hi, decimals))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(pen.x_label_count(area.dim_in_pixel().0, 4))
            .y_labels(6)
            .x_label_formatter(&|x: &f64| crate::format::fixed(*x, x_decimals))
            .y_label_formatter(&|y: &f64| crate::format::fixed(*y, decimals)),
        data.x_label,
        data.y_label,
    )
    .draw()?;
    if let Some(r) = data.reference.filter(|r| r.is_finite()) {
        chart.draw_series(LineSeries::new(
            [(x_lo, r), (x_hi, r)],
            p.guide.stroke_width(px(1.0)),
        ))?;
    }
    for curve in data.curves {
        super::draw_line(
            &mut chart,
            &curve.points,
            (y_lo, y_hi),
            &curve.look,
            &pen,
            2.0,
        )?;
    }
    if let Some(g) = data.guide.filter(|g| g.is_finite()) {
        let g = g.clamp(x_lo, x_hi);
        chart.draw_series(DashedLineSeries::new(
            [(g, y_lo), (g, y_hi)],
            px(4.0),
            px(4.0),
            p.guide.stroke_width(px(1.0)),
        ))?;
    }
    area.present()
}

/// The curves as CSV: one line per point, `curve,x,y`.
pub fn csv(x_name: &str, curves: &[Curve]) -> String {
    let mut out = format!("curve,{x_name},value\n");
    for c in curves {
        for (x, y) in &c.points {
            out.push_str(&format!("\"{}\",{x},{y}\n", c.label.replace('"', "'")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;

    #[test]
    fn draws_each_curve_and_the_guides() {
        let curves = vec![
            Curve {
                label: "a".into(),
                points: (0..=10).map(|i| (i as f64 / 10.0, i as f64)).collect(),
                look: crate::charts::look::PLAIN,
            },
            Curve {
                label: "b".into(),
                points: vec![(0.0, f64::NAN), (1.0, 2.0)],
                look: crate::charts::look::REFERENCE,
            },
        ];
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Curves {
            curves: &curves,
            x_range: (0.0, 1.0),
            x_label: "discount γ",
            y_label: "ratio",
            guide: Some(0.5),
            reference: Some(1.0),
            scale: 1.0,
            palette: &crate::charts::LIGHT,
        };
        draw(&area, &data).expect("draws");
        let rec = log.borrow();
        assert!(
            rec.paths.iter().any(|p| p.len() == 11),
            "curve a through every point"
        );
        assert!(rec.presented);
        assert_eq!(y_range(&[], None), (0.0, 1.0));
    }

    #[test]
    fn csv_has_a_line_per_point() {
        let c = [Curve {
            label: "a \"b\"".into(),
            points: vec![(0.0, 1.5), (1.0, 2.0)],
            look: crate::charts::look::PLAIN,
        }];
        assert_eq!(
            csv("gamma", &c),
            "curve,gamma,value\n\"a 'b'\",0,1.5\n\"a 'b'\",1,2\n"
        );
    }
}
