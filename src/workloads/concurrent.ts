import { count } from '../input/fields.js';
import { CALLS_IN_FLIGHT_BOUND } from '../input/bounds.js';
import { defineWorkloadType } from './descriptor.js';
import { runClosedLoop } from './loops/closed-loop.js';
import type { WorkloadBase } from './plan.js';

export interface ConcurrentWorkloadPlan extends WorkloadBase {
  readonly type: 'concurrent';
  /** Calls kept in flight (closed loop). */
  readonly concurrency: number;
}

/** `concurrency` calls kept in flight (closed loop): throughput under a fixed number of busy clients. */
export const concurrent = defineWorkloadType<ConcurrentWorkloadPlan>()({
  type: 'concurrent',
  description: 'a fixed number of calls kept in flight: throughput under that many busy clients',
  model: 'closed',
  fields: { concurrency: count({ max: CALLS_IN_FLIGHT_BOUND }) },
  build: (common, raw) => ({ ...common, type: 'concurrent', concurrency: raw.concurrency }),
  execute: (plan, context) => runClosedLoop(plan, plan.concurrency, context),
  concurrency: (plan) => plan.concurrency,
  autocannon: (plan) => ({ connections: plan.concurrency }),
  headline: (facts) => `concurrent · ${facts.concurrency} in flight`,
});
