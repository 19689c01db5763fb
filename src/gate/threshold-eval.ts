/**
 * Thresholds judged at the end of a run: pure RunSummary + Plan → the same summary with every workload's threshold
 * results and the gate's counts filled in. A threshold over zero samples fails (reason `no-samples`), so a workload
 * that never ran, or an operation never drawn, cannot pass vacuously; a metric the workload cannot have (a hit ratio
 * without a cache layer, amplification without retry) fails as `not-applicable` rather than reading as 0.
 */
import type { LatencyStats } from '../metrics/histogram.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../metrics/summary.js';
import type { OperationPlan, Plan, WorkloadPlan } from '../scenario/plan.js';
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
interface Subject {
  readonly calls: CallFigures;
  readonly dropped: number;
  /** Cache lookups (hits + misses); null when the figures carry none. */
  readonly cache: { readonly hits: number; readonly misses: number } | null;
  readonly retry: { readonly attempts: number; readonly calls: number } | null;
}

/** Which layers the workload was planned with: a metric of a layer it lacks is not applicable. */
interface Layers {
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

/**
 * Every threshold evaluated at the end: the plan's (scenario) and `cli` (on every workload's total). With variants,
 * a workload's thresholds come from its variant's plan. `gate.passed` becomes false when any fails, and stays false
 * if it already was (an abort).
 */
export function applyThresholds(summary: RunSummary, plan: Plan, cli: readonly ThresholdSpec[]): RunSummary {
  const workloads = summary.workloads.map((workload) => ({
    ...workload,
    thresholds: evaluateWorkload(workload, plannedWorkload(plan, workload), cli),
  }));
  const results = workloads.flatMap((workload) => workload.thresholds);
  const failed = results.filter((result) => !result.passed).length;
  return {
    ...summary,
    workloads,
    gate: { ...summary.gate, passed: summary.gate.passed && failed === 0, thresholds: { passed: results.length - failed, failed } },
  };
}

function plannedWorkload(plan: Plan, workload: WorkloadSummary): WorkloadPlan | undefined {
  const variant = workload.variant === undefined ? undefined : plan.variants?.find((v) => v.name === workload.variant);
  return (variant?.workloads ?? plan.workloads).find((planned) => planned.name === workload.name);
}

function evaluateWorkload(workload: WorkloadSummary, planned: WorkloadPlan | undefined, cli: readonly ThresholdSpec[]): ThresholdResult[] {
  const layers: Layers = planned
    ? { cache: planned.client.cache !== null, retry: planned.client.retry !== null }
    : { cache: workload.operations.some((op) => op.client?.cache), retry: workload.operations.some((op) => op.client?.retry) };
  const where = { workload: workload.name, ...(workload.variant === undefined ? {} : { variant: workload.variant }) };
  const total = totalSubject(workload);
  const onTotal = [...(planned?.thresholds ?? []), ...cli].map((spec) =>
    judge(spec, measure(spec.metric, total, layers), { ...where, operation: null }),
  );
  const onOperations = (planned?.operations ?? []).flatMap((operation: OperationPlan) => {
    const subject = operationSubject(workload.operations.find((op) => op.name === operation.name));
    return (operation.thresholds ?? []).map((spec) => judge(spec, measure(spec.metric, subject, layers), { ...where, operation: operation.name }));
  });
  return [...onTotal, ...onOperations];
}

const NOTHING: CallFigures = {
  count: 0,
  errorRate: 0,
  throughputPerSec: 0,
  latencyUs: { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, min: 0, max: 0, mean: 0, stdev: 0 },
};

function operationSubject(op: OperationSummary | undefined): Subject {
  if (!op) return { calls: NOTHING, dropped: 0, cache: null, retry: null };
  const { cache, retry } = op.client ?? {};
  return {
    calls: op,
    dropped: op.dropped ?? 0,
    cache: cache ? { hits: cache.hits, misses: cache.misses } : null,
    retry: retry ? { attempts: retry.attempts, calls: op.count } : null,
  };
}

/** The total's client figures are the sums over the operations that have them. */
function totalSubject(workload: WorkloadSummary): Subject {
  const parts = workload.operations.map(operationSubject);
  const cached = parts.flatMap((part) => (part.cache ? [part.cache] : []));
  const retried = parts.flatMap((part) => (part.retry ? [part.retry] : []));
  const sum = <T>(items: readonly T[], pick: (item: T) => number): number => items.reduce((acc, item) => acc + pick(item), 0);
  return {
    calls: workload.total,
    dropped: workload.arrivals?.dropped ?? 0,
    cache: cached.length === 0 ? null : { hits: sum(cached, (c) => c.hits), misses: sum(cached, (c) => c.misses) },
    retry: retried.length === 0 ? null : { attempts: sum(retried, (r) => r.attempts), calls: sum(retried, (r) => r.calls) },
  };
}

/** As client-summary.ts rounds ratios, so a threshold judges the figure the report shows. */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
