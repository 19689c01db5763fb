import { count } from '../input/fields.js';
import { CALLS_IN_FLIGHT_BOUND } from '../input/bounds.js';
import { shareOfCount } from '../schedule/shard.js';
import { defineWorkloadType } from './descriptor.js';
import { runClosedLoop } from './loops/closed-loop.js';
import type { WorkloadBase } from './plan.js';
import { closedLoopIdle, closedLoopShare } from './split.js';

export interface ConcurrentWorkloadPlan extends WorkloadBase {
  readonly type: 'concurrent';
  /** Calls kept in flight (closed loop); in a shard's plan, its share. */
  readonly concurrency: number;
}

/**
 * `concurrency` calls kept in flight (closed loop): throughput under a fixed number of busy clients.
 * Split: concurrency C by shareOfCount (⌊C/N⌋, one more for the first C mod N shards); iteration bounds (measured and
 * warmup) over the min(C, N) shards with calls in flight; duration bounds unchanged; each shard its own mix seed.
 * A shard with no calls in flight (C < N) or no iterations is idle by sharding.
 */
export const concurrent = defineWorkloadType<ConcurrentWorkloadPlan>()({
  type: 'concurrent',
  description: 'a fixed number of calls kept in flight: throughput under that many busy clients',
  model: 'closed',
  fields: { concurrency: count({ max: CALLS_IN_FLIGHT_BOUND }) },
  build: (common, raw) => ({ ...common, type: 'concurrent', concurrency: raw.concurrency }),
  execute: (plan, context) => runClosedLoop(plan, plan.concurrency, context),
  split: (plan, shard) => ({
    ...closedLoopShare(plan, shard, { measure: plan.concurrency, warmup: plan.concurrency }),
    concurrency: shareOfCount(plan.concurrency, shard),
  }),
  idleShare: (share) =>
    closedLoopIdle(share, share.concurrency, `concurrency ${share.shard.index} or less over ${share.shard.count} shards`),
  concurrency: (plan) => plan.concurrency,
  autocannon: (plan) => ({ connections: plan.concurrency }),
  headline: (facts) => `concurrent · ${facts.concurrency} in flight`,
});
