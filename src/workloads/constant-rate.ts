import { forbidden, rate } from '../input/fields.js';
import { constantArrivals } from '../schedule/arrivals.js';
import { defaultMaxInFlight } from './defaults.js';
import { defineWorkloadType } from './descriptor.js';
import { runOpenLoop } from './loops/open-loop.js';
import { OPEN_MODEL_HINT, maxInFlightField, openModelHeadline } from './open-model.js';
import type { WorkloadBase } from './plan.js';

/**
 * Open model: calls start on a clock at `ratePerSec` whether or not earlier ones finished; latency is measured from
 * each call's scheduled start. `measure` is a duration (or a number of arrivals); warmup runs at the same rate.
 */
export interface ConstantRateWorkloadPlan extends WorkloadBase {
  readonly type: 'constant-rate';
  readonly ratePerSec: number;
  /** Calls in flight at most; an arrival beyond it is dropped and counted (k6's dropped_iterations). */
  readonly maxInFlight: number;
}

/** Calls at a fixed rate (open model); warmup at the same rate, the measured phase picking up where it ends. */
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
  execute: (plan, context) =>
    runOpenLoop(
      {
        operations: plan.operations,
        warmup: plan.warmup ? constantArrivals(plan.ratePerSec, plan.warmup) : null,
        measure: constantArrivals(plan.ratePerSec, plan.measure),
        maxInFlight: plan.maxInFlight,
      },
      context,
    ),
  concurrency: (plan) => plan.maxInFlight,
  nominalRatePerSec: (plan) => plan.ratePerSec,
  autocannon: (plan) => ({ ratePerSec: plan.ratePerSec, maxInFlight: plan.maxInFlight }),
  headline: (facts) => openModelHeadline('constant-rate', facts),
});
