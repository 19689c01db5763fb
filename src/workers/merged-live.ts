/**
 * One workload's live figures over every worker: what the parent's progress line and its abortOnFail watch read.
 * Each child sends, once a second, its totals and each operation's interval (calls, errors, an encoded HDR histogram);
 * here the intervals are added into cumulative per-operation records (the shape the runner's rolling window reads, so
 * abortOnFail is judged by the very same code on the merged calls), and the latest interval of every child is kept
 * for the progress line's window. Histograms are added, counts summed: never an average of percentiles.
 */
import type { LiveOperation, LiveSnapshot } from '../metrics/recorder.js';
import { createHistogram, decodeHistogram, type Histogram } from '../stats/histogram.js';
import type { OperationInterval } from './protocol.js';

/** A child's snapshot of one workload (the message, less its type and workload name). */
export interface ChildSnapshot {
  readonly calls: number;
  readonly errors: number;
  readonly warmupCalls: number;
  readonly operations: readonly OperationInterval[];
}

/** `ok` here is every call that was not an error: snapshots carry errors only, so failed checks count as ok (0 checkFailed). */
interface MergedOperation extends LiveOperation {
  count: number;
  ok: number;
}

interface ChildLatest {
  readonly calls: number;
  readonly errors: number;
  readonly warmupCalls: number;
  /** The child's latest interval, all operations. */
  readonly interval: Histogram;
}

export class MergedWorkload {
  /** Cumulative measured calls of every child, per operation (in the plan's order). */
  readonly operations: readonly MergedOperation[];
  private readonly latest = new Map<number, ChildLatest>();
  /** Snapshots that could not be read (a histogram that does not decode): counted, never fatal. */
  unreadable = 0;

  constructor(operationNames: readonly string[]) {
    this.operations = operationNames.map((name) => ({ name, histogram: createHistogram(), count: 0, ok: 0, checkFailed: 0 }));
  }

  /** Adds child `child`'s latest snapshot. Operations beyond the plan's (a mismatched child) are not counted. */
  add(child: number, snapshot: ChildSnapshot): void {
    const decoded = this.decode(snapshot.operations);
    if (decoded === null) {
      this.unreadable++;
      return;
    }
    const interval = createHistogram();
    decoded.forEach((histogram, index) => {
      const into = this.operations[index];
      const from = snapshot.operations[index]!;
      if (!into) return;
      into.histogram.add(histogram);
      into.count += from.calls;
      into.ok += from.calls - from.errors;
      interval.add(histogram);
    });
    this.latest.set(child, { calls: snapshot.calls, errors: snapshot.errors, warmupCalls: snapshot.warmupCalls, interval });
  }

  /** Measured calls of every child so far (from the intervals received). */
  measuredCalls(): number {
    return this.operations.reduce((sum, op) => sum + op.count, 0);
  }

  /**
   * What the progress line shows: every child's latest totals summed, and its window: the latest interval of every
   * child merged (calls and p99).
   */
  live(): LiveSnapshot {
    const window = createHistogram();
    let calls = 0;
    let errors = 0;
    let warmupCalls = 0;
    for (const child of this.latest.values()) {
      calls += child.calls;
      errors += child.errors;
      warmupCalls += child.warmupCalls;
      window.add(child.interval);
    }
    const windowCalls = window.totalCount;
    return { calls, errors, warmupCalls, windowCalls, windowP99Us: windowCalls === 0 ? 0 : window.getValueAtPercentile(99), operations: this.operations };
  }

  private decode(operations: readonly OperationInterval[]): Histogram[] | null {
    try {
      return operations.map((op) => (op.calls === 0 ? createHistogram() : decodeHistogram(op.histogram)));
    } catch {
      return null;
    }
  }
}
