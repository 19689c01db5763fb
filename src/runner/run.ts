import { connect, ConnectError, type Connection, type ConnectionTimings } from '../client/connect.js';
import { errorKey, type Outcome } from '../client/outcome.js';
import type { ServerLog } from '../client/transports/server-log.js';
import { WorkloadRecorder } from '../metrics/recorder.js';
import { seededRandom } from '../random/seeded.js';
import type { Plan, WorkloadPlan } from '../scenario/plan.js';
import type { Clock } from '../time/clock.js';
import type { ExecutionResult } from './executor.js';
import { preflight } from './preflight.js';
import { execute } from './registry.js';

export interface RunDependencies {
  readonly clock: Clock;
  readonly serverLog: ServerLog;
  /** Aborted on interrupt: stop scheduling, let calls in flight finish, report what was measured. */
  readonly stopSignal: AbortSignal;
  /** Wall-clock time, for the report's timestamps only (never for measuring). */
  readonly now: () => Date;
  readonly onWorkloadStart?: (workload: WorkloadPlan) => void;
}

export type WorkloadStatus = 'completed' | 'interrupted' | 'failed' | 'not-run';

export interface RunFailure {
  /** Outcome key of the cause, e.g. `transport:ENOENT`, `transport:closed`. */
  readonly code: string;
  readonly message: string;
  readonly serverStderr: readonly string[];
}

export interface WorkloadRun {
  readonly workload: WorkloadPlan;
  readonly status: WorkloadStatus;
  readonly recorder: WorkloadRecorder | null;
  readonly execution: ExecutionResult | null;
  readonly connection: { readonly timings: ConnectionTimings; readonly server: Connection['server'] } | null;
  readonly setupCalls: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
  readonly failure: RunFailure | null;
}

export interface RunResult {
  readonly plan: Plan;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly workloads: readonly WorkloadRun[];
  /** The stop signal ended the run before everything planned was done. */
  readonly interrupted: boolean;
}

/**
 * Runs every workload in order, each on its own fresh connection (a built-in server is spawned per workload, so
 * workloads do not share warm state). A target that cannot be reached, or that fails fatally mid-run, ends the run:
 * what was measured so far is kept, the remaining workloads are listed as not run.
 */
export async function runPlan(plan: Plan, deps: RunDependencies): Promise<RunResult> {
  const startedAt = deps.now();
  const runs: WorkloadRun[] = [];
  let halted = false;
  for (const workload of plan.workloads) {
    if (halted || deps.stopSignal.aborted) {
      runs.push(notRun(workload));
      continue;
    }
    deps.onWorkloadStart?.(workload);
    const run = await runWorkload(plan, workload, deps);
    runs.push(run);
    halted = run.status === 'failed';
  }
  return { plan, startedAt, finishedAt: deps.now(), workloads: runs, interrupted: deps.stopSignal.aborted };
}

async function runWorkload(plan: Plan, workload: WorkloadPlan, deps: RunDependencies): Promise<WorkloadRun> {
  let connection: Connection;
  try {
    connection = await connect(plan.target, deps.serverLog, deps.clock);
  } catch (error) {
    const failure = error instanceof ConnectError
      ? { code: error.code, message: error.message, serverStderr: error.serverStderr }
      : { code: 'transport:unknown', message: String(error), serverStderr: deps.serverLog.tail() };
    return { ...notRun(workload), status: 'failed', failure };
  }
  try {
    const checked = await preflight(connection.client, workload.operations);
    const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name));
    const context = { caller: connection.caller, clock: deps.clock, random: seededRandom(workload.seed), recorder, stopSignal: deps.stopSignal };
    const execution = await execute(workload, context);
    const failure = execution.fatal ? fatalFailure(execution.fatal, deps.serverLog) : null;
    const status: WorkloadStatus = failure ? 'failed' : execution.interrupted ? 'interrupted' : 'completed';
    const info = { timings: connection.timings, server: connection.server };
    return { workload, status, recorder, execution, connection: info, setupCalls: checked.setupCalls, warnings: checked.warnings, failure };
  } finally {
    await connection.close();
  }
}

function fatalFailure(outcome: Outcome, log: ServerLog): RunFailure {
  const code = errorKey(outcome);
  const message = outcome.kind === 'transport' && outcome.code === 'closed'
    ? 'the server closed the connection mid-run (did the process exit?)'
    : `the target stopped answering mid-run (${code})`;
  return { code, message, serverStderr: log.tail() };
}

function notRun(workload: WorkloadPlan): WorkloadRun {
  return { workload, status: 'not-run', recorder: null, execution: null, connection: null, setupCalls: {}, warnings: [], failure: null };
}
