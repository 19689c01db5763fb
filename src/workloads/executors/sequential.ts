import type { SequentialWorkloadPlan } from '../plan.js';
import type { Executor } from '../executor.js';
import { runClosedLoop } from './closed-loop.js';

/** One call at a time: the latency of an unloaded server, and the baseline that concurrency is compared with. */
export const executeSequential: Executor<SequentialWorkloadPlan> = (workload, context) => runClosedLoop(workload, 1, context);
