import type { WorkloadSummary } from '../../summary/summary.js';
import {
  LATENCY_COLUMNS,
  SERVICE_TIME_HEAD,
  headlineSegments,
  isStatusNote,
  type ErrorLine,
  type Note,
  type OpenModelView,
  type OperationRow,
  type Tone,
  type WorkloadView,
} from '../workload-view.js';
import { esc, mark, table } from './markup.js';
import { figure } from './svg-axes.js';
import { percentileSeries, renderPercentilePlot, type PercentileSeries } from './svg-percentiles.js';
import { rateSteps, renderLatencyOverTimePlot, renderThroughputPlot } from './svg-timeline.js';

/**
 * A workload's figures: what ran, how it ended, the operations table, its thresholds and errors, and its plots. The
 * words are the workload view's (workload-view.ts); the plots are drawn from the summary.
 */
export function renderWorkload(view: WorkloadView, workload: WorkloadSummary): string {
  const title = `<h2>${esc(view.name)}${view.variant === undefined ? '' : ` <span class="variant">${esc(view.variant)}</span>`}</h2>`;
  const parts = [title, shapeLine(view)];
  if (view.notRun) return section(parts.concat(`<p class="dim">${esc(view.notRun)}</p>`));
  parts.push(...view.facts.map((fact) => `<p class="dim">${esc(fact)}</p>`));
  // How the workload ended comes first on a page: a reader should not take a failed run's figures at face value.
  const [status, measurement] = [view.notes.filter(isStatusNote), view.notes.filter((n) => !isStatusNote(n))];
  parts.push(...status.map(noteHtml), ...measurement.filter((n) => n.kind !== 'engine').map(noteHtml));
  if (view.operations.length > 0) parts.push(operationsTable(view.operations));
  if (view.openModel) parts.push(...openModelHtml(view.openModel));
  for (const tenant of view.tenants) parts.push(`<p class="dim">${esc(tenant.title)}</p>`, operationsTable(tenant.operations));
  parts.push(...view.client.map((line) => `<p class="dim">${esc(line)}</p>`));
  parts.push(...speedupHtml(view.speedup), ...thresholdList(view), ...errorList(view.errors));
  parts.push(...measurement.filter((n) => n.kind === 'engine').map(noteHtml));
  parts.push(plots(workload));
  return section(parts);
}

function section(parts: readonly string[]): string {
  return `<section class="workload">${parts.join('\n')}</section>`;
}

const CLASS: Readonly<Record<Tone, string>> = { dim: 'dim', warning: 'warn', bad: 'bad' };

function shapeLine(view: WorkloadView): string {
  const segments = headlineSegments(view.headline).map((s) => (s.tone ? `<span class="${CLASS[s.tone]}">${esc(s.text)}</span>` : esc(s.text)));
  const engine = view.headline.engine ? ` · ${esc(view.headline.engine)}` : '';
  return `<p class="shape">${segments.join('')}${engine}</p>`;
}

const SIGN: Readonly<Record<NonNullable<Note['sign']>, string>> = { fail: '✗ ', warn: '⚠ ' };

function noteHtml(note: Note): string {
  const cls = note.kind === 'engine' ? 'note' : CLASS[note.tone];
  const text = `<p class="${cls}">${note.sign ? SIGN[note.sign] : ''}${esc(note.text)}</p>`;
  return note.detail.length === 0 ? text : `${text}\n<pre class="stderr">${note.detail.map(esc).join('\n')}</pre>`;
}

const HEAD = ['operation', 'calls', 'errors', 'calls/s', ...LATENCY_COLUMNS];

function operationRow(row: OperationRow): string[] {
  return [
    row.total ? `<strong>${esc(row.name)}</strong>` : esc(row.name),
    esc(row.calls),
    row.failed ? `<span class="bad">${esc(row.errors)}</span>` : esc(row.errors),
    esc(row.callsPerSec),
    ...LATENCY_COLUMNS.map((column) => esc(row.latency[column])),
  ];
}

function operationsTable(rows: readonly OperationRow[]): string {
  return table(HEAD, rows.map(operationRow), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'operations');
}

/** Beneath an open-model workload's operations: what its latency means, service time per operation, send lag. */
function openModelHtml(open: OpenModelView): string[] {
  const rows = open.serviceTime.map((row) => [
    esc(row.name),
    ...row.cells.map(esc),
    row.droppedAny ? `<span class="warn">${esc(row.dropped)}</span>` : esc(row.dropped),
  ]);
  const service = table([...SERVICE_TIME_HEAD], rows, [1, 2, 3, 4, 5], 'service-time');
  return [`<p class="dim">${esc(open.meaning)}</p>`, service, `<p class="dim">${esc(open.sendLag)}</p>`];
}

function speedupHtml([head, ...perOperation]: readonly string[]): string[] {
  if (head === undefined) return [];
  const list = perOperation.length === 0 ? '' : `<ul class="notes">${perOperation.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`;
  return [`<p>${esc(head)}</p>${list}`];
}

function thresholdList(view: WorkloadView): string[] {
  if (view.thresholds.length === 0) return [];
  const items = view.thresholds.map((t) => {
    const measured = t.limit === null ? t.measured : `${t.measured} · ${t.limit}`;
    return `<li>${mark(t.passed)} <code>${esc(t.threshold)}</code> <span class="dim">${esc(t.scope)}</span> ${esc(measured)}</li>`;
  });
  return [`<ul class="threshold-list">${items.join('')}</ul>`];
}

function errorList(errors: readonly ErrorLine[]): string[] {
  if (errors.length === 0) return [];
  const items = errors.map((e) => `<li>${esc(e.operation)}: ${e.kinds.map((k) => `<code>${esc(k.kind)}</code> ${esc(k.times)}`).join(', ')}</li>`);
  return [`<h3>Errors</h3><ul class="errors">${items.join('')}</ul>`];
}

function plots(w: WorkloadSummary): string {
  const figures: string[] = [];
  const series = w.operations.map((op) => percentileSeries(op.name, op.histogram, op.latencyUs)).filter((s): s is PercentileSeries => s !== null);
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
