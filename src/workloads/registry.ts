/**
 * Every workload type, one line each. Adding a type is its own file (descriptor.ts says what it declares) and a line
 * in DESCRIPTORS; the plan's union (plan.ts), the scenario's `type:` field, the executor, the report's headline and the
 * JSON schema's list of types all follow from this list.
 */
import type { z } from 'zod';
import { concurrent } from './concurrent.js';
import { constantRate } from './constant-rate.js';
import type { LoadModel } from '../stats/mean-interval.js';
import type { WorkloadDescriptor } from './descriptor.js';
import type { ExecutionContext, ExecutionResult } from './executor.js';
import type { WorkloadPlan, WorkloadType } from './plan.js';
import { rampingConcurrency } from './ramping-concurrency.js';
import { rampingRate } from './ramping-rate.js';
import { sequential } from './sequential.js';
import { sessionChurn } from './session-churn.js';
import { isSharded, type Shard } from '../schedule/shard.js';

export const DESCRIPTORS = [sequential, concurrent, constantRate, rampingRate, rampingConcurrency, sessionChurn] as const;

/** The descriptor of one type, by name (its fields' shape and its plan). */
export type DescriptorOf<T extends WorkloadType> = Extract<(typeof DESCRIPTORS)[number], { readonly type: T }>;

/** A type's descriptor seen generally: its parts take any plan, and callers hand each the plan of its own type. */
export type AnyWorkloadDescriptor = WorkloadDescriptor<WorkloadPlan, z.ZodRawShape>;

export const WORKLOAD_TYPE_NAMES: readonly WorkloadType[] = DESCRIPTORS.map((descriptor) => descriptor.type);

const BY_TYPE: ReadonlyMap<unknown, AnyWorkloadDescriptor> = new Map(
  // Each descriptor is only ever called with a plan of its own type (the plan's `type` picks it).
  DESCRIPTORS.map((descriptor) => [descriptor.type, descriptor as unknown as AnyWorkloadDescriptor]),
);

/** The descriptor of a type in the plan. */
export function workloadType(type: WorkloadType): AnyWorkloadDescriptor {
  return BY_TYPE.get(type)!;
}

/** The descriptor of a type as written in a file or a saved report, if it names one. */
export function findWorkloadType(type: unknown): AnyWorkloadDescriptor | undefined {
  return BY_TYPE.get(type);
}

/** Runs a workload with its type's executor. */
export function execute(plan: WorkloadPlan, context: ExecutionContext): Promise<ExecutionResult> {
  return workloadType(plan.type).execute(plan, context);
}

/**
 * The load model of a type named in a report; a type this version does not know is taken as closed (its throughput
 * interval then follows from latency, the cautious choice).
 */
export function loadModelOf(type: string): LoadModel {
  return findWorkloadType(type)?.model ?? 'closed';
}

/**
 * This shard's share of a workload (schedule/shard.ts): the plan a shard runs so that the union of every shard's share
 * is exactly the whole workload. Each type declares its own split in its descriptor (`split`); the whole run
 * (N = 1) is the plan itself.
 */
export function splitWorkload(plan: WorkloadPlan, shard: Shard): WorkloadPlan {
  if (!isSharded(shard)) return plan;
  return workloadType(plan.type).split(plan, shard);
}

/**
 * Why a shard's share (what `splitWorkload` made) has nothing to run, as a sentence for the shard's report —
 * "idle by sharding: concurrency 2 or less over 3 shards gives shard 2/3 nothing" — or null when it has work (always
 * for the whole run). Such a shard records the workload as run with no calls instead of failing.
 */
export function idleBySharding(share: WorkloadPlan): string | null {
  if (!isSharded(share.shard)) return null;
  const reason = workloadType(share.type).idleShare(share);
  return reason === null ? null : `idle by sharding: ${reason} gives shard ${share.shard.index}/${share.shard.count} nothing`;
}
