/**
 * Confidence intervals as plain data, and how two of them combine into the interval of a ratio or a difference.
 * Every interval here is a 95% interval of one run's figure from the sampling noise of its own calls.
 */

/** The normal's 97.5% quantile: a two-sided 95% interval spans ±Z_975 standard errors. */
export const Z_975 = 1.959963984540054;

/**
 * A 95% confidence interval around an estimate (low ≤ estimate ≤ high). An end the data cannot bound is open:
 * `low` 0 (latencies, rates and counts are never negative) or `high` Infinity, e.g. the upper end of p99 from 100
 * calls, where the true p99 may well lie above the slowest call seen. Open ends never become a fake finite bound.
 */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The interval of current / baseline from the two runs' own intervals: [current.low / baseline.high,
 * current.high / baseline.low]. It covers the true ratio whenever both intervals cover their own true values, so
 * it is conservative: at least 90% by the union bound whatever the distributions, and about 99% when the two runs
 * are about equally noisy (the ends are ≈ 2.8 standard errors of the ratio out, not 1.96). It lies wholly above 1
 * exactly when the two intervals do not overlap, which is the rule the baseline gate states in the README.
 * Chosen over a tighter combination (e.g. MOVER on the log scale, ≈ 95%) because a gate checks many operations
 * and metrics per run, and a gate that fails CI on noise gets switched off.
 */
export function ratioOfIntervals(current: Interval, baseline: Interval): Interval {
  const estimate = baseline.estimate > 0 ? current.estimate / baseline.estimate : Number.NaN;
  const low = baseline.high === Infinity ? 0 : current.low / baseline.high;
  const high = baseline.low <= 0 ? Infinity : current.high / baseline.low;
  return { estimate, low, high };
}

/** The interval of current − baseline, combined the same conservative way: [current.low − baseline.high, …]. */
export function differenceOfIntervals(current: Interval, baseline: Interval): Interval {
  return {
    estimate: current.estimate - baseline.estimate,
    low: current.low - baseline.high,
    high: current.high - baseline.low,
  };
}

/** The interval's ends as data for a report: an open end is null (JSON has no Infinity). */
export function finiteEnds(interval: Interval): { readonly low: number | null; readonly high: number | null } {
  return {
    low: Number.isFinite(interval.low) ? interval.low : null,
    high: Number.isFinite(interval.high) ? interval.high : null,
  };
}
