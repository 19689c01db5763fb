import { errorKey, type Outcome } from '../client/outcome.js';
import type { CallTrace } from '../client/trace.js';
import { ClientOperationRecord, type ClientFeatures } from './client-record.js';
import type { Clock } from '../time/clock.js';
import { createHistogram, recordUs, type Histogram } from '../stats/histogram.js';
import { Timeline } from './timeline.js';
import { ProgressRecord } from './progress.js';
import { PayloadBytesRecord } from './payload-bytes.js';

/** What was measured for one operation of one workload. Mutable while the workload runs; read once at the end. */
export interface OperationRecord {
  readonly name: string;
  /** Every measured call's latency, errors included (what the caller waited), integer µs. */
  readonly histogram: Histogram;
  count: number;
  /** Calls that succeeded (and passed their checks, if any). */
  ok: number;
  /** Failed calls by errorKey; never `check-failed` (a failed check is not an error: see `checks`). */
  readonly errors: Map<string, number>;
  /** Calls that ended `check-failed`: counted in `count`, not in `ok` nor in `errors`. */
  checkFailed: number;
  /** Response checks and captures (operations with `expect`, journeys' checked steps); null when none runs. */
  readonly checks: CheckRecord | null;
  /** Calls made during warmup: sent to the server, excluded from every figure. */
  warmupCalls: number;
  /** What the client layers did, when any is switched on. */
  readonly client: ClientOperationRecord | null;
  /** Open model only: send → answer, without the wait for a late send (the uncorrected service time). */
  readonly service: Histogram | null;
  /** Open model only: arrivals not sent because `maxInFlight` calls were already in flight. */
  dropped: number;
  /** Progress figures (metrics/progress.ts), made when a call of this operation first asks for progress; else null. */
  progress: ProgressRecord | null;
  /** Bytes on the wire and decoded (metrics/payload-bytes.ts), made at the first call a transport counted; else null. */
  bytes: PayloadBytesRecord | null;
  /** A journey's row: its steps' rows count the bytes (the row's trace is only its last step's). */
  readonly journey: boolean;
}

/** The checks of one operation: calls whose checks all passed, and the failed ones by the first check failed. */
export interface CheckRecord {
  passed: number;
  readonly failures: Map<string, number>;
}

/** A row's errored calls: neither ok nor check-failed (a failed check is not an error; see `checks`). */
export function erroredOf(op: Pick<OperationRecord, 'count' | 'ok' | 'checkFailed'>): number {
  return op.count - op.ok - op.checkFailed;
}

/**
 * Per-operation recording for one workload. The hot path is `record(index, …)`: an array index, one histogram
 * write, two increments; errors (the rare path) go through a map keyed by kind and code.
 */
/** One operation's measured calls so far, as a live snapshot shows them (cumulative; warmup excluded). */
export interface LiveOperation {
  readonly name: string;
  readonly histogram: Histogram;
  readonly count: number;
  readonly ok: number;
  /** Calls that failed a check: neither ok nor errors. */
  readonly checkFailed: number;
  /** Errored calls by errorKey, where the source knows them (the recorder's own records; workers' merged ones do not). */
  readonly errors?: ReadonlyMap<string, number>;
  /** Open model: arrivals dropped so far, where the source knows them. */
  readonly dropped?: number;
}

/** What live progress shows: totals so far and the latest window (since the previous snapshot). */
export interface LiveSnapshot {
  readonly calls: number;
  readonly errors: number;
  readonly warmupCalls: number;
  readonly windowCalls: number;
  /** p99 of the calls completed in the window, µs (0 when none). */
  readonly windowP99Us: number;
  /**
   * Each operation's measured calls so far: the recorder's own records, not copies (nothing is copied on the hot path
   * or per snapshot). Read them at once; a worker child sends their differences once a second (workers/).
   */
  readonly operations: readonly LiveOperation[];
}

export class WorkloadRecorder {
  readonly operations: readonly OperationRecord[];
  private liveWindow: Histogram = createHistogram();
  private liveCalls = 0;
  private liveErrors = 0;
  private liveWarmup = 0;

  /** Open model only: how late each call was sent after its scheduled start (the generator's own lag). */
  readonly sendLag: Histogram | null;

  /** Calls per second and p99 over time (all operations), when a clock was given to place calls in time. */
  readonly timeline: Timeline | null;
  private readonly clock: Clock | null;

  /**
   * Per tenant (the workload's `tenants`, in order), each operation's rows for that tenant's calls alone: a call whose
   * trace names a tenant (CallTrace.tenant) is recorded in its operation's row and in the tenant's. Empty: no tenants.
   */
  readonly tenants: readonly (readonly OperationRecord[])[];
  readonly tenantNames: readonly string[];

  constructor(
    operationNames: readonly string[],
    clientFeatures: ClientFeatures | null = null,
    options: { openModel?: boolean; clock?: Clock; tenants?: readonly string[]; checked?: readonly boolean[]; journeys?: readonly boolean[] } = {},
  ) {
    this.sendLag = options.openModel ? createHistogram() : null;
    this.clock = options.clock ?? null;
    this.timeline = this.clock ? new Timeline() : null;
    const checked = (index: number): boolean => options.checked?.[index] === true;
    // A journey's row keeps no client figures: its steps' rows have them (the row's trace is only its last step's).
    const client = (index: number): ClientFeatures | null => (options.journeys?.[index] === true ? null : clientFeatures);
    const journey = (index: number): boolean => options.journeys?.[index] === true;
    this.operations = operationNames.map((name, index) => newRecord(name, client(index), options.openModel === true, checked(index), journey(index)));
    // A tenant's rows count its measured calls (latency, outcome, checks, client figures); service time and drops stay workload-wide.
    this.tenants = (options.tenants ?? []).map(() => operationNames.map((name, index) => newRecord(name, client(index), false, checked(index), journey(index))));
    this.tenantNames = options.tenants ?? [];
  }

  /** True when calls go through client layers whose traces are worth recording. */
  get tracksClient(): boolean {
    return this.operations.some((op) => op.client !== null);
  }

  /**
   * A measured call completed. `endUs`: when (clock µs), if the caller already read the clock — the timeline needs it,
   * and a second clock read per call is avoidable work on the hot path.
   */
  record(operationIndex: number, latencyUs: number, outcome: Outcome, trace?: CallTrace, endUs?: number): void {
    const op = this.at(operationIndex);
    recordUs(this.liveWindow, latencyUs);
    this.liveCalls++;
    // A failed check is no error on the timeline either (as in the summary).
    if (this.timeline) this.timeline.record(endUs ?? this.clock!.nowUs(), latencyUs, outcome.kind === 'ok' || outcome.kind === 'check-failed');
    if (outcome.kind !== 'ok' && outcome.kind !== 'check-failed') this.liveErrors++;
    recordCall(op, latencyUs, outcome, trace);
    const tenant = trace?.tenant ?? -1;
    if (tenant >= 0) recordCall(this.tenants[tenant]![operationIndex]!, latencyUs, outcome, trace);
  }

  /**
   * A journey step completed (its journey's row is what the loop records, on the timeline and in live progress): its
   * latency (handed to the caller → answer), outcome and checks; the open model's service time too (from when it was
   * really sent; a step has no send lag of its own). `measured` false: a warmup step, counted as such.
   */
  recordStep(operationIndex: number, latencyUs: number, serviceUs: number, outcome: Outcome, trace: CallTrace | null, measured: boolean): void {
    const op = this.at(operationIndex);
    if (!measured) {
      op.warmupCalls++;
      return;
    }
    if (op.service) recordUs(op.service, serviceUs);
    recordCall(op, latencyUs, outcome, trace ?? undefined);
    const tenant = trace?.tenant ?? -1;
    if (tenant >= 0) recordCall(this.tenants[tenant]![operationIndex]!, latencyUs, outcome, trace ?? undefined);
  }

  /** One attempt of a measured call (client layers on): its own latency, apart from the logical call's. */
  recordAttempt(operationIndex: number, latencyUs: number, outcome: Outcome): void {
    this.at(operationIndex).client?.recordAttempt(latencyUs, outcome);
  }

  /** Open model: a measured call's service time (send → answer) and how late it was sent. */
  recordService(operationIndex: number, serviceUs: number, sendLagUs: number): void {
    const service = this.at(operationIndex).service;
    if (service) recordUs(service, serviceUs);
    if (this.sendLag) recordUs(this.sendLag, sendLagUs);
  }

  /** Open model: a measured arrival that was not sent (too many in flight). */
  recordDropped(operationIndex: number): void {
    this.at(operationIndex).dropped++;
  }

  recordWarmup(operationIndex: number): void {
    this.at(operationIndex).warmupCalls++;
    this.liveWarmup++;
  }

  /**
   * Adds everything `other` recorded (another round of the same workload): histograms added bucket by bucket, counts
   * and error codes summed, client-layer records merged. Exact: the result equals one recorder fed every call of both.
   * The timeline is not merged (it is per round, on its own clock; merge-runs.ts joins the rounds' summaries).
   */
  mergeFrom(other: WorkloadRecorder): void {
    if (other.operations.length !== this.operations.length || other.operations.some((op, i) => op.name !== this.operations[i]?.name)) {
      throw new Error('mergeFrom: the recorders have different operations');
    }
    if (other.tenantNames.join('\n') !== this.tenantNames.join('\n')) throw new Error('mergeFrom: the recorders have different tenants');
    other.operations.forEach((from, index) => mergeRecord(this.at(index), from));
    this.tenants.forEach((rows, tenant) => rows.forEach((into, index) => mergeRecord(into, other.tenants[tenant]![index]!)));
    if (this.sendLag && other.sendLag) this.sendLag.add(other.sendLag);
    this.liveCalls += other.liveCalls;
    this.liveErrors += other.liveErrors;
    this.liveWarmup += other.liveWarmup;
  }

  /** Totals so far and the window since the last snapshot, which starts a new window. For progress output only. */
  snapshotLive(): LiveSnapshot {
    const window = this.liveWindow;
    this.liveWindow = createHistogram();
    const windowCalls = window.totalCount;
    return {
      calls: this.liveCalls,
      errors: this.liveErrors,
      warmupCalls: this.liveWarmup,
      windowCalls,
      windowP99Us: windowCalls === 0 ? 0 : window.getValueAtPercentile(99),
      operations: this.operations,
    };
  }

  private at(index: number): OperationRecord {
    const op = this.operations[index];
    if (!op) throw new RangeError(`no operation at index ${index}`);
    return op;
  }
}

function newRecord(name: string, clientFeatures: ClientFeatures | null, openModel: boolean, checked: boolean, journey: boolean): OperationRecord {
  return {
    name,
    histogram: createHistogram(),
    count: 0,
    ok: 0,
    errors: new Map<string, number>(),
    checkFailed: 0,
    checks: checked ? { passed: 0, failures: new Map<string, number>() } : null,
    warmupCalls: 0,
    client: clientFeatures ? new ClientOperationRecord(clientFeatures) : null,
    service: openModel ? createHistogram() : null,
    dropped: 0,
    progress: null,
    bytes: null,
    journey,
  };
}

/** One measured call in one row: a histogram write, two increments (failures, the rare path, through a map). */
function recordCall(op: OperationRecord, latencyUs: number, outcome: Outcome, trace: CallTrace | undefined): void {
  recordUs(op.histogram, latencyUs);
  op.count++;
  if (trace && op.client) op.client.record(latencyUs, trace);
  if (trace?.progress.asked) (op.progress ??= new ProgressRecord()).record(trace.progress);
  if (trace?.bytes.counted && !op.journey) (op.bytes ??= new PayloadBytesRecord()).record(trace.bytes);
  if (outcome.kind === 'ok') {
    op.ok++;
    if (op.checks) op.checks.passed++;
    return;
  }
  countFailure(op, outcome);
}

/** A call that did not succeed: a failed check (by the check's name), else an error (by its key). The rare path. */
function countFailure(op: OperationRecord, outcome: Outcome): void {
  if (outcome.kind === 'check-failed') {
    op.checkFailed++;
    const failures = op.checks?.failures;
    if (failures) failures.set(outcome.check, (failures.get(outcome.check) ?? 0) + 1);
    return;
  }
  const key = errorKey(outcome);
  op.errors.set(key, (op.errors.get(key) ?? 0) + 1);
}

/** Adds `from` into `into` exactly: histograms added, counts, error codes and checks summed, client records merged. */
function mergeRecord(into: OperationRecord, from: OperationRecord): void {
  into.histogram.add(from.histogram);
  into.count += from.count;
  into.ok += from.ok;
  for (const [key, n] of from.errors) into.errors.set(key, (into.errors.get(key) ?? 0) + n);
  into.checkFailed += from.checkFailed;
  if (into.checks && from.checks) {
    into.checks.passed += from.checks.passed;
    for (const [key, n] of from.checks.failures) into.checks.failures.set(key, (into.checks.failures.get(key) ?? 0) + n);
  }
  into.warmupCalls += from.warmupCalls;
  if (into.client && from.client) into.client.mergeFrom(from.client);
  if (into.service && from.service) into.service.add(from.service);
  into.dropped += from.dropped;
  if (from.progress) (into.progress ??= new ProgressRecord()).mergeFrom(from.progress);
  if (from.bytes) (into.bytes ??= new PayloadBytesRecord()).mergeFrom(from.bytes);
}
