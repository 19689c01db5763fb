/**
 * abortOnFail while a workload runs (k6's abortOnFail): once a second, the workload's abortOnFail thresholds (on its
 * total and on its operations) are judged on a rolling window of the last WINDOW_US of measured calls; the first
 * that fails stops the workload and says why (AbortedBy). The hot path is not touched: every tick copies the
 * recorder's cumulative per-operation histograms and counts into a small ring, and a window is the newest copy minus
 * the oldest. Only workloads with abortOnFail thresholds are watched, so others pay nothing.
 */
import { erroredOf, type LiveOperation, type WorkloadRecorder } from '../metrics/recorder.js';
import { createHistogram, type Histogram } from '../stats/histogram.js';
import type { WorkloadBase } from '../workloads/plan.js';
import type { Clock } from '../time/clock.js';
import { compare } from '../thresholds/judge.js';
import { canAbortOn, windowRule, type AbortableMetric } from '../thresholds/metrics.js';
import type { WindowFigures } from '../thresholds/subject.js';
import type { AbortedBy, ThresholdSpec } from '../thresholds/types.js';

/** How often the watch judges its thresholds. */
export const TICK_US = 1_000_000;

/**
 * The rolling window: the last 5 s of measured calls. Long enough that a p99 rests on hundreds of calls at modest
 * rates and one slow second does not stop a run; short enough that a server that degrades is stopped within seconds.
 */
export const WINDOW_US = 5_000_000;

const WINDOW_TICKS = Math.round(WINDOW_US / TICK_US);

/** The recorder's cumulative figures of one operation at one moment (a copy). */
interface OperationCopy {
  readonly histogram: Histogram;
  count: number;
  ok: number;
  checkFailed: number;
}

interface Snapshot {
  atUs: number;
  readonly operations: OperationCopy[];
}

/** One figure of a window, read as the metric's declaration says (thresholds/metrics.ts). */
export function windowFigure(metric: AbortableMetric, figures: WindowFigures): number {
  return windowRule(metric).read(figures);
}

/** The rows of a workload's operations that the mix draws and the total counts: all but journeys' steps. */
export function mixEntries(operations: readonly { readonly step?: unknown }[]): number[] {
  return operations.flatMap((op, index) => (op.step === undefined ? [index] : []));
}

/**
 * A ring of the last WINDOW_TICKS + 1 snapshots; the window is the newest minus the oldest. Snapshot histograms are
 * reused (reset, then copied into), so a long run allocates nothing per tick.
 */
export class RollingWindow {
  private readonly ring: Snapshot[] = [];
  private readonly scratch = createHistogram();

  constructor(
    /** A recorder, or anything with its cumulative per-operation figures (the merged workers' figures: workers/). */
    private readonly recorder: { readonly operations: readonly LiveOperation[] },
    /**
     * The rows that are mix entries (not a journey's steps, which their journey's row already counts): what the
     * workload's total sums. Absent: every row.
     */
    private readonly entries: readonly number[] | null = null,
    private readonly capacity = WINDOW_TICKS + 1,
  ) {}

  /** Measured calls recorded so far, every mix entry. */
  measuredCalls(): number {
    return this.entryIndexes().reduce((sum, index) => sum + this.recorder.operations[index]!.count, 0);
  }

  private entryIndexes(): readonly number[] {
    return this.entries ?? this.recorder.operations.map((_, index) => index);
  }

  /** Copies the recorder's cumulative figures, taken at `atUs`; the oldest copy beyond the window is reused. */
  take(atUs: number): void {
    const slot = this.ring.length < this.capacity ? this.fresh() : this.ring.shift()!;
    slot.atUs = atUs;
    this.recorder.operations.forEach((op, index) => {
      const copy = slot.operations[index]!;
      copy.histogram.reset();
      copy.histogram.add(op.histogram);
      copy.count = op.count;
      copy.ok = op.ok;
      copy.checkFailed = op.checkFailed;
    });
    this.ring.push(slot);
  }

  /** The window of one operation (its index) or of all (null); null until two snapshots are kept. */
  figures(operation: number | null): WindowFigures | null {
    const oldest = this.ring[0];
    const newest = this.ring[this.ring.length - 1];
    if (!oldest || !newest || oldest === newest) return null;
    const indexes = operation === null ? this.entryIndexes() : [operation];
    this.scratch.reset();
    let count = 0;
    let errors = 0;
    for (const index of indexes) {
      const now = newest.operations[index]!;
      const then = oldest.operations[index]!;
      this.scratch.add(now.histogram);
      this.scratch.subtract(then.histogram);
      count += now.count - then.count;
      // A failed check is not an error (its own metric, checks).
      errors += erroredOf(now) - erroredOf(then);
    }
    const spanUs = newest.atUs - oldest.atUs;
    return {
      count,
      errorRate: count === 0 ? 0 : errors / count,
      throughputPerSec: spanUs > 0 ? (count * 1_000_000) / spanUs : 0,
      spanUs,
      histogram: this.scratch,
    };
  }

  private fresh(): Snapshot {
    return { atUs: 0, operations: this.recorder.operations.map(() => ({ histogram: createHistogram(), count: 0, ok: 0, checkFailed: 0 })) };
  }
}

/** One abortOnFail threshold and what it is on: the total (operation null) or an operation by index. */
interface Watched {
  readonly spec: ThresholdSpec & { readonly metric: AbortableMetric };
  readonly operation: { readonly index: number; readonly name: string } | null;
}

/** The workload's abortOnFail thresholds (the scenario allows them on the metrics a window measures only). */
export function watchedThresholds(workload: Pick<WorkloadBase, 'thresholds' | 'operations'>): Watched[] {
  const watched = (spec: ThresholdSpec): spec is Watched['spec'] => spec.abortOnFail && canAbortOn(spec.metric);
  const onTotal = (workload.thresholds ?? []).filter(watched).map((spec) => ({ spec, operation: null }));
  const onOperations = workload.operations.flatMap((op, index) =>
    (op.thresholds ?? []).filter(watched).map((spec) => ({ spec, operation: { index, name: op.name } })),
  );
  return [...onTotal, ...onOperations];
}

/**
 * The first watched threshold that fails on the window, `elapsedUs` into the measured phase. A threshold is not
 * judged before its delay. A window without completed calls has no latency or error rate, so those are not judged on
 * it; its throughput is 0/s, which is exactly what a throughput floor is there to catch (a server that hangs): each
 * metric's window rule says which (thresholds/metrics.ts).
 */
export function firstFailure(workload: string, watched: readonly Watched[], window: RollingWindow, elapsedUs: number): AbortedBy | null {
  // Thresholds on the same subject follow each other (watchedThresholds): its window is computed once.
  let last: { readonly subject: number | null; readonly figures: WindowFigures | null } | undefined;
  for (const { spec, operation } of watched) {
    if (elapsedUs < spec.abortDelayUs) continue;
    const subject = operation?.index ?? null;
    if (last?.subject !== subject) last = { subject, figures: window.figures(subject) };
    const figures = last.figures;
    if (!figures || (figures.count === 0 && windowRule(spec.metric).withoutCalls === 'skip')) continue;
    const measured = windowFigure(spec.metric, figures);
    if (!compare(measured, spec.comparator, spec.limit)) {
      return { workload, operation: operation?.name ?? null, threshold: spec.text, metric: spec.metric, measured, atUs: Math.round(elapsedUs) };
    }
  }
  return null;
}

/**
 * Runs `work` (the executor) under the workload's abort watch. `work` gets the stop signal to use: the caller's,
 * combined with the watch's own when there is anything to watch. Resolves with what `work` returned and what
 * stopped it, if a threshold did.
 */
export async function runWatched<T>(
  workload: Pick<WorkloadBase, 'name' | 'thresholds' | 'operations' | 'warmup'>,
  recorder: Pick<WorkloadRecorder, 'operations'>,
  clock: Clock,
  stopSignal: AbortSignal,
  work: (stopSignal: AbortSignal) => Promise<T>,
): Promise<{ readonly result: T; readonly abortedBy: AbortedBy | null }> {
  const watched = watchedThresholds(workload);
  if (watched.length === 0) return { result: await work(stopSignal), abortedBy: null };
  const watch = new AbortWatch(workload, watched, new RollingWindow(recorder, mixEntries(workload.operations)), clock, stopSignal);
  try {
    return { result: await work(AbortSignal.any([stopSignal, watch.signal])), abortedBy: watch.abortedBy };
  } finally {
    await watch.stop();
  }
}

/**
 * The ticking part. The measured phase starts at once without warmup, when a timed warmup ends, or, after a warmup
 * of a number of calls, at the first tick that finds measured calls (up to one tick late: calls before it are in no
 * window, and the delay counts from it). Judging ends when the caller's stop signal fires (an interrupt): the calls
 * that finish in its grace period are not the run the thresholds were about, and an abort judged on them would name
 * a cause that never stopped anything.
 */
class AbortWatch {
  private readonly stopping = new AbortController();
  /** Stopped by the workload's end or by the caller's stop signal, whichever comes first. */
  private readonly halted: AbortSignal;
  private readonly aborting = new AbortController();
  private readonly done: Promise<void>;
  abortedBy: AbortedBy | null = null;

  constructor(
    private readonly workload: Pick<WorkloadBase, 'name' | 'warmup'>,
    private readonly watched: readonly Watched[],
    private readonly window: RollingWindow,
    private readonly clock: Clock,
    stopSignal: AbortSignal,
  ) {
    this.halted = AbortSignal.any([this.stopping.signal, stopSignal]);
    const startUs = clock.nowUs();
    // Without warmup, the baseline is taken now, before the executor records anything.
    if (workload.warmup === null) window.take(startUs);
    this.done = this.watch(startUs);
  }

  /** Aborted when a threshold failed. */
  get signal(): AbortSignal {
    return this.aborting.signal;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done;
  }

  private async watch(startUs: number): Promise<void> {
    const measureStartUs = await this.measureStart(startUs);
    if (measureStartUs === null) return;
    for (let tick = 1; ; tick++) {
      if (!(await this.sleepUntil(measureStartUs + tick * TICK_US))) return;
      const nowUs = this.clock.nowUs();
      this.window.take(nowUs);
      const failed = firstFailure(this.workload.name, this.watched, this.window, nowUs - measureStartUs);
      if (failed) {
        this.abortedBy = failed;
        this.aborting.abort();
        return;
      }
    }
  }

  /** When the measured phase began (its baseline snapshot taken), or null when stopped first. */
  private async measureStart(startUs: number): Promise<number | null> {
    const warmup = this.workload.warmup;
    if (warmup === null) return startUs;
    if (warmup.kind === 'duration') {
      if (!(await this.sleepUntil(startUs + warmup.us))) return null;
      this.window.take(this.clock.nowUs());
      return this.clock.nowUs();
    }
    for (let tick = 1; ; tick++) {
      if (!(await this.sleepUntil(startUs + tick * TICK_US))) return null;
      if (this.window.measuredCalls() > 0) {
        this.window.take(this.clock.nowUs());
        return this.clock.nowUs();
      }
    }
  }

  /**
   * False when stopped meanwhile. Plain sleeps (a tick a little late does not matter, its time is measured), repeated
   * if a timer fired early, so a tick is never before its time: a delay of 2 s is judged at the 2 s tick.
   */
  private async sleepUntil(deadlineUs: number): Promise<boolean> {
    const signal = this.halted;
    while (!signal.aborted && this.clock.nowUs() < deadlineUs) await this.clock.sleepUs(deadlineUs - this.clock.nowUs(), signal);
    return !signal.aborted;
  }
}
