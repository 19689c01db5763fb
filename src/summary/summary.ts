import type { ConnectionTimings } from '../client/connect.js';
import type { PerKeyCounters } from '../client/layers/per-key.js';
import type { RunFailure, WorkloadStatus } from '../runner/run.js';
import type { TargetPlan } from '../client/targets/registry.js';
import type { WorkloadType } from '../workloads/plan.js';
import type { ClientOperationSummary } from './client-summary.js';
import type { GateSummary, ThresholdResult } from '../thresholds/types.js';
import type { ComparisonSummary } from './comparison.js';
import type { LatencyStats } from '../stats/histogram.js';
import type { BadOutputSummary } from '../metrics/bad-output.js';
import type { ServerLimitsSummary } from '../metrics/server-limits.js';
import type { StreamResumptionSummary } from '../metrics/stream-resumptions.js';
import type { NotificationsSummary } from '../metrics/notifications.js';
import type { ServerRequestRecords } from '../metrics/server-requests.js';
import type { AuthSummary } from '../client/auth/token-stats.js';
import type { TimelineSummary } from '../metrics/timeline.js';
import type { CalibratedFloor, ColdStartSummary, HarnessSummary, ServerResourcesSummary } from '../metrics/harness-types.js';
import type { ShardRunInfo, ShardsSummary } from './shard-info.js';
import type { SessionChurnSummary } from './session-churn.js';
import type { SubscriptionsSummary } from './subscriptions.js';
import type { DataUse } from '../traffic/data-rows.js';
import type { ProgressSummary } from './progress.js';
import type { PayloadBytesSummary } from './payload-bytes.js';

/**
 * The report's data: plain, JSON-ready, versioned. Reporters are pure functions of it; CI scripts read its JSON
 * form, so field names are part of the public interface (see DESIGN.md "JSON report").
 */
export const SCHEMA_VERSION = 1;

export interface OperationSummary {
  readonly name: string;
  /**
   * What the operation sends, as written (kind, target, arguments; hashed): operations of one name with different
   * arguments differ here, so comparisons match on name and signature. Absent on the total and in older reports.
   */
  readonly signature?: string;
  /** Measured calls (warmup excluded), errors included. */
  readonly count: number;
  readonly ok: number;
  /** Failed calls by kind and code: `tool-error`, `rpc-error:-32601`, `timeout`, `transport:closed`. */
  readonly errors: Readonly<Record<string, number>>;
  /** errors / count, 0..1 (0 when count is 0); calls that failed a check are not errors (see `checks`). */
  readonly errorRate: number;
  /**
   * Response checks (`expect:`) and captures, when this operation runs any: calls that passed them all, calls that
   * ended `check-failed` (counted in `count`, neither in `ok` nor in `errors`) by the first check they failed, and
   * passed / (passed + failed). Calls that errored ran no check.
   */
  readonly checks?: CheckSummary;
  /** A journey's row (end to end): its steps' row names, in order. */
  readonly journey?: { readonly steps: readonly string[] };
  /** A journey step's row: its journey's row name. */
  readonly step?: { readonly journey: string };
  /** Measured calls per second of the workload's measured window. */
  readonly throughputPerSec: number;
  /** Latency of every measured call (errors included), integer µs. */
  readonly latencyUs: LatencyStats;
  /** The HDR histogram of latencyUs, compressed and base64-encoded, so reports merge exactly. */
  readonly histogram: string;
  readonly warmupCalls: number;
  /** What the client layers did for this operation (absent when no layer was on). */
  readonly client?: ClientOperationSummary;
  /** Open model only: send → answer, not corrected for late sends (latencyUs is, from the scheduled start). */
  readonly serviceTimeUs?: LatencyStats;
  /** Open model only: the HDR histogram of serviceTimeUs, encoded like `histogram`, so shard reports merge exactly. */
  readonly serviceTimeHistogram?: string;
  /** Open model only: arrivals of this operation dropped because maxInFlight calls were in flight. */
  readonly dropped?: number;
  /** Operations with `progress: true`: their progress notifications' figures (summary/progress.ts). */
  readonly progress?: ProgressSummary;
  /** Bytes of its requests and answers, on the wire and decoded (summary/payload-bytes.ts); absent when none was sent. */
  readonly bytes?: PayloadBytesSummary;
}

/**
 * One tenant of a workload (traffic/tenants.ts): its calls alone, per operation, in the workload's operation order.
 * Throughput is its measured calls over the workload's measured window; warmup, service time and drops are counted
 * for the workload only.
 */
export interface TenantSummary {
  readonly name: string;
  readonly weight: number;
  readonly operations: readonly OperationSummary[];
  /** All its operations merged. */
  readonly total: OperationSummary;
}

export interface CheckSummary {
  readonly passed: number;
  readonly failed: number;
  /** passed / (passed + failed), 0..1 (0 when no call ran checks). */
  readonly passRate: number;
  /** Failed calls by the first check they failed (`text contains "ok"`, `capture key`). */
  readonly failures: Readonly<Record<string, number>>;
}

/** Open-model workloads: the schedule against what happened. */
export interface ArrivalSummary {
  readonly targetRatePerSec: number;
  readonly achievedRatePerSec: number;
  readonly scheduled: number;
  readonly sent: number;
  readonly dropped: number;
  /** How late calls were sent after their scheduled start: the load generator's own lag. */
  readonly sendLagUs: LatencyStats;
  /** The HDR histogram of sendLagUs, encoded like an operation's `histogram` (absent in older reports). */
  readonly sendLagHistogram?: string;
}

export interface WorkloadSummary {
  readonly name: string;
  /** In a `variants:` run: which variant this workload ran as (figures merged over its rounds). */
  readonly variant?: string;
  readonly type: WorkloadType;
  /** Calls kept in flight (1 for sequential). */
  readonly concurrency: number;
  readonly status: WorkloadStatus;
  /** The measured window: from the first measured send to the last measured completion. */
  readonly durationUs: number;
  readonly connection: (ConnectionTimings & { readonly server: ServerIdentity }) | null;
  /** Set-up of every session opened (several with `sessions` or `endpoints`). */
  readonly sessions: readonly ConnectionTimings[];
  /**
   * The client layers' own counters by layer (cache entries and evictions, breaker opens, pool reconnects, …), and by
   * key where a layer keeps them so (`perKey.cache`: per tool, resource URI and prompt).
   */
  readonly client: { readonly layers: Readonly<Record<string, Readonly<Record<string, number | string>>>>; readonly perKey?: PerKeyCounters } | null;
  readonly operations: readonly OperationSummary[];
  /** All operations of the workload merged. */
  readonly total: OperationSummary;
  /** Per tenant, its calls alone (absent: the workload has no tenants). */
  readonly tenants?: readonly TenantSummary[];
  /** What drove the load: mcp-bench's client, or autocannon (raw HTTP; see `engineNotes`). */
  readonly engine: 'client' | 'autocannon';
  readonly engineStats?: Readonly<Record<string, number>>;
  /** Caveats about this workload's figures that come from its engine. */
  readonly engineNotes?: readonly string[];
  /** Calls still in flight when an interrupted run's grace period ended: neither counted nor recorded. */
  readonly abandonedCalls?: number;
  /** Open-model workloads: target vs achieved rate, dropped arrivals, send lag. */
  readonly arrivals?: ArrivalSummary;
  /** Untimed requests made before measuring (capability checks), by method. */
  readonly setupCalls: Readonly<Record<string, number>>;
  readonly failure: RunFailure | null;
  /** Calls completed per interval (1 s) with their p50/p99: throughput and latency over time. */
  readonly timeline?: TimelineSummary;
  /** Thresholds on this workload's total and on its operations, evaluated at the end ([] when none). */
  readonly thresholds: readonly ThresholdResult[];
  /** mcp-bench's own CPU and event-loop delay while measuring, and whether it was the bottleneck. */
  readonly harness?: HarnessSummary;
  /** How long sessions took to open (spawn/connect through initialize), over every session. */
  readonly coldStart?: ColdStartSummary;
  /** A spawned stdio server's CPU and RSS over time. */
  readonly serverResources?: ServerResourcesSummary;
  /** Stdio servers started under `limits:`, and how many were killed at each (absent: none under limits). */
  readonly serverLimits?: ServerLimitsSummary;
  /** What the server wrote that mcp-bench could not use (absent when nothing was): counted, never silently dropped. */
  readonly badOutput?: BadOutputSummary;
  /** Streamable HTTP event streams resumed (Last-Event-ID) or re-opened; absent when none were. */
  readonly streams?: StreamResumptionSummary;
  /** Token fetches of targets with `auth:` (how many, why, failures, how long), apart from the calls; absent without auth. */
  readonly auth?: AuthSummary;
  /** Session-churn workloads: sessions opened and closed, their latencies, sessions/s, server RSS growth. */
  readonly sessionChurn?: SessionChurnSummary;
  /** A workload that subscribes to resources: updates received and their change → receipt delay (absent otherwise). */
  readonly subscriptions?: SubscriptionsSummary;
  /** What the server notified the sessions of, by method (absent when nothing was and no logLevel was set). */
  readonly notifications?: NotificationsSummary;
  /** The server's requests we answered, by method: count, errors by code, our answer's time (encoded HDR histogram). */
  readonly serverRequests?: ServerRequestRecords;
  /**
   * Each data file the calls read: the workload's `data:` first, then each tenant's own (`tenant` set), by path as
   * written, never their contents (absent: none). Merged as data-use.ts says.
   */
  readonly data?: readonly DataUse[];
}

export interface ServerIdentity {
  readonly name: string;
  readonly version: string;
  readonly protocolVersion: string | null;
}

export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly cpus: { readonly count: number; readonly model: string };
  readonly memoryBytes: number;
}

export interface RunSummary {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: 'mcp-bench'; readonly version: string };
  readonly scenario: {
    readonly name: string;
    readonly file: string | null;
    /** The scenario as written, `${ENV}` references kept, secrets redacted. */
    readonly definition: unknown;
    /**
     * The resolved plan (defaults applied, times in µs): fields written with `${VAR}` shown as written, values computed
     * from them `[redacted]`, header and env values hidden.
     */
    readonly resolved: unknown;
  };
  readonly target: {
    readonly kind: TargetPlan['kind'];
    readonly transport: 'stdio' | 'http' | 'sse';
    /** For people: `stdio: node server.js`, `Streamable HTTP: http://127.0.0.1:3000/mcp` (secrets redacted). */
    readonly label: string;
  };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly environment: Environment;
  readonly workloads: readonly WorkloadSummary[];
  /** True when the run did not do everything it planned (interrupted, or the target failed). */
  readonly partial: boolean;
  /** True when a signal stopped the run (exit code 130). */
  readonly interrupted: boolean;
  /** Why the run ended early, if it did because of the target. */
  readonly failure: RunFailure | null;
  readonly warnings: readonly string[];
  /** Thresholds and the baseline check: what decides exit code 1. */
  readonly gate: GateSummary;
  /** Variants side by side (a `variants:` run), or null. */
  readonly comparison: ComparisonSummary | null;
  /** The load generator's calibrated floor: the least a call costs through mcp-bench on this machine (null: not measured). */
  readonly harness: { readonly floor: CalibratedFloor | null };
  /** A shard's report (`--shard i/N`): which share of the run it is (absent: not sharded). */
  readonly shard?: ShardRunInfo;
  /** A merge of shard reports (`mcp-bench merge`, `run --workers`): each shard's row, and which were missing. */
  readonly shards?: ShardsSummary;
}
