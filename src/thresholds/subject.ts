/**
 * What a threshold metric is measured on: a finished operation or a workload's total (a Subject, built by
 * gate/threshold-eval.ts from the run's summary), or a rolling window of calls while running (WindowFigures, built by
 * runner/abort-watch.ts). Plain shapes; how each metric reads them is declared in metrics.ts.
 */
import type { Histogram, LatencyStats } from '../stats/histogram.js';

/** What every measured set of calls has: a finished operation or total (OperationSummary), or a rolling window. */
export interface CallFigures {
  readonly count: number;
  readonly errorRate: number;
  readonly throughputPerSec: number;
  readonly latencyUs: LatencyStats;
}

/** One operation, or a workload's total, in the shape every metric is measured from. */
export interface Subject {
  readonly calls: CallFigures;
  readonly dropped: number;
  /** Cache lookups (hits + misses); null when the figures carry none. */
  readonly cache: { readonly hits: number; readonly misses: number } | null;
  /** Attempts, and the calls that reached the retry layer (cache and dedup answers made no attempt); null: no figures. */
  readonly retry: { readonly attempts: number; readonly calls: number } | null;
  /** Calls whose response checks passed and failed; null when the subject runs no checks. */
  readonly checks: { readonly passed: number; readonly failed: number } | null;
  /**
   * The workload's sessions, on its total: how many were opened and their cold start (summary/cold-start.ts); null on
   * an operation or a tenant, which have no sessions of their own (a workload figure is not applicable there).
   */
  readonly sessions: SessionFigures | null;
}

/** Sessions a workload opened (0: none, so no cold start was measured) and their set-up's p99 and max, µs. */
export interface SessionFigures {
  readonly count: number;
  readonly coldStartP99Us: number;
  readonly coldStartMaxUs: number;
  /**
   * Peak sessions busy over the pool's max (client/pool/), the largest over the workload's pools; null without a
   * pool block (a fixed pool does not measure it).
   */
  readonly poolUtilization: number | null;
}

/** Which layers the workload was planned with: a metric of a layer it lacks is not applicable. */
export interface Layers {
  readonly cache: boolean;
  readonly retry: boolean;
}

/** A value to compare, or why there is none. */
export type Measurement =
  | { readonly value: number; readonly samples: number }
  | { readonly value: null; readonly samples: number; readonly reason: 'no-samples' | 'not-applicable' };

export const NO_SAMPLES = (samples = 0): Measurement => ({ value: null, samples, reason: 'no-samples' });
export const NOT_APPLICABLE: Measurement = { value: null, samples: 0, reason: 'not-applicable' };

/**
 * Figures of the calls completed between two snapshots of a rolling window. Latency is read from `histogram` only for
 * the metric judged: hdr-histogram-js computes a mean or standard deviation by walking every bucket (milliseconds on
 * a wide histogram), a percentile far faster, and a tick should not stall the calls it measures.
 */
export interface WindowFigures {
  readonly count: number;
  readonly errorRate: number;
  readonly throughputPerSec: number;
  readonly spanUs: number;
  /** The window's latencies: valid until the next `figures` call (the histogram is reused). */
  readonly histogram: Histogram;
}
