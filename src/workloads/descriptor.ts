/**
 * What a workload type declares about itself: everything the rest of mcp-bench needs to know of it, in its one file
 * (k6's executors: config, Validate, GetDescription and the run loop together). The registry (registry.ts) lists the
 * types; nothing else names one.
 */
import type { z } from 'zod';
import type { Bound } from '../schedule/bound.js';
import type { Shard } from '../schedule/shard.js';
import type { LoadModel } from '../stats/mean-interval.js';
import type { ExecutionContext, ExecutionResult } from './executor.js';
import type { WorkloadBase } from './plan.js';

/**
 * How the autocannon engine drives a workload of this type: a fixed number of connections kept busy (closed loop), or
 * an overall request rate spread over connections capped by `maxInFlight` (not an open model: see engines/).
 */
export type AutocannonLoad =
  | { readonly connections: number }
  | {
      readonly ratePerSec: number;
      readonly maxInFlight: number;
      /**
       * A shard's share of the plan's bounds, where it differs from them: a split open-model plan keeps the global
       * schedule (its own loop strides it), but autocannon schedules nothing and must be told its share of the
       * arrivals. Absent: the plan's own warmup and measure.
       */
      readonly phases?: { readonly warmup: Bound | null; readonly measure: Bound };
    };

/** The figures a headline is written from: a workload's summary has them (summary/summary.ts WorkloadSummary). */
export interface HeadlineFacts {
  /** Calls in flight: `concurrency(plan)`, or autocannon's connections. */
  readonly concurrency: number;
  /** Open model, measured: the schedule's rate and the rate calls were actually sent at. */
  readonly arrivals?: { readonly targetRatePerSec: number; readonly achievedRatePerSec: number };
}

export interface WorkloadDescriptor<Plan extends WorkloadBase & { readonly type: string }, Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** As written in a scenario's `type:`. */
  readonly type: Plan['type'];
  /** One line for people: what the type measures. */
  readonly description: string;
  /**
   * `closed`: each caller waits for its answer before the next call (latency is send → answer; throughput follows
   * from latency). `open`: a clock starts calls whether or not earlier ones finished (latency runs from the scheduled
   * start, service time and send lag are kept apart, arrivals that find the cap reached are dropped and counted).
   */
  readonly model: LoadModel;
  /** Fields only this type has, beyond those every workload shares (name, iterations/duration, warmup, …). */
  readonly fields: Shape;
  /**
   * For a type whose own fields set its length (a ramp: its stages), the measured phase; such a type forbids
   * iterations/duration in its fields. Other types are measured by the common iterations or duration.
   */
  readonly measure?: (raw: z.output<z.ZodObject<Shape>>) => Bound;
  /** Rules across this type's fields, given the parsed fields (an invalid one is not its resolved value: skip it). */
  readonly check?: (value: Record<string, unknown>, ctx: z.core.$RefinementCtx) => void;
  /** The plan member: the common resolved fields plus this type's own, defaults applied. */
  readonly build: (common: WorkloadBase, raw: z.output<z.ZodObject<Shape>>) => Plan;
  /** Runs the workload to its bound. Never throws for call failures: they are recorded outcomes. */
  readonly execute: (plan: Plan, context: ExecutionContext) => Promise<ExecutionResult>;
  /** The calls in flight a report names: its concurrency (the peak for a ramp), or the open model's cap. */
  readonly concurrency: (plan: Plan) => number;
  /** Open model with one fixed rate: the report's target rate (absent: arrivals scheduled over the span). */
  readonly nominalRatePerSec?: (plan: Plan) => number;
  /** Absent: only mcp-bench's own client can drive this type. */
  readonly autocannon?: (plan: Plan) => AutocannonLoad;
  /**
   * This shard's share of the whole plan (schedule/shard.ts), such that the union of every shard's share is exactly
   * the whole workload; sets `shard`. Counts (calls in flight, iterations, caps) split by shareOfCount; an open-model
   * schedule stays global and each shard strides it. Called only for a sharded run (N > 1), on the whole plan.
   */
  readonly split: (plan: Plan, shard: Shard) => Plan;
  /**
   * Given a share `split` made: why it has nothing to run (the start of a sentence that ends "gives shard i/N
   * nothing", e.g. `concurrency 2 or less over 3 shards`), or null when it has work.
   */
  readonly idleShare: (share: Plan) => string | null;
  /** The shape words of a report's headline: `concurrent · 16 in flight`, `constant-rate · target 500/s, sent 498/s`. */
  readonly headline: (facts: HeadlineFacts) => string;
}

/**
 * Declares a workload type, checking its parts against each other: `defineWorkloadType<MyPlan>()({ … })`. The plan type
 * comes first so the fields' shape is inferred from `fields` while `build` is checked against the plan.
 */
export const defineWorkloadType =
  <Plan extends WorkloadBase & { readonly type: string }>() =>
  <Shape extends z.ZodRawShape>(descriptor: WorkloadDescriptor<Plan, Shape>): WorkloadDescriptor<Plan, Shape> =>
    descriptor;
