//! The selected MDP at a glance: a diagram of the moves under the current policy, and a
//! table of each state and action with its reward, where it leads with what probability,
//! and the policy's current choice probabilities.

use leptos::prelude::*;
use pg_core::{Mdp, Policy};
use wasm_bindgen::JsCast;

use crate::charts::mdp_diagram::{self, Diagram, Edge, Node};
use crate::components::chart_canvas::ChartCanvas;
use crate::context::Explorer;
use crate::format::{compact, fixed};
use crate::i18n::{t, t_with, Arg};

/// The direction on a map of an action named after one: (dx, dy), y downwards.
fn compass(action: &str) -> Option<(f64, f64)> {
    match action.to_ascii_lowercase().as_str() {
        "up" | "north" | "n" => Some((0.0, -1.0)),
        "down" | "south" | "s" => Some((0.0, 1.0)),
        "left" | "west" | "w" => Some((-1.0, 0.0)),
        "right" | "east" | "e" => Some((1.0, 0.0)),
        _ => None,
    }
}

/// The states, with their expected reward and compass moves under the policy, and the moves
/// P_π(s′|s) = Σ_a π(a|s) P(s′|s,a) of the MDP under θ with their expected rewards.
pub fn diagram(mdp: &Mdp, theta: &[f64]) -> (Vec<Node>, Vec<Edge>) {
    let policy = Policy::new(mdp, theta).ok();
    let (states, actions) = (mdp.num_states(), mdp.num_actions());
    // For a terminal state, the reward of the moves into it (the largest in size).
    let mut entry = vec![0.0f64; states];
    for s in (0..states).filter(|&s| !mdp.is_terminal(s)) {
        for a in 0..actions {
            for (&(t, p), &r) in mdp
                .successors(s, a)
                .iter()
                .zip(mdp.transition_rewards(s, a))
            {
                if let Some(e) = entry.get_mut(t) {
                    if p > 0.0 && r.abs() > e.abs() {
                        *e = r;
                    }
                }
            }
        }
    }
    let nodes = mdp
        .states()
        .iter()
        .zip(mdp.start())
        .enumerate()
        .map(|(s, (name, &start))| {
            let terminal = mdp.is_terminal(s);
            let prob = |a: usize| policy.as_ref().map_or(0.0, |p| p.prob(s, a));
            let reward = if terminal {
                entry.get(s).copied().unwrap_or(0.0)
            } else {
                (0..actions).map(|a| prob(a) * mdp.reward(s, a)).sum()
            };
            let arrows = mdp
                .actions()
                .iter()
                .enumerate()
                .filter_map(|(a, name)| compass(name).map(|(dx, dy)| (dx, dy, prob(a))))
                .collect();
            Node {
                name: name.clone(),
                terminal,
                start: start > 0.0,
                reward,
                arrows,
            }
        })
        .collect();
    let Some(policy) = policy else {
        return (nodes, Vec::new());
    };
    let n = mdp.num_states();
    // Per (s, s′): Σ_a π(a|s) P(s′|s,a), and the same weights times r(s,a,s′).
    let mut moves = vec![(0.0, 0.0); n * n];
    for s in (0..n).filter(|&s| !mdp.is_terminal(s)) {
        for a in 0..mdp.num_actions() {
            let rewards = mdp.transition_rewards(s, a);
            for (&(t, p), &r) in mdp.successors(s, a).iter().zip(rewards) {
                if let Some(m) = moves.get_mut(s * n + t) {
                    let w = policy.prob(s, a) * p;
                    m.0 += w;
                    m.1 += w * r;
                }
            }
        }
    }
    let edges = moves
        .iter()
        .enumerate()
        .filter(|(_, &(p, _))| p > 0.0)
        .map(|(i, &(p, weighted))| Edge {
            from: i / n,
            to: i % n,
            probability: p,
            reward: weighted / p,
        })
        .collect();
    (nodes, edges)
}

/// One row of the table: a state, an action, π(a|s), R(s,a) and the successors.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// State name (first row of the state only).
    pub state: Option<String>,
    /// Action name.
    pub action: String,
    /// π_θ(a|s).
    pub probability: f64,
    /// R(s,a), the expected reward.
    pub reward: f64,
    /// "s′ p" list, with r(s,a,s′) when the reward depends on the next state.
    pub successors: String,
}

/// The rows for every non-terminal state and action.
pub fn rows(mdp: &Mdp, theta: &[f64]) -> Vec<Row> {
    let Ok(policy) = Policy::new(mdp, theta) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let name = |s: usize| mdp.states().get(s).cloned().unwrap_or_default();
    for s in (0..mdp.num_states()).filter(|&s| !mdp.is_terminal(s)) {
        for (a, action) in mdp.actions().iter().enumerate() {
            let rewards = mdp.transition_rewards(s, a);
            // Rewards that depend on the next state are shown with it; R(s,a) is their mean.
            let by_next = mdp.reward_depends_on_next(s, a);
            let successors = mdp
                .successors(s, a)
                .iter()
                .zip(rewards)
                .map(|(&(t, p), &r)| {
                    let next = if mdp.is_terminal(t) {
                        t_with("mdp-table-ends", &[("state", name(t).into())])
                    } else {
                        name(t)
                    };
                    let pays = if by_next {
                        format!(", r = {}", compact(r, 4))
                    } else {
                        String::new()
                    };
                    format!("{next} {}{pays}", fixed(p, 2))
                })
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Row {
                state: (a == 0).then(|| name(s)),
                action: action.clone(),
                probability: policy.prob(s, a),
                reward: mdp.reward(s, a),
                successors,
            });
        }
    }
    out
}

/// The CSS class of a diagram's box: a row of states is wider than tall.
pub fn diagram_class(nodes: &[Node]) -> &'static str {
    match mdp_diagram::layout(nodes) {
        mdp_diagram::Layout::Row => "diagram diagram-row",
        _ => "diagram",
    }
}

/// What the diagram shows, for its layout.
fn caption(nodes: &[Node]) -> String {
    match mdp_diagram::layout(nodes) {
        mdp_diagram::Layout::Grid { .. } => t("mdp-table-caption-grid"),
        _ => t("mdp-table-caption-moves"),
    }
}

/// A table of the MDP in use, folded behind a disclosure.
#[component]
pub fn MdpTable() -> impl IntoView {
    let Explorer { snapshot, dark, .. } = Explorer::get();
    // Only the model matters here, not γ.
    let model = Memo::new(move |_| snapshot.with(|s| s.model_arc()));
    let graph = Memo::new(move |_| model.with(|m| diagram(m.mdp(), m.theta())));
    let summary = Signal::derive(move || {
        graph.with(|(nodes, edges)| {
            let name = |i: usize| nodes.get(i).map_or("", |n| n.name.as_str());
            let moves: Vec<String> = edges
                .iter()
                .map(|e| {
                    let mut args: Vec<(&str, Arg)> = vec![
                        ("from", name(e.from).into()),
                        ("to", name(e.to).into()),
                        ("probability", fixed(e.probability, 2).into()),
                    ];
                    if e.reward.abs() > 1e-12 {
                        args.push(("reward", compact(e.reward, 3).into()));
                        t_with("mdp-table-move-reward", &args)
                    } else {
                        t_with("mdp-table-move", &args)
                    }
                })
                .collect();
            t_with("mdp-table-summary", &[("moves", moves.join("; ").into())])
        })
    });
    let paint = Callback::new(move |(area, scale)| {
        let dark = dark.get();
        graph.with(|(nodes, edges)| {
            let data = Diagram {
                nodes,
                edges,
                visit: None,
                scale,
                palette: crate::charts::palette(dark),
            };
            let _ = mdp_diagram::draw(&area, &data);
        });
    });
    let csv = Signal::derive(move || {
        graph.with(|(nodes, edges)| {
            let name = |i: usize| nodes.get(i).map_or("", |n| n.name.as_str());
            let mut out = String::from("from,to,probability,expected_reward\n");
            for e in edges {
                out.push_str(&format!(
                    "\"{}\",\"{}\",{},{}\n",
                    name(e.from),
                    name(e.to),
                    e.probability,
                    e.reward
                ));
            }
            out
        })
    });
    // Rows are made when the table is opened: at the limits it has 512 rows of 64
    // successors each, about 50 ms of formatting and DOM on every model change.
    let open = RwSignal::new(false);
    let table = Memo::new(move |_| {
        if open.get() {
            model.with(|m| rows(m.mdp(), m.theta()))
        } else {
            Vec::new()
        }
    });
    let start = move || {
        model.with(|m| {
            let mdp = m.mdp();
            mdp.start()
                .iter()
                .zip(mdp.states())
                .filter(|(&p, _)| p > 0.0)
                .map(|(&p, s)| format!("{s} {}", fixed(p, 2)))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let heading = move || {
        model.with(|m| {
            let mdp = m.mdp();
            t_with(
                "mdp-table-heading",
                &[
                    ("states", mdp.num_states().into()),
                    ("actions", mdp.num_actions().into()),
                    ("horizon", mdp.horizon().into()),
                ],
            )
        })
    };
    view! {
        <details class="mdp-table" on:toggle=move |ev| {
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary>{heading}</summary>
            <p class="table-note">{move || t_with("mdp-table-start-note", &[
                ("start", start().into()),
                ("gamma", model.with(|m| m.mdp().gamma()).to_string().into()),
            ])}</p>
            <div class=move || graph.with(|(nodes, _)| diagram_class(nodes))>
                <ChartCanvas testid="chart-mdp-diagram" summary=summary paint=paint csv=csv
                    caption=move || graph.with(|(nodes, _)| caption(nodes)) />
            </div>
            <div class="table-scroll">
                <table class="estimates" data-testid="mdp-table">
                    <thead><tr>
                        <th scope="col">{t("mdp-table-state")}</th><th scope="col">{t("mdp-table-action")}</th>
                        <th scope="col">"π(a|s)"</th><th scope="col">"R(s,a)"</th>
                        <th scope="col">{t("mdp-table-next")}</th>
                    </tr></thead>
                    <tbody>
                        {move || table.get().into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.state}</th>
                                <td>{r.action}</td>
                                <td class="num">{fixed(r.probability, 3)}</td>
                                <td class="num">{compact(r.reward, 4)}</td>
                                <td>{r.successors}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_core::presets;

    #[test]
    fn the_diagram_has_the_moves_under_the_policy() {
        let mdp = presets::load("discount-trap").unwrap();
        let (nodes, edges) = diagram(&mdp, &[0.0]);
        assert_eq!(nodes.len(), 6);
        assert!(nodes[0].start && nodes[5].terminal && !nodes[1].start);
        // From s1: L ends, R goes on, each half the time.
        let to = |from, to| edges.iter().find(|e| e.from == from && e.to == to);
        assert_eq!(to(1, 5).map(|e| e.probability), Some(0.5));
        assert_eq!(to(1, 2).map(|e| e.probability), Some(0.5));
        // Out of every non-terminal state the moves sum to one.
        for s in 0..5 {
            let total: f64 = edges
                .iter()
                .filter(|e| e.from == s)
                .map(|e| e.probability)
                .sum();
            assert!((total - 1.0).abs() < 1e-12);
        }
        // Each move's reward is the policy's average over the actions that make it, so the
        // moves out of a state weight back to its expected reward Σ_a π(a|s) R(s,a).
        for (s, node) in nodes.iter().enumerate().filter(|(_, n)| !n.terminal) {
            let weighted: f64 = edges
                .iter()
                .filter(|e| e.from == s)
                .map(|e| e.probability * e.reward)
                .sum();
            assert!((weighted - node.reward).abs() < 1e-12, "s{s}");
        }
    }

    #[test]
    fn every_state_action_pair_has_a_row() {
        let mdp = presets::load("discount-trap").unwrap();
        let r = rows(&mdp, &[0.0]);
        assert_eq!(r.len(), 5 * 2);
        assert_eq!(r[0].state.as_deref(), Some("s0"));
        assert_eq!(r[1].state, None);
        assert_eq!(r[1].action, "R");
        assert_eq!(r[1].reward, 1.0);
        assert_eq!(r[1].successors, "s1 1.00");
        assert_eq!(r[3].successors, "c1 1.00");
        assert_eq!(r[2].successors, "end (ends) 1.00");
        assert!((r[0].probability - 0.5).abs() < 1e-15);
        assert!(
            rows(&mdp, &[1.0, 2.0]).is_empty(),
            "θ that does not fit gives no rows"
        );
    }
}
