/**
 * A workload as resolved into the plan: what every type shares (WorkloadBase) and each type's own fields.
 * Plain data only; times are integer microseconds.
 */
import type { ClientPolicies } from '../client/policies.js';
import type { TargetPlan } from '../client/transports/target.js';
import type { OperationPlan } from '../operations/operation.js';
import type { Bound, RampStage } from '../schedule/bound.js';
import type { ThresholdSpec } from '../thresholds/types.js';

/** What every workload type shares once resolved. */
export interface WorkloadBase {
  readonly name: string;
  readonly operations: readonly OperationPlan[];
  /** Warmup phase (excluded from results), or null for none. */
  readonly warmup: Bound | null;
  /** The measured phase. */
  readonly measure: Bound;
  /** Seed of the operation mix's random source. */
  readonly seed: number;
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
}

export type EnginePlan = { readonly kind: 'client' } | { readonly kind: 'autocannon'; readonly pipelining: number };

export interface SequentialWorkloadPlan extends WorkloadBase {
  readonly type: 'sequential';
}

export interface ConcurrentWorkloadPlan extends WorkloadBase {
  readonly type: 'concurrent';
  /** Calls kept in flight (closed loop). */
  readonly concurrency: number;
}

/**
 * Open model: calls start on a clock at `ratePerSec` whether or not earlier ones finished; latency is measured from
 * each call's scheduled start. `measure` is a duration (or a number of arrivals); warmup runs at the same rate.
 */
export interface ConstantRateWorkloadPlan extends WorkloadBase {
  readonly type: 'constant-rate';
  readonly ratePerSec: number;
  /** Calls in flight at most; an arrival beyond it is dropped and counted (k6's dropped_iterations). */
  readonly maxInFlight: number;
}

/**
 * Open model with the rate ramped linearly through `stages` (targets in calls per second), starting from
 * `startRatePerSec`; the measured phase is the stages' total duration. Warmup (if any) runs at the start rate.
 */
export interface RampingRateWorkloadPlan extends WorkloadBase {
  readonly type: 'ramping-rate';
  readonly startRatePerSec: number;
  readonly stages: readonly RampStage[];
  readonly maxInFlight: number;
}

/** Closed loop with the number of calls in flight ramped linearly through `stages` (targets in calls in flight). */
export interface RampingConcurrencyWorkloadPlan extends WorkloadBase {
  readonly type: 'ramping-concurrency';
  readonly startConcurrency: number;
  readonly stages: readonly RampStage[];
}

/** Discriminated by `type`; a new workload type adds a member here and an executor in runner/registry.ts. */
export type WorkloadPlan =
  | SequentialWorkloadPlan
  | ConcurrentWorkloadPlan
  | ConstantRateWorkloadPlan
  | RampingRateWorkloadPlan
  | RampingConcurrencyWorkloadPlan;
export type WorkloadType = WorkloadPlan['type'];
