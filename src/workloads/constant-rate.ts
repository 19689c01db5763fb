import { forbidden, rate } from '../input/fields.js';
import { constantArrivals } from '../schedule/arrivals.js';
import { isSharded } from '../schedule/shard.js';
import { defaultMaxInFlight } from './defaults.js';
import { defineWorkloadType } from './descriptor.js';
import { runOpenLoop } from './loops/open-loop.js';
import { OPEN_MODEL_HINT, maxInFlightField, openModelHeadline } from './open-model.js';
import type { WorkloadBase } from './plan.js';
import { openLoopIdle, openLoopShare, stridedBound } from './split.js';

/**
 * Open model: calls start on a clock at `ratePerSec` whether or not earlier ones finished; latency is measured from
 * each call's scheduled start. `measure` is a duration (or a number of arrivals); warmup runs at the same rate.
 */
export interface ConstantRateWorkloadPlan extends WorkloadBase {
  readonly type: 'constant-rate';
  /** The global rate, also in a shard's plan: the shard sends every N-th arrival of it. */
  readonly ratePerSec: number;
  /** Calls in flight at most; an arrival beyond it is dropped and counted (k6's dropped_iterations). A shard: its share. */
  readonly maxInFlight: number;
}

/** The global schedules: a shard strides them (its loop takes arrivals k ≡ i mod N). */
const schedules = (plan: ConstantRateWorkloadPlan) => ({
  warmup: plan.warmup ? constantArrivals(plan.ratePerSec, plan.warmup) : null,
  measure: constantArrivals(plan.ratePerSec, plan.measure),
});

/**
 * Calls at a fixed rate (open model); warmup at the same rate, the measured phase picking up where it ends.
 * Split: the plan keeps the global rate and bounds; shard i sends the global arrivals k ≡ i (mod N), at their global
 * times and with the operation arrival k draws on one machine; maxInFlight splits by shareOfCount (at least 1).
 * Driven by autocannon, a shard asks for rate / N and its share of an iteration bound. A shard the schedule never
 * reaches (fewer arrivals than shards) is idle by sharding.
 */
export const constantRate = defineWorkloadType<ConstantRateWorkloadPlan>()({
  type: 'constant-rate',
  description: 'calls started at a fixed rate whether or not earlier ones finished (open model)',
  model: 'open',
  fields: {
    rate: rate(),
    maxInFlight: maxInFlightField(),
    concurrency: forbidden('a constant-rate workload has no concurrency', OPEN_MODEL_HINT),
  },
  build: (common, raw) => ({
    ...common,
    type: 'constant-rate',
    ratePerSec: raw.rate,
    maxInFlight: raw.maxInFlight ?? defaultMaxInFlight(raw.rate),
  }),
  execute: (plan, context) => runOpenLoop(plan, schedules(plan), context),
  split: openLoopShare,
  idleShare: (share) => openLoopIdle(schedules(share).measure, share.shard),
  concurrency: (plan) => plan.maxInFlight,
  nominalRatePerSec: (plan) => plan.ratePerSec / plan.shard.count,
  autocannon: (plan) => ({
    ratePerSec: plan.ratePerSec / plan.shard.count,
    maxInFlight: plan.maxInFlight,
    ...(isSharded(plan.shard) && {
      phases: { warmup: plan.warmup && stridedBound(plan.warmup, plan.shard), measure: stridedBound(plan.measure, plan.shard) },
    }),
  }),
  headline: (facts) => openModelHeadline('constant-rate', facts),
});
