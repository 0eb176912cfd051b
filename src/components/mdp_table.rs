//! The selected MDP at a glance: for each state and action, the reward, where it leads with
//! what probability, and the policy's current choice probabilities.

use std::sync::Arc;

use leptos::prelude::*;
use pg_core::{Mdp, Policy};

/// One row of the table: a state, an action, π(a|s), R(s,a) and the successors.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// State name (first row of the state only).
    pub state: Option<String>,
    /// Action name.
    pub action: String,
    /// π_θ(a|s).
    pub probability: f64,
    /// R(s,a).
    pub reward: f64,
    /// "s′ (p)" list.
    pub successors: String,
}

/// The rows for every non-terminal state and action.
pub fn rows(mdp: &Mdp, theta: &[f64]) -> Vec<Row> {
    let Ok(policy) = Policy::new(mdp, theta) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in (0..mdp.num_states()).filter(|&s| !mdp.is_terminal(s)) {
        for a in 0..mdp.num_actions() {
            let successors = mdp
                .successors(s, a)
                .iter()
                .map(|&(t, p)| {
                    let end = if mdp.is_terminal(t) { " (ends)" } else { "" };
                    format!("{}{end} {p:.2}", mdp.states()[t])
                })
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Row {
                state: (a == 0).then(|| mdp.states()[s].clone()),
                action: mdp.actions()[a].clone(),
                probability: policy.prob(s, a),
                reward: mdp.reward(s, a),
                successors,
            });
        }
    }
    out
}

/// A table of the MDP in use, folded behind a disclosure.
#[component]
pub fn MdpTable(
    /// The MDP in use.
    #[prop(into)]
    mdp: Signal<Arc<Mdp>>,
    /// θ in use.
    #[prop(into)]
    theta: Signal<Vec<f64>>,
) -> impl IntoView {
    let table = Memo::new(move |_| mdp.with(|m| theta.with(|t| rows(m, t))));
    let start = move || {
        mdp.with(|m| {
            m.start()
                .iter()
                .enumerate()
                .filter(|(_, &p)| p > 0.0)
                .map(|(s, p)| format!("{} {p:.2}", m.states()[s]))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <details class="mdp-table">
            <summary>{move || format!("The MDP: {} states, {} actions, horizon {}", mdp.with(|m| m.num_states()), mdp.with(|m| m.num_actions()), mdp.with(|m| m.horizon()))}</summary>
            <p class="table-note">{move || format!("Episodes start in: {}. γ by default {}.", start(), mdp.with(|m| m.gamma()))}</p>
            <div class="table-scroll">
                <table class="estimates" data-testid="mdp-table">
                    <thead><tr>
                        <th scope="col">"state"</th><th scope="col">"action"</th>
                        <th scope="col">"π(a|s)"</th><th scope="col">"R(s,a)"</th>
                        <th scope="col">"next state, probability"</th>
                    </tr></thead>
                    <tbody>
                        {move || table.get().into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.state}</th>
                                <td>{r.action}</td>
                                <td class="num">{format!("{:.3}", r.probability)}</td>
                                <td class="num">{format!("{}", r.reward)}</td>
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
