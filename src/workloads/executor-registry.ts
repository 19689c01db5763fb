import type { WorkloadPlan } from './plan.js';
import type { ExecutionContext, ExecutionResult, ExecutorRegistry } from './executor.js';
import { executeConcurrent } from './executors/concurrent.js';
import { executeConstantRate } from './executors/constant-rate.js';
import { executeRampingConcurrency } from './executors/ramping-concurrency.js';
import { executeRampingRate } from './executors/ramping-rate.js';
import { executeSequential } from './executors/sequential.js';

/** One entry per workload type: adding a workload type is a file in executors/ and a line here. */
export const executors: ExecutorRegistry = {
  sequential: executeSequential,
  concurrent: executeConcurrent,
  'constant-rate': executeConstantRate,
  'ramping-rate': executeRampingRate,
  'ramping-concurrency': executeRampingConcurrency,
};

export function execute(workload: WorkloadPlan, context: ExecutionContext): Promise<ExecutionResult> {
  const executor = executors[workload.type] as (w: WorkloadPlan, c: ExecutionContext) => Promise<ExecutionResult>;
  return executor(workload, context);
}
