import { forbidden, wholeNumber } from '../input/fields.js';
import type { RampStage } from '../schedule/bound.js';
import { concurrencyAt, peakConcurrency } from '../schedule/ramping-concurrency.js';
import { CALLS_IN_FLIGHT_BOUND } from '../input/bounds.js';
import { WORKLOAD_DEFAULTS } from './defaults.js';
import { defineWorkloadType } from './descriptor.js';
import { runClosedLoop } from './loops/closed-loop.js';
import type { WorkloadBase } from './plan.js';
import { checkRamp, lengthFromStages, stageList, stagesLength, toRampStages } from './stages.js';

/** Closed loop with the number of calls in flight ramped linearly through `stages` (targets in calls in flight). */
export interface RampingConcurrencyWorkloadPlan extends WorkloadBase {
  readonly type: 'ramping-concurrency';
  readonly startConcurrency: number;
  readonly stages: readonly RampStage[];
}

const CONCURRENCY_STAGE = '{ target: 32, duration: 10s }';

/**
 * A closed loop whose number of calls in flight follows the stages: as many workers as the peak, each starting a
 * call only while its index is below the ramp's current value (the start value during warmup).
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
    runClosedLoop(plan, peakConcurrency(plan.startConcurrency, plan.stages), context, (index, nowUs, measureStartUs) => {
      const target = measureStartUs === null ? plan.startConcurrency : concurrencyAt(plan.startConcurrency, plan.stages, nowUs - measureStartUs);
      if (target === null) return 'stop';
      return index < target ? 'run' : 'wait';
    }),
  concurrency: (plan) => peakConcurrency(plan.startConcurrency, plan.stages),
  headline: (facts) => `ramping-concurrency · up to ${facts.concurrency} in flight`,
});
