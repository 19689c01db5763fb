/**
 * Judging one threshold: a metric measured on a set of calls (a finished operation or total, or a rolling window) as
 * its declaration in metrics.ts says, how a measured value compares with a limit, and the result. Pure; the gate
 * (gate/threshold-eval.ts) applies it to a run's summary, the abort watch (runner/abort-watch.ts) to a window while
 * running.
 */
import { METRICS, type ThresholdMetric } from './metrics.js';
import { NO_SAMPLES, type Layers, type Measurement, type Subject } from './subject.js';
import type { Comparator, ThresholdResult, ThresholdSpec } from './types.js';

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

/** A metric on an operation or a workload's total: a figure of the calls needs calls; any other has its own rules. */
export function measure(metric: ThresholdMetric, subject: Subject, layers: Layers): Measurement {
  const declared = METRICS[metric];
  if ('measure' in declared) return declared.measure(subject, layers);
  const count = subject.calls.count;
  return count === 0 ? NO_SAMPLES() : { value: declared.figure(subject.calls), samples: count };
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
