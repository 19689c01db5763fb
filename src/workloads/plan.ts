/**
 * A workload as resolved into the plan: what every type shares (WorkloadBase) and each type's own fields.
 * Plain data only; times are integer microseconds.
 */
import type { ClientPolicies } from '../client/policies.js';
import type { TargetPlan } from '../client/targets/registry.js';
import type { OperationPlan } from '../operations/operation.js';
import type { Bound } from '../schedule/bound.js';
import type { Shard } from '../schedule/shard.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import type { DataPlan } from '../traffic/data-block.js';
import type { DESCRIPTORS } from './registry.js';
import type { EndpointGroup } from '../client/options/groups.js';
import type { TenantPlan } from '../traffic/tenants.js';
import type { CapabilitiesPlan } from '../client/session/capability-plan.js';

/** What every workload type shares once resolved. */
export interface WorkloadBase {
  readonly name: string;
  readonly operations: readonly OperationPlan[];
  /** Warmup phase (excluded from results), or null for none. */
  readonly warmup: Bound | null;
  /** `warmup: { sessions: all }`: every pooled session is opened before measuring (scenario/warmup.ts). */
  readonly warmSessions?: 'all';
  /** The measured phase. */
  readonly measure: Bound;
  /** Seed of the operation mix's random source. */
  readonly seed: number;
  /**
   * Which share of the workload this plan is (schedule/shard.ts): WHOLE_RUN, or what `splitWorkload` made of the
   * whole plan for one shard of a sharded run (its type's descriptor says how: `split`).
   */
  readonly shard: Shard;
  /**
   * How this share numbers its calls (Performer's `seq` = c·count + index) when that differs from `shard`: a closed
   * loop's calls run on the first min(C, N) shards only (split.ts), so the numbers stride over those, and a data file
   * read `once` is used without gaps. Absent: by `shard`.
   */
  readonly callNumbers?: Shard;
  /** The reliability/caching client layers this workload calls through (PLAIN_CLIENT: none). */
  readonly client: ClientPolicies;
  /** Where calls go: the scenario's target, or the client block's `endpoints` (balanced). Never empty. */
  readonly endpoints: readonly TargetPlan[];
  /**
   * What drives the load: mcp-bench's own client (`client`, default), or autocannon sending raw JSON-RPC
   * `tools/call` POSTs (Streamable HTTP targets only; for `concurrent` and `constant-rate` workloads).
   */
  readonly engine: EnginePlan;
  /** Thresholds on the workload's total: the scenario's top-level ones, then the workload's own (absent: none). */
  readonly thresholds?: readonly ThresholdSpec[];
  /** The data file its calls take rows from (`data:`, traffic/data-block.ts); absent: none. */
  readonly data?: DataPlan;
  /** The tenants its calls are shared among (traffic/tenants.ts), each over stacks of its own (absent: none). */
  readonly tenants?: readonly TenantPlan[];
  /** Named endpoint groups (`client.groups`) that operations and tenants route to (absent: none). */
  readonly groups?: Readonly<Record<string, EndpointGroup>>;
  /** Client capabilities its sessions declare and answer (client/session/capability-plan.ts; absent: none). */
  readonly capabilities?: CapabilitiesPlan;
}

export type EnginePlan = { readonly kind: 'client' } | { readonly kind: 'autocannon'; readonly pipelining: number };

/** The plan of a workload: discriminated by `type`, one member per entry of the registry (registry.ts). */
export type WorkloadPlan = PlanOf<(typeof DESCRIPTORS)[number]>;
export type WorkloadType = WorkloadPlan['type'];

/** What a descriptor's `build` makes. */
type PlanOf<D> = D extends { readonly build: (...args: never[]) => infer Plan } ? Plan : never;
