//! One episode along time: each reward as a bar (its discounted part γᵏR_k filled, the rest
//! outlined), the weight γᵏ as a fading ramp, and the reward-to-go Σ_{k≥t} γᵏR_k = γᵗG_t from
//! every t as a step line, with the rewards from a chosen t on shaded. [`draw`] is pure.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::look::{self, Look};
use super::Palette;

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timeline<'a> {
    /// The rewards R_0, R_1, … of one episode.
    pub rewards: &'a [f64],
    /// The discount γ.
    pub gamma: f64,
    /// The time t whose rewards from t on are shaded.
    pub from: usize,
    /// The look of the reward-to-go line.
    pub look: Look,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: &'a Palette,
}

/// γᵏ for k = 0, 1, …, n − 1 (γ⁰ = 1, also for γ = 0).
pub fn discounts(gamma: f64, n: usize) -> Vec<f64> {
    std::iter::successors(Some(1.0), |d| Some(d * gamma))
        .take(n)
        .collect()
}

/// The reward-to-go from every t: Σ_{k≥t} γᵏR_k, which is γᵗG_t.
pub fn reward_to_go(rewards: &[f64], gamma: f64) -> Vec<f64> {
    let weighted: Vec<f64> = rewards
        .iter()
        .zip(discounts(gamma, rewards.len()))
        .map(|(r, d)| r * d)
        .collect();
    let mut out = vec![0.0; rewards.len()];
    let mut sum = 0.0;
    for (o, w) in out.iter_mut().zip(&weighted).rev() {
        sum += w;
        *o = sum;
    }
    out
}

/// Draws the episode.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Timeline<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = super::Pen::new(data.scale, data.palette);
    let (p, px) = (data.palette, |v: f64| pen.px(v));
    area.fill(&p.background)?;
    let n = data.rewards.len();
    let rtg = reward_to_go(data.rewards, data.gamma);
    let weights = discounts(data.gamma, n);
    let (lo, hi) = super::padded_range(
        data.rewards.iter().chain(&rtg).copied().chain([0.0]),
        (-1.0, 1.0),
    );
    let decimals = super::tick_decimals(lo, hi);
    let x_hi = n.max(1) as f64 - 0.5;
    let mut chart = ChartBuilder::on(area)
        .margin(px(12.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(pen.y_label_area(lo, hi, decimals))
        .build_cartesian_2d(-0.5..x_hi, lo..hi)?;
    let every = n
        .div_ceil(pen.x_label_count(area.dim_in_pixel().0, 3).max(1))
        .max(1);
    let x_format = move |x: &f64| {
        let k = x.round();
        if (x - k).abs() < 1e-6 && k >= 0.0 && (k as usize).is_multiple_of(every) {
            format!("{k}")
        } else {
            String::new()
        }
    };
    let y_format = |y: &f64| crate::format::fixed(*y, decimals);
    pen.style_mesh(
        chart
            .configure_mesh()
            .x_labels(n + 1)
            .y_labels(6)
            .x_label_formatter(&x_format)
            .y_label_formatter(&y_format),
        &crate::i18n::t("chart-time-axis"),
        &crate::i18n::t("chart-reward-axis"),
    )
    .draw()?;
    // The rewards from t on: the ones the reward-to-go at t adds up.
    let from = data.from.min(n.saturating_sub(1)) as f64;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(from - 0.5, lo), (x_hi, hi)],
        data.look.colour(p).mix(0.08).filled(),
    )))?;
    let bar = look::REWARD.colour(p);
    for (k, (&r, &w)) in data.rewards.iter().zip(&weights).enumerate() {
        let x = k as f64;
        // The whole reward outlined, its discounted part γᵏR_k filled.
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.35, 0.0), (x + 0.35, r)],
            bar.stroke_width(px(1.0)),
        )))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.35, 0.0), (x + 0.35, r * w)],
            bar.mix(0.55).filled(),
        )))?;
    }
    // γᵏ as a fading ramp along the top, from full at k = 0.
    let ramp_h = (hi - lo) * 0.04;
    for (k, &w) in weights.iter().enumerate() {
        let x = k as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.5, hi - ramp_h), (x + 0.5, hi)],
            p.ink.mix(0.08 + 0.6 * w).filled(),
        )))?;
    }
    // The reward-to-go from each t, as steps.
    let steps: Vec<(f64, f64)> = rtg
        .iter()
        .enumerate()
        .flat_map(|(t, &v)| [(t as f64 - 0.5, v), (t as f64 + 0.5, v)])
        .collect();
    super::draw_line(&mut chart, &steps, (lo, hi), &data.look, &pen, 2.5)?;
    chart.draw_series(LineSeries::new(
        [(-0.5, 0.0), (x_hi, 0.0)],
        p.guide.stroke_width(px(1.0)),
    ))?;
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::recorder::Recorder;
    use crate::charts::LIGHT;

    #[test]
    fn the_reward_to_go_adds_the_discounted_rewards_from_t_on() {
        let rtg = reward_to_go(&[1.0, 10.0, 100.0], 0.5);
        assert_eq!(rtg, vec![1.0 + 5.0 + 25.0, 5.0 + 25.0, 25.0]);
        assert_eq!(discounts(0.0, 3), vec![1.0, 0.0, 0.0]);
        assert!(reward_to_go(&[], 0.9).is_empty());
    }

    #[test]
    fn draws_a_bar_pair_per_reward_and_the_reward_to_go() {
        let recorder = Recorder::default();
        let log = std::rc::Rc::clone(&recorder.0);
        let area = recorder.into_drawing_area();
        let data = Timeline {
            rewards: &[0.0, -0.5, 1.0],
            gamma: 0.9,
            from: 1,
            look: look::PLAIN,
            scale: 1.0,
            palette: &LIGHT,
        };
        draw(&area, &data).expect("draws");
        let rec = log.borrow();
        assert!(rec.presented);
        assert!(
            rec.paths.iter().any(|p| p.len() == 6),
            "three steps of the reward-to-go"
        );
    }
}
