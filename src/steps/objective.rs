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
use leptos::leptos_dom::helpers::{set_interval_with_handle, IntervalHandle};
use pg_core::sample::first_episodes_within;

/// The objective.
pub static STEP: Step = Step {
    slug: "objective",
    title: "The objective: expected return",
    part: Part::Seed,
    math: &[
        r"\tau = (s_0, a_0, s_1, a_1, \ldots, s_T)",
        r"G_t = \sum_{k=0}^{\infty} \gamma^{k} R_{t+k} = R_t + \gamma R_{t+1} + \gamma^2 R_{t+2} + \cdots",
        r"\underbrace{\boxed{J_\theta = \mathbb{E}_{\tau}\left[G_0\right] = \int_\tau G_0 \, P_\theta(\tau)\, d\tau}}_{\text{what we maximise}}",
    ],
    changed: "the objective",
    justification: "An episode $\\tau$ is one run of the process: a start state, an action, a reward, the next state, and so on until a terminal state or the horizon. Its return $G_t$ adds the rewards from time $t$ on, each discounted by $\\gamma$ once per step of delay (rewards after the end count as zero, and $\\gamma^0 = 1$ even when $\\gamma = 0$). The objective $J_\\theta$ averages the return from the start over all episodes, weighted by their probability $P_\\theta(\\tau)$. For a finite MDP the integral is a finite sum.",
    tip: None,
    confirms: "The mean of G₀ over sampled episodes converges to the exact J; J as a function of γ.",
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
    let t = RwSignal::new(0usize);
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
        t.set(0);
    });
    let length = move || episode.with(|e| e.as_ref().map_or(0, |(_, e)| e.len()));
    let at = move || t.get().min(length());
    let step = move || {
        if at() < length() {
            t.set(at() + 1);
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
            t.set(0);
        }
        let every = (REPLAY_SECONDS * 1000 / length().max(1) as u64).clamp(40, REPLAY_STEP_MS);
        let handle = set_interval_with_handle(
            move || {
                if at() < length() {
                    t.set(at() + 1);
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
        t.set(0);
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
                    return "No episode to replay.".to_string();
                };
                let mdp = m.mdp();
                let state = |t: usize| {
                    e.states
                        .get(t)
                        .and_then(|&s| mdp.states().get(s))
                        .map_or("?", String::as_str)
                };
                let total = e.len();
                let head = format!(
                    "Episode {number} of the {} sampled (seed {}), t = {now} of {total}: ",
                    offered(),
                    m.seed()
                );
                let so_far = return_so_far(now);
                let body = if now == 0 {
                    format!("it starts in {}. Nothing earned yet: the return so far is 0.", state(0))
                } else {
                    let k = now - 1;
                    let action = e
                        .actions
                        .get(k)
                        .and_then(|&a| mdp.actions().get(a))
                        .map_or("?", String::as_str);
                    let reward = e.rewards.get(k).copied().unwrap_or(0.0);
                    let moved = if e.states.get(k) == e.states.get(now) {
                        format!("stayed in {}", state(now))
                    } else {
                        format!("moved to {}", state(now))
                    };
                    format!(
                        "in {} it took {action} and {moved}, reward R{} = {}, which counts as γ{}R{} = {} in the return. The return so far, Σ γᵏRₖ over k < {now}, is {}.",
                        state(k),
                        crate::format::subscript(&k.to_string()),
                        crate::format::compact(reward, 3),
                        crate::format::superscript(&k.to_string()),
                        crate::format::subscript(&k.to_string()),
                        crate::format::compact(ledger.with(|l| l.get(k).map_or(0.0, |entry| entry.0)), 4),
                        fixed(so_far, 4)
                    )
                };
                let end = if now == total {
                    let why = if e.states.last().is_some_and(|&s| mdp.is_terminal(s)) {
                        format!("{} is a terminal state", state(total))
                    } else {
                        format!("it reached the horizon, H = {}", mdp.horizon())
                    };
                    let j = snapshot
                        .with(|s| s.j())
                        .map_or(String::new(), |j| format!(" J = {} is the mean of G₀ over every episode, weighted by its probability: the chart above averages samples like this one.", fixed(j, 4)));
                    format!(" The episode ends ({why}): its return is G₀ = {}.{j}", fixed(so_far, 4))
                } else {
                    String::new()
                };
                format!("{head}{body}{end}")
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
            "Pause"
        } else if finished() {
            "Replay"
        } else {
            "Play"
        }
    };
    view! {
        <div class=move || graph.with(|(nodes, _)| diagram_class(nodes))>
            <ChartCanvas testid="chart-episode-replay" summary=status paint=paint csv=csv
                data_value=Signal::derive(move || format!("{}/{}", at(), length()))
                caption="One sampled episode on the MDP. The orange ring (a disc, on a grid) marks the state it is in, and the orange arc the move it just made. Its return G₀ is one sample of J." />
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
                "Next step"
            </button>
            <button type="button" data-testid="replay-another" on:click=another>
                "Another episode"
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
                    label: format!("exact J against π({})", c.action),
                    points: shown,
                    look: look::PLAIN,
                },
                Curve {
                    label: format!(
                        "best: π({}) = {}, J = {}",
                        c.action,
                        fixed(c.best.0, 3),
                        fixed(c.best.1, 3)
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
                format!(
                    "The policy is the same in every state, so one number describes it: π({a}). At γ = {}, J is largest at π({a}) = {} (J = {}); the current θ gives π({a}) = {}.",
                    crate::format::gamma(g),
                    fixed(c.best.0, 3),
                    fixed(c.best.1, 3),
                    fixed(c.current, 3),
                    a = c.action
                )
            })
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        let current = curve.with(|c| c.as_ref().map(|c| c.current));
        let x_label = curve.with(|c| {
            c.as_ref()
                .map_or(String::new(), |c| format!("π({}) in every state", c.action))
        });
        curves.with(|cs| {
            let data = Curves {
                curves: cs,
                x_range: (0.0, 1.0),
                x_label: &x_label,
                y_label: "exact J",
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
                    format!(
                        "Exact J (dynamic programming) for every probability of the action, the same in every state; the long-dashed line marks the best, the short-dashed one the current θ.{}",
                        if textbook { " Sutton and Barto, Example 13.1: at γ = 1 the best is 2 − √2 ≈ 0.586." } else { "" }
                    )
                } />
            <p class="chart-summary" data-testid="probability-summary">{summary}</p>
        </Show>
    }
}
