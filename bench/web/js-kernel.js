// A plain JavaScript version of pg-core's sampling kernel (DESIGN §6), for the throughput
// comparison of `make bench`: the same work as `Simulation::run` (core/src/stats.rs) —
// sample an episode (Sampler::sample, core/src/sample.rs), compute the γ-polynomial
// coefficients of G₀ and of the four estimators (GammaPolynomials::compute,
// core/src/estimators.rs), add each to its running sums and sums of squares
// (PolyMoments::add), and copy the used rows of every sum at the 1-2-5 checkpoints (snapshots).
// Written as a competent JS programmer would: flat typed arrays allocated once, no closures
// or objects in the loop, and an inlined xoshiro128** generator (32-bit integer arithmetic;
// one 32-bit draw per uniform — rand's f64 takes 53 bits of a 64-bit PCG output — which
// only flatters JS). The random stream differs from Pcg64Mcg, so the episodes and step
// counts differ slightly from the Rust kernel's; throughput is reported per step.
//
// `tables` is the JSON of `mdp_tables(preset)` (bench/wasm-kernel/src/lib.rs).

/** Flattens a list of distributions [[ [index, p], … ], …] into CSR arrays of cumulative weights. */
function flattenCdfs(rows) {
  const offsets = new Int32Array(rows.length + 1);
  let total = 0;
  rows.forEach((row, i) => {
    total += row.length;
    offsets[i + 1] = total;
  });
  const index = new Int32Array(total);
  const cum = new Float64Array(total);
  let j = 0;
  for (const row of rows) {
    let c = 0;
    for (const [i, p] of row) {
      c += p;
      index[j] = i;
      cum[j] = c;
      j++;
    }
  }
  return { offsets, index, cum };
}

export function makeKernel(tables) {
  const nStates = tables.n_states;
  const nActions = tables.n_actions;
  const d = tables.dim;
  const H = tables.horizon;
  const start = flattenCdfs([tables.start]);
  const pol = flattenCdfs(tables.policy);
  const dyn = flattenCdfs(tables.dynamics);
  const rewardTable = Float64Array.from(tables.rewards);
  const terminal = Uint8Array.from(tables.terminal.map((t) => (t ? 1 : 0)));
  const scores = Float64Array.from(tables.scores);
  const profileLen = tables.profile_len;
  const profile = Float64Array.from(tables.profile);
  const baseLenMax = Math.max(H, 1);

  return function run(episodes, seed) {
    // xoshiro128** state from the seed by splitmix32.
    let x = (seed >>> 0) ^ 0x9e3779b9;
    const sm = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    let s0 = sm(), s1 = sm(), s2 = sm(), s3 = sm();
    const INV32 = 1 / 4294967296;

    // Episode buffers.
    const states = new Int32Array(H + 1);
    const actions = new Int32Array(H);
    const rewards = new Float64Array(H);
    // Coefficient buffers (GammaPolynomials).
    const cumulative = new Float64Array(d);
    const toGo = new Float64Array(H * d);
    const trajectory = new Float64Array(H * d);
    const undiscounted = new Float64Array(H * d);
    const baseline = new Float64Array(baseLenMax * d);
    // PolyMoments: G₀ (dim 1) and the four estimators (dim d), in the order of Estimator::ALL:
    // trajectory, reward-to-go, no-discount-weight, baseline.
    const mk = (dim) => ({
      dim,
      count: 0,
      sum: new Float64Array(H * dim),
      sumSq: new Float64Array(Math.max(2 * H - 1, 0) * dim),
      nonzero: new Int32Array(H),
      rowsUsed: 0,
    });
    const returns = mk(1);
    const est = [mk(d), mk(d), mk(d), mk(d)];
    const snapshots = [];
    let nextCheckpoint = 1;
    let steps = 0;

    function add(m, c, len) {
      const dim = m.dim;
      const sum = m.sum, sumSq = m.sumSq, nz = m.nonzero;
      m.count++;
      let nnz = 0;
      for (let k = 0; k < len; k++) {
        const o = k * dim;
        let any = false;
        for (let i = 0; i < dim; i++) if (c[o + i] !== 0) { any = true; break; }
        if (any) {
          nz[nnz++] = k;
          for (let i = 0; i < dim; i++) sum[o + i] += c[o + i];
        }
      }
      if (nnz > 0 && nz[nnz - 1] + 1 > m.rowsUsed) m.rowsUsed = nz[nnz - 1] + 1;
      for (let a = 0; a < nnz; a++) {
        const k = nz[a], ok = k * dim;
        for (let b = a; b < nnz; b++) {
          const l = nz[b], ol = l * dim, oo = (k + l) * dim;
          const f = k === l ? 1 : 2;
          for (let i = 0; i < dim; i++) sumSq[oo + i] += f * c[ok + i] * c[ol + i];
        }
      }
    }

    const trimmed = (m) => ({
      count: m.count,
      sum: m.sum.slice(0, m.rowsUsed * m.dim),
      sumSq: m.sumSq.slice(0, Math.max(2 * m.rowsUsed - 1, 0) * m.dim),
    });

    for (let e = 0; e < episodes; e++) {
      // --- Sampler::sample, xoshiro128** inlined at each draw. ---
      let u, r, t0;
      // draw start
      r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
      t0 = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t0; s3 = (s3 << 11) | (s3 >>> 21);
      u = r * INV32;
      let s = start.index[start.offsets[1] - 1];
      for (let j = start.offsets[0]; j < start.offsets[1]; j++) if (u < start.cum[j]) { s = start.index[j]; break; }
      states[0] = s;
      let T = 0;
      for (let t = 0; t < H; t++) {
        r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
        t0 = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t0; s3 = (s3 << 11) | (s3 >>> 21);
        u = r * INV32;
        let lo = pol.offsets[s], hi = pol.offsets[s + 1];
        let a = hi > lo ? pol.index[hi - 1] : 0;
        for (let j = lo; j < hi; j++) if (u < pol.cum[j]) { a = pol.index[j]; break; }
        const i = s * nActions + a;
        r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
        t0 = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t0; s3 = (s3 << 11) | (s3 >>> 21);
        u = r * INV32;
        lo = dyn.offsets[i]; hi = dyn.offsets[i + 1];
        let next = hi > lo ? dyn.index[hi - 1] : 0;
        for (let j = lo; j < hi; j++) if (u < dyn.cum[j]) { next = dyn.index[j]; break; }
        actions[t] = a;
        rewards[t] = rewardTable[i];
        states[t + 1] = next;
        T = t + 1;
        if (terminal[next] === 1) break;
        s = next;
      }
      steps += T;

      // --- GammaPolynomials::compute. ---
      // reward-to-go: coefficient k is R_k times the running score sum.
      cumulative.fill(0);
      for (let k = 0; k < T; k++) {
        const so = (states[k] * nActions + actions[k]) * d;
        const rk = rewards[k];
        const o = k * d;
        for (let i = 0; i < d; i++) {
          cumulative[i] += scores[so + i];
          toGo[o + i] = rk * cumulative[i];
        }
      }
      // trajectory: R_k times the whole score sum.
      for (let k = 0; k < T; k++) {
        const rk = rewards[k], o = k * d;
        for (let i = 0; i < d; i++) trajectory[o + i] = rk * cumulative[i];
      }
      // no discount weight: coefficient j collects R_{t+j} score_t.
      undiscounted.fill(0, 0, T * d);
      for (let k = 0; k < T; k++) {
        const rk = rewards[k];
        if (rk === 0) continue;
        for (let t = 0; t <= k; t++) {
          const so = (states[t] * nActions + actions[t]) * d, o = (k - t) * d;
          for (let i = 0; i < d; i++) undiscounted[o + i] += rk * scores[so + i];
        }
      }
      // baseline: reward-to-go minus Σ_t γ^t V_{H−t}(s_t) score_t.
      const bLen = profileLen === 0 ? T : Math.max(T, Math.min(H, T + profileLen - 1));
      baseline.set(toGo.subarray(0, T * d));
      baseline.fill(0, T * d, bLen * d);
      for (let t = 0; t < T; t++) {
        const st = states[t];
        const so = (st * nActions + actions[t]) * d;
        const jmax = Math.min(profileLen, H - t);
        for (let j = 0; j < jmax; j++) {
          const v = profile[j * nStates + st];
          if (v === 0) continue;
          const o = (t + j) * d;
          for (let i = 0; i < d; i++) baseline[o + i] -= v * scores[so + i];
        }
      }

      // --- PolyMoments::add for G₀ and each estimator (order of Estimator::ALL). ---
      add(returns, rewards, T);
      add(est[0], trajectory, T);
      add(est[1], toGo, T);
      add(est[2], undiscounted, T);
      add(est[3], baseline, bLen);

      // --- Snapshots at 1, 2, 5, 10, 20, 50, … ---
      if (returns.count === nextCheckpoint) {
        snapshots.push({ returns: trimmed(returns), estimators: est.map(trimmed) });
        let decade = 1;
        while (decade <= Math.floor(nextCheckpoint / 10)) decade *= 10;
        const q = Math.floor(nextCheckpoint / decade);
        nextCheckpoint = decade * (q === 1 ? 2 : q <= 4 ? 5 : 10);
      }
    }
    // Something that depends on the sums, so no engine can skip the work.
    run.check = returns.sum[0] + est[3].sumSq[0];
    run.last = { returns, est, snapshots: snapshots.length };
    return steps;
  };
}
