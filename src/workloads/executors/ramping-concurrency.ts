import type { RampingConcurrencyWorkloadPlan } from '../plan.js';
import { concurrencyAt, peakConcurrency } from '../../schedule/ramping-concurrency.js';
import type { Executor } from '../executor.js';
import { runClosedLoop } from './closed-loop.js';

/**
 * A closed loop whose number of calls in flight follows the stages: as many workers as the peak, each starting a
 * call only while its index is below the ramp's current value (the start value during warmup).
 */
export const executeRampingConcurrency: Executor<RampingConcurrencyWorkloadPlan> = (workload, context) =>
  runClosedLoop(workload, peakConcurrency(workload.startConcurrency, workload.stages), context, (index, nowUs, measureStartUs) => {
    const target = measureStartUs === null ? workload.startConcurrency : concurrencyAt(workload.startConcurrency, workload.stages, nowUs - measureStartUs);
    if (target === null) return 'stop';
    return index < target ? 'run' : 'wait';
  });
