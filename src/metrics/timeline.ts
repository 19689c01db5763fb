import { addEncodedHistograms, createHistogram, encodeHistogram, INTERVAL_DIGITS, latencyAtPercentile, recordUs, type Histogram } from '../stats/histogram.js';

/** One interval of a workload's measured phase (all operations). */
export interface TimelinePoint {
  /** End of the interval, µs since the measured phase began. */
  readonly tUs: number;
  readonly calls: number;
  readonly errors: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /**
   * The interval's HDR histogram (2 significant digits: p50Us and p99Us are read from it), compressed and
   * base64-encoded, so shards' timelines merge exactly. Absent in reports written before it was stored.
   */
  readonly histogram?: string;
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
  private readonly current: Histogram = createHistogram(INTERVAL_DIGITS);
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
    if (this.points.length < MAX_POINTS) {
      this.points.push(intervalPoint(Math.round(endUs - (this.startUs ?? 0)), h, this.errors, h.totalCount === 0 ? 0 : h.maxValue));
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
  return { intervalUs: timeline.intervalUs, points: [...points.slice(0, -2), mergePoints(last.tUs, [before, last])] };
}

/** A point of an interval ending at `tUs` from its histogram (p50/p99 capped at the exact `maxUs`) and its errors. */
export function intervalPoint(tUs: number, histogram: Histogram, errors: number, maxUs: number): TimelinePoint {
  const calls = histogram.totalCount;
  const at = (p: number): number => (calls === 0 ? 0 : latencyAtPercentile(histogram, p, maxUs));
  return { tUs, calls, errors, p50Us: at(50), p99Us: at(99), maxUs: calls === 0 ? 0 : maxUs, histogram: encodeHistogram(histogram) };
}

/**
 * Points of one interval (a folded tail; the shards' same interval) as one, ending at `tUs`: histograms added in a
 * 64-bit accumulator when every point has one, so p50 and p99 are exact and max the largest exact max. Points from
 * reports without histograms cannot be merged exactly: the call-weighted p50, the highest p99 (a tail should not be
 * averaged away), the exact max.
 */
export function mergePoints(tUs: number, points: readonly TimelinePoint[]): TimelinePoint {
  const calls = points.reduce((n, p) => n + p.calls, 0);
  const errors = points.reduce((n, p) => n + p.errors, 0);
  const maxUs = points.reduce((m, p) => Math.max(m, p.maxUs), 0);
  const histograms = points.flatMap((p) => (p.histogram === undefined ? [] : [p.histogram]));
  if (histograms.length === points.length) return intervalPoint(tUs, addEncodedHistograms(histograms), errors, maxUs);
  const weighted = points.reduce((n, p) => n + p.p50Us * p.calls, 0);
  const p99Us = points.reduce((m, p) => Math.max(m, p.p99Us), 0);
  return { tUs, calls, errors, p50Us: calls > 0 ? Math.round(weighted / calls) : 0, p99Us, maxUs };
}
