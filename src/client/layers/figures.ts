/** Pieces the layers' per-operation figures share (declaration.ts says what figures are). */
import { createHistogram, latencyStats, recordUs, type Histogram, type LatencyStats } from '../../stats/histogram.js';
import type { CallTrace } from '../trace.js';
import { declareFigures, type FigureRecord, type LayerFigures } from './declaration.js';

/** n / d rounded to 4 decimals; 0 when d is 0. */
export function ratio(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000;
}

/** One µs figure of the trace per call (a wait), as a histogram. */
class TraceHistogram implements FigureRecord<LatencyStats> {
  readonly histogram: Histogram = createHistogram();

  constructor(private readonly read: (trace: CallTrace) => number) {}

  record(_latencyUs: number, trace: CallTrace): void {
    recordUs(this.histogram, this.read(trace));
  }

  mergeFrom(other: TraceHistogram): void {
    this.histogram.add(other.histogram);
  }

  summarize(): LatencyStats {
    return latencyStats(this.histogram);
  }
}

/**
 * Figures that are one µs value of the trace per call (a limiter's wait): under `key` in the operation's summary,
 * their p50/p99 in one column headed `head`.
 */
export function traceWaitFigures<K extends string>(key: K, head: string, read: (trace: CallTrace) => number): LayerFigures<K, LatencyStats> {
  return declareFigures({
    key,
    schema: ({ latencyStats }) => latencyStats,
    create: () => new TraceHistogram(read),
    columns: [{ head, cell: (stats, format) => `${format.latency(stats.p50)} / ${format.latency(stats.p99)}` }],
  });
}
