import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ComparisonCell, ComparisonRow, ComparisonSummary } from '../summary/comparison.js';
import type { RatioEstimate } from '../stats/ratio-interval.js';
import { formatLatency, formatPercent, formatRate } from './format.js';
import { comparisonLegend, formatPoints, ratioEstimateText } from './gate-text.js';

/**
 * The side-by-side comparison of variants in the terminal: one table per workload; per operation one row per
 * variant and, beneath each later variant, its ratios to the first with their 95% intervals. A ratio is green when
 * significantly better, red when significantly worse, dim (and marked ≈) when the interval contains 1.
 */
export function renderComparisonBlock(comparison: ComparisonSummary, c: ChalkInstance): string {
  const [first, ...rest] = comparison.variants;
  const title = `${c.bold('comparison')} ${c.dim(`· ${first ?? ''} (reference) vs ${rest.join(', ')}`)}`;
  const blocks = [title];
  for (const [workload, rows] of groupByWorkload(comparison.rows)) {
    blocks.push(`${c.bold.cyan(workload)}\n${comparisonTable(rows, first ?? '', c)}`);
  }
  const legend = [...comparisonLegend(comparison), ...comparison.notes.map((note) => `note: ${note}`)];
  blocks.push(legend.map((line) => c.dim(`  ${line}`)).join('\n'));
  return blocks.join('\n');
}

/** Rows by workload, in the order the workloads first appear. */
export function groupByWorkload(rows: readonly ComparisonRow[]): Map<string, ComparisonRow[]> {
  const groups = new Map<string, ComparisonRow[]>();
  for (const row of rows) groups.set(row.workload, [...(groups.get(row.workload) ?? []), row]);
  return groups;
}

function comparisonTable(rows: readonly ComparisonRow[], reference: string, c: ChalkInstance): string {
  const table = new Table({
    head: ['operation', 'variant', 'p50', 'p99', 'calls/s', 'errors'].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const row of rows) {
    row.cells.forEach((cell, index) => {
      const name = index === 0 ? row.operation : '';
      table.push([row.operation === 'all' ? c.bold(name) : name, cell.variant, ...comparisonFigures(cell)]);
      if (cell.vsFirst) table.push(['', c.dim(`  vs ${reference}`), ...ratios(cell.vsFirst, c)]);
    });
  }
  return table.toString().replace(/^/gm, '  ');
}

/** One variant's p50, p99, calls/s and error rate ("—" for latencies it did not measure). */
export function comparisonFigures(cell: ComparisonCell): string[] {
  if (cell.count === 0) return ['—', '—', formatRate(cell.throughputPerSec), '—'];
  return [formatLatency(cell.p50Us), formatLatency(cell.p99Us), formatRate(cell.throughputPerSec), formatPercent(cell.errorRate)];
}

function ratios(vs: NonNullable<ComparisonCell['vsFirst']>, c: ChalkInstance): string[] {
  const delta = vs.errorRateDelta;
  const errors = delta === null ? c.dim('—') : delta > 0 ? c.red(formatPoints(delta)) : delta < 0 ? c.green(formatPoints(delta)) : c.dim(formatPoints(delta));
  return [paint(vs.p50, 'lower', c), paint(vs.p99, 'lower', c), paint(vs.throughput, 'higher', c), errors];
}

function paint(estimate: RatioEstimate, better: 'lower' | 'higher', c: ChalkInstance): string {
  const text = ratioEstimateText(estimate);
  if (estimate.significant !== true || estimate.ratio === null) return c.dim(text);
  const improved = better === 'lower' ? estimate.ratio < 1 : estimate.ratio > 1;
  return improved ? c.green(text) : c.red(text);
}
