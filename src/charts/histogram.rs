//! Overlaid histograms of per-episode values, on shared bins, with the exact mean as a
//! vertical line: two estimators with the same mean and different spread read at a glance.
//! [`draw`] is pure: it paints the given data on the given area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::look::{self, Look};
use super::Palette;

/// One sample of values.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The values, one per episode; non-finite ones are skipped.
    pub values: Vec<f64>,
    /// Its colour and line style (the outline's dash).
    pub look: Look,
}

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Histograms<'a> {
    /// The samples, drawn in order on the same bins.
    pub samples: &'a [Sample],
    /// The exact mean, drawn as a vertical line, if known.
    pub exact: Option<f64>,
    /// Name of the x axis (the quantity whose values are counted).
    pub x_label: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// Number of bins.
pub const BINS: usize = 40;

/// The bins' range: from the 0.5 % to the 99.5 % quantile of all values together (a few
/// extreme episodes must not squash the rest into one bin), widened to hold `exact`, padded.
pub fn bin_range(samples: &[Sample], exact: Option<f64>) -> (f64, f64) {
    let mut all: Vec<f64> = samples
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite())
        .collect();
    all.sort_by(f64::total_cmp);
    let quantile = |q: f64| {
        let i = ((all.len().saturating_sub(1)) as f64 * q).round() as usize;
        all.get(i).copied()
    };
    let ends = [quantile(0.005), quantile(0.995), exact];
    super::padded_range(ends.into_iter().flatten(), (-1.0, 1.0))
}

/// The fraction of each sample's values in each of [`BINS`] bins over `range`; values
/// outside fall in the end bins, so every episode counts.
pub fn fractions(values: &[f64], (lo, hi): (f64, f64)) -> Vec<f64> {
    let mut counts = vec![0.0; BINS];
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() || hi <= lo {
        return counts;
    }
    let width = (hi - lo) / BINS as f64;
    for v in &finite {
        let i = (((v - lo) / width).floor().max(0.0) as usize).min(BINS - 1);
        if let Some(c) = counts.get_mut(i) {
            *c += 1.0;
        }
    }
    let n = finite.len() as f64;
    counts.iter_mut().for_each(|c| *c /= n);
    counts
}

/// Draws the histograms as filled outlines, and the exact mean.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Histograms<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;
    let (lo, hi) = bin_range(data.samples, data.exact);
    let bins: Vec<Vec<f64>> = data
        .samples
        .iter()
        .map(|s| fractions(&s.values, (lo, hi)))
        .collect();
    let top = bins
        .iter()
        .flatten()
        .fold(0.0f64, |m, &f| m.max(f))
        .max(1e-9)
        * 1.08;
    let decimals = super::tick_decimals(lo, hi);
    let y_decimals = super::tick_decimals(0.0, top);
    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(pen.y_label_area(0.0, top, y_decimals))
        .build_cartesian_2d(lo..hi, 0.0..top)?;
    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(pen.x_label_count(area.dim_in_pixel().0, decimals + 3))
            .y_labels(5)
            .x_label_formatter(&|x: &f64| crate::format::fixed(*x, decimals))
            .y_label_formatter(&|y: &f64| crate::format::fixed(*y, y_decimals)),
        data.x_label,
        &crate::i18n::t("chart-fraction-axis"),
    )
    .draw()?;
    let width = (hi - lo) / BINS as f64;
    for (sample, fractions) in data.samples.iter().zip(&bins) {
        let colour = sample.look.colour(p);
        // The histogram's outline as a step line: up and across each bin.
        let mut outline = vec![(lo, 0.0)];
        for (i, &f) in fractions.iter().enumerate() {
            let x = lo + i as f64 * width;
            outline.extend([(x, f), (x + width, f)]);
        }
        outline.push((hi, 0.0));
        chart.draw_series(std::iter::once(Polygon::new(
            outline.clone(),
            colour.mix(0.18).filled(),
        )))?;
        super::draw_line(&mut chart, &outline, (0.0, top), &sample.look, &pen, 2.0)?;
    }
    if let Some(x) = data.exact.filter(|x| x.is_finite()) {
        super::draw_line(
            &mut chart,
            &[(x, 0.0), (x, top)],
            (0.0, top),
            &look::EXACT,
            &pen,
            2.0,
        )?;
    }
    area.present()
}

/// The histograms as CSV: `sample,bin_from,bin_to,fraction`, samples named in order.
pub fn csv(names: &[&str], samples: &[Sample], exact: Option<f64>) -> String {
    let (lo, hi) = bin_range(samples, exact);
    let width = (hi - lo) / BINS as f64;
    let mut out = String::from("sample,bin_from,bin_to,fraction\n");
    for (name, s) in names.iter().zip(samples) {
        for (i, f) in fractions(&s.values, (lo, hi)).iter().enumerate() {
            let from = lo + i as f64 * width;
            out.push_str(&format!("{name},{from},{},{f}\n", from + width));
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
    fn every_value_lands_in_a_bin_and_fractions_add_up_to_one() {
        let values = [-100.0, 0.0, 0.1, 0.5, 0.99, 1.0, 100.0, f64::NAN];
        let f = fractions(&values, (0.0, 1.0));
        assert_eq!(f.len(), BINS);
        assert!((f.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(
            (f[0] - 2.0 / 7.0).abs() < 1e-12,
            "−100 and 0 in the first bin"
        );
        assert!(
            (f[BINS - 1] - 3.0 / 7.0).abs() < 1e-12,
            "0.99, 1 and 100 in the last"
        );
    }

    #[test]
    fn the_range_ignores_a_few_extremes_but_holds_the_exact_mean() {
        let mut values: Vec<f64> = (0..1000).map(|i| f64::from(i) / 1000.0).collect();
        values.push(1e6);
        let s = [Sample {
            values,
            look: look::PLAIN,
        }];
        let (lo, hi) = bin_range(&s, Some(-0.5));
        assert!(lo < -0.5 && hi < 2.0, "{lo}..{hi}");
    }

    #[test]
    fn draws_an_outline_per_sample_and_the_exact_line() {
        let samples = [
            Sample {
                values: vec![0.0, 0.1, 0.1, 0.2],
                look: look::PLAIN,
            },
            Sample {
                values: vec![-1.0, 0.1, 1.2],
                look: look::REFERENCE,
            },
        ];
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Histograms {
            samples: &samples,
            exact: Some(0.1),
            x_label: "x",
            scale: 1.0,
            palette: &LIGHT,
        };
        draw(&area, &data).expect("draws");
        let rec = log.borrow();
        assert_eq!(rec.polygons.len(), 2, "a filled histogram per sample");
        assert!(rec.presented);
        let text = csv(&["a", "b"], &samples, Some(0.1));
        assert_eq!(text.lines().count(), 1 + 2 * BINS);
    }
}
