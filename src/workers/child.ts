/**
 * The child's side of `run --workers N`: a `run --shard i/N` process started by its parent with WORKER_ENV set. It
 * says it is ready and takes its start time from the parent (as `--start-at` would give it), sends one snapshot per
 * second of the workload it measures instead of drawing a progress line, and stops when the parent says so: on an
 * interrupt as on Ctrl-C (grace, then a partial report), on an abort (abortOnFail on the merged window) at once. The
 * terminal's Ctrl-C reaches every process of the group: a child ignores it and waits for its parent's word, and exits
 * at once when its parent is gone (the IPC channel closed), so no worker outlives the run.
 */
import { measuredTotals, type LiveSource, type WorkloadRun } from '../runner/run.js';
import type { Plan } from '../scenario/plan.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { Clock } from '../time/clock.js';
import { createHistogram, encodeHistogram, type Histogram } from '../stats/histogram.js';
import { erroredOf, type LiveOperation } from '../metrics/recorder.js';
import { WORKER_ENV, parseParentMessage, type ChildMessage, type OperationInterval, type WorkloadTotals } from './protocol.js';

/** The IPC channel to the parent (process.send and its events), injected so the child is tested without a parent. */
export interface ParentChannel {
  send(message: ChildMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onDisconnect(listener: () => void): void;
  /** Lets the process end although the channel is still open (once started: the run's own work keeps it alive). */
  unref(): void;
  /** Keeps SIGINT from ending the process: the parent decides what an interrupt does. */
  ignoreTerminalInterrupts(): void;
}

/** The process's own channel, or null when it was not started with one (not forked). */
export function processChannel(): ParentChannel | null {
  const send = process.send?.bind(process);
  if (!send || !process.channel) return null;
  return {
    // A parent gone meanwhile is told by the disconnect event; a failed send is not an error of the run.
    send: (message) => void send(message, undefined, undefined, () => undefined),
    onMessage: (listener) => void process.on('message', listener),
    onDisconnect: (listener) => void process.on('disconnect', listener),
    unref: () => process.channel?.unref(),
    ignoreTerminalInterrupts: () => void process.on('SIGINT', () => undefined),
  };
}

/** Snapshots once a second. */
export const SNAPSHOT_US = 1_000_000;

type SignalName = 'SIGINT' | 'SIGTERM';
type SignalHandler = (signal: SignalName) => void;

export interface WorkerChildOptions {
  readonly clock: Clock;
  /** The parent is gone (its channel closed): end now, stopping every server spawned (the CLI's exitNow). */
  readonly onParentGone: () => void;
}

/** The child's link to its parent when this process is a worker (WORKER_ENV=1 and a channel), else null. */
export function joinParent(env: Readonly<Record<string, string | undefined>>, channel: ParentChannel | null, options: WorkerChildOptions): WorkerChild | null {
  if (env[WORKER_ENV] !== '1' || channel === null) return null;
  return new WorkerChild(channel, options);
}

export class WorkerChild {
  private readonly aborting = new AbortController();
  private readonly interruptHandlers = new Set<SignalHandler>();
  private readonly started: Promise<string>;
  private sender: SnapshotSender | null = null;

  constructor(
    private readonly channel: ParentChannel,
    private readonly options: WorkerChildOptions,
  ) {
    channel.ignoreTerminalInterrupts();
    channel.onDisconnect(() => options.onParentGone());
    this.started = new Promise((resolve) => {
      channel.onMessage((raw) => {
        const message = parseParentMessage(raw);
        if (message?.type === 'start') resolve(message.startAt);
        if (message?.type === 'stop' && message.cause === 'abort') this.aborting.abort(message.reason);
        if (message?.type === 'stop' && message.cause === 'interrupt') this.interruptHandlers.forEach((handler) => handler('SIGINT'));
      });
    });
  }

  /** Says ready and resolves with the start time (ISO) the parent hands out once every worker is ready. */
  async awaitStart(): Promise<string> {
    this.channel.send({ type: 'ready' });
    const startAt = await this.started;
    this.channel.unref();
    return startAt;
  }

  /** Aborted when the parent stops the run because an abortOnFail threshold failed on the merged window. */
  get stopSignal(): AbortSignal {
    return this.aborting.signal;
  }

  /**
   * The signals a worker's run reacts to (CliIo.onSignal's shape): SIGTERM sent to it, and its parent's interrupt
   * (as SIGINT); the terminal's own SIGINT is its parent's to act on.
   */
  signals(real: (handler: SignalHandler) => () => void): (handler: SignalHandler) => () => void {
    return (handler) => {
      const removeReal = real((signal) => signal === 'SIGTERM' && handler(signal));
      this.interruptHandlers.add(handler);
      return () => {
        removeReal();
        this.interruptHandlers.delete(handler);
      };
    };
  }

  /** A workload's calls start: say so, and send its snapshots once a second until it ends. */
  measuring(workload: WorkloadPlan, live: LiveSource): void {
    this.sender?.stop();
    this.channel.send({ type: 'measuring', workload: workload.name });
    this.sender = new SnapshotSender(workload.name, live, this.channel, this.options.clock);
  }

  /** A workload ended: its last snapshot, then its totals. */
  workloadEnded(run: WorkloadRun): void {
    if (this.sender?.workload === run.workload.name) this.sender.stop();
    this.sender = null;
    this.channel.send({ type: 'ended', workload: run.workload.name, ...totalsOf(run) });
  }
}

/**
 * The plan a worker runs: its abortOnFail thresholds are its parent's to judge, on every worker's calls together (a
 * throughput floor of the whole run would fail on each share), so the child does not watch them itself. They are
 * still thresholds: the parent judges them all on the merged report.
 */
export function judgedByParent(plan: Plan): Plan {
  const unwatched = (specs: readonly ThresholdSpec[] | undefined) => specs?.map((spec) => (spec.abortOnFail ? { ...spec, abortOnFail: false } : spec));
  const workloads = (list: readonly WorkloadPlan[]): WorkloadPlan[] =>
    list.map((workload) => ({
      ...workload,
      ...(workload.thresholds && { thresholds: unwatched(workload.thresholds) }),
      operations: workload.operations.map((op) => ({ ...op, ...(op.thresholds && { thresholds: unwatched(op.thresholds) }) })),
    }));
  return { ...plan, workloads: workloads(plan.workloads), ...(plan.variants && { variants: plan.variants.map((v) => ({ ...v, workloads: workloads(v.workloads) })) }) };
}

/** A workload's figures at its end (what the parent's end line sums). */
export function totalsOf(run: WorkloadRun): WorkloadTotals {
  const start = run.execution?.measureStartUs;
  const end = run.execution?.measureEndUs;
  return {
    status: run.status,
    ...measuredTotals(run),
    durationUs: start != null && end != null ? Math.max(0, Math.round(end - start)) : 0,
    failureCode: run.failure?.code ?? null,
  };
}

/**
 * Sends one workload's snapshots: each operation's calls since the previous one (the cumulative records minus a copy
 * kept from the last send, so the hot path is untouched), until stopped; stopping sends the last interval.
 */
class SnapshotSender {
  private readonly stopping = new AbortController();
  private readonly sent: { histogram: Histogram; count: number; ok: number; checkFailed: number }[] = [];
  private readonly scratch = createHistogram();

  constructor(
    readonly workload: string,
    private readonly live: LiveSource,
    private readonly channel: ParentChannel,
    private readonly clock: Clock,
  ) {
    void this.loop();
  }

  stop(): void {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    this.send();
  }

  private async loop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      await this.clock.sleepUs(SNAPSHOT_US, signal);
      if (!signal.aborted) this.send();
    }
  }

  private send(): void {
    try {
      const snapshot = this.live.snapshot();
      const operations = snapshot.operations.map((op, index) => this.interval(op, index));
      this.channel.send({ type: 'snapshot', workload: this.workload, calls: snapshot.calls, errors: snapshot.errors, warmupCalls: snapshot.warmupCalls, operations });
    } catch {
      // A snapshot is progress: a failure here must never disturb the run.
    }
  }

  private interval(op: LiveOperation, index: number): OperationInterval {
    const sent = (this.sent[index] ??= { histogram: createHistogram(), count: 0, ok: 0, checkFailed: 0 });
    this.scratch.reset();
    this.scratch.add(op.histogram);
    this.scratch.subtract(sent.histogram);
    const calls = op.count - sent.count;
    // Errors only: a failed check is not an error (OperationRecord.checkFailed).
    const errors = erroredOf(op) - erroredOf(sent);
    const histogram = calls === 0 ? '' : encodeHistogram(this.scratch);
    sent.histogram.reset();
    sent.histogram.add(op.histogram);
    sent.count = op.count;
    sent.ok = op.ok;
    sent.checkFailed = op.checkFailed;
    return { calls, errors, histogram };
  }
}
