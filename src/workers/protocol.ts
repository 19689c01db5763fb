/**
 * `run --workers N`: the messages between the parent and its child processes (each a shard, `--shard i/N`), over the
 * IPC channel of child_process.fork. Per-second snapshots only, never per-call messages (DESIGN: the hot path stays
 * lean). A child is told it is a worker by the environment variable WORKER_ENV; what it receives is checked here
 * (`parseParentMessage`), and so is what the parent receives (`parseChildMessage`): a message of another shape is
 * ignored, never trusted.
 */
import type { WorkloadStatus } from '../runner/run.js';

/** Set to `1` in a worker child's environment by its parent. */
export const WORKER_ENV = 'MCP_BENCH_WORKER';

/** One operation's calls completed in one interval (measured calls only, warmup excluded). */
export interface OperationInterval {
  readonly calls: number;
  readonly errors: number;
  /** The interval's latencies: an HDR histogram (µs), compressed and base64-encoded (stats/histogram.ts). */
  readonly histogram: string;
}

/** A workload's figures at its end, for the parent's end line. */
export interface WorkloadTotals {
  readonly status: WorkloadStatus;
  readonly calls: number;
  readonly errors: number;
  /** The measured window (µs): 0 when nothing was measured. */
  readonly durationUs: number;
  /** The failure's code (`transport:ECONNREFUSED`), or null. */
  readonly failureCode: string | null;
}

export type ChildMessage =
  /** Loaded and waiting for the start time. */
  | { readonly type: 'ready' }
  /** Connected: the workload's calls start (warmup first, if any). */
  | { readonly type: 'measuring'; readonly workload: string }
  /**
   * One second of one workload: the totals so far, and each operation's interval since the previous snapshot (in the
   * plan's order of operations).
   */
  | {
      readonly type: 'snapshot';
      readonly workload: string;
      readonly calls: number;
      readonly errors: number;
      readonly warmupCalls: number;
      readonly operations: readonly OperationInterval[];
    }
  /** The workload ended (any status); a last snapshot came just before. */
  | ({ readonly type: 'ended'; readonly workload: string } & WorkloadTotals);

/** Why the parent stops its children: an interrupt (as Ctrl-C would: grace, then a partial report) or an abort. */
export type StopCause = 'interrupt' | 'abort';

export type ParentMessage =
  /** Every child is ready: start at this instant (ISO time), as `--start-at` would say. */
  | { readonly type: 'start'; readonly startAt: string }
  /** Stop scheduling calls (an abortOnFail threshold failed on the merged window, or the parent was interrupted). */
  | { readonly type: 'stop'; readonly cause: StopCause; readonly reason: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';

function isInterval(value: unknown): value is OperationInterval {
  return isObject(value) && isCount(value['calls']) && isCount(value['errors']) && isText(value['histogram']);
}

/** A message from a child, or null when it is not one (of another shape: ignored). */
export function parseChildMessage(value: unknown): ChildMessage | null {
  if (!isObject(value)) return null;
  switch (value['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'measuring':
      return isText(value['workload']) ? { type: 'measuring', workload: value['workload'] } : null;
    case 'snapshot': {
      const { workload, calls, errors, warmupCalls, operations } = value;
      const valid = isText(workload) && isCount(calls) && isCount(errors) && isCount(warmupCalls) && Array.isArray(operations) && operations.every(isInterval);
      return valid ? { type: 'snapshot', workload, calls, errors, warmupCalls, operations } : null;
    }
    case 'ended': {
      const { workload, status, calls, errors, durationUs, failureCode } = value;
      const valid = isText(workload) && isText(status) && isCount(calls) && isCount(errors) && isCount(durationUs) && (failureCode === null || isText(failureCode));
      return valid ? { type: 'ended', workload, status: status as WorkloadStatus, calls, errors, durationUs, failureCode } : null;
    }
    default:
      return null;
  }
}

/** A message from the parent, or null when it is not one. */
export function parseParentMessage(value: unknown): ParentMessage | null {
  if (!isObject(value)) return null;
  if (value['type'] === 'start' && isText(value['startAt']) && !Number.isNaN(Date.parse(value['startAt']))) {
    return { type: 'start', startAt: value['startAt'] };
  }
  const cause = value['cause'];
  if (value['type'] === 'stop' && (cause === 'interrupt' || cause === 'abort') && isText(value['reason'])) {
    return { type: 'stop', cause, reason: value['reason'] };
  }
  return null;
}
