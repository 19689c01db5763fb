import { callFigure, metricKind, regressionRule, type IntervalSource, type RegressionMetric } from '../thresholds/metrics.js';
import { decodeHistogram, type Histogram } from '../stats/histogram.js';
import type { OperationSummary } from '../summary/summary.js';
import { erroredCalls } from '../summary/checks.js';
import { loadModelOf } from '../workloads/registry.js';
import { differenceOfIntervals, ratioOfIntervals, type Interval } from '../stats/interval.js';
import { meanInterval, throughputInterval, type LoadModel } from '../stats/mean-interval.js';
import { wilsonInterval } from '../stats/proportion-interval.js';
import { quantileInterval } from '../stats/quantile-interval.js';

/**
 * One operation of a saved or fresh report, with the 95% interval of each metric the gates and comparisons use.
 * The figure is the report's own (so a check quotes what the table showed); the interval comes from the encoded
 * histogram the report carries.
 */
export interface MeasuredOperation {
  readonly summary: OperationSummary;
  readonly model: LoadModel;
  /** null when the report's histogram is missing or cannot be decoded: figures, but no intervals. */
  readonly histogram: Histogram | null;
}

/** `type`: the workload's type as a report names it (its load model decides the throughput interval). */
export function measureOperation(summary: OperationSummary, type: string): MeasuredOperation {
  return { summary, model: loadModelOf(type), histogram: decodeOrNull(summary.histogram) };
}

/** The figure a report shows for the metric (as its declaration reads it): µs, calls/s, or an error rate 0..1. */
export function metricValue(operation: OperationSummary, metric: RegressionMetric): number {
  return callFigure(metric, operation);
}

/** The metric's 95% interval around the report's figure, as its regression rule says; null without calls or histogram. */
export function metricInterval(operation: MeasuredOperation, metric: RegressionMetric): Interval | null {
  const { summary, histogram } = operation;
  if (summary.count === 0) return null;
  const source = regressionRule(metric).interval;
  if (source.of === 'errors') return wilsonInterval(erroredCalls(summary), summary.count);
  if (histogram === null || histogram.totalCount === 0) return null;
  const interval = histogramInterval(source, histogram, operation);
  return interval && aroundFigure(interval, metricValue(summary, metric));
}

function histogramInterval(source: Exclude<IntervalSource, { of: 'errors' }>, histogram: Histogram, operation: MeasuredOperation): Interval | null {
  switch (source.of) {
    case 'quantile':
      return quantileInterval(histogram, source.percentile);
    case 'mean':
      return meanInterval(histogram);
    case 'throughput':
      return throughputInterval(operation.summary.throughputPerSec, histogram, operation.model);
  }
}

/** HDR histograms floor at 1 µs: in a ratio, a latency recorded as 0 µs (under a microsecond) counts as 1 µs. */
export const LATENCY_FLOOR_US = 1;

/** A change between two runs and the interval of that change from both runs' sampling noise (null: no histogram). */
export interface Change {
  readonly change: number;
  readonly interval: Interval | null;
}

/**
 * current / reference (a `difference` metric such as error_rate: current − reference, in points) with its interval,
 * combined conservatively (interval.ts): it excludes "no change" exactly when the two runs' 95% intervals do not
 * overlap. null when there is nothing to compare: either side without calls, or without a measured throughput.
 */
export function changeBetween(current: MeasuredOperation, reference: MeasuredOperation, metric: RegressionMetric): Change | null {
  if (current.summary.count === 0 || reference.summary.count === 0) return null;
  const intervals = (): [Interval, Interval] | null => {
    const a = metricInterval(current, metric);
    const b = metricInterval(reference, metric);
    return a && b ? [a, b] : null;
  };
  if (regressionRule(metric).change === 'difference') {
    const pair = intervals();
    return { change: current.summary.errorRate - reference.summary.errorRate, interval: pair && differenceOfIntervals(...pair) };
  }
  const floor = metricKind(metric) === 'latency' ? LATENCY_FLOOR_US : 0;
  const now = Math.max(metricValue(current.summary, metric), floor);
  const before = Math.max(metricValue(reference.summary, metric), floor);
  if (!(now > 0 && before > 0)) return null;
  const pair = intervals();
  return { change: now / before, interval: pair && ratioOfIntervals(floored(pair[0], floor), floored(pair[1], floor)) };
}

function floored(interval: Interval, floor: number): Interval {
  return { estimate: Math.max(interval.estimate, floor), low: Math.max(interval.low, floor), high: Math.max(interval.high, floor) };
}

/**
 * Re-centres on the report's figure (the mean is rounded to 0.01 µs in the report), widening an end if the figure
 * falls outside, so low ≤ estimate ≤ high always holds.
 */
function aroundFigure(interval: Interval, figure: number): Interval {
  return { estimate: figure, low: Math.min(interval.low, figure), high: Math.max(interval.high, figure) };
}

function decodeOrNull(encoded: string): Histogram | null {
  if (encoded === '') return null;
  try {
    return decodeHistogram(encoded);
  } catch {
    return null;
  }
}
