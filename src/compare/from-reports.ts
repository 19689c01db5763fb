/**
 * `mcp-bench compare a.json b.json …`: saved reports side by side, each against the first. Pure: the reports come
 * in already loaded and labelled (by file name); a ComparisonSummary goes out, rendered like a variants run's.
 *
 * Saved reports have no rounds, so the intervals here can only cover the sampling noise within each run (from the
 * histograms the reports carry, combined as gate/baseline.ts does: significant when the two runs' 95% intervals do
 * not overlap), not the drift between runs made at different times or on different machines. The notes say so.
 */
import { counterpart, indexOperations, keyedOperations, type KeyedOperation } from './keyed-operations.js';
import type { ComparisonCell, ComparisonRow, ComparisonSummary } from '../summary/comparison.js';
import type { RatioEstimate } from '../stats/ratio-interval.js';
import type { RunSummary } from '../summary/summary.js';
import { workloadLabel } from '../summary/workload-label.js';
import { finiteEnds } from '../stats/interval.js';
import { changeBetween } from './operation-intervals.js';

export interface LabelledReport {
  /** How the report is named in the table: its file name. */
  readonly label: string;
  readonly summary: RunSummary;
}

export const SAMPLING_NOISE_NOTE =
  'compared from saved reports, which have no rounds: the intervals cover the sampling noise within each run only, ' +
  'not drift between the runs (another time, machine or neighbour). To measure that too, run the configurations as ' +
  'variants of one scenario with compare: { rounds: 5 }.';

/**
 * Rows: every operation of the first report, each workload's total (`all`) after its operations; in a report of a
 * variants run, per variant and workload (`cache · lookups`). Every row has one cell per report, in order; a report
 * without the operation gets an empty cell (count 0, no ratios) and a note.
 */
export function compareReports(reports: readonly LabelledReport[]): ComparisonSummary {
  const indexed = reports.map((report) => indexOperations(keyedOperations(report.summary)));
  const reference = reports[0] ? keyedOperations(reports[0].summary) : [];
  const missing: string[] = [];
  const rows = reference.map((first): ComparisonRow => {
    const cells = reports.map((report, index): ComparisonCell => {
      const others = indexed[index]!;
      const op = counterpart(first, others);
      if (op === undefined) missing.push(`${first.label} ${others.has(first.key) ? 'sends other arguments' : 'is not'} in ${report.label}`);
      return cellOf(report.label, op, index === 0 ? null : first);
    });
    return { workload: workloadLabel(first.workload, first.variant), operation: first.operation, cells };
  });
  return {
    source: 'reports',
    rounds: 0,
    variants: reports.map((r) => r.label),
    rows,
    roundFigures: [],
    notes: [SAMPLING_NOISE_NOTE, ...missing],
  };
}

/** A report that shares no workload with the first: comparing it would say nothing, not "no difference". */
export interface NothingInCommon {
  readonly label: string;
  /** The workloads of the first report and of this one, as `variant · name`. */
  readonly firstWorkloads: readonly string[];
  readonly workloads: readonly string[];
}

/**
 * Each report after the first that has no operation in common with it (same variant, workload and operation,
 * sending the same request). `compare` refuses those as bad input instead of printing an empty comparison.
 */
export function nothingInCommon(reports: readonly LabelledReport[]): NothingInCommon[] {
  const [first, ...rest] = reports;
  if (!first) return [];
  const reference = keyedOperations(first.summary);
  const workloads = (summary: RunSummary): string[] => [...new Set(summary.workloads.map((w) => workloadLabel(w.name, w.variant)))];
  return rest.flatMap((report) => {
    const others = indexOperations(keyedOperations(report.summary));
    if (reference.some((op) => counterpart(op, others) !== undefined)) return [];
    return [{ label: report.label, firstWorkloads: workloads(first.summary), workloads: workloads(report.summary) }];
  });
}

function cellOf(label: string, op: KeyedOperation | undefined, first: KeyedOperation | null): ComparisonCell {
  const s = op?.summary;
  const cell = {
    variant: label,
    count: s?.count ?? 0,
    p50Us: s?.latencyUs.p50 ?? 0,
    p99Us: s?.latencyUs.p99 ?? 0,
    throughputPerSec: s?.throughputPerSec ?? 0,
    errorRate: s?.errorRate ?? 0,
  };
  if (first === null) return cell;
  return {
    ...cell,
    vsFirst: {
      p50: ratioEstimate(op, first, 'p50'),
      p99: ratioEstimate(op, first, 'p99'),
      throughput: ratioEstimate(op, first, 'throughput'),
      // 0% of no calls is not 0%: no difference when either side measured nothing.
      errorRateDelta: cell.count > 0 && first.summary.count > 0 ? cell.errorRate - first.summary.errorRate : null,
    },
  };
}

const NO_RATIO: RatioEstimate = { ratio: null, low: null, high: null, significant: null };

/**
 * This report's figure over the first's, with the interval of the ratio from both runs' sampling noise. Either side
 * without calls (or without a throughput): no ratio. An open end (too few calls to bound a percentile) is null;
 * `significant` still holds when the bounded end alone excludes 1. Without histograms: the ratio, no interval.
 */
export function ratioEstimate(op: KeyedOperation | undefined, first: KeyedOperation, metric: 'p50' | 'p99' | 'throughput'): RatioEstimate {
  const found = op && changeBetween(op, first, metric);
  if (!found) return NO_RATIO;
  const { change, interval } = found;
  if (interval === null) return { ratio: change, low: null, high: null, significant: null };
  return { ratio: change, ...finiteEnds(interval), significant: interval.low > 1 || interval.high < 1 };
}
