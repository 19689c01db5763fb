import type { Caller } from '../client/caller.js';
import type { Outcome } from '../client/outcome.js';
import type { WorkloadRecorder } from '../metrics/recorder.js';
import type { SessionChurnRecord } from '../metrics/session-churn.js';
import type { Random } from '../random/seeded.js';
import type { Clock } from '../time/clock.js';
import type { Performer } from '../traffic/performer.js';

export interface ExecutionContext {
  readonly caller: Caller;
  /**
   * What one entry of the mix sends and through which caller (traffic/performer.ts): templates, checks, journeys,
   * tenants, routes. Absent: every entry sends its request through `caller` (plainPerformer).
   */
  readonly performer?: Performer;
  readonly clock: Clock;
  /**
   * Draws a closed loop's operation mix. The open model draws arrival k's operation from a seekable stream of its
   * plan's seed instead (loops/open-loop.ts), so that shards agree on it.
   */
  readonly random: Random;
  readonly recorder: WorkloadRecorder;
  /** Aborted to stop scheduling new calls (interrupt); calls in flight still finish and are recorded. */
  readonly stopSignal: AbortSignal;
  /**
   * Aborted after `stopSignal` when the grace period is over (RunDependencies.abandonSignal): return at once without
   * awaiting calls in flight, record nothing that completes afterwards, report how many were left in `abandonedCalls`.
   */
  readonly abandonSignal?: AbortSignal;
  /** True when an outcome means the target is gone for good: the workload stops. */
  readonly isFatal: (outcome: Outcome) => boolean;
  /**
   * Opens sessions of their own for a workload that opens and closes sessions itself (session-churn): the runner
   * makes it from the workload's endpoints. Absent: the workload's calls go through `caller` only.
   */
  readonly sessions?: SessionOpener;
}

/** One session a workload opened itself: its own plain caller (no client layers), closed by the workload. */
export interface ChurnSession {
  readonly caller: Caller;
  /** Ends the session properly (Streamable HTTP: DELETE; stdio: the process ended). Never throws; safe twice. */
  close(): Promise<void>;
  /** The RSS of this session's own server process (stdio: a process per session), read just before closing it. */
  readonly serverRssBytes?: () => Promise<number | null>;
}

export interface SessionOpener {
  /**
   * Opens a session (spawn or connect, initialize, initialized); rejects with the client's ConnectError (its `code`
   * an outcome key such as `transport:ECONNREFUSED`), CONNECT_INTERRUPTED when `signal` ended it.
   */
  open(signal: AbortSignal): Promise<ChurnSession>;
  /**
   * The RSS of the one server process every session goes to (the built-in HTTP server, spawned once per workload),
   * for the growth per 1,000 sessions. Absent: no shared process mcp-bench can read (remote, or one per session).
   */
  readonly serverRssBytes?: () => Promise<number | null>;
}

export interface ExecutionResult {
  /** When the measured phase began (clock µs), or null if it never did. */
  readonly measureStartUs: number | null;
  /** When the last measured call completed (clock µs), or null if none did. */
  readonly measureEndUs: number | null;
  /** The transport failure that ended the workload early, if any. */
  readonly fatal: Outcome | null;
  /** True when the stop signal ended the workload before its bound. */
  readonly interrupted: boolean;
  /** Calls still in flight when `abandonSignal` fired: neither waited for nor recorded (absent or 0: none). */
  readonly abandonedCalls?: number;
  /** Open model only: measured arrivals scheduled, sent, and dropped for lack of capacity. */
  readonly arrivals?: ArrivalCounts;
  /**
   * Duration-bounded phases: calls completed within the nominal window, per operation (throughput is these over
   * `durationUs`). Absent for iteration-bounded phases, whose throughput is count over the measured span.
   */
  readonly window?: { readonly durationUs: number; readonly completions: readonly number[] };
  /** Session-churn workloads: their sessions' figures (metrics/session-churn.ts). */
  readonly sessionChurn?: SessionChurnRecord;
}

export interface ArrivalCounts {
  readonly scheduled: number;
  readonly sent: number;
  readonly dropped: number;
  /** The measured schedule's span (shorter when stopped early): rates are arrivals over this. */
  readonly spanUs: number;
}
