import type { WorkloadPlan } from '../scenario/plan.js';
import type { ExecutionContext, ExecutionResult, ExecutorRegistry } from './executor.js';
import { executeConcurrent } from './executors/concurrent.js';
import { executeSequential } from './executors/sequential.js';

/** One entry per workload type: adding a workload type is a file in executors/ and a line here. */
export const executors: ExecutorRegistry = {
  sequential: executeSequential,
  concurrent: executeConcurrent,
};

export function execute(workload: WorkloadPlan, context: ExecutionContext): Promise<ExecutionResult> {
  const executor = executors[workload.type] as (w: WorkloadPlan, c: ExecutionContext) => Promise<ExecutionResult>;
  return executor(workload, context);
}
