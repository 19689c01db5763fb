import type { Connection, ConnectionTimings } from '../client/connect.js';
import type { ResourceUpdateRecord } from '../metrics/resource-updates.js';
import type { DataUse } from '../traffic/data-rows.js';
import type { EmitEvent } from '../client/events.js';
import type { ServerLog } from '../client/transports/server-log.js';
import type { BadOutputSummary } from '../metrics/bad-output.js';
import type { ServerLimitsSummary } from '../metrics/server-limits.js';
import type { StreamResumptionSummary } from '../metrics/stream-resumptions.js';
import type { NotificationsSummary } from '../metrics/notifications.js';
import type { ServerRequestRecords } from '../metrics/server-requests.js';
import type { AuthSummary } from '../client/auth/token-stats.js';
import type { ClientFeatures } from '../metrics/client-record.js';
import type { PerKeyCounters } from '../client/layers/per-key.js';
import type { HarnessProbe } from '../metrics/harness.js';
import type { HarnessSummary, ServerResourcesSummary } from '../metrics/harness-types.js';
import { erroredOf, WorkloadRecorder, type LiveSnapshot } from '../metrics/recorder.js';
import type { AbortedBy } from '../thresholds/types.js';
import type { Plan } from '../scenario/plan.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { Clock } from '../time/clock.js';
import type { ExecutionResult } from '../workloads/executor.js';
import { runWorkload } from './workload-run.js';
import type { SlotWait, StartGate } from './start-gate.js';
import { idleBySharding } from '../workloads/registry.js';

export interface RunDependencies {
  readonly clock: Clock;
  readonly serverLog: ServerLog;
  /** Aborted on interrupt: stop scheduling, let calls in flight finish, report what was measured. */
  readonly stopSignal: AbortSignal;
  /**
   * Aborted when the grace period after `stopSignal` is over (never before it; the CLI's `--grace`): stop waiting for
   * calls in flight. The runner hands it to the executor as `ExecutionContext.abandonSignal`; the executor then returns
   * at once with what it recorded, records nothing that completes afterwards, and counts the calls it left in flight
   * in `ExecutionResult.abandonedCalls`. Closing the connections afterwards (as always) ends those calls. Absent: calls
   * in flight are always waited for.
   */
  readonly abandonSignal?: AbortSignal;
  /** Wall-clock time, for the report's timestamps only (never for measuring). */
  readonly now: () => Date;
  readonly onWorkloadStart?: (workload: WorkloadPlan) => void;
  /** Connected and about to measure: `live()` gives progress figures until the workload ends. */
  readonly onMeasuring?: (workload: WorkloadPlan, live: LiveSource) => void;
  /** The workload ended (any status). */
  readonly onWorkloadEnd?: (run: WorkloadRun) => void;
  /** Client events (retries, breaker changes, reconnects), for progress output. */
  readonly emit?: EmitEvent;
  /** Where mcp-bench reads its own CPU and event-loop delay while measuring (tests inject figures); the process's by default. */
  readonly harnessProbe?: HarnessProbe;
  /** The synchronised start (`--start-at`): each workload waits for its slot once connected. Absent: none. */
  readonly startGate?: StartGate | null;
  /** Position of the plan's first workload in the run's order of slots (runRounds continues it over rounds); default 0. */
  readonly firstSlot?: number;
  /**
   * Set by runPlan for the workload it runs: waits for that workload's slot, to be called once its sessions are open
   * and checked, just before the executor starts. Absent, or without a start gate: start at once.
   */
  readonly waitForSlot?: () => Promise<SlotWait>;
  /**
   * Server processes running beside the targets' sessions, sampled like spawned ones while each workload measures: the
   * servers the run started (started-server.ts) and `run --server-pid`. Absent: none.
   */
  readonly serverPids?: () => readonly number[];
}

/** Start at once: no synchronised start. */
export const START_NOW: SlotWait = Object.freeze({ kind: 'start', lateUs: 0 });

/** Live progress of a workload being measured. */
export interface LiveSource {
  /** Clock µs when the executor started (warmup included). */
  readonly startedUs: number;
  snapshot(): LiveSnapshot;
}

/** `aborted`: an abortOnFail threshold failed while it ran (the run stops; exit code 1). */
export type WorkloadStatus = 'completed' | 'interrupted' | 'aborted' | 'failed' | 'not-run';

export interface RunFailure {
  /** Outcome key of the cause, e.g. `transport:ENOENT`, `transport:closed`; `config:…` for a setting the server rules out. */
  readonly code: string;
  readonly message: string;
  readonly serverStderr: readonly string[];
}

export interface WorkloadRun {
  readonly workload: WorkloadPlan;
  readonly status: WorkloadStatus;
  readonly recorder: WorkloadRecorder | null;
  readonly execution: ExecutionResult | null;
  /** The first session's set-up and the server's identity. */
  readonly connection: { readonly timings: ConnectionTimings; readonly server: Connection['server'] } | null;
  /** Every session's set-up (one per session per endpoint, in the order opened). */
  readonly sessions: readonly ConnectionTimings[];
  /** Set when a workload ran on another engine than the client (autocannon): its own counters and caveats. */
  readonly engine: { readonly kind: 'autocannon'; readonly stats: Readonly<Record<string, number>>; readonly notes: readonly string[] } | null;
  /** The client layers' counters, by layer name, when any layer was on; `perKey`: the cache's per tool, URI and prompt. */
  readonly client: {
    readonly features: ClientFeatures;
    readonly layers: Readonly<Record<string, Readonly<Record<string, number | string>>>>;
    readonly perKey?: PerKeyCounters;
  } | null;
  readonly setupCalls: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
  readonly failure: RunFailure | null;
  /** Status `aborted`: the abortOnFail threshold that failed on the rolling window (absent or null otherwise). */
  readonly abortedBy?: AbortedBy | null;
  /** mcp-bench's own CPU and event-loop delay over the executor's run (absent: never measured). */
  readonly harness?: HarnessSummary | null;
  /** The spawned servers' CPU and RSS over the executor's run (absent: nothing spawned, not Linux, or never read). */
  readonly serverResources?: ServerResourcesSummary;
  /** What the servers wrote that was not usable (absent or null: nothing). */
  readonly badOutput?: BadOutputSummary | null;
  /** Servers started under `limits:` and killed at them (absent or null: none started under limits). */
  readonly serverLimits?: ServerLimitsSummary | null;
  /** Streamable HTTP event streams resumed or re-opened (absent/null when none). */
  readonly streams?: StreamResumptionSummary | null;
  /** A workload that subscribes to resources: the updates its sessions received (absent otherwise). */
  readonly subscriptions?: ResourceUpdateRecord;
  /** Token fetches of targets with `auth:` (client/auth/token-stats.ts); absent when none has one. */
  readonly auth?: AuthSummary;
  /** What the calls did with each data file (the workload's, its tenants'); absent or empty: it reads none. */
  readonly data?: readonly DataUse[];
  /** What the server notified the sessions of (metrics/notifications.ts); absent or null: nothing, and no logLevel. */
  readonly notifications?: NotificationsSummary | null;
  /** The server's requests we answered (sampling, elicitation, roots, …), by method (absent: none, none configured). */
  readonly serverRequests?: ServerRequestRecords;
}

export interface RunResult {
  readonly plan: Plan;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly workloads: readonly WorkloadRun[];
  /** The stop signal ended the run before everything planned was done. */
  readonly interrupted: boolean;
  /**
   * An abortOnFail threshold stopped a workload, and with it the run (later workloads not run). Not an interruption:
   * the run ends with exit code 1, a failed gate, not 130.
   */
  readonly abortedBy?: AbortedBy | null;
}

/** Runs one workload: runWorkload, or a stand-in in tests. */
export type RunOneWorkload = (workload: WorkloadPlan, deps: RunDependencies) => Promise<WorkloadRun>;

/**
 * Runs every workload in order, each on its own fresh connection (a built-in server is spawned per workload, so
 * workloads do not share warm state). A target that cannot be reached, or that fails fatally mid-run, ends the run:
 * what was measured so far is kept, the remaining workloads are listed as not run. So does an abortOnFail threshold
 * that fails while a workload runs (RunResult.abortedBy).
 */
export async function runPlan(plan: Plan, deps: RunDependencies, runOne: RunOneWorkload = runWorkload): Promise<RunResult> {
  const startedAt = deps.now();
  const runs: WorkloadRun[] = [];
  let abortedBy: AbortedBy | null = null;
  let halted = false;
  for (const [index, workload] of plan.workloads.entries()) {
    // A shard that missed its synchronised start runs nothing at all (start-gate.ts).
    if (halted || deps.stopSignal.aborted || deps.startGate?.late) {
      runs.push(notRun(workload));
      continue;
    }
    deps.onWorkloadStart?.(workload);
    const idle = idleShare(plan, workload);
    const run = idle !== null ? idleRun(workload, idle) : await runOne(workload, withSlot(deps, (deps.firstSlot ?? 0) + index));
    deps.onWorkloadEnd?.(run);
    runs.push(run);
    abortedBy = run.abortedBy ?? null;
    halted = run.status === 'failed' || abortedBy !== null;
  }
  const result = { plan, startedAt, finishedAt: deps.now(), workloads: runs, interrupted: deps.stopSignal.aborted };
  return abortedBy === null ? result : { ...result, abortedBy };
}

function withSlot(deps: RunDependencies, position: number): RunDependencies {
  const gate = deps.startGate;
  return gate ? { ...deps, waitForSlot: () => gate.waitForSlot(position, deps.stopSignal) } : deps;
}

/**
 * A shard whose share of a workload is empty (fewer calls or users than shards) records it as completed with no
 * calls, saying why, instead of failing. Null: the share has calls, or the run is not sharded.
 */
export function idleShare(plan: Plan, workload: WorkloadPlan): string | null {
  if (plan.shard === undefined || plan.shard.count === 1) return null;
  const reason = idleBySharding(workload);
  return reason === null ? null : `${workload.name}: ${reason}`;
}

/** A workload this shard has no share of: completed, every operation at zero calls, and the reason as a warning. */
function idleRun(workload: WorkloadPlan, reason: string): WorkloadRun {
  const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name));
  return { ...notRun(workload), status: 'completed', recorder, warnings: [reason] };
}

/**
 * A run's measured calls and errors as its end line says them: mix entries only (a journey once, not again as its
 * steps' rows) and a failed check is no error. Shared by the CLI's end line and a worker's totals.
 */
export function measuredTotals(run: Pick<WorkloadRun, 'recorder' | 'workload'>): { readonly calls: number; readonly errors: number } {
  const entries = (run.recorder?.operations ?? []).filter((_op, i) => run.workload.operations?.[i]?.step === undefined);
  return { calls: entries.reduce((sum, op) => sum + op.count, 0), errors: entries.reduce((sum, op) => sum + erroredOf(op), 0) };
}

export function notRun(workload: WorkloadPlan): WorkloadRun {
  return {
    workload,
    status: 'not-run',
    recorder: null,
    execution: null,
    connection: null,
    sessions: [],
    client: null,
    engine: null,
    setupCalls: {},
    warnings: [],
    failure: null,
  };
}
