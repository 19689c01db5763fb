/**
 * A resolved plan narrowed to one shard's share (`--shard i/N`): every workload, and every variant's, split by its
 * type's own rule (workloads/registry.ts splitWorkload), so that the union of the shards' shares is exactly the whole
 * run. The plan's fingerprint is taken first, of the whole run, so every shard of one run carries the same hash.
 */
import type { Plan, StartPlan } from './plan.js';
import { planHash } from './plan-hash.js';
import { WHOLE_RUN, type Shard } from '../schedule/shard.js';
import { splitWorkload } from '../workloads/registry.js';

/** What the command line says about sharding: the share to run and the synchronised start (null: none). */
export interface ShardSetting {
  readonly shard: Shard;
  readonly start: StartPlan | null;
}

export const UNSHARDED: ShardSetting = Object.freeze({ shard: WHOLE_RUN, start: null });

/** The plan with its fingerprint, this shard's share of every workload, the shard and the start. */
export function shardPlan(plan: Plan, setting: ShardSetting): Plan {
  const hash = planHash(plan);
  const { shard } = setting;
  const split = shard.count === 1
    ? plan
    : {
        ...plan,
        workloads: plan.workloads.map((workload) => splitWorkload(workload, shard)),
        ...(plan.variants && { variants: plan.variants.map((variant) => ({ ...variant, workloads: variant.workloads.map((w) => splitWorkload(w, shard)) })) }),
      };
  return { ...split, shard, start: setting.start, planHash: hash };
}

/**
 * The plan with the synchronised start given after it was loaded (`--workers N` hands its children the instant over
 * IPC): everything else, the share and the fingerprint included, stays as resolved.
 */
export function withStart(plan: Plan, start: StartPlan | null): Plan {
  return { ...plan, start };
}
