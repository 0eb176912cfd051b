//! Step 1: the objective J_θ, the expected discounted return of an episode.

use super::{Panel, Part, Step};
use leptos::prelude::*;

use crate::charts::curves::{self, Curve, Curves};
use crate::charts::look;
use crate::charts::mdp_diagram::{self, Diagram, Visit};
use crate::charts::timeline;
use crate::checks::objective_against_probability;
use crate::components::chart_canvas::ChartCanvas;
use crate::components::mdp_table::{diagram, diagram_class};
use crate::components::step_panel::legend_of;
use crate::components::{ConvergenceChart, ObjectiveChart};
use crate::context::Explorer;
use crate::format::fixed;
use crate::i18n::{t, t_with};
use leptos::leptos_dom::helpers::{set_interval_with_handle, IntervalHandle};
use pg_core::sample::first_episodes_within;

/// The objective.
pub static STEP: Step = Step {
    slug: "objective",
    part: Part::Seed,
    math: &[
        r"\tau = (s_0, a_0, s_1, a_1, \ldots, s_T)",
        r"G_t = \sum_{k=0}^{\infty} \gamma^{k} R_{t+k} = R_t + \gamma R_{t+1} + \gamma^2 R_{t+2} + \cdots",
        r"\underbrace{\boxed{J_\theta = \mathbb{E}_{\tau}\left[G_0\right] = \int_\tau G_0 \, P_\theta(\tau)\, d\tau}}_{\pgtext{math-what-we-maximise}}",
    ],
    tip: None,
    estimators: &[],
    in_code: None,
    panel,
};

/// The hero: the mean of G₀ over the sampled episodes converging to the exact J, beside J
/// against γ with the current γ marked; below them, one of those episodes replayed on the
/// MDP's diagram, its return adding up to one G₀.
fn panel() -> Panel {
    Panel {
        hero: view! {
            <div class="hero-pair">
                <ConvergenceChart estimators=STEP.estimators />
                <ObjectiveChart />
            </div>
            <EpisodeReplay />
            <ProbabilityChart />
        }
        .into_any(),
        checks: None,
    }
}

/// Episodes of the run the replay offers, and the environment steps drawn for them at most.
const REPLAY_EPISODES: usize = 20;
const REPLAY_STEPS: usize = 20_000;

/// One step of a replay every this many milliseconds, or faster for long episodes so that a
/// whole one plays in about [`REPLAY_SECONDS`].
const REPLAY_STEP_MS: u64 = 700;
const REPLAY_SECONDS: u64 = 15;

/// One of the run's episodes walked along the MDP's diagram, step by step, its discounted
/// return adding up as it goes: G₀ is one sample of what J averages. It never moves by itself
/// and jumps from state to state without sliding (reduced motion needs nothing else).
#[component]
fn EpisodeReplay() -> impl IntoView {
    let Explorer {
        snapshot,
        dark,
        target,
        ..
    } = Explorer::get();
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let graph = Memo::new(move |_| model.with(|m| diagram(m.mdp(), m.theta())));
    let episodes = Memo::new(move |_| {
        model.with(|m| {
            first_episodes_within(m.mdp(), m.policy(), m.seed(), REPLAY_EPISODES, REPLAY_STEPS)
        })
    });
    let choice = RwSignal::new(0usize);
    // How far the replay is: in s_t after t steps, 0 ≤ t ≤ T.
    let time = RwSignal::new(0usize);
    let playing = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        playing.set(false);
    };
    on_cleanup(stop);
    // Only episodes the run samples: with fewer than REPLAY_EPISODES wanted, those.
    let offered = move || {
        let wanted = usize::try_from(target.get()).unwrap_or(usize::MAX);
        episodes.with(Vec::len).min(wanted).max(1)
    };
    let episode = Memo::new(move |_| {
        let n = offered();
        episodes.with(|all| {
            let i = choice.get() % n;
            all.get(i).cloned().map(|e| (i + 1, e))
        })
    });
    // Another model starts again from its first episode.
    Effect::new(move |_| {
        model.with(|m| m.generation());
        stop();
        choice.set(0);
        time.set(0);
    });
    let length = move || episode.with(|e| e.as_ref().map_or(0, |(_, e)| e.len()));
    let at = move || time.get().min(length());
    let step = move || {
        if at() < length() {
            time.set(at() + 1);
        } else {
            stop();
        }
    };
    let play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        if at() >= length() {
            time.set(0);
        }
        let every = (REPLAY_SECONDS * 1000 / length().max(1) as u64).clamp(40, REPLAY_STEP_MS);
        let handle = set_interval_with_handle(
            move || {
                if at() < length() {
                    time.set(at() + 1);
                }
                if at() >= length() {
                    stop();
                }
            },
            std::time::Duration::from_millis(every),
        );
        timer.set_value(handle.ok());
        playing.set(true);
    };
    let another = move |_| {
        stop();
        choice.update(|c| *c += 1);
        time.set(0);
    };
    // Each step's γᵏRₖ and the return after it, Σ_{j≤k} γʲRⱼ: once per episode and γ, for
    // the status line and the CSV alike.
    let ledger = Memo::new(move |_| {
        let g = snapshot.with(|s| s.gamma());
        episode.with(|e| {
            let rewards = e.as_ref().map_or(&[][..], |(_, e)| e.rewards.as_slice());
            let mut total = 0.0;
            rewards
                .iter()
                .zip(timeline::discounts(g, rewards.len()))
                .map(|(r, d)| {
                    total += d * r;
                    (d * r, total)
                })
                .collect::<Vec<(f64, f64)>>()
        })
    });
    // The return after `upto` steps.
    let return_so_far = move |upto: usize| {
        upto.checked_sub(1)
            .and_then(|k| ledger.with(|l| l.get(k).map(|entry| entry.1)))
            .unwrap_or(0.0)
    };
    let status = Signal::derive(move || {
        let now = at();
        model.with(|m| {
            episode.with(|e| {
                let Some((number, e)) = e else {
                    return t("replay-none");
                };
                let mdp = m.mdp();
                let state = |i: usize| {
                    e.states
                        .get(i)
                        .and_then(|&s| mdp.states().get(s))
                        .map_or("?", String::as_str)
                };
                let total = e.len();
                let so_far = return_so_far(now);
                let head: [(&str, crate::i18n::Arg); 5] = [
                    ("number", number.to_string().into()),
                    ("offered", offered().to_string().into()),
                    ("seed", m.seed().to_string().into()),
                    ("now", now.to_string().into()),
                    ("total", total.to_string().into()),
                ];
                let body = if now == 0 {
                    let mut args = head.to_vec();
                    args.push(("state", state(0).into()));
                    t_with("replay-status-start", &args)
                } else {
                    let k = now - 1;
                    let action = e
                        .actions
                        .get(k)
                        .and_then(|&a| mdp.actions().get(a))
                        .map_or("?", String::as_str);
                    let reward = e.rewards.get(k).copied().unwrap_or(0.0);
                    let moved = if e.states.get(k) == e.states.get(now) {
                        t_with("replay-stayed", &[("state", state(now).into())])
                    } else {
                        t_with("replay-moved", &[("state", state(now).into())])
                    };
                    let mut args = head.to_vec();
                    args.extend([
                        ("from", state(k).into()),
                        ("action", action.into()),
                        ("moved", moved.into()),
                        ("k-sub", crate::format::subscript(&k.to_string()).into()),
                        ("k-sup", crate::format::superscript(&k.to_string()).into()),
                        ("reward", crate::format::compact(reward, 3).into()),
                        (
                            "discounted",
                            crate::format::compact(
                                ledger.with(|l| l.get(k).map_or(0.0, |entry| entry.0)),
                                4,
                            )
                            .into(),
                        ),
                        ("so-far", fixed(so_far, 4).into()),
                    ]);
                    t_with("replay-status-step", &args)
                };
                let end = if now == total {
                    let why = if e.states.last().is_some_and(|&s| mdp.is_terminal(s)) {
                        t_with("replay-end-terminal", &[("state", state(total).into())])
                    } else {
                        t_with(
                            "replay-end-horizon",
                            &[("horizon", mdp.horizon().to_string().into())],
                        )
                    };
                    let j = snapshot.with(|s| s.j()).map_or(String::new(), |j| {
                        format!(
                            " {}",
                            t_with("replay-end-mean", &[("j", fixed(j, 4).into())])
                        )
                    });
                    let ends = t_with(
                        "replay-end",
                        &[("why", why.into()), ("return", fixed(so_far, 4).into())],
                    );
                    format!(" {ends}{j}")
                } else {
                    String::new()
                };
                format!("{body}{end}")
            })
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let now = at();
        let visit = episode.with(|e| {
            e.as_ref().and_then(|(_, e)| {
                Some(Visit {
                    state: *e.states.get(now)?,
                    from: now.checked_sub(1).and_then(|k| e.states.get(k).copied()),
                })
            })
        });
        graph.with(|(nodes, edges)| {
            let data = Diagram {
                nodes,
                edges,
                visit,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = mdp_diagram::draw(&area, &data) {
                leptos::logging::warn!("episode replay: {err}");
            }
        });
    });
    let csv = Signal::derive(move || {
        model.with(|m| {
            episode.with(|e| {
                let mut out =
                    String::from("t,state,action,reward,discounted_reward,return_so_far\n");
                let Some((_, e)) = e else { return out };
                let name = |names: &[String], i: usize| names.get(i).cloned().unwrap_or_default();
                ledger.with(|ledger| {
                    for (k, ((&s, (&a, &r)), (discounted, total))) in e
                        .states
                        .iter()
                        .zip(e.actions.iter().zip(&e.rewards))
                        .zip(ledger)
                        .enumerate()
                    {
                        out.push_str(&format!(
                            "{k},\"{}\",\"{}\",{r},{discounted},{total}\n",
                            name(m.mdp().states(), s),
                            name(m.mdp().actions(), a),
                        ));
                    }
                });
                out
            })
        })
    });
    let finished = move || length() > 0 && at() >= length();
    let play_label = move || {
        if playing.get() {
            t("replay-pause")
        } else if finished() {
            t("replay-replay")
        } else {
            t("replay-play")
        }
    };
    view! {
        <div class=move || graph.with(|(nodes, _)| diagram_class(nodes))>
            <ChartCanvas testid="chart-episode-replay" summary=status paint=paint csv=csv
                data_value=Signal::derive(move || format!("{}/{}", at(), length()))
                caption=t("replay-caption") />
        </div>
        // Announced when it stops, not at every step of a replay.
        <p class="chart-summary" data-testid="replay-status"
            aria-live=move || if playing.get() { "off" } else { "polite" }>{status}</p>
        <p class="chart-actions">
            <button type="button" data-testid="replay-play" aria-pressed=move || playing.get().to_string()
                on:click=play>
                {play_label}
            </button>
            <button type="button" data-testid="replay-step" disabled=finished
                on:click=move |_| { stop(); step(); }>
                {t("replay-next-step")}
            </button>
            <button type="button" data-testid="replay-another" on:click=another>
                {t("replay-another")}
            </button>
        </p>
    }
}

/// Grid points of the J-against-probability curve.
const PROBABILITY_POINTS: usize = 100;

/// For a policy that is the same in every state (Sutton and Barto's short corridor), J
/// against the probability of the second action, its best value marked: the number students
/// check against the textbook. Nothing for other MDPs.
#[component]
fn ProbabilityChart() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    let curve = Memo::new(move |_| {
        snapshot.with(|s| {
            let m = s.model();
            objective_against_probability(m.mdp(), m.theta(), s.gamma(), PROBABILITY_POINTS)
        })
    });
    let curves = Memo::new(move |_| {
        curve.with(|c| {
            let Some(c) = c else { return Vec::new() };
            // Near π = 0 or 1 the corridor's J falls without bound: the chart shows down to
            // three times the best J's size below it, where the shape is.
            let floor = c.best.1 - 3.0 * c.best.1.abs().max(1e-9);
            let shown: Vec<(f64, f64)> =
                c.points.iter().copied().filter(|p| p.1 >= floor).collect();
            let low = shown.iter().map(|p| p.1).fold(c.best.1, f64::min);
            vec![
                Curve {
                    label: t_with(
                        "objective-probability-exact",
                        &[("action", c.action.as_str().into())],
                    ),
                    points: shown,
                    look: look::PLAIN,
                },
                Curve {
                    label: t_with(
                        "objective-probability-best",
                        &[
                            ("action", c.action.as_str().into()),
                            ("best", fixed(c.best.0, 3).into()),
                            ("j", fixed(c.best.1, 3).into()),
                        ],
                    ),
                    points: vec![(c.best.0, low), (c.best.0, c.best.1)],
                    look: look::REFERENCE,
                },
            ]
        })
    });
    let summary = Signal::derive(move || {
        let g = snapshot.with(|s| s.gamma());
        curve.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                t_with(
                    "objective-probability-summary",
                    &[
                        ("action", c.action.as_str().into()),
                        ("gamma", crate::format::gamma(g).into()),
                        ("best", fixed(c.best.0, 3).into()),
                        ("j", fixed(c.best.1, 3).into()),
                        ("current", fixed(c.current, 3).into()),
                    ],
                )
            })
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let current = curve.with(|c| c.as_ref().map(|c| c.current));
        let y_label = t("objective-probability-y");
        let x_label = curve.with(|c| {
            c.as_ref().map_or(String::new(), |c| {
                t_with(
                    "objective-probability-axis",
                    &[("action", c.action.as_str().into())],
                )
            })
        });
        curves.with(|cs| {
            let data = Curves {
                curves: cs,
                x_range: (0.0, 1.0),
                x_label: &x_label,
                y_label: &y_label,
                guide: current,
                reference: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            if let Err(err) = curves::draw(&area, &data) {
                leptos::logging::warn!("J against the probability: {err}");
            }
        });
    });
    view! {
        <Show when=move || curve.with(Option::is_some)>
            <ChartCanvas testid="chart-objective-vs-probability" summary=summary paint=paint
                legend=Signal::derive(move || curves.with(|c| legend_of(c)))
                csv=Signal::derive(move || curves.with(|c| curves::csv("probability", c)))
                data_value=Signal::derive(move || curve.with(|c| c.as_ref().map_or(String::new(), |c| format!("{:e}", c.best.0))))
                caption=move || {
                    // The textbook's number, where this is the textbook's MDP.
                    let textbook = snapshot.with(|s| s.model().preset() == Some("corridor"));
                    let caption = t("objective-probability-caption");
                    if textbook {
                        format!("{caption} {}", t("objective-probability-textbook"))
                    } else {
                        caption
                    }
                } />
            <p class="chart-summary" data-testid="probability-summary">{summary}</p>
        </Show>
    }
}
