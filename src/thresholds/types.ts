/**
 * The gates' data: thresholds as parsed from the scenario or `--threshold`, their results, and the baseline check.
 * Plain data only; the metrics are declared in metrics.ts, parsed by parse.ts and judged by judge.ts; the gate
 * applies them to a run (gate/threshold-eval.ts) and checks a baseline (gate/baseline.ts).
 */
import type { RegressionMetric, ThresholdMetric } from './metrics.js';

export const COMPARATORS = ['<', '<=', '>', '>=', '=='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** One parsed threshold, e.g. `p99<50ms` → { metric: 'p99', comparator: '<', limit: 50000 }. */
export interface ThresholdSpec {
  /** As written, trimmed: `p99 < 50ms`. Shown in every report. */
  readonly text: string;
  readonly metric: ThresholdMetric;
  readonly comparator: Comparator;
  /** In the metric's canonical unit: µs, 0..1, calls/s, a count or a ratio. */
  readonly limit: number;
  /** Stop the run as soon as this threshold fails on the rolling window while running (k6's abortOnFail). */
  readonly abortOnFail: boolean;
  /** abortOnFail only: not checked before this long into the measured phase (µs; 0: from the first window). */
  readonly abortDelayUs: number;
  /** Where it was written: the scenario file, or `--threshold`. */
  readonly source: 'scenario' | 'cli';
}

/** The result of one threshold on one workload (operation: null → the workload's total). */
export interface ThresholdResult {
  readonly threshold: string;
  readonly metric: ThresholdMetric;
  readonly comparator: Comparator;
  readonly limit: number;
  readonly workload: string;
  /** Variant name in a `variants:` run (the workload of that variant), else absent. */
  readonly variant?: string;
  /** null: the workload's total (all operations). */
  readonly operation: string | null;
  /** Judged on this tenant's calls alone (its `thresholds:`); absent: every tenant's. */
  readonly tenant?: string;
  /** The measured value in the limit's unit; null when nothing was measured (then `passed` is false). */
  readonly measured: number | null;
  /** Measured calls behind the value: a threshold over zero samples fails, never passes vacuously. */
  readonly samples: number;
  readonly passed: boolean;
  /** Why it failed without a comparison: no calls measured, or the metric does not apply (no cache layer …). */
  readonly reason?: 'no-samples' | 'not-applicable';
  readonly source: 'scenario' | 'cli';
}

/** `p99=10%`: p99 may be at most 10% higher; `throughput=5%`: at most 5% lower; `error_rate=1%`: +1 point at most. */
export interface RegressionTolerance {
  readonly metric: RegressionMetric;
  /** Relative (0.1 = 10%) for latency and throughput; absolute (0.01 = one percentage point) for error_rate. */
  readonly allowed: number;
}

/**
 * One metric of one operation against the baseline. `ratio` is current / baseline (for error_rate: the difference,
 * current − baseline); `interval` is its 95% confidence interval from the sampling noise of both histograms.
 */
export interface RegressionCheck {
  readonly workload: string;
  readonly variant?: string;
  readonly operation: string;
  readonly metric: RegressionMetric;
  readonly baseline: number;
  readonly current: number;
  /** null when either side measured nothing (verdict no-samples) or the baseline figure is 0. */
  readonly ratio: number | null;
  readonly interval: readonly [number, number] | null;
  readonly allowed: number;
  /**
   * regressed: worse than allowed and beyond noise (exit 1); within-noise: worse than allowed but the interval
   * reaches "no change"; ok: within the allowance; no-samples: either side measured nothing (fails).
   */
  readonly verdict: 'ok' | 'within-noise' | 'regressed' | 'no-samples';
}

export interface BaselineSummary {
  /** The baseline report as named on the command line. */
  readonly file: string;
  readonly startedAt: string;
  readonly tolerances: readonly RegressionTolerance[];
  readonly checks: readonly RegressionCheck[];
  /** `workload / operation` present on one side only (not compared). */
  readonly unmatched: readonly string[];
  readonly passed: boolean;
}

export interface GateSummary {
  /** False when any threshold or the baseline check failed, or a threshold aborted the run. */
  readonly passed: boolean;
  readonly thresholds: { readonly passed: number; readonly failed: number };
  readonly baseline: BaselineSummary | null;
  /** Set when an abortOnFail threshold stopped the run. */
  readonly abortedBy: AbortedBy | null;
}

export interface AbortedBy {
  readonly workload: string;
  readonly variant?: string;
  readonly operation: string | null;
  readonly threshold: string;
  /** The threshold's metric: the unit `measured` is in. */
  readonly metric: ThresholdMetric;
  /** Measured on the rolling window when it failed. */
  readonly measured: number;
  /** µs into the measured phase. */
  readonly atUs: number;
}
