/**
 * The split rules the workload types share (schedule/shard.ts has the arithmetic): a closed loop's share of its
 * calls in flight and iterations, an open-model workload's share of its cap, and why a share may be empty. Each
 * descriptor's `split` and `idleShare` say which rule applies to it.
 */
import { shardSeed } from '../random/seeded.js';
import type { ArrivalSchedule } from '../schedule/arrivals.js';
import type { Bound } from '../schedule/bound.js';
import { arrivalsUpTo } from '../schedule/shard-arrivals.js';
import { shareOfCount, type Shard } from '../schedule/shard.js';
import type { WorkloadBase } from './plan.js';

/**
 * An iteration bound split over the first `active` shards (those with calls in flight): shareOfCount among them,
 * 0 for the others. A duration bound is every shard's whole duration.
 */
export function shareOfBound(bound: Bound, shard: Shard, active: number): Bound {
  if (bound.kind === 'duration') return bound;
  if (shard.index >= active) return { kind: 'iterations', count: 0 };
  return { kind: 'iterations', count: shareOfCount(bound.count, { index: shard.index, count: active }) };
}

/**
 * A closed loop's share, given the calls it keeps in flight while measuring and while warming up (C): only the
 * first min(C, N) shards have any (shareOfCount), and the iteration bounds split over those shards alone, so the
 * shares' iterations sum to the whole. Each shard draws its mix from its own seed (shardSeed): closed-loop calls
 * start when earlier ones finish, so no global order exists to keep, and shards must not send in lockstep.
 */
export function closedLoopShare<P extends WorkloadBase>(plan: P, shard: Shard, inFlight: { readonly measure: number; readonly warmup: number }): P {
  // Calls are numbered over the shards that make any (those with calls in flight in either phase), so no number is
  // left to an idle shard: sequential under --workers 4 numbers its calls 0, 1, 2, … on shard 0.
  const active = Math.max(1, Math.min(Math.max(inFlight.measure, inFlight.warmup), shard.count));
  return {
    ...plan,
    shard,
    ...(active < shard.count && shard.index < active && { callNumbers: { index: shard.index, count: active } }),
    seed: shardSeed(plan.seed, shard.index),
    measure: shareOfBound(plan.measure, shard, Math.min(inFlight.measure, shard.count)),
    warmup: plan.warmup && shareOfBound(plan.warmup, shard, Math.min(inFlight.warmup, shard.count)),
  };
}

/** Why a closed loop's share is empty: no calls in flight (`noneInFlight` words it), or no measured iterations. */
export function closedLoopIdle(share: WorkloadBase, inFlight: number, noneInFlight: string): string | null {
  if (inFlight === 0) return noneInFlight;
  if (share.measure.kind === 'iterations' && share.measure.count === 0) return 'fewer measured iterations than shards with calls in flight';
  return null;
}

/**
 * An open-model workload's share: the schedule stays global (the loop takes arrivals k ≡ i mod N of it, iteration
 * bounds included), the cap on calls in flight splits by shareOfCount, never below 1.
 */
export function openLoopShare<P extends WorkloadBase & { readonly maxInFlight: number }>(plan: P, shard: Shard): P {
  return { ...plan, shard, maxInFlight: Math.max(1, shareOfCount(plan.maxInFlight, shard)) };
}

/** Why an open-model share is empty: the measured schedule ends before this shard's first arrival (k = i). */
export function openLoopIdle(measure: ArrivalSchedule, shard: Shard): string | null {
  if (measure.arrivalUs(shard.index) !== null) return null;
  return `${arrivalsUpTo(measure, shard.index + 1)} measured arrivals over ${shard.count} shards`;
}

/**
 * An iteration bound's share of strided arrivals (k ≡ i mod N among k < count: shareOfCount), for an engine that
 * counts arrivals itself instead of striding the schedule (autocannon).
 */
export function stridedBound(bound: Bound, shard: Shard): Bound {
  return bound.kind === 'iterations' ? { kind: 'iterations', count: shareOfCount(bound.count, shard) } : bound;
}
