//! Editing a small MDP as a table (DESIGN §4.1): a row per state and action with a cell per
//! next state holding P(s′|s,a) (and r(s,a,s′) where the file gives rewards by next state),
//! the reward R(s,a), the start distribution and the horizon. Each change is checked as a
//! whole file and used at once when it is valid; otherwise its located error stays beside
//! the table, with its row marked, while the last good MDP stays in use.

use leptos::prelude::*;
use pg_core::mdp::limits::PROBABILITY_TOLERANCE;
use pg_core::mdp::{MdpError, MdpSpec, Reward};
use pg_core::Mdp;

use crate::format::compact;
use crate::i18n::{mdp_error, t, t_with};

/// Most states the table edits: each is a column, and the columns must fit a page.
pub const MAX_TABLE_STATES: usize = 12;
/// Most actions the table edits: rows are non-terminal states × actions.
pub const MAX_TABLE_ACTIONS: usize = 4;

/// One editable entry, by index into the file's lists of states and actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// P(next | s, a).
    Probability { s: usize, a: usize, next: usize },
    /// r(s, a, next), in a row whose rewards depend on the next state.
    NextReward { s: usize, a: usize, next: usize },
    /// R(s, a).
    Reward { s: usize, a: usize },
    /// ρ₀(s).
    Start { s: usize },
    /// The horizon H.
    Horizon,
}

impl Entry {
    /// Its place in the file, as the loader's errors give places (`transitions.s0.right.s1`).
    pub fn path(self, spec: &MdpSpec) -> String {
        let state = |i: usize| spec.states.get(i).map_or("?", String::as_str);
        let action = |i: usize| spec.actions.get(i).map_or("?", String::as_str);
        match self {
            Entry::Probability { s, a, next } => {
                format!("transitions.{}.{}.{}", state(s), action(a), state(next))
            }
            Entry::NextReward { s, a, next } => {
                format!("rewards.{}.{}.{}", state(s), action(a), state(next))
            }
            Entry::Reward { s, a } => format!("rewards.{}.{}", state(s), action(a)),
            Entry::Start { s } => format!("start.{}", state(s)),
            Entry::Horizon => "horizon".to_string(),
        }
    }
}

/// A number as typed in a cell: a decimal (`0.25`, `-1e-3`, `0,25`, `−0.2` with the minus
/// sign U+2212) or a fraction (`1/3`); `None` for anything else, infinities and NaN included.
/// An empty cell reads 0.
pub fn parse_number(text: &str) -> Option<f64> {
    // A minus sign copied from a PDF (U+2212), and a decimal comma when there is no point.
    let mut text = text.trim().replace('\u{2212}', "-");
    if !text.contains('.') && text.matches(',').count() == 1 {
        text = text.replace(',', ".");
    }
    let text = text.as_str();
    if text.is_empty() {
        return Some(0.0);
    }
    let value = match text.split_once('/') {
        Some((a, b)) => a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?,
        None => text.parse::<f64>().ok()?,
    };
    value.is_finite().then_some(value)
}

/// `spec` with `entry` set to the number typed as `text`. A probability or start mass of 0
/// removes the entry; in a row with rewards by next state, a next state that becomes
/// reachable gets reward 0 and one that becomes unreachable loses its reward.
///
/// # Errors
/// `text` is not a number (for the horizon, not a whole number), located at the entry.
pub fn with_entry(spec: &MdpSpec, entry: Entry, text: &str) -> Result<MdpSpec, MdpError> {
    let typed = text.trim();
    let number = || {
        parse_number(typed).ok_or_else(|| {
            MdpError::new(
                entry.path(spec),
                t_with("mdp-table-editor-not-a-number", &[("text", typed.into())]),
            )
        })
    };
    let state = |i: usize| spec.states.get(i).cloned().unwrap_or_default();
    let action = |i: usize| spec.actions.get(i).cloned().unwrap_or_default();
    let mut out = spec.clone();
    match entry {
        Entry::Horizon => {
            out.horizon = typed.parse().map_err(|_| {
                MdpError::new(
                    "horizon",
                    t_with(
                        "mdp-table-editor-horizon-range",
                        &[
                            ("max", pg_core::mdp::limits::MAX_HORIZON.to_string().into()),
                            ("text", typed.into()),
                        ],
                    ),
                )
            })?;
        }
        Entry::Start { s } => {
            let x = number()?;
            if x == 0.0 {
                out.start.remove(&state(s));
            } else {
                out.start.insert(state(s), x);
            }
        }
        Entry::Probability { s, a, next } => {
            let x = number()?;
            let (sn, an, nn) = (state(s), action(a), state(next));
            let row = out.transitions.entry(sn.clone()).or_default();
            let row = row.entry(an.clone()).or_default();
            if x == 0.0 {
                row.remove(&nn);
            } else {
                row.insert(nn.clone(), x);
            }
            let rewards = out.rewards.get_mut(&sn).and_then(|r| r.get_mut(&an));
            if let Some(Reward::ByNext(by_next)) = rewards {
                if x == 0.0 {
                    by_next.remove(&nn);
                } else {
                    by_next.entry(nn).or_insert(0.0);
                }
            }
        }
        Entry::Reward { s, a } => {
            let x = number()?;
            out.rewards
                .entry(state(s))
                .or_default()
                .insert(action(a), Reward::Expected(x));
        }
        Entry::NextReward { s, a, next } => {
            let x = number()?;
            let reward = out
                .rewards
                .entry(state(s))
                .or_default()
                .entry(action(a))
                .or_insert_with(|| Reward::ByNext(Default::default()));
            match reward {
                Reward::ByNext(by_next) => {
                    by_next.insert(state(next), x);
                }
                Reward::Expected(_) => *reward = Reward::ByNext([(state(next), x)].into()),
            }
        }
    }
    Ok(out)
}

/// A number as a cell shows it: exactly (the shortest decimal that reads back as the same
/// number, so retyping what is shown changes nothing), in exponent form beyond 10⁶ or
/// below 10⁻⁶.
pub fn cell_number(x: f64) -> String {
    if x != 0.0 && !(1e-6..1e6).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// The text a cell shows for `entry` of `spec` ([`cell_number`]), or empty for a
/// probability, start mass or reward by next state that is absent (0).
pub fn entry_text(spec: &MdpSpec, entry: Entry) -> String {
    let state = |i: usize| spec.states.get(i).map_or("", String::as_str);
    let action = |i: usize| spec.actions.get(i).map_or("", String::as_str);
    let shown = |x: Option<f64>| x.map_or(String::new(), cell_number);
    match entry {
        Entry::Horizon => spec.horizon.to_string(),
        Entry::Start { s } => shown(spec.start.get(state(s)).copied()),
        Entry::Probability { s, a, next } => shown(
            spec.transitions
                .get(state(s))
                .and_then(|r| r.get(action(a)))
                .and_then(|d| d.get(state(next)))
                .copied(),
        ),
        Entry::Reward { s, a } => match reward_of(spec, s, a) {
            Some(Reward::Expected(x)) => cell_number(*x),
            _ => String::new(),
        },
        Entry::NextReward { s, a, next } => match reward_of(spec, s, a) {
            Some(Reward::ByNext(by_next)) => shown(by_next.get(state(next)).copied()),
            _ => String::new(),
        },
    }
}

/// A row's Σ: to 6 decimals when it is 1 within the tolerance (10⁻⁹), to 10 when it is not,
/// so that a sum of 1.0000001 never reads "1" and 0.2 + 0.7 reads 0.9.
fn sum_text(sum: f64) -> String {
    if (sum - 1.0).abs() > PROBABILITY_TOLERANCE {
        compact(sum, 10)
    } else {
        compact(sum, 6)
    }
}

fn reward_of(spec: &MdpSpec, s: usize, a: usize) -> Option<&Reward> {
    spec.rewards
        .get(spec.states.get(s)?)?
        .get(spec.actions.get(a)?)
}

/// Σ_s′ P(s′|s,a) of one row, as the file has it.
fn row_sum(spec: &MdpSpec, s: usize, a: usize) -> f64 {
    let row = spec
        .states
        .get(s)
        .and_then(|sn| spec.transitions.get(sn))
        .and_then(|r| spec.actions.get(a).and_then(|an| r.get(an)));
    row.map_or(0.0, |d| d.values().sum())
}

/// The row (s, a) an error's place points into (`transitions.s1.right…`, `rewards.s1.right…`),
/// if it names one.
pub fn row_of_error(path: &str, spec: &MdpSpec) -> Option<(usize, usize)> {
    let mut parts = path.splitn(4, '.');
    let section = parts.next()?;
    if section != "transitions" && section != "rewards" {
        return None;
    }
    let (sn, an) = (parts.next()?, parts.next()?);
    let s = spec.states.iter().position(|x| x == sn)?;
    let a = spec.actions.iter().position(|x| x == an)?;
    Some((s, a))
}

/// What the table is built from: it is rebuilt only when this changes, so typing in one cell
/// and moving to the next never loses the focus.
#[derive(Clone, Debug, PartialEq)]
struct Shape {
    states: Vec<String>,
    actions: Vec<String>,
    /// The non-terminal states, whose rows are edited.
    live: Vec<usize>,
    /// Per (s, a) of `live` × actions: rewards by next state.
    by_next: Vec<bool>,
}

impl Shape {
    fn of(spec: &MdpSpec) -> Shape {
        let live: Vec<usize> = (spec.states.iter().enumerate())
            .filter(|(_, name)| !spec.terminal.contains(name))
            .map(|(s, _)| s)
            .collect();
        let by_next = live
            .iter()
            .flat_map(|&s| (0..spec.actions.len()).map(move |a| (s, a)))
            .map(|(s, a)| matches!(reward_of(spec, s, a), Some(Reward::ByNext(_))))
            .collect();
        Shape {
            states: spec.states.clone(),
            actions: spec.actions.clone(),
            live,
            by_next,
        }
    }
}

/// The table editor of the MDP in use, for MDPs of up to [`MAX_TABLE_STATES`] states and
/// [`MAX_TABLE_ACTIONS`] actions (larger ones get a note pointing to the JSON below).
#[component]
pub fn MdpTableEditor(
    /// The file form of the MDP in use.
    #[prop(into)]
    current: Signal<String>,
    /// Called with the text of a file that validated.
    on_apply: Callback<String>,
) -> impl IntoView {
    let draft = RwSignal::new(None::<MdpSpec>);
    let error = RwSignal::new(None::<MdpError>);
    // A new MDP in use (from here, the JSON, the selector or the address) replaces the draft.
    Effect::new(move |_| {
        draft.set(current.with(|text| Mdp::from_json(text).ok().map(|m| m.to_spec())));
        error.set(None);
    });
    let edit = move |entry: Entry, text: String| {
        let Some(spec) = draft.get_untracked() else {
            return;
        };
        match with_entry(&spec, entry, &text) {
            Err(e) => error.set(Some(e)),
            Ok(next) => {
                let checked = Mdp::from_spec(&next).and_then(|_| {
                    serde_json::to_string_pretty(&next)
                        .map_err(|e| MdpError::new("", e.to_string()))
                });
                // The draft keeps the change even when the file is not valid yet: a row summing
                // to 0.9 is fixed by the next cell typed.
                draft.set(Some(next));
                match checked {
                    Ok(text) => {
                        error.set(None);
                        on_apply.run(text);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        }
    };
    let shape = Memo::new(move |_| draft.with(|d| d.as_ref().map(Shape::of)));
    let bad_row = Memo::new(move |_| {
        error.with(|e| {
            let e = e.as_ref()?;
            draft.with(|d| row_of_error(&e.path, d.as_ref()?))
        })
    });
    let cell = move |entry: Entry, label: String, testid: String| {
        let row = match entry {
            Entry::Probability { s, a, .. }
            | Entry::NextReward { s, a, .. }
            | Entry::Reward { s, a } => Some((s, a)),
            _ => None,
        };
        view! {
            <input type="text" inputmode="decimal" class="cell-input" autocomplete="off"
                data-testid=testid aria-label=label
                aria-invalid=move || (row.is_some() && bad_row.get() == row).then_some("true")
                prop:value=move || draft.with(|d| d.as_ref().map(|d| entry_text(d, entry)).unwrap_or_default())
                on:change=move |ev| edit(entry, event_target_value(&ev)) />
        }
    };
    let table = move || {
        let Some(shape) = shape.get() else {
            return view! { <p class="table-note">{t("mdp-table-editor-not-a-table")}</p> }
                .into_any();
        };
        let (n, m) = (shape.states.len(), shape.actions.len());
        if n > MAX_TABLE_STATES || m > MAX_TABLE_ACTIONS {
            return view! {
                <p class="table-note" data-testid="mdp-grid-too-large">{t_with(
                    "mdp-table-editor-too-large",
                    &[
                        ("max-states", MAX_TABLE_STATES.into()),
                        ("max-actions", MAX_TABLE_ACTIONS.into()),
                        ("states", n.into()),
                        ("actions", m.into()),
                    ],
                )}</p>
            }
            .into_any();
        }
        let heads = shape
            .states
            .iter()
            .map(|name| view! { <th scope="col">{name.clone()}</th> })
            .collect_view();
        let mut rows = Vec::new();
        for (i, &s) in shape.live.iter().enumerate() {
            let sn = shape.states.get(s).cloned().unwrap_or_default();
            for (a, an) in shape.actions.iter().enumerate() {
                let by_next = shape.by_next.get(i * m + a).copied().unwrap_or(false);
                let cells = (shape.states.iter().enumerate())
                    .map(|(next, nn)| {
                        let p = cell(
                            Entry::Probability { s, a, next },
                            format!("P({nn} | {sn}, {an})"),
                            format!("cell-p-{s}-{a}-{next}"),
                        );
                        let r = by_next.then(|| {
                            cell(
                                Entry::NextReward { s, a, next },
                                format!("r({sn}, {an}, {nn})"),
                                format!("cell-r-{s}-{a}-{next}"),
                            )
                        });
                        view! { <td class="cell">{p}{r.map(|r| view! { <span class="cell-reward">"r " {r}</span> })}</td> }
                    })
                    .collect_view();
                let reward = if by_next {
                    view! { <td class="table-note">{t("mdp-table-editor-by-next")}</td> }.into_any()
                } else {
                    let input = cell(
                        Entry::Reward { s, a },
                        format!("R({sn}, {an})"),
                        format!("cell-reward-{s}-{a}"),
                    );
                    view! { <td class="cell">{input}</td> }.into_any()
                };
                let sum = move || draft.with(|d| d.as_ref().map_or(0.0, |d| row_sum(d, s, a)));
                let off = move || (sum() - 1.0).abs() > PROBABILITY_TOLERANCE;
                let flagged = move || bad_row.get() == Some((s, a));
                // The error of this row, right under it: a long table would put a message
                // after the table out of sight of the cell just typed.
                let message = move || {
                    flagged().then(|| {
                        error.get().map(|e| {
                            view! {
                                <tr class="row-message">
                                    <td colspan=n + 3>
                                        <span class="row-message-text" data-testid="mdp-grid-row-error" role="alert">
                                            {t_with("mdp-table-editor-invalid", &[("problem", mdp_error(&e).into())])}
                                        </span>
                                    </td>
                                </tr>
                            }
                        })
                    })
                };
                rows.push(view! {
                    <tr class:row-error=flagged class:first-action=a == 0>
                        <th scope="row" class="pair">{format!("{sn}, {an}")}</th>
                        {cells}
                        {reward}
                        <td class="num" class:sum-off=off>
                            {move || sum_text(sum())}
                        </td>
                    </tr>
                    {message}
                });
            }
        }
        let start_cells = (shape.states.iter().enumerate())
            .map(|(s, name)| {
                let label = format!("ρ₀({name})");
                let input = shape
                    .live
                    .contains(&s)
                    .then(|| cell(Entry::Start { s }, label, format!("cell-start-{s}")));
                view! { <td class="cell">{input}</td> }
            })
            .collect_view();
        let start_sum =
            move || draft.with(|d| d.as_ref().map_or(0.0, |d| d.start.values().sum::<f64>()));
        let start_off = move || (start_sum() - 1.0).abs() > PROBABILITY_TOLERANCE;
        let start_flagged =
            move || error.with(|e| e.as_ref().is_some_and(|e| e.path.starts_with("start")));
        view! {
            <div class="table-scroll">
                <table class="estimates mdp-grid" data-testid="mdp-grid">
                    <thead>
                        <tr>
                            <th scope="col" class="pair">"s, a"</th>
                            <th scope="colgroup" colspan=n>{t("mdp-table-editor-next-heading")}</th>
                            <th scope="col">"R(s, a)"</th>
                            <th scope="col">"Σ"</th>
                        </tr>
                        <tr>
                            <th class="pair"></th>
                            {heads}
                            <th></th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows}
                        <tr class="start-row" class:row-error=start_flagged>
                            <th scope="row" class="pair">{t("mdp-table-editor-start")}</th>
                            {start_cells}
                            <td></td>
                            <td class="num" class:sum-off=start_off>
                                {move || sum_text(start_sum())}
                            </td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <label class="cell-label">
                {t("mdp-table-editor-horizon")}
                " "
                {cell(Entry::Horizon, t("mdp-table-editor-horizon"), "cell-horizon".to_string())}
            </label>
        }
        .into_any()
    };
    view! {
        <h4 class="editor-heading">{t("mdp-table-editor-heading")}</h4>
        <p class="table-note">{t("mdp-table-editor-hint")}</p>
        {table}
        // Errors of a row are shown under that row; the others (start, horizon) here.
        <p class="field-error" data-testid="mdp-grid-error" role="alert">
            {move || {
                error
                    .get()
                    .filter(|_| bad_row.get().is_none())
                    .map(|e| t_with("mdp-table-editor-invalid", &[("problem", mdp_error(&e).into())]))
            }}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_core::presets;

    fn chain() -> MdpSpec {
        presets::load("chain").unwrap().to_spec()
    }

    #[test]
    fn numbers_are_decimals_or_fractions() {
        assert_eq!(parse_number("0.25"), Some(0.25));
        assert_eq!(parse_number(" 1/3 "), Some(1.0 / 3.0));
        assert_eq!(parse_number("-1e-3"), Some(-0.001));
        assert_eq!(parse_number(""), Some(0.0));
        assert_eq!(parse_number("0,8"), Some(0.8));
        assert_eq!(parse_number("\u{2212}0.2"), Some(-0.2));
        for bad in ["abc", "1/0", "inf", "NaN", "1/2/3", "0.5.5", "1,000,000"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_row_that_no_longer_sums_to_one_is_refused_at_its_place_until_fixed() {
        let spec = chain();
        let (s, a) = (0, 1);
        let row = spec.transitions[&spec.states[s]][&spec.actions[a]].clone();
        let (first, p) = row.iter().next().map(|(k, &p)| (k.clone(), p)).unwrap();
        let next = spec.states.iter().position(|x| *x == first).unwrap();
        let half = with_entry(
            &spec,
            Entry::Probability { s, a, next },
            &format!("{}", p / 2.0),
        )
        .unwrap();
        let err = Mdp::from_spec(&half).unwrap_err();
        assert_eq!(row_of_error(&err.path, &half), Some((s, a)), "{err}");
        assert!(err.to_string().contains("probabilities sum to"), "{err}");
        // Giving the other half to a state the row did not reach makes it valid again.
        let other = (0..spec.states.len())
            .find(|&t| {
                !row.contains_key(&spec.states[t]) && !spec.terminal.contains(&spec.states[t])
            })
            .unwrap();
        let fixed = with_entry(
            &half,
            Entry::Probability { s, a, next: other },
            &format!("{}", p / 2.0),
        )
        .unwrap();
        let mdp = Mdp::from_spec(&fixed).unwrap();
        assert!((mdp.transition(s, a, other) - p / 2.0).abs() < 1e-15);
    }

    #[test]
    fn each_entry_shows_what_it_set() {
        let spec = chain();
        for (entry, text, shown) in [
            (Entry::Reward { s: 0, a: 0 }, "-2.5", "-2.5"),
            (Entry::Start { s: 0 }, "1", "1"),
            (Entry::Horizon, "12", "12"),
            (Entry::Reward { s: 0, a: 0 }, "1e300", "1e300"),
            (Entry::Reward { s: 0, a: 0 }, "0.5000001", "0.5000001"),
            (Entry::Start { s: 0 }, "1/3", "0.3333333333333333"),
            (
                Entry::Probability {
                    s: 0,
                    a: 0,
                    next: 1,
                },
                "1/4",
                "0.25",
            ),
            (
                Entry::Probability {
                    s: 0,
                    a: 0,
                    next: 1,
                },
                "0",
                "",
            ),
        ] {
            let next = with_entry(&spec, entry, text).unwrap();
            assert_eq!(entry_text(&next, entry), shown, "{entry:?} {text}");
        }
    }

    #[test]
    fn what_is_not_a_number_is_named_at_its_place() {
        let spec = chain();
        let err = with_entry(
            &spec,
            Entry::Probability {
                s: 0,
                a: 1,
                next: 2,
            },
            "abc",
        )
        .unwrap_err();
        assert_eq!(
            err.path,
            format!(
                "transitions.{}.{}.{}",
                spec.states[0], spec.actions[1], spec.states[2]
            )
        );
        assert_eq!(err.message, "\"abc\" is not a number");
        let err = with_entry(&spec, Entry::Horizon, "-1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "horizon: must be a whole number between 1 and 1000, not \"-1\""
        );
    }

    #[test]
    fn rewards_by_next_state_follow_the_reachable_states() {
        let mut spec = chain();
        let (sn, an) = (spec.states[0].clone(), spec.actions[0].clone());
        let reachable: Vec<String> = spec.transitions[&sn][&an].keys().cloned().collect();
        spec.rewards.get_mut(&sn).unwrap().insert(
            an.clone(),
            Reward::ByNext(reachable.iter().map(|t| (t.clone(), 1.0)).collect()),
        );
        Mdp::from_spec(&spec).unwrap();
        let gone = spec.states.iter().position(|x| *x == reachable[0]).unwrap();
        let edited = with_entry(
            &spec,
            Entry::Probability {
                s: 0,
                a: 0,
                next: gone,
            },
            "0",
        )
        .unwrap();
        match &edited.rewards[&sn][&an] {
            Reward::ByNext(by_next) => assert!(!by_next.contains_key(&reachable[0])),
            other => panic!("{other:?}"),
        }
        let edited = with_entry(
            &edited,
            Entry::NextReward {
                s: 0,
                a: 0,
                next: gone,
            },
            "3",
        )
        .unwrap();
        assert_eq!(
            entry_text(
                &edited,
                Entry::NextReward {
                    s: 0,
                    a: 0,
                    next: gone
                }
            ),
            "3"
        );
    }

    #[test]
    fn the_presets_fit_the_table_but_frozenlake() {
        for preset in presets::PRESETS {
            let spec = presets::load(preset.id).unwrap().to_spec();
            let fits =
                spec.states.len() <= MAX_TABLE_STATES && spec.actions.len() <= MAX_TABLE_ACTIONS;
            assert_eq!(fits, preset.id != "frozenlake-4x4", "{}", preset.id);
        }
    }
}
