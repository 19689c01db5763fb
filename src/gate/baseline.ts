/**
 * The baseline check behind `--baseline base.json --max-regression p99=10%,throughput=5%`: each operation of this
 * run against the same operation of a saved run, metric by metric. Pure: both summaries and the tolerances come in,
 * a BaselineSummary goes out; reading the file and setting the exit code are the CLI's.
 *
 * "Beyond noise", exactly: every figure of a run gets a 95% confidence interval from the sampling noise of that
 * run's own calls (compare/operation-intervals.ts: percentiles from order statistics, the mean from its standard
 * error, throughput from the mean latency's or from Poisson counts, the error rate a Wilson interval). A change is
 * beyond noise when the two runs' intervals do not overlap: the current run's whole interval lies on the worse side
 * of the baseline's whole interval. Said as a ratio: the interval [current.low / baseline.high, current.high /
 * baseline.low] of current / baseline lies entirely above 1 (latency) or below 1 (throughput); for error_rate the
 * interval [current.low − baseline.high, current.high − baseline.low] of the difference lies entirely above 0.
 *
 * A check is `regressed` (exit 1) when the figure is worse than allowed AND the change is beyond noise;
 * `within-noise` when it is worse than allowed but the intervals overlap; `ok` when it is within the allowance (or
 * better); `no-samples` (also exit 1) when either run measured no call of the operation, or no window to take a
 * throughput over. A baseline with no operation in common with this run fails as a whole: it checked nothing.
 * Latencies under 1 µs count as 1 µs in a ratio (the histograms' resolution). An end the calls cannot bound (p99
 * of fewer than 368 calls has no upper bound) is open: it never proves a regression, and the check's interval is
 * then reported as null. Not covered by any interval: drift between the two runs (another machine, a busy
 * neighbour, a warmer cache). That is what the allowance is for.
 */
import { counterpart, indexOperations, keyedOperations, type KeyedOperation } from '../compare/keyed-operations.js';
import { changeBetween, metricValue } from '../compare/operation-intervals.js';
import type { Interval } from '../stats/interval.js';
import type { RunSummary } from '../summary/summary.js';
import { regressionRule, type RegressionMetric } from '../thresholds/metrics.js';
import type { BaselineSummary, RegressionCheck, RegressionTolerance } from '../thresholds/types.js';

/** Guards "worse than allowed" against floating point: 1100 µs against 1000 µs is exactly the 10% allowed. */
const EPSILON = 1e-9;

export function checkBaseline(
  current: RunSummary,
  baseline: RunSummary,
  tolerances: readonly RegressionTolerance[],
  file: string,
): BaselineSummary {
  const currentOps = keyedOperations(current);
  const baselineOps = indexOperations(keyedOperations(baseline));
  const currentIndex = indexOperations(currentOps);
  const checks: RegressionCheck[] = [];
  for (const op of currentOps) {
    const before = counterpart(op, baselineOps);
    if (before) for (const tolerance of tolerances) checks.push(checkMetric(op, before, tolerance));
  }
  const unmatched = [
    ...currentOps.filter((op) => !counterpart(op, baselineOps)),
    ...[...baselineOps.values()].filter((op) => !counterpart(op, currentIndex)),
  ].map((op) => op.label);
  // Nothing in common (another scenario, renamed workloads, a plain run against a variants run) compares nothing:
  // that fails, like a threshold over zero samples, instead of passing a gate that checked nothing.
  const passed = checks.length > 0 && checks.every((c) => c.verdict !== 'regressed' && c.verdict !== 'no-samples');
  return { file, startedAt: baseline.startedAt, tolerances, checks, unmatched, passed };
}

/** One metric of one operation: the figures, their change with its interval, and the verdict. */
export function checkMetric(current: KeyedOperation, baseline: KeyedOperation, tolerance: RegressionTolerance): RegressionCheck {
  const { metric, allowed } = tolerance;
  const base = {
    workload: current.workload,
    ...(current.variant !== undefined && { variant: current.variant }),
    operation: current.operation,
    metric,
    baseline: metricValue(baseline.summary, metric),
    current: metricValue(current.summary, metric),
    allowed,
  };
  const found = changeBetween(current, baseline, metric);
  if (found === null) return { ...base, ratio: null, interval: null, verdict: 'no-samples' };
  const { change, interval } = found;
  return { ...base, ratio: change, interval: interval && finitePair(interval), verdict: verdictOf(metric, change, interval, allowed) };
}

/**
 * The metric's regression rule says which way is worse (higher for latency and error_rate, lower for throughput) and
 * what "no change" is: a ratio of 1, or a difference of 0 points.
 */
function verdictOf(metric: RegressionMetric, change: number, interval: Interval | null, allowed: number): RegressionCheck['verdict'] {
  const rule = regressionRule(metric);
  const noChange = rule.change === 'difference' ? 0 : 1;
  const worseThanAllowed = rule.worse === 'higher' ? change > noChange + allowed + EPSILON : change < noChange - allowed - EPSILON;
  if (!worseThanAllowed) return 'ok';
  const beyondNoise = interval !== null && (rule.worse === 'higher' ? interval.low > noChange : interval.high < noChange);
  return beyondNoise ? 'regressed' : 'within-noise';
}

/** The interval for the report, or null when an end is open (JSON has no Infinity; an open end proves nothing). */
function finitePair(interval: Interval): readonly [number, number] | null {
  return Number.isFinite(interval.low) && Number.isFinite(interval.high) ? [interval.low, interval.high] : null;
}
