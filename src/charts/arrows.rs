//! Directions in the parameter plane: vectors drawn as arrows from the origin, on axes with
//! one scale for both (so angles are true), with Monte Carlo estimates as dots with 95 %
//! bars. With one parameter the plane is a line, and each arrow gets its own row. [`draw`]
//! is pure: it paints the given data on the given area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::look::{self, Look};
use super::Palette;

/// One vector, drawn from the origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    /// Its tip: (x, y); y is ignored with one parameter.
    pub tip: (f64, f64),
    /// Its colour and line style.
    pub look: Look,
    /// A short name written beside its tip.
    pub name: String,
}

/// An estimate of an arrow's tip: its mean and the half-widths of its 95 % band.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The mean, (x, y).
    pub mean: (f64, f64),
    /// 1.96 standard errors along x and y.
    pub band: (f64, f64),
    /// Its colour.
    pub look: Look,
}

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arrows<'a> {
    /// The vectors, exact; the tips are ringed in the ink colour, as every exact value is.
    pub arrows: &'a [Arrow],
    /// Monte Carlo estimates of the arrows' tips, same order (fewer is fine).
    pub estimates: &'a [Estimate],
    /// Name of the x axis.
    pub x_label: &'a str,
    /// Name of the y axis; `None` for one parameter (a line, one row per arrow).
    pub y_label: Option<&'a str>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// Margin, label areas in CSS pixels.
const MARGIN: f64 = 12.0;
const X_LABELS: f64 = 40.0;
const Y_LABELS: f64 = 64.0;

/// The ranges shown: every tip, band and the origin, padded; in the plane, widened so that
/// one unit is as long on both axes for a plot of `w` × `h` pixels.
pub fn ranges(data: &Arrows<'_>, (w, h): (f64, f64)) -> ((f64, f64), (f64, f64)) {
    // Every tip, every band's ends and the origin, along one axis.
    let extent = |axis: fn((f64, f64)) -> f64| {
        let tips = data.arrows.iter().map(move |a| axis(a.tip));
        let bands = data.estimates.iter().flat_map(move |e| {
            let (m, b) = (axis(e.mean), axis(e.band));
            [m - b, m + b]
        });
        super::padded_range(tips.chain(bands).chain([0.0]), (-1.0, 1.0))
    };
    // Room beside the tips for their names.
    let widen = |(lo, hi): (f64, f64)| {
        let pad = 0.15 * (hi - lo);
        (lo - pad, hi + pad)
    };
    let x = widen(extent(|p| p.0));
    if data.y_label.is_none() {
        return (x, (-1.0, 1.0));
    }
    let y = extent(|p| p.1);
    if !(w > 0.0 && h > 0.0) {
        return (x, y);
    }
    // Units per pixel: the larger wins on both axes, each range grown about its centre.
    let per_px = ((x.1 - x.0) / w).max((y.1 - y.0) / h);
    let grow = |(lo, hi): (f64, f64), px: f64| {
        let mid = 0.5 * (lo + hi);
        (mid - 0.5 * per_px * px, mid + 0.5 * per_px * px)
    };
    (grow(x, w), grow(y, h))
}

/// The row of arrow `i` on a line chart (one parameter): spread over (−1, 1).
fn row(i: usize, count: usize) -> f64 {
    if count <= 1 {
        0.0
    } else {
        0.5 - i as f64 / (count - 1) as f64
    }
}

/// Draws the arrows, their ringed tips and the estimates.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Arrows<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;
    let (w, h) = area.dim_in_pixel();
    let plot = (
        f64::from(w) - f64::from(px(2.0 * MARGIN + Y_LABELS)),
        f64::from(h) - f64::from(px(2.0 * MARGIN + X_LABELS)),
    );
    let ((x_lo, x_hi), (y_lo, y_hi)) = ranges(data, plot);
    let line = data.y_label.is_none();
    let (xd, yd) = (
        super::tick_decimals(x_lo, x_hi),
        super::tick_decimals(y_lo, y_hi),
    );
    let mut chart = ChartBuilder::on(area)
        .margin(px(MARGIN))
        .x_label_area_size(px(X_LABELS))
        .y_label_area_size(px(Y_LABELS))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    let x_format = |x: &f64| crate::format::fixed(*x, xd);
    let y_format = |y: &f64| crate::format::fixed(*y, yd);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(6)
        .y_labels(if line { 0 } else { 6 })
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format);
    pen.style_mesh(&mut mesh, data.x_label, data.y_label.unwrap_or(""))
        .draw()?;
    // The axes through the origin.
    let guide = p.guide.stroke_width(px(1.0));
    chart.draw_series(LineSeries::new([(0.0, y_lo), (0.0, y_hi)], guide))?;
    if !line {
        chart.draw_series(LineSeries::new([(x_lo, 0.0), (x_hi, 0.0)], guide))?;
    }
    // Data units per device pixel, for arrowheads of a fixed size on screen.
    let (ux, uy) = (
        (x_hi - x_lo) / plot.0.max(1.0),
        (y_hi - y_lo) / plot.1.max(1.0),
    );
    let count = data.arrows.len();
    for (i, arrow) in data.arrows.iter().enumerate() {
        let (from, tip) = if line {
            let y = row(i, count);
            ((0.0, y), (arrow.tip.0, y))
        } else {
            ((0.0, 0.0), arrow.tip)
        };
        let (tx, ty) = tip;
        if !(tx.is_finite() && ty.is_finite()) {
            continue;
        }
        super::draw_line(
            &mut chart,
            &[from, tip],
            (y_lo, y_hi),
            &arrow.look,
            &pen,
            3.0,
        )?;
        // The head, in pixels: 12 long, 10 wide.
        let (dx, dy) = ((tx - from.0) / ux, (ty - from.1) / uy);
        let len = dx.hypot(dy);
        if len > f64::from(px(6.0)) {
            let (ex, ey) = (dx / len, dy / len);
            let (l, half) = (f64::from(px(12.0)), f64::from(px(5.0)));
            let at = |along: f64, across: f64| {
                (
                    tx + (ex * along - ey * across) * ux,
                    ty + (ey * along + ex * across) * uy,
                )
            };
            chart.draw_series(std::iter::once(Polygon::new(
                vec![at(0.0, 0.0), at(-l, half), at(-l, -half)],
                arrow.look.colour(p).filled(),
            )))?;
        }
        // Exact values are ringed in ink.
        chart.draw_series(std::iter::once(Circle::new(
            tip,
            px(7.0),
            look::EXACT.colour(p).stroke_width(px(1.5)),
        )))?;
        // The name centred by the tip (the x range leaves room for it): above, unless
        // another tip is higher, then below, so two close tips keep their names apart.
        let highest = line
            || data
                .arrows
                .iter()
                .enumerate()
                .all(|(j, other)| j == i || other.tip.1 <= ty);
        let anchor = plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            if highest {
                plotters::style::text_anchor::VPos::Bottom
            } else {
                plotters::style::text_anchor::VPos::Top
            },
        );
        let shift = f64::from(px(10.0)) * if highest { 1.0 } else { -1.0 };
        chart.draw_series(std::iter::once(Text::new(
            arrow.name.clone(),
            (tx, ty + shift * uy),
            pen.font(12.0).color(&arrow.look.colour(p)).pos(anchor),
        )))?;
    }
    for (i, e) in data.estimates.iter().enumerate() {
        let (mx, my) = if line {
            (e.mean.0, row(i, count))
        } else {
            e.mean
        };
        if !(mx.is_finite() && my.is_finite()) {
            continue;
        }
        let style = e.look.colour(p).stroke_width(px(2.0));
        chart.draw_series(LineSeries::new(
            [(mx - e.band.0, my), (mx + e.band.0, my)],
            style,
        ))?;
        if !line {
            chart.draw_series(LineSeries::new(
                [(mx, my - e.band.1), (mx, my + e.band.1)],
                style,
            ))?;
        }
        chart.draw_series(std::iter::once(Circle::new(
            (mx, my),
            px(4.0),
            e.look.colour(p).filled(),
        )))?;
    }
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;
    use crate::charts::LIGHT;

    fn data<'a>(arrows: &'a [Arrow], estimates: &'a [Estimate], plane: bool) -> Arrows<'a> {
        Arrows {
            arrows,
            estimates,
            x_label: "∂/∂θ[0]",
            y_label: plane.then_some("∂/∂θ[1]"),
            scale: 1.0,
            palette: &LIGHT,
        }
    }

    #[test]
    fn one_unit_is_as_long_on_both_axes() {
        let arrows = [Arrow {
            tip: (4.0, 1.0),
            look: look::PLAIN,
            name: "a".into(),
        }];
        let ((x0, x1), (y0, y1)) = ranges(&data(&arrows, &[], true), (400.0, 200.0));
        assert!(((x1 - x0) / 400.0 - (y1 - y0) / 200.0).abs() < 1e-12);
        assert!(x0 < 0.0 && x1 > 4.0 && y0 < 0.0 && y1 > 1.0);
    }

    #[test]
    fn draws_arrows_heads_rings_and_estimates() {
        let arrows = [
            Arrow {
                tip: (1.0, 0.5),
                look: look::PLAIN,
                name: "a".into(),
            },
            Arrow {
                tip: (-0.5, 0.2),
                look: look::REFERENCE,
                name: "b".into(),
            },
        ];
        let estimates = [Estimate {
            mean: (0.9, 0.45),
            band: (0.1, 0.05),
            look: look::PLAIN,
        }];
        for plane in [true, false] {
            let recorder = Recorder::default();
            let log = std::rc::Rc::clone(&recorder.0);
            let area = recorder.into_drawing_area();
            draw(&area, &data(&arrows, &estimates, plane)).expect("draws");
            let rec = log.borrow();
            assert_eq!(rec.polygons.len(), 2, "a head per arrow");
            assert_eq!(rec.circles.len(), 3, "two exact rings and one estimate");
            assert!(rec.presented);
        }
    }
}
