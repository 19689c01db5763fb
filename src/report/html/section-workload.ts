import type { OperationSummary, WorkloadSummary } from '../../summary/summary.js';
import { formatCount, formatLatency, formatPercent, formatRate } from '../format.js';
import { measuredText } from '../gate-text.js';
import { coldStartText } from '../../summary/cold-start.js';
import { serverResourcesText } from '../../metrics/server-resources.js';
import { harnessLine, saturationWarning } from '../harness-text.js';
import { esc, mark, table } from './markup.js';
import { figure } from './svg-axes.js';
import { percentileSeries, renderPercentilePlot, type PercentileSeries } from './svg-percentiles.js';
import { rateSteps, renderLatencyOverTimePlot, renderThroughputPlot } from './svg-timeline.js';

/** A workload's figures: what ran, the operations table, its thresholds and errors, and its plots. */
export function renderWorkload(workload: WorkloadSummary): string {
  const title = `<h2>${esc(workload.name)}${workload.variant === undefined ? '' : ` <span class="variant">${esc(workload.variant)}</span>`}</h2>`;
  const parts = [title, `<p class="shape">${esc(shapeLine(workload))}</p>`];
  if (workload.status === 'not-run') return section(parts.concat('<p class="dim">not run</p>'));
  parts.push(...statusNotes(workload), ...serverNotes(workload));
  if (workload.total.count > 0) parts.push(operationsTable(workload));
  parts.push(...arrivalsLine(workload), ...thresholdList(workload), ...errorList(workload));
  for (const note of workload.engineNotes ?? []) parts.push(`<p class="note">note: ${esc(note)}</p>`);
  parts.push(plots(workload));
  return section(parts);
}

function section(parts: readonly string[]): string {
  return `<section class="workload">${parts.join('\n')}</section>`;
}

function shapeLine(w: WorkloadSummary): string {
  const shape = w.type === 'sequential' ? 'sequential' : `${w.type} · ${w.concurrency} in flight`;
  const measured = w.connection !== null ? ` · ${formatCount(w.total.count)} calls in ${formatLatency(w.durationUs)}` : '';
  const warm = w.total.warmupCalls > 0 ? ` (+${formatCount(w.total.warmupCalls)} warmup)` : '';
  const engine = w.engine === 'autocannon' ? ' · autocannon engine (raw HTTP)' : '';
  const connection = w.connection ? ` · connect ${formatLatency(w.connection.connectUs)} · ${w.connection.server.name} ${w.connection.server.version}` : '';
  return `${shape}${measured}${warm}${engine}${connection}`;
}

function statusNotes(w: WorkloadSummary): string[] {
  const notes: string[] = [];
  if (w.failure) {
    notes.push(`<p class="bad">✗ ${esc(w.failure.message)} (${esc(w.failure.code)})</p>`);
    if (w.failure.serverStderr.length > 0) notes.push(`<pre class="stderr">${w.failure.serverStderr.map((l) => `server: ${esc(l)}`).join('\n')}</pre>`);
  }
  if (w.status === 'interrupted') notes.push('<p class="warn">interrupted: figures cover the calls made before the stop</p>');
  if (w.abandonedCalls) notes.push(`<p class="warn">${esc(formatCount(w.abandonedCalls))} calls still in flight when the grace period ended: abandoned, not counted</p>`);
  if (w.harness) {
    const warning = saturationWarning(w.harness);
    if (warning) notes.push(`<p class="warn">⚠ ${esc(warning)}</p>`);
    notes.push(`<p class="dim">${esc(harnessLine(w.harness))}</p>`);
  }
  return notes;
}

/** Cold start over several sessions, and the spawned servers' CPU and RSS. */
function serverNotes(w: WorkloadSummary): string[] {
  const coldStart = coldStartText(w.coldStart, null);
  const resources = w.serverResources ? serverResourcesText(w.serverResources, w.sessions.length) : null;
  return [coldStart, resources].flatMap((text) => (text ? [`<p class="dim">${esc(text)}</p>`] : []));
}

const HEAD = ['operation', 'calls', 'errors', 'calls/s', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean'];

function operationRow(op: OperationSummary, name: string): string[] {
  const l = op.latencyUs;
  const errors = op.count - op.ok;
  const noCalls = op.count === 0;
  const lat = (us: number): string => (noCalls ? '—' : esc(formatLatency(us)));
  return [
    name,
    esc(formatCount(op.count)),
    errors > 0 ? `<span class="bad">${esc(formatCount(errors))} (${esc(formatPercent(op.errorRate))})</span>` : '0',
    esc(formatRate(op.throughputPerSec)),
    ...[l.p50, l.p90, l.p95, l.p99, l.p999, l.max, l.mean].map(lat),
  ];
}

function operationsTable(w: WorkloadSummary): string {
  const rows = w.operations.map((op) => operationRow(op, esc(op.name)));
  if (w.operations.length > 1) rows.push(operationRow(w.total, '<strong>all</strong>'));
  return table(HEAD, rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'operations');
}

function arrivalsLine(w: WorkloadSummary): string[] {
  const a = w.arrivals;
  if (!a) return [];
  const dropped = a.dropped > 0 ? `<span class="bad">${esc(formatCount(a.dropped))} dropped</span>` : '0 dropped';
  return [`<p>arrivals: target ${esc(formatRate(a.targetRatePerSec))}/s, achieved ${esc(formatRate(a.achievedRatePerSec))}/s · ${esc(formatCount(a.sent))} of ${esc(formatCount(a.scheduled))} sent · ${dropped} · send lag p99 ${esc(formatLatency(a.sendLagUs.p99))}</p>`];
}

function thresholdList(w: WorkloadSummary): string[] {
  if (w.thresholds.length === 0) return [];
  const items = w.thresholds.map((t) => {
    const on = t.operation === null ? '' : ` on ${esc(t.operation)}`;
    const measured = esc(measuredText(t));
    return `<li>${mark(t.passed)} <code>${esc(t.threshold)}</code>${on}: ${measured}</li>`;
  });
  return [`<ul class="threshold-list">${items.join('')}</ul>`];
}

function errorList(w: WorkloadSummary): string[] {
  const lines = w.operations.flatMap((op) => {
    const kinds = Object.entries(op.errors).filter(([, n]) => n > 0);
    return kinds.length === 0 ? [] : [`<li>${esc(op.name)}: ${kinds.map(([kind, n]) => `<code>${esc(kind)}</code> ×${esc(formatCount(n))}`).join(', ')}</li>`];
  });
  return lines.length === 0 ? [] : [`<h3>Errors</h3><ul class="errors">${lines.join('')}</ul>`];
}

function plots(w: WorkloadSummary): string {
  const figures: string[] = [];
  const series = w.operations.map((op) => percentileSeries(op.name, op.histogram)).filter((s): s is PercentileSeries => s !== null);
  if (series.length > 0) {
    const label = `Latency by percentile, ${w.name}`;
    figures.push(figure('Latency by percentile', renderPercentilePlot(series, 'percentiles', label, ` data-workload="${esc(w.name)}"`)));
  }
  if (w.timeline && w.timeline.points.length > 0) {
    // Throughput and latency over time share their time axis: stacked in one column beside the percentile plot.
    const steps = rateSteps(w.timeline);
    const overTime = [figure('Throughput over time', renderThroughputPlot(steps, `Calls per second over time, ${w.name}`))];
    if (steps.some((s) => s.callsPerSec > 0)) overTime.push(figure('Latency over time (p50, p99 per interval)', renderLatencyOverTimePlot(steps, `p50 and p99 over time, ${w.name}`)));
    figures.push(`<div class="stack">${overTime.join('')}</div>`);
  }
  return figures.length === 0 ? '' : `<div class="plots">${figures.join('')}</div>`;
}
