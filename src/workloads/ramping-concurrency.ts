import { forbidden, wholeNumber } from '../input/fields.js';
import type { RampStage } from '../schedule/bound.js';
import { concurrencyAt, peakConcurrency, shardUserRuns } from '../schedule/ramping-concurrency.js';
import { shareOfCount } from '../schedule/shard.js';
import { CALLS_IN_FLIGHT_BOUND } from '../input/bounds.js';
import { WORKLOAD_DEFAULTS } from './defaults.js';
import { defineWorkloadType } from './descriptor.js';
import { runClosedLoop } from './loops/closed-loop.js';
import type { WorkloadBase } from './plan.js';
import { closedLoopIdle, closedLoopShare } from './split.js';
import { checkRamp, lengthFromStages, stageList, stagesLength, toRampStages } from './stages.js';

/** Closed loop with the number of calls in flight ramped linearly through `stages` (targets in calls in flight). */
export interface RampingConcurrencyWorkloadPlan extends WorkloadBase {
  readonly type: 'ramping-concurrency';
  readonly startConcurrency: number;
  readonly stages: readonly RampStage[];
}

const CONCURRENCY_STAGE = '{ target: 32, duration: 10s }';

const peak = (plan: RampingConcurrencyWorkloadPlan): number => peakConcurrency(plan.startConcurrency, plan.stages);

/** The workers this plan runs: its share of the global users 1 … peak (all of them for the whole run). */
const workers = (plan: RampingConcurrencyWorkloadPlan): number => shareOfCount(peak(plan), plan.shard);

/**
 * A closed loop whose number of calls in flight follows the stages: as many workers as the peak, each starting a
 * call only while its user number is at most the ramp's current value (the start value during warmup).
 * Split: the plan keeps the global start and stages; virtual user v belongs to shard (v − 1) mod N, so a shard runs
 * shareOfCount(peak) workers, its worker w being global user w·N + i + 1, which runs when the global ramp reaches it.
 * Warmup iterations split over the shards with users running during warmup (min(startConcurrency, N)); each shard
 * its own mix seed. A shard that owns no user (peak < N) is idle by sharding.
 */
export const rampingConcurrency = defineWorkloadType<RampingConcurrencyWorkloadPlan>()({
  type: 'ramping-concurrency',
  description: 'calls in flight ramped linearly through stages (closed loop)',
  model: 'closed',
  fields: {
    startConcurrency: wholeNumber({ min: 0, hint: 'startConcurrency is how many calls are in flight before the first stage', max: CALLS_IN_FLIGHT_BOUND }).optional(),
    stages: stageList(wholeNumber({ min: 0, hint: 'a target is a number of calls in flight; 0 stops them all', max: CALLS_IN_FLIGHT_BOUND }), CONCURRENCY_STAGE),
    ...lengthFromStages(CONCURRENCY_STAGE),
    concurrency: forbidden(
      'a ramping-concurrency workload has no single concurrency',
      'calls in flight start at startConcurrency and follow the stages',
    ),
  },
  measure: (raw) => stagesLength(raw.stages),
  check: checkRamp({
    startKey: 'startConcurrency',
    startDefault: WORKLOAD_DEFAULTS.startConcurrency,
    zero: '0',
    startExample: 'startConcurrency: 1',
    stageExample: CONCURRENCY_STAGE,
  }),
  build: (common, raw) => ({
    ...common,
    type: 'ramping-concurrency',
    startConcurrency: raw.startConcurrency ?? WORKLOAD_DEFAULTS.startConcurrency,
    stages: toRampStages(raw.stages),
  }),
  execute: (plan, context) =>
    runClosedLoop(plan, workers(plan), context, (worker, nowUs, measureStartUs) => {
      const target = measureStartUs === null ? plan.startConcurrency : concurrencyAt(plan.startConcurrency, plan.stages, nowUs - measureStartUs);
      if (target === null) return 'stop';
      return shardUserRuns(worker, plan.shard, target) ? 'run' : 'wait';
    }),
  split: (plan, shard) => closedLoopShare(plan, shard, { measure: peak(plan), warmup: plan.startConcurrency }),
  idleShare: (share) => closedLoopIdle(share, workers(share), `peak concurrency ${peak(share)} over ${share.shard.count} shards`),
  concurrency: workers,
  headline: (facts) => `ramping-concurrency · up to ${facts.concurrency} in flight`,
});
