//! Step 2's picture: ∇J as a weighted sum over episodes. Above, the probability P_θ(τ) of the
//! most likely episodes as bars, each with an arrow for how it moves when θ\[k\] grows; below,
//! each episode's G₀(τ)·∂P/∂θ\[k\], the rest of the episodes together, and their sum beside the
//! finite-difference slope of J (a dashed line): the same number. [`draw`] is pure.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::look;
use super::Palette;
use crate::checks::EpisodeWeights;

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights<'a> {
    /// The numbers.
    pub data: &'a EpisodeWeights,
    /// The component's name, `θ[s1, right]`.
    pub component: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// The arrows' factor δ: the largest δ·|∂P/∂θ\[k\]| is about 40 % of the tallest bar, δ on a
/// 1-2-5 series, so the arrows read as "P after θ\[k\] + δ" to first order.
pub fn arrow_factor(data: &EpisodeWeights) -> f64 {
    let top = data.shown.iter().fold(0.0f64, |m, e| m.max(e.probability));
    let slope = data.shown.iter().fold(0.0f64, |m, e| m.max(e.slope.abs()));
    if !(top > 0.0 && slope > 0.0 && slope.is_finite()) {
        return 1.0;
    }
    let wanted = 0.4 * top / slope;
    let decade = 10f64.powf(wanted.log10().floor());
    let lead = wanted / decade;
    let step = if lead >= 5.0 {
        5.0
    } else if lead >= 2.0 {
        2.0
    } else {
        1.0
    };
    step * decade
}

/// The δ of [`arrow_factor`] as text: `0.5`, `20`, `2×10⁻³`.
pub fn factor_text(delta: f64) -> String {
    if (1e-2..1e4).contains(&delta) {
        crate::format::fixed(delta, (-delta.log10().floor()).max(0.0) as usize)
    } else {
        crate::format::scientific(delta, 0)
    }
}

/// A chart of bars in `columns` unit-wide columns.
type Columns<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A panel of `columns` columns over y in `lo..hi`, its y axis named; the columns are
/// labelled with [`label_column`] instead of x ticks.
fn columns_panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    pen: &'a super::Pen<'a>,
    columns: usize,
    (lo, hi): (f64, f64),
    y_label: &str,
) -> Result<Columns<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let decimals = super::tick_decimals(lo, hi);
    let mut chart = ChartBuilder::on(area)
        .margin(pen.px(10.0))
        .x_label_area_size(pen.px(22.0))
        .y_label_area_size(pen.y_label_area(lo, hi, decimals))
        .build_cartesian_2d(0.0..columns.max(1) as f64, lo..hi)?;
    pen.style_mesh(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(4)
            .y_label_formatter(&|y: &f64| crate::format::fixed(*y, decimals)),
        "",
        y_label,
    )
    .draw()?;
    Ok(chart)
}

/// Writes `text` under column `i`, below the value `y` (the panel's lower end).
fn label_column<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Columns<'_, DB>,
    font: &TextStyle<'_>,
    i: usize,
    y: f64,
    text: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    // Backend coordinates, drawn on `area`, whose origin may lie elsewhere on the backend.
    let (x, y) = chart.backend_coord(&(i as f64 + 0.5, y));
    let (ox, oy) = area.get_base_pixel();
    area.draw(&Text::new(
        text.to_string(),
        (x - ox, y - oy + 4),
        font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
    ))
}

/// Draws both panels.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    w: &Weights<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(w.scale, w.palette);
    let (p, px) = (w.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;
    let data = w.data;
    let n = data.shown.len();
    let height = area.dim_in_pixel().1;
    let (upper, lower) = area.split_vertically(height * 52 / 100);
    let label_font = pen.font(12.0).color(&p.ink);

    // Above: P(τ) and δ·∂P/∂θ[k].
    let delta = arrow_factor(data);
    let tips = data.shown.iter().map(|e| e.probability + delta * e.slope);
    let top = data
        .shown
        .iter()
        .map(|e| e.probability)
        .chain(tips)
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.12;
    let mut chart = columns_panel(&upper, &pen, n, (0.0, top), "P(τ)")?;
    let bar = p.guide.mix(0.55).filled();
    let arrow = look::EXACT.colour(p);
    for (i, e) in data.shown.iter().enumerate() {
        let x = i as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x + 0.18, 0.0), (x + 0.82, e.probability)],
            bar,
        )))?;
        let (from, to) = (
            e.probability,
            (e.probability + delta * e.slope).clamp(0.0, top),
        );
        // Backend coordinates, drawn on `upper`: relative to its origin.
        let (ox, oy) = upper.get_base_pixel();
        let (cx, y0) = chart.backend_coord(&(x + 0.5, from));
        let (_, y1) = chart.backend_coord(&(x + 0.5, to));
        let (cx, y0, y1) = (cx - ox, y0 - oy, y1 - oy);
        if (y1 - y0).abs() >= 2 {
            let head = px(5.0) as i32;
            let dir = if y1 < y0 { 1 } else { -1 };
            upper.draw(&PathElement::new(
                vec![(cx, y0), (cx, y1 + dir * head / 2)],
                arrow.stroke_width(px(2.0)),
            ))?;
            upper.draw(&Polygon::new(
                vec![
                    (cx, y1),
                    (cx - head, y1 + dir * head),
                    (cx + head, y1 + dir * head),
                ],
                arrow.filled(),
            ))?;
        }
        label_column(&upper, &chart, &label_font, i, 0.0, &(i + 1).to_string())?;
    }

    // Below: G₀·∂P/∂θ[k] per episode, the rest, and the sum beside the finite difference.
    let values: Vec<f64> = data
        .shown
        .iter()
        .map(|e| e.g0 * e.slope)
        .chain([data.rest, data.total])
        .collect();
    let (lo, hi) = super::padded_range(
        values.iter().copied().chain([0.0, data.finite_difference]),
        (-1.0, 1.0),
    );
    let columns = values.len();
    let mut chart = columns_panel(
        &lower,
        &pen,
        columns,
        (lo, hi),
        &format!("G₀ ∂P/∂{}", w.component),
    )?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (columns as f64, 0.0)],
        p.guide.stroke_width(px(1.0)),
    )))?;
    let positive = look::estimator(pg_core::Estimator::Trajectory).colour(p);
    for (i, &v) in values.iter().enumerate() {
        let x = i as f64;
        let style = if i == columns - 1 {
            p.ink.filled()
        } else if i == columns - 2 {
            p.guide.mix(0.55).filled()
        } else {
            positive.mix(if v >= 0.0 { 0.85 } else { 0.45 }).filled()
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x + 0.18, 0.0), (x + 0.82, v)],
            style,
        )))?;
        let label = if i == columns - 1 {
            "Σ".to_string()
        } else if i == columns - 2 {
            crate::i18n::t("chart-weights-rest")
        } else {
            (i + 1).to_string()
        };
        label_column(&lower, &chart, &label_font, i, lo, &label)?;
    }
    // The finite-difference slope across the sum's column: the bar's end meets it.
    let x = (columns - 1) as f64;
    super::draw_line(
        &mut chart,
        &[
            (x - 0.1, data.finite_difference),
            (x + 1.0, data.finite_difference),
        ],
        (lo, hi),
        &look::EXACT,
        &pen,
        2.0,
    )?;
    area.present()
}

/// The numbers as CSV: `rank,episode,probability,dP_dtheta_k,G0,G0_dP` and the rest and sum.
pub fn csv(data: &EpisodeWeights) -> String {
    let mut out = String::from("rank,episode,probability,dP_dtheta_k,G0,G0_dP\n");
    for (i, e) in data.shown.iter().enumerate() {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            i + 1,
            e.label,
            e.probability,
            e.slope,
            e.g0,
            e.g0 * e.slope
        ));
    }
    out.push_str(&format!(
        "rest,{} other episodes,,,,{}\n",
        data.rest_count, data.rest
    ));
    out.push_str(&format!("sum,every episode,,,,{}\n", data.total));
    out.push_str(&format!(
        "finite_difference,dJ/dtheta_k,,,,{}\n",
        data.finite_difference
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;
    use crate::charts::LIGHT;
    use crate::checks::EpisodeWeight;

    fn sample() -> EpisodeWeights {
        let e = |p: f64, d: f64, g: f64| EpisodeWeight {
            label: "s0→s1".into(),
            probability: p,
            slope: d,
            g0: g,
        };
        EpisodeWeights {
            shown: vec![e(0.5, 0.2, 1.0), e(0.3, -0.1, 2.0), e(0.1, -0.05, -1.0)],
            rest: 0.01,
            rest_count: 4,
            total: 0.06,
            finite_difference: 0.06,
        }
    }

    #[test]
    fn arrows_are_scaled_on_a_one_two_five_series() {
        let d = sample();
        // 0.4 · 0.5 / 0.2 = 1 → 1.
        assert_eq!(arrow_factor(&d), 1.0);
        let mut small = d.clone();
        small.shown.iter_mut().for_each(|e| e.slope *= 100.0);
        assert!((arrow_factor(&small) - 0.01).abs() < 1e-15);
        let mut flat = d;
        flat.shown.iter_mut().for_each(|e| e.slope = 0.0);
        assert_eq!(arrow_factor(&flat), 1.0);
        assert_eq!(factor_text(0.5), "0.5");
        assert_eq!(factor_text(20.0), "20");
    }

    #[test]
    fn draws_a_bar_per_episode_in_each_panel_and_an_arrow_each() {
        let d = sample();
        let rec = Recorder::default();
        let log = rec.0.clone();
        let area = rec.into_drawing_area();
        let weights = Weights {
            data: &d,
            component: "θ[s0, right]",
            scale: 1.0,
            palette: &LIGHT,
        };
        draw(&area, &weights).unwrap();
        let log = log.borrow();
        assert!(log.presented);
        // Three arrowheads (triangles).
        assert_eq!(log.polygons.iter().filter(|p| p.len() == 3).count(), 3);
        for label in ["1", "2", "3", "rest", "Σ"] {
            assert!(log.texts.iter().any(|t| t == label), "{label}");
        }
        assert!(log.texts.iter().any(|t| t.contains("G₀ ∂P/∂θ[s0, right]")));
        assert!(csv(&d).lines().count() == 1 + 3 + 3);
    }
}
