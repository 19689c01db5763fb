import type { ConstantRateWorkloadPlan } from '../plan.js';
import { constantArrivals } from '../../schedule/arrivals.js';
import type { Executor } from '../executor.js';
import { runOpenLoop } from './open-loop.js';

/** Calls at a fixed rate (open model); warmup at the same rate, the measured phase picking up where it ends. */
export const executeConstantRate: Executor<ConstantRateWorkloadPlan> = (workload, context) =>
  runOpenLoop(
    {
      operations: workload.operations,
      warmup: workload.warmup ? constantArrivals(workload.ratePerSec, workload.warmup) : null,
      measure: constantArrivals(workload.ratePerSec, workload.measure),
      maxInFlight: workload.maxInFlight,
    },
    context,
  );
