/**
 * Every threshold metric, declared once: its name, the other words people write for it, its unit kind (how its limit
 * is parsed, how a value is shown, what "expected" says), how it is measured on an operation or a workload's total,
 * whether abortOnFail may watch it on a rolling window, and whether `--max-regression` may check it against a
 * baseline and which way is worse. The parser, the judge, the abort watch, the baseline check, the comparisons and
 * the reports read this table; the metric types derive from it, so a new metric is one entry here (and, if it reads a
 * figure a Subject does not carry yet, that figure in gate/threshold-eval.ts).
 */
import { round2, type LatencyStats } from '../stats/histogram.js';
import type { CallFigures, Layers, Measurement, Subject, WindowFigures } from './subject.js';
import { cacheHitRatio, checksPassRate, coldStart, dropped, poolUtilization, retryAmplification } from './measures.js';

/** What unit a metric's limit is written in: µs, a ratio 0..1, calls per second, a count, or a ratio ≥ 1. */
export type MetricKind = 'latency' | 'ratio' | 'rate' | 'count' | 'amplification';

/** abortOnFail: how a metric is read on a rolling window while running (runner/abort-watch.ts). */
export interface WindowRule {
  readonly read: (figures: WindowFigures) => number;
  /** A window without completed calls: `skip` it (it has no latency or error rate), or `judge` it (0/s is a figure). */
  readonly withoutCalls: 'skip' | 'judge';
}

/** `--max-regression`: how a metric is checked against a baseline (gate/baseline.ts, compare/operation-intervals.ts). */
export interface RegressionRule {
  /** Which way is worse: latency and the error rate rise, throughput falls. */
  readonly worse: 'higher' | 'lower';
  /**
   * `ratio`: current / baseline, allowed relative (p99=10%); `difference`: current − baseline, allowed in points, for
   * a rate 0..1 whose baseline is often 0 (error_rate=1%).
   */
  readonly change: 'ratio' | 'difference';
  readonly interval: IntervalSource;
}

/** Where a 95% interval comes from: order statistics, the mean's standard error, the throughput, or a proportion. */
export type IntervalSource =
  | { readonly of: 'quantile'; readonly percentile: number }
  | { readonly of: 'mean' }
  | { readonly of: 'throughput' }
  | { readonly of: 'errors' };

interface Common {
  readonly kind: MetricKind;
  /** Other words people write for it: each suggests this metric ("did you mean …?"). */
  readonly aliases: readonly string[];
  /** The percentile it is: a percentile that is not reported (`p98`) suggests the nearest one by value. */
  readonly percentile?: number;
  /** What a report says instead of a value when the metric does not apply to a workload. */
  readonly notApplicable?: string;
  /** Why `--max-regression` refuses it, when there is more to say than "not a regression check". */
  readonly notRegression?: string;
  /**
   * A figure of the whole workload, saying of what ("its sessions' cold start"): refused in an operation's or a
   * tenant's `thresholds:`.
   */
  readonly workloadOnly?: string;
}

/** A figure of the calls themselves (latency, error rate, throughput): no calls, no value. */
interface CallMetricDeclaration extends Common {
  readonly figure: (calls: CallFigures) => number;
  /** null: abortOnFail refuses it (judged over the whole run only). */
  readonly window: WindowRule | null;
  /** null: `--max-regression` refuses it. */
  readonly regression: RegressionRule | null;
}

/** A figure of a client layer, of the arrivals or of the sessions, measured from the whole Subject by its own rules. */
interface SubjectMetricDeclaration extends Common {
  readonly measure: (subject: Subject, layers: Layers) => Measurement;
  readonly window: null;
  readonly regression: null;
}

export type MetricDeclaration = CallMetricDeclaration | SubjectMetricDeclaration;

/** A latency percentile: the report's figure, the window's histogram, and an interval from order statistics. */
function percentile(value: number, stat: keyof LatencyStats, aliases: readonly string[] = []) {
  return {
    kind: 'latency',
    aliases,
    percentile: value,
    figure: (calls: CallFigures) => calls.latencyUs[stat],
    // As latencyStats (histogram.ts) computes it for the report; within HDR resolution (0.1%) of it, since a
    // difference of histograms knows its max only to the bucket.
    window: { read: ({ histogram }: WindowFigures) => Math.min(histogram.getValueAtPercentile(value), histogram.maxValue), withoutCalls: 'skip' },
    regression: { worse: 'higher', change: 'ratio', interval: { of: 'quantile', percentile: value } },
  } as const;
}

/** Latency metrics are µs; ratios are 0..1; throughput is calls/s; dropped is a count; amplification a ratio. */
export const METRICS = {
  p50: percentile(50, 'p50'),
  p90: percentile(90, 'p90'),
  p95: percentile(95, 'p95'),
  p99: percentile(99, 'p99'),
  'p99.9': percentile(99.9, 'p999', ['p999', 'p99_9']),
  max: {
    kind: 'latency',
    aliases: ['p100'],
    figure: (calls) => calls.latencyUs.max,
    window: { read: ({ histogram }) => histogram.maxValue, withoutCalls: 'skip' },
    regression: null,
    notRegression: 'max has no confidence interval; use p99.9',
  },
  mean: {
    kind: 'latency',
    aliases: ['avg', 'average'],
    figure: (calls) => calls.latencyUs.mean,
    // Rounded as the report rounds it (latencyStats).
    window: { read: ({ histogram }) => round2(histogram.mean), withoutCalls: 'skip' },
    regression: { worse: 'higher', change: 'ratio', interval: { of: 'mean' } },
  },
  error_rate: {
    kind: 'ratio',
    aliases: ['errors', 'error'],
    figure: (calls) => calls.errorRate,
    window: { read: (window) => window.errorRate, withoutCalls: 'skip' },
    regression: { worse: 'higher', change: 'difference', interval: { of: 'errors' } },
  },
  throughput: {
    kind: 'rate',
    aliases: ['rps', 'qps', 'rate'],
    figure: (calls) => calls.throughputPerSec,
    // A window without calls is 0/s: exactly what a throughput floor is there to catch (a server that hangs).
    window: { read: (window) => window.throughputPerSec, withoutCalls: 'judge' },
    regression: { worse: 'lower', change: 'ratio', interval: { of: 'throughput' } },
  },
  // A cache's hit ratio climbs as it fills, dropped arrivals and retry amplification are judged over the whole run:
  // none of them is judged on a rolling window.
  cache_hit_ratio: {
    kind: 'ratio',
    aliases: ['hit_ratio', 'hit_rate'],
    measure: cacheHitRatio,
    notApplicable: 'not applicable: no cache layer',
    window: null,
    regression: null,
  },
  dropped: {
    kind: 'count',
    aliases: ['drops'],
    measure: dropped,
    notApplicable: 'not applicable: not an open-model workload',
    window: null,
    regression: null,
  },
  // Response checks (expect:, captures) pass rate over the calls that ran them; judged over the whole run.
  checks: {
    kind: 'ratio',
    aliases: ['check', 'checks_rate', 'pass_rate'],
    measure: checksPassRate,
    notApplicable: 'not applicable: no expect: checks or captures',
    window: null,
    regression: null,
  },
  retry_amplification: {
    kind: 'amplification',
    aliases: ['amplification'],
    measure: retryAmplification,
    notApplicable: 'not applicable: no retry layer',
    window: null,
    regression: null,
  },
  // Sessions' set-up, spawn or connect through initialize (summary/cold-start.ts: exact nearest-rank over the few
  // sessions, kept in the report, so merged rounds and shards judge every session). A workload figure: known only once
  // its sessions are open, before any call, so no rolling window sees it change; and a handful of sessions has no
  // confidence interval for --max-regression to tell a regression from noise by.
  cold_start_p99: coldStart('coldStartP99Us', ['cold_start', 'coldstart_p99', 'startup_p99']),
  cold_start_max: coldStart('coldStartMaxUs', ['coldstart_max', 'startup_max']),
  // Peak sessions busy over the pool's max (client/pool/): past ~90% callers start to wait for a session. A workload
  // figure, read at the end (a peak has no rolling window and no interval).
  pool_utilization: {
    kind: 'ratio',
    aliases: ['pool', 'utilization', 'pool_usage'],
    measure: poolUtilization,
    notApplicable: "not applicable: no client pool block, or not the workload's total (the pool is the workload's)",
    window: null,
    regression: null,
    notRegression: 'pool utilization is a peak over the run, with no interval to tell a regression from noise; use a threshold',
    workloadOnly: 'its pools',
  },
} as const satisfies Readonly<Record<string, MetricDeclaration>>;

type Declared = typeof METRICS;
export type ThresholdMetric = keyof Declared;
/** Read straight from a set of calls (latency, error_rate, throughput): the only kind a window or a baseline takes. */
export type CallMetric = { [M in ThresholdMetric]: Declared[M] extends { readonly figure: unknown } ? M : never }[ThresholdMetric];
/** The metrics abortOnFail may stop a run on: the ones a rolling window of calls measures meaningfully. */
export type AbortableMetric = { [M in ThresholdMetric]: Declared[M]['window'] extends null ? never : M }[ThresholdMetric];
/** The metrics `--max-regression` accepts. */
export type RegressionMetric = { [M in ThresholdMetric]: Declared[M]['regression'] extends null ? never : M }[ThresholdMetric];

/** In the table's order, which is the order every message lists them in. */
export const THRESHOLD_METRICS = Object.keys(METRICS) as readonly ThresholdMetric[];

/** The entry of a metric, seen through the declaration's type (optional fields included). */
export function declarationOf(metric: ThresholdMetric): MetricDeclaration {
  return METRICS[metric];
}

export function metricKind(metric: ThresholdMetric): MetricKind {
  return METRICS[metric].kind;
}

export function canAbortOn(metric: ThresholdMetric): metric is AbortableMetric {
  return METRICS[metric].window !== null;
}

export const ABORTABLE_METRICS: readonly AbortableMetric[] = THRESHOLD_METRICS.filter(canAbortOn);

export function isRegressionMetric(metric: ThresholdMetric): metric is RegressionMetric {
  return METRICS[metric].regression !== null;
}

/** Those with a relative allowance first, then those allowed in points: p99=10%,throughput=5%,error_rate=1%. */
export const REGRESSION_METRICS: readonly RegressionMetric[] = [
  ...THRESHOLD_METRICS.filter(isRegressionMetric).filter((metric) => METRICS[metric].regression.change === 'ratio'),
  ...THRESHOLD_METRICS.filter(isRegressionMetric).filter((metric) => METRICS[metric].regression.change === 'difference'),
];

export function windowRule(metric: AbortableMetric): WindowRule {
  return METRICS[metric].window;
}

export function regressionRule(metric: RegressionMetric): RegressionRule {
  return METRICS[metric].regression;
}

/** The figure a set of calls (an operation's summary) shows for a metric read from the calls themselves. */
export function callFigure(metric: CallMetric, calls: CallFigures): number {
  return METRICS[metric].figure(calls);
}

const BY_ALIAS: ReadonlyMap<string, ThresholdMetric> = new Map(
  THRESHOLD_METRICS.flatMap((metric) => METRICS[metric].aliases.map((alias) => [alias, metric] as const)),
);

/** The metric another word stands for (`avg` → mean), case-insensitively; undefined when none. */
export function metricForAlias(word: string): ThresholdMetric | undefined {
  return BY_ALIAS.get(word.toLowerCase());
}

/** Whether the metric is a figure of the whole workload, never of one operation's or one tenant's calls. */
export function isWorkloadOnly(metric: ThresholdMetric): boolean {
  return declarationOf(metric).workloadOnly !== undefined;
}

/** What a report says when the metric does not apply to a workload. */
export function notApplicableText(metric: ThresholdMetric): string {
  return declarationOf(metric).notApplicable ?? 'not applicable';
}
