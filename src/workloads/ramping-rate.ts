import { forbidden, rate } from '../input/fields.js';
import type { RampStage } from '../schedule/bound.js';
import { constantArrivals, rampingArrivals } from '../schedule/arrivals.js';
import { WORKLOAD_DEFAULTS, defaultMaxInFlight } from './defaults.js';
import { defineWorkloadType } from './descriptor.js';
import { runOpenLoop } from './loops/open-loop.js';
import { OPEN_MODEL_HINT, maxInFlightField, openModelHeadline } from './open-model.js';
import type { WorkloadBase } from './plan.js';
import { openLoopIdle, openLoopShare } from './split.js';
import { checkRamp, lengthFromStages, stageList, stagesLength, toRampStages } from './stages.js';

/**
 * Open model with the rate ramped linearly through `stages` (targets in calls per second), starting from
 * `startRatePerSec`; the measured phase is the stages' total duration. Warmup (if any) runs at the start rate.
 */
export interface RampingRateWorkloadPlan extends WorkloadBase {
  readonly type: 'ramping-rate';
  readonly startRatePerSec: number;
  readonly stages: readonly RampStage[];
  /** Calls in flight at most (a shard: its share). */
  readonly maxInFlight: number;
}

/** The global schedules: a shard strides them (its loop takes arrivals k ≡ i mod N). */
const schedules = (plan: RampingRateWorkloadPlan) => ({
  warmup: plan.warmup && plan.startRatePerSec > 0 ? constantArrivals(plan.startRatePerSec, plan.warmup) : null,
  measure: rampingArrivals(plan.startRatePerSec, plan.stages),
});

const RATE_STAGE = '{ target: 100/s, duration: 10s }';

/**
 * Calls at a rate ramped linearly through the stages (open model); warmup, if any, at the start rate.
 * Split: the plan keeps the global start rate and stages; shard i sends the global arrivals k ≡ i (mod N) of the
 * ramp, at their global times and with the operation arrival k draws on one machine; maxInFlight splits by
 * shareOfCount (at least 1). A shard the schedule never reaches is idle by sharding.
 */
export const rampingRate = defineWorkloadType<RampingRateWorkloadPlan>()({
  type: 'ramping-rate',
  description: 'an open-model rate ramped linearly through stages: where latency starts to climb',
  model: 'open',
  fields: {
    startRate: rate({ allowZero: true }).optional(),
    stages: stageList(rate({ allowZero: true }), RATE_STAGE),
    maxInFlight: maxInFlightField(),
    ...lengthFromStages(RATE_STAGE),
    rate: forbidden('a ramping-rate workload has no single rate', 'its rate starts at startRate and follows the stages'),
    concurrency: forbidden('a ramping-rate workload has no concurrency', OPEN_MODEL_HINT),
  },
  measure: (raw) => stagesLength(raw.stages),
  check: checkRamp({
    startKey: 'startRate',
    startDefault: WORKLOAD_DEFAULTS.startRatePerSec,
    zero: '0/s',
    startExample: 'startRate: 10/s',
    stageExample: RATE_STAGE,
  }),
  build: (common, raw) => {
    const startRatePerSec = raw.startRate ?? WORKLOAD_DEFAULTS.startRatePerSec;
    const peak = Math.max(startRatePerSec, ...raw.stages.map((stage) => stage.target));
    return {
      ...common,
      type: 'ramping-rate',
      startRatePerSec,
      stages: toRampStages(raw.stages),
      maxInFlight: raw.maxInFlight ?? defaultMaxInFlight(peak),
    };
  },
  execute: (plan, context) => runOpenLoop(plan, schedules(plan), context),
  split: openLoopShare,
  idleShare: (share) => openLoopIdle(schedules(share).measure, share.shard),
  concurrency: (plan) => plan.maxInFlight,
  headline: (facts) => openModelHeadline('ramping-rate', facts),
});
