/**
 * The workload types a scenario may use: each entry lists the fields only that type has and how it resolves.
 * Adding a type is one entry here (plus its member of WorkloadPlan in plan.ts and an executor in the runner).
 */
import type { z } from 'zod';
import type { ClientPolicies } from '../client/policies.js';
import type { Bound, OperationPlan, TargetPlan, WorkloadPlan, WorkloadType } from './plan.js';
import { count, forbidden } from './fields.js';

/** What every workload type shares once resolved. */
export interface WorkloadCommon {
  readonly name: string;
  readonly operations: readonly OperationPlan[];
  readonly warmup: Bound | null;
  readonly measure: Bound;
  readonly seed: number;
  readonly client: ClientPolicies;
  readonly endpoints: readonly TargetPlan[];
}

interface WorkloadTypeEntry<S extends z.ZodRawShape, P extends WorkloadPlan> {
  /** Fields of this type beyond the common ones (name, iterations/duration, warmup, seed, timeout, operations). */
  readonly shape: S;
  readonly build: (common: WorkloadCommon, raw: z.output<z.ZodObject<S>>) => P;
}

const define = <S extends z.ZodRawShape, P extends WorkloadPlan>(entry: WorkloadTypeEntry<S, P>) => entry;

export const WORKLOAD_TYPES = {
  sequential: define({
    shape: {
      concurrency: forbidden('a sequential workload has no concurrency', 'sequential runs one call at a time; use type: concurrent'),
    },
    build: (common) => ({ ...common, type: 'sequential' }),
  }),
  concurrent: define({
    shape: { concurrency: count() },
    build: (common, raw) => ({ ...common, type: 'concurrent', concurrency: raw.concurrency }),
  }),
} satisfies { readonly [K in WorkloadType]: { readonly build: (common: WorkloadCommon, raw: never) => Extract<WorkloadPlan, { type: K }> } };

export type WorkloadTypes = typeof WORKLOAD_TYPES;
export const WORKLOAD_TYPE_NAMES = Object.keys(WORKLOAD_TYPES) as WorkloadType[];
