import { forbidden } from '../input/fields.js';
import { shareOfCount } from '../schedule/shard.js';
import { defineWorkloadType } from './descriptor.js';
import { runClosedLoop } from './loops/closed-loop.js';
import type { WorkloadBase } from './plan.js';
import { closedLoopIdle, closedLoopShare } from './split.js';

export interface SequentialWorkloadPlan extends WorkloadBase {
  readonly type: 'sequential';
}

/** Its one call in flight, split over shards: shard 0 has it, the others none (shareOfCount(1)). */
const callsInFlight = (plan: SequentialWorkloadPlan): number => shareOfCount(1, plan.shard);

/**
 * One call at a time: the latency of an unloaded server, and the baseline that concurrency is compared with.
 * Split: one call in flight is shard 0's alone, so shard 0 runs the workload whole (its iterations, warmup and seed)
 * and every other shard is idle by sharding.
 */
export const sequential = defineWorkloadType<SequentialWorkloadPlan>()({
  type: 'sequential',
  description: 'one call at a time: the latency of an unloaded server',
  model: 'closed',
  fields: {
    concurrency: forbidden('a sequential workload has no concurrency', 'sequential runs one call at a time; use type: concurrent'),
  },
  build: (common) => ({ ...common, type: 'sequential' }),
  execute: (plan, context) => runClosedLoop(plan, callsInFlight(plan), context),
  split: (plan, shard) => closedLoopShare(plan, shard, { measure: 1, warmup: 1 }),
  idleShare: (share) => closedLoopIdle(share, callsInFlight(share), 'a sequential workload (one call in flight, on shard 0)'),
  concurrency: callsInFlight,
  headline: () => 'sequential',
});
