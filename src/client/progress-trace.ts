/**
 * What one call heard of its progress (operation `progress: true`): how many progress notifications, when the first
 * came (µs from the call's start), and the gaps between consecutive ones, recorded into a histogram as each arrives.
 * Written by the session's ProgressRouter (progress-router.ts) as notifications arrive, read by the recorder when the call ends
 * (metrics/progress.ts). One per CallTrace, reset with it; its histogram is made once, on its first progress call.
 */
import { createHistogram, recordUs, type Histogram } from '../stats/histogram.js';

export class ProgressTrace {
  /** True once a call asked for progress (sent a progress token). */
  asked = false;
  /** Progress notifications received. */
  count = 0;
  /** µs from the call's start to its first progress notification; -1: none came. */
  firstUs = -1;
  /** The gaps between consecutive notifications of this call (µs); null until a call asks for progress. */
  gaps: Histogram | null = null;
  /** The token the current call sent (progress-router.ts); '' when none. */
  token = '';
  private startMs = 0;
  private lastMs = 0;

  /** A call that asks for progress starts, at `nowMs` (performance.now()); a retry keeps the first attempt's start. */
  begin(nowMs: number): void {
    if (this.asked) return;
    this.asked = true;
    this.startMs = nowMs;
    this.gaps ??= createHistogram();
  }

  /** A progress notification arrived at `nowMs`. */
  heard(nowMs: number): void {
    if (this.count === 0) this.firstUs = Math.max(0, Math.round((nowMs - this.startMs) * 1000));
    else if (this.gaps) recordUs(this.gaps, (nowMs - this.lastMs) * 1000);
    this.lastMs = nowMs;
    this.count++;
  }

  reset(): void {
    if (!this.asked) return;
    this.asked = false;
    this.count = 0;
    this.firstUs = -1;
    this.token = '';
    if (this.gaps !== null && this.gaps.totalCount > 0) this.gaps.reset();
  }
}
