import type { ComparisonCell, ComparisonRow, ComparisonSummary } from '../../summary/comparison.js';
import type { RatioEstimate } from '../../stats/ratio-interval.js';
import type { WorkloadSummary } from '../../summary/summary.js';
import { formatCount, formatLatency, formatPercent, formatRate } from '../format.js';
import { formatPoints, ratioNumber } from '../gate-text.js';
import { esc } from './markup.js';
import { figure } from './svg-axes.js';
import { percentileSeries, renderPercentilePlot, type PercentileSeries } from './svg-percentiles.js';
import { renderRatioPlot } from './svg-ratios.js';

/**
 * Variants side by side, per workload: each variant's p50, p99, calls/s and error rate; later variants with their
 * ratio to the first and its 95% interval, and "no significant difference" where that interval contains 1. Then the
 * variants' percentile curves on one plot, the ratios as dots with whiskers, and the per-round figures behind them.
 */
export function renderComparison(comparison: ComparisonSummary, workloads: readonly WorkloadSummary[]): string {
  const parts = [`<h2>Comparison <span class="dim">${esc(comparison.variants.join(' vs '))}</span></h2>`, `<p>${esc(sourceLine(comparison))}</p>`];
  if (comparison.notes.length > 0) parts.push(`<ul class="notes">${comparison.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  for (const name of unique(comparison.rows.map((r) => r.workload))) {
    const rows = comparison.rows.filter((r) => r.workload === name);
    parts.push(`<h3>${esc(name)}</h3>`, comparisonTable(rows));
    parts.push(`<div class="plots">${[variantPlot(name, workloads), ...rows.map(ratioFigure)].join('')}</div>`);
  }
  if (comparison.roundFigures.length > 0) parts.push(roundsTable(comparison));
  return `<section class="comparison">${parts.join('\n')}</section>`;
}

function sourceLine(c: ComparisonSummary): string {
  if (c.source === 'reports') return 'From saved reports, without rounds: each interval covers the sampling noise of the two runs only, not the drift between them.';
  return `Interleaved rounds: ${c.rounds} per variant (A B A B …), so machine drift hits every variant alike. Ratios are geometric means of the per-round ratios; intervals are 95% t-intervals on their logarithms. The first variant is the reference.`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A ratio with its interval, and what it means: significant or not (null: no interval, e.g. one round). */
function ratioCell(estimate: RatioEstimate): string {
  if (estimate.ratio === null) return '<span class="dim">— (no calls on one side)</span>';
  const interval = estimate.low !== null && estimate.high !== null ? ` <span class="ci">[${esc(ratioNumber(estimate.low))}–${esc(ratioNumber(estimate.high))}]</span>` : '';
  const meaning =
    estimate.significant === false ? '<br><span class="same">no significant difference</span>' : estimate.significant === null ? '<br><span class="dim">no interval</span>' : '';
  return `${esc(ratioNumber(estimate.ratio))}×${interval}${meaning}`;
}

function cellRow(cell: ComparisonCell): string[] {
  const vs = cell.vsFirst;
  const ref = '<span class="dim">reference</span>';
  return [
    `<span class="variant">${esc(cell.variant)}</span>`,
    esc(formatCount(cell.count)),
    esc(formatLatency(cell.p50Us)),
    vs ? ratioCell(vs.p50) : ref,
    esc(formatLatency(cell.p99Us)),
    vs ? ratioCell(vs.p99) : ref,
    esc(formatRate(cell.throughputPerSec)),
    vs ? ratioCell(vs.throughput) : ref,
    esc(formatPercent(cell.errorRate)),
    vs ? (vs.errorRateDelta === null ? '—' : esc(formatPoints(vs.errorRateDelta))) : ref,
  ];
}

function comparisonTable(rows: readonly ComparisonRow[]): string {
  const head = ['operation', 'variant', 'calls', 'p50', 'vs first', 'p99', 'vs first', 'calls/s', 'vs first', 'errors', 'vs first'];
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const th = head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.flatMap((row) =>
    row.cells.map((cell, i) => {
      const op = i === 0 ? `<td rowspan="${row.cells.length}">${row.operation === 'all' ? '<strong>all</strong>' : esc(row.operation)}</td>` : '';
      const tds = cellRow(cell).map((c, j) => `<td${numeric.has(j + 1) ? ' class="num"' : ''}>${c}</td>`).join('');
      return `<tr${i === 0 ? ' class="group"' : ''}>${op}${tds}</tr>`;
    }),
  );
  return `<table class="comparison"><thead><tr>${th}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

/** Each variant's run of this workload (all operations merged) as one line of an HDR plot. */
function variantPlot(name: string, workloads: readonly WorkloadSummary[]): string {
  const series = workloads
    .filter((w) => w.name === name && w.variant !== undefined)
    .map((w) => percentileSeries(w.variant ?? '', w.total.histogram, w.total.latencyUs))
    .filter((s): s is PercentileSeries => s !== null);
  if (series.length < 2) return '';
  const plot = renderPercentilePlot(series, 'variant-percentiles', `Latency by percentile per variant, ${name}`, ` data-workload="${esc(name)}"`);
  return figure('Latency by percentile, variants (all operations)', plot);
}

function ratioFigure(row: ComparisonRow): string {
  const plot = renderRatioPlot(row, `Ratios to the first variant, ${row.workload} ${row.operation}`);
  const legend = '<p class="note"><span class="key better">●</span> significantly better · <span class="key worse">●</span> significantly worse · <span class="key same">○</span> no significant difference (interval contains 1×)</p>';
  return plot === null ? '' : figure(`Ratios to ${row.cells[0]?.variant ?? 'the first variant'}: ${row.operation}`, plot + legend);
}

/** The per-round figures every interval comes from, folded away (a native <details>, no script). */
function roundsTable(c: ComparisonSummary): string {
  const rows = c.roundFigures.map((r) =>
    [r.round, r.variant, r.workload, r.operation, formatCount(r.count), formatLatency(r.p50Us), formatLatency(r.p99Us), formatRate(r.throughputPerSec), formatPercent(r.errorRate)]
      .map((v, i) => `<td${i === 0 || i >= 4 ? ' class="num"' : ''}>${esc(v)}</td>`)
      .join(''),
  );
  const head = ['round', 'variant', 'workload', 'operation', 'calls', 'p50', 'p99', 'calls/s', 'errors'].map((h, i) => `<th${i === 0 || i >= 4 ? ' class="num"' : ''}>${h}</th>`).join('');
  return `<details class="rounds"><summary>Per-round figures (${esc(formatCount(c.roundFigures.length))} rows)</summary><table><thead><tr>${head}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r}</tr>`).join('\n')}\n</tbody></table></details>`;
}
