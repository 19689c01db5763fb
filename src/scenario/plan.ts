/**
 * The resolved, immutable plan: what `resolve` produces from a validated scenario file and what every later stage
 * reads. Plain data only; times are integer microseconds, so nothing downstream parses units again.
 */

import type { ClientPolicies } from '../client/policies.js';
import type { ThresholdSpec } from '../gate/types.js';

/** Options of the built-in reference server (`mcp-bench serve`). */
export interface ReferenceServerOptions {
  readonly latencyUs: number;
  readonly jitterUs: number;
  /** Fraction of calls (0..1) that fail with an injected error. */
  readonly failRate: number;
  /** Seed of the server's random source (jitter, failures), so runs repeat. */
  readonly seed: number;
  /** HTTP only: tools/call above this many per second are answered 429 with Retry-After (null: no limit). */
  readonly rateLimitPerSec?: number | null;
  /** HTTP only: fraction (0..1) of POSTs answered 503 with Retry-After. */
  readonly unavailableRate?: number;
  /** HTTP only: a Streamable HTTP session expires this long after it was created (404 afterwards; null: never). */
  readonly sessionTtlUs?: number | null;
}

export type TargetPlan =
  | { readonly kind: 'builtin'; readonly transport: 'stdio' | 'http'; readonly server: ReferenceServerOptions }
  | {
      readonly kind: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      readonly env: Readonly<Record<string, string>>;
      /** Absolute working directory (relative paths in the file are resolved against the file's folder). */
      readonly cwd: string;
    }
  | { readonly kind: 'http'; readonly url: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'sse'; readonly url: string; readonly headers: Readonly<Record<string, string>> };

/** One MCP request shape the operation mix can send. */
export type McpRequest =
  | { readonly method: 'tools/call'; readonly tool: string; readonly args: Readonly<Record<string, unknown>> }
  | { readonly method: 'resources/read'; readonly uri: string }
  | { readonly method: 'prompts/get'; readonly prompt: string; readonly args: Readonly<Record<string, string>> }
  | { readonly method: ListMethod };

export const LIST_METHODS = [
  'ping',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
] as const;
export type ListMethod = (typeof LIST_METHODS)[number];

export interface OperationPlan {
  /**
   * Display and report name, e.g. `tools/call echo`, `resources/read bench://static/small`, `ping`; taken from the
   * operation as written, so `${ENV}` references stay references (`resources/read bench://items/${ITEM}`).
   */
  readonly name: string;
  /** Relative weight in the mix (> 0). */
  readonly weight: number;
  /** Per-call timeout in µs. */
  readonly timeoutUs: number;
  readonly request: McpRequest;
  /** Thresholds on this operation alone (absent: none). */
  readonly thresholds?: readonly ThresholdSpec[];
}

/** How long a phase lasts: a number of calls started, or a span of time. */
export type Bound =
  | { readonly kind: 'iterations'; readonly count: number }
  | { readonly kind: 'duration'; readonly us: number };

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

/** One stage of a ramp: move linearly from the previous value to `target` over `durationUs`. */
export interface RampStage {
  readonly target: number;
  readonly durationUs: number;
}

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

export interface Plan {
  readonly name: string;
  /** Absolute path of the scenario file, or null when the plan did not come from a file. */
  readonly sourceFile: string | null;
  readonly target: TargetPlan;
  readonly workloads: readonly WorkloadPlan[];
  /**
   * The scenario as it may be shown in reports: `${ENV}` substitutions kept as written (never their values),
   * header values, env values and URL credentials replaced by "[redacted]".
   */
  readonly redacted: unknown;
  /**
   * The resolved plan (defaults applied, times in µs) as it may be shown: header and env values hidden, and a value
   * from a field written with `${ENV}` shown as that field is written (`http://127.0.0.1:${PORT}/mcp`), or as
   * "[redacted]" when computed from such fields (resolved-view.ts).
   */
  readonly resolvedRedacted: unknown;
  /** One line naming the target for people (`stdio: node server.js`): secrets hidden, `${ENV}` references as written. */
  readonly targetLabel: string;
  /**
   * `variants:` — the same workloads under other settings, run side by side in interleaved rounds (absent or empty:
   * no comparison; `workloads` and `target` above are then what runs).
   */
  readonly variants?: readonly VariantPlan[];
  /** How variants are compared: rounds per variant, interleaved A B A B … (present when `variants` is). */
  readonly compare?: { readonly rounds: number };
}

/** One variant: the scenario with the variant's `client`, `target` and `workload` settings laid over it. */
export interface VariantPlan {
  readonly name: string;
  readonly target: TargetPlan;
  readonly targetLabel: string;
  readonly workloads: readonly WorkloadPlan[];
}
