import { createHistogram, latencyAtPercentile, recordUs, type Histogram } from '../stats/histogram.js';

/** One interval of a workload's measured phase (all operations). */
export interface TimelinePoint {
  /** End of the interval, µs since the measured phase began. */
  readonly tUs: number;
  readonly calls: number;
  readonly errors: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
}

export interface TimelineSummary {
  readonly intervalUs: number;
  readonly points: readonly TimelinePoint[];
}

/** At most this many points are kept (a day at 1 s); later intervals are counted in the totals but not plotted. */
const MAX_POINTS = 86_400;

/**
 * Per-interval counts and latency of measured calls, for "throughput and p99 over time". One reusable histogram for
 * the current interval; each closed interval keeps only its figures (never the samples). Calls are attributed to the
 * interval in which they completed; `record` takes the completion time so the clock is read once per call.
 */
export class Timeline {
  private readonly current: Histogram = createHistogram();
  private readonly points: TimelinePoint[] = [];
  private startUs: number | null = null;
  private intervalEndUs = 0;
  private errors = 0;

  constructor(readonly intervalUs = 1_000_000) {}

  /** The measured phase began at `nowUs` (the first interval starts here). */
  start(nowUs: number): void {
    this.startUs = nowUs;
    this.intervalEndUs = nowUs + this.intervalUs;
  }

  get started(): boolean {
    return this.startUs !== null;
  }

  /** A measured call completed at `nowUs`. The first one starts the timeline at its own start (now − latency). */
  record(nowUs: number, latencyUs: number, ok: boolean): void {
    if (this.startUs === null) this.start(nowUs - Math.max(0, latencyUs));
    if (nowUs >= this.intervalEndUs) this.closeUntil(nowUs);
    recordUs(this.current, latencyUs);
    if (!ok) this.errors++;
  }

  /**
   * Closes the intervals ended by `endUs` (a partial last one is kept when it has calls; under half an interval it
   * joins the one before: foldShortTail).
   */
  finish(endUs: number): TimelineSummary {
    if (this.startUs !== null) {
      this.closeUntil(endUs);
      if (this.current.totalCount > 0) this.close(endUs);
    }
    return foldShortTail({ intervalUs: this.intervalUs, points: [...this.points] });
  }

  private closeUntil(nowUs: number): void {
    while (nowUs >= this.intervalEndUs) {
      this.close(this.intervalEndUs);
      this.intervalEndUs += this.intervalUs;
    }
  }

  private close(endUs: number): void {
    const h = this.current;
    const calls = h.totalCount;
    const at = (p: number): number => (calls === 0 ? 0 : latencyAtPercentile(h, p));
    if (this.points.length < MAX_POINTS) {
      this.points.push({ tUs: Math.round(endUs - (this.startUs ?? 0)), calls, errors: this.errors, p50Us: at(50), p99Us: at(99), maxUs: calls === 0 ? 0 : h.maxValue });
    }
    h.reset();
    this.errors = 0;
  }
}

/**
 * The timeline with a last interval shorter than half an interval merged into the one before. That sliver is the
 * drain: the calls still in flight when the window closed, completing a few ms later. Alone, 8 calls in 1 ms would
 * plot as 8,000 calls/s; merged, they count where they belong, and every interval a rate is read from is at least
 * half an interval long. Each round's timeline is folded before rounds are joined end to end, so no sliver is left
 * in the middle of a variant's timeline either. Leaves a timeline whose last two intervals are both short alone.
 */
export function foldShortTail(timeline: TimelineSummary): TimelineSummary {
  const points = timeline.points;
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  const beforeEnd = points[points.length - 3]?.tUs ?? 0;
  if (!last || !before || last.tUs - before.tUs >= timeline.intervalUs / 2 || before.tUs - beforeEnd < timeline.intervalUs / 2) return timeline;
  const calls = before.calls + last.calls;
  const merged: TimelinePoint = {
    tUs: last.tUs,
    calls,
    errors: before.errors + last.errors,
    // Two intervals' p50s and p99s cannot be merged exactly without their histograms: the call-weighted p50, the
    // higher p99 (a tail should not be averaged away), the exact max.
    p50Us: calls > 0 ? Math.round((before.p50Us * before.calls + last.p50Us * last.calls) / calls) : 0,
    p99Us: Math.max(before.p99Us, last.p99Us),
    maxUs: Math.max(before.maxUs, last.maxUs),
  };
  return { intervalUs: timeline.intervalUs, points: [...points.slice(0, -2), merged] };
}
