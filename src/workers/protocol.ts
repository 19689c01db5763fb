/**
 * `run --workers N`: the messages between the parent and its child processes (each a shard, `--shard i/N`), over the
 * IPC channel of child_process.fork. Per-second snapshots only, never per-call messages (DESIGN: the hot path stays
 * lean). (Contract being built: issue 12.)
 */
export type ChildMessage =
  /** Scenario loaded and valid: waiting for the start time. */
  | { readonly type: 'ready' }
  /** One second of one workload: counts and the interval's encoded histogram. */
  | { readonly type: 'snapshot'; readonly workload: string; readonly calls: number; readonly errors: number; readonly histogram: string };

export type ParentMessage =
  /** Every child is ready: start at this instant (ISO time), as `--start-at` would say. */
  | { readonly type: 'start'; readonly startAt: string }
  /** Stop scheduling calls (an abortOnFail threshold failed on the merged window, or the parent was interrupted). */
  | { readonly type: 'stop'; readonly reason: string };
