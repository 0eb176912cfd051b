//! A matrix as a heatmap: cell (k, t) of the cross-term matrix C, coloured on a diverging
//! scale centred at zero (ColorBrewer's RdBu: blue positive, red negative) with its colour
//! bar, and, where asked, the cells below the diagonal whose estimate is consistent with zero
//! marked by a ring, so the reading does not rest on colour alone. [`draw`] is pure: it
//! paints the given data on the given area.

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
    /// Standard errors of the values, for estimates: cells below the diagonal (k < t)
    /// within two of zero get a ring.
    pub stderr: Option<&'a [f64]>,
    /// Whether to draw the colour bar at the right.
    pub colour_bar: bool,
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

/// The colour of a value on the diverging scale: its sign and size relative to `max`, through
/// a signed square root so that cells a tenth of the largest still show (a third of the
/// way to full colour). On a dark page the centre is the background rather than white.
pub fn cell_colour(value: f64, max: f64, palette: &Palette) -> RGBColor {
    let r = if max > 0.0 && value.is_finite() {
        (value / max).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let t = r.signum() * r.abs().sqrt();
    scale_colour(t, palette)
}

/// The scale's colour at t ∈ [−1, 1] (0 is the centre).
fn scale_colour(t: f64, palette: &Palette) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    // RdBu runs from red (0) to blue (1): positive values blue.
    let c = colorous::RED_BLUE.eval_continuous(0.5 + 0.5 * t);
    let full = RGBColor(c.r, c.g, c.b);
    // On a dark page a small value still shows: the weight grows like √|t|.
    let weight = if palette.dark { t.abs().sqrt() } else { 1.0 };
    let bg = palette.background;
    let mix = |a: u8, b: u8| (f64::from(a) * (1.0 - weight) + f64::from(b) * weight).round() as u8;
    RGBColor(mix(bg.0, full.0), mix(bg.1, full.1), mix(bg.2, full.2))
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
    // The colour bar takes a strip at the right, as wide as its labels.
    let (w, h) = area.dim_in_pixel();
    let label_chars = [data.scale_max, -data.scale_max]
        .iter()
        .map(|&v| colour_bar_label(v, data.scale_max).chars().count())
        .max()
        .unwrap_or(4) as f64;
    let strip = if data.colour_bar {
        px(24.0 + 7.2 * label_chars)
    } else {
        0
    };
    let (grid_area, bar_area) = if data.colour_bar {
        let (a, b) = area.split_horizontally(w.saturating_sub(strip));
        (a, Some(b))
    } else {
        (area.clone(), None)
    };
    // Cell i spans [i − ½, i + ½], so its tick sits at its centre; a label every few cells,
    // so that two-digit labels (about 18 CSS pixels) never touch.
    let span = n as f64 - 0.5;
    let grid_css = f64::from(w.saturating_sub(strip).min(h)) / pen.ratio - 56.0;
    let cell_css = (grid_css / n as f64).max(1.0);
    let every = ((18.0 / cell_css).ceil() as usize).max(1);
    let tick = move |v: &f64| {
        let i = v.round();
        if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize).is_multiple_of(every) {
            format!("{}", i as usize)
        } else {
            String::new()
        }
    };
    let mut chart = ChartBuilder::on(&grid_area)
        .margin(px(8.0))
        .caption(data.title, font(13.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(40.0))
        .build_cartesian_2d(-0.5..span, span..-0.5)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(n + 1)
        .y_labels(n + 1)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(crate::i18n::t("chart-cross-terms-k-axis"))
        .y_desc(crate::i18n::t("chart-cross-terms-t-axis"))
        .label_style(font(12.0))
        .axis_desc_style(font(12.0))
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
        let (x, y) = (k as f64 - 0.5, t as f64 - 0.5);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x, y), (x + 1.0, y + 1.0)],
            cell_colour(value, data.scale_max, p).filled(),
        )))?;
        let zero = k < t
            && data
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
    // A staircase under the diagonal cells separates the kept cells (k ≥ t, on and above
    // the diagonal) from those with a reward before the action (k < t, below it).
    let stairs: Vec<(f64, f64)> = std::iter::once((-0.5, 0.5))
        .chain((0..n.saturating_sub(1)).flat_map(|i| {
            let x = i as f64 + 0.5;
            [(x, x), (x, x + 1.0)]
        }))
        .collect();
    if stairs.len() > 1 {
        chart.draw_series(LineSeries::new(
            stairs,
            p.ink.mix(0.7).stroke_width(px(1.5)),
        ))?;
    }
    if let Some(bar) = bar_area {
        draw_colour_bar(&bar, data.scale_max, &pen)?;
    }
    area.present()
}

/// A label of the colour bar, for a scale running to ±`max`.
fn colour_bar_label(value: f64, max: f64) -> String {
    let decimals = super::tick_decimals(-max, max).max(1);
    crate::format::fixed(value, decimals)
}

/// The colour bar: the scale from −max (bottom) to +max (top) with three labels.
fn draw_colour_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    max: f64,
    pen: &super::Pen<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let p = pen.palette;
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = (pen.px(34.0) as i32, h as i32 - pen.px(44.0) as i32);
    if bottom <= top {
        return Ok(());
    }
    let (left, width) = (pen.px(4.0) as i32, pen.px(12.0) as i32);
    let rows = bottom - top;
    for y in 0..rows {
        // Linear in the value: the bar shows the square-root mapping of the cells.
        let value = 1.0 - 2.0 * f64::from(y) / f64::from(rows.max(1));
        let colour = cell_colour(value, 1.0, p);
        area.draw(&Rectangle::new(
            [(left, top + y), (left + width, top + y + 1)],
            colour.filled(),
        ))?;
    }
    area.draw(&Rectangle::new(
        [(left, top), (left + width, bottom)],
        p.guide.stroke_width(1),
    ))?;
    let label = |v: f64| colour_bar_label(v, max);
    let style = pen.font(12.0);
    let x = left + width + pen.px(4.0) as i32;
    for (text, y) in [
        (label(max), top),
        ("0".to_string(), (top + bottom) / 2),
        (label(-max), bottom),
    ] {
        area.draw(&Text::new(
            text,
            (x, y),
            style.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        ))?;
    }
    Ok(())
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
        let blue = |c: RGBColor| i32::from(c.2) - i32::from(c.0);
        // Zero is the scale's pale centre; on a dark page, the background itself.
        let centre = cell_colour(0.0, 1.0, &LIGHT);
        assert!(
            centre.0 > 230 && centre.1 > 230 && centre.2 > 230,
            "{centre:?}"
        );
        assert_eq!(
            cell_colour(0.0, 1.0, &crate::charts::DARK),
            crate::charts::DARK.background
        );
        assert!(blue(cell_colour(1.0, 1.0, &LIGHT)) > 50, "positive is blue");
        assert!(
            blue(cell_colour(-1.0, 1.0, &LIGHT)) < -50,
            "negative is red"
        );
        assert_eq!(
            cell_colour(-2.0, 1.0, &LIGHT),
            cell_colour(-1.0, 1.0, &LIGHT),
            "clamped"
        );
        assert_eq!(cell_colour(f64::NAN, 1.0, &LIGHT), centre);
        // A cell a tenth of the largest is visibly coloured, not lost in the background.
        let faint = cell_colour(-0.1, 1.0, &LIGHT);
        assert!(blue(faint) < -30, "{faint:?}");
        assert!(consistent_with_zero(0.01, 0.01) && !consistent_with_zero(0.05, 0.01));
    }

    #[test]
    fn rings_mark_cells_consistent_with_zero() {
        // C[k, t] at k * 2 + t: C[0,0], C[0,1], C[1,0], C[1,1]. Only C[0, 1] (k < t: the
        // reward before the action) is below the diagonal; C[0, 0] is as small but on it.
        let values = [0.001, 0.002, 1.0, 0.3];
        let stderr = [0.1, 0.1, 0.1, 0.1];
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Heatmap {
            len: 2,
            values: &values,
            stderr: Some(&stderr),
            colour_bar: true,
            scale_max: 1.0,
            title: "estimate",
            scale: 1.0,
            palette: &LIGHT,
        };
        draw(&area, &data).expect("draws");
        let rec = log.borrow();
        assert_eq!(
            rec.circles.len(),
            1,
            "only C[0, 1] = 0.002 ± 0.1, below the diagonal"
        );
        assert!(rec.presented);
    }
}
