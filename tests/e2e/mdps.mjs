// Random valid MDP files (DESIGN §4.1) of any size of policy, from a seeded generator, for
// the robustness tests: tabular and feature policies with d from 1 to 30.

/** A seeded generator of floats in [0, 1) (mulberry32): the same seed, the same sequence. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (list) => list[Math.floor(next() * list.length)];
  return next;
}

/**
 * Probabilities over `targets` that sum to exactly 1: multiples of 1/8, which binary
 * floating point adds without rounding.
 */
function distribution(random, targets) {
  const k = random.int(1, Math.min(3, targets.length));
  const chosen = [...targets].sort(() => random() - 0.5).slice(0, k);
  const eighths = chosen.map(() => 1);
  for (let left = 8 - k; left > 0; left--) eighths[random.int(0, k - 1)] += 1;
  return Object.fromEntries(chosen.map((s, i) => [s, eighths[i] / 8]));
}

/**
 * A valid MDP file whose policy has `dim` parameters: tabular (one per non-terminal state
 * and action) or with features of length `dim`. Horizons stay short so `pgx` and the page
 * answer at once.
 */
export function randomMdp(random, { dim, tabular, name = `Random ${tabular ? "tabular" : "feature"} d=${dim}`, byNext = random() < 0.4 }) {
  let nonTerminal, nActions;
  if (tabular) {
    // The divisor pair of dim with at most 8 actions and 31 non-terminal states.
    const pairs = [];
    for (let a = 1; a <= 8; a++) if (dim % a === 0 && dim / a <= 31) pairs.push([dim / a, a]);
    [nonTerminal, nActions] = random.pick(pairs);
  } else {
    nonTerminal = random.int(1, 4);
    nActions = random.int(2, 3);
  }
  const states = Array.from({ length: nonTerminal }, (_, i) => `s${i}`);
  const terminal = random() < 0.7 ? ["end"] : [];
  const all = [...states, ...terminal];
  const actions = Array.from({ length: nActions }, (_, i) => `a${i}`);
  const per = (f) => Object.fromEntries(states.map((s) => [s, Object.fromEntries(actions.map((a) => [a, f(s, a)]))]));
  const file = {
    name,
    states: all,
    actions,
    start: { s0: 1 },
    terminal,
    transitions: per(() => distribution(random, all)),
    rewards: {},
    horizon: random.int(2, 5),
    gamma: random.pick([0.5, 0.9, 1]),
  };
  // A reward R(s,a), or, for some rows of a `byNext` file, r(s,a,s′) by next state.
  file.rewards = per((st, a) => {
    const next = Object.keys(file.transitions[st][a]);
    const pay = () => random.int(-4, 4) / 2;
    return byNext && random() < 0.6 ? Object.fromEntries(next.map((t) => [t, pay()])) : pay();
  });
  if (!tabular) {
    file.features = per(() => Array.from({ length: dim }, () => random.int(-2, 2) / 2));
    file.theta = Array.from({ length: dim }, () => random.int(-4, 4) / 4);
  }
  return file;
}

/**
 * The same MDP as a Gymnasium transition table (docs/mdp-files.md): states and actions by
 * index in the file's order, terminal states with Gymnasium's self-loops. Tabular files only
 * (a table has no features).
 */
export function gymnasiumTable(file) {
  const index = new Map(file.states.map((s, i) => [s, i]));
  const ends = new Set(file.terminal);
  const P = {};
  file.states.forEach((s, i) => {
    P[i] = {};
    file.actions.forEach((a, k) => {
      if (ends.has(s)) {
        P[i][k] = [[1, i, 0, true]];
        return;
      }
      const reward = file.rewards[s][a];
      P[i][k] = Object.entries(file.transitions[s][a]).map(([t, p]) => [
        p,
        index.get(t),
        typeof reward === "number" ? reward : reward[t],
        ends.has(t),
      ]);
    });
  });
  return {
    name: file.name,
    P,
    initial_state_distribution: file.states.map((s) => file.start[s] ?? 0),
    state_names: file.states,
    action_names: file.actions,
    horizon: file.horizon,
    gamma: file.gamma,
  };
}

/** Every size of policy from 1 to 30 parameters, tabular and with features. */
export const DIMENSIONS = Array.from({ length: 30 }, (_, i) => i + 1);

/**
 * An MDP at every documented limit at once (`pg_mdp::limits`): 64 states, 8 actions, a
 * tabular policy of 512 parameters, horizon 1000 and no end before it, rewards r(s,a,s′):
 * the page must stay responsive with it (DESIGN §7).
 */
export function largestMdp(seed = 64) {
  const random = rng(seed);
  const states = Array.from({ length: 64 }, (_, i) => `s${i}`);
  const actions = Array.from({ length: 8 }, (_, i) => `a${i}`);
  const per = (f) => Object.fromEntries(states.map((s) => [s, Object.fromEntries(actions.map((a) => [a, f(s, a)]))]));
  const transitions = per(() => distribution(random, states));
  const rewards = per((s, a) => Object.fromEntries(Object.keys(transitions[s][a]).map((t) => [t, random.int(-4, 4) / 4])));
  return { name: "At the limits", states, actions, start: { s0: 1 }, transitions, rewards, horizon: 1000, gamma: 0.99 };
}

/**
 * The MDP of {@link largestMdp} with a feature policy of `length` parameters and horizon 100:
 * random features in three decimals, which compress poorly, make a file of about
 * 3.8 KB × `length` (200 KB for 52).
 */
export function featuredMdp(length, seed = 200) {
  const random = rng(seed);
  const file = largestMdp();
  file.name = "Features at the limits";
  file.horizon = 100;
  const vector = () => Array.from({ length }, () => Math.round((random() * 2 - 1) * 1000) / 1000);
  file.features = Object.fromEntries(file.states.map((s) => [s, Object.fromEntries(file.actions.map((a) => [a, vector()]))]));
  return file;
}
