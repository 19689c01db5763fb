import type { RampingRateWorkloadPlan } from '../plan.js';
import { constantArrivals, rampingArrivals } from '../../schedule/arrivals.js';
import type { Executor } from '../executor.js';
import { runOpenLoop } from './open-loop.js';

/** Calls at a rate ramped linearly through the stages (open model); warmup, if any, at the start rate. */
export const executeRampingRate: Executor<RampingRateWorkloadPlan> = (workload, context) =>
  runOpenLoop(
    {
      operations: workload.operations,
      warmup: workload.warmup && workload.startRatePerSec > 0 ? constantArrivals(workload.startRatePerSec, workload.warmup) : null,
      measure: rampingArrivals(workload.startRatePerSec, workload.stages),
      maxInFlight: workload.maxInFlight,
    },
    context,
  );
