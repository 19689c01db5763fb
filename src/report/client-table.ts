import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ClientOperationSummary } from '../summary/client-summary.js';
import type { OperationSummary, WorkloadSummary } from '../summary/summary.js';
import { formatCount, formatLatency, formatPercent } from './format.js';

type Column = { readonly head: string; readonly cell: (c: ClientOperationSummary) => string };

/** The columns of the client table, each shown only when some operation has that feature's figures. */
const COLUMNS: readonly { readonly has: (c: ClientOperationSummary) => boolean; readonly columns: readonly Column[] }[] = [
  {
    has: (c) => c.retry !== undefined,
    columns: [
      { head: 'attempts/call', cell: (c) => c.retry!.amplification.toFixed(2) },
      { head: 'ok 1st try → final', cell: (c) => `${formatPercent(c.retry!.successRateFirstAttempt)} → ${formatPercent(c.retry!.successRate)}` },
      { head: 'attempt p50', cell: (c) => formatLatency(c.retry!.attemptLatencyUs.p50) },
      { head: 'attempt p99', cell: (c) => formatLatency(c.retry!.attemptLatencyUs.p99) },
    ],
  },
  {
    has: (c) => c.cache !== undefined,
    columns: [
      { head: 'cache hits', cell: (c) => `${formatPercent(c.cache!.hitRatio)} of ${formatCount(c.cache!.hits + c.cache!.misses)}` },
      { head: 'hit p50', cell: (c) => (c.cache!.hits ? formatLatency(c.cache!.hitLatencyUs.p50) : '—') },
      { head: 'miss p50', cell: (c) => (c.cache!.misses ? formatLatency(c.cache!.missLatencyUs.p50) : '—') },
    ],
  },
  { has: (c) => c.dedup !== undefined, columns: [{ head: 'dedup joins', cell: (c) => formatCount(c.dedup!.joins + c.dedup!.repeats) }] },
  { has: (c) => c.queueWaitUs !== undefined, columns: [{ head: 'queue wait p50/p99', cell: (c) => waits(c.queueWaitUs!) }] },
  { has: (c) => c.rateLimitWaitUs !== undefined, columns: [{ head: 'rate wait p50/p99', cell: (c) => waits(c.rateLimitWaitUs!) }] },
  { has: (c) => c.endpointCalls !== undefined, columns: [{ head: 'per endpoint', cell: (c) => shares(c.endpointCalls!) }] },
  { has: (c) => c.sessionCalls !== undefined, columns: [{ head: 'per session', cell: (c) => shares(c.sessionCalls!) }] },
];

/** The client layers' figures per operation, and each layer's own counters beneath. Empty when no layer was on. */
export function renderClientBlock(workload: WorkloadSummary, c: ChalkInstance): string[] {
  const rows = workload.operations.filter((op): op is OperationSummary & { client: ClientOperationSummary } => op.client !== undefined);
  if (rows.length === 0 || !workload.client) return [];
  const columns = COLUMNS.filter((group) => rows.some((op) => group.has(op.client))).flatMap((group) => group.columns);
  const lines: string[] = [];
  if (columns.length > 0) {
    const table = new Table({
      head: ['client', ...columns.map((col) => col.head)].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colAligns: ['left', ...columns.map(() => 'right' as const)],
    });
    for (const op of rows) table.push([op.name, ...columns.map((col) => (op.count === 0 ? '—' : col.cell(op.client)))]);
    lines.push(table.toString().replace(/^/gm, '  '));
  }
  for (const [layer, stats] of Object.entries(workload.client.layers)) {
    const text = layerLine(layer, stats);
    if (text) lines.push(c.dim(`  ${text}`));
  }
  return lines;
}

/** One line of a layer's own counters; the layers whose figures are all in the table above say nothing. */
function layerLine(layer: string, stats: Readonly<Record<string, number | string>>): string | null {
  const n = (key: string): number => Number(stats[key] ?? 0);
  if (layer === 'breaker') return `breaker: ${stats['state']}, opened ${n('opens')}×, open ${formatLatency(n('openUs'))}, rejected ${formatCount(n('rejected'))}`;
  if (layer === 'cache') return `cache: ${formatCount(n('entries'))} entries, ${formatBytes(n('bytes'))}, ${formatCount(n('evictions'))} evicted, ${formatCount(n('expirations'))} expired`;
  if (layer === 'retry') return `retry: ${formatCount(n('retries'))} retries over ${formatCount(n('retriedCalls'))} calls, ${formatCount(n('exhausted'))} gave up`;
  if (layer.startsWith('pool') && (n('reconnects') > 0 || n('reconnectFailures') > 0 || n('sessions') > 1)) {
    return `${layer}: ${n('sessions')} sessions, ${n('reconnects')} reconnects, ${n('reconnectFailures')} failed reconnects`;
  }
  if ((layer === 'concurrency' || layer === 'rateLimit' || layer === 'rate-limit') && n('rejected') > 0) return `${layer}: ${formatCount(n('rejected'))} rejected`;
  return null;
}

function waits(stats: { p50: number; p99: number }): string {
  return `${formatLatency(stats.p50)} / ${formatLatency(stats.p99)}`;
}

function shares(calls: readonly number[]): string {
  const total = calls.reduce((a, b) => a + b, 0);
  return total === 0 ? '—' : calls.map((n) => `${Math.round((n / total) * 100)}%`).join(' ');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
