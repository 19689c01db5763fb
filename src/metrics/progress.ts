/**
 * One operation's progress figures (operation `progress: true`): calls that asked, the notifications they heard,
 * the time from each call's start to its first notification and the gaps between consecutive notifications, both
 * HDR histograms (integer µs). Fed from each call's ProgressTrace when the call is recorded; merged exactly.
 */
import type { ProgressTrace } from '../client/progress-trace.js';
import { createHistogram, type Histogram } from '../stats/histogram.js';

export class ProgressRecord {
  /** Measured calls that asked for progress (sent a token). */
  calls = 0;
  /** Progress notifications those calls heard. */
  notifications = 0;
  /** Per call that heard any: µs from its start to its first notification. */
  readonly firstProgress: Histogram = createHistogram();
  /** Every gap between two consecutive notifications of one call, µs. */
  readonly gaps: Histogram = createHistogram();

  /** A measured call ended: what its trace heard (nothing when it did not ask). */
  record(trace: ProgressTrace): void {
    if (!trace.asked) return;
    this.calls++;
    this.notifications += trace.count;
    if (trace.firstUs >= 0) this.firstProgress.recordValue(trace.firstUs);
    if (trace.count > 1 && trace.gaps !== null) this.gaps.add(trace.gaps);
  }

  /** Adds another round's record: counts summed, histograms added. */
  mergeFrom(other: ProgressRecord): void {
    this.calls += other.calls;
    this.notifications += other.notifications;
    this.firstProgress.add(other.firstProgress);
    this.gaps.add(other.gaps);
  }
}
