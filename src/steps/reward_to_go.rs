//! Step 8: the tail sum is γ^t G_t: REINFORCE with the reward-to-go, the original post's result.

use super::{Panel, Part, Step};
use leptos::prelude::*;
use pg_core::Estimator;

use crate::charts::look::{self, Entry};
use crate::charts::timeline::{self, reward_to_go, Timeline};
use crate::checks::first_episodes;
use crate::components::chart_canvas::ChartCanvas;
use crate::components::ConvergenceChart;
use crate::context::Explorer;
use crate::format::fixed;
use crate::i18n::{t, t_with, Arg};

/// Reward-to-go.
pub static STEP: Step = Step {
    slug: "reward-to-go",
    part: Part::Seed,
    math: &[
        r"\sum_{k \ge t} \gamma^k R_k = \gamma^t \sum_{k \ge t} \gamma^{k-t} R_k = \gamma^t G_t",
        r"\nabla_\theta J_\theta = \mathbb{E}_{\tau}\Big[\sum_{t=0}^{T-1} \underbrace{\boxed{\gamma^t G_t}}_{\pgtext{math-reward-to-go}} \nabla_\theta \ln \pi_\theta(a_t \mid s_t)\Big]",
    ],
    tip: None,
    estimators: &[Estimator::RewardToGo],
    in_code: Some(
        r#"# rtg[t] = Σ_{k≥t} γ^k R_k = γ^t G_t
rtg = np.cumsum((discounts * rewards)[::-1])[::-1]
estimate = rtg @ scores       # ← Σ_t γ^t G_t ∇ln π"#,
    ),
    panel,
};

/// The hero: one sampled episode along time, its rewards, the weights γᵏ and the
/// reward-to-go from every t; below it, the reward-to-go estimator converging to ∇J.
fn panel() -> Panel {
    Panel {
        hero: view! {
            <EpisodeTimeline />
            <ConvergenceChart estimators=STEP.estimators />
        }
        .into_any(),
        checks: None,
    }
}

/// Episodes of the run the timeline can show.
const TIMELINE_EPISODES: usize = 50;
/// The longest episode drawn in full; longer ones show their first steps.
const TIMELINE_STEPS: usize = 40;

/// The rewards of the run's first episodes with at least two steps and a reward that is not
/// zero (all of the first ones if none is), for one model.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    /// (number of the episode in the run, from 1; its rewards).
    episodes: Vec<(usize, Vec<f64>)>,
    generation: u64,
}

/// Step 8's picture: one sampled episode, its rewards as bars (the discounted part filled),
/// γᵏ as a ramp, and the reward-to-go from each t; "Another episode" moves through the run's
/// first episodes.
#[component]
fn EpisodeTimeline() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let shown = Memo::new(move |_| {
        let m = model.get();
        let all: Vec<(usize, Vec<f64>)> =
            first_episodes(m.mdp(), m.policy(), m.seed(), TIMELINE_EPISODES)
                .into_iter()
                .enumerate()
                .map(|(i, e)| (i + 1, e.rewards))
                .collect();
        // Episodes of two steps or more with a reward; first those with one of the largest
        // rewards (a goal, a pit), in the run's order.
        let largest = |r: &[f64]| r.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let top = all.iter().map(|(_, r)| largest(r)).fold(0.0f64, f64::max);
        let mut telling: Vec<(usize, Vec<f64>)> = all
            .iter()
            .filter(|(_, r)| r.len() >= 2 && r.iter().any(|&x| x != 0.0))
            .cloned()
            .collect();
        telling.sort_by_key(|(_, r)| largest(r) < 0.5 * top);
        Shown {
            episodes: if telling.is_empty() { all } else { telling },
            generation: m.generation(),
        }
    });
    let choice = RwSignal::new(0usize);
    // Another model starts again from its first telling episode.
    Effect::new(move |_| {
        shown.with(|s| s.generation);
        choice.set(0);
    });
    let episode = Memo::new(move |_| {
        shown.with(|s| {
            let n = s.episodes.len().max(1);
            s.episodes.get(choice.get() % n).cloned()
        })
    });
    let gamma = move || snapshot.with(|s| s.gamma());
    // The rewards drawn, and t: the middle of what is drawn.
    let drawn = move || {
        episode.with(|e| {
            e.as_ref().map_or((0, Vec::new()), |(i, r)| {
                (
                    *i,
                    r.iter().take(TIMELINE_STEPS).copied().collect::<Vec<_>>(),
                )
            })
        })
    };
    let summary = Signal::derive(move || {
        let (number, rewards) = drawn();
        let total = episode.with(|e| e.as_ref().map_or(0, |(_, r)| r.len()));
        if rewards.is_empty() {
            return t("reward-to-go-empty");
        }
        let g = gamma();
        let middle = rewards.len() / 2;
        let rtg = reward_to_go(&rewards, g);
        let args: [(&str, Arg); 10] = [
            ("number", number.to_string().into()),
            ("shown", rewards.len().to_string().into()),
            ("total", total.to_string().into()),
            (
                "rewards",
                rewards
                    .iter()
                    .map(|r| fixed(*r, 2))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            ),
            ("gamma", crate::format::gamma(g).into()),
            ("t", middle.to_string().into()),
            (
                "tail",
                fixed(rtg.get(middle).copied().unwrap_or(0.0), 4).into(),
            ),
            (
                "t-sup",
                crate::format::superscript(&middle.to_string()).into(),
            ),
            (
                "t-sub",
                crate::format::subscript(&middle.to_string()).into(),
            ),
            (
                "return",
                fixed(rtg.first().copied().unwrap_or(0.0), 4).into(),
            ),
        ];
        // Only the first steps of a long episode are drawn.
        if total > rewards.len() {
            t_with("reward-to-go-summary-cut", &args)
        } else {
            t_with("reward-to-go-summary", &args)
        }
    });
    let paint = Callback::new(move |(area, scale)| {
        let (_, rewards) = drawn();
        let data = Timeline {
            rewards: &rewards,
            gamma: gamma(),
            from: rewards.len() / 2,
            look: look::estimator(Estimator::RewardToGo),
            scale,
            palette: crate::charts::palette(dark.get()),
        };
        if let Err(err) = timeline::draw(&area, &data) {
            leptos::logging::warn!("timeline: {err}");
        }
    });
    let legend = Signal::derive(|| {
        vec![
            Entry::new(
                t("reward-to-go-legend-tail"),
                look::estimator(Estimator::RewardToGo),
            ),
            Entry::new(t("reward-to-go-legend-reward"), look::REWARD),
        ]
    });
    let csv = Signal::derive(move || {
        let (_, rewards) = drawn();
        let g = gamma();
        let rtg = reward_to_go(&rewards, g);
        let mut out = String::from("k,reward,discount,discounted_reward,reward_to_go\n");
        for (k, ((r, d), v)) in rewards
            .iter()
            .zip(timeline::discounts(g, rewards.len()))
            .zip(&rtg)
            .enumerate()
        {
            out.push_str(&format!("{k},{r},{d},{},{v}\n", r * d));
        }
        out
    });
    view! {
        <ChartCanvas testid="chart-timeline" summary=summary paint=paint legend=legend csv=csv
            caption=t("reward-to-go-caption") />
        <p class="chart-summary" data-testid="timeline-summary">{summary}</p>
        <p class="chart-actions">
            <button type="button" data-testid="another-episode"
                on:click=move |_| choice.update(|c| *c += 1)>
                {t("reward-to-go-another")}
            </button>
        </p>
    }
}
