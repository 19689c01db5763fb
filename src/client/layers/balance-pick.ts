import type { BalanceStrategy } from '../policies.js';

/** What a strategy looks at to choose a child; the Balancer keeps it up to date, `pickChild` only reads it. */
export interface BalanceState {
  readonly strategy: BalanceStrategy;
  /** Calls in flight per child. */
  readonly outstanding: ArrayLike<number>;
  /** EWMA of each child's attempt latency in µs; NaN until the child's first call ends. */
  readonly latencyEwmaUs: ArrayLike<number>;
  /** Sequence number of the call last sent to each child (-1: never). */
  readonly lastPicked: ArrayLike<number>;
  /** Sequence number of this call (0, 1, 2, …): round-robin's position and the rotation start for ties. */
  readonly sequence: number;
  /** `fastest`: every `exploreEvery`-th call goes to the child picked least recently (0: never). */
  readonly exploreEvery: number;
}

/**
 * Chooses the child for the next call. Pure: the same state gives the same index.
 *
 * - round-robin: exact rotation, child `sequence mod n`.
 * - least-outstanding: fewest calls in flight; ties go to the first in rotation order from `sequence mod n`, so
 *   idle children share a sequential load evenly.
 * - fastest: a child not yet measured and idle first (each gets measured); then every `exploreEvery`-th call the
 *   least recently picked child (so a slow child that recovered is noticed: the Balancer lets that probe's latency
 *   replace the child's stale average); otherwise the lowest latency EWMA, ties to fewer in flight. With nothing
 *   measured yet and every child busy, least-outstanding decides.
 */
export function pickChild(state: BalanceState): number {
  const count = state.outstanding.length;
  if (count <= 1) return 0;
  switch (state.strategy) {
    case 'round-robin':
      return state.sequence % count;
    case 'least-outstanding':
      return leastOutstanding(state, count);
    default:
      return fastest(state, count);
  }
}

/** `fastest`: whether this call is an exploration (every `exploreEvery`-th call: sequence 19, 39, … for 20). */
export function isExplorationTurn(state: BalanceState): boolean {
  return state.strategy === 'fastest' && state.exploreEvery > 0 && state.sequence % state.exploreEvery === state.exploreEvery - 1;
}

function leastOutstanding(state: BalanceState, count: number): number {
  const start = state.sequence % count;
  let best = start;
  for (let step = 1; step < count; step++) {
    const child = (start + step) % count;
    if (at(state.outstanding, child) < at(state.outstanding, best)) best = child;
  }
  return best;
}

function fastest(state: BalanceState, count: number): number {
  for (let child = 0; child < count; child++) {
    if (Number.isNaN(at(state.latencyEwmaUs, child)) && at(state.outstanding, child) === 0) return child;
  }
  if (isExplorationTurn(state)) return leastRecentlyPicked(state, count);
  let best = -1;
  for (let child = 0; child < count; child++) {
    const ewma = at(state.latencyEwmaUs, child);
    if (Number.isNaN(ewma)) continue;
    if (best < 0 || ewma < at(state.latencyEwmaUs, best)) best = child;
    else if (ewma === at(state.latencyEwmaUs, best) && at(state.outstanding, child) < at(state.outstanding, best)) best = child;
  }
  return best >= 0 ? best : leastOutstanding(state, count);
}

function leastRecentlyPicked(state: BalanceState, count: number): number {
  let best = 0;
  for (let child = 1; child < count; child++) {
    if (at(state.lastPicked, child) < at(state.lastPicked, best)) best = child;
  }
  return best;
}

function at(values: ArrayLike<number>, index: number): number {
  return values[index] ?? 0;
}
