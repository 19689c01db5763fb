/**
 * Judging one threshold: how each metric is measured from a set of calls (a finished operation or total, or a
 * rolling window), how a measured value compares with a limit, and the result. Pure; the gate (gate/threshold-eval.ts)
 * applies it to a run's summary, the abort watch (runner/abort-watch.ts) to a window while running.
 */
import type { LatencyStats } from '../stats/histogram.js';
import type { Comparator, ThresholdMetric, ThresholdResult, ThresholdSpec } from './types.js';
/** What every measured set of calls has: a finished operation or total (OperationSummary), or a rolling window. */
export interface CallFigures {
  readonly count: number;
  readonly errorRate: number;
  readonly throughputPerSec: number;
  readonly latencyUs: LatencyStats;
}

/** The metrics read straight from CallFigures: latency, error_rate and throughput (the ones abortOnFail allows). */
export type CallMetric = Exclude<ThresholdMetric, 'cache_hit_ratio' | 'dropped' | 'retry_amplification'>;

const LATENCY_KEY: Readonly<Record<Exclude<CallMetric, 'error_rate' | 'throughput'>, keyof LatencyStats>> = {
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  'p99.9': 'p999',
  max: 'max',
  mean: 'mean',
};

export function isCallMetric(metric: ThresholdMetric): metric is CallMetric {
  return metric === 'error_rate' || metric === 'throughput' || metric in LATENCY_KEY;
}

export function callFigure(metric: CallMetric, figures: CallFigures): number {
  if (metric === 'error_rate') return figures.errorRate;
  if (metric === 'throughput') return figures.throughputPerSec;
  return figures.latencyUs[LATENCY_KEY[metric]];
}

/** Two figures this close are equal: `1%` parsed and 3 errors in 300 calls must compare as the same number. */
const RELATIVE_EPSILON = 1e-9;

export function compare(measured: number, comparator: Comparator, limit: number): boolean {
  const equal = Math.abs(measured - limit) <= RELATIVE_EPSILON * Math.max(1, Math.abs(measured), Math.abs(limit));
  switch (comparator) {
    case '<':
      return !equal && measured < limit;
    case '<=':
      return equal || measured < limit;
    case '>':
      return !equal && measured > limit;
    case '>=':
      return equal || measured > limit;
    case '==':
      return equal;
  }
}

/** A value to compare, or why there is none. */
export type Measurement =
  | { readonly value: number; readonly samples: number }
  | { readonly value: null; readonly samples: number; readonly reason: 'no-samples' | 'not-applicable' };

/** One operation, or a workload's total, in the shape every metric is measured from. */
export interface Subject {
  readonly calls: CallFigures;
  readonly dropped: number;
  /** Cache lookups (hits + misses); null when the figures carry none. */
  readonly cache: { readonly hits: number; readonly misses: number } | null;
  readonly retry: { readonly attempts: number; readonly calls: number } | null;
}

/** Which layers the workload was planned with: a metric of a layer it lacks is not applicable. */
export interface Layers {
  readonly cache: boolean;
  readonly retry: boolean;
}

const NO_SAMPLES = (samples = 0): Measurement => ({ value: null, samples, reason: 'no-samples' });
const NOT_APPLICABLE: Measurement = { value: null, samples: 0, reason: 'not-applicable' };

export function measure(metric: ThresholdMetric, subject: Subject, layers: Layers): Measurement {
  const count = subject.calls.count;
  if (metric === 'cache_hit_ratio') {
    if (!layers.cache) return NOT_APPLICABLE;
    if (count === 0) return NO_SAMPLES();
    const lookups = subject.cache ? subject.cache.hits + subject.cache.misses : 0;
    // Calls but no lookup: this operation is not one the cache stores.
    return lookups === 0 || !subject.cache ? NOT_APPLICABLE : { value: round4(subject.cache.hits / lookups), samples: lookups };
  }
  if (metric === 'retry_amplification') {
    if (!layers.retry) return NOT_APPLICABLE;
    if (count === 0) return NO_SAMPLES();
    const retry = subject.retry;
    return retry && retry.calls > 0 ? { value: round4(retry.attempts / retry.calls), samples: retry.calls } : NOT_APPLICABLE;
  }
  if (metric === 'dropped') {
    // A closed loop never drops: it measures 0 over the calls it made.
    const samples = count + subject.dropped;
    return samples === 0 ? NO_SAMPLES() : { value: subject.dropped, samples };
  }
  return count === 0 ? NO_SAMPLES() : { value: callFigure(metric, subject.calls), samples: count };
}

/** The result of one threshold on one measurement. */
export function judge(spec: ThresholdSpec, measurement: Measurement, where: { workload: string; variant?: string; operation: string | null }): ThresholdResult {
  const passed = measurement.value !== null && compare(measurement.value, spec.comparator, spec.limit);
  return {
    threshold: spec.text,
    metric: spec.metric,
    comparator: spec.comparator,
    limit: spec.limit,
    workload: where.workload,
    ...(where.variant === undefined ? {} : { variant: where.variant }),
    operation: where.operation,
    measured: measurement.value,
    samples: measurement.samples,
    passed,
    ...(measurement.value === null ? { reason: measurement.reason } : {}),
    source: spec.source,
  };
}

/** As client-summary.ts rounds ratios, so a threshold judges the figure the report shows. */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
