/**
 * The side-by-side comparison of variants (`variants:` + `compare: { rounds }`), or of saved reports
 * (`mcp-bench compare a.json b.json`). Plain data; built by compare/from-rounds.ts and compare/from-reports.ts, rendered by every reporter.
 */
import type { RatioEstimate } from '../stats/ratio-interval.js';

/** One variant's figures for one operation (merged over its rounds), and its ratios to the first variant. */
export interface ComparisonCell {
  readonly variant: string;
  readonly count: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly throughputPerSec: number;
  readonly errorRate: number;
  /** Absent for the first variant (the reference). */
  readonly vsFirst?: {
    readonly p50: RatioEstimate;
    readonly p99: RatioEstimate;
    readonly throughput: RatioEstimate;
    /**
     * Error rate difference in points (current − first), not a ratio: a rate of 0 has no ratio. null when either side
     * measured nothing (no rate to compare: never a "±0").
     */
    readonly errorRateDelta: number | null;
  };
}

/** One operation of one workload (`operation: "all"` is the workload's total), across the variants. */
export interface ComparisonRow {
  readonly workload: string;
  readonly operation: string;
  readonly cells: readonly ComparisonCell[];
}

/** Per-round figures, kept so the spread behind every interval can be checked. */
export interface RoundFigures {
  readonly round: number;
  readonly variant: string;
  readonly workload: string;
  readonly operation: string;
  readonly count: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly throughputPerSec: number;
  readonly errorRate: number;
}

export interface ComparisonSummary {
  /** `rounds`: interleaved in one run (A B A B …); `reports`: saved reports compared afterwards (no rounds). */
  readonly source: 'rounds' | 'reports';
  /** Rounds per variant (0 for saved reports). */
  readonly rounds: number;
  /** Variant names in order; the first is the reference of every ratio. For saved reports: their file names. */
  readonly variants: readonly string[];
  readonly rows: readonly ComparisonRow[];
  readonly roundFigures: readonly RoundFigures[];
  /** Caveats every reader should see (e.g. "from saved reports: intervals cover sampling noise only"). */
  readonly notes: readonly string[];
}
