import type { ConcurrentWorkloadPlan } from '../plan.js';
import type { Executor } from '../executor.js';
import { runClosedLoop } from './closed-loop.js';

/** `concurrency` calls kept in flight (closed loop): throughput under a fixed number of busy clients. */
export const executeConcurrent: Executor<ConcurrentWorkloadPlan> = (workload, context) =>
  runClosedLoop(workload, workload.concurrency, context);
