import { forbidden } from '../input/fields.js';
import { defineWorkloadType } from './descriptor.js';
import { runClosedLoop } from './loops/closed-loop.js';
import type { WorkloadBase } from './plan.js';

export interface SequentialWorkloadPlan extends WorkloadBase {
  readonly type: 'sequential';
}

/** One call at a time: the latency of an unloaded server, and the baseline that concurrency is compared with. */
export const sequential = defineWorkloadType<SequentialWorkloadPlan>()({
  type: 'sequential',
  description: 'one call at a time: the latency of an unloaded server',
  model: 'closed',
  fields: {
    concurrency: forbidden('a sequential workload has no concurrency', 'sequential runs one call at a time; use type: concurrent'),
  },
  build: (common) => ({ ...common, type: 'sequential' }),
  execute: (plan, context) => runClosedLoop(plan, 1, context),
  concurrency: () => 1,
  headline: () => 'sequential',
});
