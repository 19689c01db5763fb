import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../summary/summary.js';
import { formatCount, formatLatency, formatPercent, formatRate } from './format.js';
import { arrivalsShape, renderArrivals } from './arrivals-table.js';
import { renderClientBlock } from './client-table.js';
import { compareWithSequential } from './speedup.js';
import { renderBaselineBlock, renderGateLines, renderThresholdLines } from './gate-table.js';
import { renderComparisonBlock } from './comparison-table.js';
import { coldStartText } from '../summary/cold-start.js';
import { serverResourcesText } from '../metrics/server-resources.js';
import { floorLine, harnessLine, saturationWarning } from './harness-text.js';

export interface TableOptions {
  readonly color: boolean;
}

const HEAD = ['operation', 'calls', 'errors', 'calls/s', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean'];

/**
 * The terminal report: one table per workload with its connection costs, failures and thresholds; then the baseline
 * check and the variants side by side; the gate's verdict last, where the eye lands when the run ends.
 */
export function renderTable(summary: RunSummary, options: TableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const blocks = [c.bold(`mcp-bench · ${summary.scenario.name}`) + c.dim(` · ${summary.target.label}`)];
  summary.workloads.forEach((workload, index) => blocks.push(renderWorkload(summary, index, workload, c)));
  if (summary.gate.baseline) blocks.push(renderBaselineBlock(summary.gate.baseline, c));
  if (summary.comparison) blocks.push(renderComparisonBlock(summary.comparison, c));
  const floor = floorLine(summary.harness?.floor ?? null);
  if (floor) blocks.push(c.dim(floor));
  if (summary.partial) blocks.push(c.yellow(partialNote(summary)));
  const verdict = renderGateLines(summary, c);
  if (verdict.length > 0) blocks.push(verdict.join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

function partialNote(summary: RunSummary): string {
  const measured = summary.workloads.some((w) => w.total.count > 0);
  return measured ? 'Partial run: not every workload completed; figures cover what was measured.' : 'Nothing was measured.';
}

function renderWorkload(summary: RunSummary, index: number, workload: WorkloadSummary, c: ChalkInstance): string {
  const lines = [headline(workload, c)];
  if (workload.status === 'not-run') return [lines[0], `  ${c.dim('not run')}`, ...renderThresholdLines(workload, c)].join('\n');
  if (workload.connection) lines.push(c.dim(`  ${connectionLine(workload)}`));
  const coldStart = coldStartText(workload.coldStart, summary.target.kind === 'builtin' || summary.target.kind === 'stdio');
  if (coldStart) lines.push(c.dim(`  ${coldStart}`));
  if (workload.serverResources) lines.push(c.dim(`  ${serverResourcesText(workload.serverResources, workload.sessions.length)}`));
  if (workload.total.count > 0) lines.push(operationsTable(workload, c));
  lines.push(...renderArrivals(workload, c));
  for (const note of workload.engineNotes ?? []) lines.push(c.dim(`  note: ${note}`));
  lines.push(...renderClientBlock(workload, c));
  lines.push(...errorLines(workload, c));
  lines.push(...harnessLines(workload, c));
  const comparison = compareWithSequential(summary.workloads, index);
  if (comparison) lines.push(`  ${comparison}`);
  if (workload.failure) {
    lines.push(c.red(`  ✗ ${workload.failure.message} (${workload.failure.code})`));
    for (const line of workload.failure.serverStderr) lines.push(c.dim(`    server: ${line}`));
  }
  if (workload.status === 'interrupted') lines.push(c.yellow('  interrupted: figures cover the calls made before the stop'));
  if (workload.abandonedCalls) {
    lines.push(c.yellow(`  ${formatCount(workload.abandonedCalls)} calls still in flight when the grace period ended: abandoned, not counted`));
  }
  lines.push(...renderThresholdLines(workload, c));
  return lines.join('\n');
}

function headline(workload: WorkloadSummary, c: ChalkInstance): string {
  const shape = arrivalsShape(workload, c) ?? (workload.type === 'sequential' ? 'sequential' : `${workload.type} · ${workload.concurrency} in flight`);
  const measured = workload.connection !== null;
  const counted = measured ? ` · ${formatCount(workload.total.count)} calls in ${formatLatency(workload.durationUs)}` : '';
  const warm = workload.total.warmupCalls > 0 ? ` (+${formatCount(workload.total.warmupCalls)} warmup)` : '';
  const engine = workload.engine === 'autocannon' ? ` ${c.magenta('[autocannon engine]')}` : '';
  const variant = workload.variant === undefined ? '' : `${c.bold.magenta(workload.variant)} · `;
  return `${variant}${c.bold.cyan(workload.name)}${engine} ${c.dim(`${shape}${counted}${warm}`)}`;
}

function connectionLine(workload: WorkloadSummary): string {
  const conn = workload.connection;
  if (!conn) return '';
  const parts = [];
  if (conn.serverStartUs !== null) parts.push(`server start ${formatLatency(conn.serverStartUs)}`);
  parts.push(`connect ${formatLatency(conn.connectUs)}`, `initialize ${formatLatency(conn.initializeUs)}`);
  const server = `${conn.server.name} ${conn.server.version}${conn.server.protocolVersion ? `, protocol ${conn.server.protocolVersion}` : ''}`;
  return `${parts.join(' · ')} · ${server}`;
}

function operationsTable(workload: WorkloadSummary, c: ChalkInstance): string {
  const table = new Table({
    head: HEAD.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...HEAD.slice(1).map(() => 'right' as const)],
  });
  for (const op of workload.operations) table.push(row(op, c));
  if (workload.operations.length > 1) table.push(row(workload.total, c).map((cell) => c.bold(cell)));
  return table.toString().replace(/^/gm, '  ');
}

function row(op: OperationSummary, c: ChalkInstance): string[] {
  const errors = op.count - op.ok;
  const errorCell = errors === 0 ? '0' : c.red(`${formatCount(errors)} (${formatPercent(op.errorRate)})`);
  const l = op.latencyUs;
  return [
    op.name,
    formatCount(op.count),
    errorCell,
    formatRate(op.throughputPerSec),
    ...[l.p50, l.p90, l.p95, l.p99, l.p999, l.max, l.mean].map((us) => (op.count === 0 ? '—' : formatLatency(us))),
  ];
}

/** mcp-bench's own load while measuring (dim), and the warning when it may have been the bottleneck (yellow). */
function harnessLines(workload: WorkloadSummary, c: ChalkInstance): string[] {
  if (!workload.harness) return [];
  const warning = saturationWarning(workload.harness);
  return [c.dim(`  ${harnessLine(workload.harness)}`), ...(warning ? [c.yellow(`  ⚠ ${warning}`)] : [])];
}

function errorLines(workload: WorkloadSummary, c: ChalkInstance): string[] {
  return workload.operations
    .filter((op) => Object.keys(op.errors).length > 0)
    .map((op) => {
      const kinds = Object.entries(op.errors).map(([kind, n]) => `${kind} ×${formatCount(n)}`);
      return c.red(`  errors · ${op.name}: ${kinds.join(', ')}`);
    });
}
